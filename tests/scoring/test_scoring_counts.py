"""Counts and the zero-division rule."""

from __future__ import annotations

import numpy as np
import pytest

from byline.scoring.counts import PRF, Accuracy, SemEvalCounts, number, prf_arrays


def test_precision_and_recall_are_not_swapped() -> None:
    prf = PRF(credit=1, predicted=4, gold=2)
    assert prf.precision == 0.25 and prf.recall == 0.5
    assert prf.f1 == pytest.approx(2 * 0.25 * 0.5 / 0.75)


@pytest.mark.parametrize(
    ("credit", "predicted", "gold", "expected"),
    [
        (0, 0, 0, (1.0, 1.0, 1.0)),  # nothing to find, nothing found
        (0, 0, 3, (0.0, 0.0, 0.0)),  # predicted nothing
        (0, 2, 0, (0.0, 0.0, 0.0)),  # found things where there is nothing
        (0, 2, 3, (0.0, 0.0, 0.0)),  # P + R = 0
        (2, 2, 2, (1.0, 1.0, 1.0)),
    ],
)
def test_zero_division_rule(credit: float, predicted: int, gold: int, expected: tuple[float, float, float]) -> None:
    prf = PRF(credit, predicted, gold)
    assert (prf.precision, prf.recall, prf.f1) == expected
    p, r, f = prf_arrays(np.array([credit]), np.array([predicted]), np.array([gold]))
    assert (p[0], r[0], f[0]) == expected


def test_prf_arrays_is_vectorised_and_warning_free() -> None:
    with np.errstate(all="raise"):
        p, r, _ = prf_arrays(np.array([0.0, 1.0, 0.0]), np.array([0.0, 2.0, 1.0]), np.array([0.0, 4.0, 0.0]))
    assert p.tolist() == [1.0, 0.5, 0.0] and r.tolist() == [1.0, 0.25, 0.0]


def test_counts_add() -> None:
    assert PRF(1, 2, 3) + PRF(0.5, 1, 1) == PRF(1.5, 3, 4)
    a = SemEvalCounts(1, 2, 3, 4, 5)
    assert a + a == SemEvalCounts(2, 4, 6, 8, 10)
    assert Accuracy(1, 2, 2) + Accuracy(0, 1, 0) == Accuracy(1, 3, 2)


def test_semeval_partial_is_half_credit() -> None:
    counts = SemEvalCounts(correct=2, incorrect=1, partial=2, missed=1, spurious=3)
    assert counts.possible == 6 and counts.actual == 8
    assert counts.prf.precision == pytest.approx(3 / 8) and counts.prf.recall == pytest.approx(3 / 6)
    assert counts.to_json()["partial"] == 2


def test_accuracy_undefined_without_matches_or_without_the_attribute() -> None:
    assert Accuracy(0, 0, 0).value is None
    assert Accuracy(0, 3, 0).value is None
    assert Accuracy(1, 4, 2).value == 0.25


def test_number_keeps_counts_integral() -> None:
    assert number(3.0) == 3 and isinstance(number(3.0), int)
    assert number(2.5) == 2.5
    assert PRF(3.0, 4, 5).to_json()["credit"] == 3
