"""Optimal one-to-one matching of predicted to gold items, for several weightings at once.

The candidate pairs of a batch form a bipartite graph (predictions on one side, gold items on
the other, an edge per pair that may be matched, with a positive weight per *scheme*). For
each scheme independently the matching maximises the total weight of matched pairs, each item
matched at most once — the assignment problem, solved per connected component:

* an edge whose two ends have no other edge is matched outright;
* a component with a single item on one side (a star) matches its heaviest edge; stars are
  found from the degrees of the items, without building the graph;
* any other component (found by :func:`scipy.sparse.csgraph.connected_components`) is solved
  exactly by :func:`scipy.optimize.linear_sum_assignment`. SciPy is imported only then: most
  batches have no such component, and importing it costs more than scoring 10,000 documents'
  entities.

Ties are broken by position: items arrive in canonical order (see :mod:`byline.scoring.tables`)
and the first heaviest edge wins, so the result never depends on the order of the input.
A weight of 0 means "not a candidate in this scheme".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from byline.scoring.overlap import dice, overlap_pairs
from byline.scoring.tables import IntArray, SpanTable

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def optimal_matching(
    n_pred: int, n_gold: int, pred: IntArray, gold: IntArray, weights: FloatArray | Sequence[FloatArray]
) -> BoolArray:
    """For every edge (``pred[k]``, ``gold[k]``) and scheme ``s``, whether the edge is in the
    scheme's maximum-weight one-to-one matching. ``weights`` is an (edges × schemes) array, or
    one array of edge weights per scheme."""
    if isinstance(weights, np.ndarray):
        as_2d = weights[:, None] if weights.ndim == 1 else weights
        columns = [np.asarray(as_2d[:, k], dtype=np.float64) for k in range(as_2d.shape[1])]
    else:
        columns = [np.asarray(column, dtype=np.float64) for column in weights]
    matched = np.zeros((len(pred), len(columns)), dtype=bool, order="F")
    if len(pred) == 0:
        return matched
    candidates = [column > 0 for column in columns]
    live = np.logical_or.reduce(candidates) if len(candidates) > 1 else candidates[0]
    deg_pred = np.bincount(pred[live], minlength=n_pred)
    deg_gold = np.bincount(gold[live], minlength=n_gold)
    alone = live & (deg_pred[pred] == 1) & (deg_gold[gold] == 1)
    for k, candidate in enumerate(candidates):
        matched[:, k] = alone & candidate
    rest = np.flatnonzero(live & ~alone)
    if len(rest):
        w = np.column_stack([column[rest] for column in columns])
        _match_components(n_pred, n_gold, pred, gold, w, rest, matched)
    return matched


def _match_components(
    n_pred: int, n_gold: int, pred: IntArray, gold: IntArray, w: FloatArray, rest: IntArray, matched: BoolArray
) -> None:
    """Match the edges ``rest`` (``w``: their weights, one row each) component by component."""
    p, g = pred[rest], gold[rest]
    deg_pred = np.bincount(p, minlength=n_pred)
    deg_gold = np.bincount(g, minlength=n_gold)
    # A prediction all of whose gold items have no other edge is the centre of a star, and so is
    # a gold item all of whose predictions have no other edge.
    widest_gold = np.zeros(n_pred, dtype=np.int64)
    np.maximum.at(widest_gold, p, deg_gold[g])
    widest_pred = np.zeros(n_gold, dtype=np.int64)
    np.maximum.at(widest_pred, g, deg_pred[p])
    pred_centre = widest_gold[p] == 1
    gold_centre = ~pred_centre & (widest_pred[g] == 1)
    star = pred_centre | gold_centre
    centre = np.where(pred_centre, p, n_pred + g)
    # Stars take their heaviest edge, all at once (ties: the first edge in canonical order).
    star_edges, star_comp, star_w = rest[star], centre[star], w[star]
    for scheme in range(w.shape[1]):
        weight = star_w[:, scheme]
        order = np.lexsort((star_edges, -weight, star_comp))
        first = np.ones(len(order), dtype=bool)
        first[1:] = star_comp[order][1:] != star_comp[order][:-1]
        best = order[first]
        best = best[weight[best] > 0]
        matched[star_edges[best], scheme] = True
    if not np.all(star):
        _match_general(n_pred, n_gold, pred, gold, w[~star], rest[~star], matched)


def _match_general(
    n_pred: int, n_gold: int, pred: IntArray, gold: IntArray, w: FloatArray, edges: IntArray, matched: BoolArray
) -> None:
    """Components with several items on both sides: the assignment problem, exactly."""
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n_nodes = n_pred + n_gold
    graph = coo_matrix(
        (np.ones(len(edges)), (pred[edges], n_pred + gold[edges])), shape=(n_nodes, n_nodes)
    ).tocsr()
    _, component = connected_components(graph, directed=False)
    comp = component[pred[edges]]
    order = np.argsort(comp, kind="stable")
    edges, comp, w = edges[order], comp[order], w[order]
    bounds = np.flatnonzero(np.diff(comp)) + 1
    starts = np.concatenate([[0], bounds])
    stops = np.concatenate([bounds, [len(edges)]])
    for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
        group = edges[start:stop]
        group_w = w[start:stop]
        p_nodes, p_local = np.unique(pred[group], return_inverse=True)
        g_nodes, g_local = np.unique(gold[group], return_inverse=True)
        for scheme in range(w.shape[1]):
            matrix = np.zeros((len(p_nodes), len(g_nodes)))
            matrix[p_local, g_local] = group_w[:, scheme]
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
