"""Golden fixtures: small hand-computed cases in tests/data/scoring/golden/, run end to end.

Each fixture lists documents (gold items and a prediction record, or null for none) and the
expected numbers, written as exact fractions worked out by hand; the fixtures are built so that
precision and recall differ, so swapping them fails.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from scoring_helpers import gold_record, write_dataset, write_jsonl

from byline.scoring.result import score_file, system_block

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "scoring" / "golden"
CASES = sorted(GOLDEN.glob("*.json"))


def filler(length: int) -> str:
    return "".join(chr(ord("a") + i % 26) for i in range(length))


def run_case(case: dict[str, Any], tmp_path: Path) -> tuple[dict[str, Any], tuple[str, ...]]:
    gold = [gold_record(doc["id"], filler(doc["length"]), **doc["gold"]) for doc in case["documents"]]
    dataset = write_dataset(tmp_path / "dataset", {"test": gold})
    predictions = write_jsonl(tmp_path / "predictions.jsonl", [
        {"id": doc["id"], **doc["prediction"]} for doc in case["documents"] if doc["prediction"] is not None
    ])
    return score_file(predictions, dataset, "test", system=system_block(default_name="golden"))


def lookup(block: Any, path: str) -> Any:
    for part in path.split("."):
        block = block[part]
    return block


def check(actual: Any, expected: Any, where: str) -> None:
    if isinstance(expected, str):
        try:
            value = Fraction(expected)
        except ValueError:
            assert actual == expected, where
            return
        assert actual == pytest.approx(float(value), abs=1e-12), f"{where}: {actual} != {expected}"
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path: Path, tmp_path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    result, _ = run_case(case, tmp_path)
    expected = case["expected"]
    check(result["overall"], expected["overall"], "overall")
    if "overall_layers" in expected:
        assert result["overall_layers"] == expected["overall_layers"]
        assert list(result["layers"]) == expected["overall_layers"]
    if "missing_documents" in expected:
        assert result["predictions"]["missing_documents"] == expected["missing_documents"]
    for layer, metrics in expected.items():
        if not isinstance(metrics, dict):
            continue
        for metric, value in metrics.items():
            check(lookup(result["layers"][layer], metric), value, f"{path.stem}: {layer}.{metric}")


def test_every_fixture_has_precision_unequal_recall_somewhere() -> None:
    for path in CASES:
        metrics = [m for layer in json.loads(path.read_text())["expected"].values() if isinstance(layer, dict)
                   for m in layer.items()]
        pairs = {m[: -len(".precision")]: v for m, v in metrics if m.endswith(".precision")}
        recalls = {m[: -len(".recall")]: v for m, v in metrics if m.endswith(".recall")}
        assert any(Fraction(pairs[k]) != Fraction(recalls[k]) for k in pairs if k in recalls), path.stem


def test_missing_document_is_a_warning(tmp_path: Path) -> None:
    case = json.loads((GOLDEN / "overall.json").read_text(encoding="utf-8"))
    _, warnings = run_case(case, tmp_path)
    assert any("1 of 2 gold documents" in w and "d2" in w for w in warnings)
