"""Import tasks for the selected documents of a source, written dehydrated.

A selection file (``annotations/sources/<name>-selection.json``, e.g. written by
``scripts/wikinews_select.py``) lists the source's documents, the chosen ones with ``doc_id``,
``split`` and the document's key (``url``). For each chosen document the hydrated task is::

    {"data": {"doc_id": ID, "text": <the source's text exactly>, "meta": {"title": <from the source>,
      "publisher", "url", "published", "language", "license", "origin", "split", "credit"}}}

and the committed file ``annotations/tasks/<doc id>.json`` holds it dehydrated
(:func:`byline.sources.standoff.dehydrate_task`): ``[{"data": {"doc_id", "standoff", "meta"}}]``.
``byline studio import`` hydrates it again, so annotators see the full text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.errors import UsageError
from byline.sources.declaration import SourceDeclaration
from byline.sources.library import SourceDocument, TextLibrary
from byline.sources.standoff import StandoffError, dehydrate_task


def hydrated_task(declaration: SourceDeclaration, document: SourceDocument, doc_id: str, split: str) -> dict[str, Any]:
    """The import task of one source document, with its text and every meta field."""
    meta: dict[str, Any] = {name: document.meta[name] for name in declaration.meta}
    meta.update(declaration.task_meta)
    meta.update({
        declaration.key_meta: document.key,
        "license": declaration.license_name,
        "origin": declaration.origin,
        "split": split,
        "credit": declaration.credit_for(document.key),
    })
    ordered: dict[str, Any] = {name: meta[name] for name in ("title", "publisher", "url", "published", "language", "license",
                                             "origin", "split", "credit") if name in meta}
    ordered.update(meta)
    return {"data": {"doc_id": doc_id, "text": document.text, "meta": ordered}}


@dataclass(frozen=True)
class SelectedDocument:
    doc_id: str
    key: str
    split: str


def read_selection(path: Path, declaration: SourceDeclaration) -> list[SelectedDocument]:
    """The chosen documents of a selection file (entries with a ``doc_id``), in annotation order."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read the selection ({exc}); expected a JSON selection file") from exc
    articles = raw.get("articles") if isinstance(raw, dict) else None
    if not isinstance(articles, list):
        raise UsageError(f"{path}:$.articles: found {type(articles).__name__}; expected a list of articles")
    chosen = []
    problems = []
    for i, entry in enumerate(articles):
        if not isinstance(entry, dict) or "doc_id" not in entry:
            continue
        key, split = entry.get(declaration.key_column), entry.get("split")
        if not isinstance(key, str) or split not in ("dev", "test"):
            problems.append(f"{path}:$.articles[{i}]: found key {key!r} and split {split!r}; expected the document's "
                            f"{declaration.key_column!r} and a split (dev or test)")
            continue
        chosen.append((entry.get("order", i), SelectedDocument(str(entry["doc_id"]), key, split)))
    if problems:
        raise UsageError("\n".join(problems))
    return [doc for _, doc in sorted(chosen, key=lambda item: item[0])]


def write_source_tasks(library: TextLibrary, name: str, selection: Path, out: Path) -> list[Path]:
    """Write one dehydrated task file per chosen document of ``selection`` into ``out``; return the
    paths. The source's texts are needed (each task's ``text_sha256`` is computed from them)."""
    declaration = library.declarations.get(name)
    if declaration is None:
        raise UsageError(f"no source {name!r} is declared; expected one of {sorted(library.declarations)}")
    documents = library.documents(name)
    if documents is None:
        raise library.missing[name]
    selected = read_selection(selection, declaration)
    absent = [s.key for s in selected if s.key not in documents]
    if absent:
        raise UsageError(f"{selection}: {len(absent)} chosen document(s) are not in source {name!r}: "
                         + ", ".join(absent[:5]))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for chosen in selected:
        task = hydrated_task(declaration, documents[chosen.key], chosen.doc_id, chosen.split)
        dry, problems = dehydrate_task(task, declaration, chosen.doc_id, str(selection))
        if problems:
            raise StandoffError(f"task {chosen.doc_id}", problems)
        path = out / f"{chosen.doc_id}.json"
        path.write_text(json.dumps([dry], indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
