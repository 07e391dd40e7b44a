"""Schema checks of records, fast for the valid ones and explicit for the others.

:func:`accepts` answers yes/no with an acceptor generated from the record's JSON Schema (see
:mod:`byline.scoring.fastschema`); :func:`schema_problems` asks ``jsonschema`` for every error of
a rejected record and words each as *found …; expected …* with its JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from jsonschema.exceptions import ValidationError

from byline.resources import load_json
from byline.schemas import RECORD_SCHEMAS, json_path, registry, validator
from byline.scoring.fastschema import Accept, NotCompilable, compile_acceptor


@dataclass(frozen=True)
class SchemaProblem:
    code: str
    path: str
    found: str
    expected: str


@cache
def acceptor(kind: str) -> Accept:
    """A fast validity test for one record kind of :data:`byline.schemas.RECORD_SCHEMAS`."""
    schema = load_json(RECORD_SCHEMAS[kind])
    try:
        return compile_acceptor(schema, registry().resolver(schema["$id"]))
    except NotCompilable:
        return validator(kind).is_valid


def accepts(kind: str, record: Any) -> bool:
    return acceptor(kind)(record)


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


def _expected(error: ValidationError) -> tuple[str, str, str]:
    """(code, found, expected) for one jsonschema error."""
    keyword = error.validator
    value: Any = error.validator_value
    found = quote(error.instance)
    if keyword == "required":
        missing = [name for name in value if isinstance(error.instance, dict) and name not in error.instance]
        names = ", ".join(repr(name) for name in missing)
        return "missing_property", f"no {names}", f"the required property {names}"
    if keyword == "additionalProperties":
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        return (
            "unexpected_property",
            "the property " + ", ".join(repr(name) for name in extra),
            "only " + ", ".join(allowed),
        )
    if keyword == "enum":
        field = error.absolute_path[-1] if error.absolute_path else ""
        code = "unknown_label" if field == "label" else "unknown_value"
        return code, found, "one of " + ", ".join(str(v) for v in value)
    if keyword == "type":
        types = [value] if isinstance(value, str) else list(value)
        return "wrong_type", found, " or ".join(_TYPE_WORDS.get(t, t) for t in types)
    if keyword == "minimum":
        return "out_of_range", found, f"a number ≥ {value}"
    if keyword == "maximum":
        return "out_of_range", found, f"a number ≤ {value}"
    if keyword == "minItems":
        return "too_short", found, f"at least {value} item{'s' if value != 1 else ''}"
    if keyword == "minLength":
        return "too_short", found, f"at least {value} character{'s' if value != 1 else ''}"
    if keyword == "pattern":
        if value == "^[0-9a-f]{64}$":
            return "bad_format", found, "a SHA-256 as 64 lower-case hex digits"
        return "bad_format", found, f"a string matching {value}"
    if keyword == "oneOf":
        options = [s.get("$ref", s.get("type", "?")) for s in value if isinstance(s, dict)]
        if any("span" in str(option) for option in options):
            return "wrong_type", found, 'a span {"start": int, "end": int} or null'
        return "schema", found, "exactly one of: " + ", ".join(str(o) for o in options)
    return "schema", found, error.message


def schema_problems(kind: str, record: Any) -> Iterator[SchemaProblem]:
    """Every schema error of ``record``, in document order."""
    errors = sorted(
        validator(kind).iter_errors(record),
        key=lambda e: [(1, p, "") if isinstance(p, int) else (0, 0, str(p)) for p in e.absolute_path],
    )
    for error in errors:
        code, found, expected = _expected(error)
        yield SchemaProblem(code, json_path(error.absolute_path), found, expected)
