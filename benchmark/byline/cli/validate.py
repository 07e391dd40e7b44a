"""`byline validate`: check Label Studio JSON exports; report every problem in one run."""

from __future__ import annotations

from pathlib import Path

import click

from byline.cli._common import texts_options
from byline.errors import UsageError
from byline.exports.validate import validate_exports
from byline.report import render_json, render_text
from byline.sources import TextLibrary, TextsLocation


@click.command("validate")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--annotations", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations"),
              show_default=True, help="The annotations directory whose sources/ declares the texts of dehydrated exports.")
@texts_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(exports: tuple[Path, ...], annotations: Path, texts: Path | None, download: bool, fmt: str) -> None:
    """Check Label Studio JSON exports (files or folders); report every problem.

    Dehydrated exports (standoff documents) are hydrated first and checked in full; without their
    source's texts, their structure is checked and a note says that their offsets were not.
    Exit status: 0 clean, 1 problems found, 2 usage error.
    """
    missing = [str(p) for p in exports if not p.exists()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    library = TextLibrary.for_annotations(annotations, TextsLocation(texts, download))
    report = validate_exports(exports, convert=False, library=library)
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    if report.problems:
        raise click.exceptions.Exit(1)
