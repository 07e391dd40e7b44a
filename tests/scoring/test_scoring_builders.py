"""Builders: canonical relations, merged parts."""

from __future__ import annotations

import numpy as np
from scoring_helpers import relation_batch

from byline.scoring.builders import merge_spans


def test_merge_spans_merges_overlaps_only() -> None:
    assert merge_spans([(5, 9), (0, 5), (3, 6), (0, 5)]) == ((0, 9),)
    assert merge_spans([(5, 9), (0, 5)]) == ((0, 5), (5, 9))
    assert merge_spans([(1, 2)]) == ((1, 2),)
    assert merge_spans([]) == ()


def test_relation_order_and_parts_follow_relations() -> None:
    items = [
        {"cue": (30, 34), "sources": [(20, 25)], "contents": [(40, 50)], "attrs": (1, 0)},
        {"cue": None, "sources": [], "contents": [(60, 70), (0, 10)], "attrs": (0, 2)},
    ]
    one = relation_batch([items]).attributions
    two = relation_batch([list(reversed(items))]).attributions
    assert np.array_equal(one.contents_key, two.contents_key)
    assert np.array_equal(one.attrs, two.attrs)
    assert np.array_equal(one.contents.rel, two.contents.rel) and np.array_equal(one.contents.start, two.contents.start)
    row = int(np.flatnonzero(one.cue_start == -1)[0])
    assert one.contents.start[one.contents.rel == row].tolist() == [0, 60]  # merged and sorted
    assert one.contents.lengths(2)[row] == 20
    assert one.role_spans("cue").start.tolist() == [30]
