"""Records into batch rows, with offsets checked."""

from __future__ import annotations

from scoring_helpers import CODES, INV

from byline.scoring.records import add_record


def test_bad_spans_are_reported_and_left_out() -> None:
    label = INV.entity_types[0]
    reports: list[tuple[str, str, str]] = []
    builder = CODES.builder()
    record = {
        "entities": [{"start": 0, "end": 4, "label": label}, {"start": 4, "end": 4, "label": label},
                     {"start": 2, "end": 11, "label": label}],
        "attributions": [{"cue": {"start": 1, "end": 99}, "sources": [], "contents": [{"start": 0, "end": 3}]},
                         {"contents": [{"start": 5, "end": 50}]}],
        "claims": [{"start": 1.0, "end": 3.0}],
    }
    add_record(builder, 0, record, 10, CODES, lambda *r: reports.append(r))
    assert [r[0] for r in reports] == ["$.entities[1]", "$.entities[2]", "$.attributions[0].cue",
                                       "$.attributions[1].contents[0]"]
    assert reports[0][1] == "start 4, end 4" and reports[1][1] == "end 11"
    batch = builder.build()
    assert batch.entities.start.tolist() == [0]
    assert len(batch.attributions) == 1 and batch.attributions.cue_start.tolist() == [-1]
    assert batch.claims.start.tolist() == [1] and batch.claims.attrs.tolist() == [[-1]]


def test_codes_come_from_the_inventory() -> None:
    assert list(CODES.labels["entities"]) == list(INV.entity_types)
    assert [name for name, _ in CODES.attributes["attributions"]] == [a.name for a in INV.layer("attributions").attributes]
