"""`byline hydrate`: put the texts of standoff documents back into dehydrated exports and tasks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from byline.cli._common import texts_options
from byline.errors import UsageError
from byline.exports.reader import read_task_list
from byline.exports.validate import export_files
from byline.sources import TextLibrary, TextsLocation, hydrate_tasks


@click.command("hydrate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build/hydrated"),
              show_default=True, help="Folder for the hydrated copies (same file names); never the input folder.")
@click.option("--annotations", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations"),
              show_default=True, help="The annotations directory whose sources/ declares the texts.")
@texts_options
def command(inputs: tuple[Path, ...], out: Path, annotations: Path, texts: Path | None, download: bool) -> None:
    """Put the texts back into dehydrated Label Studio exports or task files.

    INPUTS are files or folders of *.json.

    Every text is read from its declared source and checked against the task's text_sha256; the
    hydrated copies are written to --out (they hold third-party text: never commit them).
    """
    library = TextLibrary.for_annotations(annotations, TextsLocation(texts, download))
    paths = list(export_files(inputs))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    if any(p.resolve().parent == out.resolve() for p in paths):
        raise UsageError(f"--out {out} is the folder of an input; expected another folder (inputs are never overwritten)")
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        tasks = read_task_list(path)  # strict JSON, every problem located (a UsageError)
        hydrated, warnings = hydrate_tasks(tasks, library, str(path))
        for warning in warnings:
            click.echo(str(warning), err=True)
        target = out / path.name
        target.write_text(json.dumps(hydrated, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        count = sum(1 for before, after in zip(tasks, hydrated, strict=True) if before is not after)
        click.echo(f"{path} -> {target}: {count} of {len(tasks)} task(s) hydrated")
