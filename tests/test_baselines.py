"""The shipped baseline systems: real predictions, valid records, the documented behaviour."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from byline.baselines import BASELINES, run_baseline, write_predictions
from byline.baselines.rules import predict
from byline.schemas import validator

TEXT = (
    "Mayor Ana Lima said on Monday that the bridge would reopen in May.\n\n"
    "“We have spent $4.2 million on repairs,” said Carlos Ortega, the city engineer.\n\n"
    "The Harbour Authority denied that the works had been delayed by 15 per cent.\n\n"
    "Photo: Jane Doe/Harbour Post\n"
    "Share this article on Facebook\n"
    "© 2026 Harbour Post. All rights reserved.\n"
    "Leave a Reply\n"
    "Great news 🎉 finally"
)


def _texts(record: dict, layer: str) -> list[tuple[str, str | None]]:
    return [(TEXT[i["start"]:i["end"]], i.get("label")) for i in record[layer]]


def test_rules_finds_what_its_patterns_promise() -> None:
    record = predict(TEXT)
    entities = _texts(record, "entities")
    assert ("Monday", "DATE") in entities
    assert ("$4.2 million", "MONEY") in entities
    assert ("15 per cent", "PERCENT") in entities
    assert ("Carlos Ortega", "PERSON") in entities
    assert ("Harbour Authority", "ORG") in entities
    boilerplate = _texts(record, "boilerplate")
    assert ("Photo: Jane Doe/Harbour Post", "CREDIT") in boilerplate
    assert ("Share this article on Facebook", "CALL_TO_ACTION") in boilerplate
    assert ("© 2026 Harbour Post. All rights reserved.", "COPYRIGHT") in boilerplate
    assert ("Leave a Reply\nGreat news 🎉 finally", "COMMENTS") in boilerplate
    direct = [a for a in record["attributions"] if a["type"] == "direct"]
    assert len(direct) == 1
    quote = direct[0]
    assert TEXT[quote["contents"][0]["start"]:quote["contents"][0]["end"]] == "We have spent $4.2 million on repairs"
    assert TEXT[quote["sources"][0]["start"]:quote["sources"][0]["end"]] == "Carlos Ortega"
    indirect = {TEXT[a["contents"][0]["start"]:a["contents"][0]["end"]]: a for a in record["attributions"]
                if a["type"] == "indirect"}
    assert "the bridge would reopen in May" in indirect
    denial = next(a for a in record["attributions"] if a["cue"] and TEXT[a["cue"]["start"]:a["cue"]["end"]] == "denied")
    assert denial["stance"] == "denies"
    # nothing inside boilerplate is an entity, a claim or an attribution
    furniture_start = TEXT.index("Photo:")
    for layer in ("entities", "claims", "attributions"):
        for item in record[layer]:
            spans = item["contents"] if layer == "attributions" else [item]
            assert all(s["end"] <= furniture_start for s in spans), (layer, item)


def test_rules_entities_do_not_overlap() -> None:
    spans = sorted((e["start"], e["end"]) for e in predict(TEXT)["entities"])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_every_baseline_writes_valid_prediction_records(name: str) -> None:
    [record] = run_baseline(name, [{"id": "d1", "text_sha256": "0" * 64, "text": TEXT}])
    assert record["id"] == "d1"
    assert list(validator("prediction").iter_errors(record)) == []
    for layer in ("entities", "claims", "attributions", "boilerplate"):
        for item in record.get(layer, []):
            for span in item.get("contents", [item]):
                assert 0 <= span["start"] < span["end"] <= len(TEXT)


def test_reference_rows() -> None:
    nothing = BASELINES["nothing"].predict(TEXT)
    assert nothing == {"entities": [], "claims": [], "attributions": [], "boilerplate": []}
    lines = BASELINES["every-line-boilerplate"].predict(TEXT)
    assert set(lines) == {"boilerplate"}
    assert [TEXT[s["start"]:s["end"]] for s in lines["boilerplate"]] == [x for x in TEXT.splitlines() if x.strip()]
    sentences = BASELINES["every-sentence-claim"].predict(TEXT)
    assert set(sentences) == {"claims"}
    assert TEXT[sentences["claims"][0]["start"]:sentences["claims"][0]["end"]] == (
        "Mayor Ana Lima said on Monday that the bridge would reopen in May."
    )


def test_write_predictions_on_a_built_dataset(tmp_path: Path) -> None:
    gold = tmp_path / "dataset" / "gold"
    gold.mkdir(parents=True)
    src = Path(__file__).parent / "data" / "bad_exports" / "valid.json"
    from byline.build import build_dataset

    exports = tmp_path / "annotations" / "exports"
    exports.mkdir(parents=True)
    (exports / "valid.json").write_bytes(src.read_bytes())
    result = build_dataset(tmp_path / "annotations", tmp_path / "dataset", progress=False)
    assert result.output is not None
    out = tmp_path / "rules.jsonl"
    assert write_predictions("rules", tmp_path / "dataset", "test", out) == 1
    [line] = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["id"] == "doc-1" and set(record) >= {"entities", "claims", "attributions", "boilerplate"}
