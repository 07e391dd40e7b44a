"""End to end against a real Label Studio (started by the test run): create the project with
the generated config, import tasks (emoji, CRLF, tabs, combining marks, RTL), create annotations
through the API, export as JSON, validate, build, load with `datasets`, and compare the spans."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from byline.build import build_dataset
from byline.exports.validate import validate_exports
from byline.resources import schema_dir
from byline.studio.config import CONFIG_FILE
from byline.studio.results import records_to_results

pytestmark = pytest.mark.integration

EMOJI = "Mayor Ana Lima \U0001F609 said the bridge \U0001F309 would reopen on Monday.\n\nOfficials denied it."
CRLF = "Le ministre Jos\u00e9 Pe\u0301rez a dit\u00a0: \u201cnon\u201d.\r\n\r\n\u05e9\u05dc\u05d5\u05dd\tTel Aviv\r\n\u00a9 2026 Harbour Post"


def _at(text: str, needle: str, n: int = 1) -> dict[str, int]:
    start = -1
    for _ in range(n):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle)}


RECORDS: dict[str, tuple[str, dict[str, Any]]] = {
    "it-emoji": (EMOJI, {
        "entities": [{**_at(EMOJI, "Ana Lima"), "label": "PERSON"}, {**_at(EMOJI, "Monday"), "label": "DATE"}],
        "claims": [{**_at(EMOJI, "the bridge \U0001F309 would reopen on Monday"), "checkworthy": "yes"}],
        "attributions": [
            {"cue": _at(EMOJI, "said"), "sources": [_at(EMOJI, "Mayor Ana Lima")],
             "contents": [_at(EMOJI, "the bridge \U0001F309 would reopen on Monday")], "type": "indirect", "stance": "asserts"},
            {"cue": _at(EMOJI, "denied"), "sources": [_at(EMOJI, "Officials")], "contents": [_at(EMOJI, "it")],
             "type": "indirect", "stance": "denies"},
        ],
        "boilerplate": [],
    }),
    "it-crlf": (CRLF, {
        "entities": [{**_at(CRLF, "Jos\u00e9 Pe\u0301rez"), "label": "PERSON"}, {**_at(CRLF, "Tel Aviv"), "label": "GPE"}],
        "claims": [],
        "attributions": [{"cue": _at(CRLF, "a dit"), "sources": [_at(CRLF, "Le ministre Jos\u00e9 Pe\u0301rez")],
                          "contents": [_at(CRLF, "non")], "type": "direct", "stance": "denies"}],
        "boilerplate": [{**_at(CRLF, "\u00a9 2026 Harbour Post"), "label": "COPYRIGHT"}],
    }),
}


def _meta(split: str) -> dict[str, Any]:
    return {"title": "t", "publisher": "Harbour Post", "url": None, "published": "2026-03-02", "language": "en",
            "license": "CC BY 4.0", "origin": "authored", "split": split}


def test_label_studio_export_builds_a_dataset_with_the_same_spans(label_studio: Any, tmp_path: Path) -> None:
    import datasets

    client = label_studio.client
    config = (schema_dir() / CONFIG_FILE).read_text(encoding="utf-8")
    project = client.projects.create(title=f"build-it {uuid.uuid4().hex[:6]}", label_config=config)
    client.projects.import_tasks(id=project.id, request=[
        {"data": {"doc_id": doc_id, "text": text, "meta": _meta("dev" if doc_id == "it-emoji" else "test")}}
        for doc_id, (text, _) in RECORDS.items()
    ])
    tasks = list(client.tasks.list(project=project.id))
    assert len(tasks) == 2
    for task in tasks:
        text, record = RECORDS[task.data["doc_id"]]
        assert task.data["text"] == text  # Label Studio kept every character
        client.annotations.create(id=task.id, result=records_to_results(record, text), was_cancelled=False)

    raw = b"".join(client.projects.exports.download_sync(id=project.id, export_type="JSON", download_all_tasks=True))
    exports = tmp_path / "annotations" / "exports"
    exports.mkdir(parents=True)
    export = exports / "export.json"
    export.write_bytes(raw)

    report = validate_exports([export])
    assert [str(p) for p in report.problems] == []
    assert report.account.tasks_converted == 2

    result = build_dataset(tmp_path / "annotations", tmp_path / "dataset", strict=True, progress=False)
    assert result.output is not None
    loaded = datasets.load_dataset(str(tmp_path / "dataset"), cache_dir=str(tmp_path / "cache"))
    rows = {row["id"]: row for split in loaded for row in loaded[split]}
    features = loaded["test"].features
    for doc_id, (text, record) in RECORDS.items():
        row = rows[doc_id]
        assert row["text"] == text
        names = features["entities"].feature["label"].names
        assert sorted((e["start"], e["end"], names[e["label"]]) for e in row["entities"]) == sorted(
            (e["start"], e["end"], e["label"]) for e in record["entities"]
        )
        got_attr = sorted(
            (tuple((c["start"], c["end"]) for c in a["contents"]), tuple((s["start"], s["end"]) for s in a["sources"]),
             (a["cue"]["start"], a["cue"]["end"]))
            for a in row["attributions"]
        )
        want_attr = sorted(
            (tuple((c["start"], c["end"]) for c in a["contents"]), tuple((s["start"], s["end"]) for s in a["sources"]),
             (a["cue"]["start"], a["cue"]["end"]))
            for a in record["attributions"]
        )
        assert got_attr == want_attr
        assert len(row["boilerplate"]) == len(record["boilerplate"])
