"""Find the pinned files of a source: a local copy, or a checked download into the cache.

Where the files are looked for, in order:

1. ``--texts DIR`` (:attr:`TextsLocation.texts`), else ``$BYLINE_TEXTS``: ``DIR`` itself or
   ``DIR/<source name>/`` — when a folder is named, only there (a wrong folder is reported, not
   silently replaced by another copy);
2. otherwise the declaration's ``local_copies`` (e.g. ``../shared/wikinews``), relative to the
   repository root (the folder that holds ``annotations/``);
3. with ``--download`` only: the download cache ``$BYLINE_CACHE_DIR/sources/<name>/`` (default
   ``~/.cache/byline``), filled from the pinned URLs.

Every file is checked against its pinned sha256 wherever it was found; a file that differs is
never used.
"""

from __future__ import annotations

import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from byline.errors import BylineError
from byline.scoring.goldcache import cache_dir
from byline.sources.declaration import PinnedFile, SourceDeclaration
from byline.texts import file_sha256

TEXTS_ENV = "BYLINE_TEXTS"
DOWNLOAD_TIMEOUT = 60.0
"""Seconds to wait for the server before a download is given up."""


@dataclass(frozen=True)
class TextsLocation:
    """What the user said about where source texts are (CLI options)."""

    texts: Path | None = None
    """``--texts DIR``; None: ``$BYLINE_TEXTS``, then the declared local copies."""
    download: bool = False
    """May the pinned files be downloaded (and cached) when no local copy has them?"""
    root: Path | None = None
    """The repository root the declared ``local_copies`` are relative to."""

    def folders(self, declaration: SourceDeclaration) -> list[tuple[Path, str]]:
        """Candidate folders with how each was named, in the order they are tried."""
        given = self.texts if self.texts is not None else (Path(os.environ[TEXTS_ENV]) if os.environ.get(TEXTS_ENV) else None)
        if given is not None:
            how = "--texts" if self.texts is not None else f"${TEXTS_ENV}"
            return [(given, how), (given / declaration.name, how)]
        if self.root is None:
            return []
        return [((self.root / copy).resolve(), "local copy") for copy in declaration.local_copies]


class SourceFilesMissing(BylineError):
    """The files of a source are nowhere to be found (and no download was asked for)."""

    def __init__(self, declaration: SourceDeclaration, looked: list[Path]) -> None:
        where = ", ".join(str(p) for p in looked) or "nowhere (no --texts, no $BYLINE_TEXTS, no local copy declared)"
        super().__init__(f"the texts of source {declaration.name!r} are missing (looked in {where}): "
                         + declaration.how_to_get())
        self.declaration = declaration


class SourceFileMismatch(BylineError):
    """A file was found but is not the pinned one."""


@dataclass(frozen=True)
class SourceFiles:
    declaration: SourceDeclaration
    paths: dict[str, Path]
    """file name -> a path whose content has the pinned sha256."""
    found: str
    """How they were found: "--texts", "$BYLINE_TEXTS", "local copy" or "download"."""


def _check(path: Path, pinned: PinnedFile, how: str, declaration: SourceDeclaration) -> None:
    digest = file_sha256(path)
    if digest != pinned.sha256:
        raise SourceFileMismatch(
            f"{path} ({how}): found a file with sha256 {digest}; expected the pinned {pinned.name} of source "
            f"{declaration.name!r} with sha256 {pinned.sha256} ({declaration.path}); replace it with the file at "
            f"{pinned.url}"
        )


def download(pinned: PinnedFile, folder: Path, declaration: SourceDeclaration) -> Path:
    """The pinned file in ``folder``: reused when its sha256 matches, else downloaded from its
    pinned URL and checked (a download that does not match is deleted, never used)."""
    target = folder / pinned.name
    if target.is_file() and file_sha256(target) == pinned.sha256:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{pinned.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(pinned.url, timeout=DOWNLOAD_TIMEOUT) as response:
            while chunk := response.read(1 << 20):
                out.write(chunk)
        digest = file_sha256(Path(temporary))
        if digest != pinned.sha256:
            raise SourceFileMismatch(
                f"{pinned.url}: downloaded a file with sha256 {digest}; expected {pinned.sha256} as pinned in "
                f"{declaration.path}; the download was discarded"
            )
        os.replace(temporary, target)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise BylineError(f"{pinned.url}: the download of {pinned.name} (source {declaration.name!r}) failed ({reason}); "
                          + declaration.how_to_get()) from exc
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


def download_folder(declaration: SourceDeclaration) -> Path:
    base = cache_dir()
    if base is None:  # BYLINE_CACHE_DIR=off: download for this run only
        return Path(tempfile.mkdtemp(prefix=f"byline-{declaration.name}-"))
    return base / "sources" / declaration.name


def locate_files(declaration: SourceDeclaration, where: TextsLocation) -> SourceFiles:
    """The source's files, each checked against its sha256 (see the module docstring)."""
    looked: list[Path] = []
    for folder, how in where.folders(declaration):
        looked.append(folder)
        paths = {f.name: folder / f.name for f in declaration.files}
        if all(path.is_file() for path in paths.values()):
            for pinned in declaration.files:
                _check(paths[pinned.name], pinned, f"{how} {folder}", declaration)
            return SourceFiles(declaration, paths, how)
    if not where.download:
        raise SourceFilesMissing(declaration, looked)
    folder = download_folder(declaration)
    paths = {f.name: download(f, folder, declaration) for f in declaration.files}
    return SourceFiles(declaration, paths, "download")
