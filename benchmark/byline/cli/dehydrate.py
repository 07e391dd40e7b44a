"""`byline dehydrate`: take the third-party text out of Label Studio exports and task files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from byline.errors import UsageError
from byline.exports.reader import read_task_list
from byline.exports.validate import export_files
from byline.sources import dehydrate_tasks, read_declarations


@click.command("dehydrate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the dehydrated copies (same file names).")
@click.option("--in-place", is_flag=True, help="Rewrite each file dehydrated (for a raw export about to be committed).")
@click.option("--annotations", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations"),
              show_default=True, help="The annotations directory whose sources/ declares the sources.")
def command(inputs: tuple[Path, ...], out: Path | None, in_place: bool, annotations: Path) -> None:
    """Take third-party text out of Label Studio exports or task files (standoff).

    INPUTS are files or folders of *.json. The tasks of declared sources lose their text, withheld
    meta and region texts, and keep text_sha256 and the source reference
    (annotations/sources/README.md); other tasks are left as they are. Every file is checked
    before any is written."""
    if (out is None) == (not in_place):
        raise UsageError("give exactly one of --out FOLDER and --in-place")
    declarations = read_declarations(annotations)
    if not declarations:
        raise UsageError(f"{annotations / 'sources'}: no source declared; expected annotations/sources/<name>.json")
    paths = list(export_files(inputs))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    results = []
    for path in paths:
        tasks = read_task_list(path)  # strict JSON, every problem located (a UsageError)
        dry = dehydrate_tasks(tasks, declarations, str(path))
        results.append((path, tasks, dry))
    for path, tasks, dry in results:
        changed = sum(1 for before, after in zip(tasks, dry, strict=True) if before is not after)
        target = path if in_place else (out or path.parent) / path.name
        if changed or not in_place:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(dry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        click.echo(f"{path} -> {target}: {changed} of {len(tasks)} task(s) dehydrated")
