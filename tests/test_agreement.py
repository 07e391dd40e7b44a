"""Inter-annotator agreement on a real export with known disagreements (tests/data/ls_exports)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from byline.agreement import AGAINST_GOLD, NoAgreementPairs, character_kappa, measure_agreement
from byline.cli import main

EXPORT = Path(__file__).parent / "data" / "ls_exports" / "two-annotators.json"


def test_known_disagreements_give_known_figures() -> None:
    agreement = measure_agreement([EXPORT])
    assert sorted(doc for doc, _, _ in agreement.pairs) == ["fixture-emoji", "fixture-plain"]
    layers = agreement.layers
    # entities: A has 7, B 6; 5 agree on span and type (B misses one ORG, types Riverton ORG)
    assert layers["entities"].symmetric == pytest.approx(2 * 5 / (7 + 6))
    assert layers["entities"].forward == pytest.approx(layers["entities"].backward)
    # claims and attributions: identical spans; the attribute disagreements show as accuracies
    assert layers["claims"].symmetric == 1.0 and layers["attributions"].symmetric == 1.0
    assert layers["claims"].attributes["checkworthy"] == pytest.approx(2 / 3)
    assert layers["attributions"].attributes["stance"] == pytest.approx(3 / 4)
    assert layers["attributions"].attributes["type"] == 1.0
    # boilerplate: A 61 characters, B 62 (its one block also covers the space between A's two)
    assert layers["boilerplate"].symmetric == pytest.approx(2 * 61 / (61 + 62))
    assert agreement.boilerplate_kappa is not None and 0.98 < agreement.boilerplate_kappa < 1.0
    assert agreement.boilerplate_kappa_typed is not None
    assert agreement.boilerplate_kappa_typed < agreement.boilerplate_kappa  # B typed "Share this story" COPYRIGHT
    assert agreement.overall == pytest.approx(sum(layer.symmetric for layer in layers.values()) / 4)


def test_intervals_of_the_symmetric_and_overall_figures() -> None:
    agreement = measure_agreement([EXPORT])
    for layer in agreement.layers.values():
        assert layer.symmetric_ci95 is not None, layer.layer
        low, high = layer.symmetric_ci95
        assert low - 1e-12 <= layer.symmetric <= high + 1e-12
        if layer.forward == layer.backward:  # the same draws: the same interval as the forward figure's
            assert layer.symmetric_ci95 == layer.ci95
    assert agreement.overall is not None and agreement.overall_ci95 is not None
    assert agreement.overall_ci95[0] <= agreement.overall <= agreement.overall_ci95[1]
    record = agreement.to_json()
    assert record["schema_version"] == "1.2.0" and record["stage"] == "before-adjudication" and record["overall_ci95"] == list(agreement.overall_ci95)
    assert all(block["symmetric_ci95"] is not None for block in record["layers"].values())


def test_kappa_by_hand() -> None:
    text = "x" * 10
    a = {"text": text, "boilerplate": [{"start": 0, "end": 4, "label": "COPYRIGHT"}]}
    b = {"text": text, "boilerplate": [{"start": 0, "end": 2, "label": "COPYRIGHT"}, {"start": 2, "end": 6, "label": "NAVIGATION"}]}
    # binary: A = 1111000000, B = 1111110000 -> po = .8, pe = .4*.6 + .6*.4 = .48
    assert character_kappa([(a, b)], typed=False) == pytest.approx((0.8 - 0.48) / (1 - 0.48))
    # typed: A = CCCC______, B = CCNNNN____ -> po = .6, pe = .4*.2 + .6*.4 + 0*.4 = .32
    assert character_kappa([(a, b)], typed=True) == pytest.approx((0.6 - 0.32) / (1 - 0.32))
    nothing = {"text": text, "boilerplate": []}
    assert character_kappa([(nothing, nothing)], typed=False) is None  # expected agreement 1: undefined


def test_an_export_without_double_annotation_is_a_clear_error(tmp_path: Path) -> None:
    tasks = json.loads(EXPORT.read_text(encoding="utf-8"))
    for task in tasks:
        task["annotations"] = task["annotations"][:1]
    single = tmp_path / "single.json"
    single.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NoAgreementPairs, match="two independent annotations by different annotators"):
        measure_agreement([single])


def test_cli_writes_the_agreement_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "agreement.json"
    assert main(["studio", "agreement", str(EXPORT), "--out", str(out)]) == 0
    assert "entities" in capsys.readouterr().out
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["kind"] == "human-agreement" and set(payload["layers"]) == {"entities", "claims", "attributions", "boilerplate"}
    assert main(["agreement", str(tmp_path / "missing.json")]) == 2


def _staged(tmp_path: Path, ground_truth: int, created: dict[int, str], updated: dict[int, str] | None = None) -> Path:
    """The real two-annotator export with annotation ``ground_truth`` marked adjudicated and the
    given timestamps (annotation id -> ISO time). Annotation 6 is added to task 1: a copy of
    annotation 1 submitted by a third user (user 3)."""
    tasks = json.loads(EXPORT.read_text(encoding="utf-8"))
    tasks[0]["annotations"].append({**tasks[0]["annotations"][0], "id": 6, "completed_by": 3})
    for task in tasks:
        for ann in task["annotations"]:
            ann["ground_truth"] = ann["id"] == ground_truth
            ann["created_at"] = created.get(ann["id"], ann["created_at"])
            ann["updated_at"] = (updated or {}).get(ann["id"], ann["created_at"])
    path = tmp_path / f"staged-{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def _docs(agreement: object) -> list[str]:
    return sorted(doc for doc, _, _ in agreement.pairs)  # type: ignore[attr-defined]


def test_an_adjudicated_annotation_is_never_paired_before_adjudication(tmp_path: Path) -> None:
    # task 2 (annotations 3 by user 1, 4 by user 2): 4 becomes the adjudicated gold, so task 2 has
    # one independent annotation left and no pair before adjudication; against gold it has (4, 3)
    staged = _staged(tmp_path, ground_truth=4, created={3: "2026-11-25T22:00:00Z", 4: "2026-11-25T23:00:00+01:00"})
    tasks = {t["id"]: t["data"]["doc_id"] for t in json.loads(staged.read_text(encoding="utf-8"))}
    before = measure_agreement([staged])
    assert tasks[2] not in _docs(before)
    against = measure_agreement([staged], stage=AGAINST_GOLD)
    assert _docs(against) == [tasks[2]]
    assert against.to_json()["stage"] == "against-gold"


def test_only_annotations_finished_before_the_adjudication_are_paired(tmp_path: Path) -> None:
    # task 1: annotations 1 (user 1) and 2 (user 2) are independent; 6 (user 3) becomes the
    # adjudicated gold, created at 23:00 UTC (written as 00:00+01:00: instants, not strings)
    created = {1: "2026-11-25T22:00:00Z", 2: "2026-11-25T22:10:00Z", 6: "2026-11-26T00:00:00+01:00"}
    staged = _staged(tmp_path, ground_truth=6, created=created)
    tasks = {t["id"]: t["data"]["doc_id"] for t in json.loads(staged.read_text(encoding="utf-8"))}
    assert tasks[1] in _docs(measure_agreement([staged]))
    # annotation 2 changed at 23:30 UTC, after the adjudicated one was created: left out
    late = _staged(tmp_path, ground_truth=6, created=created, updated={2: "2026-11-25T23:30:00Z"})
    assert tasks[1] not in _docs(measure_agreement([late]))
    # changed at 22:59:59 UTC, written in another zone: still before
    early = _staged(tmp_path, ground_truth=6, created=created, updated={2: "2026-11-25T17:59:59-05:00"})
    assert tasks[1] in _docs(measure_agreement([early]))


def test_one_annotator_is_never_paired_with_itself() -> None:
    agreement = measure_agreement([EXPORT])
    assert all(first != second for _, first, second in agreement.pairs)


def test_agreement_of_one_origin_only() -> None:
    exports = Path(__file__).resolve().parents[1] / "annotations" / "exports"
    everything = measure_agreement([exports], AGAINST_GOLD)
    authored = measure_agreement([exports], AGAINST_GOLD, origin="authored")
    assert authored.pairs == [p for p in everything.pairs if p[0].startswith("byl-")] != []
    with pytest.raises(NoAgreementPairs, match="no task of origin 'nowhere'"):
        measure_agreement([exports], AGAINST_GOLD, origin="nowhere")
