"""``trafilatura``: Trafilatura's main-text extraction on the boilerplate layer.

Trafilatura extracts the main text (and, separately, the comments) of a page with its own rules
and, when they find too little, its fallbacks (a port of readability and jusText). Each
non-blank line of the document is one ``<p>`` of the page (:mod:`byline.systems.paragraphs`);
the page goes to ``trafilatura.bare_extraction`` with comments left out (Byline counts comment
sections as boilerplate) and no metadata extraction. Trafilatura returns text, not elements, so
the kept paragraphs are found by walking its output lines and the input paragraphs in step: an
output line keeps the next paragraph whose visible text equals its own
(:func:`byline.systems.paragraphs.visible`). Every paragraph not
kept is boilerplate, and runs of them become spans. When Trafilatura extracts nothing, every
paragraph is boilerplate (its verdict on the page). An output line that matches no paragraph is
an error, never skipped. Spans carry no label (Trafilatura has no boilerplate types).
"""

from __future__ import annotations

from typing import Any

from byline.errors import BylineError
from byline.systems.extra import require, version_of
from byline.systems.interface import LoadedSystem
from byline.systems.paragraphs import Paragraph, as_html, discarded_spans, paragraphs, visible

NAME = "trafilatura"
SETTINGS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "with_metadata": False,
    "favor_precision": False,
    "favor_recall": False,
    "fast": False,
    "deduplicate": False,
}


def kept_paragraphs(items: list[Paragraph], extracted: str) -> list[bool]:
    """Which paragraphs the extracted text keeps (see the module docstring)."""
    kept = [False] * len(items)
    folded = [visible(p.text) for p in items]
    position = 0
    for line in extracted.splitlines():
        wanted = visible(line)
        if not wanted:
            continue
        match = next((i for i in range(position, len(items)) if folded[i] == wanted), None)
        if match is None:
            raise BylineError(f"Trafilatura returned the line {wanted[:80]!r}, which is not one of the document's "
                              f"lines after line {position}; expected every extracted line to be an input line")
        kept[match] = True
        position = match + 1
    return kept


def load() -> LoadedSystem:
    trafilatura = require("trafilatura", NAME)
    require("lxml_html_clean", NAME)

    def predict(text: str) -> dict[str, Any]:
        items = paragraphs(text)
        if not items:
            return {"boilerplate": []}
        document = trafilatura.bare_extraction(as_html(items), **SETTINGS)
        extracted = "" if document is None or document.text is None else str(document.text)
        return {"boilerplate": discarded_spans(items, kept_paragraphs(items, extracted))}

    return LoadedSystem(
        name=NAME,
        version=version_of("trafilatura"),
        description=f"Trafilatura {version_of('trafilatura')} main-text extraction (bare_extraction, "
                    "comments excluded); each non-blank line is a <p>, lines it does not extract are boilerplate.",
        url="https://trafilatura.readthedocs.io/",
        layers=("boilerplate",),
        predict=predict,
        settings={"input": "one <p> per non-blank line", "function": "trafilatura.bare_extraction", **SETTINGS},
    )
