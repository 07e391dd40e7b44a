"""Push a system's predictions into the Byline project as Label Studio predictions.

Reads prediction records (JSONL, ``schema/prediction.schema.json``), matches each to its task
by ``id`` = the task's ``doc_id``, checks ``text_sha256`` when the record has one, converts it with
:func:`byline.studio.results.records_to_results` and imports them under ``model_version`` so that
annotators correct them instead of starting from nothing. A task that already has a prediction
of that model version is skipped (run again after a partial failure: nothing is doubled).
Every bad line is reported with its file, line and JSON path; the good ones are still pushed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from byline.errors import BylineError, Problem, UsageError
from byline.schemas import json_path, validator
from byline.studio.connection import Studio
from byline.studio.project import Project
from byline.studio.results import records_to_results
from byline.texts import text_sha256

BATCH_SIZE = 100


@dataclass
class PreannotateReport:
    project: Project
    model_version: str
    created: list[tuple[str, int]] = field(default_factory=list)
    """(doc id, task id) of each prediction created."""
    skipped: list[tuple[str, int]] = field(default_factory=list)
    """Tasks that already had a prediction of this model version."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def read_prediction_lines(path: Path, problems: list[Problem]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of each valid record of a JSONL file; the rest goes to ``problems``."""
    check = validator("prediction")
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise UsageError(f"cannot read predictions file {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"predictions file {path} is not UTF-8 (byte {exc.start})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            problems.append(Problem("error", "bad-json", str(path), where, "$", f"invalid JSON ({exc})", "one JSON object per line"))
            continue
        errors = sorted(check.iter_errors(record), key=lambda e: list(e.absolute_path))
        for error in errors:
            problems.append(
                Problem("error", "schema", str(path), where, json_path(error.absolute_path), error.message[:200],
                        "a prediction record (schema/prediction.schema.json)")
            )
        if not errors:
            yield number, record


def _tasks_by_doc(studio: Studio, project: Project) -> dict[str, tuple[int, str]]:
    """doc id -> (task id, text)."""
    found: dict[str, tuple[int, str]] = {}
    with studio.call(f"list the tasks of project {project.id}"):
        for task in studio.client.tasks.list(project=project.id, fields="task_only", page_size=100):
            data = dict(task.data or {})
            if isinstance(data.get("doc_id"), str) and isinstance(data.get("text"), str):
                found.setdefault(data["doc_id"], (int(task.id), data["text"]))
    return found


def _tasks_with_model_version(studio: Studio, project: Project, model_version: str) -> set[int]:
    with studio.call(f"list the predictions of project {project.id}"):
        return {int(p.task) for p in studio.client.predictions.list(project=project.id) if p.model_version == model_version}


def preannotate(studio: Studio, project: Project, predictions: Path, model_version: str) -> PreannotateReport:
    """Create one Label Studio prediction per record (see the module docstring)."""
    if not model_version.strip():
        raise UsageError("--model-version must name the system (e.g. 'spacy-en_core_web_sm-3.8')")
    report = PreannotateReport(project, model_version)
    tasks = _tasks_by_doc(studio, project)
    done = _tasks_with_model_version(studio, project, model_version)
    pending: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for number, record in read_prediction_lines(predictions, report.problems):
        where, doc_id = f"line {number}", record["id"]
        if doc_id in seen:
            report.problems.append(Problem("error", "duplicate-id", str(predictions), where, "$.id", f"{doc_id!r} again", "one record per document"))
            continue
        seen.add(doc_id)
        if doc_id not in tasks:
            report.problems.append(
                Problem("error", "unknown-document", str(predictions), where, "$.id", f"{doc_id!r}, which no task of project {project.id} has as doc_id",
                        "the doc id of a document imported with `byline studio import`")
            )
            continue
        task_id, text = tasks[doc_id]
        if "text_sha256" in record and record["text_sha256"] != text_sha256(text):
            report.problems.append(
                Problem("error", "text-mismatch", str(predictions), where, "$.text_sha256",
                        f"{record['text_sha256'][:12]}…, but task {task_id} has a text with sha256 {text_sha256(text)[:12]}…",
                        "predictions made on the same text as the task's")
            )
            continue
        if task_id in done:
            report.skipped.append((doc_id, task_id))
            continue
        try:
            result = records_to_results(record, text)
        except ValueError as exc:
            report.problems.append(Problem("error", "not-representable", str(predictions), where, "$", str(exc), "a record Label Studio can show"))
            continue
        pending.append((doc_id, {"task": task_id, "result": result, "model_version": model_version}))
    for first in range(0, len(pending), BATCH_SIZE):
        batch = pending[first : first + BATCH_SIZE]
        with studio.call(f"import {len(batch)} prediction(s) into project {project.id}"):
            response = studio.client.projects.import_predictions(id=project.id, request=[p for _, p in batch])
        created = getattr(response, "created", None)
        if created is not None and int(created) != len(batch):
            raise BylineError(f"Label Studio created {created} of {len(batch)} predictions in project {project.id}; run again to fill the gap")
        report.created.extend((doc_id, int(p["task"])) for doc_id, p in batch)
    return report
