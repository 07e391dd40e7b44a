"""Import documents into the Byline project, skipping those already there, text checked after.

A document is *already present* when a task with the same ``doc_id`` and the same text (SHA-256
of its UTF-8) exists: it is skipped. A task with the same ``doc_id`` but another text is a
conflict: the document is not imported (its annotations' offsets refer to the text they were made
on) and the conflict is reported. After the import every new task's text is read back and
compared with the file's, so a server that altered a character is caught, not trusted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from byline.errors import Problem
from byline.studio.connection import Studio
from byline.studio.documents import Document
from byline.studio.project import Project
from byline.texts import text_sha256

BATCH_SIZE = 50


@dataclass(frozen=True)
class TaskRef:
    task_id: int
    doc_id: str
    sha256: str


@dataclass
class ImportReport:
    project: Project
    imported: list[TaskRef] = field(default_factory=list)
    skipped: list[TaskRef] = field(default_factory=list)
    """Already present with the same text: not imported again."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def project_documents(studio: Studio, project: Project) -> dict[str, list[TaskRef]]:
    """doc id -> the tasks of the project carrying it (normally one)."""
    found: dict[str, list[TaskRef]] = {}
    with studio.call(f"list the tasks of project {project.id}"):
        for task in studio.client.tasks.list(project=project.id, fields="task_only", page_size=100):
            data: dict[str, Any] = dict(task.data or {})
            doc_id, text = data.get("doc_id"), data.get("text")
            if isinstance(doc_id, str) and isinstance(text, str):
                found.setdefault(doc_id, []).append(TaskRef(int(task.id), doc_id, text_sha256(text)))
    return found


def import_documents(
    studio: Studio,
    project: Project,
    documents: Sequence[Document],
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import the documents not yet in the project (see the module docstring for the rules)."""
    report = ImportReport(project)
    present = project_documents(studio, project)
    todo: list[Document] = []
    for document in documents:
        tasks = present.get(document.doc_id, [])
        same = [t for t in tasks if t.sha256 == document.sha256]
        if same:
            report.skipped.append(same[0])
        elif tasks:
            report.problems.append(
                Problem("error", "doc-id-conflict", document.source, document.doc_id, "$.data.text",
                        f"doc id {document.doc_id!r} already in task {tasks[0].task_id} with another text "
                        f"(sha256 {tasks[0].sha256[:12]}… there, {document.sha256[:12]}… here)",
                        "a new doc id for a changed text (offsets only fit their own text); not imported")
            )
        else:
            todo.append(document)
    for first in range(0, len(todo), BATCH_SIZE):
        batch = todo[first : first + BATCH_SIZE]
        with studio.call(f"import {len(batch)} document(s) into project {project.id}"):
            response = studio.client.projects.import_tasks(
                id=project.id, request=[{"data": document.data} for document in batch], return_task_ids=True
            )
        for document, task_id in zip(batch, response.task_ids or [], strict=False):
            report.imported.append(TaskRef(int(task_id), document.doc_id, document.sha256))
        if progress:
            progress(len(batch))
    _verify(studio, project, todo, report)
    return report


def _verify(studio: Studio, project: Project, imported: Sequence[Document], report: ImportReport) -> None:
    """Read the new tasks back: each document must be there once, with exactly its text."""
    if not imported:
        return
    present = project_documents(studio, project)
    for document in imported:
        tasks = present.get(document.doc_id, [])
        if not any(t.sha256 == document.sha256 for t in tasks):
            found = f"task {tasks[0].task_id} with text sha256 {tasks[0].sha256[:12]}…" if tasks else "no task"
            report.problems.append(
                Problem("error", "text-altered", document.source, document.doc_id, "$.data.text",
                        f"{found} after the import", f"the text exactly as in the file (sha256 {document.sha256[:12]}…)")
            )
