"""Entities: the four SemEval-2013 (nervaluate) schemes, micro and macro, per label, and the
same again on the inventory's collapse to CoNLL types.

Each scheme matches predictions to gold entities one-to-one, optimally per document
(:mod:`byline.scoring.matching`), a pair being a candidate when the spans share a code point:

* **strict** — correct: same span and same type;
* **exact** — correct: same span, any type;
* **partial** — correct: same span; partial (half credit): overlapping span; type ignored;
* **type** — correct: overlapping span and same type.

A matched pair that is not correct is *incorrect*; unmatched gold is *missed*, unmatched
predictions *spurious*. Precision = (correct + ½ partial) / predicted, recall = (correct +
½ partial) / gold. Matching maximises the credit first and the number of matched pairs second.
Per label, as in nervaluate, gold and predictions are restricted to the label before matching
(so per label strict = exact). Macro = mean over labels with gold or predicted entities.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from byline.inventory import Inventory
from byline.scoring.counts import PRF, FloatArray, SemEvalCounts
from byline.scoring.layer import LayerCounts, column_index, macro_block, prf_statistics
from byline.scoring.matching import lexicographic, optimal_matching
from byline.scoring.overlap import overlap_pairs
from byline.scoring.tables import Batch, IntArray, SpanTable

SCHEMES = ("strict", "exact", "partial", "type")
COLUMNS = (
    "gold", "predicted",
    "strict_correct", "strict_incorrect",
    "exact_correct", "exact_incorrect",
    "partial_correct", "partial_partial",
    "type_correct", "type_incorrect",
)
LABEL_COLUMNS = ("gold", "predicted", "strict_correct", "partial_correct", "partial_partial", "type_correct")
_COL = column_index(COLUMNS)
_LABEL_COL = column_index(LABEL_COLUMNS)


def count_entities(gold: SpanTable, pred: SpanTable, n_docs: int, n_labels: int) -> tuple[FloatArray, FloatArray]:
    """Per-document counts (documents × COLUMNS) and per-label counts (labels × LABEL_COLUMNS)."""
    per_doc = np.zeros((n_docs, len(COLUMNS)))
    per_doc[:, _COL["gold"]] = gold.counts_per_doc(n_docs)
    per_doc[:, _COL["predicted"]] = pred.counts_per_doc(n_docs)
    per_label = np.zeros((n_labels, len(LABEL_COLUMNS)))
    per_label[:, _LABEL_COL["gold"]] = np.bincount(gold.label, minlength=n_labels)[:n_labels]
    per_label[:, _LABEL_COL["predicted"]] = np.bincount(pred.label, minlength=n_labels)[:n_labels]
    ia, ig, _ = overlap_pairs(pred.doc, pred.start, pred.end, gold.doc, gold.start, gold.end)
    if len(ia) == 0:
        return per_doc, per_label
    exact = (pred.start[ia] == gold.start[ig]) & (pred.end[ia] == gold.end[ig])
    same = pred.label[ia] == gold.label[ig]
    strict = exact & same
    one = np.ones(len(ia))
    bound = float(min(len(pred), len(gold)) + 1)
    weights = np.column_stack([
        lexicographic(strict.astype(float), one, bound=bound),
        lexicographic(exact.astype(float), one, bound=bound),
        1.0 + exact,
        lexicographic(same.astype(float), one, bound=bound),
    ])
    matched = optimal_matching(len(pred), len(gold), ia, ig, weights)
    doc = pred.doc[ia]

    def add(column: str, mask: IntArray | np.ndarray[Any, np.dtype[np.bool_]]) -> None:
        per_doc[:, _COL[column]] = np.bincount(doc[mask], minlength=n_docs)

    for k, (scheme, good) in enumerate(zip(SCHEMES, (strict, exact, exact, same), strict=True)):
        add(f"{scheme}_correct", matched[:, k] & good)
        add("partial_partial" if scheme == "partial" else f"{scheme}_incorrect", matched[:, k] & ~good)

    sub = np.flatnonzero(same)  # per label: only pairs of the same label are candidates
    if len(sub):
        s_exact = exact[sub]
        s_one = np.ones(len(sub))
        s_weights = np.column_stack([lexicographic(s_exact.astype(float), s_one, bound=bound), 1.0 + s_exact, s_one])
        s_matched = optimal_matching(len(pred), len(gold), ia[sub], ig[sub], s_weights)
        label = gold.label[ig[sub]]

        def add_label(column: str, mask: np.ndarray[Any, np.dtype[np.bool_]]) -> None:
            per_label[:, _LABEL_COL[column]] = np.bincount(label[mask], minlength=n_labels)[:n_labels]

        add_label("strict_correct", s_matched[:, 0] & s_exact)
        add_label("partial_correct", s_matched[:, 1] & s_exact)
        add_label("partial_partial", s_matched[:, 1] & ~s_exact)
        add_label("type_correct", s_matched[:, 2])
    return per_doc, per_label


def semeval(row: FloatArray, scheme: str) -> SemEvalCounts:
    """The SemEval categories of one scheme from a summed COLUMNS row."""
    gold, predicted = int(row[_COL["gold"]]), int(row[_COL["predicted"]])
    correct = int(row[_COL[f"{scheme}_correct"]])
    partial = int(row[_COL["partial_partial"]]) if scheme == "partial" else 0
    incorrect = 0 if scheme == "partial" else int(row[_COL[f"{scheme}_incorrect"]])
    matched = correct + incorrect + partial
    return SemEvalCounts(correct, incorrect, partial, gold - matched, predicted - matched)


def _label_prf(row: FloatArray, scheme: str) -> PRF:
    gold, predicted = row[_LABEL_COL["gold"]], row[_LABEL_COL["predicted"]]
    if scheme in ("strict", "exact"):
        credit = row[_LABEL_COL["strict_correct"]]
    elif scheme == "partial":
        credit = row[_LABEL_COL["partial_correct"]] + 0.5 * row[_LABEL_COL["partial_partial"]]
    else:
        credit = row[_LABEL_COL["type_correct"]]
    return PRF.of(credit, predicted, gold)


def _view(row: FloatArray, per_label: FloatArray, labels: tuple[str, ...]) -> dict[str, Any]:
    used = [i for i in range(len(labels)) if per_label[i, 0] or per_label[i, 1]]
    per_label_json = {
        labels[i]: {
            "gold": int(per_label[i, _LABEL_COL["gold"]]),
            "predicted": int(per_label[i, _LABEL_COL["predicted"]]),
            **{scheme: _label_prf(per_label[i], scheme).to_json() for scheme in SCHEMES},
        }
        for i in used
    }
    return {
        "schemes": {scheme: semeval(row, scheme).to_json() for scheme in SCHEMES},
        "macro": {
            scheme: macro_block([_label_prf(per_label[i], scheme).to_json() for i in range(len(labels))])
            for scheme in SCHEMES
        },
        "per_label": per_label_json,
    }


class EntityScorer:
    """The entities layer. Primary metric: strict micro F1."""

    name = "entities"
    columns: tuple[str, ...] = COLUMNS
    primary_metric = "schemes.strict.f1"

    def __init__(self, inventory: Inventory) -> None:
        self.labels = inventory.entity_types
        self.collapse_name = inventory.collapse_name
        self.collapse_labels = inventory.collapse_labels
        conll = inventory.conll_map()
        self.collapse = np.array(
            [self.collapse_labels.index(c) if (c := conll[label]) is not None else -1 for label in self.labels],
            dtype=np.int64,
        )

    def count(self, gold: Batch, pred: Batch) -> LayerCounts:
        per_doc, per_label = count_entities(gold.entities, pred.entities, gold.n_docs, len(self.labels))
        c_gold = gold.entities.relabel(self.collapse)
        c_pred = pred.entities.relabel(self.collapse)
        c_doc, c_label = count_entities(c_gold, c_pred, gold.n_docs, len(self.collapse_labels))
        return LayerCounts(
            per_doc, {"per_label": per_label, "collapsed": c_doc.sum(axis=0), "collapsed_per_label": c_label}
        )

    def statistics(self, sums: FloatArray) -> dict[str, FloatArray]:
        out: dict[str, FloatArray] = {}
        gold, predicted = sums[:, _COL["gold"]], sums[:, _COL["predicted"]]
        for scheme in SCHEMES:
            credit = sums[:, _COL[f"{scheme}_correct"]]
            if scheme == "partial":
                credit = credit + 0.5 * sums[:, _COL["partial_partial"]]
            out.update(prf_statistics(f"schemes.{scheme}", credit, predicted, gold))
        return out

    def summarise(self, sums: FloatArray, totals: dict[str, FloatArray]) -> dict[str, Any]:
        n_labels = len(self.labels)
        per_label = totals.get("per_label", np.zeros((n_labels, len(LABEL_COLUMNS))))
        summary = _view(sums, per_label, self.labels)
        c_row = totals.get("collapsed", np.zeros(len(COLUMNS)))
        c_label = totals.get("collapsed_per_label", np.zeros((len(self.collapse_labels), len(LABEL_COLUMNS))))
        summary["collapsed"] = {"name": self.collapse_name, **_view(c_row, c_label, self.collapse_labels)}
        return summary
