"""Additive counts and the precision / recall / F1 derived from them.

Every score in Byline is a ratio of counts that are summed over documents first (micro
averaging), so counts are kept as additive records and the ratios are properties.

**Zero-division rule** (one rule for every P/R/F1 in Byline):

* precision = credit / predicted, recall = credit / gold, F1 = 2PR / (P + R);
* a ratio whose denominator is zero is **0**, except that
* when there is **nothing in the gold and nothing predicted**, P = R = F1 = **1** (nothing was
  to be found and nothing was wrongly found);
* F1 is 0 when P + R is 0.

Macro averages (over labels, over documents) leave out the units that have neither gold nor
predicted items, so an unused label cannot lift a macro score. Accuracies over matched pairs
are undefined (``None``) when nothing was matched.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def prf_arrays(
    credit: FloatArray | float, predicted: FloatArray | float, gold: FloatArray | float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Precision, recall and F1 of (arrays of) summed counts, by the module's zero-division rule."""
    c = np.asarray(credit, dtype=np.float64)
    p_n = np.asarray(predicted, dtype=np.float64)
    g_n = np.asarray(gold, dtype=np.float64)
    both_empty = (p_n == 0) & (g_n == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(p_n > 0, c / np.where(p_n > 0, p_n, 1.0), 0.0)
        recall = np.where(g_n > 0, c / np.where(g_n > 0, g_n, 1.0), 0.0)
        total = precision + recall
        f1 = np.where(total > 0, 2.0 * precision * recall / np.where(total > 0, total, 1.0), 0.0)
    precision = np.where(both_empty, 1.0, precision)
    recall = np.where(both_empty, 1.0, recall)
    f1 = np.where(both_empty, 1.0, f1)
    return precision, recall, f1


@dataclass(frozen=True)
class PRF:
    """Matched credit over predicted and gold item counts (additive with ``+``).

    ``credit`` is the number of correct matches, or for graded schemes the summed credit
    (half a point per partial entity, the overlap of a soft match).
    """

    credit: float = 0.0
    predicted: int = 0
    gold: int = 0

    @classmethod
    def of(cls, credit: float, predicted: float, gold: float) -> PRF:
        """From summed (float) columns."""
        return cls(float(credit), int(predicted), int(gold))

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.credit + other.credit, self.predicted + other.predicted, self.gold + other.gold)

    @property
    def precision(self) -> float:
        return float(prf_arrays(self.credit, self.predicted, self.gold)[0])

    @property
    def recall(self) -> float:
        return float(prf_arrays(self.credit, self.predicted, self.gold)[1])

    @property
    def f1(self) -> float:
        return float(prf_arrays(self.credit, self.predicted, self.gold)[2])

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "credit": number(self.credit),
            "predicted": int(self.predicted),
            "gold": int(self.gold),
        }


@dataclass(frozen=True)
class SemEvalCounts:
    """SemEval-2013 task 9.1 categories of one entity scheme (as nervaluate reports them).

    correct, incorrect (matched, wrong), partial (matched, overlap only: half credit),
    missed (gold unmatched), spurious (prediction unmatched). Additive with ``+``.
    """

    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    def __add__(self, other: SemEvalCounts) -> SemEvalCounts:
        return SemEvalCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def possible(self) -> int:
        """The gold items: correct + incorrect + partial + missed."""
        return self.correct + self.incorrect + self.partial + self.missed

    @property
    def actual(self) -> int:
        """The predicted items: correct + incorrect + partial + spurious."""
        return self.correct + self.incorrect + self.partial + self.spurious

    @property
    def prf(self) -> PRF:
        return PRF(self.correct + 0.5 * self.partial, self.actual, self.possible)

    def to_json(self) -> dict[str, Any]:
        out = self.prf.to_json()
        out.update(
            correct=self.correct, incorrect=self.incorrect, partial=self.partial,
            missed=self.missed, spurious=self.spurious,
        )
        return out


@dataclass(frozen=True)
class Accuracy:
    """An attribute's accuracy over matched pairs; ``given`` counts the pairs whose prediction
    states the attribute at all (a pair without it counts as wrong)."""

    correct: int = 0
    matched: int = 0
    given: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.matched + other.matched, self.given + other.given)

    @property
    def value(self) -> float | None:
        """correct / matched; ``None`` when nothing was matched or no prediction stated it."""
        if self.matched == 0 or self.given == 0:
            return None
        return self.correct / self.matched

    def to_json(self) -> dict[str, Any]:
        return {"accuracy": self.value, "correct": self.correct, "matched": self.matched, "given": self.given}

    @classmethod
    def of(cls, correct: float, matched: float, given: float) -> Accuracy:
        return cls(int(correct), int(matched), int(given))


def number(value: float) -> float | int:
    """An integral float as an int, so that counts read as counts in JSON."""
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float
