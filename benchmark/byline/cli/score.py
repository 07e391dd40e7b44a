"""`byline score`: Score a system's predictions against the gold data, with 95% intervals."""

from __future__ import annotations

import click

from byline.cli._common import not_built


@click.command("score", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Score a system's predictions against the gold data, with 95% intervals."""
    raise not_built("score", "issue: scoring")
