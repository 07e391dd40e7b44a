"""Reading JSON Lines fast: ``orjson`` for each line, the standard library for the rest.

:func:`loads` parses with ``orjson`` and falls back to :mod:`json` for whatever ``orjson``
refuses (``NaN``, ``Infinity``, bytes that are not UTF-8), so a line the standard library accepts
is accepted and a bad line is reported with its messages (``UnicodeDecodeError``,
``json.JSONDecodeError``). One difference remains: ``orjson`` reads an integer beyond 64 bits
as a float. Such a number can only be an offset far past any text, so it is still refused
(``start < end <= length``); the report then shows it as a float (``1e+23``). :func:`paused_gc` holds off Python's cyclic
garbage collector while many parsed records pass through: JSON values cannot form cycles, and
each collection would walk every container still alive (a third of the time of reading a large
gold file, measured by ``scripts/bench_score.py``).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson

READ_BUFFER = 1 << 20
"""The read buffer for JSON Lines files: lines of gold records run to many kilobytes, and
iterating over lines longer than the default 8 KiB buffer is about four times slower
(``scripts/bench_score.py``)."""


def loads(raw: bytes) -> Any:
    """One JSON value from UTF-8 bytes; raises ``UnicodeDecodeError`` or ``json.JSONDecodeError``."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw.decode("utf-8"))


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block (reference counting still frees memory)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
