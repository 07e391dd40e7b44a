"""`byline build`: validate every export in annotations/ and write the dataset directory.

The output is written into a temporary folder beside ``out`` and moved into place only when the
whole build succeeded: a failed or interrupted build never leaves a half-written dataset, and
an earlier dataset at ``out`` stays as it was until the new one is complete.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.card import render_card
from byline.card_metadata import CorpusFacets
from byline.dataset import BuildOutput, write_dataset
from byline.errors import BylineError, Problem, UsageError
from byline.exports.reader import read_tasks
from byline.exports.validate import ValidationReport, export_files, read_users, validate_exports
from byline.sources import TextLibrary, TextsLocation
from byline.texts import text_sha256

EXPORTS_SUBDIR = "exports"
"""Where the Label Studio exports live under the annotations directory."""
TASKS_SUBDIR = "tasks"
"""Where the documents live as Label Studio import tasks (compared with the exports' texts)."""
USERS_FILE = "label-studio-users.json"
"""Label Studio's answer to GET /api/users/, saved beside exports/: names the annotators."""


@dataclass
class BuildResult:
    report: ValidationReport
    output: BuildOutput | None
    failed_on: str | None  # "errors", "warnings" (strict), "missing-sources", "empty" or None


def export_paths(annotations: Path) -> list[Path]:
    """The export files of an annotations directory (``<dir>/exports/*.json``), or of a
    directory of exports given directly."""
    if not annotations.exists():
        raise UsageError(f"{annotations}: no such directory; expected the annotations directory (e.g. annotations/)")
    folder = exports_folder(annotations)
    paths = export_files([folder])
    if not paths:
        raise UsageError(f"{folder}: no *.json export found; expected Label Studio JSON exports there")
    return paths


def exports_folder(annotations: Path) -> Path:
    return annotations / EXPORTS_SUBDIR if (annotations / EXPORTS_SUBDIR).is_dir() else annotations


def task_texts(folder: Path, problems: list[Problem]) -> dict[str, tuple[str, str]]:
    """doc id -> (SHA-256 of its text, where) from the import tasks of ``folder`` (absent: {}).

    A task without ``data.text`` but with ``data.text_sha256`` (a dehydrated task) gives that."""
    texts: dict[str, tuple[str, str]] = {}
    if not folder.is_dir():
        return texts
    for path in export_files([folder]):
        for raw in read_tasks(path, problems):
            data = raw.task.get("data") if isinstance(raw.task, dict) else None
            if not isinstance(data, dict) or not isinstance(data.get("doc_id"), str):
                continue
            standoff = data.get("standoff")
            text, sha = data.get("text"), data.get("text_sha256")
            if sha is None and isinstance(standoff, dict):
                sha = standoff.get("text_sha256")
            if isinstance(text, str):
                texts[data["doc_id"]] = (text_sha256(text), f"{path}:$[{raw.index}]")
            elif isinstance(sha, str):
                texts[data["doc_id"]] = (sha, f"{path}:$[{raw.index}]")
    return texts


def sibling_task_texts(paths: Iterable[Path], problems: list[Problem]) -> dict[str, tuple[str, str]]:
    """The task texts (:func:`task_texts`) of the ``tasks/`` folder beside each given
    ``exports/`` folder (``annotations/exports/`` -> ``annotations/tasks/``), to compare with."""
    texts: dict[str, tuple[str, str]] = {}
    for path in paths:
        folder = path if path.is_dir() else path.parent
        if folder.name == EXPORTS_SUBDIR and (folder.parent / TASKS_SUBDIR).is_dir():
            texts.update(task_texts(folder.parent / TASKS_SUBDIR, problems))
    return texts


def _progress(total: int | None) -> Any:
    from tqdm import tqdm

    # disable=None: shown only when stderr is a terminal, silent in pipes and CI.
    return tqdm(total=total, unit="task", desc="tasks", file=sys.stderr, disable=None, leave=False)


def build_dataset(annotations: Path, out: Path, strict: bool = False, progress: bool = True,
                  texts: TextsLocation | None = None, skip_missing_sources: bool = False) -> BuildResult:
    """Validate and convert every export, hydrating dehydrated (standoff) tasks from the sources
    declared in ``<annotations>/sources/`` found through ``texts``; write the dataset unless there
    are errors (or, with ``strict``, any problem at all) or nothing to write. A source whose files
    are missing fails the build, unless ``skip_missing_sources``: its documents are then left out,
    and the account and the card say so."""
    export_paths(annotations)  # a usage error when there is no export at all
    folder = exports_folder(annotations)
    library = TextLibrary.for_annotations(annotations, texts)
    task_problems: list[Problem] = []
    known = task_texts(annotations / TASKS_SUBDIR, task_problems) if folder != annotations else {}
    bar = _progress(None) if progress else None
    try:
        report = validate_exports([folder], convert=True, progress=bar, users=read_users(annotations / USERS_FILE),
                                  task_texts=known, library=library)
    finally:
        if bar is not None:
            bar.close()
    report.problems[:0] = task_problems
    if report.errors:
        return BuildResult(report, None, "errors")
    if report.missing_sources and not skip_missing_sources:
        return BuildResult(report, None, "missing-sources")
    if strict and report.problems:
        return BuildResult(report, None, "warnings")
    if not report.documents:
        return BuildResult(report, None, "empty")
    account = report.account.to_json()
    facets = CorpusFacets.of(report.documents.values())
    card = render_card(report.documents.stats, account, facets, agreement=corpus_agreement(report))
    output = write_atomically(out, lambda tmp: write_dataset(report.documents, tmp, account, card))
    return BuildResult(report, BuildOutput(out, output.fingerprint, output.splits), None)


def corpus_agreement(report: ValidationReport) -> dict[str, Any]:
    """The agreement of the converted corpus for the card, by stage (``before-adjudication``, the
    primary figure, and ``against-gold``): each an agreement record, or None without pairs."""
    from byline.agreement import STAGES, agreement_of_pairs, stage_pairs

    out: dict[str, Any] = {}
    for stage in STAGES:
        pairs = [pair for doc_id, others in sorted(report.alternates.items())
                 for pair in stage_pairs([report.documents[doc_id], *others], stage)]
        out[stage] = agreement_of_pairs(pairs, exports=[], problems=0, stage=stage).to_json() if pairs else None
    return out


def write_atomically(out: Path, write: Any) -> BuildOutput:
    """Call ``write(tmp)`` on a fresh folder beside ``out``, then put it in ``out``'s place."""
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; a dataset folder is not
    except OSError as exc:
        raise BylineError(f"{out}: cannot create the output folder ({exc.strerror}); nothing was written") from exc
    try:
        result: BuildOutput = write(tmp)
        if out.is_symlink() or out.is_file():
            raise BylineError(f"{out}: exists and is not a folder; expected a folder to (re)write the dataset in")
        old = None
        if out.exists():
            old = parent / f".{out.name}.old.{os.getpid()}"
            os.replace(out, old)
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return result
    except OSError as exc:
        raise BylineError(f"{out}: cannot write the dataset ({exc.strerror}); nothing was changed") from exc
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
