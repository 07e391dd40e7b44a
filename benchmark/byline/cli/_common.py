"""Small pieces shared by the command modules."""

from __future__ import annotations

import os
from pathlib import Path

from byline.errors import NotBuiltYet, UsageError


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
