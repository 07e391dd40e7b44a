"""`byline sources …`: declared text sources (annotations/sources/*.json)."""

from __future__ import annotations

from pathlib import Path

import click

from byline.cli._common import texts_options
from byline.sources import TextLibrary, TextsLocation
from byline.sources.tasks import write_source_tasks


@click.group("sources")
def command() -> None:
    """Declared text sources: standoff documents whose text is never committed."""


@command.command("list")
@click.option("--annotations", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations"), show_default=True)
@texts_options
def list_(annotations: Path, texts: Path | None, download: bool) -> None:
    """List the declared sources, and whether their pinned files are at hand (sha256 checked)."""
    library = TextLibrary.for_annotations(annotations, TextsLocation(texts, download))
    for name, declaration in sorted(library.declarations.items()):
        documents = library.documents(name)
        state = (f"{len(documents)} documents ({library.found(name)})" if documents is not None
                 else f"texts missing: {library.missing[name]}")
        click.echo(f"{name}: {declaration.license_name}, {len(declaration.files)} file(s) ({declaration.path}); {state}")


@command.command("tasks")
@click.argument("name")
@click.option("--selection", type=click.Path(dir_okay=False, path_type=Path),
              help="The selection file [default: <annotations>/sources/<NAME>-selection.json].")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations/tasks"), show_default=True)
@click.option("--annotations", type=click.Path(file_okay=False, path_type=Path), default=Path("annotations"), show_default=True)
@texts_options
def tasks(name: str, selection: Path | None, out: Path, annotations: Path, texts: Path | None, download: bool) -> None:
    """Write dehydrated import tasks (one file per chosen document) for a source's selection."""
    library = TextLibrary.for_annotations(annotations, TextsLocation(texts, download))
    selection = selection or annotations / "sources" / f"{name}-selection.json"
    written = write_source_tasks(library, name, selection, out)
    click.echo(f"wrote {len(written)} dehydrated task file(s) of source {name!r} to {out}")
