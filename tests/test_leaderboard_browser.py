"""The leaderboard's HTML page opened from disk in headless Chromium (Debian's ``chromium``):
its tables and charts render (the annotator-agreement reference row included, unranked), and it
asks the network for nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from byline.leaderboard.html import LABEL_WIDTH, RIGHT_MARGIN, WIDTH
from byline.leaderboard.reference import REFERENCE_NAME, parse_agreement
from byline.leaderboard.render import write_leaderboard
from byline.leaderboard.significance import SignificanceSettings
from byline.leaderboard.table import BOARDS, build_leaderboard
from leaderboard_helpers import agreement_record, all_layers, noisy_counts, system

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip


def _sync_api() -> Any:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


def test_the_page_renders_a_table_and_a_chart_per_board_offline(tmp_path: Path) -> None:
    sync_api = _sync_api()
    leaderboard = build_leaderboard([
        system("strong", all_layers(0.85, seed=1)),
        system("middle", all_layers(0.55, seed=2)),
        system("claims-only", {"claims": noisy_counts("claims", 0.6, seed=3)}),
    ], SignificanceSettings(trials=1000), parse_agreement(agreement_record(
        {"entities": 0.7, "claims": 0.95, "attributions": 0.6, "boilerplate": 0.3}), "agreement.json"))
    page_path = write_leaderboard(leaderboard, tmp_path / "leaderboard")["html"]
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_path.resolve().as_uri())
            page.screenshot(path=str(tmp_path / "leaderboard.png"), full_page=True)
            sections = page.locator("section.board")
            assert sections.count() == len(BOARDS)
            for board in BOARDS:
                expected = leaderboard.board(board)
                section = page.locator(f"section#board-{board}")
                assert section.locator("h2").is_visible()
                rows = section.locator("table.board-table tbody tr")
                assert rows.count() == expected.height
                assert rows.first.locator("td.score").inner_text() == f"{expected['score'][0]:.3f}"
                chart = section.locator("svg.chart")
                assert chart.is_visible()
                box = chart.bounding_box()
                assert box is not None and box["width"] > 300 and box["height"] > 40
                marks = chart.locator("g.system")
                assert marks.count() == expected.height
                for i in range(expected.height):
                    mark = marks.nth(i)
                    assert mark.get_attribute("data-system") == expected["system"][i]
                    dot = mark.locator("circle.score")
                    assert dot.is_visible()
                    cx = float(dot.get_attribute("cx") or "nan")
                    plot = WIDTH - LABEL_WIDTH - RIGHT_MARGIN
                    assert cx == pytest.approx(LABEL_WIDTH + expected["score"][i] * plot, abs=0.06)
                    whisker = mark.locator("line.interval").first
                    low = float(whisker.get_attribute("x1") or "nan")
                    high = float(whisker.get_attribute("x2") or "nan")
                    assert low <= cx + 0.1 and cx - 0.1 <= high
                    is_reference = expected["reference"][i]
                    assert (mark.get_attribute("data-reference") == "true") == is_reference
                    label = mark.locator("text.label").text_content() or ""
                    assert label == REFERENCE_NAME if is_reference else label.startswith(f"{expected['rank'][i]}. ")
                reference = section.locator("table.board-table tbody tr.reference")
                assert reference.count() == 1 and reference.is_visible()
                cells = reference.locator("td")
                assert cells.nth(0).inner_text() == "—" and cells.nth(5).inner_text() == "—"  # rank, group
                assert cells.nth(1).inner_text() == REFERENCE_NAME
            overall_note = page.locator("section#board-overall p.note").inner_text()
            assert "claims-only" in overall_note
            notes = page.locator("ul.notes").inner_text()
            assert "Annotator agreement is a reference row" in notes and "model-based sessions" in notes
        finally:
            browser.close()
    assert (tmp_path / "leaderboard.png").stat().st_size > 10_000
    assert requests and all(url.startswith("file://") for url in requests), requests
