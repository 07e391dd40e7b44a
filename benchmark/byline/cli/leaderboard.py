"""`byline leaderboard`: Rank result files into a leaderboard with significance groups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from byline.errors import UsageError
from byline.leaderboard.significance import DEFAULT_ALPHA, DEFAULT_SEED, DEFAULT_TRIALS, SignificanceSettings

if TYPE_CHECKING:
    from byline.leaderboard.baselines import BaselineRun


@click.command("leaderboard")
@click.argument("results", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write leaderboard.md, .csv, .json and .html into this directory "
                   "(with --run-baselines: also predictions/ and results/; default build/leaderboard).")
@click.option("--run-baselines", is_flag=True,
              help="Run every shipped baseline on --split of --dataset, score it and rank it (with any RESULTS).")
@click.option("--run-systems", is_flag=True,
              help="Run the field's own tools (`byline system list`; needs byline[systems]) on --split of "
                   "--dataset, score them and rank them too.")
@click.option("--dataset", type=click.Path(path_type=Path), default=Path("build/dataset"), show_default=True,
              help="The built dataset (with --run-baselines or --run-systems).")
@click.option("--split", default="test", show_default=True, help="The split (with --run-baselines or --run-systems).")
@click.option("--agreement", type=click.Path(path_type=Path, dir_okay=False), multiple=True,
              help="An agreement file (`byline agreement annotations/exports/ --out FILE`): add its "
                   "'annotator agreement' reference row (no rank, no group) to every board it covers; one "
                   "written with `--origin O` goes on the boards of that origin (repeat the option).")
@click.option("--update-docs", is_flag=True,
              help="Regenerate docs/leaderboard.md and the README's table (the shipped baselines and the field's "
                   "systems on the shipped data) under --root.")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=Path("."), show_default=True,
              help="The repository root (with --update-docs).")
@click.option("--trials", type=click.IntRange(min=0), default=DEFAULT_TRIALS, show_default=True,
              help="Approximate-randomisation trials per pair of systems.")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Seed of the significance test.")
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True), default=DEFAULT_ALPHA, show_default=True,
              help="Family-wise error rate per board (Holm).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "markdown"]), default="markdown", show_default=True,
              help="What to print on stdout.")
def command(results: tuple[Path, ...], out: Path | None, run_baselines: bool, run_systems: bool, dataset: Path,
            split: str,
            agreement: tuple[Path, ...], update_docs: bool, root: Path, trials: int, seed: int, alpha: float, fmt: str) -> None:
    """Rank RESULT.json files (from `byline score --out`) into per-layer and overall boards with
    95% intervals and significance groups; print the table and write it under --out.

    With documents of several origins in the split, the boards are given for each origin (real
    news first, then the authored stress tests), then for all documents."""
    from byline.leaderboard.origins import build_origin_leaderboards
    from byline.leaderboard.published import update_docs_page
    from byline.leaderboard.reference import read_agreement
    from byline.leaderboard.render import (
        to_csv_by_origin,
        to_json_by_origin,
        to_markdown_by_origin,
        write_origin_leaderboards,
    )
    from byline.leaderboard.results import read_result

    render = {"markdown": to_markdown_by_origin, "csv": to_csv_by_origin, "json": to_json_by_origin}[fmt]
    settings = SignificanceSettings(trials=trials, seed=seed, alpha=alpha)
    if update_docs:
        if results or run_baselines or run_systems or agreement:
            raise UsageError("--update-docs regenerates the page from the shipped data alone (agreement and the "
                             "field's systems included); give it no RESULT file, no --run-baselines, no "
                             "--run-systems and no --agreement")
        for path, changed in update_docs_page(root):
            click.echo(f"{path}: {'updated' if changed else 'already up to date'}", err=True)
        return
    reference = [read_agreement(path) for path in agreement]
    paths = list(results)
    if run_baselines:
        out = out or Path("build/leaderboard")
        from byline.leaderboard import baselines

        runs = baselines.run_baselines(dataset, out, split)
        for run in runs:
            click.echo(f"{run.name}: predictions {run.predictions}, result {run.result}", err=True)
        paths = [run.result for run in runs] + paths
    if run_systems:
        out = out or Path("build/leaderboard")
        paths += [run.result for run in _run_systems(dataset, out, split)]
    if not paths:
        raise UsageError("no result files given; expected RESULT.json ... (from `byline score --out`) "
                         "or --run-baselines / --run-systems")
    boards = build_origin_leaderboards([read_result(path) for path in paths], settings, reference)
    if out is not None:
        written = write_origin_leaderboards(boards, out)
        click.echo("wrote " + ", ".join(str(p) for p in written.values()), err=True)
    click.echo(render(boards), nl=False)


def _run_systems(dataset: Path, out: Path, split: str) -> list[BaselineRun]:
    """Run the field's systems with a progress bar each and one line per system on stderr."""
    import sys

    from tqdm import tqdm

    from byline.leaderboard.systems import run_systems
    from byline.systems.run import SystemRun

    bars: list[tqdm[object]] = []

    def progress(name: str) -> tuple[Callable[[int], None], Callable[[int], None]]:
        click.echo(f"{name}: loading", err=True)
        bar: tqdm[object] = tqdm(desc=name, unit="doc", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False)
        bars.append(bar)
        return (lambda n: bar.reset(total=n)), bar.update

    def finished(run: SystemRun) -> None:
        for bar in bars:
            bar.close()
        bars.clear()
        click.echo(f"{run.name}: {run.documents} document(s), load {run.load_seconds:.1f} s, predict "
                   f"{run.predict_seconds:.1f} s; predictions {run.predictions}", err=True)
        for note in run.notes:
            click.echo(f"{run.name}: {note}", err=True)

    runs = run_systems(dataset, out, split, on_run=finished, progress=progress)
    for run in runs:
        click.echo(f"{run.name}: result {run.result}", err=True)
    return runs
