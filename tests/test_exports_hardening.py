"""Bad exports that used to give a traceback, a misleading message or a silent change (issue 10).

Each test names the class of input; the base is the real Label Studio export of the corpus
(annotations/exports/), cut to its first tasks.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from byline.build import build_dataset
from byline.cli import main
from byline.exports import reader
from byline.exports.reader import read_tasks
from byline.exports.validate import parsed_regions, validate_exports

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = next((ROOT / "annotations" / "exports").glob("byline-corpus-*.json"))


def _base(n: int = 3) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = json.loads(SHIPPED.read_text(encoding="utf-8"))[:n]
    for task in tasks:  # each task's gold (ground-truth) annotation alone: the tests add what they need
        task["annotations"] = [a for a in task["annotations"] if a.get("ground_truth")][:1]
    return tasks


def _write(path: Path, tasks: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tasks if isinstance(tasks, str) else json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def _codes(path: Path) -> list[tuple[str, str, str]]:
    report = validate_exports([path])
    assert report.account.balanced() == []
    return [(p.code, p.severity, p.path) for p in report.problems]


STRICT_CASES: dict[str, tuple[str, str]] = {
    # name: (expected code, a piece of the expected message)
    "concatenated": ("extra-data", "more JSON text after the list of tasks closed, at line 2, column 1"),
    "jsonl_tail": ("extra-data", "more JSON text after the list of tasks closed"),
    "trailing_comma": ("not-json", "a trailing comma before ']'"),
    "nan": ("not-a-number", "found NaN"),
    "infinity": ("not-a-number", "found -Infinity"),
    "duplicate_annotations": ("duplicate-key", 'the key "annotations" twice'),
    "duplicate_split": ("duplicate-key", 'the key "split" twice'),
    "deep": ("too-deep", "nesting deeper than"),
    "huge_int": ("number-too-long", "a number of 5000 digits"),
    "lone_surrogate": ("lone-surrogate", 'a lone surrogate: "A\\ud800"'),
    "bom": ("byte-order-mark", "a UTF-8 byte-order mark"),
    "double_encoded": ("not-an-export", "the export was encoded twice"),
}


def _strict_input(name: str) -> str:
    tasks = _base()
    text = json.dumps(tasks, ensure_ascii=False)
    first = tasks[0]["annotations"][0]["result"][0]["value"]
    if name == "concatenated":
        return text + "\n" + text
    if name == "jsonl_tail":
        return text + "\n" + json.dumps(tasks[0]) + "\n"
    if name == "trailing_comma":
        return text[:-1] + ",]"
    if name in ("nan", "infinity", "deep", "huge_int"):
        first["start"] = "@X@"
        literal = {"nan": "NaN", "infinity": "-Infinity", "deep": "[" * 5000 + "]" * 5000, "huge_int": "9" * 5000}[name]
        return json.dumps(tasks, ensure_ascii=False).replace('"@X@"', literal)
    if name == "duplicate_annotations":
        return text.replace('"annotations": [', '"annotations": [], "annotations": [', 1)
    if name == "duplicate_split":
        return text.replace('"split": "', '"split": "test", "split": "', 1)
    if name == "lone_surrogate":
        tasks[0]["data"]["meta"]["title"] = "@X@"
        return json.dumps(tasks, ensure_ascii=False).replace('"@X@"', '"A\\ud800"')
    if name == "bom":
        return "\ufeff" + text
    assert name == "double_encoded"
    return json.dumps(text)


@pytest.mark.parametrize("name", sorted(STRICT_CASES))
def test_json_that_no_export_can_be_gets_a_located_message(name: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, piece = STRICT_CASES[name]
    path = _write(tmp_path / f"{name}.json", _strict_input(name))
    status = main(["validate", str(path)])
    out = capsys.readouterr().out
    problem = next(line for line in out.splitlines() if ": found " in line and piece in line)
    assert problem.startswith(str(path) + ":"), problem
    assert [c for c, _, _ in _codes(path)].count(code) >= 1
    # a BOM is accepted with a warning (exit 0); everything else is an error (exit 1)
    assert status == (0 if name == "bom" else 1)


def test_duplicate_key_is_located_at_its_json_path(tmp_path: Path) -> None:
    path = _write(tmp_path / "dup.json", _strict_input("duplicate_split"))
    assert ("duplicate-key", "error", "$[0].data.meta.split") in _codes(path)


@pytest.mark.parametrize(("field", "value", "code"), [
    ("was_cancelled", "false", "not-boolean"),
    ("ground_truth", "false", "not-boolean"),
    ("created_at", 1700000000, "bad-time"),
    ("updated_at", "yesterday", "bad-time"),
    ("id", "17", "bad-id"),
    ("id", 2**63, "bad-id"),
    ("completed_by", [1], "bad-annotator"),
])
def test_wrong_json_type_in_an_annotation_field_is_an_error_never_truthy(field: str, value: Any, code: str,
                                                                           tmp_path: Path) -> None:
    tasks = _base()
    tasks[0]["annotations"][0][field] = value
    report = validate_exports([_write(tmp_path / "x.json", tasks)])
    [problem] = [p for p in report.problems if p.severity == "error"]
    assert (problem.code, problem.path) == (code, f"$[0].annotations[0].{field}")
    assert "byl-001-sahel-convoy" not in report.documents  # no gold picked from an unreadable field
    assert report.account.balanced() == []
    assert not [p for p in report.problems if p.code == "task-not-annotated"]  # not "not annotated": invalid


@pytest.mark.parametrize(("key", "value"), [("drafts", 3), ("predictions", "x"), ("id", "1"), ("id", 2**64)])
def test_wrong_json_type_in_a_task_field(key: str, value: Any, tmp_path: Path) -> None:
    tasks = _base()
    tasks[1][key] = value
    report = validate_exports([_write(tmp_path / "x.json", tasks)])
    assert [(p.code, p.path, p.where) for p in report.errors] == [
        ("not-a-list" if key != "id" else "bad-id", f"$[1].{key}", "task #1" if key == "id" else "task 2")]
    assert report.account.balanced() == []


def test_value_text_that_is_not_a_string(tmp_path: Path) -> None:
    tasks = _base()
    tasks[0]["annotations"][0]["result"][0]["value"]["text"] = 5
    assert ("region-text-not-string", "error", "$[0].annotations[0].result[0].value.text") in _codes(
        _write(tmp_path / "x.json", tasks))


def test_one_region_id_for_two_spans_in_two_layers(tmp_path: Path) -> None:
    tasks = _base()
    result = tasks[0]["annotations"][0]["result"]
    entity = next(r for r in result if r.get("from_name") == "entities")
    claim = next(r for r in result if r.get("from_name") == "claims")
    claim["id"] = entity["id"]
    codes = _codes(_write(tmp_path / "x.json", tasks))
    assert any(code == "region-id-reused" for code, _, _ in codes)


def test_two_annotations_with_one_id_in_an_export(tmp_path: Path) -> None:
    tasks = _base()
    tasks[1]["annotations"][0]["id"] = tasks[0]["annotations"][0]["id"]
    assert ("annotation-id-repeated", "error", "$[1].annotations[0].id") in _codes(_write(tmp_path / "x.json", tasks))


def test_the_same_annotator_twice_is_warned_and_never_paired_with_themself(tmp_path: Path) -> None:
    tasks = _base()
    twin = copy.deepcopy(tasks[0]["annotations"][0])
    twin.update(id=999, ground_truth=False)
    tasks[0]["annotations"].append(twin)
    report = validate_exports([_write(tmp_path / "x.json", tasks)])
    assert [p.code for p in report.problems] == ["annotator-twice"]
    assert "byl-001-sahel-convoy" not in report.alternates
    assert any("a second annotation by" in item.reason for item in report.account.skipped_annotations)


def test_a_choice_whose_to_name_names_no_object(tmp_path: Path) -> None:
    tasks = _base()
    choice = next(r for r in tasks[0]["annotations"][0]["result"] if r["type"] == "choices")
    choice["to_name"] = "nowhere"
    codes = _codes(_write(tmp_path / "x.json", tasks))
    assert any(code == "unknown-object" and path.endswith(".to_name") for code, _, path in codes)


def test_a_task_problem_does_not_hide_its_annotations_problems(tmp_path: Path) -> None:
    tasks = _base()
    tasks[0]["data"]["meta"]["split"] = "train"
    tasks[0]["annotations"][0]["result"][0]["value"]["labels"] = ["NOPE"]
    codes = [code for code, _, _ in _codes(_write(tmp_path / "x.json", tasks))]
    assert codes == ["meta-invalid", "unknown-label"]


def test_entity_inside_boilerplate_is_warned(tmp_path: Path) -> None:
    tasks = _base()
    result = tasks[0]["annotations"][0]["result"]
    boilerplate = next(r for r in result if r.get("from_name") == "boilerplate")
    entity = copy.deepcopy(next(r for r in result if r.get("from_name") == "entities"))
    entity["id"] = "inside-bp"
    entity["value"].update(start=boilerplate["value"]["start"], end=boilerplate["value"]["start"] + 1, text=None)
    del entity["value"]["text"]
    result.append(entity)
    codes = _codes(_write(tmp_path / "x.json", tasks))
    assert ("entity-in-boilerplate", "warning", f"$[0].annotations[0].result[{len(result) - 1}]") in codes


def test_a_number_split_by_the_readers_window_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "_CHUNK", 8)
    path = _write(tmp_path / "n.json", "[ 1234567890123 ]")
    problems: list[Any] = []
    assert [raw.task for raw in read_tasks(path, problems)] == [1234567890123]
    assert validate_exports([path]).problems[0].found == "1234567890123"


def test_empty_list_and_empty_folder_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(_write(tmp_path / "e" / "empty.json", "[]"))]) == 1
    assert "an empty list of tasks" in capsys.readouterr().out
    (tmp_path / "none").mkdir()
    assert main(["validate", str(tmp_path / "none")]) == 1
    assert "a folder with no *.json export" in capsys.readouterr().out
    assert main(["build", "--annotations", str(tmp_path / "none"), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_every_path_of_a_folder_is_read_or_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "exports"
    _write(folder / "UPPER.JSON", _base(1))
    os.symlink("loop-b.json", folder / "loop-a.json")
    os.symlink("loop-a.json", folder / "loop-b.json")
    os.symlink("missing.json", folder / "dangling.json")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    report = validate_exports([folder])
    assert report.account.files == 1 and report.account.tasks_read == 1
    reasons = {Path(item.where).name: item.reason for item in report.account.files_not_read}
    assert reasons == {"dangling.json": "a symbolic link to 'missing.json', which does not exist",
                       "loop-a.json": "a symbolic link loop", "loop-b.json": "a symbolic link loop",
                       "notes.txt": "not a .json file"}
    assert main(["validate", str(folder)]) == 0  # listed with a warning each, nothing lost silently
    out = capsys.readouterr().out
    assert out.count("symbolic link") == 3 and "not read: " + str(folder / "notes.txt") in out


def test_unlabelled_task_is_listed_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _base(2)
    tasks[1]["annotations"] = []
    assert main(["validate", str(_write(tmp_path / "x.json", tasks))]) == 0
    out = capsys.readouterr().out
    assert out.count("byl-002") == 1 and out.count(":task 2") == 1, out
    assert "1 skipped (1 with the problems above)" in out
    assert main(["validate", "--strict", str(tmp_path / "x.json")]) == 1


def test_export_text_that_differs_from_the_task_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _base(1)
    annotations = tmp_path / "annotations"
    _write(annotations / "exports" / "x.json", tasks)
    changed = copy.deepcopy(tasks[0]["data"])
    changed["text"] = changed["text"] + " "
    _write(annotations / "tasks" / "t.json", [{"data": changed}])
    result = build_dataset(annotations, tmp_path / "out", progress=False)
    assert [p.code for p in result.report.errors] == ["text-differs-from-task"]
    assert result.output is None and not (tmp_path / "out").exists()
    assert main(["validate", str(annotations / "exports")]) == 1  # validate compares with tasks/ too
    assert f"expected the text of {annotations / 'tasks' / 't.json'}:$[0] (SHA-256 " in capsys.readouterr().out


def test_a_failed_build_leaves_the_previous_dataset_untouched(tmp_path: Path) -> None:
    annotations = tmp_path / "annotations"
    _write(annotations / "exports" / "x.json", _base(2))
    out = tmp_path / "build" / "dataset"
    first = build_dataset(annotations, out, progress=False)
    assert first.output is not None
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _write(annotations / "exports" / "y.json", "[{")
    assert build_dataset(annotations, out, progress=False).output is None
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["dataset"]  # no temporary folder left


def test_account_equals_the_dataset_for_repeated_documents(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    annotations = tmp_path / "annotations"
    tasks = _base(3)
    _write(annotations / "exports" / "a.json", tasks)
    _write(annotations / "exports" / "b.json", tasks)  # a re-export of the same project
    result = build_dataset(annotations, tmp_path / "out", progress=False)
    assert result.output is not None
    account = result.report.account
    assert account.balanced() == []
    rows = sum(pq.read_metadata(p).num_rows for p in (tmp_path / "out" / "data").glob("*.parquet"))
    assert account.tasks_converted == account.annotations_converted == rows == 3
    records = [json.loads(line) for f in sorted((tmp_path / "out" / "gold").glob("*.jsonl"))
               for line in f.read_text(encoding="utf-8").splitlines()]
    assert account.regions_converted == sum(parsed_regions([r]) for r in records)
