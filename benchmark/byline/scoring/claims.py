"""Claims: exact and soft span F1, and the accuracy of each claim attribute on matched claims.

* **exact** — a prediction is correct when its span equals a gold claim's span (one-to-one);
* **soft** — predictions and gold claims are matched one-to-one to maximise the summed Dice
  overlap 2·shared / (|pred| + |gold|) in code points; each matched pair earns its Dice as
  credit, so soft precision = Σ Dice / predicted and soft recall = Σ Dice / gold;
* **attributes** (from the inventory, e.g. check-worthiness) — accuracy over the soft-matched
  pairs; a prediction that does not state the attribute counts as wrong, and the accuracy is
  undefined when no matched prediction states it.

Primary metric: soft F1 (claim boundaries — clause or sentence — are a matter of degree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from byline.inventory import Inventory
from byline.scoring.counts import PRF, Accuracy, FloatArray
from byline.scoring.layer import LayerCounts, column_index, prf_statistics
from byline.scoring.matching import soft_span_matching
from byline.scoring.overlap import exact_matches_per_doc
from byline.scoring.tables import Batch, IntArray, SpanTable


@dataclass(frozen=True)
class SpanCounts:
    """Per document: exact one-to-one matches, summed Dice of the soft matching and the number
    of soft matches; and the soft-matched pairs (prediction row, gold row)."""

    exact: FloatArray
    soft: FloatArray
    matched: FloatArray
    pairs_pred: IntArray
    pairs_gold: IntArray


def span_counts(gold: SpanTable, pred: SpanTable, n_docs: int) -> SpanCounts:
    """Exact and soft matching of two span tables (labels ignored)."""
    exact = exact_matches_per_doc([pred.doc, pred.start, pred.end], [gold.doc, gold.start, gold.end], n_docs)
    ia, ig, weight, matched = soft_span_matching(pred, gold)
    doc = pred.doc[ia[matched]]
    return SpanCounts(
        exact.astype(float),
        np.bincount(doc, weights=weight[matched], minlength=n_docs).astype(np.float64),
        np.bincount(doc, minlength=n_docs).astype(float),
        ia[matched],
        ig[matched],
    )


class ClaimScorer:
    """The claims layer."""

    name = "claims"
    primary_metric = "soft.f1"

    def __init__(self, inventory: Inventory) -> None:
        self.attributes = tuple(attribute.name for attribute in inventory.layer("claims").attributes)
        self.columns: tuple[str, ...] = (
            "gold", "predicted", "exact", "soft", "matched",
            *(f"{name}_{kind}" for name in self.attributes for kind in ("given", "correct")),
        )
        self._col = column_index(self.columns)

    def count(self, gold: Batch, pred: Batch) -> LayerCounts:
        g, p, n = gold.claims, pred.claims, gold.n_docs
        per_doc = np.zeros((n, len(self.columns)))
        per_doc[:, self._col["gold"]] = g.counts_per_doc(n)
        per_doc[:, self._col["predicted"]] = p.counts_per_doc(n)
        spans = span_counts(g, p, n)
        per_doc[:, self._col["exact"]] = spans.exact
        per_doc[:, self._col["soft"]] = spans.soft
        per_doc[:, self._col["matched"]] = spans.matched
        pairs_p, pairs_g = spans.pairs_pred, spans.pairs_gold
        doc = p.doc[pairs_p]
        for k, name in enumerate(self.attributes):
            given = p.attrs[pairs_p, k] >= 0
            correct = given & (p.attrs[pairs_p, k] == g.attrs[pairs_g, k])
            per_doc[:, self._col[f"{name}_given"]] = np.bincount(doc[given], minlength=n)
            per_doc[:, self._col[f"{name}_correct"]] = np.bincount(doc[correct], minlength=n)
        return LayerCounts(per_doc)

    def statistics(self, sums: FloatArray) -> dict[str, FloatArray]:
        gold, predicted = sums[:, self._col["gold"]], sums[:, self._col["predicted"]]
        return {
            **prf_statistics("exact", sums[:, self._col["exact"]], predicted, gold),
            **prf_statistics("soft", sums[:, self._col["soft"]], predicted, gold),
        }

    def summarise(self, sums: FloatArray, totals: dict[str, FloatArray]) -> dict[str, Any]:
        c = self._col
        return {
            "exact": PRF.of(sums[c["exact"]], sums[c["predicted"]], sums[c["gold"]]).to_json(),
            "soft": PRF.of(sums[c["soft"]], sums[c["predicted"]], sums[c["gold"]]).to_json(),
            "matched": int(sums[c["matched"]]),
            "attributes": {
                name: Accuracy.of(sums[c[f"{name}_correct"]], sums[c["matched"]], sums[c[f"{name}_given"]]).to_json()
                for name in self.attributes
            },
        }
