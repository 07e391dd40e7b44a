"""Small pieces shared by the command modules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from byline.errors import NotBuiltYet

F = TypeVar("F", bound=Callable[..., Any])


def not_built(command: str, issue: str) -> NotBuiltYet:
    return NotBuiltYet(
        f"`byline {command}` is not built yet ({issue}); nothing was done. "
        "See the README for what works today."
    )


def texts_options(func: F) -> F:
    """``--texts DIR`` and ``--download``: where the texts of declared sources come from
    (:class:`byline.sources.files.TextsLocation`)."""
    func = click.option(
        "--download", is_flag=True,
        help="Download a source's pinned files when no local copy has them (sha256 checked, cached under "
             "$BYLINE_CACHE_DIR/sources).",
    )(func)
    func = click.option(
        "--texts", type=click.Path(file_okay=False, path_type=Path), envvar="BYLINE_TEXTS",
        help="Folder with a copy of the source files (or one subfolder per source) [env BYLINE_TEXTS; default: "
             "the local copies the source declares, e.g. ../shared/wikinews beside the checkout].",
    )(func)
    return func
