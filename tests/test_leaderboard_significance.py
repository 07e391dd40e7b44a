"""Paired approximate randomisation, Holm's correction and the significance groups, on
constructed systems whose answer is known."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from byline.leaderboard.significance import (
    SignificanceSettings,
    compare_all,
    group_letters,
    holm,
    paired_p_value,
    significance_groups,
)
from byline.leaderboard.table import board_metric
from leaderboard_helpers import noisy_counts

CLAIMS = board_metric(("claims",))
FAST = SignificanceSettings(trials=2000)


def test_identical_systems_have_p_value_one() -> None:
    counts = noisy_counts("claims", 0.6)
    assert paired_p_value([counts], [counts.copy()], CLAIMS, FAST) == 1.0


def test_clearly_better_system_has_the_smallest_possible_p_value() -> None:
    better, worse = noisy_counts("claims", 0.9, seed=1), noisy_counts("claims", 0.3, seed=2)
    assert paired_p_value([better], [worse], CLAIMS, FAST) == pytest.approx(1 / (FAST.trials + 1))


def test_p_value_is_symmetric_seeded_and_in_range() -> None:
    a, b = noisy_counts("claims", 0.60, seed=3), noisy_counts("claims", 0.58, seed=4)
    p = paired_p_value([a], [b], CLAIMS, FAST)
    assert 0 < p <= 1
    assert paired_p_value([b], [a], CLAIMS, FAST) == p
    assert paired_p_value([a], [b], CLAIMS, FAST) == p
    other_seed = paired_p_value([a], [b], CLAIMS, SignificanceSettings(trials=2000, seed=7))
    assert other_seed == pytest.approx(p, abs=0.05)


def test_blocks_do_not_change_the_p_value() -> None:
    a, b = noisy_counts("claims", 0.60, seed=3), noisy_counts("claims", 0.55, seed=4)
    assert paired_p_value([a], [b], CLAIMS, FAST, block_elements=37) == paired_p_value([a], [b], CLAIMS, FAST)


def test_no_documents_or_no_trials_mean_no_evidence() -> None:
    empty = np.zeros((0, 7))
    assert paired_p_value([empty], [empty], CLAIMS, FAST) == 1.0
    a, b = noisy_counts("claims", 0.9), noisy_counts("claims", 0.1)
    assert paired_p_value([a], [b], CLAIMS, SignificanceSettings(trials=0)) == 1.0


def test_holm_known_values() -> None:
    # sorted p: 0.01, 0.02, 0.03, 0.04 -> 0.04, 0.06, 0.06, 0.06 (monotone step-down)
    assert holm([0.03, 0.01, 0.04, 0.02]) == pytest.approx([0.06, 0.04, 0.06, 0.06])
    assert holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])
    assert holm([]) == []


def test_holm_never_below_raw_and_never_above_one() -> None:
    rng = np.random.default_rng(0)
    raw = rng.uniform(size=20).tolist()
    adjusted = holm(raw)
    assert all(r <= a <= 1.0 for r, a in zip(raw, adjusted, strict=True))


@pytest.mark.parametrize(
    ("k", "different", "expected"),
    [
        (1, set(), ["a"]),
        (3, set(), ["a", "a", "a"]),
        (3, {(0, 1), (0, 2), (1, 2)}, ["a", "b", "c"]),
        (3, {(0, 2)}, ["a", "ab", "b"]),  # A~B, B~C, A≠C: B shares with both
        (4, {(0, 2), (0, 3), (1, 3)}, ["a", "ab", "bc", "c"]),
        (3, {(0, 1), (0, 2)}, ["a", "b", "b"]),
    ],
)
def test_groups_share_a_letter_exactly_when_not_significant(
    k: int, different: set[tuple[int, int]], expected: list[str]
) -> None:
    pairs = {frozenset(pair) for pair in different}
    letters = group_letters(k, significance_groups(k, pairs))
    assert letters == expected
    for i, j in combinations(range(k), 2):
        assert bool(set(letters[i]) & set(letters[j])) == (frozenset((i, j)) not in pairs)


def test_groups_of_a_random_relation_keep_the_rule() -> None:
    rng = np.random.default_rng(5)
    k = 9
    pairs = {frozenset(p) for p in combinations(range(k), 2) if rng.uniform() < 0.5}
    letters = group_letters(k, significance_groups(k, pairs))
    for i, j in combinations(range(k), 2):
        assert bool(set(letters[i]) & set(letters[j])) == (frozenset((i, j)) not in pairs)


def test_compare_all_on_known_systems() -> None:
    best = noisy_counts("claims", 0.9, seed=1)
    twin = best.copy()
    worst = noisy_counts("claims", 0.2, seed=2)
    systems = [[best], [twin], [worst]]
    scores = [float(CLAIMS([s[0].sum(axis=0)[None, :]])[0]) for s in systems]
    tests, letters = compare_all(systems, scores, CLAIMS, FAST)
    assert letters == ["a", "a", "b"]
    by_pair = {(t.first, t.second): t for t in tests}
    assert not by_pair[(0, 1)].significant and by_pair[(0, 1)].p_value == 1.0
    assert by_pair[(0, 2)].significant and by_pair[(1, 2)].significant
    assert by_pair[(0, 2)].p_adjusted >= by_pair[(0, 2)].p_value
    assert by_pair[(0, 2)].difference == pytest.approx(scores[0] - scores[2])


def test_signature_records_the_settings() -> None:
    signature = SignificanceSettings(trials=500, seed=3, alpha=0.01).signature
    assert signature == "paired-ar:documents|trials:500|seed:3|rng:PCG64|two-sided|correction:holm|alpha:0.01"
