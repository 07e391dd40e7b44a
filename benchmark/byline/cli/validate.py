"""`byline validate`: Check Label Studio JSON exports against the schema; report every problem."""

from __future__ import annotations

import click

from byline.cli._common import not_built


@click.command("validate", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Check Label Studio JSON exports against the schema; report every problem."""
    raise not_built("validate", "issue: validate and build")
