"""`byline align`: Give string-only predictions offsets by Byline's deterministic alignment."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from byline.cli._common import check_output_file
from byline.scoring.strings import align_file


@click.command("align")
@click.argument("strings", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dataset", type=click.Path(file_okay=False, path_type=Path), default=Path("build/dataset"),
              show_default=True, help="A built dataset directory (its gold texts are aligned against).")
@click.option("--split", default="test", show_default=True, help="The gold split the strings belong to.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the prediction records (JSONL) here; default: stdout.")
def command(strings: Path, dataset: Path, split: str, out: Path | None) -> None:
    """Give string-only predictions offsets by Byline's deterministic alignment.

    STRINGS is JSONL of schema/string_prediction.schema.json. Each string is placed at its
    leftmost exact occurrence in the gold text, else its leftmost quote/dash/white-space-folded
    one, never on code points an earlier string of its layer (or attribution role) took.
    Strings that cannot be placed are reported on stderr and left out.
    """
    if out is not None:
        check_output_file(out)
    report = align_file(strings, dataset, split, out if out is not None else sys.stdout)
    for problem in report.unplaced:
        click.echo(f"byline: {problem}", err=True)
    if report.unplaced_count > len(report.unplaced):
        click.echo(f"byline: … and {report.unplaced_count - len(report.unplaced)} more unplaced strings", err=True)
    if report.dropped_attributions:
        click.echo(f"byline: {report.dropped_attributions} attributions dropped: none of their contents "
                   "could be placed", err=True)
    click.echo(f"byline: {report.summary()}" + (f"; wrote {out}" if out is not None else ""), err=True)
