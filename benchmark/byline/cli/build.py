"""`byline build`: validate annotations/ and write the Hugging Face dataset."""

from __future__ import annotations

from pathlib import Path

import click

from byline.build import build_dataset
from byline.cli._common import texts_options
from byline.report import account_lines, render_json
from byline.sources import TextsLocation


@click.command("build")
@click.option("--annotations", type=click.Path(path_type=Path), default=Path("annotations"), show_default=True,
              help="The annotations directory (its exports/ holds the Label Studio JSON exports).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build/dataset"), show_default=True)
@click.option("--strict", is_flag=True, help="Fail on any problem, warnings included.")
@texts_options
@click.option("--skip-missing-sources", is_flag=True,
              help="Build without the documents whose source texts are missing (the card and the account list them).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(annotations: Path, out: Path, strict: bool, texts: Path | None, download: bool,
            skip_missing_sources: bool, fmt: str) -> None:
    """Validate annotations/ and build the dataset (Parquet, card, gold JSONL).

    Standoff documents (annotations/sources/) are hydrated from their source's texts first."""
    result = build_dataset(annotations, out, strict=strict, texts=TextsLocation(texts, download),
                           skip_missing_sources=skip_missing_sources)
    report = result.report
    if fmt == "json":
        extra = {"built": result.output is not None, "out": str(out),
                 "fingerprint": result.output.fingerprint if result.output else None}
        click.echo(render_json(report, extra), nl=False)
    else:
        for problem in report.problems:
            click.echo(str(problem), err=True)
        for line in account_lines(report):
            click.echo(line)
        if result.output is not None:
            for note in report.notes:
                click.echo(note, err=True)
            splits = ", ".join(f"{n} {s}" for s, n in result.output.splits.items())
            click.echo(f"built {out} ({splits}); fingerprint {result.output.fingerprint}")
    if result.failed_on == "empty":
        click.echo("byline: build failed: no document was converted (every task is listed above with its reason); "
                   "nothing was written", err=True)
        raise click.exceptions.Exit(1)
    if result.failed_on == "missing-sources":
        for message in report.missing_sources.values():
            click.echo(f"byline: error: {message}", err=True)
        click.echo(f"byline: build failed: the texts of {len(report.account.unhydrated)} standoff document(s) are "
                   "missing; nothing was written (--skip-missing-sources builds the other documents)", err=True)
        raise click.exceptions.Exit(1)
    if result.failed_on:
        click.echo(
            f"byline: build failed: {len(report.errors)} error(s), {len(report.warnings)} warning(s)"
            + (" (--strict fails on warnings)" if result.failed_on == "warnings" else "")
            + "; nothing was written",
            err=True,
        )
        raise click.exceptions.Exit(1)
