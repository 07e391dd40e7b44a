"""Reading result files for the leaderboard, and refusing the ones it must not rank: real result
files of the shipped baselines on the shipped corpus, edited into each kind of incompatibility."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from byline.errors import BylineError
from byline.inventory import LAYERS
from byline.leaderboard.baselines import BaselineRun, run_baselines
from byline.leaderboard.results import check_compatible, parse_result, read_result
from byline.scoring import load_gold, score_predictions
from leaderboard_helpers import built_corpus


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BaselineRun]:
    dataset = built_corpus(tmp_path_factory)
    out = tmp_path_factory.mktemp("baselines")
    return {run.name: run for run in run_baselines(dataset, out, "test")}


def _record(run: BaselineRun) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(run.result.read_text(encoding="utf-8"))
    return record


def test_a_result_file_reads_into_the_scores_the_scorer_computed(
    runs: dict[str, BaselineRun], tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = read_result(runs["rules"].result)
    score = score_predictions(runs["rules"].predictions, load_gold(built_corpus(tmp_path_factory), "test"))
    assert tuple(result.layers) == LAYERS
    for name, layer in result.layers.items():
        assert layer.primary == pytest.approx(score.layers[name].primary, abs=1e-12)
        assert layer.ci95 == pytest.approx(score.layers[name].ci95)
        assert layer.per_doc.shape == score.layers[name].per_doc.shape
    assert result.system.name == "rules" and result.split == "test"
    assert result.predictions_sha256 == score.predictions_sha256
    assert read_result(runs["every-sentence-claim"].result).does(["claims"])
    assert not read_result(runs["every-sentence-claim"].result).does(LAYERS)


def test_a_newer_result_schema_is_refused(runs: dict[str, BaselineRun]) -> None:
    record = _record(runs["rules"]) | {"schema_version": "2.0"}
    with pytest.raises(BylineError, match=r"(?s)r\.json: refused.*schema_version: found \"2\.0\"; expected 1\.x"):
        parse_result(record, "r.json")


def test_another_scorer_version_is_refused(runs: dict[str, BaselineRun]) -> None:
    record = _record(runs["rules"]) | {"scorer_version": "0.9.0"}
    with pytest.raises(BylineError, match=r"(?s)scorer_version: found \"0\.9\.0\".*rescore the predictions"):
        parse_result(record, "r.json")


def test_a_primary_its_counts_do_not_reproduce_is_refused(runs: dict[str, BaselineRun]) -> None:
    record = _record(runs["rules"])
    record["layers"]["claims"]["primary"] = 0.99
    with pytest.raises(BylineError, match=r"(?s)layers\.claims\.primary: found 0\.99.*per-document counts"):
        parse_result(record, "r.json")


def test_counts_of_other_columns_are_refused(runs: dict[str, BaselineRun]) -> None:
    record = _record(runs["rules"])
    record["document_columns"]["claims"] = ["gold", "predicted", "exact"]
    with pytest.raises(BylineError, match=r"(?s)document_columns\.claims.*incompatible scorer"):
        parse_result(record, "r.json")


def test_a_file_that_breaks_the_schema_is_refused_with_its_path(runs: dict[str, BaselineRun]) -> None:
    record = _record(runs["rules"])
    del record["dataset"]
    with pytest.raises(BylineError, match=r"r\.json:\$: found no 'dataset'"):
        parse_result(record, "r.json")


def test_unreadable_and_missing_files_are_clear(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BylineError, match=r"bad\.json: found unreadable JSON"):
        read_result(tmp_path / "bad.json")
    with pytest.raises(BylineError, match="no such result file"):
        read_result(tmp_path / "absent.json")


def test_files_of_other_gold_data_or_split_are_refused_together(runs: dict[str, BaselineRun], tmp_path: Path) -> None:
    other = _record(runs["nothing"])
    other["dataset"]["fingerprint"] = "0" * 64
    dev = _record(runs["every-sentence-claim"])
    dev["dataset"]["split"] = "dev"
    results = [read_result(runs["rules"].result), parse_result(other, "other.json"), parse_result(dev, "dev.json")]
    with pytest.raises(BylineError) as caught:
        check_compatible(results)
    message = str(caught.value)
    assert message.startswith("refused to build the leaderboard:")
    assert f"{'0' * 64} in other.json" in message and "different gold data" in message
    assert "dev in dev.json" in message and "one split" in message
