"""Which files of a folder are exports: every path under it is either read or listed with why not.

A folder is not searched recursively. ``*.json`` in any letter case is an export; a symbolic link
is followed; a dangling link, a link loop, an unreadable entry or a sub-folder is listed (a link
that should have pointed at an export is a warning: its annotations would otherwise be lost
without a word); any other file is listed as not an export.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from byline.errors import Problem
from byline.exports.account import Listed


@dataclass
class ExportFiles:
    read: list[Path] = field(default_factory=list)
    not_read: list[Listed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _is_export_name(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def _entry(path: Path, found: ExportFiles) -> None:
    """Sort one path of a folder into read or listed."""
    try:
        mode = os.stat(path).st_mode  # follows links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            reason = "a symbolic link loop"
        elif exc.errno == errno.ENOENT and path.is_symlink():
            reason = f"a symbolic link to {os.readlink(path)!r}, which does not exist"
        else:
            reason = f"cannot be read ({exc.strerror})"
        found.not_read.append(Listed(str(path), reason, problem=True))
        found.problems.append(Problem("warning", "unreadable-path", str(path), "", "", reason,
                                      "an export file (its annotations are not read)"))
        return
    if stat.S_ISDIR(mode):
        found.not_read.append(Listed(str(path), "a folder (folders are not searched recursively)"))
    elif not stat.S_ISREG(mode):
        found.not_read.append(Listed(str(path), "not a regular file"))
    elif _is_export_name(path):
        found.read.append(path)
    else:
        found.not_read.append(Listed(str(path), "not a .json file"))


def list_exports(paths: Iterable[Path]) -> ExportFiles:
    """The export files of the given files and folders (folder entries sorted by name)."""
    found = ExportFiles()
    for path in paths:
        if path.is_dir():
            for entry in sorted(path.iterdir()):
                _entry(entry, found)
        else:
            found.read.append(path)  # a file given by name is read, whatever its name
    return found
