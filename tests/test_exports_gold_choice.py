"""Which annotation is gold is decided by what the annotations say, never by file order (issue 10:
the annotator's new work was silently replaced by the shipped export)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from byline.exports.validate import choose_annotation, validate_exports

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = next((ROOT / "annotations" / "exports").glob("byline-corpus-*.json"))
DOC = "byl-001-sahel-convoy"


def _shipped_task() -> dict[str, Any]:
    task: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))[0]
    # the task's gold (ground-truth) annotation alone, as task 1 / annotation 1 updated at the time
    # the tests compare with: the tests add the other annotations they need
    task["annotations"] = [a for a in task["annotations"] if a.get("ground_truth")][:1]
    task["id"] = 1
    task["annotations"][0].update(id=1, created_at="2026-11-25T22:45:18.484952Z", updated_at="2026-11-25T22:45:18.484952Z")
    assert task["data"]["doc_id"] == DOC and task["annotations"][0]["ground_truth"] is True
    return task


def _new_work(task: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The annotator's re-annotation of the task, one entity fewer, in a project of their own."""
    mine = copy.deepcopy(task)
    mine["id"] = 7
    annotation = mine["annotations"][0]
    annotation.update(id=70, completed_by=1, **fields)
    annotation["result"] = [r for r in annotation["result"] if r.get("id") != _dropped(task)]
    return mine


def _dropped(task: dict[str, Any]) -> str:
    region_id: str = next(r["id"] for r in task["annotations"][0]["result"] if r.get("from_name") == "entities")
    return region_id


@pytest.mark.parametrize("names", [("a-shipped.json", "b-mine.json"), ("z-shipped.json", "b-mine.json")])
def test_newer_ground_truth_wins_whatever_the_file_names(names: tuple[str, str], tmp_path: Path) -> None:
    shipped = _shipped_task()
    (tmp_path / names[0]).write_text(json.dumps([shipped]), encoding="utf-8")
    mine = _new_work(shipped, ground_truth=True, updated_at="2026-12-04T10:00:00Z")
    (tmp_path / names[1]).write_text(json.dumps([mine]), encoding="utf-8")
    report = validate_exports([tmp_path])
    gold = report.documents[DOC]
    assert gold["annotation"]["annotation_id"] == 70
    assert _dropped(shipped) not in {e["id"] for e in gold["entities"]}
    assert [a["annotation"]["annotation_id"] for a in report.alternates[DOC]] == [1]  # kept for agreement
    [choice] = report.account.gold_choices
    assert choice.startswith(f"document {DOC!r}: gold is {tmp_path / names[1]}:task 7:annotation 70 (ground truth")
    assert "decided by: updated later" in choice
    assert report.account.balanced() == []


def test_ground_truth_beats_a_newer_annotation_and_the_account_says_so(tmp_path: Path) -> None:
    shipped = _shipped_task()
    (tmp_path / "a.json").write_text(json.dumps([shipped]), encoding="utf-8")
    mine = _new_work(shipped, ground_truth=False, updated_at="2026-12-04T10:00:00Z")
    (tmp_path / "z.json").write_text(json.dumps([mine]), encoding="utf-8")
    report = validate_exports([tmp_path])
    assert report.documents[DOC]["annotation"]["annotation_id"] == 1
    assert [(p.code, p.severity) for p in report.problems] == [("newer-annotation-not-gold", "warning")]
    assert "over " + str(tmp_path / "z.json") + ":task 7:annotation 70 (decided by: ground truth)" in report.account.gold_choices[0]


def test_update_times_are_compared_as_instants_not_strings(tmp_path: Path) -> None:
    shipped = _shipped_task()  # updated 2026-11-25T22:45:18Z
    # 2026-11-26T03:00+05:00 is 22:00Z: earlier, although its text sorts later.
    mine = _new_work(shipped, ground_truth=True, updated_at="2026-11-26T03:00:00+05:00")
    (tmp_path / "a.json").write_text(json.dumps([mine]), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([shipped]), encoding="utf-8")
    assert validate_exports([tmp_path]).documents[DOC]["annotation"]["annotation_id"] == 1
    assert choose_annotation([mine["annotations"][0], shipped["annotations"][0]]) == 1


def test_string_false_ground_truth_is_never_truthy() -> None:
    older = {"id": 1, "ground_truth": True, "updated_at": "2026-01-01T00:00:00Z"}
    lying = {"id": 2, "ground_truth": "false", "updated_at": "2026-02-01T00:00:00Z"}
    assert choose_annotation([lying, older]) == 1


def test_the_same_annotation_exported_twice_is_one_annotation(tmp_path: Path) -> None:
    shipped = _shipped_task()
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(json.dumps([shipped]), encoding="utf-8")
    report = validate_exports([tmp_path])
    assert report.problems == [] and DOC not in report.alternates
    assert [item.reason for item in report.account.skipped_annotations] == [
        f"the same annotation as {tmp_path / 'a.json'}:task 1:annotation 1"]
    assert report.account.balanced() == []
