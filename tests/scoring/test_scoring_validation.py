"""Schema problems worded as found / expected, with JSON paths, from jsonschema-rs's errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_helpers import INV

from byline.schemas import RECORD_SCHEMAS
from byline.scoring.gold import iter_gold_records
from byline.scoring.validation import accepts, quote, schema_problems

DATA = Path(__file__).resolve().parents[1] / "data"
DATASET = DATA / "scoring" / "dataset"


def problems(record: object) -> list[tuple[str, str, str, str]]:
    return [(p.code, p.path, p.found, p.expected) for p in schema_problems("prediction", record)]


def test_each_keyword_has_its_wording() -> None:
    label = INV.entity_types[0]
    record = {
        "id": "",
        "text_sha256": "ABC",
        "entities": [{"start": -1, "end": "9", "label": "NOPE"}, {"start": 0, "label": label}],
        "attributions": [{"contents": [], "cue": 3}],
        "extra": 1,
    }
    found = problems(record)
    assert ("too_short", "$.id", '""', "at least 1 character") in found
    assert ("bad_format", "$.text_sha256", '"ABC"', "a SHA-256 as 64 lower-case hex digits") in found
    assert ("out_of_range", "$.entities[0].start", "-1", "a number ≥ 0") in found
    assert ("wrong_type", "$.entities[0].end", '"9"', "an integer") in found
    assert any(p[0] == "unknown_label" and p[1] == "$.entities[0].label" and p[3].startswith(f"one of {label}")
               for p in found)
    assert ("missing_property", "$.entities[1]", "no 'end'", "the required property 'end'") in found
    assert ("too_short", "$.attributions[0].contents", "[]", "at least 1 item") in found
    assert ("wrong_type", "$.attributions[0].cue", "3", 'a span {"start": int, "end": int} or null') in found
    assert ("unexpected_property", "$", "the property 'extra'",
            "only attributions, boilerplate, claims, entities, id, text_sha256") in found
    assert not accepts("prediction", record)


def test_unexpected_property_of_an_item_names_the_item_schema_properties() -> None:
    record = {"id": "x", "entities": [{"start": 0, "end": 1, "label": INV.entity_types[0], "text": "a"}]}
    assert problems(record) == [("unexpected_property", "$.entities[0]", "the property 'text'",
                                 "only end, id, label, score, start")]


def test_problems_come_in_document_order() -> None:
    record = {"id": "x", "entities": [{"start": 0, "end": 1, "label": "NOPE"} for _ in range(12)]}
    paths = [p[1] for p in problems(record)]
    assert paths == [f"$.entities[{i}].label" for i in range(12)]


def test_integer_semantics_are_draft_2020_12() -> None:
    """5.0 is an integer in JSON Schema; 5.5 and true are not."""
    def entity(start: Any) -> dict[str, Any]:
        return {"id": "x", "entities": [{"start": start, "end": 9, "label": INV.entity_types[0]}]}

    assert accepts("prediction", entity(5)) and accepts("prediction", entity(5.0))
    assert not accepts("prediction", entity(5.5)) and not accepts("prediction", entity(True))


def test_found_values_are_quoted_from_the_record_itself() -> None:
    """jsonschema-rs hands NaN back as null; the report quotes what the file said."""
    record = {"id": "x", "entities": [{"start": float("nan"), "end": 2**70, "label": INV.entity_types[0]}]}
    assert ("wrong_type", "$.entities[0].start", "NaN", "an integer") in problems(record)
    assert accepts("prediction", record) is False


def test_quote_shortens() -> None:
    assert quote("x" * 200).endswith("…") and len(quote("x" * 200)) == 80
    assert quote({"a": 1}) == '{"a": 1}'


def samples() -> dict[str, list[Any]]:
    gold = list(iter_gold_records(DATASET, "test"))
    predictions = [json.loads(line) for line in
                   (DATA / "scoring" / "predictions" / "fixture-system.jsonl").read_text().splitlines()]
    strings = [{"id": "x", "entities": [{"text": "Oslo", "label": "GPE"}], "claims": [{"text": "a", "checkworthy": "no"}],
                "attributions": [{"cue": None, "sources": ["a"], "contents": ["b"], "type": "direct"}],
                "boilerplate": [{"text": "c"}]}]
    results = [json.loads(p.read_text()) for p in sorted((DATA / "results").glob("*/*.json"))]
    for result in results:
        result["documents"] = result["documents"][:2]
    return {"gold": gold, "prediction": predictions, "strings": strings, "result": results}


SAMPLES = samples()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**6) | st.sampled_from([0.0, 5.0, 2.5, -1.0, float(2**60)])
    | st.text(max_size=4) | st.sampled_from(["PERSON", "yes", "direct", "0" * 64, "CLAIM", ""]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(
        ["start", "end", "label", "id", "x", "contents", "cue"]), children, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def mutate(record: Any, data: st.DataObject) -> Any:
    record = copy.deepcopy(record)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(_paths(record)))
        if not where:
            continue
        parent = record
        for part in where[:-1]:
            parent = parent[part]
        key = where[-1]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[key] = data.draw(json_values)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "label", "score", "stance", "start"]))] = data.draw(json_values)
        else:
            parent.append(data.draw(json_values))
    return record


@pytest.mark.parametrize("kind", sorted(RECORD_SCHEMAS))
def test_valid_samples_are_accepted_without_problems(kind: str) -> None:
    assert SAMPLES[kind]
    for record in SAMPLES[kind]:
        assert accepts(kind, record)
        assert list(schema_problems(kind, record)) == []


@pytest.mark.parametrize("kind", sorted(RECORD_SCHEMAS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_rejected_record_always_gets_worded_problems(kind: str, data: st.DataObject) -> None:
    """Nothing is rejected silently: a record is refused exactly when it has a worded problem,
    each with a JSON path, a found and an expected part."""
    record = mutate(data.draw(st.sampled_from(SAMPLES[kind])), data)
    found = list(schema_problems(kind, record))
    assert accepts(kind, record) == (not found)
    for problem in found:
        assert problem.path.startswith("$") and problem.found and problem.expected
