"""A document's lines as the paragraphs of a page, and discarded paragraphs back to spans.

Boilerplate removers (jusText, Trafilatura) classify the block elements of an HTML page. A
Byline document is plain text, so each **non-blank line** is given to them as one paragraph
(``<p>`` with the line's text, HTML-escaped, leading and trailing white space left out) of an
otherwise empty ``<body>``. What a tool discards is mapped back to character spans: a run of
consecutive discarded paragraphs (no kept paragraph between them) becomes one boilerplate span
from the first one's first character to the last one's last, so the line breaks and blank lines
inside a discarded block are boilerplate too, as Byline's annotators mark a block.

Offsets are half-open ``[start, end)`` Python code points of the text; lines are split as
``str.splitlines`` splits them (``\\n``, ``\\r\\n``, ``\\r`` and the other Unicode line
boundaries).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """One non-blank line: its span in the text (white space at both ends left out)."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """The non-blank lines of ``text``, in order."""
    found = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            start = position + len(line) - len(line.lstrip())
            found.append(Paragraph(start, start + len(body), body))
        position += len(line)
    return found


def as_html(items: Sequence[Paragraph]) -> str:
    """A page whose body is one ``<p>`` per paragraph, in order."""
    body = "".join(f"<p>{html.escape(p.text, quote=False)}</p>\n" for p in items)
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
