"""`byline score`: Score a system's predictions against the gold data, with 95% intervals."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from byline.cli._common import check_output_file
from byline.scoring.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED


@click.command("score")
@click.option("--predictions", "predictions", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The system's predictions: JSONL, one prediction record per document (a pipe such as "
                   "/dev/stdin works too).")
@click.option("--dataset", type=click.Path(file_okay=False, path_type=Path), default=Path("build/dataset"),
              show_default=True, help="A built dataset directory (manifest.json, gold/<split>.jsonl).")
@click.option("--split", default="test", show_default=True, help="The gold split to score against.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result file (JSON, schema/result.schema.json) here.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="What to print on stdout: tables for people, or the result JSON.")
@click.option("--system", "system_manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A JSON file with the system block: name, version, url, description, date.")
@click.option("--system-name", help="The system's name (default: the predictions file's name).")
@click.option("--system-version", help="The system's version.")
@click.option("--system-url", help="Where to read about the system.")
@click.option("--system-description", help="One line about the system.")
@click.option("--system-date", help="When the system made its predictions (YYYY-MM-DD).")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Seed of the bootstrap.")
@click.option("--resamples", type=click.IntRange(min=0), default=DEFAULT_RESAMPLES, show_default=True,
              help="Bootstrap resamples over documents (0: no intervals).")
def command(
    predictions: Path, dataset: Path, split: str, out: Path | None, output_format: str,
    system_manifest: Path | None, system_name: str | None, system_version: str | None, system_url: str | None,
    system_description: str | None, system_date: str | None, seed: int, resamples: int,
) -> None:
    """Score a system's predictions against the gold data, with 95% intervals.

    Prints a table per layer (or the result JSON with --format json); warnings and progress go
    to stderr. Metric definitions: docs/metrics.md.
    """
    from byline.scoring.bootstrap import BootstrapSettings
    from byline.scoring.gold import load_gold
    from byline.scoring.predictions import layers_in_file
    from byline.scoring.render import render_result
    from byline.scoring.result import (
        build_result,
        check_result,
        document_lines,
        stream_result,
        system_block,
        write_result,
    )
    from byline.scoring.scorer import score_predictions

    if out is not None:
        check_output_file(out)
    system = system_block(
        system_manifest, default_name=predictions.stem, name=system_name, version=system_version,
        url=system_url, description=system_description, date=system_date,
    )
    gold = load_gold(dataset, split, layers=layers_in_file(predictions))
    settings = BootstrapSettings(seed=seed, resamples=resamples)
    if sys.stderr.isatty():  # a progress bar for people; nothing (and no tqdm import) in pipes and CI
        from tqdm import tqdm

        with tqdm(total=predictions.stat().st_size or None, unit="B", unit_scale=True, desc="scoring", file=sys.stderr,
                  leave=False) as bar:
            score = score_predictions(predictions, gold, settings, progress=bar.update)
    else:
        score = score_predictions(predictions, gold, settings)
    result = build_result(score, system, documents=False)
    check_result(result)
    for warning in score.warnings:
        click.echo(f"byline: warning: {warning}", err=True)
    if out is not None:
        write_result(result, out, document_lines(score))
        click.echo(f"byline: wrote {out}", err=True)
    if output_format == "json":
        stream_result(result, sys.stdout, document_lines(score))
    else:
        click.echo(render_result(result), nl=False)
