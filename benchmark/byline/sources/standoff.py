"""Dehydrate and hydrate Label Studio tasks of source-backed documents (standoff annotation).

A **dehydrated** task is the task exactly as Label Studio exported (or as it is imported), less
the text Byline does not own, plus what is needed to put it back::

    data.text                      removed
    data.meta.<withheld>           removed (the title: article text too)
    data.standoff                  added: {"source": NAME, "key": KEY, "text_sha256": HEX,
                                           "withheld": ["title"]}
    <every region>.value.text      removed, and value.text_rendering added: how Label Studio had
                                   rendered text[start:end] ("exact", "backslash-n", ...)

Regions are the ``value`` objects with integer ``start``/``end`` in every ``result`` list of the
task (annotations, drafts, predictions). Everything else is left exactly as it was. **Hydrating**
reverses each step from the source's pinned files and checks the text against ``text_sha256``,
so hydrating a dehydrated export gives back the export (:func:`hydrate_task`).

A task is source-backed when its ``data.standoff`` or ``data.source.name`` names a declared
source, or its ``meta.origin`` is a declared source's origin; the document's key is then
``meta.<key meta field>`` (e.g. the article URL). Offsets are half-open code points of the text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from byline.errors import BylineError, Problem
from byline.sources.declaration import SourceDeclaration
from byline.sources.library import TextLibrary
from byline.texts import text_sha256

STANDOFF_KEY = "standoff"
RENDERING_KEY = "text_rendering"
UNRESTORABLE = "unrestorable"
_SPACES = re.compile(r"\s+")


def _backslash_n(text: str) -> str:
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


RENDERINGS: dict[str, Callable[[str], str]] = {
    "exact": lambda text: text,
    "backslash-n": _backslash_n,
    "collapsed-space": lambda text: _SPACES.sub(" ", text).strip(),
    "backslash-n-collapsed-space": lambda text: _SPACES.sub(" ", _backslash_n(text)).strip(),
}
"""Label Studio's known renderings of ``text[start:end]`` in a region's ``value.text`` (see
DESIGN "Text and offsets"), tried in this order; a rendering none of them reproduces is marked
``unrestorable`` with the SHA-256 of what was shown, and hydrated as ``text[start:end]``."""


def rendering_of(shown: str, actual: str) -> str:
    """The name of the rendering that turns ``actual`` into ``shown``, or ``unrestorable``."""
    return next((name for name, render in RENDERINGS.items() if render(actual) == shown), UNRESTORABLE)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def region_values(task: dict[str, Any], base: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """(JSON path, value) of every region of every ``result`` list of a task, outside ``data``."""

    def walk(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict):
            result = node.get("result")
            if isinstance(result, list):
                for i, item in enumerate(result):
                    value = item.get("value") if isinstance(item, dict) else None
                    if isinstance(value, dict) and _is_int(value.get("start")) and _is_int(value.get("end")):
                        yield f"{path}.result[{i}].value", value
            for key, child in node.items():
                if key != "result" and key != "data":
                    yield from walk(child, f"{path}.{key}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                yield from walk(child, f"{path}[{i}]")

    yield from walk(task, base)


def source_of(data: dict[str, Any], declarations: Mapping[str, SourceDeclaration]) -> SourceDeclaration | None:
    """The declared source a task's data refers to (see the module docstring), else None."""
    standoff = data.get(STANDOFF_KEY)
    if isinstance(standoff, dict):
        return declarations.get(str(standoff.get("source")))
    source = data.get("source")
    if isinstance(source, dict) and isinstance(source.get("name"), str):
        return declarations.get(source["name"])
    meta = data.get("meta")
    origin = meta.get("origin") if isinstance(meta, dict) else None
    return next((d for d in declarations.values() if d.origin == origin), None)


def is_dehydrated(task: Any) -> bool:
    data = task.get("data") if isinstance(task, dict) else None
    return isinstance(data, dict) and STANDOFF_KEY in data and "text" not in data


def _with(mapping: dict[str, Any], key: str, value: Any, after: str) -> dict[str, Any]:
    """``mapping`` with ``key`` set right after ``after`` (key order as Label Studio writes it)."""
    out: dict[str, Any] = {}
    for k, v in mapping.items():
        if k == key:
            continue
        out[k] = v
        if k == after:
            out[key] = value
    if key not in out:
        out[key] = value
    return out


