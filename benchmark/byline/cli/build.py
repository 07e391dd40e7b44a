"""`byline build`: validate annotations/ and write the Hugging Face dataset."""

from __future__ import annotations

from pathlib import Path

import click

from byline.build import build_dataset
from byline.report import account_lines, render_json


@click.command("build")
@click.option("--annotations", type=click.Path(path_type=Path), default=Path("annotations"), show_default=True,
              help="The annotations directory (its exports/ holds the Label Studio JSON exports).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build/dataset"), show_default=True)
@click.option("--strict", is_flag=True, help="Fail on any problem, warnings included.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(annotations: Path, out: Path, strict: bool, fmt: str) -> None:
    """Validate annotations/ and build the dataset (Parquet, card, gold JSONL)."""
    result = build_dataset(annotations, out, strict=strict)
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
            splits = ", ".join(f"{n} {s}" for s, n in result.output.splits.items())
            click.echo(f"built {out} ({splits}); fingerprint {result.output.fingerprint}")
    if result.failed_on == "empty":
        click.echo("byline: build failed: no document was converted (every task is listed above with its reason); "
                   "nothing was written", err=True)
        raise click.exceptions.Exit(1)
    if result.failed_on:
        click.echo(
            f"byline: build failed: {len(report.errors)} error(s), {len(report.warnings)} warning(s)"
            + (" (--strict fails on warnings)" if result.failed_on == "warnings" else "")
            + "; nothing was written",
            err=True,
        )
        raise click.exceptions.Exit(1)
