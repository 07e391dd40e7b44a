"""Optimal one-to-one matching: against exhaustive search, and independent of order."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from byline.scoring.matching import lexicographic, optimal_matching


def brute_force(n_pred: int, n_gold: int, edges: list[tuple[int, int, float]]) -> float:
    """The best total weight of a one-to-one matching, by trying every subset of edges."""
    best = 0.0
    for size in range(min(n_pred, n_gold) + 1):
        for subset in itertools.combinations(edges, size):
            preds = {e[0] for e in subset}
            golds = {e[1] for e in subset}
            if len(preds) == size and len(golds) == size:
                best = max(best, sum(e[2] for e in subset))
    return best


@pytest.mark.parametrize("seed", range(150))
def test_matching_is_optimal_and_one_to_one(seed: int) -> None:
    rng = random.Random(seed)
    n_pred, n_gold = rng.randrange(1, 6), rng.randrange(1, 6)
    pairs = [(p, g) for p in range(n_pred) for g in range(n_gold) if rng.random() < 0.5]
    if not pairs:
        return
    weights = np.array([[rng.choice([0.0, 1.0, 2.0, rng.random()]) for _ in range(2)] for _ in pairs])
    pred = np.array([p for p, _ in pairs], dtype=np.int64)
    gold = np.array([g for _, g in pairs], dtype=np.int64)
    matched = optimal_matching(n_pred, n_gold, pred, gold, weights)
    for scheme in range(2):
        chosen = matched[:, scheme]
        assert len(set(pred[chosen].tolist())) == chosen.sum() == len(set(gold[chosen].tolist()))
        assert np.all(weights[chosen, scheme] > 0)
        edges = [(p, g, float(w)) for (p, g), w in zip(pairs, weights[:, scheme], strict=True) if w > 0]
        assert weights[chosen, scheme].sum() == pytest.approx(brute_force(n_pred, n_gold, edges))


def test_star_and_isolated_components() -> None:
    # pred 0 - gold 0 alone; pred 1 overlapping golds 1 and 2 (a star); weights pick gold 2.
    pred = np.array([0, 1, 1])
    gold = np.array([0, 1, 2])
    matched = optimal_matching(2, 3, pred, gold, np.array([0.5, 0.2, 0.9]))
    assert matched[:, 0].tolist() == [True, False, True]


def test_lexicographic_prefers_the_first_level() -> None:
    # Two light pairs beat one heavy pair on the count, but the first level decides.
    credit = np.array([1.0, 0.0, 0.0])
    count = np.ones(3)
    weights = lexicographic(credit, count, bound=3.0)
    pred = np.array([0, 0, 1])
    gold = np.array([0, 1, 0])
    matched = optimal_matching(2, 2, pred, gold, weights)[:, 0]
    assert matched.tolist() == [True, False, False]
    matched_count = optimal_matching(2, 2, pred, gold, count)[:, 0]
    assert matched_count.sum() == 2


def test_no_edges() -> None:
    empty = np.zeros(0, dtype=np.int64)
    assert optimal_matching(3, 3, empty, empty, np.zeros((0, 2))).shape == (0, 2)
