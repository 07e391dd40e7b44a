"""records_to_results: offset records -> Label Studio result lists (no server needed)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from byline.inventory import load_inventory
from byline.studio.results import records_to_results, region_id

TEXT = "Aliyev said “Shusha is ours,” he added. “We won.”\r\nOfficials denied it 😀. Share this!"


def _span(needle: str, nth: int = 1) -> dict[str, int]:
    start = -1
    for _ in range(nth):
        start = TEXT.index(needle, start + 1)
    return {"start": start, "end": start + len(needle)}


def _record() -> dict[str, Any]:
    return {
        "id": "doc",
        "entities": [{**_span("Aliyev"), "label": "PERSON"}, {**_span("Shusha"), "label": "GPE"}],
        "claims": [{**_span("Shusha is ours"), "label": "CLAIM", "checkworthy": "yes"}],
        "attributions": [
            {
                "sources": [_span("Aliyev")],
                "cue": _span("said"),
                "contents": [_span("Shusha is ours,"), _span("We won.")],
                "type": "direct",
                "stance": "asserts",
            },
            {"sources": [_span("Officials")], "cue": _span("denied"), "contents": [_span("it")], "type": "indirect", "stance": "denies"},
        ],
        "boilerplate": [{**_span("Share this!"), "label": "CALL_TO_ACTION"}],
    }


def _regions(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in results if r["type"] == "labels"}


def test_every_region_carries_its_offsets_label_and_exact_text() -> None:
    results = records_to_results(_record(), TEXT)
    regions = _regions(results)
    assert len(regions) == 2 + 1 + 7 + 1
    for region in regions.values():
        value = region["value"]
        assert value["text"] == TEXT[value["start"] : value["end"]]
        assert region["to_name"] == load_inventory().text_name
        assert len(value["labels"]) == 1


def test_region_ids_are_deterministic_and_depend_on_control_label_and_span() -> None:
    first, second = records_to_results(_record(), TEXT), records_to_results(_record(), TEXT)
    assert first == second
    aliyev = _span("Aliyev")
    ids = {r["id"] for r in first if r["type"] == "labels"}
    assert region_id("entities", "PERSON", aliyev["start"], aliyev["end"]) in ids
    assert region_id("attributions", "SOURCE", aliyev["start"], aliyev["end"]) in ids  # same span, other layer


def test_one_region_per_distinct_label_and_span() -> None:
    record = _record()
    record["entities"].append(dict(record["entities"][0]))  # the same entity twice
    record["attributions"][1]["sources"] = [_span("Aliyev")]  # a source shared by two attributions
    regions = _regions(records_to_results(record, TEXT))
    assert len(regions) == 2 + 1 + 6 + 1  # Officials is gone, Aliyev counted once


def test_attributions_are_linked_with_source_cue_and_continues_relations() -> None:
    inv = load_inventory()
    results = records_to_results(_record(), TEXT)
    regions = _regions(results)
    relations = [(regions[r["from_id"]], regions[r["to_id"]], r["labels"][0]) for r in results if r["type"] == "relation"]
    named = {(TEXT[a["value"]["start"] : a["value"]["end"]], TEXT[b["value"]["start"] : b["value"]["end"]], name) for a, b, name in relations}
    assert named == {
        ("Aliyev", "Shusha is ours,", "source"),
        ("said", "Shusha is ours,", "cue"),
        ("Shusha is ours,", "We won.", "continues"),
        ("Officials", "it", "source"),
        ("denied", "it", "cue"),
    }
    for a, b, name in relations:
        relation = inv.relation(name)
        assert relation is not None
        assert inv.role_of_label(a["value"]["labels"][0]) == relation.from_role
        assert inv.role_of_label(b["value"]["labels"][0]) == relation.to_role
        assert a["from_name"] == b["from_name"] == inv.layer("attributions").control


def test_attributes_are_per_region_choices_on_the_first_content_and_on_claims() -> None:
    inv = load_inventory()
    results = records_to_results(_record(), TEXT)
    regions = _regions(results)
    choices = {(r["from_name"], TEXT[r["value"]["start"] : r["value"]["end"]]): r["value"]["choices"] for r in results if r["type"] == "choices"}
    controls = {a.name: a.control for layer in inv.layers.values() for a in layer.attributes}
    assert choices == {
        (controls["checkworthy"], "Shusha is ours"): ["yes"],
        (controls["type"], "Shusha is ours,"): ["direct"],
        (controls["stance"], "Shusha is ours,"): ["asserts"],
        (controls["type"], "it"): ["indirect"],
        (controls["stance"], "it"): ["denies"],
    }
    for result in results:
        if result["type"] == "choices":
            assert result["id"] in regions


def test_layers_absent_from_the_record_give_nothing_and_text_comes_from_a_gold_record() -> None:
    assert records_to_results({"id": "doc", "text": TEXT}) == []
    results = records_to_results({"id": "doc", "text": TEXT, "claims": [_span("We won")]})
    assert [r["value"]["labels"] for r in results if r["type"] == "labels"] == [["CLAIM"]]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["entities"].append({"start": 5, "end": 5, "label": "PERSON"}), r"\$\.entities\[2\]"),
        (lambda r: r["entities"].append({"start": 0, "end": len(TEXT) + 1, "label": "PERSON"}), "not a non-empty range"),
        (lambda r: r["entities"].append({"start": 0, "end": 3, "label": "PER"}), "'PER' is not one of"),
        (lambda r: r["claims"][0].update(checkworthy="maybe"), r"checkworthy: found 'maybe'"),
        (lambda r: r["attributions"][1].update(contents=[_span("We won.")]), "also content of"),
        (lambda r: r["attributions"][1].update(contents=[]), "at least one content"),
    ],
)
def test_records_that_label_studio_cannot_hold_are_refused_with_their_path(change: Any, message: str) -> None:
    record = _record()
    change(record)
    with pytest.raises(ValueError, match=message):
        records_to_results(record, TEXT)


def test_text_is_required() -> None:
    with pytest.raises(ValueError, match="needs the document text"):
        records_to_results({"id": "doc", "entities": []})


def test_results_read_back_by_the_export_parser_give_the_same_record() -> None:
    regions_module = pytest.importorskip("byline.exports.regions")
    problems: list[tuple[str, ...]] = []
    parser = regions_module.AnnotationParser(load_inventory())
    results = records_to_results(_record(), TEXT)
    random.Random(7).shuffle(results)  # order must not matter
    parsed = parser.parse(results, TEXT, "$", lambda *p: problems.append(p))
    assert problems == []
    spans = {name: sorted((r.start, r.end, r.label) for r in regions) for name, regions in parsed.regions.items()}
    record = _record()
    assert spans["entities"] == sorted((e["start"], e["end"], e["label"]) for e in record["entities"])
    assert spans["boilerplate"] == sorted((e["start"], e["end"], e["label"]) for e in record["boilerplate"])
    got = sorted(
        (
            tuple((c.start, c.end) for c in a.contents),
            tuple((s.start, s.end) for s in a.sources),
            (a.cue.start, a.cue.end) if a.cue else None,
            a.attributes["type"],
            a.attributes["stance"],
        )
        for a in parsed.attributions
    )
    want = sorted(
        (
            tuple((c["start"], c["end"]) for c in a["contents"]),
            tuple((s["start"], s["end"]) for s in a["sources"]),
            (a["cue"]["start"], a["cue"]["end"]),
            a["type"],
            a["stance"],
        )
        for a in record["attributions"]
    )
    assert got == want
