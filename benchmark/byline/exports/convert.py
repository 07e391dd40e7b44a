"""Turn a checked annotation into a gold document record (schema/gold_document.schema.json).

Item ids are Label Studio's region ids, so a gold item can always be traced back to the region
an annotator drew; an attribution's id is the id of its first content region. Items are sorted
by ``(start, end)``; offsets are half-open code points of ``text``.
"""

from __future__ import annotations

from typing import Any

from byline.exports.regions import Attribution, ParsedAnnotation, Region
from byline.texts import text_sha256


def _span(region: Region) -> dict[str, Any]:
    return {"id": region.id, "start": region.start, "end": region.end}


def _hull(attribution: Attribution) -> tuple[int, int]:
    return attribution.contents[0].start, max(c.end for c in attribution.contents)


def _covers(attribution: Attribution, start: int, end: int) -> bool:
    """An attribution covers a claim when the claim lies within one of its content parts, or
    within the stretch from its first to its last part while overlapping one of them."""
    if any(c.start <= start and end <= c.end for c in attribution.contents):
        return True
    first, last = _hull(attribution)
    return first <= start and end <= last and any(c.start < end and start < c.end for c in attribution.contents)


def claimer(attributions: list[Attribution], start: int, end: int) -> dict[str, Any]:
    """The derived claimer of a claim: the innermost covering attribution and its sources;
    ``attribution: None`` means the article itself asserts it (an authorial claim)."""
    covering = [a for a in attributions if _covers(a, start, end)]
    if not covering:
        return {"attribution": None, "sources": []}
    inner = min(covering, key=lambda a: (_hull(a)[1] - _hull(a)[0], a.id))
    return {"attribution": inner.id, "sources": [s.id for s in inner.sources]}


def to_gold_document(
    doc_id: str,
    text: str,
    meta: dict[str, Any],
    parsed: ParsedAnnotation,
    provenance: dict[str, Any],
) -> dict[str, Any]:
    """The gold record of one document from its chosen annotation."""

    def ordered(layer: str) -> list[Region]:
        return sorted(parsed.regions[layer], key=lambda r: (r.start, r.end, r.label, r.id))

    claims = []
    for region in ordered("claims"):
        attributes = parsed.attributes.get(region.id, {})
        claims.append({
            "id": region.id, "start": region.start, "end": region.end, "label": region.label,
            **{name: value for name, value in sorted(attributes.items())},
            "claimer": claimer(parsed.attributions, region.start, region.end),
        })
    return {
        "id": doc_id,
        "text": text,
        "text_sha256": text_sha256(text),
        "meta": meta,
        "entities": [{**_span(r), "label": r.label} for r in ordered("entities")],
        "claims": claims,
        "attributions": [
            {
                "id": a.id,
                "cue": _span(a.cue) if a.cue else None,
                "sources": [_span(s) for s in a.sources],
                "contents": [_span(c) for c in a.contents],
                **a.attributes,
            }
            for a in parsed.attributions
        ],
        "boilerplate": [{**_span(r), "label": r.label} for r in ordered("boilerplate")],
        "annotation": provenance,
    }
