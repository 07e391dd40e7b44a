"""Stream the tasks of a Label Studio JSON export, one task at a time.

A large export is never loaded whole: the top-level array is decoded object by object, so
memory grows with one task, not with the file. Files that are not a JSON export (truncated,
not JSON, JSON_MIN or CSV exports) are reported with the line and column where reading failed.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.errors import Problem
from byline.strictjson import DecodeLimit, Finding, StrictDecoder

_CHUNK = 1 << 20
_WS = " \t\r\n"


@dataclass(frozen=True)
class RawTask:
    index: int
    task: Any
    findings: tuple[Finding, ...] = ()
    """What makes the task not strictly JSON (duplicate keys, NaN, lone surrogates)."""


def _line_col(path: Path, char_offset: int) -> tuple[int, int]:
    line, col, seen = 1, 1, 0
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        while seen < char_offset:
            block = handle.read(min(_CHUNK, char_offset - seen))
            if not block:
                break
            for char in block:
                if char == "\n":
                    line, col = line + 1, 1
                else:
                    col += 1
            seen += len(block)
    return line, col


def _file_problem(path: Path, code: str, found: str, expected: str) -> Problem:
    return Problem("error", code, str(path), "", "$", found, expected)


_EXPORT_ADVICE = (
    "Label Studio's \"JSON\" export (a list of tasks with \"data\" and \"annotations\"); "
    "JSON_MIN and CSV exports lose relations and per-region attributes — export again as \"JSON\" "
    "(Export → JSON, or `byline studio export`)"
)


def _sniff_min_export(task: Any) -> bool:
    return (
        isinstance(task, dict)
        and "data" not in task
        and "annotations" not in task
        and ("annotation_id" in task or "annotator" in task)
    )


def _first_bad_byte(path: Path) -> int:
    """The byte offset of the first invalid UTF-8 sequence of a file."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return offset + exc.start - len(decoder.getstate()[0])
            offset += len(block)
    return offset


