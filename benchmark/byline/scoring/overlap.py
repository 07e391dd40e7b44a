"""Vectorised span arithmetic on whole batches: overlapping pairs, exact matches, unions.

Spans are half-open ``[start, end)`` code-point ranges tagged with a document (or any other
group) number; spans of different documents never touch. Each function works on every document
of a batch at once by laying the documents end to end on one line (``doc * stride + offset``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from byline.scoring.tables import IntArray, ranges

_EMPTY = np.zeros(0, dtype=np.int64)


def _stride(*ends: IntArray) -> int:
    return int(max((int(e.max()) for e in ends if len(e)), default=0)) + 1


def overlap_pairs(
    a_doc: IntArray, a_start: IntArray, a_end: IntArray,
    b_doc: IntArray, b_start: IntArray, b_end: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """Every pair (i of a, j of b) in the same document whose spans share at least one code
    point, with the number of code points shared. Pairs come ordered by i, then by b's start.

    Either side may contain overlapping spans; the cost is the number of candidate pairs, never
    more than the pairs of items within each document.
    """
    if len(a_doc) == 0 or len(b_doc) == 0:
        return _EMPTY, _EMPTY, _EMPTY
    stride = _stride(a_end, b_end)
    b_gs = b_doc * stride + b_start
    order = np.argsort(b_gs, kind="stable")
    bs = b_gs[order]
    be = (b_doc * stride + b_end)[order]
    reach = np.maximum.accumulate(be)  # furthest end so far: monotone, so searchable
    a_gs = a_doc * stride + a_start
    a_ge = a_doc * stride + a_end
    # First candidate: the first span whose furthest end so far passes a's start (spans of
    # earlier documents all end before a's document begins on the line, so none qualifies).
    lo = np.searchsorted(reach, a_gs, side="right")
    hi = np.searchsorted(bs, a_ge, side="left")
    count = np.clip(hi - lo, 0, None)
    ia = np.repeat(np.arange(len(a_doc), dtype=np.int64), count)
    jb = ranges(lo, count)
    shared = np.minimum(a_ge[ia], be[jb]) - np.maximum(a_gs[ia], bs[jb])
    keep = shared > 0
    return ia[keep], order[jb[keep]].astype(np.int64), shared[keep].astype(np.int64)


def exact_matches_per_doc(a_keys: list[IntArray], b_keys: list[IntArray], n_docs: int) -> IntArray:
    """One-to-one exact matches per document: for every distinct key the smaller of its counts
    on the two sides. The first key column must be the document."""
    if len(a_keys[0]) == 0 or len(b_keys[0]) == 0:
        return np.zeros(n_docs, dtype=np.int64)
    keys = [np.concatenate([a, b]) for a, b in zip(a_keys, b_keys, strict=True)]
    side_b = np.concatenate([np.zeros(len(a_keys[0]), dtype=np.int64), np.ones(len(b_keys[0]), dtype=np.int64)])
    order = np.lexsort(keys[::-1])
    sorted_keys = [k[order] for k in keys]
    change = np.zeros(len(order), dtype=bool)
    change[0] = True
    for column in sorted_keys:
        change[1:] |= column[1:] != column[:-1]
    group = np.cumsum(change) - 1
    in_b = np.bincount(group, weights=side_b[order]).astype(np.int64)
    in_a = np.bincount(group).astype(np.int64) - in_b
    docs = sorted_keys[0][change]
    return np.bincount(docs, weights=np.minimum(in_a, in_b), minlength=n_docs).astype(np.int64)


def union_spans(doc: IntArray, start: IntArray, end: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """The code points covered by the spans, per document, as sorted disjoint spans."""
    if len(doc) == 0:
        return _EMPTY, _EMPTY, _EMPTY
    stride = _stride(end)
    gs = doc * stride + start
    order = np.lexsort((end, gs))
    gs = gs[order]
    ge = (doc * stride + end)[order]
    reach = np.maximum.accumulate(ge)
    new = np.ones(len(gs), dtype=bool)
    new[1:] = gs[1:] > reach[:-1]
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(gs)) - 1
    u_start = gs[first]
    u_end = reach[last]
    u_doc = u_start // stride
    return u_doc, u_start - u_doc * stride, u_end - u_doc * stride


def covered_per_doc(doc: IntArray, start: IntArray, end: IntArray, n_docs: int) -> IntArray:
    """Code points covered by at least one span, per document."""
    u_doc, u_start, u_end = union_spans(doc, start, end)
    return np.bincount(u_doc, weights=u_end - u_start, minlength=n_docs).astype(np.int64)


def shared_per_doc(
    a: tuple[IntArray, IntArray, IntArray], b: tuple[IntArray, IntArray, IntArray], n_docs: int
) -> IntArray:
    """Code points covered on both sides, per document (each side's spans may overlap)."""
    ua = union_spans(*a)
    ub = union_spans(*b)
    ia, _, shared = overlap_pairs(*ua, *ub)
    return np.bincount(ua[0][ia], weights=shared, minlength=n_docs).astype(np.int64)


def dice(shared: NDArray[Any], len_a: NDArray[Any], len_b: NDArray[Any]) -> NDArray[np.float64]:
    """Character-overlap F1 (Dice): 2·shared / (|a| + |b|); 0 when both are empty."""
    total = (len_a + len_b).astype(np.float64)
    return np.where(total > 0, 2.0 * shared / np.where(total > 0, total, 1.0), 0.0)
