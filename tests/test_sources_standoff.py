"""Dehydrate / hydrate of Label Studio tasks (byline.sources.standoff) on a made-up source."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from byline.sources import (
    SourceFilesMissing,
    StandoffError,
    TextLibrary,
    TextsLocation,
    dehydrate_tasks,
    hydrate_tasks,
    read_declarations,
)
from byline.sources.standoff import RENDERINGS, UNRESTORABLE, rendering_of
from byline.texts import text_sha256
from source_helpers import ARTICLES, hydrated_task, make_source


def _region(rid: str, text: str, start: int, end: int, shown: str | None = None) -> dict[str, Any]:
    return {"id": rid, "from_name": "entities", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end] if shown is None else shown, "labels": ["GPE"]}}


def _export(task: dict[str, Any]) -> dict[str, Any]:
    """A task as Label Studio exports it, with regions in an annotation, a draft and a prediction."""
    text = task["data"]["text"]
    end = text.index("\n") + 10
    return {
        "id": 7, "data": task["data"], "meta": {}, "created_at": "2026-01-01T00:00:00Z",
        "annotations": [{"id": 1, "completed_by": 2, "result": [
            _region("a", text, 0, 4),
            _region("b", text, 0, end, shown=RENDERINGS["backslash-n"](text[0:end])),
            {"id": "a", "from_name": "claim_checkworthy", "to_name": "text", "type": "choices",
             "value": {"start": 0, "end": 4, "text": text[0:4], "choices": ["yes"]}},
            {"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": ["source"]},
        ], "prediction": {"result": [_region("p", text, 5, 9)]}}],
        "drafts": [{"id": 3, "result": [_region("d", text, 1, 3)]}],
        "predictions": [{"id": 4, "model_version": "rules", "result": [_region("q", text, 0, 4)]}],
    }


@pytest.fixture
def source(tmp_path: Path) -> tuple[Path, Path]:
    return make_source(tmp_path)


def _library(annotations: Path, texts: Path | None) -> TextLibrary:
    return TextLibrary.for_annotations(annotations, TextsLocation(texts))


def _no_text_left(node: Any, texts: list[str]) -> None:
    dumped = json.dumps(node, ensure_ascii=False)
    for text in texts:
        for piece in (text[:12], text[-12:]):
            assert piece not in dumped


def test_dehydrate_then_hydrate_gives_back_the_export(source: tuple[Path, Path]) -> None:
    annotations, texts = source
    exported = [_export(hydrated_task(article, f"doc-{i}")) for i, article in enumerate(ARTICLES)]
    before = copy.deepcopy(exported)
    dry = dehydrate_tasks(exported, read_declarations(annotations))
    assert exported == before  # the input is not changed
    _no_text_left(dry, [a["text"] for a in ARTICLES] + [a["title"] for a in ARTICLES])
    standoff = dry[0]["data"]["standoff"]
    assert standoff == {"source": "newswire", "key": ARTICLES[0]["url"],
                        "text_sha256": text_sha256(ARTICLES[0]["text"]), "withheld": ["title"]}
    renderings = [r["value"]["text_rendering"] for r in dry[0]["annotations"][0]["result"] if "value" in r]
    assert renderings == ["exact", "backslash-n", "exact"]
    wet, warnings = hydrate_tasks(dry, _library(annotations, texts))
    assert warnings == []
    assert wet == exported
    for task, original in zip(wet, exported, strict=True):  # region by region, key order included
        for got, want in zip(task["annotations"][0]["result"], original["annotations"][0]["result"], strict=True):
            assert list(got.get("value", {}).items()) == list(want.get("value", {}).items())


def test_tasks_of_other_origins_and_dehydrated_tasks_pass_through(source: tuple[Path, Path]) -> None:
    annotations, _ = source
    authored = {"data": {"doc_id": "x", "text": "Our own text.", "meta": {"origin": "authored", "url": None}}}
    declarations = read_declarations(annotations)
    dry = dehydrate_tasks([authored, hydrated_task(ARTICLES[0], "d")], declarations)
    assert dry[0] is authored
    assert dehydrate_tasks(dry, declarations)[1] is dry[1]  # idempotent


def test_a_rendering_no_rule_reproduces_is_marked_and_reported(source: tuple[Path, Path]) -> None:
    annotations, texts = source
    task = hydrated_task(ARTICLES[0], "d")
    task["annotations"] = [{"id": 1, "result": [_region("a", ARTICLES[0]["text"], 0, 4, shown="Oslo?")]}]
    dry = dehydrate_tasks([task], read_declarations(annotations))
    value = dry[0]["annotations"][0]["result"][0]["value"]
    assert value["text_rendering"] == UNRESTORABLE and value["text_sha256"] == text_sha256("Oslo?")
    wet, warnings = hydrate_tasks(dry, _library(annotations, texts))
    assert [w.code for w in warnings] == ["region-text-unrestorable"]
    assert wet[0]["annotations"][0]["result"][0]["value"] == {"start": 0, "end": 4, "text": "OSLO", "labels": ["GPE"]}


def test_rendering_of_known_renderings() -> None:
    assert rendering_of("a\\nb", "a\nb") == "backslash-n"
    assert rendering_of("a b", "a \n\t b") == "collapsed-space"
    assert rendering_of("x", "y") == UNRESTORABLE


def test_hydrating_a_changed_text_is_refused_with_every_problem(tmp_path: Path, source: tuple[Path, Path]) -> None:
    annotations, texts = source
    dry = dehydrate_tasks([hydrated_task(a, f"d{i}") for i, a in enumerate(ARTICLES)], read_declarations(annotations))
    dry[0]["data"]["standoff"]["text_sha256"] = "0" * 64
    dry[1]["data"]["standoff"]["key"] = "https://example.org/wiki/Nowhere"
    with pytest.raises(StandoffError) as caught:
        hydrate_tasks(dry, _library(annotations, texts), "tasks.json")
    assert [p.code for p in caught.value.problems] == ["text-sha256-mismatch", "document-not-in-source"]
    message = str(caught.value)
    assert "tasks.json:task 0:$[0].data.standoff.text_sha256" in message
    assert "https://example.org/wiki/Nowhere" in message


def test_missing_texts_give_one_message_naming_source_files_and_how(tmp_path: Path, source: tuple[Path, Path],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    annotations, _ = source
    monkeypatch.delenv("BYLINE_TEXTS", raising=False)
    dry = dehydrate_tasks([hydrated_task(ARTICLES[0], "d")], read_declarations(annotations))
    with pytest.raises(SourceFilesMissing) as caught:
        hydrate_tasks(dry, _library(annotations, tmp_path / "empty"))
    message = str(caught.value)
    for needed in ("'newswire'", "newswire.csv", "https://example.org/files/newswire.csv", "--texts", "BYLINE_TEXTS",
                   "--download", str(tmp_path / "empty")):
        assert needed in message


def test_a_local_copy_that_is_not_the_pinned_file_is_refused(tmp_path: Path, source: tuple[Path, Path]) -> None:
    annotations, texts = source
    (texts / "newswire.csv").write_bytes((texts / "newswire.csv").read_bytes() + b"\n")
    dry = dehydrate_tasks([hydrated_task(ARTICLES[0], "d")], read_declarations(annotations))
    with pytest.raises(Exception, match=r"sha256 .* expected the pinned newswire.csv"):
        hydrate_tasks(dry, _library(annotations, texts))
