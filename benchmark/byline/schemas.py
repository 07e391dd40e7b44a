"""The JSON Schemas of schema/ (Draft 2020-12), and validators for them.

``schema/labels.schema.json`` is generated from the label inventory (``byline studio config``
regenerates it with the Label Studio config; a test fails when the checked-in copy drifts). The
record schemas are written by hand and take their label enums from it by ``$ref``, so that no
label name is written twice.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from byline.inventory import Inventory, load_inventory
from byline.resources import load_json, schema_dir

if TYPE_CHECKING:  # imported where used: `byline score` checks records with jsonschema-rs
    from jsonschema import Draft202012Validator
    from referencing import Registry

LABELS_SCHEMA_FILE = "labels.schema.json"
RECORD_SCHEMAS = {
    "gold": "gold_document.schema.json",
    "prediction": "prediction.schema.json",
    "result": "result.schema.json",
    "strings": "string_prediction.schema.json",
}


def generate_labels_schema(inventory: Inventory | None = None) -> dict[str, Any]:
    """The enums of the inventory as a JSON Schema ``$defs`` document."""
    inv = inventory or load_inventory()
    defs: dict[str, Any] = {}
    for layer in inv.layers.values():
        defs[f"{layer.name}_label"] = {
            "description": layer.description,
            "enum": list(layer.label_names),
        }
        for attribute in layer.attributes:
            defs[f"{layer.name}_{attribute.name}"] = {
                "description": attribute.definition,
                "enum": list(attribute.values),
            }
        if layer.relations:
            defs[f"{layer.name}_relation"] = {"enum": [r.name for r in layer.relations]}
    defs["conll_label"] = {"enum": list(inv.collapse_labels)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:byline:schema:labels",
        "$comment": "Generated from schema/labels.json by `byline studio config --write`. Do not edit by hand.",
        "title": "Byline label enums",
        "$defs": defs,
    }


def render_labels_schema(inventory: Inventory | None = None) -> str:
    return json.dumps(generate_labels_schema(inventory), indent=2, ensure_ascii=False) + "\n"


@cache
def registry() -> Registry:
    """All schemas of schema/, addressable by their ``$id``."""
    from referencing import Registry, Resource

    resources = []
    for path in sorted(schema_dir().glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    """A Draft 2020-12 validator for one record kind: gold, prediction, result or strings."""
    from jsonschema import Draft202012Validator

    schema = load_json(RECORD_SCHEMAS[kind])
    return Draft202012Validator(schema, registry=registry())


def json_path(path: Any) -> str:
    """A jsonschema error's absolute path as ``$.a[0].b``."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
