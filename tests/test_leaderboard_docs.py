"""docs/leaderboard.md, the committed leaderboard of the shipped baselines, is current: it is
recomputed from the shipped data (build, run the baselines, score, rank) and compared."""

from __future__ import annotations

import difflib

import pytest

from byline.leaderboard.published import DOCS_PAGE, UPDATE_COMMAND, SourceTextsMissing, expected_docs_page
from leaderboard_helpers import REPO


def test_the_committed_leaderboard_is_not_stale() -> None:
    path = REPO / DOCS_PAGE
    assert path.is_file(), f"{DOCS_PAGE} is missing: run `{UPDATE_COMMAND}`"
    committed = path.read_text(encoding="utf-8")
    try:
        expected = expected_docs_page(REPO)
    except SourceTextsMissing as exc:  # the page ranks the standoff documents too
        pytest.skip(f"the texts of the shipped standoff documents are absent, so the page cannot be recomputed: {exc}")
    if committed != expected:
        diff = "".join(list(difflib.unified_diff(
            committed.splitlines(keepends=True), expected.splitlines(keepends=True),
            fromfile=f"{DOCS_PAGE} (committed)", tofile=f"{DOCS_PAGE} (from the shipped data)",
        ))[:60])
        raise AssertionError(f"{DOCS_PAGE} is stale: run `{UPDATE_COMMAND}` and commit it.\n{diff}")


def test_the_page_opens_with_the_readme_section() -> None:
    text = expected_docs_page(REPO) if not (REPO / DOCS_PAGE).is_file() else (REPO / DOCS_PAGE).read_text("utf-8")
    assert text.startswith("# Leaderboard\n")
    assert "\n## Leaderboard\n" in text and "\n## The shipped baselines on the test split\n" in text
    assert "### Overall" in text


def test_every_board_of_the_page_has_the_annotator_agreement_row() -> None:
    text = (REPO / DOCS_PAGE).read_text("utf-8")
    ranked = text.split("\n## The shipped baselines on the test split\n")[1]
    # per origin, the agreement row is on the boards of the whole split (the last set of boards)
    level = "####" if "\n### " in ranked and "\n#### " in ranked else "###"
    boards = ranked.split(f"\n{level} ")[1:][-5:]
    assert len(boards) == 5
    for board in boards:
        assert "\n| — | *annotator agreement* | — | " in board, board.splitlines()[0]
    assert "model-based sessions" in text
