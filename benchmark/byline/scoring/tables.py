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
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
Span = tuple[int, int]

NONE = -1
"""The code of "not given" (no label, no attribute value, no cue)."""


def ints(values: Sequence[int] | IntArray) -> IntArray:
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
        d, s, e = ints(doc), ints(start), ints(end)
        lab = ints(label) if label is not None else np.full(len(d), NONE, dtype=np.int64)
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


@dataclass(frozen=True)
class Batch:
    """The four layers of a batch of ``n_docs`` documents."""

    n_docs: int
    entities: SpanTable
    claims: SpanTable
    attributions: RelationTable
    boilerplate: SpanTable


def shift_docs(batch: Batch, offset: int) -> Batch:
    """The batch with every document number raised by ``offset`` (for :func:`concat_batches`)."""
    def spans(table: SpanTable) -> SpanTable:
        return SpanTable(table.doc + offset, table.start, table.end, table.label, table.attrs)

    rel = batch.attributions
    attributions = RelationTable(rel.doc + offset, rel.cue_start, rel.cue_end, rel.attrs, rel.contents_key,
                                 rel.sources_key, rel.contents, rel.sources)
    return Batch(batch.n_docs, spans(batch.entities), spans(batch.claims), attributions, spans(batch.boilerplate))


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
