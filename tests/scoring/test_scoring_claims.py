"""Claims scorer: order independence, nested claims (numbers: tests/data/scoring/golden/claims.json)."""

from __future__ import annotations

import random

import numpy as np
from scoring_helpers import INV, span_batch

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
