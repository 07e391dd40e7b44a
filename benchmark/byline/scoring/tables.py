"""Columnar tables of scored items: one NumPy array per field, rows in canonical order.

Scoring runs on batches of documents at once. A batch's items live in flat arrays whose
``doc`` column is the document's position in the batch; offsets are half-open ``[start, end)``
Python code points. Labels and attribute values are integer codes (their position in the
inventory's list, ``-1`` for "not given"); ``attrs`` has one column per attribute of the layer,
in the inventory's order.

Rows are kept in **canonical order** (by document, start, end, label, attributes), so that the
order in which a system lists its items can never change a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
Span = tuple[int, int]

NONE = -1
"""The code of "not given" (no label, no attribute value, no cue)."""


def _ints(values: Sequence[int] | IntArray) -> IntArray:
    return np.asarray(values, dtype=np.int64).reshape(-1)


def _attrs(values: Sequence[Sequence[int]] | IntArray | None, n: int, width: int) -> IntArray:
    if values is None:
        return np.full((n, width), NONE, dtype=np.int64)
    return np.asarray(values, dtype=np.int64).reshape(n, width)


def canonical_order(keys: Sequence[IntArray]) -> IntArray | None:
    """The permutation sorting rows by ``keys`` (most significant first), or None when they are
    sorted already. Packs the keys into one int64 when their ranges allow (one argsort instead
    of a lexsort over every key)."""
    n = len(keys[0])
    if n < 2:
        return None
    lows = [int(k.min()) for k in keys]
    spans = [int(k.max()) - low + 1 for k, low in zip(keys, lows, strict=True)]
    total = 1
    for span in spans:
        total *= span
    if total < (1 << 62):
        packed: IntArray = np.zeros(n, dtype=np.int64)
        for key, low, span in zip(keys, lows, spans, strict=True):
            packed = np.asarray(packed * span + (key - low), dtype=np.int64)
        if bool(np.all(packed[1:] >= packed[:-1])):
            return None
        order: IntArray = np.argsort(packed, kind="stable").astype(np.int64)
        return order
    ordered: IntArray = np.lexsort(list(reversed(keys))).astype(np.int64)
    return ordered


def ranges(starts: IntArray, lengths: IntArray) -> IntArray:
    """Concatenated ``arange(start, start + length)`` for every pair, vectorised."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    return np.asarray(starts[owner] + (np.arange(total, dtype=np.int64) - offsets[owner]), dtype=np.int64)


@dataclass(frozen=True)
class SpanTable:
    """Spans of one layer (entities, claims, boilerplate, or one attribution role)."""

    doc: IntArray
    start: IntArray
    end: IntArray
    label: IntArray
    attrs: IntArray

    def __len__(self) -> int:
        return len(self.doc)

    @classmethod
    def empty(cls, width: int = 0) -> SpanTable:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, z, np.zeros((0, width), dtype=np.int64))

    @classmethod
    def from_columns(
        cls,
        doc: Sequence[int] | IntArray,
        start: Sequence[int] | IntArray,
        end: Sequence[int] | IntArray,
        label: Sequence[int] | IntArray | None = None,
        attrs: Sequence[Sequence[int]] | IntArray | None = None,
        width: int = 0,
    ) -> SpanTable:
        """A table in canonical order from unordered columns."""
        d, s, e = _ints(doc), _ints(start), _ints(end)
        lab = _ints(label) if label is not None else np.full(len(d), NONE, dtype=np.int64)
        att = _attrs(attrs, len(d), width)
        order = canonical_order([d, s, e, lab, *(att[:, k] for k in range(att.shape[1]))])
        if order is None:
            return cls(d, s, e, lab, att)
        return cls(d[order], s[order], e[order], lab[order], att[order])

    def select(self, rows: NDArray[np.bool_] | IntArray) -> SpanTable:
        """A subset of rows (order kept, so still canonical)."""
        return SpanTable(self.doc[rows], self.start[rows], self.end[rows], self.label[rows], self.attrs[rows])

    def relabel(self, mapping: IntArray) -> SpanTable:
        """Labels mapped through ``mapping`` (old code -> new code; -1 drops the row). The rows
        keep their order: sorted by the old labels, it is still a function of the items alone."""
        new = np.where(self.label >= 0, mapping[np.maximum(self.label, 0)], NONE)
        keep = new >= 0
        return SpanTable(self.doc[keep], self.start[keep], self.end[keep], new[keep], self.attrs[keep])

    def unique_spans(self) -> SpanTable:
        """One row per distinct (doc, start, end); labels and attributes dropped."""
        if len(self) == 0:
            return SpanTable.empty()
        uniq = np.unique(np.stack([self.doc, self.start, self.end]), axis=1)
        none = np.full(uniq.shape[1], NONE, dtype=np.int64)
        return SpanTable(uniq[0], uniq[1], uniq[2], none, np.zeros((uniq.shape[1], 0), dtype=np.int64))

    def counts_per_doc(self, n_docs: int) -> IntArray:
        return np.bincount(self.doc, minlength=n_docs).astype(np.int64)

    def take(self, ptr: IntArray, docs: IntArray) -> SpanTable:
        """The rows of documents ``docs`` (``ptr`` from :func:`doc_pointers`), renumbered so that
        ``docs[i]`` becomes document ``i``; canonical order is kept."""
        lengths = ptr[docs + 1] - ptr[docs]
        rows = ranges(ptr[docs], lengths)
        new_doc = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        return SpanTable(new_doc, self.start[rows], self.end[rows], self.label[rows], self.attrs[rows])


