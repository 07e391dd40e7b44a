"""The 'annotator agreement' reference row: on every board it covers, with the agreement's score
and interval, placed by score, without rank or group, outside the significance tests; agreement
files of another kind, schema or metric refused in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from byline.errors import BylineError, UsageError
from byline.inventory import LAYERS
from byline.leaderboard.reference import REFERENCE_NAME, parse_agreement, read_agreement
from byline.leaderboard.significance import SignificanceSettings
from byline.leaderboard.table import BOARDS, OVERALL, OVERALL_METRIC, build_leaderboard
from leaderboard_helpers import agreement_record, all_layers, noisy_counts, system

FAST = SignificanceSettings(trials=1000)
SCORES = {"entities": 0.62, "claims": 0.95, "attributions": 0.2, "boilerplate": 0.71}


@pytest.fixture(scope="module")
def systems() -> list[Any]:
    return [system("strong", all_layers(0.85, seed=1)), system("weak", all_layers(0.4, seed=2)),
            system("claims-only", {"claims": noisy_counts("claims", 0.6, seed=3)})]


def test_the_row_is_on_every_board_with_the_agreements_score_and_no_rank_or_group(systems: list[Any]) -> None:
    record = agreement_record(SCORES)
    board = build_leaderboard(systems, FAST, parse_agreement(record, "agreement.json"))
    for name in BOARDS:
        rows = board.board(name)
        reference = rows.filter(pl.col("reference")).to_dicts()
        assert len(reference) == 1, name
        row = reference[0]
        expected = record["overall"] if name == OVERALL else SCORES[name]
        interval = record["overall_ci95"] if name == OVERALL else record["layers"][name]["symmetric_ci95"]
        assert row["system"] == REFERENCE_NAME
        assert row["score"] == pytest.approx(expected)
        assert [row["ci_low"], row["ci_high"]] == pytest.approx(interval)
        assert row["rank"] is None and row["group"] is None and row["predictions_sha256"] is None
        assert row["metric"] == (OVERALL_METRIC if name == OVERALL else record["layers"][name]["primary_metric"])
        # placed by score among the systems, which are ranked as if it were not there
        scores = rows["score"].to_list()
        assert scores == sorted(scores, reverse=True)
        assert rows.filter(~pl.col("reference"))["rank"].to_list() == list(range(1, rows.height))


def test_the_row_changes_no_system_row_and_no_test(systems: list[Any]) -> None:
    plain = build_leaderboard(systems, FAST)
    with_row = build_leaderboard(systems, FAST, parse_agreement(agreement_record(SCORES), "agreement.json"))
    assert with_row.table.filter(~pl.col("reference")).equals(plain.table)
    assert with_row.pairs.equals(plain.pairs)
    assert REFERENCE_NAME not in set(with_row.pairs["system"].to_list()) | set(with_row.pairs["other"].to_list())


def test_placement_by_score() -> None:
    systems = [system("strong", all_layers(0.85, seed=1)), system("weak", all_layers(0.4, seed=2))]
    board = build_leaderboard(systems, FAST, parse_agreement(agreement_record(
        {"entities": 0.99, "claims": 0.6, "attributions": 0.01, "boilerplate": 0.6}), "a.json"))
    assert board.board("entities")["system"].to_list() == [REFERENCE_NAME, "strong", "weak"]
    assert board.board("claims")["system"].to_list() == ["strong", REFERENCE_NAME, "weak"]
    assert board.board("attributions")["system"].to_list() == ["strong", "weak", REFERENCE_NAME]


def test_a_partial_agreement_is_only_on_its_layers_and_not_overall(systems: list[Any]) -> None:
    record = agreement_record({"claims": 0.9, "boilerplate": 0.8})
    board = build_leaderboard(systems, FAST, parse_agreement(record, "agreement.json"))
    on = {name: REFERENCE_NAME in board.board(name)["system"].to_list() for name in BOARDS}
    assert on == {"entities": False, "claims": True, "attributions": False, "boilerplate": True, OVERALL: False}


def test_a_mismatched_primary_metric_is_refused_in_one_line(systems: list[Any]) -> None:
    record = agreement_record(SCORES, metrics={"claims": "exact.f1"})
    with pytest.raises(BylineError) as caught:
        build_leaderboard(systems, FAST, parse_agreement(record, "agreement.json"))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("agreement.json: refused")
    assert "claims" in message and "'exact.f1'" in message and "'soft.f1'" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"kind": "system-result"}, '$.kind: found "system-result"; expected "human-agreement"'),
        ({"schema_version": "2.0.0"}, '$.schema_version: found "2.0.0"; expected 1.x'),
        ({"schema_version": None}, "$.schema_version: found null"),
        ({"layers": {"sentiment": {}}}, "unknown layer(s) sentiment"),
        ({"layers": {"claims": {"primary_metric": "soft.f1"}}}, "$.layers.claims: expected a primary_metric"),
    ],
)
def test_unknown_kinds_schemas_and_shapes_are_refused_in_one_line(change: dict[str, Any], expected: str) -> None:
    record = {**agreement_record(SCORES), **change}
    with pytest.raises(BylineError) as caught:
        parse_agreement(record, "agreement.json")
    assert str(caught.value).startswith("agreement.json: refused as an agreement file: ")
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_a_schema_1_0_file_shows_the_forward_interval_only_where_both_directions_agree() -> None:
    record = agreement_record(SCORES, schema_version="1.0.0")
    del record["overall_ci95"]
    for block in record["layers"].values():
        del block["symmetric_ci95"]
    record["layers"]["claims"]["backward"] = 0.9  # the forward interval is not the symmetric score's
    reference = parse_agreement(record, "old.json")
    assert reference.layers["entities"].ci95 == pytest.approx(tuple(record["layers"]["entities"]["forward_ci95"]))
    assert reference.layers["claims"].ci95 is None
    assert reference.overall == pytest.approx(record["overall"]) and reference.overall_ci95 is None


def test_read_agreement_reads_the_file_and_refuses_what_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "agreement.json"
    path.write_text(json.dumps(agreement_record(SCORES)), encoding="utf-8")
    reference = read_agreement(path)
    assert list(reference.layers) == list(LAYERS) and reference.pairs == 8 and len(reference.document_ids) == 8
    with pytest.raises(UsageError, match="no such agreement file"):
        read_agreement(tmp_path / "absent.json")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(BylineError, match="refused as an agreement file: not JSON"):
        read_agreement(path)


def test_the_file_byline_agreement_writes_is_accepted(tmp_path: Path) -> None:
    from byline.agreement import measure_agreement, write_agreement

    export = Path(__file__).parent / "data" / "ls_exports" / "two-annotators.json"
    agreement = measure_agreement([export])
    write_agreement(agreement, tmp_path / "agreement.json")
    reference = read_agreement(tmp_path / "agreement.json")
    assert reference.overall == pytest.approx(agreement.overall)
    for name, layer in agreement.layers.items():
        assert reference.layers[name].score == pytest.approx(layer.symmetric)
        assert reference.layers[name].ci95 == layer.symmetric_ci95
