"""schema/ holds valid Draft 2020-12 schemas; the generated label enums do not drift."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from byline.resources import schema_dir
from byline.schemas import LABELS_SCHEMA_FILE, RECORD_SCHEMAS, render_labels_schema, validator

SCHEMA_FILES = sorted(p.name for p in schema_dir().glob("*.schema.json"))


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((schema_dir() / name).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_record_schema_is_present() -> None:
    assert set(RECORD_SCHEMAS.values()) | {LABELS_SCHEMA_FILE} <= set(SCHEMA_FILES)


def test_labels_schema_matches_the_inventory() -> None:
    checked_in = (schema_dir() / LABELS_SCHEMA_FILE).read_text(encoding="utf-8")
    assert checked_in == render_labels_schema(), "regenerate with `byline studio config --write`"


def test_prediction_schema_takes_labels_from_the_inventory() -> None:
    errors = list(validator("prediction").iter_errors(
        {"id": "d1", "entities": [{"start": 0, "end": 2, "label": "PERSONA"}]}
    ))
    assert len(errors) == 1 and "PERSONA" in errors[0].message
    assert not list(validator("prediction").iter_errors(
        {"id": "d1", "entities": [{"start": 0, "end": 2, "label": "PERSON"}], "claims": []}
    ))


def test_prediction_attribution_needs_a_content() -> None:
    errors = list(validator("prediction").iter_errors(
        {"id": "d1", "attributions": [{"cue": None, "sources": [], "contents": []}]}
    ))
    assert errors
