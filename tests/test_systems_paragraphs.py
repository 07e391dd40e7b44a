"""Lines as paragraphs for the boilerplate tools, and their verdicts back to character spans."""

from __future__ import annotations

import html

import pytest

from byline.errors import BylineError
from byline.systems.paragraphs import Paragraph, as_html, discarded_spans, paragraphs, visible
from byline.systems.trafilatura_boilerplate import kept_paragraphs

TEXT = "  Headline here\r\n\r\nFirst paragraph\tof the story.\nShare: X · Facebook\n\n© 2026 Example <News>\n"


def test_paragraphs_are_the_non_blank_lines_without_their_outer_white_space() -> None:
    found = paragraphs(TEXT)
    assert [TEXT[p.start:p.end] for p in found] == [
        "Headline here", "First paragraph\tof the story.", "Share: X · Facebook", "© 2026 Example <News>"]
    assert all(p.text == TEXT[p.start:p.end] for p in found)
    assert paragraphs("") == [] and paragraphs("\n \r\n") == []


def test_every_line_boundary_of_splitlines_counts_and_offsets_are_code_points() -> None:
    text = "🎉 one\u2028two\x85three"
    assert [text[p.start:p.end] for p in paragraphs(text)] == ["🎉 one", "two", "three"]


def test_the_page_has_one_escaped_p_per_paragraph_in_order() -> None:
    page = as_html(paragraphs(TEXT))
    assert page.count("<p>") == 4
    assert f"<p>{html.escape('© 2026 Example <News>', quote=False)}</p>" in page
    assert page.index("Headline here") < page.index("First paragraph")


def test_a_run_of_discarded_paragraphs_is_one_span_with_the_line_breaks_between() -> None:
    found = paragraphs(TEXT)
    spans = discarded_spans(found, [True, True, False, False])
    assert [TEXT[s["start"]:s["end"]] for s in spans] == ["Share: X · Facebook\n\n© 2026 Example <News>"]
    spans = discarded_spans(found, [False, True, False, True])
    assert [TEXT[s["start"]:s["end"]] for s in spans] == ["Headline here", "Share: X · Facebook"]
    assert discarded_spans(found, [True] * 4) == []


def test_verdicts_must_match_the_paragraphs_one_to_one() -> None:
    with pytest.raises(ValueError, match="4 paragraphs but 3 verdicts"):
        discarded_spans(paragraphs(TEXT), [True, True, True])


def test_extracted_lines_keep_the_paragraphs_they_equal_in_order() -> None:
    items = [Paragraph(0, 1, "A  b"), Paragraph(2, 3, "c"), Paragraph(4, 5, "A b"), Paragraph(6, 7, "d")]
    assert kept_paragraphs(items, "A b\n\nd\n") == [True, False, False, True]
    assert kept_paragraphs(items, "A b\nA b") == [True, False, True, False]  # repeats: in order
    assert kept_paragraphs(items, "") == [False] * 4


def test_an_extracted_line_that_is_no_paragraph_is_an_error_not_skipped() -> None:
    items = [Paragraph(0, 1, "a"), Paragraph(2, 3, "b")]
    with pytest.raises(BylineError, match="'zzz'"):
        kept_paragraphs(items, "a\nzzz")
    with pytest.raises(BylineError):
        kept_paragraphs(items, "b\na")  # out of order: a is behind b


def test_what_an_html_parser_would_drop_is_left_out_of_the_page_not_of_the_spans() -> None:
    text = "\ufeffTitle\x01 here\n\x7f\u200b\nBody\u00a0text"
    assert visible("\ufeffTitle\x01  here\t") == "Title here" and visible("\x7f\u200b") == ""
    found = paragraphs(text)
    assert [text[p.start:p.end] for p in found] == ["\ufeffTitle\x01 here", "Body\u00a0text"]  # the invisible line is none
    page = as_html(found)
    assert "<p>Title here</p>" in page and "<p>Body text</p>" in page and "\x01" not in page