def dehydrate_task(task: dict[str, Any], declaration: SourceDeclaration, where: str = "", file: str = "",
                   base: str = "$") -> tuple[dict[str, Any], list[Problem]]:
    """The dehydrated copy of one hydrated, source-backed task (the input is not changed)."""
    problems: list[Problem] = []

    def problem(path: str, found: str, expected: str, code: str = "cannot-dehydrate") -> None:
        problems.append(Problem("error", code, file, where, path, found, expected))

    data = task["data"]
    text, meta = data.get("text"), data.get("meta")
    if not isinstance(text, str) or not isinstance(meta, dict):
        problem(f"{base}.data", "a task without a text string or a meta object", "a hydrated task with data.text and data.meta")
        return task, problems
    key = meta.get(declaration.key_meta)
    if not isinstance(key, str) or not key:
        problem(f"{base}.data.meta.{declaration.key_meta}", repr(key),
                f"the document's key in source {declaration.name!r} (column {declaration.key_column!r})")
        return task, problems
    withheld = [name for name in declaration.withheld_meta if name in meta]
    standoff = {"source": declaration.name, "key": key, "text_sha256": text_sha256(text), "withheld": withheld}
    new_data: dict[str, Any] = {}
    for name, value in data.items():
        if name == "text":
            new_data[STANDOFF_KEY] = standoff
        elif name == "meta":
            new_data["meta"] = {k: v for k, v in meta.items() if k not in withheld}
        else:
            new_data[name] = value
    out = copy.deepcopy(task)
    out["data"] = new_data
    for path, value in region_values(out, base):
        shown = value.pop("text", None)
        if shown is None:
            continue
        start, end = value["start"], value["end"]
        if not isinstance(shown, str) or not (0 <= start <= end <= len(text)):
            problem(f"{path}", f"a region [{start}, {end}) with value.text {type(shown).__name__} in a text of {len(text)} "
                    "code points", "offsets within the text and a string value.text (fix the region in Label Studio)")
            continue
        rendering = rendering_of(shown, text[start:end])
        value[RENDERING_KEY] = rendering
        if rendering == UNRESTORABLE:
            value["text_sha256"] = text_sha256(shown)
    return out, problems


def check_standoff(data: dict[str, Any], declarations: Mapping[str, SourceDeclaration]) -> list[tuple[str, str, str]]:
    """Problems of a dehydrated task's ``data.standoff`` as (path below data, found, expected)."""
    standoff = data.get(STANDOFF_KEY)
    if not isinstance(standoff, dict):
        return [(f".{STANDOFF_KEY}", repr(standoff)[:60], "an object with source, key, text_sha256 and withheld")]
    found: list[tuple[str, str, str]] = []
    if standoff.get("source") not in declarations:
        found.append((f".{STANDOFF_KEY}.source", repr(standoff.get("source")),
                      f"a source declared in annotations/sources/: {sorted(declarations)}"))
    if not isinstance(standoff.get("key"), str) or not standoff["key"]:
        found.append((f".{STANDOFF_KEY}.key", repr(standoff.get("key")), "the document's key in its source (a string)"))
    sha = standoff.get("text_sha256")
    if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
        found.append((f".{STANDOFF_KEY}.text_sha256", repr(sha), "the hex SHA-256 of the document's UTF-8 text"))
    withheld = standoff.get("withheld")
    if not isinstance(withheld, list) or not all(isinstance(w, str) for w in withheld):
        found.append((f".{STANDOFF_KEY}.withheld", repr(withheld), "a list of meta field names"))
    return found


