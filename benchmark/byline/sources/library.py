"""The texts of declared sources, read once per source and looked up by document key.

:class:`TextLibrary` is what hydration asks: "the text and meta of the document with key K of
source S". It finds and checks the source's files (:mod:`byline.sources.files`) the first time a
source is asked for, reads them (CSV, ``newline=""``: the text is taken exactly as stored) and
remembers a source whose files are missing, so that one run reports it once.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

from byline.errors import BylineError, UsageError
from byline.sources.declaration import SourceDeclaration, read_declarations
from byline.sources.files import SourceFiles, SourceFilesMissing, TextsLocation, locate_files


@dataclass(frozen=True)
class SourceDocument:
    """One document of a source: its text exactly as stored, and the meta fields read with it."""

    key: str
    text: str
    meta: dict[str, str]
    file: str


def read_source_documents(files: SourceFiles) -> dict[str, SourceDocument]:
    """key -> document, from every file of the source (a key found twice is an error)."""
    declaration = files.declaration
    documents: dict[str, SourceDocument] = {}
    csv.field_size_limit(sys.maxsize)
    for pinned in declaration.files:
        path = files.paths[pinned.name]
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = [declaration.key_column, declaration.text_column, *(m.column for m in declaration.meta.values())]
            absent = [c for c in columns if c not in (reader.fieldnames or [])]
            if absent:
                raise UsageError(f"{path}: found the columns {reader.fieldnames}; expected {columns} as declared in "
                                 f"{declaration.path}")
            for row in reader:
                key = row[declaration.key_column]
                if key in documents:
                    raise UsageError(f"{path}: key {key!r} (column {declaration.key_column!r}) again (also in "
                                     f"{documents[key].file}); expected each document once")
                meta = {name: row[spec.column] for name, spec in declaration.meta.items()}
                documents[key] = SourceDocument(key, row[declaration.text_column], meta, pinned.name)
    return documents


@dataclass
class TextLibrary:
    """Declared sources and where their files may be found; loads each source once."""

    declarations: dict[str, SourceDeclaration]
    where: TextsLocation = field(default_factory=TextsLocation)
    _loaded: dict[str, dict[str, SourceDocument]] = field(default_factory=dict)
    _found: dict[str, str] = field(default_factory=dict)
    missing: dict[str, BylineError] = field(default_factory=dict)
    """Sources whose files could not be had, with the one message that says how to get them."""

    @classmethod
    def for_annotations(cls, annotations: Path, where: TextsLocation | None = None) -> TextLibrary:
        """The sources declared in ``<annotations>/sources/``; local copies are relative to the
        annotations directory's parent (the repository root) unless ``where`` says otherwise."""
        where = where or TextsLocation()
        if where.root is None:
            where = TextsLocation(where.texts, where.download, annotations.resolve().parent)
        return cls(read_declarations(annotations), where)

    def documents(self, name: str) -> dict[str, SourceDocument] | None:
        """The documents of a source, or None when its files are missing (see :attr:`missing`).
        A file that is present but not the pinned one stops the run (:class:`BylineError`)."""
        if name in self._loaded:
            return self._loaded[name]
        if name in self.missing:
            return None
        try:
            files = locate_files(self.declarations[name], self.where)
        except SourceFilesMissing as exc:
            self.missing[name] = exc
            return None
        self._found[name] = files.found
        self._loaded[name] = read_source_documents(files)
        return self._loaded[name]

    def found(self, name: str) -> str | None:
        """How a loaded source's files were found ("--texts", "local copy", "download", ...)."""
        return self._found.get(name)
