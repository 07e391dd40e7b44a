"""Markdown, CSV, JSON and the self-contained HTML page of a leaderboard."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import polars as pl
import pytest

from byline.leaderboard.html import to_html
from byline.leaderboard.reference import REFERENCE_NAME, parse_agreement
from byline.leaderboard.render import FILES, to_csv, to_json, to_markdown, write_leaderboard
from byline.leaderboard.significance import SignificanceSettings
from byline.leaderboard.table import BOARDS, Leaderboard, build_leaderboard
from leaderboard_helpers import agreement_record, all_layers, noisy_counts, system

AGREEMENT = {"entities": 0.91, "claims": 0.45, "attributions": 0.88, "boilerplate": 0.97}


@pytest.fixture(scope="module")
def leaderboard() -> Leaderboard:
    return build_leaderboard([
        system("strong", all_layers(0.85, seed=1), url="https://example.org/strong"),
        system("weak <b>&", all_layers(0.4, seed=2), version=None),
        system("claims-only", {"claims": noisy_counts("claims", 0.6, seed=3)}),
    ], SignificanceSettings(trials=1000))


@pytest.fixture(scope="module")
def with_agreement() -> Leaderboard:
    record = agreement_record(AGREEMENT, documents=6)
    record["pairs"][-1]["doc_id"] = "not-in-the-split"
    return build_leaderboard([
        system("strong", all_layers(0.85, seed=1), url="https://example.org/strong"),
        system("weak <b>&", all_layers(0.4, seed=2), version=None),
        system("claims-only", {"claims": noisy_counts("claims", 0.6, seed=3)}),
    ], SignificanceSettings(trials=1000), parse_agreement(record, "agreement.json"))


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


def _board_lines(text: str, title: str) -> list[str]:
    return [line for line in text.split(f"### {title}")[1].split("###")[0].splitlines() if line.startswith("| ")]


def test_markdown_shows_the_reference_row_on_every_board_and_the_note(with_agreement: Leaderboard) -> None:
    text = to_markdown(with_agreement)
    overall = sum(AGREEMENT.values()) / 4
    expected = {"Overall": overall, **{title: AGREEMENT[name] for name, title in
                                       (("entities", "Entities"), ("claims", "Claims"),
                                        ("attributions", "Attributions"), ("boilerplate", "Boilerplate"))}}
    for title, score in expected.items():
        rows = [line for line in _board_lines(text, title) if REFERENCE_NAME in line]
        assert rows == [f"| — | *{REFERENCE_NAME}* | — | {score:.3f} | [{score - 0.03:.3f}, {score + 0.03:.3f}] "
                        "| — | — | — |"], title
    claims = _board_lines(text, "Claims")[1:]
    assert [line.split(" | ")[0] for line in claims] == ["| 1", "| 2", "| —", "| 3"]  # placed by score, unranked
    notes = text.split("\n- ")[1]
    assert notes.startswith(f"*{REFERENCE_NAME.capitalize()}* is a reference row, not a system")
    assert "model-based sessions" in notes and "same guidelines" in notes and "human" in notes
    assert "over 6 documents with two annotations, 5 of them in the test split" in notes


def test_no_reference_row_and_no_note_without_an_agreement(leaderboard: Leaderboard) -> None:
    text = to_markdown(leaderboard)
    assert REFERENCE_NAME not in text and "reference row" not in text
    assert json.loads(to_json(leaderboard))["reference"] is None


def test_csv_and_json_mark_the_reference_rows(with_agreement: Leaderboard) -> None:
    frame = pl.read_csv(io.StringIO(to_csv(with_agreement)), schema_overrides={"version": pl.String})
    assert frame.filter(pl.col("reference"))["system"].to_list() == [REFERENCE_NAME] * len(BOARDS)
    assert frame.filter(pl.col("reference"))["rank"].null_count() == len(BOARDS)
    record = json.loads(to_json(with_agreement))
    for board, rows in record["boards"].items():
        (row,) = [row for row in rows if row["reference"]]
        assert row["rank"] is None and row["group"] is None, board
    assert record["reference"]["name"] == REFERENCE_NAME and record["reference"]["pairs"] == 6
    assert len(record["reference"]["documents_in_split"]) == 5
    assert "model-based sessions" in record["reference"]["annotators"]
    assert all(REFERENCE_NAME not in (pair["system"], pair["other"]) for pair in record["pairs"])


def test_html_marks_the_reference_row_in_every_table_and_chart(with_agreement: Leaderboard) -> None:
    page = to_html(with_agreement)
    assert page.count('<tr data-system="annotator agreement" class="reference" data-reference="true">'
                      '<td class=num>—</td>') == len(BOARDS)
    assert page.count('<g class="system reference" data-system="annotator agreement"') == len(BOARDS)
    claims = page.split('id="board-claims"')[1].split("</section>")[0]
    assert f'<td class="num score">{AGREEMENT["claims"]:.3f}</td><td class=num>' in claims
    assert re.search(r'<tr data-system="annotator agreement"[^>]*>.*?<td class=group>—</td>', claims)
    labels = re.findall(r'<text class="label"[^>]*>([^<]*)</text>', claims)
    assert labels == ["1. strong 1.0", "2. claims-only 1.0", REFERENCE_NAME, "3. weak &lt;b&gt;&amp;"]
    notes = page.split('<ul class="notes">')[1]
    assert "Annotator agreement is a reference row" in notes and "model-based sessions" in notes
