"""Strict JSON: what Python's ``json`` accepts but no Label Studio export or prediction file can be.

Python's decoder takes ``NaN`` and ``Infinity``, keeps the *last* of two equal keys of an object
without a word, and decodes ``"\\ud800"`` into a string that cannot be written back as UTF-8.
:class:`StrictDecoder` decodes with the standard C decoder (so it stays as fast) and then names
each of these, with its JSON path, as a :class:`Finding`:

- a key given twice in one object (``object_pairs_hook`` sees every pair);
- ``NaN``, ``Infinity``, ``-Infinity`` (``parse_constant``; the value is a :class:`NonFinite`);
- a lone surrogate in a string or key (only searched for when the raw text holds the escape of
  a surrogate that is not half of a pair, so valid files pay one regular-expression scan).

Two failures of the decoder itself are turned into :class:`DecodeLimit` (never a traceback):
nesting deeper than Python's recursion limit, and an integer beyond Python's digit limit
(4,300 digits by default). Integers beyond int64 are left to the readers, which check the fields
they read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_NUMBER = re.compile(r"-?\d{4000,}")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class Finding:
    """One strictness problem inside a decoded value; ``path`` is relative to it (``$…``)."""

    code: str
    path: str
    found: str
    expected: str


class NonFinite:
    """Stands for a ``NaN`` / ``Infinity`` / ``-Infinity`` literal in the decoded value."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


class DecodeLimit(ValueError):
    """The decoder gave up: nesting too deep, or a number too long. ``pos`` is where (an index
    into the decoded text, as for :class:`json.JSONDecodeError`)."""

    def __init__(self, code: str, message: str, pos: int) -> None:
        super().__init__(message)
        self.code = code
        self.msg = message
        self.pos = pos


def fits_int64(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX


def key_path(path: str, key: str) -> str:
    """``path`` extended by an object key, in the ``$.name`` / ``$["odd key"]`` notation."""
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=True)}]"


def escape(text: str, limit: int = 60) -> str:
    """A string quoted for a one-line message: control characters, newlines and lone
    surrogates escaped, shortened to ``limit`` characters."""
    quoted = json.dumps(text[:limit], ensure_ascii=False)
    quoted = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    return quoted + ("…" if len(text) > limit else "")


def describe(value: Any, limit: int = 60) -> str:
    """A short rendering of any decoded value for a message; never recurses (deeply nested
    values are safe)."""
    if isinstance(value, str):
        return escape(value, limit) + " (a string)"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        text = str(value) if value.bit_length() < 200 else f"an integer of {len(str(abs(value)))} digits"
        return text
    if isinstance(value, float | NonFinite):
        return repr(value)
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        keys = ", ".join(escape(str(k), 20) for k in list(value)[:4])
        return f"an object with keys {keys}{', …' if len(value) > 4 else ''}" if value else "an empty object"
    return type(value).__name__


def _lone_surrogate_escape(text: str, pos: int, end: int) -> bool:
    """Does ``text[pos:end]`` hold the escape of a surrogate that is not half of a pair? (A
    pair, e.g. ``\\ud83d\\ude00``, is one astral character and fine.)"""
    pending = -1  # where the low half of the last high surrogate must start
    for match in _SURROGATE_ESCAPE.finditer(text, pos, end):
        high = match.group()[3] in "89abAB"
        if pending != -1 and (high or match.start() != pending):
            return True
        if not high and pending == -1:
            return True
        pending = match.end() if high else -1
    return pending != -1


