"""Markdown, CSV, JSON and the self-contained HTML page of a leaderboard."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import polars as pl
import pytest

from byline.leaderboard.html import to_html
from byline.leaderboard.render import FILES, to_csv, to_json, to_markdown, write_leaderboard
from byline.leaderboard.significance import SignificanceSettings
from byline.leaderboard.table import BOARDS, Leaderboard, build_leaderboard
from leaderboard_helpers import all_layers, noisy_counts, system


@pytest.fixture(scope="module")
def leaderboard() -> Leaderboard:
    return build_leaderboard([
        system("strong", all_layers(0.85, seed=1), url="https://example.org/strong"),
        system("weak <b>&", all_layers(0.4, seed=2), version=None),
        system("claims-only", {"claims": noisy_counts("claims", 0.6, seed=3)}),
    ], SignificanceSettings(trials=1000))


def test_markdown_has_every_board_overall_first_with_its_notes(leaderboard: Leaderboard) -> None:
    text = to_markdown(leaderboard)
    headings = re.findall(r"^### (\w+)", text, flags=re.M)
    assert headings == ["Overall", "Entities", "Claims", "Attributions", "Boilerplate"]
    assert "| 1 | [strong](https://example.org/strong) | 1.0 |" in text
    assert "left off (layers they predict): claims-only 1.0 (claims)" in text
    assert "share a letter" in text and "Holm" in text and leaderboard.settings.signature in text
    assert f"`{leaderboard.fingerprint}`" in text
    claims_rows = [line for line in text.split("### Claims")[1].split("###")[0].splitlines() if line.startswith("| ")]
    assert len(claims_rows) == 1 + 3  # header + three systems
    sha = leaderboard.board("claims")["predictions_sha256"][0]
    assert f"`{sha}`" in text


def test_csv_round_trips_the_table(leaderboard: Leaderboard) -> None:
    frame = pl.read_csv(io.StringIO(to_csv(leaderboard)), schema_overrides={"version": pl.String})
    assert frame.height == leaderboard.table.height
    assert frame["system"].to_list() == leaderboard.table["system"].to_list()
    assert frame["score"].to_list() == pytest.approx(leaderboard.table["score"].to_list())


def test_json_records_boards_pairs_and_settings(leaderboard: Leaderboard) -> None:
    record = json.loads(to_json(leaderboard))
    assert list(record["boards"]) == list(BOARDS)
    assert record["significance"]["trials"] == 1000 and record["significance"]["correction"] == "holm"
    assert record["left_off_overall"] == {"claims-only 1.0": ["claims"]}
    assert {row["system"] for row in record["boards"]["claims"]} == {"strong", "weak <b>&", "claims-only"}
    assert len(record["pairs"]) == 4 * 1 + 3  # one pair on each full-system board, three on claims


def test_html_is_self_contained_and_escaped(leaderboard: Leaderboard) -> None:
    page = to_html(leaderboard)
    for banned in ("<script", "<link", "src=", "@import", "url(", "<iframe", "<img"):
        assert banned not in page.lower()
    external = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert external <= {"http://www.w3.org/2000/svg", "https://example.org/strong"}  # a namespace and a link
    assert "weak &lt;b&gt;&amp;" in page and "weak <b>&" not in page
    assert page.count('<svg class="chart"') == len(BOARDS)
    assert page.count('<table class="board-table"') == len(BOARDS)


def test_write_leaderboard_writes_all_four_files(leaderboard: Leaderboard, tmp_path: Path) -> None:
    written = write_leaderboard(leaderboard, tmp_path / "out")
    assert {path.name for path in written.values()} == set(FILES.values())
    assert written["markdown"].read_text(encoding="utf-8") == to_markdown(leaderboard)
    assert written["html"].read_text(encoding="utf-8") == to_html(leaderboard)
