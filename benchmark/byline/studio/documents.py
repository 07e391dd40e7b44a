"""Documents to import into Label Studio: read from task files or from .txt files with a sidecar.

Two input forms, both read without changing a single character of the text (no newline, white
space or Unicode normalisation; ``newline=""``):

- a **task file** (``annotations/tasks/*.json``): a JSON list of Label Studio import tasks
  ``[{"data": {"doc_id": ..., "text": ..., "meta": {...}}}, ...]`` (a single task object is
  accepted too); ``data`` is imported as it is; a *dehydrated* task (``data.standoff``, no text:
  a document of a declared source, :mod:`byline.sources.standoff`) is hydrated first, its text
  checked against its ``text_sha256``;
- a **text file** ``NAME.txt`` (UTF-8) with its sidecar ``NAME.meta.json`` beside it: a JSON
  object with the document's ``meta`` fields (title, publisher, url, published, language, license,
  origin, split, ...) and optionally ``doc_id`` (default: ``NAME``).

A directory stands for the ``*.json`` and ``*.txt`` files in it (sidecars excluded), sorted.
Every problem of every input is reported (:class:`~byline.errors.Problem`), none stops the read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from byline.errors import Problem
from byline.resources import load_json
from byline.schemas import json_path
from byline.sources.library import TextLibrary
from byline.sources.standoff import STANDOFF_KEY, hydrate_task, is_dehydrated
from byline.texts import text_sha256

SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class Document:
    """One document to import: its task ``data`` and where it was read from."""

    data: dict[str, Any]
    source: str

    @property
    def doc_id(self) -> str:
        return str(self.data["doc_id"])

    @property
    def text(self) -> str:
        return str(self.data["text"])

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


def _problem(source: str, where: str, path: str, found: str, expected: str, code: str = "bad-document") -> Problem:
    return Problem("error", code, source, where, path, found, expected)


def expand_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the ``*.json``/``*.txt`` files of directories named (no sidecars)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.suffix in (".json", ".txt") and not child.name.endswith(SIDECAR_SUFFIX):
                    yield child
        else:
            yield path


def _read_json(path: Path, problems: list[Problem]) -> Any:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return json.load(handle)
    except OSError as exc:
        problems.append(_problem(str(path), "", "", f"a file that cannot be read ({exc.strerror})", "a readable file", "unreadable"))
    except UnicodeDecodeError as exc:
        problems.append(_problem(str(path), "", "", f"bytes that are not UTF-8 at byte {exc.start}", "UTF-8 JSON", "not-utf8"))
    except json.JSONDecodeError as exc:
        problems.append(
            _problem(str(path), f"line {exc.lineno} column {exc.colno}", "", f"invalid JSON ({exc.msg})", "a JSON task file", "bad-json")
        )
    return None


@cache
def _meta_validator() -> Draft202012Validator:
    """The gold record's ``meta`` schema: a document that fails it could never be built."""
    return Draft202012Validator(load_json("gold_document.schema.json")["$defs"]["meta"])


def _check_data(data: Any, source: str, where: str, path: str, problems: list[Problem]) -> bool:
    ok = True
    if not isinstance(data, dict):
        problems.append(_problem(source, where, path, f"{type(data).__name__}", "an object with doc_id, text and meta"))
        return False
    if not isinstance(data.get("doc_id"), str) or not data["doc_id"]:
        problems.append(_problem(source, where, f"{path}.doc_id", repr(data.get("doc_id")), "a non-empty string"))
        ok = False
    if not isinstance(data.get("text"), str) or not data["text"]:
        problems.append(_problem(source, where, f"{path}.text", repr(data.get("text"))[:60], "the document text, a non-empty string"))
        ok = False
    meta = data.get("meta")
    validator = _meta_validator()
    for error in sorted(validator.iter_errors(meta), key=lambda e: list(e.absolute_path)):
        location = f"{path}.meta" + json_path(error.absolute_path).removeprefix("$")
        if error.validator == "required":
            needed = ", ".join(load_json("gold_document.schema.json")["$defs"]["meta"]["required"])
            found, expected = f"meta without {error.message.split(' is a required')[0]}", f"every field of {needed}"
        else:
            found, expected = repr(error.instance)[:80], f"a valid value ({error.message[:120]})"
        problems.append(_problem(source, where, location, found, f"{expected}: schema/gold_document.schema.json $defs/meta", "bad-meta"))
        ok = False
    return ok


