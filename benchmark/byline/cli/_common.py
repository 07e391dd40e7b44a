"""Small pieces shared by the command modules."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from byline.errors import NotBuiltYet, UsageError

F = TypeVar("F", bound=Callable[..., Any])


def not_built(command: str, issue: str) -> NotBuiltYet:
    return NotBuiltYet(
        f"`byline {command}` is not built yet ({issue}); nothing was done. "
        "See the README for what works today."
    )


def check_output_file(path: Path) -> None:
    """Fail before any work when ``path`` cannot be written: a folder, or a parent that is a file.
    A missing parent folder is fine (it is created when the file is written)."""
    if path.is_dir():
        raise UsageError(f"{path}: a folder; expected a file name to write")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{path}: cannot be written: {parent} is a file, not a folder")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise UsageError(f"{path}: cannot be written: no permission to write in {parent}")
            return


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
