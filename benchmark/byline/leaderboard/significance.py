"""Paired significance between the systems of one board, and the significance groups.

**Test.** Two systems are compared by a two-sided paired *approximate randomisation* test over
documents (Noreen 1989; the test of sacrebleu's ``--paired-ar`` and of MultEval): in each trial
every gold document's counts are swapped between the two systems with probability ½, both
scores are recomputed from the summed counts exactly as the scorer computes them, and the trial
counts when ``|score_a − score_b|`` is at least the observed absolute difference. The p-value is
``(trials counted + 1) / (trials + 1)``. Identical systems have an observed difference of 0, so
every trial counts and p = 1.

The swaps come from ``numpy.random.default_rng(seed)`` (PCG64), ``trials`` rows of one bit per
document in the gold split's document order; the generator is re-seeded for every pair, so every
pair sees the same swaps and a pair's p-value depends only on the two systems and the settings —
never on which other systems are on the board or on the order of the result files.

**Correction.** The p-values of the ``k(k−1)/2`` pairs of a board are adjusted by Holm's
step-down method (family-wise error rate ``alpha`` per board); a pair differs significantly
when its adjusted p-value is at most ``alpha``.

**Groups.** The significance groups are the maximal sets of systems in which no two differ
significantly (the maximal cliques of the "not significantly different" graph), each named by a
letter: ``a`` for the group of the best-ranked system, then in rank order. A system belongs to
every group it is in, so it can carry several letters (``ab``). The rule that follows, and the
one to read off the table: **two systems share a letter exactly when their difference is not
significant**; a system with a letter of its own differs significantly from every other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from byline.scoring.bootstrap import BLOCK_ELEMENTS
from byline.scoring.counts import FloatArray

DEFAULT_TRIALS = 10_000
DEFAULT_SEED = 12345
DEFAULT_ALPHA = 0.05
TOLERANCE = 1e-12
"""Differences within this of the observed one count as equal to it (summation-order noise)."""

BoardMetric = Callable[[Sequence[FloatArray]], FloatArray]
"""A board's score from summed counts: one (rows × columns) array per layer of the board, one
score per row."""


@dataclass(frozen=True)
class SignificanceSettings:
    """How the systems of a board are compared (recorded in every output)."""

    trials: int = DEFAULT_TRIALS
    seed: int = DEFAULT_SEED
    alpha: float = DEFAULT_ALPHA

    @property
    def signature(self) -> str:
        """A short record of the settings, in the manner of sacrebleu's signatures."""
        return (f"paired-ar:documents|trials:{self.trials}|seed:{self.seed}|rng:PCG64|two-sided"
                f"|correction:holm|alpha:{self.alpha:g}")

    def describe(self) -> str:
        """The settings in words, for the notes under a table."""
        return (f"two-sided paired approximate randomisation over documents, {self.trials:,} trials, seed "
                f"{self.seed}, Holm-corrected over the pairs of each board, α = {self.alpha:g}")


