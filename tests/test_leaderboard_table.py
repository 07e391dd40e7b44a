"""The leaderboard table: layer boards vs the overall board, ranks, groups, refusals — on
constructed result sets whose answers are known."""

from __future__ import annotations

import polars as pl
import pytest

from byline.errors import BylineError
from byline.inventory import LAYERS
from byline.leaderboard.significance import SignificanceSettings
from byline.leaderboard.table import BOARDS, OVERALL, TABLE_SCHEMA, build_leaderboard
from leaderboard_helpers import all_layers, noisy_counts, system

FAST = SignificanceSettings(trials=2000)


def test_identical_systems_share_a_group_and_a_rank_and_a_clearly_better_one_does_not() -> None:
    strong = system("strong", all_layers(0.9, seed=10))
    twin_a = system("twin-a", all_layers(0.5, seed=20))
    twin_b = system("twin-b", all_layers(0.5, seed=20))
    board = build_leaderboard([twin_a, strong, twin_b], FAST)
    for name in BOARDS:
        rows = board.board(name).to_dicts()
        assert [r["system"] for r in rows] == ["strong", "twin-a", "twin-b"]
        assert [r["rank"] for r in rows] == [1, 2, 2]
        assert [r["group"] for r in rows] == ["a", "b", "b"]


def test_table_has_the_documented_columns_and_one_row_per_board_and_system() -> None:
    board = build_leaderboard([system("one", all_layers(0.7)), system("two", all_layers(0.4, seed=3))], FAST)
    assert dict(board.table.schema) == TABLE_SCHEMA
    assert board.table.height == 2 * len(BOARDS)
    row = board.board("claims").row(0, named=True)
    assert row["metric"] == "soft.f1"
    assert row["ci_low"] <= row["score"] <= row["ci_high"]
    assert row["version"] == "1.0" and row["date"] == "2026-11-01" and len(row["predictions_sha256"]) == 64


def test_a_partial_system_is_on_its_layers_boards_only() -> None:
    full = system("full", all_layers(0.6))
    claims_only = system("claims-only", {"claims": noisy_counts("claims", 0.7, seed=4)})
    two = system("two-layers", {"entities": noisy_counts("entities", 0.2, seed=5),
                                "boilerplate": noisy_counts("boilerplate", 0.3, seed=6)})
    board = build_leaderboard([full, claims_only, two], FAST)
    on = {name: set(board.board(name)["system"].to_list()) for name in BOARDS}
    assert on[OVERALL] == {"full"}
    assert on["claims"] == {"full", "claims-only"}
    assert on["entities"] == on["boilerplate"] == {"full", "two-layers"}
    assert on["attributions"] == {"full"}
    assert board.partial == {"claims-only 1.0": ("claims",), "two-layers 1.0": ("entities", "boilerplate")}


def test_no_overall_board_when_nobody_does_all_four_layers() -> None:
    board = build_leaderboard([system("c", {"claims": noisy_counts("claims", 0.5)})], FAST)
    assert board.boards == ("claims",)
    assert board.board(OVERALL).height == 0


def test_overall_score_is_the_mean_of_the_four_primaries() -> None:
    result = system("s", all_layers(0.6))
    board = build_leaderboard([result], FAST)
    overall = board.board(OVERALL).row(0, named=True)
    assert overall["score"] == pytest.approx(sum(result.layers[name].primary for name in LAYERS) / 4)
    assert overall["ci_low"] is not None and overall["ci_low"] <= overall["score"] <= overall["ci_high"]
    assert overall["group"] == "a" and overall["rank"] == 1


def test_the_order_of_the_result_files_changes_nothing() -> None:
    systems = [system(f"s{i}", all_layers(0.45 + 0.03 * i, seed=i)) for i in range(4)]
    first = build_leaderboard(systems, FAST)
    second = build_leaderboard(list(reversed(systems)), FAST)
    assert first.table.equals(second.table)
    assert first.pairs.sort(["board", "system", "other"]).equals(second.pairs.sort(["board", "system", "other"]))


def test_pairs_are_holm_corrected_per_board() -> None:
    systems = [system(f"s{i}", {"claims": noisy_counts("claims", 0.5 + 0.02 * i, seed=i)}) for i in range(4)]
    pairs = build_leaderboard(systems, FAST).pairs
    assert pairs.height == 6
    assert (pairs["p_holm"] >= pairs["p_value"]).all()
    assert all(q <= FAST.alpha for q in pairs.filter(pl.col("significant"))["p_holm"])
    assert all(q > FAST.alpha for q in pairs.filter(~pl.col("significant"))["p_holm"])


def test_mixed_fingerprints_splits_and_scorer_versions_are_refused_naming_files_and_reasons() -> None:
    good = system("good", all_layers(0.5))
    other_gold = system("other-gold", all_layers(0.5), fingerprint="0" * 64)
    dev = system("dev", all_layers(0.5), split="dev")
    old = system("old", all_layers(0.5), scorer_version="0.9.0")
    with pytest.raises(BylineError) as caught:
        build_leaderboard([good, other_gold, dev, old], FAST)
    message = str(caught.value)
    assert "gold dataset fingerprint" in message and "other-gold.json" in message and "0" * 64 in message
    assert "split" in message and "dev in dev.json" in message
    assert "scorer version" in message and "0.9.0 in old.json" in message
    assert "not comparable" in message


def test_the_same_system_twice_is_refused() -> None:
    with pytest.raises(BylineError, match="appears in 2 result files"):
        build_leaderboard([system("same", all_layers(0.5)), system("same", all_layers(0.6))], FAST)


def test_no_result_files_is_a_usage_error() -> None:
    with pytest.raises(BylineError, match="no result files"):
        build_leaderboard([], FAST)
