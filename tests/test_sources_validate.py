"""`byline validate`, `byline hydrate` and `byline build` on dehydrated exports of a made-up
source: offsets are checked once hydrated; without texts the structure is checked and a note
says the offsets were not; every problem names the file, task and JSON path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from byline.cli import main
from byline.exports.validate import validate_exports
from byline.sources import TextLibrary, TextsLocation, dehydrate_tasks, read_declarations
from byline.studio.results import records_to_results
from source_helpers import ARTICLES, hydrated_task, make_source


def _export(annotations: Path, bad_offset: bool = False) -> list[dict[str, Any]]:
    tasks = []
    for n, article in enumerate(ARTICLES):
        text = article["text"]
        record = {"entities": [{"start": 0, "end": 4, "label": "GPE"}], "claims": [], "attributions": [],
                  "boilerplate": []}
        results = records_to_results(record, text)
        tasks.append({"id": 10 + n, **hydrated_task(article, f"wn-{n}"),
                      "annotations": [{"id": 100 + n, "completed_by": 1, "result": results, "was_cancelled": False,
                                       "ground_truth": True, "updated_at": "2026-12-01T00:00:00Z"}]})
    dry = dehydrate_tasks(tasks, read_declarations(annotations))
    if bad_offset:
        dry[1]["annotations"][0]["result"][0]["value"]["end"] = 10_000  # beyond the text: only seen hydrated
    return dry


@pytest.fixture
def made_up(tmp_path: Path) -> tuple[Path, Path, Path]:
    annotations, texts = make_source(tmp_path)
    (annotations / "exports").mkdir()
    path = annotations / "exports" / "dry.json"
    path.write_text(json.dumps(_export(annotations, bad_offset=True)), encoding="utf-8")
    return annotations, texts, path


def test_offsets_are_checked_once_hydrated(made_up: tuple[Path, Path, Path]) -> None:
    annotations, texts, path = made_up
    report = validate_exports([path], convert=False, library=TextLibrary.for_annotations(annotations, TextsLocation(texts)))
    assert [(p.code, p.where, p.path) for p in report.errors] == [
        ("offset-outside-text", "task 11:annotation 101", "$[1].annotations[0].result[0].value")]
    assert report.account.hydrated == {"newswire": 2} and report.notes == []


def test_without_texts_the_structure_is_checked_and_a_note_says_offsets_were_not(
        made_up: tuple[Path, Path, Path], tmp_path: Path) -> None:
    annotations, _, path = made_up
    library = TextLibrary.for_annotations(annotations, TextsLocation(tmp_path / "none"))
    report = validate_exports([path], convert=False, library=library)
    assert report.errors == []
    assert report.account.regions_read == 2 and len(report.account.unhydrated) == 2
    (note,) = report.notes
    assert note.startswith("note: 2 dehydrated task(s) of source 'newswire': structure checked, offsets NOT checked")
    broken = json.loads(path.read_text(encoding="utf-8"))
    broken[0]["annotations"][0]["result"][0]["value"]["labels"] = ["PLANET"]  # structure: still caught
    path.write_text(json.dumps(broken), encoding="utf-8")
    report = validate_exports([path], convert=False, library=library)
    assert [(p.code, p.path) for p in report.errors] == [("unknown-label", "$[0].annotations[0].result[0].value.labels[0]")]


def test_a_standoff_block_that_is_wrong_is_named_with_its_path(made_up: tuple[Path, Path, Path]) -> None:
    annotations, texts, path = made_up
    dry = _export(annotations)
    dry[0]["data"]["standoff"]["text_sha256"] = "abc"
    dry[1]["data"]["standoff"]["source"] = "elsewhere"
    path.write_text(json.dumps(dry), encoding="utf-8")
    report = validate_exports([path], convert=False, library=TextLibrary.for_annotations(annotations, TextsLocation(texts)))
    assert [(p.code, p.path) for p in report.errors] == [
        ("bad-standoff", "$[0].data.standoff.text_sha256"), ("bad-standoff", "$[1].data.standoff.source")]
    assert [item.where for item in report.account.skipped_tasks] == [f"{path}:task 10", f"{path}:task 11"]


def test_the_hydrate_command_writes_hydrated_copies(made_up: tuple[Path, Path, Path], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    annotations, texts, path = made_up
    path.write_text(json.dumps(_export(annotations)), encoding="utf-8")
    out = tmp_path / "hydrated"
    assert main(["hydrate", str(path), "--out", str(out), "--annotations", str(annotations), "--texts", str(texts)]) == 0
    assert "2 of 2 task(s) hydrated" in capsys.readouterr().out
    wet = json.loads((out / "dry.json").read_text(encoding="utf-8"))
    assert [t["data"]["text"] for t in wet] == [a["text"] for a in ARTICLES]
    assert [t["data"]["meta"]["title"] for t in wet] == [a["title"] for a in ARTICLES]
    assert main(["hydrate", str(path), "--out", str(path.parent), "--annotations", str(annotations)]) == 2
    assert main(["hydrate", str(path), "--out", str(out), "--annotations", str(annotations),
                 "--texts", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert "byline: error: the texts of source 'newswire' are missing" in err and "Traceback" not in err


def test_validate_cli_exit_status_and_note(made_up: tuple[Path, Path, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    annotations, texts, path = made_up
    path.write_text(json.dumps(_export(annotations)), encoding="utf-8")
    args = ["validate", str(path), "--annotations", str(annotations)]
    assert main([*args, "--texts", str(texts)]) == 0
    assert "2 task(s) of newswire hydrated" in capsys.readouterr().out
    assert main([*args, "--texts", str(tmp_path / "none")]) == 0
    assert "offsets NOT checked" in capsys.readouterr().out


def test_import_reads_dehydrated_task_files_hydrated_or_says_why_not(tmp_path: Path) -> None:
    from byline.studio.documents import load_documents

    annotations, texts = make_source(tmp_path / "repo")
    dry = dehydrate_tasks([hydrated_task(a, f"wn-{n}") for n, a in enumerate(ARTICLES)], read_declarations(annotations))
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(dry), encoding="utf-8")
    documents, problems = load_documents([path], TextLibrary.for_annotations(annotations, TextsLocation(texts)))
    assert problems == []
    assert [d.text for d in documents] == [a["text"] for a in ARTICLES]
    assert [d.data["meta"]["title"] for d in documents] == [a["title"] for a in ARTICLES]
    assert "standoff" not in documents[0].data  # the task Label Studio gets is the annotators' shape
    documents, problems = load_documents([path], TextLibrary.for_annotations(annotations, TextsLocation(tmp_path / "no")))
    assert documents == [] and [p.code for p in problems] == ["source-texts-missing"] * 2
    assert str(problems[0]).startswith(f"{path}:task 0:$[0].data.standoff: error: found a standoff document of source "
                                       "'newswire' whose texts are missing; expected the texts of source 'newswire'")
    assert problems[1].expected == "its texts (see above)"  # the how-to once


def test_the_dehydrate_command_rewrites_a_raw_export_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annotations, texts = make_source(tmp_path / "repo")
    wet = [{"id": 10 + n, **hydrated_task(a, f"wn-{n}"), "annotations": []} for n, a in enumerate(ARTICLES)]
    own = {"id": 99, "data": {"doc_id": "own", "text": "Our own text.", "meta": {"origin": "authored"}}, "annotations": []}
    path = tmp_path / "raw.json"
    path.write_text(json.dumps([*wet, own]), encoding="utf-8")
    assert main(["dehydrate", str(path), "--annotations", str(annotations)]) == 2  # --out or --in-place
    assert main(["dehydrate", str(path), "--in-place", "--annotations", str(annotations)]) == 0
    assert "2 of 3 task(s) dehydrated" in capsys.readouterr().out
    written = path.read_text(encoding="utf-8")
    assert all(a["text"][:20] not in written and a["title"] not in written for a in ARTICLES)
    dry = json.loads(written)
    assert dry[2] == own and [t["data"]["standoff"]["source"] for t in dry[:2]] == ["newswire", "newswire"]
    out = tmp_path / "hydrated"
    assert main(["hydrate", str(path), "--out", str(out), "--annotations", str(annotations), "--texts", str(texts)]) == 0
    assert json.loads((out / "raw.json").read_text(encoding="utf-8")) == [*wet, own]
