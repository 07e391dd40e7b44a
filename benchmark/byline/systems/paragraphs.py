"""A document's lines as the paragraphs of a page, and discarded paragraphs back to spans.

Boilerplate removers (jusText, Trafilatura) classify the block elements of an HTML page. A
Byline document is plain text, so each **non-blank line** is given to them as one paragraph
(``<p>`` with the line's visible text, HTML-escaped: white space folded, control and format
characters such as a byte-order mark left out, as an HTML parser would) of an otherwise empty
``<body>``; a line with no visible character is no paragraph, and never boilerplate. What a tool discards is mapped back to character spans: a run of
consecutive discarded paragraphs (no kept paragraph between them) becomes one boilerplate span
from the first one's first character to the last one's last, so the line breaks and blank lines
inside a discarded block are boilerplate too, as Byline's annotators mark a block.

Offsets are half-open ``[start, end)`` Python code points of the text; lines are split as
``str.splitlines`` splits them (``\\n``, ``\\r\\n``, ``\\r`` and the other Unicode line
boundaries).
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


def visible(text: str) -> str:
    """What an HTML parser keeps of a line, white space folded: control and format characters
    (C0/C1 controls, byte-order mark, zero-width characters) removed, runs of white space made one
    space, none at either end. The tools are given, and compared on, this form."""
    kept = "".join(c for c in text if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf"))
    return " ".join(kept.split())


@dataclass(frozen=True)
class Paragraph:
    """One line with a visible character: its span in the text (white space at both ends left
    out) and its text there."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """The lines of ``text`` with a visible character (see :func:`visible`), in order."""
    found = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if visible(body):
            start = position + len(line) - len(line.lstrip())
            found.append(Paragraph(start, start + len(body), body))
        position += len(line)
    return found


def as_html(items: Sequence[Paragraph]) -> str:
    """A page whose body is one ``<p>`` per paragraph, in order."""
    body = "".join(f"<p>{html.escape(visible(p.text), quote=False)}</p>\n" for p in items)
    return f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}</body></html>\n"


def discarded_spans(items: Sequence[Paragraph], kept: Sequence[bool]) -> list[dict[str, int]]:
    """Boilerplate spans: each run of consecutive paragraphs with ``kept`` false, as one span."""
    if len(items) != len(kept):
        raise ValueError(f"{len(items)} paragraphs but {len(kept)} verdicts")
    spans: list[dict[str, int]] = []
    run_start: int | None = None
    run_end = 0
    for item, keep in zip(items, kept, strict=True):
        if keep:
            if run_start is not None:
                spans.append({"start": run_start, "end": run_end})
                run_start = None
        else:
            run_start = item.start if run_start is None else run_start
            run_end = item.end
    if run_start is not None:
        spans.append({"start": run_start, "end": run_end})
    return spans
