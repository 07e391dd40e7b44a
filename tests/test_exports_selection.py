"""Which annotation becomes gold, what happens to the others, and reading large exports."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from byline.exports.reader import read_tasks
from byline.exports.validate import choose_annotation, validate_exports

VALID = Path(__file__).parent / "data" / "bad_exports" / "valid.json"


def _tasks() -> list[dict[str, Any]]:
    return json.loads(VALID.read_text(encoding="utf-8"))


def test_rule_ground_truth_first_then_latest_update_then_highest_id() -> None:
    older = {"id": 1, "updated_at": "2026-01-01T00:00:00Z"}
    newer = {"id": 2, "updated_at": "2026-02-01T00:00:00Z"}
    truth = {"id": 3, "updated_at": "2025-01-01T00:00:00Z", "ground_truth": True}
    tie = {"id": 4, "updated_at": "2026-02-01T00:00:00Z"}
    assert choose_annotation([older, newer]) == 1
    assert choose_annotation([older, newer, truth]) == 2
    assert choose_annotation([newer, tie, older]) == 1


def test_other_submitted_annotations_are_kept_for_agreement(tmp_path: Path) -> None:
    tasks = _tasks()
    first = tasks[0]["annotations"][0]
    second = copy.deepcopy(first)
    second.update(id=11, completed_by=2, updated_at="2026-03-03T00:00:00Z")
    second["result"] = [r for r in second["result"] if r.get("from_name") != "boilerplate"]
    tasks[0]["annotations"].append(second)
    path = tmp_path / "two.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    report = validate_exports([path])
    assert report.errors == []
    gold = report.documents["doc-1"]
    assert gold["annotation"]["annotation_id"] == 11  # the more recently updated
    assert gold["annotation"]["other_annotation_ids"] == [10]
    assert gold["boilerplate"] == []
    [other] = report.alternates["doc-1"]
    assert other["annotation"]["annotation_id"] == 10 and len(other["boilerplate"]) == 1
    assert report.account.annotations_kept_for_agreement == 1


def test_repeated_document_in_one_export_is_reported_and_the_rule_picks_its_gold(tmp_path: Path) -> None:
    tasks = _tasks()
    again = copy.deepcopy(tasks[0])
    again["id"] = 2
    again["annotations"][0].update(id=12, completed_by=2, updated_at="2099-01-01T00:00:00+02:00")
    path = tmp_path / "twice.json"
    path.write_text(json.dumps([*tasks, again], ensure_ascii=False), encoding="utf-8")
    report = validate_exports([path])
    assert [p.code for p in report.problems] == ["document-repeated"]
    assert report.documents["doc-1"]["annotation"]["task_id"] == 2
    assert report.account.tasks_converted == 1
    assert [item.reason for item in report.account.skipped_tasks] == [
        f"document 'doc-1': its gold annotation is {path}:task 2:annotation 12"]


def test_reader_streams_tasks_larger_than_its_buffer(tmp_path: Path) -> None:
    tasks = _tasks()
    big = []
    for i in range(5):
        task = copy.deepcopy(tasks[0])
        task["id"] = i
        task["annotations"][0]["id"] = 100 + i
        task["data"]["doc_id"] = f"doc-{i}"
        task["data"]["meta"]["padding"] = "x" * 700_000  # several tasks exceed the 1 MiB chunk
        big.append(task)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(big, ensure_ascii=False, indent=2), encoding="utf-8")
    problems: list[Any] = []
    read = [raw.task["id"] for raw in read_tasks(path, problems)]
    assert problems == [] and read == [0, 1, 2, 3, 4]
    report = validate_exports([path])
    assert report.errors == [] and len(report.documents) == 5


def test_reader_reports_where_a_large_file_is_cut(tmp_path: Path) -> None:
    text = json.dumps([{"id": i, "data": {"x": "y" * 1000}} for i in range(3000)])
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) - 5000], encoding="utf-8")
    problems: list[Any] = []
    count = sum(1 for _ in read_tasks(path, problems))
    assert 2000 < count < 3000
    assert len(problems) == 1 and problems[0].code == "truncated"
