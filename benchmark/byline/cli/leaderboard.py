"""`byline leaderboard`: Rank result files into a leaderboard with significance groups."""

from __future__ import annotations

import click

from byline.cli._common import not_built


@click.command("leaderboard", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Rank result files into a leaderboard with significance groups."""
    raise not_built("leaderboard", "issue: leaderboard")
