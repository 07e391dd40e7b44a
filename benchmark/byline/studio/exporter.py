"""Export the Byline project: every task with all its annotations, in Label Studio's JSON format.

The file is written byte for byte as Label Studio sent it (exports are kept exactly as exported,
never rewritten) and named by project and time: ``<title-slug>-<project id>-<UTC time>.json``,
e.g. ``byline-3-20261125T223000Z.json``. When tasks of a declared source (standoff documents,
``annotations/sources/``) are in it, the file is written **dehydrated** instead
(:func:`byline.sources.standoff.dehydrate_tasks`: their texts, withheld meta and region texts
removed, everything else as Label Studio sent it), as compact JSON like Label Studio's own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from byline.errors import BylineError
from byline.sources.declaration import SourceDeclaration
from byline.sources.standoff import dehydrate_tasks
from byline.studio.connection import Studio
from byline.studio.project import Project, export_bytes


@dataclass(frozen=True)
class ExportResult:
    path: Path
    tasks: int
    annotations: int
    cancelled: int
    """Skipped ("cancelled") annotations, counted in ``annotations`` too."""
    dehydrated: int = 0
    """Tasks of declared sources written dehydrated."""


def export_file_name(project: Project, when: datetime) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", project.title.lower()).strip("-") or "project"
    return f"{slug}-{project.id}-{when.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"


def export_project(studio: Studio, project: Project, out_dir: Path, when: datetime | None = None,
                   sources: Mapping[str, SourceDeclaration] | None = None) -> ExportResult:
    """Write the project's full JSON export into ``out_dir`` (created if missing); tasks of the
    ``sources`` are dehydrated."""
    raw = export_bytes(studio, project)
    try:
        tasks = json.loads(raw)
    except ValueError as exc:
        raise BylineError(f"Label Studio at {studio.url} sent an export of project {project.id} that is not JSON ({exc})") from exc
    if not isinstance(tasks, list):
        raise BylineError(f"Label Studio at {studio.url} sent an export of project {project.id} that is not a list of tasks")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / export_file_name(project, when or datetime.now(UTC))
    if path.exists():
        raise BylineError(f"{path} exists already; exports are never overwritten (wait a second and export again)")
    dry = dehydrate_tasks(tasks, sources or {}, f"the export of project {project.id}")
    dehydrated = sum(1 for before, after in zip(tasks, dry, strict=True) if before is not after)
    if dehydrated:
        raw = json.dumps(dry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(raw)
    annotations = [a for task in tasks for a in task.get("annotations") or []]
    return ExportResult(
        path=path,
        tasks=len(tasks),
        annotations=len(annotations),
        cancelled=sum(1 for a in annotations if a.get("was_cancelled")),
        dehydrated=dehydrated,
    )
