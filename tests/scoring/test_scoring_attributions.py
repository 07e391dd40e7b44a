"""Attribution scorer: relation scores (numbers: tests/data/scoring/golden/attributions.json)."""

from __future__ import annotations

from scoring_helpers import INV, relation_batch

from byline.scoring.attributions import AttributionScorer, relation_pairs


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
