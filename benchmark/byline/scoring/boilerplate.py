"""Boilerplate: which code points are not the article, and which spans.

* **characters** — every code point is boilerplate (covered by at least one span of any type)
  or not; P/R/F1 of the boilerplate class, pooled over all documents (micro);
* **characters per document** — the same per document, then the mean of P, R and F1 over the
  documents that have gold or predicted boilerplate (macro; the rest are left out, and with no
  such document at all the macro scores are 1);
* **spans** — one-to-one exact span matches, type ignored; **typed spans** — span and type.

Primary metric: pooled character F1.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from byline.inventory import Inventory
from byline.scoring.counts import PRF, FloatArray, prf_arrays
from byline.scoring.layer import LayerCounts, column_index, prf_statistics
from byline.scoring.overlap import covered_per_doc, exact_matches_per_doc, shared_per_doc
from byline.scoring.tables import Batch

COLUMNS = (
    "chars_gold", "chars_predicted", "chars_shared",
    "doc_precision", "doc_recall", "doc_f1", "doc_scored",
    "gold", "predicted", "spans", "typed_spans",
)
_COL = column_index(COLUMNS)


class BoilerplateScorer:
    """The boilerplate layer."""

    name = "boilerplate"
    columns: tuple[str, ...] = COLUMNS
    primary_metric = "characters.f1"

    def __init__(self, inventory: Inventory) -> None:
        self.labels = inventory.boilerplate_types

    def count(self, gold: Batch, pred: Batch) -> LayerCounts:
        g, p, n = gold.boilerplate, pred.boilerplate, gold.n_docs
        per_doc = np.zeros((n, len(COLUMNS)))
        c_gold = covered_per_doc(g.doc, g.start, g.end, n)
        c_pred = covered_per_doc(p.doc, p.start, p.end, n)
        shared = shared_per_doc((p.doc, p.start, p.end), (g.doc, g.start, g.end), n)
        per_doc[:, _COL["chars_gold"]] = c_gold
        per_doc[:, _COL["chars_predicted"]] = c_pred
        per_doc[:, _COL["chars_shared"]] = shared
        scored = (c_gold + c_pred) > 0
        precision, recall, f1 = prf_arrays(shared.astype(float), c_pred.astype(float), c_gold.astype(float))
        per_doc[:, _COL["doc_precision"]] = np.where(scored, precision, 0.0)
        per_doc[:, _COL["doc_recall"]] = np.where(scored, recall, 0.0)
        per_doc[:, _COL["doc_f1"]] = np.where(scored, f1, 0.0)
        per_doc[:, _COL["doc_scored"]] = scored
        per_doc[:, _COL["gold"]] = g.counts_per_doc(n)
        per_doc[:, _COL["predicted"]] = p.counts_per_doc(n)
        per_doc[:, _COL["spans"]] = exact_matches_per_doc([p.doc, p.start, p.end], [g.doc, g.start, g.end], n)
        per_doc[:, _COL["typed_spans"]] = exact_matches_per_doc(
            [p.doc, p.start, p.end, p.label], [g.doc, g.start, g.end, g.label], n
        )
        return LayerCounts(per_doc)

    def statistics(self, sums: FloatArray) -> dict[str, FloatArray]:
        out = prf_statistics("characters", sums[:, _COL["chars_shared"]], sums[:, _COL["chars_predicted"]],
                             sums[:, _COL["chars_gold"]])
        docs = sums[:, _COL["doc_scored"]]
        for metric in ("precision", "recall", "f1"):
            total = sums[:, _COL[f"doc_{metric}"]]
            out[f"characters_per_document.{metric}"] = np.where(docs > 0, total / np.where(docs > 0, docs, 1.0), 1.0)
        out.update(prf_statistics("spans", sums[:, _COL["spans"]], sums[:, _COL["predicted"]], sums[:, _COL["gold"]]))
        out.update(prf_statistics("typed_spans", sums[:, _COL["typed_spans"]], sums[:, _COL["predicted"]],
                                  sums[:, _COL["gold"]]))
        return out

    def summarise(self, sums: FloatArray, totals: dict[str, FloatArray]) -> dict[str, Any]:
        stats = self.statistics(sums[None, :])
        return {
            "characters": PRF.of(sums[_COL["chars_shared"]], sums[_COL["chars_predicted"]],
                                 sums[_COL["chars_gold"]]).to_json(),
            "characters_per_document": {
                "precision": float(stats["characters_per_document.precision"][0]),
                "recall": float(stats["characters_per_document.recall"][0]),
                "f1": float(stats["characters_per_document.f1"][0]),
                "documents": int(sums[_COL["doc_scored"]]),
            },
            "spans": PRF.of(sums[_COL["spans"]], sums[_COL["predicted"]], sums[_COL["gold"]]).to_json(),
            "typed_spans": PRF.of(sums[_COL["typed_spans"]], sums[_COL["predicted"]], sums[_COL["gold"]]).to_json(),
        }
