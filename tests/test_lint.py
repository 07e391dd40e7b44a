"""byline.lint: each consistency decision of GUIDELINES.md §1.2 found where it is broken, and
nothing found where it is kept."""

from __future__ import annotations

from typing import Any

import pytest

from byline.lint import lint_record


def _record(text: str, **layers: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": "doc", "text": text, "entities": [], "claims": [], "attributions": [], "boilerplate": [], **layers}


def _span(text: str, needle: str, **extra: Any) -> dict[str, Any]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), **extra}


def _rules(record: dict[str, Any]) -> list[str]:
    return [finding.rule for finding in lint_record(record)]


@pytest.mark.parametrize(("entity", "expected"), [("1,200", ["approximator-outside"]), ("about 1,200", [])])
def test_approximators_belong_inside_numbers(entity: str, expected: list[str]) -> None:
    text = "The plant employs about 1,200 people."
    assert _rules(_record(text, entities=[_span(text, entity, label="CARDINAL")])) == expected


@pytest.mark.parametrize(("label", "expected"), [("LOC", ["district-type"]), ("GPE", [])])
def test_districts_are_gpe(label: str, expected: list[str]) -> None:
    text = "Residents of the Glanmire suburb protested."
    assert _rules(_record(text, entities=[_span(text, "Glanmire", label=label)])) == expected


def test_one_string_one_type_except_people_and_language() -> None:
    text = "Cork voted. Cork won. Greek voters read Greek papers."
    first, second = _span(text, "Cork"), {"start": text.index("Cork won"), "end": text.index("Cork won") + 4}
    mixed = _record(text, entities=[{**first, "label": "GPE"}, {**second, "label": "ORG"}])
    assert _rules(mixed) == ["label-varies", "label-varies"]
    g1 = text.index("Greek")
    g2 = text.index("Greek", g1 + 1)
    greek = _record(text, entities=[{"start": g1, "end": g1 + 5, "label": "NORP"}, {"start": g2, "end": g2 + 5, "label": "LANGUAGE"}])
    assert _rules(greek) == []


def test_claims_and_contents_do_not_end_inside_a_quote() -> None:
    text = "She said “the fund is empty” and left."
    open_claim = _span(text, "the fund is empty” and left", label="CLAIM", checkworthy="no")
    assert _rules(_record(text, claims=[open_claim])) == ["open-quote"]
    closed = _span(text, "the fund is empty", label="CLAIM", checkworthy="no")
    attribution = {"cue": _span(text, "said"), "sources": [_span(text, "She")], "type": "direct", "stance": "asserts",
                   "contents": [_span(text, "“the fund is empty")]}
    assert _rules(_record(text, claims=[closed], attributions=[attribution])) == ["open-quote"]


def test_a_bare_gerund_phrase_is_not_a_claim() -> None:
    text = "Raising the fare cap. raising the fare cap was approved."
    gerund = {"start": 22, "end": 42, "label": "CLAIM", "checkworthy": "no"}
    assert text[22:42] == "raising the fare cap"
    assert _rules(_record(text, claims=[gerund])) == ["gerund-claim"]
    clause = {"start": 22, "end": len(text) - 1, "label": "CLAIM", "checkworthy": "no"}
    assert _rules(_record(text, claims=[clause])) == []


@pytest.mark.parametrize(("checkworthy", "expected"), [("yes", ["hedged-checkworthy"]), ("no", [])])
def test_hedged_claims_are_not_checkworthy(checkworthy: str, expected: list[str]) -> None:
    text = "The closure could cost 300 jobs."
    claim = _span(text, "The closure could cost 300 jobs", label="CLAIM", checkworthy=checkworthy)
    assert _rules(_record(text, claims=[claim])) == expected


def test_the_source_is_the_name_not_the_appositive_role() -> None:
    text = "Ana Ruiz, the health minister, said the ward would reopen."
    base = {"cue": _span(text, "said"), "contents": [_span(text, "the ward would reopen")], "type": "indirect",
            "stance": "asserts"}
    role = _record(text, attributions=[{**base, "sources": [_span(text, "the health minister")]}])
    assert _rules(role) == ["source-role-after-name"]
    name = _record(text, attributions=[{**base, "sources": [_span(text, "Ana Ruiz")]}])
    assert _rules(name) == []
