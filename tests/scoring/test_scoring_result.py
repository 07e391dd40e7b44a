"""The result file: schema-checked, versioned, and old files stay loadable."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from byline.errors import BylineError, UsageError
from byline.inventory import load_inventory
from byline.scoring.bootstrap import BootstrapSettings
from byline.scoring.result import (
    SCHEMA_VERSION,
    build_result,
    check_result,
    document_counts,
    dumps_result,
    load_result,
    score_file,
    system_block,
    write_result,
)
from byline.scoring.scorer import layer_scorers

DATA = Path(__file__).resolve().parents[1] / "data"
DATASET = DATA / "scoring" / "dataset"
PREDICTIONS = DATA / "scoring" / "predictions" / "fixture-system.jsonl"
HISTORIC = sorted((DATA / "results").glob("*/*.json"))


@pytest.fixture(scope="module")
def result() -> dict:  # type: ignore[type-arg]
    record, _ = score_file(PREDICTIONS, DATASET, "test", system=system_block(default_name="fixture"),
                           settings=BootstrapSettings(resamples=100))
    return record


@pytest.mark.parametrize("path", HISTORIC, ids=[f"{p.parent.name}/{p.stem}" for p in HISTORIC])
def test_historic_result_files_stay_loadable(path: Path) -> None:
    record = load_result(path)
    scorers = layer_scorers(load_inventory())
    assert record["layers"], path
    for layer, block in record["layers"].items():
        ids, columns, counts = document_counts(record, layer)
        assert len(ids) == record["dataset"]["documents"] and counts.shape == (len(ids), len(columns))
        scorer = scorers[layer]
        if tuple(columns) == scorer.columns:  # same scorer generation: the primary recomputes
            stats = scorer.statistics(counts.sum(axis=0)[None, :])
            assert stats[block["primary_metric"]][0] == pytest.approx(block["primary"], abs=1e-12)


def test_there_is_a_historic_fixture_of_the_current_schema() -> None:
    assert any(p.parent.name == SCHEMA_VERSION for p in HISTORIC)


def test_round_trip(result: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    path = tmp_path / "sub" / "result.json"
    write_result(result, path)
    assert load_result(path) == json.loads(json.dumps(result))
    text = path.read_text()
    assert text.count('\n    {"id": ') == result["dataset"]["documents"]  # one line per document
    assert not list(tmp_path.glob("sub/.*.tmp"))


def test_result_carries_what_the_leaderboard_needs(result: dict) -> None:  # type: ignore[type-arg]
    assert result["schema_version"] == SCHEMA_VERSION
    assert result["dataset"] == {"fingerprint": "5" * 64, "split": "test", "documents": 4,
                                 "inventory_version": load_inventory().version}
    assert len(result["predictions_sha256"]) == 64
    assert result["settings"]["seed"] == 12345 and result["settings"]["resamples"] == 100
    assert result["predictions"]["missing_documents"] == 1
    entities = result["layers"]["entities"]
    for scheme in ("strict", "exact", "partial", "type"):
        assert {"precision", "recall", "f1"} <= set(entities["schemes"][scheme])
    assert entities["primary_metric"] == "schemes.strict.f1"
    assert entities["primary"] == entities["schemes"]["strict"]["f1"]
    assert len(entities["ci95"]) == 2
    assert result["overall"] == pytest.approx(
        sum(block["primary"] for block in result["layers"].values()) / len(result["layers"]))
    assert [doc["id"] for doc in result["documents"]] == ["fjord-fine", "bridge-toll", "quiet-week", "empty-brief"]


def test_invalid_result_is_refused_with_paths(result: dict) -> None:  # type: ignore[type-arg]
    broken = copy.deepcopy(result)
    broken["layers"]["entities"]["primary"] = 1.5
    del broken["system"]
    with pytest.raises(BylineError) as caught:
        check_result(broken)
    message = str(caught.value)
    assert "$.layers.entities.primary: found 1.5; expected a number ≤ 1" in message
    assert "$: found no 'system'" in message


def test_unsupported_major_version(result: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    newer = dict(result, schema_version="2.0")
    path = tmp_path / "new.json"
    path.write_text(dumps_result(newer))
    with pytest.raises(BylineError, match=r"found 2.0; expected 1.x"):
        load_result(path)
    with pytest.raises(UsageError):
        load_result(tmp_path / "absent.json")


def test_system_block_from_manifest_and_options(tmp_path: Path) -> None:
    manifest = tmp_path / "system.json"
    manifest.write_text(json.dumps({"name": "sys", "version": "2", "url": "https://x"}))
    block = system_block(manifest, default_name="file", version="3", description=None)
    assert block == {"name": "sys", "version": "3", "url": "https://x", "description": None, "date": None}
    assert system_block(default_name="file")["name"] == "file"
    manifest.write_text(json.dumps({"name": "", "version": 2}))
    with pytest.raises(BylineError, match="system manifest is not valid"):
        system_block(manifest, default_name="file")


def test_build_result_is_deterministic_apart_from_the_time(result: dict) -> None:  # type: ignore[type-arg]
    again, _ = score_file(PREDICTIONS, DATASET, "test", system=system_block(default_name="fixture"),
                          settings=BootstrapSettings(resamples=100))
    assert {**again, "created_at": None} == {**result, "created_at": None}
    assert build_result  # the builder is public for callers holding a Score
