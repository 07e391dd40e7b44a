"""`byline validate`: check Label Studio JSON exports; report every problem in one run."""

from __future__ import annotations

from pathlib import Path

import click

from byline.build import sibling_task_texts
from byline.cli._common import texts_options
from byline.errors import Problem, UsageError
from byline.exports.validate import validate_exports
from byline.report import render_json, render_text
from byline.sources import TextLibrary, TextsLocation


@click.command("validate")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--annotations", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations"),
              show_default=True, help="The annotations directory whose sources/ declares the texts of dehydrated exports.")
@texts_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit 1 on any problem, warnings included (as `byline build --strict`).")
def command(exports: tuple[Path, ...], annotations: Path, texts: Path | None, download: bool, fmt: str,
            strict: bool) -> None:
    """Check Label Studio JSON exports (files or folders); report every problem.

    Exports in an annotations/exports/ folder are compared with the texts of annotations/tasks/.
    Dehydrated exports (standoff documents) are hydrated first and checked in full; without their
    source's texts, their structure is checked and a note says that their offsets were not.

    Exit status, as for `byline build`: 0 no errors (warnings are listed), 1 errors (or, with
    --strict, any problem), 2 usage error.
    """
    missing = [str(p) for p in exports if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    task_problems: list[Problem] = []
    library = TextLibrary.for_annotations(annotations, TextsLocation(texts, download))
    report = validate_exports(exports, convert=False, task_texts=sibling_task_texts(exports, task_problems),
                              library=library)
    report.problems[:0] = task_problems
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    if report.errors or (strict and report.problems):
        raise click.exceptions.Exit(1)
