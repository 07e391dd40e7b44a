"""Vectorised span arithmetic against brute force."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.scoring.overlap import (
    covered_per_doc,
    dice,
    exact_matches_per_doc,
    overlap_pairs,
    shared_per_doc,
    union_spans,
)

Spans = list[tuple[int, int, int]]
spans_strategy = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 30), st.integers(1, 12)).map(lambda t: (t[0], t[1], t[1] + t[2])),
    max_size=15,
)


def columns(spans: Spans) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore[type-arg]
    array = np.asarray(spans, dtype=np.int64).reshape(-1, 3)
    return array[:, 0], array[:, 1], array[:, 2]


@settings(max_examples=300, deadline=None)
@given(spans_strategy, spans_strategy)
def test_overlap_pairs_finds_exactly_the_overlapping_pairs(a: Spans, b: Spans) -> None:
    ia, ib, shared = overlap_pairs(*columns(a), *columns(b))
    found = {(int(i), int(j)): int(s) for i, j, s in zip(ia, ib, shared, strict=True)}
    expected = {}
    for i, (da, sa, ea) in enumerate(a):
        for j, (db, sb, eb) in enumerate(b):
            common = min(ea, eb) - max(sa, sb)
            if da == db and common > 0:
                expected[(i, j)] = common
    assert found == expected
    assert len(found) == len(ia)  # no pair twice


@settings(max_examples=200, deadline=None)
@given(spans_strategy, spans_strategy)
def test_exact_matches_are_one_to_one(a: Spans, b: Spans) -> None:
    got = exact_matches_per_doc(list(columns(a)), list(columns(b)), 3)
    for doc in range(3):
        keys_a = [s for s in a if s[0] == doc]
        keys_b = [s for s in b if s[0] == doc]
        expected = sum(min(keys_a.count(k), keys_b.count(k)) for k in set(keys_a))
        assert got[doc] == expected


@settings(max_examples=200, deadline=None)
@given(spans_strategy, spans_strategy)
def test_covered_and_shared_code_points(a: Spans, b: Spans) -> None:
    def points(spans: Spans, doc: int) -> set[int]:
        return {p for d, s, e in spans if d == doc for p in range(s, e)}

    covered = covered_per_doc(*columns(a), 3)
    shared = shared_per_doc(columns(a), columns(b), 3)
    for doc in range(3):
        assert covered[doc] == len(points(a, doc))
        assert shared[doc] == len(points(a, doc) & points(b, doc))
    u_doc, u_start, u_end = union_spans(*columns(a))
    for k in range(1, len(u_doc)):  # disjoint, sorted, not even touching within a document
        assert u_doc[k] > u_doc[k - 1] or u_start[k] > u_end[k - 1]


def test_adjacent_spans_do_not_overlap() -> None:
    ia, _, _ = overlap_pairs(np.array([0]), np.array([0]), np.array([5]), np.array([0]), np.array([5]), np.array([9]))
    assert len(ia) == 0


def test_dice() -> None:
    assert dice(np.array([10]), np.array([10]), np.array([20])).tolist() == [2 * 10 / 30]
    assert dice(np.array([0]), np.array([0]), np.array([0])).tolist() == [0.0]
