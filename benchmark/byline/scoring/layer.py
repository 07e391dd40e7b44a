"""The small interface every layer's scorer implements, and what it hands back.

A scorer turns a batch of gold documents and the matching batch of predictions into
**per-document counts** (one row per document, one column per count) plus any additive
totals it does not need per document (per-label counts, say). Everything else is derived from
summed counts: the JSON summary of the layer, and the statistics the bootstrap resamples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from byline.scoring.counts import FloatArray, prf_arrays
from byline.scoring.tables import Batch


@dataclass
class LayerCounts:
    """Counts of one batch: ``per_doc`` is (documents × columns); ``totals`` are additive."""

    per_doc: FloatArray
    totals: dict[str, FloatArray] = field(default_factory=dict)


class LayerScorer(Protocol):
    """Scores one layer. ``primary_metric`` names one of :meth:`statistics`' keys."""

    name: str
    columns: tuple[str, ...]
    primary_metric: str

    def count(self, gold: Batch, pred: Batch) -> LayerCounts:
        """Per-document counts of a batch (gold and predictions share document numbers)."""
        ...

    def statistics(self, sums: FloatArray) -> dict[str, FloatArray]:
        """Headline metrics from summed per-document columns, one row per resample."""
        ...

    def summarise(self, sums: FloatArray, totals: dict[str, FloatArray]) -> dict[str, Any]:
        """The layer's JSON summary from the summed columns and the additive totals."""
        ...


def prf_statistics(prefix: str, credit: FloatArray, predicted: FloatArray, gold: FloatArray) -> dict[str, FloatArray]:
    """``{prefix}.precision``, ``.recall`` and ``.f1`` as arrays."""
    p, r, f = prf_arrays(credit, predicted, gold)
    return {f"{prefix}.precision": p, f"{prefix}.recall": r, f"{prefix}.f1": f}


def macro_block(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """Unweighted means of P/R/F1 over the units with gold or predicted items (see counts)."""
    used = [b for b in blocks if b["predicted"] or b["gold"]]
    if not used:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0, "units": 0}
    return {
        "precision": float(np.mean([b["precision"] for b in used])),
        "recall": float(np.mean([b["recall"] for b in used])),
        "f1": float(np.mean([b["f1"] for b in used])),
        "units": len(used),
    }


def column_index(columns: tuple[str, ...]) -> dict[str, int]:
    return {name: i for i, name in enumerate(columns)}
