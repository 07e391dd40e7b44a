"""`byline system`: run the field's own tools (spaCy, jusText, Trafilatura, textacy) as systems."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from byline.systems import SYSTEMS


@click.group("system")
def command() -> None:
    """Run the field's own tools as Byline systems (needs the byline[systems] extra)."""


@command.command("list")
def list_systems() -> None:
    """List the systems, the layers they predict and whether their libraries are installed."""
    from byline.systems.extra import INSTALL_HINT, missing_libraries

    missing = missing_libraries()
    for entry in SYSTEMS.values():
        click.echo(f"{entry.name:<16} {','.join(entry.layers):<14} {entry.summary}")
    if missing:
        click.echo(f"not installed: {', '.join(missing)}; {INSTALL_HINT}", err=True)


@command.command("run")
@click.argument("name", type=click.Choice(sorted(SYSTEMS)))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the predictions (JSONL); the system manifest goes beside it (NAME.system.json).")
@click.option("--dataset", type=click.Path(file_okay=False, path_type=Path), default=Path("build/dataset"),
              show_default=True, help="A built dataset directory.")
@click.option("--split", default="test", show_default=True)
@click.option("--result", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also score the predictions and write the result file here (as `byline score --out`).")
def run(name: str, out: Path, dataset: Path, split: str, result: Path | None) -> None:
    """Run system NAME on a split and write its predictions, with its name, version, settings and
    models in a manifest for `byline score --system`."""
    from tqdm import tqdm

    from byline.systems.run import run_system

    with tqdm(desc=name, unit="doc", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False) as bar:
        done = run_system(name, dataset, split, out, progress=bar.update, on_loaded=lambda n: bar.reset(total=n))
    for note in done.notes:
        click.echo(f"{name}: {note}", err=True)
    click.echo(f"{name}: wrote predictions for {done.documents} document(s) of {split} to {out} and the system "
               f"manifest to {done.manifest} (load {done.load_seconds:.1f} s, predict {done.predict_seconds:.1f} s)",
               err=True)
    if result is not None:
        from byline.scoring.result import score_file, write_result

        record, warnings = score_file(out, dataset, split, system=done.system)
        for warning in warnings:
            click.echo(f"byline: warning: {warning}", err=True)
        write_result(record, result)
        click.echo(f"{name}: wrote {result}", err=True)
    else:
        click.echo(f"score it: byline score --predictions {out} --system {done.manifest} --dataset {dataset} "
                   f"--split {split}", err=True)
