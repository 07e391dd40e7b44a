"""`byline build`: Validate annotations/ and build the Hugging Face dataset under build/."""

from __future__ import annotations

import click

from byline.cli._common import not_built


@click.command("build", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Validate annotations/ and build the Hugging Face dataset under build/."""
    raise not_built("build", "issue: validate and build")