class _Window:
    """A sliding window over a text file: ``text[position:]`` is what is left to decode."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.text = ""
        self.position = 0
        self.consumed = 0  # characters of the file before text[0]
        self.eof = False
        self.chunk = _CHUNK

    def read_more(self, grow: bool = False) -> None:
        """Drop what was decoded, append the next chunk; ``grow`` doubles the next read (for a
        task larger than the window)."""
        more = self.handle.read(self.chunk)
        self.eof = len(more) < self.chunk
        if grow:
            self.chunk *= 2
        self.consumed += self.position
        self.text = self.text[self.position:] + more
        self.position = 0

    def skip_space(self) -> None:
        while self.position < len(self.text) and self.text[self.position] in _WS:
            self.position += 1

    def settle(self) -> None:
        """After a decoded task: reset the read size; drop the decoded text once it is large."""
        self.chunk = _CHUNK
        if self.position > _CHUNK:
            self.consumed += self.position
            self.text = self.text[self.position:]
            self.position = 0

    def line_col(self, path: Path, offset: int) -> tuple[int, int]:
        return _line_col(path, self.consumed + offset)


def read_tasks(path: Path, problems: list[Problem]) -> Iterator[RawTask]:
    """Yield the tasks of one export file; append file-level problems to ``problems``.

    Reading stops at the first file-level problem (the rest of the file cannot be trusted),
    after yielding every task decoded before it.
    """
    try:
        handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        problems.append(_file_problem(path, "unreadable", f"cannot open the file ({exc.strerror})", "a readable file"))
        return
    with handle:
        try:
            yield from _read(path, _Window(handle), problems)
        except UnicodeDecodeError:
            problems.append(_file_problem(path, "not-utf8", f"bytes that are not UTF-8 at byte {_first_bad_byte(path)}",
                                          "a UTF-8 JSON file"))


def _top_level(window: _Window) -> str:
    """What a file holds when it does not start with ``[``, said without guessing wrong."""
    rest = window.text[window.position : window.position + 200]
    head = rest.splitlines()[0] if rest else ""
    first = rest[:1]
    if first == "{":
        return "a JSON object at the top level"
    if first == '"':
        inner = window.text[window.position + 1 : window.position + 40].lstrip()
        if inner.startswith(("[", "{")):
            return ("a JSON string at the top level that holds JSON text (the export was encoded twice, "
                    "e.g. saved with json.dumps of the downloaded text)")
        return "a JSON string at the top level"
    if first in "-0123456789" or head.startswith(("true", "false", "null")):
        return f"a single JSON value at the top level ({head[:40]!r})"
    if "," in head and ("annotation_id" in head or "annotator" in head or "id" in head):
        return f"a CSV file (header: {head[:80]!r})"
    return f"text that is not JSON (starts with {head[:40]!r})"


def _read(path: Path, window: _Window, problems: list[Problem]) -> Iterator[RawTask]:
    window.read_more()
    if window.text.startswith("\ufeff"):
        problems.append(Problem("warning", "byte-order-mark", str(path), "", "$",
                                "a UTF-8 byte-order mark (U+FEFF) before the JSON text, which Label Studio never writes",
                                "no byte-order mark (it is skipped; the file was probably re-saved by an editor)"))
        window.position = 1
    window.skip_space()
    if window.position >= len(window.text):
        problems.append(_file_problem(path, "empty", "an empty file", _EXPORT_ADVICE))
        return
    if window.text[window.position] != "[":
        problems.append(_file_problem(path, "not-an-export", _top_level(window), _EXPORT_ADVICE))
        return
    window.position += 1
    decoder = StrictDecoder()
    index = 0
    expect_comma = False
    after_comma = False
    while True:
        window.skip_space()
        if window.position >= len(window.text):
            if window.eof:
                line, col = window.line_col(path, window.position)
                problems.append(_file_problem(
                    path, "truncated",
                    f"the file ends at line {line}, column {col} before the list of tasks is closed",
                    "a complete JSON list (the export may have been cut short; export again)",
                ))
                return
            window.read_more()
            continue
        char = window.text[window.position]
        if char == "]":
            if after_comma:
                line, col = window.line_col(path, window.position - 1)
                problems.append(_file_problem(path, "not-json", f"a trailing comma before ']' at line {line}, column {col}",
                                              "a task after every ',' (JSON allows no trailing comma)"))
            window.position += 1
            _check_end(path, window, problems)
            return
        if expect_comma:
            if char != ",":
                line, col = window.line_col(path, window.position)
                problems.append(_file_problem(path, "not-json", f"{char!r} at line {line}, column {col}",
                                              "',' or ']' between tasks"))
                return
            window.position += 1
            expect_comma = False
            after_comma = True
            continue
        try:
            task, end, findings = decoder.raw_decode(window.text, window.position)
        except json.JSONDecodeError as exc:
            if not window.eof:
                window.read_more(grow=True)  # the task may continue past the window: read on
                continue
            line, col = window.line_col(path, exc.pos)
            truncated = exc.pos >= len(window.text) - 1 or exc.msg.startswith("Unterminated")
            problems.append(_file_problem(
                path, "truncated" if truncated else "not-json",
                f"invalid JSON at line {line}, column {col} (task #{index}): {exc.msg}",
                "a complete, valid JSON export" + (" (the file looks cut short: export again)" if truncated else ""),
            ))
            return
        except DecodeLimit as exc:
            if not window.eof and exc.code == "number-too-long":
                window.read_more(grow=True)
                continue
            line, col = window.line_col(path, exc.pos)
            problems.append(_file_problem(path, exc.code, f"{exc.msg} at line {line}, column {col} (task #{index})",
                                          "a Label Studio JSON export (tasks nest a few levels deep; ids and offsets "
                                          "are integers of at most 19 digits)"))
            return
        if end >= len(window.text) and not window.eof:
            window.read_more(grow=True)  # a number (or literal) may go on past the window
            continue
        if index == 0 and _sniff_min_export(task):
            problems.append(_file_problem(path, "json-min-export",
                                          "a JSON_MIN export (flat records without \"data\" and \"annotations\")",
                                          _EXPORT_ADVICE))
            return
        yield RawTask(index, task, tuple(findings))
        index += 1
        window.position = end
        expect_comma = True
        after_comma = False
        window.settle()


def _check_end(path: Path, window: _Window, problems: list[Problem]) -> None:
    """After the closing ``]``: only white space may follow (not a second export, not a JSON-lines tail)."""
    while True:
        window.skip_space()
        if window.position < len(window.text):
            line, col = window.line_col(path, window.position)
            rest = window.text[window.position : window.position + 30].splitlines()[0]
            problems.append(_file_problem(
                path, "extra-data",
                f"more JSON text after the list of tasks closed, at line {line}, column {col} ({rest!r})",
                "one JSON list of tasks per file (two exports concatenated? keep each export in its own file)",
            ))
            return
        if window.eof:
            return
        window.read_more()


def read_task_list(path: Path) -> list[Any]:
    """Every task of one export or task file, read strictly as :func:`read_tasks` reads them;
    a :class:`byline.errors.UsageError` lists every problem (located) when the file has any error."""
    from byline.errors import UsageError

    problems: list[Problem] = []
    tasks: list[Any] = []
    for raw in read_tasks(path, problems):
        where = f"task #{raw.index}"
        problems += [Problem("error", f.code, str(path), where, f"$[{raw.index}]" + f.path[1:], f.found, f.expected)
                     for f in raw.findings]
        tasks.append(raw.task)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise UsageError("\n".join(str(p) for p in errors))
    return tasks
