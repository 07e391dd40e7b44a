"""`byline align`: Give string-only predictions offsets by Byline's deterministic alignment."""

from __future__ import annotations

import click

from byline.cli._common import not_built


@click.command("align", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Give string-only predictions offsets by Byline's deterministic alignment."""
    raise not_built("align", "issue: scoring")
