"""`byline baseline`: run a shipped baseline system and write its predictions."""

from __future__ import annotations

from pathlib import Path

import click

from byline.baselines import BASELINES, write_predictions


@click.command("baseline")
@click.argument("name", type=click.Choice(sorted(BASELINES)))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Where to write the predictions (JSONL).")
@click.option("--dataset", type=click.Path(path_type=Path), default=Path("build/dataset"), show_default=True)
@click.option("--split", default="test", show_default=True)
def command(name: str, out: Path, dataset: Path, split: str) -> None:
    """Run a shipped baseline system on a split and write its predictions."""
    count = write_predictions(name, dataset, split, out)
    click.echo(f"{name}: wrote predictions for {count} document(s) of {split} to {out}", err=True)
