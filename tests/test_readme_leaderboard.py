"""The README's copy of the overall board agrees with docs/leaderboard.md (which
tests/test_leaderboard_docs.py keeps fresh)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _overall_rows(markdown: str) -> dict[str, tuple[str, str]]:
    section = markdown.split("### Overall", 1)[1].split("###", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.fullmatch(r"\d\.\d{3}", cells[3]):
            rows[cells[1].strip("*`")] = (cells[3], cells[4])
    return rows


def test_readme_overall_board_matches_the_docs_page() -> None:
    docs = _overall_rows((ROOT / "docs" / "leaderboard.md").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Leaderboard", 1)[1].split("\n## ", 1)[0]
    assert docs, "no overall board in docs/leaderboard.md"
    for system, (score, interval) in docs.items():
        line = next((x for x in readme.splitlines() if system in x), None)
        assert line is not None, f"{system} missing from the README's leaderboard"
        assert score in line and interval in line, f"README row of {system} is stale: expected {score} {interval}"
