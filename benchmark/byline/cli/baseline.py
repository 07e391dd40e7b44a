"""`byline baseline`: run a shipped baseline system and write its predictions."""

from __future__ import annotations

import json
from pathlib import Path

import click

from byline.baselines import BASELINES, run_baseline
from byline.scoring.gold import iter_gold_records


@click.command("baseline")
@click.argument("name", type=click.Choice(sorted(BASELINES)))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Where to write the predictions (JSONL).")
@click.option("--dataset", type=click.Path(path_type=Path), default=Path("build/dataset"), show_default=True)
@click.option("--split", default="test", show_default=True)
def command(name: str, out: Path, dataset: Path, split: str) -> None:
    """Run a shipped baseline system on a split and write its predictions."""
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        for record in run_baseline(name, iter_gold_records(dataset, split)):
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    click.echo(f"{name}: wrote predictions for {count} document(s) of {split} to {out}", err=True)
