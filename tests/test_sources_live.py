"""Standoff end to end against a real Label Studio: two Wikinews articles (hydrated at test time
from ../shared/wikinews, never written into the repository) and one authored document are
imported, annotated through the API, exported dehydrated by `byline studio export`, hydrated
back (equal to Label Studio's own export, region by region), validated with and without the
texts, and built into a dataset whose `wikinews` config loads."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from byline.cli import main
from byline.sources import TextLibrary, TextsLocation, hydrate_tasks
from byline.sources.standoff import RENDERINGS
from byline.studio.connection import connect
from byline.studio.project import export_bytes, find_project
from byline.studio.results import records_to_results
from labelstudio_server import LabelStudioServer
from source_helpers import ROOT, WIKINEWS, wikinews_rows

pytestmark = pytest.mark.integration

AUTHORED = ("Ferry fares rise\n\nHarbour officials in Tromsø said fares would rise by 4% in April.\n\n"
            "© 2026 Example Harbour News")


def _span(text: str, needle: str, after: int = 0) -> dict[str, int]:
    start = text.index(needle, after)
    return {"start": start, "end": start + len(needle)}


def _record(text: str) -> dict[str, Any]:
    """A small, complete annotation of any text with a " said " in it (labels need not be apt)."""
    said = re.search(r"(\w+) said ", text)
    assert said is not None
    source = {"start": said.start(1), "end": said.end(1)}
    cue = {"start": said.end(1) + 1, "end": said.end(1) + 5}
    content = {"start": cue["end"] + 1, "end": cue["end"] + 21}
    first_break = text.index("\n\n")
    return {
        "entities": [{"start": source["start"], "end": source["end"], "label": "PERSON"}],
        "claims": [{**content, "checkworthy": "yes"}],
        "attributions": [{"sources": [source], "cue": cue, "contents": [content], "type": "indirect", "stance": "asserts"}],
        "boilerplate": [{"start": 0, "end": first_break + 4, "label": "CREDIT"}],  # spans a paragraph break
    }


def _results(text: str) -> list[dict[str, Any]]:
    """Results as the Label Studio UI would send them: the region across a paragraph break shows
    its newlines as a literal backslash-n (one of Label Studio's renderings)."""
    results = records_to_results(_record(text), text)
    for item in results:
        value = item.get("value", {})
        if "text" in value and "\n" in value["text"]:
            value["text"] = RENDERINGS["backslash-n"](value["text"])
    return results


@dataclass
class Standoff:
    raw: list[dict[str, Any]]
    """Label Studio's export, exactly as it sent it."""
    dehydrated: Path
    texts: dict[str, str]
    work: Path
    annotations: Path


@pytest.fixture(scope="module")
def standoff(label_studio: LabelStudioServer, tmp_path_factory: pytest.TempPathFactory) -> Standoff:
    rows = {row["url"]: row for row in wikinews_rows()}
    work = tmp_path_factory.mktemp("standoff")
    selection = json.loads((ROOT / "annotations" / "sources" / "wikinews-selection.json").read_text(encoding="utf-8"))
    chosen = [a for a in selection["articles"] if "doc_id" in a and " said " in rows[a["url"]]["text"]]
    picked = [next(a for a in chosen if a["split"] == "test"), next(a for a in chosen if a["split"] == "dev")]
    (work / "selection.json").write_text(json.dumps({"articles": picked}), encoding="utf-8")
    tasks = work / "tasks"
    assert main(["sources", "tasks", "wikinews", "--selection", str(work / "selection.json"), "--out", str(tasks),
                 "--annotations", str(ROOT / "annotations"), "--texts", str(WIKINEWS)]) == 0
    authored_meta = {"title": "Ferry fares rise", "publisher": "Example Harbour News", "url": None,
                     "published": "2026-01-02", "language": "en", "license": "CC BY 4.0", "origin": "authored",
                     "split": "test"}
    (tasks / "authored.json").write_text(json.dumps([{"data": {"doc_id": "authored-ferry", "text": AUTHORED,
                                                                "meta": authored_meta}}]), encoding="utf-8")
    title = "Byline standoff"
    common = ["--title", title, "--url", label_studio.url]
    annotations_dir = ["--annotations", str(ROOT / "annotations"), "--texts", str(WIKINEWS)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
        assert main(["studio", "setup", *common]) == 0
        assert main(["studio", "import", str(tasks), *common, *annotations_dir]) == 0
        studio = connect(label_studio.url, label_studio.api_key)
        project = find_project(studio, None, title)
        texts: dict[str, str] = {}
        for task in studio.client.tasks.list(project=project.id, fields="task_only"):
            texts[task.data["doc_id"]] = task.data["text"]
            studio.client.annotations.create(id=task.id, result=_results(task.data["text"]))
        raw = json.loads(export_bytes(studio, project))
        assert main(["studio", "export", "--out", str(work / "exports"), *common, *annotations_dir]) == 0
    (dehydrated,) = (work / "exports").glob("*.json")
    annotations = work / "annotations"
    (annotations / "exports").mkdir(parents=True)
    (annotations / "sources").mkdir()
    (annotations / "sources" / "wikinews.json").write_bytes((ROOT / "annotations" / "sources" / "wikinews.json").read_bytes())
    (annotations / "exports" / dehydrated.name).write_bytes(dehydrated.read_bytes())
    return Standoff(raw, dehydrated, texts, work, annotations)


def test_annotators_saw_the_full_text(standoff: Standoff) -> None:
    rows = {row["url"]: row["text"] for row in wikinews_rows()}
    wikinews = {t["data"]["doc_id"]: t for t in standoff.raw if t["data"]["meta"]["origin"] == "wikinews"}
    assert len(wikinews) == 2
    for doc_id, task in wikinews.items():
        assert standoff.texts[doc_id] == rows[task["data"]["meta"]["url"]]
        assert task["data"]["meta"]["title"]  # the title is shown too


def test_the_export_holds_no_article_text(standoff: Standoff) -> None:
    written = standoff.dehydrated.read_text(encoding="utf-8")
    for task in standoff.raw:
        data = task["data"]
        if data["meta"]["origin"] != "wikinews":
            assert AUTHORED in json.loads(written)[[t["id"] for t in standoff.raw].index(task["id"])]["data"]["text"]
            continue
        for paragraph in data["text"].split("\n"):
            for start in range(0, max(len(paragraph) - 40, 0), 40):
                assert json.dumps(paragraph[start:start + 40])[1:-1] not in written
        assert json.dumps(data["meta"]["title"]) not in written
        for annotation in task["annotations"]:
            for item in annotation["result"]:
                if "text" in item.get("value", {}) and len(item["value"]["text"]) > 12:
                    assert json.dumps(item["value"]["text"])[1:-1] not in written


def test_hydrating_the_dehydrated_export_gives_back_label_studios_export(standoff: Standoff) -> None:
    dry = json.loads(standoff.dehydrated.read_text(encoding="utf-8"))
    assert sum(1 for t in dry if "standoff" in t["data"]) == 2
    library = TextLibrary.for_annotations(ROOT / "annotations", TextsLocation(WIKINEWS))
    wet, warnings = hydrate_tasks(dry, library)
    assert warnings == []
    assert len(wet) == len(standoff.raw)
    renderings = set()
    for got, want in zip(wet, standoff.raw, strict=True):
        assert got["data"] == want["data"]
        assert {k: v for k, v in got.items() if k != "annotations"} == {k: v for k, v in want.items() if k != "annotations"}
        for got_annotation, want_annotation in zip(got["annotations"], want["annotations"], strict=True):
            assert len(got_annotation["result"]) == len(want_annotation["result"]) > 0
            for got_region, want_region in zip(got_annotation["result"], want_annotation["result"], strict=True):
                assert got_region == want_region
        for item in dry[standoff.raw.index(want)]["annotations"][0]["result"]:
            renderings.add(item.get("value", {}).get("text_rendering"))
    assert wet == standoff.raw
    assert {"exact", "backslash-n"} <= renderings


def test_validate_checks_offsets_once_hydrated_and_says_so_without_texts(
        standoff: Standoff, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    args = ["validate", str(standoff.dehydrated), "--annotations", str(ROOT / "annotations")]
    assert main([*args, "--texts", str(WIKINEWS)]) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out and "2 task(s) of wikinews hydrated" in out
    assert main([*args, "--texts", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "note: 2 dehydrated task(s) of source 'wikinews': structure checked, offsets NOT checked" in out
    assert "wikinews_2019.csv" in out and "--download" in out


def test_build_hydrates_and_the_wikinews_config_loads(standoff: Standoff, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    assert main(["build", "--annotations", str(standoff.annotations), "--out", str(tmp_path / "ds"),
                 "--texts", str(WIKINEWS)]) == 0
    wikinews = datasets.load_dataset(str(tmp_path / "ds"), "wikinews")
    rows = [row for split in wikinews.values() for row in split]
    assert sorted(r["id"] for r in rows) == sorted(d for d in standoff.texts if d.startswith("wn-"))
    for row in rows:
        assert row["text"] == standoff.texts[row["id"]] and row["meta"]["origin"] == "wikinews"
        assert row["meta"]["credit"].startswith("Wikinews (https://en.wikinews.org/")
        assert len(row["attributions"]) == 1 and len(row["boilerplate"]) == 1
    authored = datasets.load_dataset(str(tmp_path / "ds"), "authored")
    assert [r["id"] for r in authored["test"]] == ["authored-ferry"]
    assert len(datasets.load_dataset(str(tmp_path / "ds"))["test"]) == 2  # "all", the default


def test_build_without_the_texts_fails_with_one_message_unless_asked(
        standoff: Standoff, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["build", "--annotations", str(standoff.annotations), "--texts", str(tmp_path / "none")]
    assert main([*args, "--out", str(tmp_path / "ds")]) == 1
    err = capsys.readouterr().err
    assert err.count("the texts of source 'wikinews' are missing") == 1
    assert "https://raw.githubusercontent.com/vanatteveldt/wikinews/" in err and "--skip-missing-sources" in err
    assert not (tmp_path / "ds").exists()
    assert main([*args, "--out", str(tmp_path / "ds2"), "--skip-missing-sources"]) == 0
    card = (tmp_path / "ds2" / "README.md").read_text(encoding="utf-8")
    assert "**Left out of this build**: 2 annotated document(s) of source `wikinews`" in card
    manifest = json.loads((tmp_path / "ds2" / "manifest.json").read_text(encoding="utf-8"))
    assert [m["source"] for m in manifest["account"]["sources"]["missing"]] == ["wikinews", "wikinews"]
    assert manifest["splits"] == {"test": manifest["splits"]["test"]} and manifest["splits"]["test"]["documents"] == 1
