"""Stream the tasks of a Label Studio JSON export, one task at a time.

A large export is never loaded whole: the top-level array is decoded object by object, so
memory grows with one task, not with the file. Files that are not a JSON export (truncated,
not JSON, JSON_MIN or CSV exports) are reported with the line and column where reading failed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.errors import Problem

_CHUNK = 1 << 20
_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


@dataclass(frozen=True)
class RawTask:
    index: int
    task: Any


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
            buffer = handle.read(_CHUNK)
        except UnicodeDecodeError as exc:
            problems.append(_file_problem(path, "not-utf8", f"bytes that are not UTF-8 at byte {exc.start}", "a UTF-8 JSON file"))
            return
        consumed = 0  # characters of the file before buffer[0]
        eof = len(buffer) < _CHUNK
        position = 0
        while position < len(buffer) and buffer[position] in _WS:
            position += 1
        if position >= len(buffer):
            problems.append(_file_problem(path, "empty", "an empty file", _EXPORT_ADVICE))
            return
        first = buffer[position]
        if first != "[":
            head = buffer[position : position + 200].splitlines()[0] if buffer[position:] else ""
            if first == "{":
                found = "a JSON object at the top level"
            elif "," in head and ("annotation_id" in head or "annotator" in head or "id" in head):
                found = f"a CSV file (header: {head[:80]!r})"
            else:
                found = f"text that is not JSON (starts with {head[:40]!r})"
            problems.append(_file_problem(path, "not-an-export", found, _EXPORT_ADVICE))
            return
        position += 1
        index = 0
        expect_comma = False
        chunk = _CHUNK
        while True:
            while position < len(buffer) and buffer[position] in _WS:
                position += 1
            if position >= len(buffer):
                if eof:
                    line, col = _line_col(path, consumed + position)
                    problems.append(_file_problem(
                        path, "truncated",
                        f"the file ends at line {line}, column {col} before the list of tasks is closed",
                        "a complete JSON list (the export may have been cut short; export again)",
                    ))
                    return
                try:
                    more = handle.read(chunk)
                except UnicodeDecodeError as exc:
                    problems.append(_file_problem(path, "not-utf8", f"bytes that are not UTF-8 near character {consumed + len(buffer) + exc.start}", "a UTF-8 JSON file"))
                    return
                eof = len(more) < chunk
                consumed += position
                buffer = buffer[position:] + more
                position = 0
                continue
            char = buffer[position]
            if char == "]":
                return
            if expect_comma:
                if char != ",":
                    line, col = _line_col(path, consumed + position)
                    problems.append(_file_problem(path, "not-json", f"{char!r} at line {line}, column {col}", "',' or ']' between tasks"))
                    return
                position += 1
                expect_comma = False
                continue
            try:
                task, end = _DECODER.raw_decode(buffer, position)
            except json.JSONDecodeError as exc:
                if not eof:
                    try:
                        more = handle.read(chunk)
                    except UnicodeDecodeError as uexc:
                        problems.append(_file_problem(path, "not-utf8", f"bytes that are not UTF-8 near character {consumed + len(buffer) + uexc.start}", "a UTF-8 JSON file"))
                        return
                    eof = len(more) < chunk
                    chunk *= 2  # a task larger than the buffer: read more next time, until it fits
                    consumed += position
                    buffer = buffer[position:] + more
                    position = 0
                    continue
                line, col = _line_col(path, consumed + exc.pos)
                truncated = exc.pos >= len(buffer) - 1 or exc.msg.startswith("Unterminated")
                problems.append(_file_problem(
                    path, "truncated" if truncated else "not-json",
                    f"invalid JSON at line {line}, column {col}: {exc.msg}",
                    "a complete, valid JSON export" + (" (the file looks cut short: export again)" if truncated else ""),
                ))
                return
            if index == 0 and _sniff_min_export(task):
                problems.append(_file_problem(path, "json-min-export", "a JSON_MIN export (flat records without \"data\" and \"annotations\")", _EXPORT_ADVICE))
                return
            yield RawTask(index, task)
            index += 1
            position = end
            expect_comma = True
            chunk = _CHUNK
            if position > _CHUNK:
                consumed += position
                buffer = buffer[position:]
                position = 0
