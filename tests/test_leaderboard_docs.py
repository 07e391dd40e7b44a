"""docs/leaderboard.md, the committed leaderboard of the shipped baselines and the field's
systems, is current: it is recomputed from the shipped data (build, run the baselines and the
systems, score, rank) and compared."""

from __future__ import annotations

import difflib

import pytest

from byline.leaderboard.published import DOCS_PAGE, UPDATE_COMMAND, expected_docs_page
from byline.systems.extra import installed, missing_libraries
from leaderboard_helpers import REPO

needs_systems = pytest.mark.skipif(
    not installed(), reason=f"the page ranks the field's systems too: byline[systems] is not installed "
                            f"({', '.join(missing_libraries())} missing)")


@needs_systems
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


@needs_systems
def test_the_page_opens_with_the_readme_section() -> None:
    text = expected_docs_page(REPO) if not (REPO / DOCS_PAGE).is_file() else (REPO / DOCS_PAGE).read_text("utf-8")
    assert text.startswith("# Leaderboard\n")
    assert "\n## Leaderboard\n" in text and "\n## The shipped baselines on the test split\n" in text
    assert "### Overall" in text


def test_every_board_of_the_page_has_the_annotator_agreement_row() -> None:
    text = (REPO / DOCS_PAGE).read_text("utf-8")
    boards = text.split("\n## The shipped baselines on the test split\n")[1].split("\n### ")[1:]
    assert len(boards) == 5
    for board in boards:
        assert "\n| — | *annotator agreement* | — | " in board, board.splitlines()[0]
    assert "model-based sessions" in text
