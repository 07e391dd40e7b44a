"""scripts/run (byline.pipeline) with a standoff source: with its texts everything is built and
the real-news boards come first; without them the shipped documents are built and the run says
what is missing and how to add it. The source and its texts are made up in a temporary folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from byline.pipeline import run
from byline.sources import TextsLocation, dehydrate_tasks, read_declarations
from byline.studio.results import records_to_results
from source_helpers import ARTICLES, hydrated_task, make_source

REPO = Path(__file__).resolve().parents[1]


def _annotated_export(annotations: Path) -> None:
    """A dehydrated Label Studio export of the made-up articles, one annotation each."""
    tasks = []
    for n, article in enumerate(ARTICLES):
        text = article["text"]
        city = next(c for c in ("OSLO", "Bergen") if c in text)
        start = text.index(city)
        record = {"entities": [{"start": start, "end": start + len(city), "label": "GPE"}],
                  "claims": [], "attributions": [], "boilerplate": []}
        task = {"id": 900 + n, **hydrated_task(article, f"wn-made-up-{n}"),
                "annotations": [{"id": 9000 + n, "completed_by": 1, "result": records_to_results(record, text),
                                 "was_cancelled": False, "ground_truth": True, "created_at": "2026-12-01T00:00:00Z",
                                 "updated_at": "2026-12-01T00:00:00Z"}],
                "drafts": [], "predictions": []}
        tasks.append(task)
    dry = dehydrate_tasks(tasks, read_declarations(annotations))
    (annotations / "exports" / "standoff.json").write_text(json.dumps(dry, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(REPO / "annotations", tmp_path / "repo" / "annotations")
    # the shipped Wikinews standoff documents are left out: this test's source is a made-up one
    copied = tmp_path / "repo" / "annotations"
    for leftover in [copied / "sources" / "wikinews.json", *(copied / "tasks").glob("wn-*.json"),
                     *(copied / "exports").glob("byline-wikinews-*.json")]:
        leftover.unlink()
    annotations, texts = make_source(tmp_path / "repo")
    _annotated_export(annotations)
    return tmp_path / "repo", texts


def test_without_the_texts_the_shipped_documents_are_built_and_the_run_says_what_is_missing(
        root: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    repo, _ = root
    assert run(repo, TextsLocation(repo / "no-texts")) == 0
    err = capsys.readouterr().err
    assert "newswire: texts MISSING; its 2 standoff document(s) are left out of this build" in err
    assert "Built without some documents: the texts of source 'newswire' are missing" in err
    assert "newswire.csv" in err and "--texts" in err
    card = (repo / "build" / "dataset" / "README.md").read_text(encoding="utf-8")
    assert "**Left out of this build**: 2 annotated document(s) of source `newswire`" in card
    assert (repo / "build" / "leaderboard" / "leaderboard.md").is_file()


def test_with_the_texts_everything_is_built_and_real_news_ranks_first(
        root: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    datasets = pytest.importorskip("datasets")
    repo, texts = root
    assert run(repo, TextsLocation(texts)) == 0
    err = capsys.readouterr().err
    assert "newswire: 2 documents (--texts, sha256 checked)" in err and "Built without" not in err
    real = datasets.load_dataset(str(repo / "build" / "dataset"), "wikinews")
    assert sorted(r["id"] for split in real.values() for r in split) == ["wn-made-up-0", "wn-made-up-1"]
    card = (repo / "build" / "dataset" / "README.md").read_text(encoding="utf-8")
    assert "| label | definition | dev | test | `wikinews` | `authored` | `seed` | total |" in card
    assert "|  | `wikinews` | `authored` | `seed` |" in card  # the comparison table, real news first
    assert "- config_name: wikinews" in card and "Left out" not in card
    board = (repo / "build" / "leaderboard" / "leaderboard.md").read_text(encoding="utf-8")
    headings = [line for line in board.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Real news (Wikinews) — `wikinews`" and headings[-1].endswith("`all`")