class StrictDecoder:
    """Decodes one JSON value at a time and lists what makes it not strictly JSON."""

    def __init__(self) -> None:
        self._duplicates: dict[int, list[str]] = {}
        self._constants = 0
        self._decoder = json.JSONDecoder(object_pairs_hook=self._object, parse_constant=self._constant)

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            self._duplicates[id(obj)] = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        return obj

    def _constant(self, name: str) -> NonFinite:
        self._constants += 1
        return NonFinite(name)

    def raw_decode(self, text: str, pos: int = 0) -> tuple[Any, int, list[Finding]]:
        """Decode the value starting at ``text[pos]``: ``(value, end, findings)``.

        Raises :class:`json.JSONDecodeError` for text that is not JSON and :class:`DecodeLimit`
        when the decoder's limits are hit."""
        self._duplicates.clear()
        self._constants = 0
        try:
            value, end = self._decoder.raw_decode(text, pos)
        except RecursionError:
            raise DecodeLimit("too-deep", "nesting deeper than this reader's limit "
                              "(arrays and objects nested about a thousand levels)", pos) from None
        except json.JSONDecodeError:
            raise
        except ValueError as exc:  # Python's int digit limit
            match = _LONG_NUMBER.search(text, pos)
            at = match.start() if match else pos
            digits = len(match.group().lstrip("-")) if match else 0
            raise DecodeLimit("number-too-long", f"a number of {digits or 'more than 4,300'} digits ({str(exc).split(':')[0]})", at) from None
        findings: list[Finding] = []
        surrogates = _lone_surrogate_escape(text, pos, end)
        if self._duplicates or self._constants or surrogates:
            findings = list(self._locate(value, surrogates))
        return value, end, findings

    def loads(self, text: str) -> tuple[Any, list[Finding]]:
        """Decode a whole text holding one value (white space around it allowed)."""
        start = len(text) - len(text.lstrip(" \t\r\n"))
        value, end, findings = self.raw_decode(text, start)
        rest = len(text) - len(text[end:].lstrip(" \t\r\n"))
        if rest < len(text):
            raise json.JSONDecodeError("Extra data after the JSON value", text, rest)
        return value, findings

    def _locate(self, root: Any, surrogates: bool) -> Iterator[Finding]:
        stack: list[tuple[Any, str]] = [(root, "$")]
        while stack:
            value, path = stack.pop()
            if isinstance(value, dict):
                for key in self._duplicates.get(id(value), []):
                    yield Finding("duplicate-key", key_path(path, key), f"the key {escape(key)} twice in one object",
                                  "each key once in an object (JSON readers disagree on which value counts)")
                for key, item in reversed(value.items()):
                    if surrogates and _LONE_SURROGATE.search(key):
                        yield Finding("lone-surrogate", path, f"a key with a lone surrogate: {escape(key)}",
                                      "text that is valid Unicode (a \\uD800–\\uDFFF escape only as half of a pair)")
                    stack.append((item, key_path(path, key)))
            elif isinstance(value, list):
                stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value))))
            elif isinstance(value, NonFinite):
                yield Finding("not-a-number", path, value.name, "a finite number (JSON has no NaN or Infinity)")
            elif surrogates and isinstance(value, str) and _LONE_SURROGATE.search(value):
                yield Finding("lone-surrogate", path, f"a string with a lone surrogate: {escape(value)}",
                              "text that is valid Unicode (a \\uD800–\\uDFFF escape only as half of a pair)")


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool | NonFinite)


def shown(value: Any, limit: int = 80) -> str:
    """Python's ``repr`` of a scalar or of a flat list or object of scalars (as messages have
    always quoted them), else :func:`describe`; shortened to ``limit`` characters."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() >= 200:
        return describe(value)
    if isinstance(value, str):
        text = repr(value[:limit])
        return text if len(value) <= limit else text[:-1] + "…" + text[-1]
    if _scalar(value) or (isinstance(value, list) and all(_scalar(v) for v in value[:50]) and len(value) <= 50) or (
            isinstance(value, dict) and all(_scalar(v) for v in list(value.values())[:50]) and len(value) <= 50):
        text = repr(value)
        return text if len(text) <= limit else text[: limit - 1] + "…"
    return describe(value)


def split_lines(raw: bytes) -> list[bytes]:
    """One line as read in binary mode, split at lone CR line ends too (a JSON text never holds
    a raw CR, so ``\\r`` alone, ``\\n`` and ``\\r\\n`` all end a JSON-lines record)."""
    body = raw[:-2] if raw.endswith(b"\r\n") else raw.rstrip(b"\n")
    if b"\r" not in body:
        return [raw]
    return body.split(b"\r")
