"""`byline baseline`: Run a shipped baseline system and write its predictions."""

from __future__ import annotations

import click

from byline.cli._common import not_built


@click.command("baseline", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Run a shipped baseline system and write its predictions."""
    raise not_built("baseline", "issue: leaderboard")
