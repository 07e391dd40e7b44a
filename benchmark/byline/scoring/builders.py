"""Builders that collect items record by record and turn them into canonical tables.

Offsets are half-open ``[start, end)`` Python code points; codes as in
:mod:`byline.scoring.tables`. Within one attribution, a role's spans are merged where they
overlap (adjacent spans stay apart), so that parts compare as sets of code points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from byline.scoring.tables import (
    NONE,
    Batch,
    IntArray,
    PartTable,
    RelationTable,
    Span,
    SpanTable,
    ints,
)


def merge_spans(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping ones merged (adjacent spans stay apart), duplicates dropped."""
    if len(spans) < 2:
        return tuple(spans)
    out: list[list[int]] = []
    for start, end in sorted(set(spans)):
        if out and start < out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


@dataclass
class SpanBuilder:
    """Collects the spans of one layer, then builds a canonical SpanTable. ``attrs`` holds one
    list per attribute column."""

    width: int = 0
    doc: list[int] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    label: list[int] = field(default_factory=list)
    attrs: list[list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.attrs = [[] for _ in range(self.width)]

    def add(self, doc: int, start: int, end: int, label: int = NONE, attrs: tuple[int, ...] = ()) -> None:
        self.doc.append(doc)
        self.start.append(start)
        self.end.append(end)
        self.label.append(label)
        for column, value in zip(self.attrs, attrs, strict=True):
            column.append(value)

    def build(self) -> SpanTable:
        n = len(self.doc)
        attrs = np.empty((n, self.width), dtype=np.int64)
        for k, column in enumerate(self.attrs):
            attrs[:, k] = np.asarray(column, dtype=np.int64)
        return SpanTable.from_columns(self.doc, self.start, self.end, self.label, attrs, self.width)


@dataclass
class _Parts:
    rel: list[int] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)

    def add(self, rel: int, spans: tuple[Span, ...]) -> None:
        for start, end in spans:
            self.rel.append(rel)
            self.start.append(start)
            self.end.append(end)

    def build(self, new_index: IntArray) -> PartTable:
        rel = new_index[ints(self.rel)]
        order = np.argsort(rel, kind="stable")
        return PartTable(rel[order], ints(self.start)[order], ints(self.end)[order])


@dataclass
class RelationBuilder:
    """Collects attribution relations, then builds a canonical RelationTable.

    Canonical order: by document, then by the hashes of the merged content and source span
    tuples, the cue and the attributes; only identical relations tie, and they are
    interchangeable. (Hashes of tuples of ints do not depend on PYTHONHASHSEED.)
    """

    width: int = 0
    doc: list[int] = field(default_factory=list)
    cue_start: list[int] = field(default_factory=list)
    cue_end: list[int] = field(default_factory=list)
    contents_key: list[int] = field(default_factory=list)
    sources_key: list[int] = field(default_factory=list)
    attrs: list[list[int]] = field(init=False)
    contents: _Parts = field(default_factory=_Parts)
    sources: _Parts = field(default_factory=_Parts)

    def __post_init__(self) -> None:
        self.attrs = [[] for _ in range(self.width)]

    def __len__(self) -> int:
        return len(self.doc)

    def add(
        self, doc: int, cue: Span | None, sources: Sequence[Span], contents: Sequence[Span], attrs: tuple[int, ...] = ()
    ) -> None:
        index = len(self.doc)
        merged_contents = merge_spans(contents)
        merged_sources = merge_spans(sources)
        self.doc.append(doc)
        self.cue_start.append(cue[0] if cue else NONE)
        self.cue_end.append(cue[1] if cue else NONE)
        self.contents_key.append(hash(merged_contents))
        self.sources_key.append(hash(merged_sources))
        for column, value in zip(self.attrs, attrs, strict=True):
            column.append(value)
        self.contents.add(index, merged_contents)
        self.sources.add(index, merged_sources)

    def build(self) -> RelationTable:
        n = len(self.doc)
        if n == 0:
            return RelationTable.empty(self.width)
        doc, cue_start, cue_end = ints(self.doc), ints(self.cue_start), ints(self.cue_end)
        contents_key, sources_key = ints(self.contents_key), ints(self.sources_key)
        attrs = np.empty((n, self.width), dtype=np.int64)
        for k, column in enumerate(self.attrs):
            attrs[:, k] = ints(column)
        keys = [attrs[:, k] for k in range(self.width - 1, -1, -1)]
        order = np.lexsort([*keys, cue_end, cue_start, sources_key, contents_key, doc])
        new_index = np.empty(n, dtype=np.int64)
        new_index[order] = np.arange(n, dtype=np.int64)
        return RelationTable(
            doc[order], cue_start[order], cue_end[order], attrs[order], contents_key[order], sources_key[order],
            self.contents.build(new_index), self.sources.build(new_index),
        )


@dataclass
class BatchBuilder:
    """One builder per layer, with the attribute columns of claims and attributions."""

    claim_width: int = 0
    attribution_width: int = 0
    n_docs: int = 0
    entities: SpanBuilder = field(default_factory=SpanBuilder)
    claims: SpanBuilder = field(init=False)
    attributions: RelationBuilder = field(init=False)
    boilerplate: SpanBuilder = field(default_factory=SpanBuilder)

    def __post_init__(self) -> None:
        self.claims = SpanBuilder(self.claim_width)
        self.attributions = RelationBuilder(self.attribution_width)

    def build(self) -> Batch:
        return Batch(
            self.n_docs, self.entities.build(), self.claims.build(), self.attributions.build(), self.boilerplate.build()
        )
