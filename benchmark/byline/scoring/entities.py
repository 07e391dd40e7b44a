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

from dataclasses import dataclass
from typing import Any

import numpy as np

from byline.inventory import Inventory
from byline.scoring.counts import PRF, FloatArray, SemEvalCounts
from byline.scoring.layer import LayerCounts, column_index, macro_block, prf_statistics
from byline.scoring.matching import BoolArray, lexicographic, optimal_matching
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


@dataclass(frozen=True)
class EntityCounts:
    """Counts of one batch for the inventory's types — per document (documents × COLUMNS) and
    per label (labels × LABEL_COLUMNS) — and for their collapse: totals (COLUMNS) and per label."""

    per_doc: FloatArray
    per_label: FloatArray
    collapsed: FloatArray
    collapsed_per_label: FloatArray


def _weights(exact: BoolArray, same: BoolArray, candidate: BoolArray, bound: float) -> list[FloatArray]:
    """Matching weights of one view: strict, exact, partial, type over all candidate pairs, then
    strict (= exact), partial, type over the same-label pairs (the per-label evaluation)."""
    one = candidate.astype(float)
    only_same = (candidate & same).astype(float)
    return [
        lexicographic((exact & same).astype(float), one, bound=bound) * one,
        lexicographic(exact.astype(float), one, bound=bound) * one,
        (1.0 + exact) * one,
        lexicographic(same.astype(float), one, bound=bound) * one,
        lexicographic(exact.astype(float), only_same, bound=bound) * only_same,
        (1.0 + exact) * only_same,
        only_same,
    ]


def _fill(matched: BoolArray, exact: BoolArray, same: BoolArray, doc: IntArray | None, label: IntArray,
          per_doc: FloatArray, per_label: FloatArray) -> None:
    """Counts of one view from its seven matched columns: per document (``doc`` of each pair),
    or in total into the one row of ``per_doc`` when ``doc`` is None; and per label."""
    n_docs, n_labels = per_doc.shape[0], per_label.shape[0]

    def count(mask: BoolArray) -> IntArray | int:
        if doc is None:
            return int(np.count_nonzero(mask))
        counts: IntArray = np.bincount(doc[mask], minlength=n_docs).astype(np.int64)
        return counts

    for k, (scheme, good) in enumerate(zip(SCHEMES, (exact & same, exact, exact, same), strict=True)):
        wrong = "partial_partial" if scheme == "partial" else f"{scheme}_incorrect"
        per_doc[:, _COL[f"{scheme}_correct"]] = count(matched[:, k] & good)
        per_doc[:, _COL[wrong]] = count(matched[:, k] & ~good)
    anything = np.ones(len(exact), dtype=bool)
    for column, k, good in (("strict_correct", 4, exact), ("partial_correct", 5, exact),
                            ("partial_partial", 5, ~exact), ("type_correct", 6, anything)):
        chosen = matched[:, k] & good
        per_label[:, _LABEL_COL[column]] = np.bincount(label[chosen], minlength=n_labels)[:n_labels]


def count_entities(
    gold: SpanTable, pred: SpanTable, n_docs: int, n_labels: int,
    collapse: IntArray | None = None, n_collapsed: int = 0,
) -> EntityCounts:
    """Counts of both views in one matching pass; ``collapse`` maps type codes to collapsed
    codes (-1: dropped)."""
    if collapse is None:
        collapse = np.full(max(n_labels, 1), -1, dtype=np.int64)
    views = []
    for view_labels, labels_p, labels_g in (
        (n_labels, pred.label, gold.label),
        (n_collapsed, collapse[pred.label] if len(pred) else pred.label,
         collapse[gold.label] if len(gold) else gold.label),
    ):
        per_doc = np.zeros((n_docs, len(COLUMNS)))
        kept_g, kept_p = labels_g >= 0, labels_p >= 0
        per_doc[:, _COL["gold"]] = np.bincount(gold.doc[kept_g], minlength=n_docs)
        per_doc[:, _COL["predicted"]] = np.bincount(pred.doc[kept_p], minlength=n_docs)
        per_label = np.zeros((view_labels, len(LABEL_COLUMNS)))
        per_label[:, _LABEL_COL["gold"]] = np.bincount(labels_g[kept_g], minlength=view_labels)[:view_labels]
        per_label[:, _LABEL_COL["predicted"]] = np.bincount(labels_p[kept_p], minlength=view_labels)[:view_labels]
        views.append((per_doc, per_label, labels_p, labels_g))
    ia, ig, _ = overlap_pairs(pred.doc, pred.start, pred.end, gold.doc, gold.start, gold.end)
    if len(ia):
        exact = (pred.start[ia] == gold.start[ig]) & (pred.end[ia] == gold.end[ig])
        bound = float(min(len(pred), len(gold)) + 1)
        flags = []
        weights: list[FloatArray] = []
        for _, _, labels_p, labels_g in views:
            lp, lg = labels_p[ia], labels_g[ig]
            candidate = (lp >= 0) & (lg >= 0)
            same = candidate & (lp == lg)
            flags.append((same, lg))
            weights += _weights(exact, same, candidate, bound)
        matched = optimal_matching(len(pred), len(gold), ia, ig, weights)
        doc = pred.doc[ia]
        main, collapsed = views
        _fill(matched[:, :7], exact, flags[0][0], doc, flags[0][1], main[0], main[1])
        # The collapsed view is only reported in total.
        total = np.zeros((1, len(COLUMNS)))
        _fill(matched[:, 7:], exact, flags[1][0], None, np.maximum(flags[1][1], 0), total, collapsed[1])
        collapsed[0][:, 2:] = 0.0
        collapsed[0][0, 2:] = total[0, 2:]
    main, collapsed = views
    return EntityCounts(main[0], main[1], collapsed[0].sum(axis=0), collapsed[1])


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
        counts = count_entities(gold.entities, pred.entities, gold.n_docs, len(self.labels),
                                self.collapse, len(self.collapse_labels))
        return LayerCounts(counts.per_doc, {
            "per_label": counts.per_label,
            "collapsed": counts.collapsed,
            "collapsed_per_label": counts.collapsed_per_label,
        })

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
