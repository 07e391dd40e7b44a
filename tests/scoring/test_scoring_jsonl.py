"""Lines parsed by orjson, with the standard library's acceptance and wording."""

from __future__ import annotations

import gc
import json
import math

import pytest

from byline.scoring.jsonl import loads, paused_gc


def test_ordinary_lines_parse_as_the_standard_library_does() -> None:
    line = '{"id": "d1", "entities": [{"start": 0, "end": 5.0, "label": "PERSON"}], "t": "caf\\u00e9 ☕"}'
    assert loads(line.encode()) == json.loads(line)


def test_what_orjson_refuses_but_json_accepts_still_parses() -> None:
    assert math.isnan(loads(b'{"start": NaN}')["start"])
    assert loads(b'{"x": Infinity}')["x"] == float("inf")


def test_bad_lines_raise_the_standard_librarys_errors() -> None:
    with pytest.raises(UnicodeDecodeError):
        loads(b'{"id": "\xff"}')
    with pytest.raises(json.JSONDecodeError) as info:
        loads(b'{"id": }')
    assert info.value.msg == "Expecting value" and info.value.colno == 8


def test_an_integer_beyond_64_bits_comes_back_as_a_float() -> None:
    """The one stated difference (docs in byline.scoring.jsonl)."""
    assert loads(b"100000000000000000000000") == 1e23


def test_paused_gc_restores_the_collector() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
