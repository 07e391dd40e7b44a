"""Identities by SHA-256: of a document text (the ``text_sha256`` every Byline record carries)
and of a file (the gold files in a manifest, the files in ``croissant.json``)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoding of ``text``, so offsets are never applied to another text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read a mebibyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
