"""`byline studio …`: drive a running Label Studio (config, setup, import, export, preannotate).

The API key comes from ``$LABEL_STUDIO_API_KEY`` or, at a terminal, a hidden prompt; never from
an argument (it would land in the shell history), and it is never printed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from byline.cli._common import texts_options
from byline.errors import Problem, UsageError
from byline.studio.config import generate_label_config, write_schema_artifacts

F = TypeVar("F", bound=Callable[..., Any])


@click.group("studio")
def command() -> None:
    """Work with Label Studio: the labeling config, projects, imports, exports.

    Connects to --url (or $LABEL_STUDIO_URL) with the API key in $LABEL_STUDIO_API_KEY (a legacy
    token or a personal access token, from Account & Settings); at a terminal it asks if unset.
    """


@command.command("config")
@click.option("--write", "write", is_flag=True, help="Also rewrite the checked-in copies under schema/.")
def config(write: bool) -> None:
    """Print the labeling config generated from schema/labels.json."""
    click.echo(generate_label_config(), nl=False)
    if write:
        for path in write_schema_artifacts():
            click.echo(f"wrote {path}", err=True)


def _server_options(func: F) -> F:
    from byline.studio.connection import DEFAULT_URL, URL_ENV

    func = click.option(
        "--title", default="Byline", show_default=True, help="Title of the Byline project (when --project is not given)."
    )(func)
    func = click.option(
        "--project", "project_id", type=int, envvar="BYLINE_STUDIO_PROJECT", help="Id of the Byline project [env BYLINE_STUDIO_PROJECT]."
    )(func)
    func = click.option(
        "--url", envvar=URL_ENV, default=DEFAULT_URL, show_default=True, help=f"Label Studio's address [env {URL_ENV}]."
    )(func)
    return func


def _api_key() -> str:
    from byline.studio.connection import API_KEY_ENV

    key = os.environ.get(API_KEY_ENV, "").strip()
    if key:
        return key
    if not sys.stdin.isatty():
        raise UsageError(f"no Label Studio API key: set {API_KEY_ENV} (Account & Settings in Label Studio)")
    return str(click.prompt("Label Studio API key (input hidden)", hide_input=True)).strip()


def _connect(url: str) -> Any:
    from byline.studio.connection import connect

    return connect(url, _api_key())


def _problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@command.command("setup")
@_server_options
def setup(url: str, project_id: int | None, title: str) -> None:
    """Create the Byline project with the generated labeling config, or update its config.

    Idempotent. Refuses a config change that would orphan labels used by existing annotations.
    """
    from byline.studio.project import setup_project

    studio = _connect(url)
    result = setup_project(studio, title=title, project_id=project_id)
    project = result.project
    click.echo(f"{result.action} project {project.id} ({project.title!r}) at {studio.url} (Label Studio {studio.version})")
    click.echo(f"  label: {studio.url}/projects/{project.id}/data")
    click.echo(f"  next:  byline studio import annotations/tasks/ --project {project.id}")


_ANNOTATIONS = click.option(
    "--annotations", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations"), show_default=True,
    help="The annotations directory whose sources/ declares the texts of standoff documents.")


@command.command("import")
@click.argument("docs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_server_options
@_ANNOTATIONS
@texts_options
def import_(docs: tuple[Path, ...], url: str, project_id: int | None, title: str, annotations: Path,
            texts: Path | None, download: bool) -> None:
    """Import documents: task files (annotations/tasks/*.json), .txt files with NAME.meta.json
    sidecars, or directories of them. Texts are sent exactly as read; dehydrated tasks (standoff
    documents) are hydrated from their declared source first; documents already in the project
    (same doc id and text) are skipped."""
    from byline.sources import TextLibrary, TextsLocation
    from byline.studio.documents import load_documents
    from byline.studio.importer import import_documents
    from byline.studio.project import find_project

    documents, problems = load_documents(docs, TextLibrary.for_annotations(annotations, TextsLocation(texts, download)))
    _problems(problems)
    if not documents:
        raise UsageError(f"no document to import in {', '.join(map(str, docs))}")
    studio = _connect(url)
    project = find_project(studio, project_id, title)
    report = import_documents(studio, project, documents)
    _problems(report.problems)
    click.echo(f"project {project.id} ({project.title!r}) at {studio.url}:")
    click.echo(f"  imported {len(report.imported)} document(s)" + "".join(f"\n    {t.doc_id} -> task {t.task_id}" for t in report.imported))
    click.echo(f"  skipped {len(report.skipped)} already present (same doc id and text)" + "".join(f"\n    {t.doc_id} (task {t.task_id})" for t in report.skipped))
    errors = len([p for p in [*problems, *report.problems] if p.severity == "error"])
    if errors:
        click.echo(f"  {errors} error(s); see above", err=True)
        sys.exit(1)


@command.command("export")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations/exports"),
              show_default=True, help="Directory of the export file.")
@_server_options
@_ANNOTATIONS
@texts_options
def export(out_dir: Path, url: str, project_id: int | None, title: str, annotations: Path, texts: Path | None,
           download: bool) -> None:
    """Export every task with all annotations (Label Studio JSON) and validate the file. Tasks of
    declared sources are written dehydrated (no third-party text), the rest exactly as sent."""
    from byline.sources import TextLibrary, TextsLocation
    from byline.studio.exporter import export_project
    from byline.studio.project import find_project

    library = TextLibrary.for_annotations(annotations, TextsLocation(texts, download))
    studio = _connect(url)
    project = find_project(studio, project_id, title)
    result = export_project(studio, project, out_dir, sources=library.declarations)
    click.echo(f"exported project {project.id} ({project.title!r}): {result.tasks} task(s), "
               f"{result.annotations} annotation(s) ({result.cancelled} skipped)"
               + (f", {result.dehydrated} dehydrated (standoff)" if result.dehydrated else "") + f" -> {result.path}")
    _validate_export(result.path, library)


def _validate_export(path: Path, library: Any) -> None:
    """Validate the new export with `byline validate`'s checker and print its account; exit 1 on problems."""
    from byline.exports.validate import validate_exports
    from byline.report import render_text

    report = validate_exports([path], convert=False, library=library)
    click.echo(f"validated {path}:")
    click.echo("".join(f"  {line}\n" for line in render_text(report).splitlines()), nl=False)
    if report.errors:
        click.echo(f"  the export is kept as exported; fix the {len(report.errors)} error(s) in Label Studio and export again", err=True)
        sys.exit(1)


@command.command("preannotate")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Prediction records, one JSON object per line (schema/prediction.schema.json).")
@click.option("--model-version", required=True, help="Name of the system and its version, shown to annotators.")
@_server_options
def preannotate(predictions: Path, model_version: str, url: str, project_id: int | None, title: str) -> None:
    """Push a system's predictions as pre-annotations for annotators to correct."""
    from byline.studio.preannotate import preannotate as push
    from byline.studio.project import find_project

    studio = _connect(url)
    project = find_project(studio, project_id, title)
    report = push(studio, project, predictions, model_version)
    _problems(report.problems)
    click.echo(f"project {project.id} ({project.title!r}), model version {model_version!r}: "
               f"created {len(report.created)} prediction(s), skipped {len(report.skipped)} task(s) that had one")
    if report.errors:
        click.echo(f"  {len(report.errors)} error(s); see above", err=True)
        sys.exit(1)


def _agreement() -> click.Command:
    from byline.cli.agreement import command as agreement

    return agreement


command.add_command(_agreement())
