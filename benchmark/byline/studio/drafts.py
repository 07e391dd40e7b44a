"""Annotators' working files ("drafts"): spans named by their text, resolved to offsets.

A draft is how Byline's corpus annotators write down an annotation before it is created in
Label Studio through its API (``scripts/corpus.py``). It names every span by its text and, where
the text occurs more than once, by which occurrence; :func:`resolve_draft` turns it into an
offset record with :mod:`byline.align`'s rule, and reports every string it cannot place.
The file format is documented in ``annotations/work/README.md``.

The gold data is never the draft: it is what Label Studio exports afterwards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from byline.align import Aligner, PositionPool, place
from byline.inventory import Inventory, load_inventory

SpanRef = str | dict[str, Any]


@dataclass
class DraftProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class ResolvedDraft:
    """An offset record (the prediction record's shape, attributes included)."""

    record: dict[str, Any]
    problems: list[DraftProblem] = field(default_factory=list)


def _ref_parts(ref: SpanRef) -> tuple[str, int | None, str | None]:
    if isinstance(ref, str):
        return ref, None, None
    return str(ref.get("text", "")), ref.get("n"), ref.get("after")


class _Resolver:
    def __init__(self, text: str, problems: list[DraftProblem], strict: bool = True) -> None:
        self.text = text
        self.aligner = Aligner(text)
        self.problems = problems
        self.strict = strict

    def _unique(self, needle: str, path: str, what: str) -> bool:
        """A span named by its text alone must name one occurrence: refuse an ambiguous one
        (taking the first would silently put, say, a cue on an earlier "said")."""
        hits, _ = self.aligner.occurrences(needle)
        if len(hits) <= 1 or not self.strict:
            return True
        where = ", ".join(str(start) for start, _ in hits[:6]) + (", …" if len(hits) > 6 else "")
        self.problems.append(DraftProblem(
            path,
            f"{what} {needle!r} is ambiguous: it occurs {len(hits)} times (at offsets {where}); "
            'expected a unique reference: add "n": K (the K-th occurrence, 1-based) or "after": '
            "a text that occurs once, just before it" + ('; for entities, "all": true marks every occurrence'
                                                           if what == "text" else ""),
        ))
        return False

    def span(self, ref: SpanRef, path: str, pool: PositionPool | None = None) -> dict[str, int] | None:
        if not isinstance(ref, str | dict):
            self.problems.append(DraftProblem(path, f"found {ref!r}; expected a string or an object with 'text'"))  # type: ignore[unreachable]
            return None
        needle, occurrence, after_text = _ref_parts(ref)
        after = 0
        if after_text is not None:
            if not self._unique(str(after_text), path, "'after' text"):
                return None
            anchor = place(self.aligner, str(after_text))
            if not anchor.placed:
                self.problems.append(DraftProblem(path, f"'after' text {after_text!r} {anchor.reason}"))
                return None
            assert anchor.end is not None
            after = anchor.end
        elif occurrence is None and not self._unique(needle, path, "text"):
            return None
        placement = place(self.aligner, needle, pool, occurrence=occurrence, after=after)
        if not placement.placed:
            self.problems.append(DraftProblem(path, f"{needle!r}: {placement.reason}"))
            return None
        assert placement.start is not None and placement.end is not None
        return {"start": placement.start, "end": placement.end}


def resolve_draft(
    draft: dict[str, Any], text: str, inventory: Inventory | None = None, strict: bool = True
) -> ResolvedDraft:
    """Resolve a draft against its document text; every problem is reported, none is fatal.

    ``strict`` (the default) refuses a span named by a text that occurs more than once without
    ``n`` or ``after``; ``strict=False`` is the legacy rule (the first free occurrence), kept only
    to find out where old working files were placed.
    """
    inv = inventory or load_inventory()
    problems: list[DraftProblem] = []
    resolver = _Resolver(text, problems, strict)
    record: dict[str, Any] = {"id": draft.get("doc_id")}

    entity_labels = set(inv.layer("entities").label_names)
    entities: list[dict[str, Any]] = []
    pool = PositionPool()
    spread: list[tuple[int, dict[str, Any]]] = []
    for index, item in enumerate(draft.get("entities", [])):
        path = f"$.entities[{index}]"
        if item.get("label") not in entity_labels:
            problems.append(DraftProblem(path, f"label {item.get('label')!r} is not an entity type; expected one of {sorted(entity_labels)}"))
            continue
        if item.get("all"):
            spread.append((index, item))
            continue
        span = resolver.span(item, path, pool)
        if span:
            entities.append({**span, "label": item["label"]})
    for index, item in spread:
        hits, _ = resolver.aligner.occurrences(str(item.get("text", "")))
        placed = 0
        for start, end in hits:
            if pool.free(start, end):
                pool.take(start, end)
                entities.append({"start": start, "end": end, "label": item["label"]})
                placed += 1
        if not placed:
            problems.append(DraftProblem(f"$.entities[{index}]", f"{item.get('text')!r} (all): no free occurrence"))
    record["entities"] = sorted(entities, key=lambda e: (e["start"], e["end"]))

    claim_layer = inv.layer("claims")
    claims: list[dict[str, Any]] = []
    for index, item in enumerate(draft.get("claims", [])):
        path = f"$.claims[{index}]"
        span = resolver.span(item, path)
        if not span:
            continue
        claim: dict[str, Any] = {**span, "label": claim_layer.label_names[0]}
        for attribute in claim_layer.attributes:
            value = item.get(attribute.name)
            if value not in attribute.values:
                problems.append(DraftProblem(f"{path}.{attribute.name}", f"found {value!r}; expected one of {list(attribute.values)}"))
            else:
                claim[attribute.name] = value
        claims.append(claim)
    record["claims"] = claims

    attribution_layer = inv.layer("attributions")
    attributions: list[dict[str, Any]] = []
    for index, item in enumerate(draft.get("attributions", [])):
        path = f"$.attributions[{index}]"
        cue = None
        if item.get("cue") is not None:
            cue = resolver.span(item["cue"], f"{path}.cue")
        sources = [resolver.span(ref, f"{path}.sources[{i}]") for i, ref in enumerate(item.get("sources", []))]
        contents = [resolver.span(ref, f"{path}.contents[{i}]") for i, ref in enumerate(item.get("contents", []))]
        if not item.get("contents"):
            problems.append(DraftProblem(f"{path}.contents", "an attribution needs at least one content"))
        attribution: dict[str, Any] = {
            "cue": cue,
            "sources": [s for s in sources if s],
            "contents": [c for c in contents if c],
        }
        for attribute in attribution_layer.attributes:
            value = item.get(attribute.name)
            if value not in attribute.values:
                problems.append(DraftProblem(f"{path}.{attribute.name}", f"found {value!r}; expected one of {list(attribute.values)}"))
            else:
                attribution[attribute.name] = value
        attributions.append(attribution)
    record["attributions"] = attributions

    boilerplate_labels = set(inv.layer("boilerplate").label_names)
    boilerplate: list[dict[str, Any]] = []
    bp_pool = PositionPool()
    for index, item in enumerate(draft.get("boilerplate", [])):
        path = f"$.boilerplate[{index}]"
        if item.get("label") not in boilerplate_labels:
            problems.append(DraftProblem(path, f"label {item.get('label')!r} is not a boilerplate type; expected one of {sorted(boilerplate_labels)}"))
            continue
        span = resolver.span(item, path, bp_pool)
        if span:
            boilerplate.append({**span, "label": item["label"]})
    record["boilerplate"] = boilerplate
    return ResolvedDraft(record, problems)


def load_task_text(task_file: Path) -> tuple[str, str]:
    """(doc_id, text) of a one-task import file in annotations/tasks/."""
    with open(task_file, encoding="utf-8", newline="") as handle:
        tasks = json.load(handle)
    data = tasks[0]["data"]
    return data["doc_id"], data["text"]