def paired_p_value(
    a: Sequence[FloatArray],
    b: Sequence[FloatArray],
    metric: BoardMetric,
    settings: SignificanceSettings | None = None,
    block_elements: int = BLOCK_ELEMENTS,
) -> float:
    """The two-sided approximate-randomisation p-value of two systems' difference on a board.

    ``a`` and ``b`` hold each system's per-document counts, one (documents × columns) array per
    layer of the board, rows in the gold split's document order.
    """
    settings = settings or SignificanceSettings()
    n_docs = a[0].shape[0] if a else 0
    if n_docs == 0 or settings.trials <= 0:
        return 1.0
    a_sums = [part.sum(axis=0)[None, :] for part in a]
    b_sums = [part.sum(axis=0)[None, :] for part in b]
    observed = abs(float(metric(a_sums)[0]) - float(metric(b_sums)[0]))
    moves = [pb - pa for pa, pb in zip(a, b, strict=True)]
    rng = np.random.default_rng(settings.seed)
    rows = max(1, block_elements // n_docs)
    at_least = 0
    done = 0
    while done < settings.trials:
        block = min(rows, settings.trials - done)
        swap = rng.integers(0, 2, size=(block, n_docs)).astype(np.float64)
        moved = [swap @ move for move in moves]
        delta = metric([s + m for s, m in zip(a_sums, moved, strict=True)]) - metric(
            [s - m for s, m in zip(b_sums, moved, strict=True)]
        )
        at_least += int(np.count_nonzero(np.abs(delta) >= observed - TOLERANCE))
        done += block
    return (at_least + 1) / (settings.trials + 1)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given (each at most 1)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for step, i in enumerate(order):
        running = max(running, min(1.0, (m - step) * p_values[i]))
        adjusted[i] = running
    return adjusted


def _maximal_cliques(k: int, linked: set[frozenset[int]]) -> list[frozenset[int]]:
    """Bron–Kerbosch with pivoting over ``k`` nodes and the undirected edges ``linked``."""
    neighbours = {v: {w for w in range(k) if w != v and frozenset((v, w)) in linked} for v in range(k)}
    found: list[frozenset[int]] = []

    def expand(clique: set[int], candidates: set[int], excluded: set[int]) -> None:
        if not candidates and not excluded:
            found.append(frozenset(clique))
            return
        pivot = max(candidates | excluded, key=lambda v: len(neighbours[v] & candidates))
        for v in sorted(candidates - neighbours[pivot]):
            expand(clique | {v}, candidates & neighbours[v], excluded & neighbours[v])
            candidates = candidates - {v}
            excluded = excluded | {v}

    expand(set(), set(range(k)), set())
    return found


def significance_groups(k: int, different: set[frozenset[int]]) -> list[tuple[int, ...]]:
    """The groups of ``k`` systems listed in rank order (0 = best), given the pairs that differ
    significantly: maximal sets without such a pair, ordered by their best-ranked members."""
    if k == 0:
        return []
    alike = {frozenset(pair) for pair in combinations(range(k), 2)} - different
    cliques = [tuple(sorted(clique)) for clique in _maximal_cliques(k, alike)]
    return sorted(cliques)


def group_letters(k: int, groups: Sequence[tuple[int, ...]]) -> list[str]:
    """Each system's letters (``a``, ``ab``, …); past 26 groups, numbers joined by commas."""
    names = ([chr(ord("a") + i) for i in range(len(groups))] if len(groups) <= 26
             else [str(i + 1) for i in range(len(groups))])
    joiner = "" if len(groups) <= 26 else ","
    return [joiner.join(name for name, group in zip(names, groups, strict=True) if system in group)
            for system in range(k)]


@dataclass(frozen=True)
class PairTest:
    """One pair of a board: systems by rank position, the difference of their scores, the raw
    and the Holm-adjusted p-value."""

    first: int
    second: int
    difference: float
    p_value: float
    p_adjusted: float
    significant: bool


def compare_all(
    systems: Sequence[Sequence[FloatArray]],
    scores: Sequence[float],
    metric: BoardMetric,
    settings: SignificanceSettings | None = None,
) -> tuple[list[PairTest], list[str]]:
    """Every pair of a board's systems (given in rank order) and each system's group letters."""
    settings = settings or SignificanceSettings()
    k = len(systems)
    pairs = list(combinations(range(k), 2))
    raw = [paired_p_value(systems[i], systems[j], metric, settings) for i, j in pairs]
    adjusted = holm(raw)
    tests = [
        PairTest(i, j, scores[i] - scores[j], p, q, q <= settings.alpha)
        for (i, j), p, q in zip(pairs, raw, adjusted, strict=True)
    ]
    different = {frozenset((t.first, t.second)) for t in tests if t.significant}
    return tests, group_letters(k, significance_groups(k, different))
