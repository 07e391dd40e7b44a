"""Columnar tables: canonical order, merging, taking documents out."""

from __future__ import annotations

import numpy as np
from scoring_helpers import relation_batch

from byline.scoring.tables import IndexedBatch, SpanTable, ranges


def test_canonical_order_ignores_input_order() -> None:
    a = SpanTable.from_columns([1, 0, 0], [5, 9, 2], [7, 10, 4], [0, 1, 2])
    b = SpanTable.from_columns([0, 1, 0], [2, 5, 9], [4, 7, 10], [2, 0, 1])
    for column in ("doc", "start", "end", "label", "attrs"):
        assert np.array_equal(getattr(a, column), getattr(b, column))
    assert a.doc.tolist() == [0, 0, 1] and a.start.tolist() == [2, 9, 5]


def test_ranges() -> None:
    assert ranges(np.array([3, 10, 0]), np.array([2, 0, 3])).tolist() == [3, 4, 0, 1, 2]


def test_indexed_take_keeps_parts_with_their_relations() -> None:
    docs = [
        [{"contents": [(0, 5)], "sources": [(6, 8)]}],
        [],
        [{"contents": [(1, 3), (5, 9)]}, {"contents": [(20, 30)], "cue": (10, 12)}],
    ]
    indexed = IndexedBatch.of(relation_batch(docs))
    taken = indexed.take(np.array([2, 0]))
    assert taken.n_docs == 2
    assert taken.attributions.doc.tolist() == [0, 0, 1]
    assert taken.attributions.contents.start.tolist() == [1, 5, 20, 0]
    assert taken.attributions.contents.rel.tolist() == [0, 0, 1, 2]
    assert taken.attributions.sources.rel.tolist() == [2]
