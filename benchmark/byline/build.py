"""`byline build`: validate every export in annotations/ and write the dataset directory."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.card import render_card
from byline.dataset import BuildOutput, write_dataset
from byline.errors import UsageError
from byline.exports.validate import ValidationReport, export_files, read_users, validate_exports
from byline.sources import TextLibrary, TextsLocation

EXPORTS_SUBDIR = "exports"
"""Where the Label Studio exports live under the annotations directory."""
USERS_FILE = "label-studio-users.json"
"""Label Studio's answer to GET /api/users/, saved beside exports/: names the annotators."""


@dataclass
class BuildResult:
    report: ValidationReport
    output: BuildOutput | None
    failed_on: str | None  # "errors", "warnings" (strict), "missing-sources" or None


def export_paths(annotations: Path) -> list[Path]:
    """The export files of an annotations directory (``<dir>/exports/*.json``), or of a
    directory of exports given directly."""
    if not annotations.exists():
        raise UsageError(f"{annotations}: no such directory; expected the annotations directory (e.g. annotations/)")
    folder = annotations / EXPORTS_SUBDIR if (annotations / EXPORTS_SUBDIR).is_dir() else annotations
    paths = list(export_files([folder]))
    if not paths:
        raise UsageError(f"{folder}: no *.json export found; expected Label Studio JSON exports there")
    return paths


def _progress(total: int | None) -> Any:
    from tqdm import tqdm

    # disable=None: shown only when stderr is a terminal, silent in pipes and CI.
    return tqdm(total=total, unit="task", desc="tasks", file=sys.stderr, disable=None, leave=False)


def build_dataset(annotations: Path, out: Path, strict: bool = False, progress: bool = True,
                  texts: TextsLocation | None = None, skip_missing_sources: bool = False) -> BuildResult:
    """Validate and convert every export, hydrating dehydrated (standoff) tasks from the sources
    declared in ``<annotations>/sources/`` found through ``texts``; write the dataset unless there
    are errors (or, with ``strict``, any problem at all). A source whose files are missing fails
    the build, unless ``skip_missing_sources``: its documents are then left out, and the account
    and the card say so."""
    paths = export_paths(annotations)
    library = TextLibrary.for_annotations(annotations, texts)
    bar = _progress(None) if progress else None
    try:
        report = validate_exports(paths, convert=True, progress=bar, users=read_users(annotations / USERS_FILE),
                                  library=library)
    finally:
        if bar is not None:
            bar.close()
    if report.errors:
        return BuildResult(report, None, "errors")
    if report.missing_sources and not skip_missing_sources:
        return BuildResult(report, None, "missing-sources")
    if strict and report.problems:
        return BuildResult(report, None, "warnings")
    account = report.account.to_json()
    card = render_card(report.documents.stats, account)
    output = write_dataset(report.documents, out, account, card)
    return BuildResult(report, output, None)