def hydrate_task(task: dict[str, Any], library: TextLibrary, where: str = "", file: str = "",
                 base: str = "$", report_offsets: bool = True) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The hydrated copy of one dehydrated task, or None with the problems when it cannot be
    hydrated; None with no problem means the source's files are missing (``library.missing``).
    A region outside the text gets no ``value.text``; it is reported unless ``report_offsets`` is
    false (the export validator reports it itself)."""
    problems: list[Problem] = []

    def problem(severity: str, path: str, found: str, expected: str, code: str) -> None:
        problems.append(Problem(severity, code, file, where, path, found, expected))  # type: ignore[arg-type]

    data = task["data"]
    for path, found, expected in check_standoff(data, library.declarations):
        problem("error", f"{base}.data{path}", found, expected, "bad-standoff")
    if problems:
        return None, problems
    standoff = data[STANDOFF_KEY]
    declaration = library.declarations[standoff["source"]]
    documents = library.documents(declaration.name)
    if documents is None:
        return None, problems
    document = documents.get(standoff["key"])
    if document is None:
        problem("error", f"{base}.data.{STANDOFF_KEY}.key", f"{standoff['key']!r}, which no row of source "
                f"{declaration.name!r} has in column {declaration.key_column!r}",
                f"the key of a document of {', '.join(f.name for f in declaration.files)}", "document-not-in-source")
        return None, problems
    text = document.text
    if text_sha256(text) != standoff["text_sha256"]:
        problem("error", f"{base}.data.{STANDOFF_KEY}.text_sha256",
                f"{standoff['text_sha256']} but the source's text of {standoff['key']!r} has sha256 {text_sha256(text)}",
                "the text the annotations were made on (offsets only fit their own text)", "text-sha256-mismatch")
        return None, problems
    meta = data.get("meta")
    if not isinstance(meta, dict):
        problem("error", f"{base}.data.meta", repr(meta)[:60], "the document's meta object", "meta-missing")
        return None, problems
    hydrated_meta = {name: document.meta[name] for name in standoff["withheld"] if name in document.meta}
    hydrated_meta.update(meta)
    for name, spec in declaration.meta.items():
        if not spec.withheld and name in meta and meta[name] != document.meta[name]:
            problem("warning", f"{base}.data.meta.{name}", f"{meta[name]!r} but the source's {spec.column!r} is "
                    f"{document.meta[name]!r}", "meta to agree with the source", "meta-differs-from-source")
    out = copy.deepcopy(task)
    new_data: dict[str, Any] = {}
    for name, value in data.items():
        if name == STANDOFF_KEY:
            new_data["text"] = text
        elif name == "meta":
            new_data["meta"] = hydrated_meta
        else:
            new_data[name] = value
    out["data"] = new_data
    for path, value in region_values(out, base):
        rendering = value.get(RENDERING_KEY)
        if rendering is None:
            continue
        start, end = value["start"], value["end"]
        if not (0 <= start <= end <= len(text)):
            if report_offsets:
                problem("error", path, f"[{start}, {end}) in a text of {len(text)} code points",
                        f"offsets within [0, {len(text)}]", "offset-outside-text")
            continue
        render = RENDERINGS.get(str(rendering))
        if render is None:
            problem("warning", f"{path}.{RENDERING_KEY}", f"{rendering!r} (the rendering Label Studio showed is not "
                    "restorable from the text)", f"one of {sorted(RENDERINGS)}; value.text is set to text[start:end]",
                    "region-text-unrestorable")
            render = RENDERINGS["exact"]
            value.pop("text_sha256", None)
        del value[RENDERING_KEY]
        restored = _with(value, "text", render(text[start:end]), after="end")
        value.clear()
        value.update(restored)
    return out, problems


class StandoffError(BylineError):
    """Tasks that could not be dehydrated or hydrated; the message lists every problem."""

    def __init__(self, what: str, problems: list[Problem]) -> None:
        super().__init__(f"{what}: {len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems))
        self.problems = problems


def dehydrate_tasks(tasks: list[Any], declarations: Mapping[str, SourceDeclaration], file: str = "") -> list[Any]:
    """Every source-backed, hydrated task of a Label Studio export (or task list) dehydrated;
    other tasks as they are. Raises :class:`StandoffError` with every problem of every task."""
    out: list[Any] = []
    problems: list[Problem] = []
    for index, task in enumerate(tasks):
        data = task.get("data") if isinstance(task, dict) else None
        declaration = source_of(data, declarations) if isinstance(data, dict) else None
        if declaration is None or is_dehydrated(task):
            out.append(task)
            continue
        where = f"task {task.get('id', index)}" if isinstance(task, dict) else f"task #{index}"
        dry, found = dehydrate_task(task, declaration, where, file, f"$[{index}]")
        problems += found
        out.append(dry)
    if problems:
        raise StandoffError(f"{file or 'tasks'} could not be dehydrated", problems)
    return out


def hydrate_tasks(tasks: list[Any], library: TextLibrary, file: str = "") -> tuple[list[Any], list[Problem]]:
    """Every dehydrated task hydrated from ``library``; other tasks as they are. Warnings are
    returned; errors, and sources whose files are missing, raise :class:`StandoffError` or the
    missing source's message (:class:`~byline.sources.files.SourceFilesMissing`)."""
    out: list[Any] = []
    problems: list[Problem] = []
    for index, task in enumerate(tasks):
        if not is_dehydrated(task):
            out.append(task)
            continue
        wet, found = hydrate_task(task, library, f"task {task.get('id', index)}", file, f"$[{index}]")
        problems += found
        if wet is None and not found:
            raise library.missing[task["data"][STANDOFF_KEY]["source"]]
        out.append(wet if wet is not None else task)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise StandoffError(f"{file or 'tasks'} could not be hydrated", errors)
    return out, problems
