"""docs/leaderboard.md, the committed leaderboard of the shipped baselines, is current: it is
recomputed from the shipped data (build, run the baselines, score, rank) and compared."""

from __future__ import annotations

import difflib

from byline.leaderboard.published import DOCS_PAGE, UPDATE_COMMAND, expected_docs_page, shipped_agreement
from leaderboard_helpers import REPO


def test_the_committed_leaderboard_is_not_stale() -> None:
    path = REPO / DOCS_PAGE
    assert path.is_file(), f"{DOCS_PAGE} is missing: run `{UPDATE_COMMAND}`"
    committed = path.read_text(encoding="utf-8")
    expected = expected_docs_page(REPO)
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


def test_every_board_has_the_annotator_agreement_row_exactly_when_there_is_agreement_before_adjudication() -> None:
    # The row is the agreement *before adjudication* (annotator against annotator); shipped data
    # without independent double annotation has no such figure, and then no board shows the row.
    has_agreement = shipped_agreement(REPO) is not None
    text = (REPO / DOCS_PAGE).read_text("utf-8")
    boards = text.split("\n## The shipped baselines on the test split\n")[1].split("\n### ")[1:]
    assert len(boards) == 5
    for board in boards:
        assert ("\n| — | *annotator agreement* | — | " in board) == has_agreement, board.splitlines()[0]
    assert "model-based sessions" in text