@dataclass(frozen=True)
class PartTable:
    """Spans of one attribution role, each owned by a relation (a row of a RelationTable)."""

    rel: IntArray
    start: IntArray
    end: IntArray

    def __len__(self) -> int:
        return len(self.rel)

    def lengths(self, n_rel: int) -> IntArray:
        """Code points per relation (parts of one relation never overlap: they are merged)."""
        return np.bincount(self.rel, weights=self.end - self.start, minlength=n_rel).astype(np.int64)

    def take(self, ptr: IntArray, rels: IntArray) -> PartTable:
        lengths = ptr[rels + 1] - ptr[rels]
        rows = ranges(ptr[rels], lengths)
        return PartTable(np.repeat(np.arange(len(rels), dtype=np.int64), lengths), self.start[rows], self.end[rows])


@dataclass(frozen=True)
class RelationTable:
    """Attribution relations, one row each, with their source and content parts.

    ``contents_key`` and ``sources_key`` hash the normalised span tuples, so "all parts exact"
    is one comparison per pair; ``cue_start = cue_end = -1`` means no cue.
    """

    doc: IntArray
    cue_start: IntArray
    cue_end: IntArray
    attrs: IntArray
    contents_key: IntArray
    sources_key: IntArray
    contents: PartTable
    sources: PartTable

    def __len__(self) -> int:
        return len(self.doc)

    @classmethod
    def empty(cls, width: int = 0) -> RelationTable:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, np.zeros((0, width), dtype=np.int64), z, z, PartTable(z, z, z), PartTable(z, z, z))

    def counts_per_doc(self, n_docs: int) -> IntArray:
        return np.bincount(self.doc, minlength=n_docs).astype(np.int64)

    def role_spans(self, role: str) -> SpanTable:
        """The distinct spans of one role (``cue``, ``source`` or ``content``), by document."""
        if role == "cue":
            has = self.cue_start >= 0
            table = SpanTable.from_columns(self.doc[has], self.cue_start[has], self.cue_end[has])
        else:
            part = self.sources if role == "source" else self.contents
            table = SpanTable.from_columns(self.doc[part.rel], part.start, part.end)
        return table.unique_spans()

    def take(self, ptr: IntArray, content_ptr: IntArray, source_ptr: IntArray, docs: IntArray) -> RelationTable:
        """Like :meth:`SpanTable.take`; the parts' pointers are by relation."""
        lengths = ptr[docs + 1] - ptr[docs]
        rows = ranges(ptr[docs], lengths)
        return RelationTable(
            np.repeat(np.arange(len(docs), dtype=np.int64), lengths),
            self.cue_start[rows], self.cue_end[rows], self.attrs[rows],
            self.contents_key[rows], self.sources_key[rows],
            self.contents.take(content_ptr, rows), self.sources.take(source_ptr, rows),
        )


