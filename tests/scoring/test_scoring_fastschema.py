"""The generated acceptor agrees with jsonschema on valid records and on random mutations."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.resources import load_json
from byline.schemas import RECORD_SCHEMAS, registry, validator
from byline.scoring.fastschema import NotCompilable, compile_acceptor
from byline.scoring.gold import iter_gold_records
from byline.scoring.validation import acceptor

DATA = Path(__file__).resolve().parents[1] / "data"
DATASET = DATA / "scoring" / "dataset"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**6) | st.sampled_from([0.0, 5.0, 2.5, -1.0, float(2**60)])
    | st.text(max_size=4) | st.sampled_from(["PERSON", "yes", "direct", "0" * 64, "CLAIM", ""]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(
        ["start", "end", "label", "id", "x", "contents", "cue"]), children, max_size=3),
    max_leaves=6,
)


def samples() -> dict[str, list[Any]]:
    gold = list(iter_gold_records(DATASET, "test"))
    predictions = [json.loads(line) for line in
                   (DATA / "scoring" / "predictions" / "fixture-system.jsonl").read_text().splitlines()]
    strings = [{"id": "x", "entities": [{"text": "Oslo", "label": "GPE"}], "claims": [{"text": "a", "checkworthy": "no"}],
                "attributions": [{"cue": None, "sources": ["a"], "contents": ["b"], "type": "direct"}],
                "boilerplate": [{"text": "c"}]}]
    results = [json.loads((p).read_text()) for p in sorted((DATA / "results").glob("*/*.json"))]
    for result in results:
        result["documents"] = result["documents"][:2]
    return {"gold": gold, "prediction": predictions, "strings": strings, "result": results}


SAMPLES = samples()


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += paths(value, (*prefix, i))
    return out


def mutate(record: Any, data: st.DataObject) -> Any:
    record = copy.deepcopy(record)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(paths(record)))
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
def test_valid_samples_are_accepted(kind: str) -> None:
    for record in SAMPLES[kind]:
        assert validator(kind).is_valid(record)
        assert acceptor(kind)(record)


@pytest.mark.parametrize("kind", sorted(RECORD_SCHEMAS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_acceptor_agrees_with_jsonschema_on_mutations(kind: str, data: st.DataObject) -> None:
    record = mutate(data.draw(st.sampled_from(SAMPLES[kind])), data)
    assert acceptor(kind)(record) == validator(kind).is_valid(record)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_acceptor_agrees_on_arbitrary_json(value: Any) -> None:
    for kind in RECORD_SCHEMAS:
        assert acceptor(kind)(value) == validator(kind).is_valid(value)


def test_every_record_schema_compiles() -> None:
    for name in RECORD_SCHEMAS.values():
        schema = load_json(name)
        compile_acceptor(schema, registry().resolver(schema["$id"]))  # raises NotCompilable if not


def test_unsupported_keyword_is_refused() -> None:
    with pytest.raises(NotCompilable, match="patternProperties"):
        compile_acceptor({"patternProperties": {}}, registry().resolver())
    with pytest.raises(NotCompilable, match="string enums"):
        compile_acceptor({"enum": [1, 2]}, registry().resolver())


def test_integer_semantics_follow_jsonschema() -> None:
    accept = compile_acceptor({"type": "integer", "minimum": 0}, registry().resolver())
    assert accept(5) and accept(5.0) and not accept(5.5) and not accept(True) and not accept(-1)