def _hydrated(task: dict[str, Any], library: TextLibrary | None, source: str, where: str, base: str,
              problems: list[Problem]) -> dict[str, Any] | None:
    """A dehydrated task hydrated from its source (None, with the problem, when it cannot be)."""
    library = library or TextLibrary({})
    hydrated, found = hydrate_task(task, library, where, source, base)
    problems.extend(found)
    if hydrated is None and not found:
        name = task["data"][STANDOFF_KEY]["source"]
        said = any(p.code == "source-texts-missing" and f"source {name!r} " in p.found for p in problems)
        problems.append(_problem(source, where, f"{base}.data.{STANDOFF_KEY}", f"a standoff document of source {name!r} "
                                 "whose texts are missing", "its texts (see above)" if said else str(library.missing[name]),
                                 "source-texts-missing"))
    return hydrated


def _from_task_file(path: Path, problems: list[Problem], library: TextLibrary | None = None) -> list[Document]:
    raw = _read_json(path, problems)
    if raw is None:
        return []
    tasks = [raw] if isinstance(raw, dict) else raw
    if not isinstance(tasks, list):
        problems.append(_problem(str(path), "", "$", type(raw).__name__, "a list of import tasks [{\"data\": {...}}]"))
        return []
    documents = []
    for index, task in enumerate(tasks):
        base = f"$[{index}]" if isinstance(raw, list) else "$"
        where = f"task {index}"
        if not isinstance(task, dict) or "data" not in task:
            problems.append(_problem(str(path), where, base, repr(task)[:60], 'an import task {"data": {"doc_id", "text", "meta"}}'))
            continue
        if is_dehydrated(task):
            task = _hydrated(task, library, str(path), where, base, problems)
            if task is None:
                continue
        if _check_data(task["data"], str(path), where, f"{base}.data", problems):
            documents.append(Document(dict(task["data"]), f"{path}{base.removeprefix('$')}"))
        extra = sorted(set(task) - {"data"})
        if extra:
            problems.append(
                Problem("warning", "task-keys-ignored", str(path), where, base, f"keys {extra}",
                        "only 'data' is imported (annotations and predictions come from Label Studio)")
            )
    return documents


def _from_text_file(path: Path, problems: list[Problem]) -> list[Document]:
    sidecar = path.with_name(path.name.removesuffix(".txt") + SIDECAR_SUFFIX)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
    except OSError as exc:
        problems.append(_problem(str(path), "", "", f"a file that cannot be read ({exc.strerror})", "a readable file", "unreadable"))
        return []
    except UnicodeDecodeError as exc:
        problems.append(_problem(str(path), "", "", f"bytes that are not UTF-8 at byte {exc.start}", "UTF-8 text", "not-utf8"))
        return []
    if not sidecar.is_file():
        problems.append(_problem(str(path), "", "", f"no metadata sidecar {sidecar.name}", f"{sidecar} with the document's meta", "no-sidecar"))
        return []
    meta = _read_json(sidecar, problems)
    if meta is None:
        return []
    if not isinstance(meta, dict):
        problems.append(_problem(str(sidecar), "", "$", type(meta).__name__, "an object of document metadata"))
        return []
    meta = dict(meta)
    doc_id = meta.pop("doc_id", path.name.removesuffix(".txt"))
    data = {"doc_id": doc_id, "text": text, "meta": meta}
    if not _check_data(data, str(path), "", "$", problems):
        return []
    return [Document(data, str(path))]


def load_documents(paths: Iterable[Path], library: TextLibrary | None = None) -> tuple[list[Document], list[Problem]]:
    """Read every document of ``paths``; a doc id given twice is reported and imported once.
    Dehydrated task files (standoff documents) are hydrated from ``library``'s sources."""
    problems: list[Problem] = []
    documents: list[Document] = []
    seen: dict[str, Document] = {}
    for path in expand_inputs(paths):
        if not path.exists():
            problems.append(_problem(str(path), "", "", "no such file or directory", "a task file, a .txt file or a directory", "missing"))
            continue
        if path.suffix == ".txt":
            found = _from_text_file(path, problems)
        elif path.suffix == ".json":
            found = _from_task_file(path, problems, library)
        else:
            problems.append(_problem(str(path), "", "", f"a {path.suffix or 'suffix-less'} file", "a .json task file or a .txt text file", "unknown-input"))
            continue
        for document in found:
            first = seen.get(document.doc_id)
            if first is not None:
                problems.append(
                    _problem(document.source, document.doc_id, "$.data.doc_id", f"doc id {document.doc_id!r} again (first in {first.source})",
                             "each document once", "duplicate-doc-id")
                )
                continue
            seen[document.doc_id] = document
            documents.append(document)
    return documents, problems
