"""`byline agreement`: Inter-annotator agreement of an export with several annotators per task."""

from __future__ import annotations

import click

from byline.cli._common import not_built


@click.command("agreement", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Inter-annotator agreement of an export with several annotators per task."""
    raise not_built("agreement", "issue: Label Studio integration")
