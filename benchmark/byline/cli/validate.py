"""`byline validate`: check Label Studio JSON exports; report every problem in one run."""

from __future__ import annotations

from pathlib import Path

import click

from byline.build import sibling_task_texts
from byline.errors import Problem, UsageError
from byline.exports.validate import validate_exports
from byline.report import render_json, render_text


@click.command("validate")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit 1 on any problem, warnings included (as `byline build --strict`).")
def command(exports: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check Label Studio JSON exports (files or folders); report every problem.

    Exports in an annotations/exports/ folder are compared with the texts of annotations/tasks/.

    Exit status, as for `byline build`: 0 no errors (warnings are listed), 1 errors (or, with
    --strict, any problem), 2 usage error.
    """
    missing = [str(p) for p in exports if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    task_problems: list[Problem] = []
    report = validate_exports(exports, convert=False, task_texts=sibling_task_texts(exports, task_problems))
    report.problems[:0] = task_problems
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    if report.errors or (strict and report.problems):
        raise click.exceptions.Exit(1)
