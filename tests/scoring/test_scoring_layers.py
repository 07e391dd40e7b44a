"""Claims, attributions and boilerplate scorers: order invariance and edge cases beyond the golden files."""

from __future__ import annotations

import random

import numpy as np
from scoring_helpers import INV, relation_batch, span_batch

from byline.scoring.attributions import AttributionScorer, relation_pairs
from byline.scoring.boilerplate import BoilerplateScorer
from byline.scoring.claims import ClaimScorer


def test_claims_soft_matching_is_order_independent() -> None:
    rng = random.Random(2)
    gold_items = [(s, s + rng.randrange(5, 30), -1, rng.randrange(2)) for s in range(0, 300, 25)]
    pred_items = [(s, s + rng.randrange(3, 40), -1, rng.randrange(2)) for s in range(3, 300, 17)]
    scorer = ClaimScorer(INV)
    gold = span_batch("claims", [gold_items])
    base = scorer.count(gold, span_batch("claims", [pred_items])).per_doc
    for _ in range(5):
        rng.shuffle(pred_items)
        assert np.array_equal(base, scorer.count(gold, span_batch("claims", [pred_items])).per_doc)


def test_nested_and_overlapping_claims() -> None:
    scorer = ClaimScorer(INV)
    gold = span_batch("claims", [[(0, 100), (10, 20)]])
    pred = span_batch("claims", [[(10, 20), (0, 100)]])
    summary = scorer.summarise(scorer.count(gold, pred).per_doc.sum(axis=0), {})
    assert summary["exact"]["f1"] == 1.0 and summary["soft"]["f1"] == 1.0


def test_relation_soft_score_counts_only_roles_present() -> None:
    gold = relation_batch([[{"contents": [(0, 10)]}]]).attributions
    pred = relation_batch([[{"contents": [(0, 10)], "cue": (20, 24)}]]).attributions
    _, _, weights = relation_pairs(pred, gold)
    # content Dice 1, cue present on one side only: 0; no sources on either side: left out.
    assert weights.tolist() == [[0.0, 1.0, 0.5]]


def test_split_content_matches_as_one_set_of_code_points() -> None:
    gold = relation_batch([[{"contents": [(0, 10), (20, 30)], "sources": [(40, 45)]}]]).attributions
    pred = relation_batch([[{"contents": [(20, 30), (0, 10)], "sources": [(40, 45)]}]]).attributions
    _, _, weights = relation_pairs(pred, gold)
    assert weights.tolist() == [[1.0, 1.0, 1.0]]


def test_attributions_with_nothing_on_either_side() -> None:
    scorer = AttributionScorer(INV)
    empty = relation_batch([[], []])
    counts = scorer.count(empty, empty)
    summary = scorer.summarise(counts.per_doc.sum(axis=0), {})
    assert summary["relations"]["soft"]["f1"] == 1.0
    assert all(block["accuracy"] is None for block in summary["attributes"].values())


def test_boilerplate_overlapping_predicted_spans_are_counted_once() -> None:
    scorer = BoilerplateScorer(INV)
    gold = span_batch("boilerplate", [[(0, 10, 0)]])
    pred = span_batch("boilerplate", [[(0, 6, 0), (4, 10, 0)]])
    summary = scorer.summarise(scorer.count(gold, pred).per_doc.sum(axis=0), {})
    assert summary["characters"]["f1"] == 1.0
    assert summary["spans"]["precision"] == 0.0
