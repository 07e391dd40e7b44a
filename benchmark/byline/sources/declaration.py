"""Source declarations: ``annotations/sources/<name>.json`` (``schema/source.schema.json``).

A declaration says where the text of standoff documents comes from — pinned files with their
download URLs and sha256, the licence and credit line, how a document is found in the files (a
key column matched against a task's ``meta``) and how its text and meta are read. Byline never
commits such text: tasks and exports of these documents are committed *dehydrated* and hydrated
at build time (:mod:`byline.sources.standoff`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from byline.errors import UsageError
from byline.resources import load_json
from byline.schemas import json_path

SOURCES_SUBDIR = "sources"
"""Where declarations live under the annotations directory."""
SCHEMA_FILE = "source.schema.json"


@dataclass(frozen=True)
class PinnedFile:
    """One file of a source: its name (in a local copy and the cache), pinned URL and sha256."""

    name: str
    url: str
    sha256: str


@dataclass(frozen=True)
class MetaField:
    column: str
    withheld: bool
    """Article text too (a title): removed on dehydration, put back on hydration."""


@dataclass(frozen=True)
class SourceDeclaration:
    """A declared text source (see the module docstring)."""

    name: str
    origin: str
    license_name: str
    license_url: str
    credit: str
    files: tuple[PinnedFile, ...]
    format: str
    key_column: str
    key_meta: str
    text_column: str
    meta: dict[str, MetaField]
    local_copies: tuple[str, ...]
    path: Path
    """The declaration file, for messages."""
    task_meta: dict[str, str] = field(default_factory=dict)
    """meta fields every import task of the source gets (publisher, language, ...)."""

    @property
    def withheld_meta(self) -> tuple[str, ...]:
        return tuple(name for name, spec in self.meta.items() if spec.withheld)

    def credit_for(self, url: str) -> str:
        return self.credit.replace("{url}", url)

    def how_to_get(self) -> str:
        """One paragraph saying which files are needed and every way to provide them."""
        files = ", ".join(f"{f.name} ({f.url}, sha256 {f.sha256})" for f in self.files)
        return (
            f"source {self.name!r} ({self.path}) needs the files {files}. Put a copy of them in a folder and pass "
            f"--texts FOLDER (or set BYLINE_TEXTS=FOLDER; a folder holding a {self.name}/ subfolder works too), "
            + (f"or place them in {' or '.join(self.local_copies)} beside the checkout, " if self.local_copies else "")
            + "or pass --download to fetch the pinned files (checked against their sha256 and cached)"
        )


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_json(SCHEMA_FILE))


def read_declaration(path: Path) -> SourceDeclaration:
    """Read and check one declaration file; every schema problem is named in one message."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the source declaration ({exc.strerror})") from exc
    except ValueError as exc:
        raise UsageError(f"{path}: found invalid JSON ({exc}); expected a source declaration "
                         f"(schema/{SCHEMA_FILE})") from exc
    errors = sorted(_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"{path}:{json_path(e.absolute_path)}: found {json.dumps(e.instance)[:80]}; expected {e.message[:160]}"
                 for e in errors]
        raise UsageError(f"{path}: not a valid source declaration (schema/{SCHEMA_FILE}):\n  " + "\n  ".join(lines))
    data: dict[str, Any] = raw
    return SourceDeclaration(
        name=data["name"],
        origin=data["origin"],
        license_name=data["license"]["name"],
        license_url=data["license"]["url"],
        credit=data["credit"],
        files=tuple(PinnedFile(f["name"], f["url"], f["sha256"]) for f in data["files"]),
        format=data["format"],
        key_column=data["key"]["column"],
        key_meta=data["key"]["meta"],
        text_column=data["text"]["column"],
        meta={name: MetaField(spec["column"], bool(spec["withheld"])) for name, spec in data["meta"].items()},
        local_copies=tuple(data.get("local_copies", ())),
        path=path,
        task_meta=dict(data.get("task_meta", {})),
    )


def read_declarations(annotations: Path) -> dict[str, SourceDeclaration]:
    """Every declaration of ``<annotations>/sources/*.json`` by name (files that are not
    declarations, such as a selection list, are recognised by having no ``files`` key)."""
    folder = annotations / SOURCES_SUBDIR
    found: dict[str, SourceDeclaration] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        try:
            head = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            head = {"files": None}  # read_declaration words the problem
        if not isinstance(head, dict) or "files" not in head:
            continue
        declaration = read_declaration(path)
        if declaration.name in found:
            raise UsageError(f"{path}: source {declaration.name!r} is declared twice (also in {found[declaration.name].path})")
        found[declaration.name] = declaration
    return found
