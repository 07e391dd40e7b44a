"""The orchestrator, through properties that must hold for any gold data and any system."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_helpers import INV, write_dataset, write_jsonl

from byline.inventory import LAYERS
from byline.scoring.bootstrap import BootstrapSettings
from byline.scoring.gold import iter_gold_records, load_gold
from byline.scoring.scorer import score_predictions

DATASET = Path(__file__).resolve().parents[1] / "data" / "scoring" / "dataset"
GOLD_ONLY = {"id"}


def as_prediction(record: dict[str, Any]) -> dict[str, Any]:
    """A gold record as a perfect prediction record."""
    def strip(item: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in item.items() if k not in ("id", "claimer")}

    out: dict[str, Any] = {"id": record["id"], "text_sha256": record["text_sha256"]}
    out["entities"] = [strip(e) for e in record["entities"]]
    out["claims"] = [strip(c) for c in record["claims"]]
    out["boilerplate"] = [strip(b) for b in record["boilerplate"]]
    out["attributions"] = [
        {**strip(a), "cue": strip(a["cue"]) if a["cue"] else None,
         "sources": [strip(s) for s in a["sources"]], "contents": [strip(c) for c in a["contents"]]}
        for a in record["attributions"]
    ]
    return out


def perfect() -> list[dict[str, Any]]:
    return [as_prediction(r) for r in iter_gold_records(DATASET, "test")]


def numbers(block: Any, path: str = "") -> dict[str, float | None]:
    """Every precision, recall, f1 and accuracy in a summary, by path."""
    out: dict[str, float | None] = {}
    if isinstance(block, dict):
        for key, value in block.items():
            if key in ("precision", "recall", "f1", "accuracy"):
                out[f"{path}.{key}"] = value
            else:
                out.update(numbers(value, f"{path}.{key}"))
    return out


def score(tmp_path: Path, records: list[dict[str, Any]], name: str = "pred.jsonl", **kwargs: Any) -> Any:
    path = write_jsonl(tmp_path / name, records)
    return score_predictions(path, load_gold(DATASET, "test"), BootstrapSettings(resamples=200), **kwargs)


def test_gold_as_prediction_scores_one_everywhere(tmp_path: Path) -> None:
    result = score(tmp_path, perfect())
    assert list(result.layers) == list(LAYERS)
    assert result.overall == 1.0 and result.overall_ci95 == (1.0, 1.0)
    for layer in result.layers.values():
        assert layer.primary == 1.0 and layer.ci95 == (1.0, 1.0)
        for path, value in numbers(layer.summary).items():
            assert value == 1.0, f"{layer.name}{path}"
    assert not result.warnings


def test_reordering_items_and_records_changes_nothing(tmp_path: Path) -> None:
    base = score(tmp_path, perfect(), "a.jsonl")
    rng = random.Random(3)
    shuffled = perfect()
    # Perturb first so that the matching has work to do, then shuffle.
    for record in shuffled:
        for item in record["entities"][::2]:
            item["end"] = max(item["start"] + 1, item["end"] - 1)
        for attribution in record["attributions"]:
            attribution["contents"] = list(reversed(attribution["contents"]))
    perturbed = score(tmp_path, shuffled, "b.jsonl")
    for record in shuffled:
        for layer in LAYERS:
            rng.shuffle(record[layer])
    rng.shuffle(shuffled)
    again = score(tmp_path, shuffled, "c.jsonl")
    assert base.overall == 1.0
    for name in LAYERS:
        assert perturbed.layers[name].summary == again.layers[name].summary
        assert (perturbed.layers[name].per_doc == again.layers[name].per_doc).all()
        assert perturbed.layers[name].ci95 == again.layers[name].ci95


def _free_spans(text_length: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    covered = {p for s, e in taken for p in range(s, e)}
    return [(p, p + 1) for p in range(text_length) if p not in covered]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False), st.sampled_from(LAYERS))
def test_an_added_spurious_item_never_raises_precision(tmp_path: Path, rng: random.Random, layer: str) -> None:
    records = perfect()
    for record in records:  # make the system imperfect, so precision has room both ways
        for name in LAYERS:
            record[name] = record[name][: max(0, len(record[name]) - 1)]
    before = score(tmp_path, records, "before.jsonl")
    gold = {r["id"]: r for r in iter_gold_records(DATASET, "test")}
    target = rng.choice(records)
    g = gold[target["id"]]
    if layer == "attributions":
        taken = [(c["start"], c["end"]) for a in g["attributions"] for c in a["contents"]]
    else:
        taken = [(i["start"], i["end"]) for i in g[layer]]
    free = _free_spans(len(g["text"]), taken)
    if not free:
        return
    start, end = rng.choice(free)
    item: dict[str, Any] = {"start": start, "end": end}
    if layer == "entities":
        item["label"] = rng.choice(INV.entity_types)
    if layer == "attributions":
        item = {"cue": None, "sources": [], "contents": [item]}
    target[layer] = [*target[layer], item]
    after = score(tmp_path, records, "after.jsonl")
    old = numbers(before.layers[layer].summary)
    new = numbers(after.layers[layer].summary)
    for path, value in new.items():
        previous = old.get(path)
        if path.endswith(".precision") and value is not None and previous is not None:
            assert value <= previous + 1e-12, path


def test_empty_documents_and_empty_layers(tmp_path: Path) -> None:
    records = [{"id": r["id"], **{layer: [] for layer in LAYERS}} for r in perfect()]
    result = score(tmp_path, records)
    assert set(result.layers) == set(LAYERS)
    assert result.layers["entities"].summary["schemes"]["strict"]["recall"] == 0.0
    assert result.layers["entities"].summary["schemes"]["strict"]["precision"] == 0.0
    # Nothing in gold and nothing predicted: 1 by the zero-division rule.
    empty = write_dataset(tmp_path / "empty", {"test": [copy.deepcopy(next(iter_gold_records(DATASET, "test")))]})
    record = json.loads((empty / "gold" / "test.jsonl").read_text())
    for layer in LAYERS:
        record[layer] = []
    write_dataset(empty, {"test": [record]})
    path = write_jsonl(tmp_path / "empty.jsonl", [{"id": record["id"], **{layer: [] for layer in LAYERS}}])
    nothing = score_predictions(path, load_gold(empty, "test"), BootstrapSettings(resamples=50))
    assert nothing.overall == 1.0
    for layer in nothing.layers.values():
        assert all(v == 1.0 for k, v in numbers(layer.summary).items() if not k.endswith("accuracy")), layer.name


def test_layer_absent_everywhere_is_not_scored_and_partly_absent_is_a_warning(tmp_path: Path) -> None:
    records = perfect()
    for record in records:
        del record["claims"]
    del records[0]["boilerplate"]
    result = score(tmp_path, records)
    assert list(result.layers) == ["entities", "attributions", "boilerplate"]
    assert any(w.startswith("boilerplate: absent from 1 of 4 records") for w in result.warnings)
    assert result.layers["boilerplate"].primary < 1.0
    assert result.overall == pytest.approx(sum(layer.primary for layer in result.layers.values()) / 3)


def test_missing_documents_count_as_predicting_nothing(tmp_path: Path) -> None:
    records = perfect()[1:]
    result = score(tmp_path, records)
    assert result.missing_ids == ["fjord-fine"]
    assert any("fjord-fine" in w for w in result.warnings)
    strict = result.layers["entities"].summary["schemes"]["strict"]
    assert strict["precision"] == 1.0 and strict["recall"] < 1.0


def test_no_layer_at_all(tmp_path: Path) -> None:
    result = score(tmp_path, [{"id": r["id"]} for r in perfect()])
    assert result.layers == {} and result.overall is None
    assert any("no record has any layer" in w for w in result.warnings)


@pytest.mark.parametrize("batch_size", [1, 3])
def test_batches_do_not_change_counts(tmp_path: Path, batch_size: int) -> None:
    records = perfect()
    rng = random.Random(1)
    for record in records:
        for item in record["entities"]:
            item["start"] = max(0, item["start"] - rng.choice([0, 1]))
    whole = score(tmp_path, records, "whole.jsonl")
    parts = score(tmp_path, records, "parts.jsonl", batch_size=batch_size)
    for name in LAYERS:
        assert (whole.layers[name].per_doc == parts.layers[name].per_doc).all()
        assert whole.layers[name].summary == parts.layers[name].summary


def test_progress_reports_every_byte(tmp_path: Path) -> None:
    seen: list[int] = []
    path = write_jsonl(tmp_path / "p.jsonl", perfect())
    score_predictions(path, load_gold(DATASET, "test"), BootstrapSettings(resamples=10), progress=seen.append)
    assert sum(seen) == path.stat().st_size
