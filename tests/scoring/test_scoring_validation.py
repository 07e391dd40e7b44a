"""Schema problems worded as found / expected, with JSON paths."""

from __future__ import annotations

from scoring_helpers import INV

from byline.scoring.validation import accepts, quote, schema_problems


def problems(record: object) -> list[tuple[str, str, str, str]]:
    return [(p.code, p.path, p.found, p.expected) for p in schema_problems("prediction", record)]


def test_each_keyword_has_its_wording() -> None:
    label = INV.entity_types[0]
    record = {
        "id": "",
        "text_sha256": "ABC",
        "entities": [{"start": -1, "end": "9", "label": "NOPE"}, {"start": 0, "label": label}],
        "attributions": [{"contents": [], "cue": 3}],
        "extra": 1,
    }
    found = problems(record)
    assert ("too_short", "$.id", '""', "at least 1 character") in found
    assert ("bad_format", "$.text_sha256", '"ABC"', "a SHA-256 as 64 lower-case hex digits") in found
    assert ("out_of_range", "$.entities[0].start", "-1", "a number ≥ 0") in found
    assert ("wrong_type", "$.entities[0].end", '"9"', "an integer") in found
    assert any(p[0] == "unknown_label" and p[1] == "$.entities[0].label" and p[3].startswith(f"one of {label}")
               for p in found)
    assert ("missing_property", "$.entities[1]", "no 'end'", "the required property 'end'") in found
    assert ("too_short", "$.attributions[0].contents", "[]", "at least 1 item") in found
    assert ("wrong_type", "$.attributions[0].cue", "3", 'a span {"start": int, "end": int} or null') in found
    assert any(p[0] == "unexpected_property" and p[2] == "the property 'extra'" for p in found)
    assert not accepts("prediction", record)


def test_problems_come_in_document_order() -> None:
    record = {"id": "x", "entities": [{"start": 0, "end": 1, "label": "NOPE"} for _ in range(12)]}
    paths = [p[1] for p in problems(record)]
    assert paths == [f"$.entities[{i}].label" for i in range(12)]


def test_quote_shortens() -> None:
    assert quote("x" * 200).endswith("…") and len(quote("x" * 200)) == 80
    assert quote({"a": 1}) == '{"a": 1}'
