"""Schema checks of records with ``jsonschema-rs``, worded as *found …; expected …* at a JSON path.

:func:`accepts` answers yes/no; :func:`schema_problems` lists every error of a record, each
worded from the error's kind (``required``, ``enum``, ``type`` …) with its JSON path. Both use
one compiled Draft 2020-12 validator per record kind (:data:`byline.schemas.RECORD_SCHEMAS`),
with the schemas of ``schema/`` in its registry, so the judgement and the report always agree.
``jsonschema-rs`` checks a 70-item prediction record in a few microseconds; ``jsonschema``
(still used for the few checks outside scoring) takes about 10 ms.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from byline.resources import load_json, schema_dir
from byline.schemas import RECORD_SCHEMAS, json_path

if TYPE_CHECKING:
    import jsonschema_rs


@dataclass(frozen=True)
class SchemaProblem:
    code: str
    path: str
    found: str
    expected: str


@cache
def _schemas() -> dict[str, Any]:
    """Every schema of schema/ by its ``$id``."""
    out: dict[str, Any] = {}
    for path in sorted(schema_dir().glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        out[contents["$id"]] = contents
    return out


@cache
def record_validator(kind: str) -> jsonschema_rs.Validator:
    """A compiled Draft 2020-12 validator for one record kind: gold, prediction, result or strings."""
    import jsonschema_rs

    registry = jsonschema_rs.Registry(list(_schemas().items()))
    return jsonschema_rs.Draft202012Validator(load_json(RECORD_SCHEMAS[kind]), registry=registry)


def accepts(kind: str, record: Any) -> bool:
    return record_validator(kind).is_valid(record)


def quote(value: Any, limit: int = 80) -> str:
    """A JSON rendering of a found value, shortened to ``limit`` characters."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TYPE_WORDS = {
    "object": "a JSON object", "array": "a JSON array", "string": "a string", "integer": "an integer",
    "number": "a number", "boolean": "true or false", "null": "null",
}


def _schema_at(location: str | None) -> Any:
    """The schema node at an absolute keyword location (``urn:…#/json/pointer``), or None."""
    if not location or "#" not in location:
        return None
    base, pointer = location.split("#", 1)
    node: Any = _schemas().get(base)
    for part in pointer.split("/")[1:]:
        key = urllib.parse.unquote(part).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return None
    return node


def _parent_schema(error: jsonschema_rs.ValidationError) -> dict[str, Any]:
    """The schema object holding the failed keyword."""
    location = error.absolute_keyword_location
    parent = _schema_at(location.rsplit("/", 1)[0]) if location else None
    return parent if isinstance(parent, dict) else {}


def _plural(n: Any, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _value_at(record: Any, path: list[str | int], default: Any) -> Any:
    """The value at an instance path of the record itself (jsonschema-rs's copy of it turns
    ``NaN`` into null), or ``default``."""
    node = record
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return default
    return node


def _expected(error: jsonschema_rs.ValidationError, record: Any) -> tuple[str, str, str]:
    """(code, found, expected) for one jsonschema-rs error of ``record``."""
    kind = error.kind.name
    detail = error.kind.as_dict()
    found = quote(_value_at(record, error.instance_path, error.instance))
    if kind == "required":
        name = repr(detail["property"])
        return "missing_property", f"no {name}", f"the required property {name}"
    if kind == "additionalProperties":
        allowed = sorted(_parent_schema(error).get("properties", {}))
        return (
            "unexpected_property",
            "the property " + ", ".join(repr(name) for name in detail["unexpected"]),
            "only " + ", ".join(allowed),
        )
    if kind == "enum":
        field = error.instance_path[-1] if error.instance_path else ""
        code = "unknown_label" if field == "label" else "unknown_value"
        return code, found, "one of " + ", ".join(str(v) for v in detail["options"])
    if kind == "type":
        return "wrong_type", found, " or ".join(_TYPE_WORDS.get(t, t) for t in detail["types"])
    if kind == "minimum":
        return "out_of_range", found, f"a number ≥ {detail['limit']}"
    if kind == "maximum":
        return "out_of_range", found, f"a number ≤ {detail['limit']}"
    if kind == "minItems":
        return "too_short", found, f"at least {_plural(detail['limit'], 'item')}"
    if kind == "minLength":
        return "too_short", found, f"at least {_plural(detail['limit'], 'character')}"
    if kind == "pattern":
        if detail["pattern"] == "^[0-9a-f]{64}$":
            return "bad_format", found, "a SHA-256 as 64 lower-case hex digits"
        return "bad_format", found, f"a string matching {detail['pattern']}"
    if kind in ("oneOf", "oneOfNotValid", "oneOfMultipleValid"):
        options = [s.get("$ref", s.get("type", "?")) for s in _parent_schema(error).get("oneOf", [])
                   if isinstance(s, dict)]
        if any("span" in str(option) for option in options):
            return "wrong_type", found, 'a span {"start": int, "end": int} or null'
        return "schema", found, "exactly one of: " + ", ".join(str(o) for o in options)
    return "schema", found, error.message


def schema_problems(kind: str, record: Any) -> Iterator[SchemaProblem]:
    """Every schema error of ``record``, in document order."""
    errors = sorted(
        record_validator(kind).iter_errors(record),
        key=lambda e: [(1, p, "") if isinstance(p, int) else (0, 0, str(p)) for p in e.instance_path],
    )
    for error in errors:
        code, found, expected = _expected(error, record)
        yield SchemaProblem(code, json_path(error.instance_path), found, expected)
