"""Boilerplate scorer (numbers: tests/data/scoring/golden/boilerplate.json)."""

from __future__ import annotations

from scoring_helpers import INV, span_batch

from byline.scoring.boilerplate import BoilerplateScorer


def test_boilerplate_overlapping_predicted_spans_are_counted_once() -> None:
    scorer = BoilerplateScorer(INV)
    gold = span_batch("boilerplate", [[(0, 10, 0)]])
    pred = span_batch("boilerplate", [[(0, 6, 0), (4, 10, 0)]])
    summary = scorer.summarise(scorer.count(gold, pred).per_doc.sum(axis=0), {})
    assert summary["characters"]["f1"] == 1.0
    assert summary["spans"]["precision"] == 0.0
