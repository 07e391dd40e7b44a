"""The identity of a document text: the ``text_sha256`` every Byline record carries."""

from __future__ import annotations

import hashlib


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoding of ``text``, so offsets are never applied to another text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
