"""Third-party text kept out of the repository: declared sources, standoff tasks, hydration.

* :mod:`~byline.sources.declaration` — ``annotations/sources/<name>.json``: pinned files, licence,
  credit, how a document and its text are found;
* :mod:`~byline.sources.files` — a local copy or a checked, cached download of the pinned files;
* :mod:`~byline.sources.library` — the documents of each source, read once, by key;
* :mod:`~byline.sources.standoff` — dehydrate / hydrate Label Studio tasks and exports;
* :mod:`~byline.sources.tasks` — dehydrated import tasks for a source's selected documents.

The library functions a script calls on a raw Label Studio export::

    from byline.sources import TextLibrary, dehydrate_export, hydrate_export
    dry = dehydrate_export(tasks)                      # declarations of annotations/sources/
    wet = hydrate_export(dry, texts=Path("../shared/wikinews"))
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from byline.sources.declaration import SourceDeclaration, read_declaration, read_declarations
from byline.sources.files import TEXTS_ENV, SourceFilesMissing, TextsLocation, locate_files
from byline.sources.library import SourceDocument, TextLibrary
from byline.sources.standoff import (
    StandoffError,
    dehydrate_task,
    dehydrate_tasks,
    hydrate_task,
    hydrate_tasks,
)


def dehydrate_export(tasks: list[Any], annotations: Path = Path("annotations")) -> list[Any]:
    """A Label Studio export (parsed JSON) with every source-backed task dehydrated, using the
    sources declared in ``<annotations>/sources/``; raises :class:`StandoffError` listing every
    problem."""
    return dehydrate_tasks(tasks, read_declarations(annotations))


def hydrate_export(tasks: list[Any], texts: Path | None = None, annotations: Path = Path("annotations"),
                   download: bool = False) -> list[Any]:
    """A dehydrated export (or task list) hydrated from ``texts`` (else ``$BYLINE_TEXTS``, the
    declared local copies, or with ``download`` the pinned files); every text is checked against
    its ``text_sha256``. Raises :class:`StandoffError` or :class:`SourceFilesMissing`."""
    library = TextLibrary.for_annotations(annotations, TextsLocation(texts, download))
    return hydrate_tasks(tasks, library)[0]


__all__ = [
    "TEXTS_ENV", "SourceDeclaration", "SourceDocument", "SourceFilesMissing", "StandoffError", "TextLibrary",
    "TextsLocation", "dehydrate_export", "dehydrate_task", "dehydrate_tasks", "hydrate_export", "hydrate_task",
    "hydrate_tasks", "locate_files", "read_declaration", "read_declarations",
]
