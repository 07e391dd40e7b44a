"""Optimal one-to-one matching of predicted to gold items, for several weightings at once.

The candidate pairs of a batch form a bipartite graph (predictions on one side, gold items on
the other, an edge per pair that may be matched, with a positive weight per *scheme*). For
each scheme independently the matching maximises the total weight of matched pairs, each item
matched at most once — the assignment problem, solved per connected component:

* an edge whose two ends have no other edge is matched outright;
* a component with a single item on one side (a star) matches its heaviest edge;
* any other component is solved exactly by :func:`scipy.optimize.linear_sum_assignment`.

Ties are broken by position: items arrive in canonical order (see :mod:`byline.scoring.tables`)
and the first heaviest edge wins, so the result never depends on the order of the input.
A weight of 0 means "not a candidate in this scheme".
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from byline.scoring.overlap import dice, overlap_pairs
from byline.scoring.tables import IntArray, SpanTable

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def optimal_matching(n_pred: int, n_gold: int, pred: IntArray, gold: IntArray, weights: FloatArray) -> BoolArray:
    """For every edge (``pred[k]``, ``gold[k]``) and scheme ``s``, whether the edge is in the
    scheme's maximum-weight one-to-one matching. ``weights`` has shape (edges, schemes)."""
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim == 1:
        w = w[:, None]
    matched = np.zeros(w.shape, dtype=bool)
    if len(pred) == 0:
        return matched
    candidate = w > 0
    live = candidate.any(axis=1)
    deg_pred = np.bincount(pred[live], minlength=n_pred)
    deg_gold = np.bincount(gold[live], minlength=n_gold)
    alone = live & (deg_pred[pred] == 1) & (deg_gold[gold] == 1)
    matched[alone] = candidate[alone]
    rest = np.flatnonzero(live & ~alone)
    if len(rest) == 0:
        return matched
    _match_components(n_pred, n_gold, pred, gold, w, rest, matched)
    return matched


def _match_components(
    n_pred: int, n_gold: int, pred: IntArray, gold: IntArray, w: FloatArray, rest: IntArray, matched: BoolArray
) -> None:
    n_nodes = n_pred + n_gold
    graph = coo_matrix(
        (np.ones(len(rest)), (pred[rest], n_pred + gold[rest])), shape=(n_nodes, n_nodes)
    ).tocsr()
    _, component = connected_components(graph, directed=False)
    comp = component[pred[rest]]
    order = np.argsort(comp, kind="stable")
    edges = rest[order]
    comp = comp[order]
    bounds = np.flatnonzero(np.diff(comp)) + 1
    starts = np.concatenate([[0], bounds])
    stops = np.concatenate([bounds, [len(edges)]])
    for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
        group = edges[start:stop]
        p_nodes, p_local = np.unique(pred[group], return_inverse=True)
        g_nodes, g_local = np.unique(gold[group], return_inverse=True)
        if len(p_nodes) == 1 or len(g_nodes) == 1:
            # A star: the heaviest edge of each scheme (first one on ties).
            best = np.argmax(w[group], axis=0)
            for scheme, k in enumerate(best.tolist()):
                if w[group[k], scheme] > 0:
                    matched[group[k], scheme] = True
            continue
        for scheme in range(w.shape[1]):
            matrix = np.zeros((len(p_nodes), len(g_nodes)))
            matrix[p_local, g_local] = w[group, scheme]
            rows, cols = linear_sum_assignment(matrix, maximize=True)
            chosen = matrix[rows, cols] > 0
            if not chosen.any():
                continue
            edge_at = np.full((len(p_nodes), len(g_nodes)), -1, dtype=np.int64)
            edge_at[p_local, g_local] = group
            matched[edge_at[rows[chosen], cols[chosen]], scheme] = True


def lexicographic(*levels: FloatArray, bound: float) -> FloatArray:
    """Weights that maximise ``levels[0]`` first, then ``levels[1]``, …: each level must be a
    non-negative integer array whose total over any matching is below ``bound``."""
    out = np.zeros_like(levels[0], dtype=np.float64)
    for level in levels:
        out = out * bound + level
    return out


def soft_span_matching(pred: SpanTable, gold: SpanTable) -> tuple[IntArray, IntArray, FloatArray, BoolArray]:
    """Overlapping (prediction, gold) span pairs, their Dice overlap 2·shared / (|p| + |g|), and
    whether each pair is in the matching that maximises the summed Dice."""
    ia, ig, shared = overlap_pairs(pred.doc, pred.start, pred.end, gold.doc, gold.start, gold.end)
    weight = dice(shared, pred.end[ia] - pred.start[ia], gold.end[ig] - gold.start[ig])
    matched = optimal_matching(len(pred), len(gold), ia, ig, weight)[:, 0]
    return ia, ig, weight, matched
