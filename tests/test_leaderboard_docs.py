"""docs/leaderboard.md, the committed leaderboard of the shipped baselines and the field's
systems, is current: it is recomputed from the shipped data (build, run the baselines and the
systems, score, rank) and compared."""

from __future__ import annotations

import difflib

import pytest

from byline.errors import BylineError
from byline.leaderboard.published import (
    DOCS_PAGE,
    README,
    UPDATE_COMMAND,
    SourceTextsMissing,
    expected_docs,
    shipped_agreement,
)
from byline.leaderboard.readme import END, START, replace_block
from byline.systems.extra import installed, missing_libraries
from leaderboard_helpers import REPO

needs_systems = pytest.mark.skipif(
    not installed(), reason=f"the page ranks the field's systems too: byline[systems] is not installed "
                            f"({', '.join(missing_libraries())} missing)")


@pytest.fixture(scope="module")
def expected() -> tuple[str, str]:
    """The page and the README table recomputed from the shipped data (once for this module)."""
    try:
        return expected_docs(REPO)
    except SourceTextsMissing as exc:  # the page ranks the standoff documents too
        pytest.skip(f"the texts of the shipped standoff documents are absent, so the page cannot be recomputed: {exc}")


@needs_systems
def test_the_committed_leaderboard_is_not_stale(expected: tuple[str, str]) -> None:
    path = REPO / DOCS_PAGE
    assert path.is_file(), f"{DOCS_PAGE} is missing: run `{UPDATE_COMMAND}`"
    committed = path.read_text(encoding="utf-8")
    expected_page = expected[0]
    if committed != expected_page:
        diff = "".join(list(difflib.unified_diff(
            committed.splitlines(keepends=True), expected_page.splitlines(keepends=True),
            fromfile=f"{DOCS_PAGE} (committed)", tofile=f"{DOCS_PAGE} (from the shipped data)",
        ))[:60])
        raise AssertionError(f"{DOCS_PAGE} is stale: run `{UPDATE_COMMAND}` and commit it.\n{diff}")


@needs_systems
def test_the_readme_table_is_not_stale(expected: tuple[str, str]) -> None:
    readme = (REPO / README).read_text(encoding="utf-8")
    assert replace_block(readme, expected[1]) == readme, f"the README's leaderboard table is stale: run `{UPDATE_COMMAND}`"
    table = readme.split(START, 1)[1].split(END, 1)[0]
    for name in ("rules", "spacy", "justext", "trafilatura", "textacy-quotes"):
        assert f"| `{name}` |" in table, name


def test_a_readme_without_its_markers_is_refused() -> None:
    with pytest.raises(BylineError, match="found 0 start and 1 end marker"):
        replace_block(f"# Title\n{END}\n", "| t |\n")
    assert replace_block(f"a\n{START}\nold\n{END}\nb\n", "| new |\n") == f"a\n{START}\n| new |\n{END}\nb\n"


def test_the_page_opens_with_the_readme_section() -> None:
    text = (REPO / DOCS_PAGE).read_text("utf-8")
    assert text.startswith("# Leaderboard\n")
    assert "\n## Leaderboard\n" in text and "\n## The shipped baselines and the field's systems on the test split\n" in text
    assert "### Overall" in text


def test_every_board_has_the_annotator_agreement_row_exactly_when_there_is_agreement_before_adjudication() -> None:
    # The row is the agreement *before adjudication* (annotator against annotator); shipped data
    # without independent double annotation has no such figure, and then no board shows the row.
    has_agreement = any(reference.origin is None for reference in shipped_agreement(REPO))
    text = (REPO / DOCS_PAGE).read_text("utf-8")
    ranked = text.split("\n## The shipped baselines and the field's systems on the test split\n")[1]
    # per origin, the agreement row is on the boards of the whole split (the last set of boards)
    level = "####" if "\n### " in ranked and "\n#### " in ranked else "###"
    boards = ranked.split(f"\n{level} ")[1:][-5:]
    assert len(boards) == 5
    for board in boards:
        assert ("\n| — | *annotator agreement* | — | " in board) == has_agreement, board.splitlines()[0]
    assert "model-based sessions" in text