def doc_pointers(owner: IntArray, n: int) -> IntArray:
    """CSR pointers of rows sorted by ``owner``: the rows of owner d are ``ptr[d]:ptr[d+1]``."""
    return np.searchsorted(owner, np.arange(n + 1, dtype=np.int64), side="left").astype(np.int64)


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
        rel = new_index[_ints(self.rel)]
        order = np.argsort(rel, kind="stable")
        return PartTable(rel[order], _ints(self.start)[order], _ints(self.end)[order])


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
        doc, cue_start, cue_end = _ints(self.doc), _ints(self.cue_start), _ints(self.cue_end)
        contents_key, sources_key = _ints(self.contents_key), _ints(self.sources_key)
        attrs = np.empty((n, self.width), dtype=np.int64)
        for k, column in enumerate(self.attrs):
            attrs[:, k] = _ints(column)
        keys = [attrs[:, k] for k in range(self.width - 1, -1, -1)]
        order = np.lexsort([*keys, cue_end, cue_start, sources_key, contents_key, doc])
        new_index = np.empty(n, dtype=np.int64)
        new_index[order] = np.arange(n, dtype=np.int64)
        return RelationTable(
            doc[order], cue_start[order], cue_end[order], attrs[order], contents_key[order], sources_key[order],
            self.contents.build(new_index), self.sources.build(new_index),
        )


@dataclass(frozen=True)
class Batch:
    """The four layers of a batch of ``n_docs`` documents."""

    n_docs: int
    entities: SpanTable
    claims: SpanTable
    attributions: RelationTable
    boilerplate: SpanTable


def concat_batches(batches: Sequence[Batch]) -> Batch:
    """Batches of consecutive documents (numbered globally, in order) as one batch."""
    if len(batches) == 1:
        return batches[0]

    def spans(tables: list[SpanTable]) -> SpanTable:
        return SpanTable(*(np.concatenate([getattr(t, name) for t in tables])
                           for name in ("doc", "start", "end", "label", "attrs")))

    relations = [b.attributions for b in batches]
    offsets = np.cumsum([0] + [len(r) for r in relations])[:-1]

    def parts(which: str) -> PartTable:
        tables = [getattr(r, which) for r in relations]
        return PartTable(np.concatenate([t.rel + off for t, off in zip(tables, offsets, strict=True)]),
                         np.concatenate([t.start for t in tables]), np.concatenate([t.end for t in tables]))

    columns = {name: np.concatenate([getattr(r, name) for r in relations])
               for name in ("doc", "cue_start", "cue_end", "attrs", "contents_key", "sources_key")}
    attributions = RelationTable(**columns, contents=parts("contents"), sources=parts("sources"))
    return Batch(
        sum(b.n_docs for b in batches), spans([b.entities for b in batches]), spans([b.claims for b in batches]),
        attributions, spans([b.boilerplate for b in batches]),
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


@dataclass(frozen=True)
class IndexedBatch:
    """A batch with CSR pointers, so that the items of any documents can be taken out fast."""

    batch: Batch
    entity_ptr: IntArray
    claim_ptr: IntArray
    relation_ptr: IntArray
    content_ptr: IntArray
    source_ptr: IntArray
    boilerplate_ptr: IntArray

    @classmethod
    def of(cls, batch: Batch) -> IndexedBatch:
        n = batch.n_docs
        rel = batch.attributions
        return cls(
            batch,
            doc_pointers(batch.entities.doc, n),
            doc_pointers(batch.claims.doc, n),
            doc_pointers(rel.doc, n),
            doc_pointers(rel.contents.rel, len(rel)),
            doc_pointers(rel.sources.rel, len(rel)),
            doc_pointers(batch.boilerplate.doc, n),
        )

    def take(self, docs: IntArray) -> Batch:
        """The documents ``docs`` as a batch of their own (``docs[i]`` becomes document i)."""
        b = self.batch
        return Batch(
            len(docs),
            b.entities.take(self.entity_ptr, docs),
            b.claims.take(self.claim_ptr, docs),
            b.attributions.take(self.relation_ptr, self.content_ptr, self.source_ptr, docs),
            b.boilerplate.take(self.boilerplate_ptr, docs),
        )
