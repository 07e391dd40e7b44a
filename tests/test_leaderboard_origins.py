"""Boards per origin: real news first, authored stress tests on their own, then all documents;
scores recomputed from the subset's per-document counts; old result files still load."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from byline.leaderboard.origins import build_origin_leaderboards, restrict, subsets
from byline.leaderboard.render import (
    to_csv_by_origin,
    to_json_by_origin,
    to_markdown_by_origin,
    write_origin_leaderboards,
)
from byline.leaderboard.results import parse_result, read_result
from byline.leaderboard.significance import SignificanceSettings
from byline.scoring.scorer import SCORER_VERSION

RESULTS = Path(__file__).resolve().parent / "data" / "results"
SETTINGS = SignificanceSettings(trials=200)
ORIGINS = {"fjord-fine": "wikinews", "bridge-toll": "authored", "quiet-week": "wikinews", "empty-brief": "authored"}


def _record(name: str, origins: dict[str, str] | None = ORIGINS) -> dict[str, Any]:
    record: dict[str, Any] = json.loads((RESULTS / "1.1" / "fixture-system.json").read_text(encoding="utf-8"))
    record["system"]["name"] = name
    for document in record["documents"]:
        if origins is None:
            document.pop("origin", None)
        else:
            document["origin"] = origins[document["id"]]
    return record


def _weaker(record: dict[str, Any]) -> dict[str, Any]:
    """The same system with its boilerplate credit halved on every document (a different score)."""
    out = copy.deepcopy(record)
    out["system"]["name"] = "weaker"
    columns = out["document_columns"]["boilerplate"]
    shared = columns.index("chars_shared")
    for document in out["documents"]:
        document["boilerplate"][shared] = document["boilerplate"][shared] // 2
    from byline.leaderboard.results import installed_scorers

    scorer = installed_scorers()["boilerplate"]
    sums = np.asarray([d["boilerplate"] for d in out["documents"]], dtype=float).sum(axis=0)[None, :]
    out["layers"]["boilerplate"]["primary"] = float(scorer.statistics(sums)[scorer.primary_metric][0])
    out["overall"] = None
    out["overall_ci95"] = None
    return out


def test_result_files_read_their_documents_origins() -> None:
    assert read_result(RESULTS / "1.1" / "fixture-system.json").origins == ("authored",) * 4
    assert read_result(RESULTS / "1.0" / "fixture-system.json").origins == ()


def test_subsets_put_real_news_first_then_all() -> None:
    mixed = parse_result(_record("a"))
    assert subsets([mixed]) == ["wikinews", "authored", "all"]
    assert subsets([parse_result(_record("a", {k: "authored" for k in ORIGINS}))]) == ["authored"]
    assert subsets([parse_result(_record("a", None))]) == ["all"]
    old = read_result(RESULTS / "1.0" / "fixture-system.json")
    assert subsets([mixed, old]) == ["all"]  # a 1.0 file among them: the whole split only


def test_a_subset_is_scored_from_its_own_documents_counts() -> None:
    result = parse_result(_record("a"))
    real = restrict(result, "wikinews")
    assert real.document_ids == ("fjord-fine", "quiet-week")
    from byline.leaderboard.results import installed_scorers

    for name, layer in real.layers.items():
        scorer = installed_scorers()[name]
        rows = [i for i, d in enumerate(result.document_ids) if ORIGINS[d] == "wikinews"]
        expected = scorer.statistics(result.layers[name].per_doc[rows].sum(axis=0)[None, :])[scorer.primary_metric][0]
        assert layer.primary == pytest.approx(float(expected))
        assert layer.per_doc.shape[0] == 2
        assert layer.ci95 is None or layer.ci95[0] <= layer.primary + 1e-9
    assert real.overall == pytest.approx(float(np.mean([layer.primary for layer in real.layers.values()])))
    authored = restrict(result, "authored")
    assert authored.layers["boilerplate"].primary != real.layers["boilerplate"].primary  # really different documents


def test_boards_per_origin_are_rendered_real_news_first(tmp_path: Path) -> None:
    results = [parse_result(_record("a")), parse_result(_weaker(_record("a")))]
    boards = build_origin_leaderboards(results, SETTINGS)
    assert [b.subset for b in boards] == ["wikinews", "authored", "all"]
    assert [b.leaderboard.documents for b in boards] == [2, 2, 4]
    whole = boards[2].leaderboard.board("boilerplate")
    assert whole["score"].to_list()[0] == pytest.approx(results[0].layers["boilerplate"].primary)
    markdown = to_markdown_by_origin(boards)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## Real news (Wikinews) — `wikinews`", "## Authored stress tests — `authored`",
                        "## All documents of the split — `all`"]
    assert markdown.index("### Overall") < markdown.index("## Authored")
    csv = to_csv_by_origin(boards).splitlines()
    assert csv[0].startswith("subset,board,rank,system")
    assert {line.split(",")[0] for line in csv[1:]} == {"wikinews", "authored", "all"}
    record = json.loads(to_json_by_origin(boards))
    assert record["subset"] == "wikinews" and [r["subset"] for r in record["by_origin"]] == ["wikinews", "authored", "all"]
    assert record["dataset"]["documents"] == 2
    written = write_origin_leaderboards(boards, tmp_path)
    assert {p.name for p in written.values()} == {"leaderboard.md", "leaderboard.csv", "leaderboard.json",
                                                  "leaderboard.html", "leaderboard-authored.html", "leaderboard-all.html"}
    headline = written["html"].read_text(encoding="utf-8")
    assert "<h1>Byline leaderboard: Real news (Wikinews)</h1>" in headline
    assert '<a href="leaderboard-authored.html">Authored stress tests</a>' in headline
    assert '<a href="leaderboard.html">Real news (Wikinews)</a>' in written["html-authored"].read_text(encoding="utf-8")


def test_an_old_result_file_gives_the_boards_as_before() -> None:
    from byline.leaderboard.render import to_markdown
    from byline.leaderboard.table import build_leaderboard

    old = read_result(RESULTS / "1.0" / "fixture-system.json")
    if old.scorer_version != SCORER_VERSION:
        pytest.skip("the 1.0 fixture was scored by another scorer version")
    boards = build_origin_leaderboards([old], SETTINGS)
    assert [b.subset for b in boards] == ["all"]
    assert to_markdown_by_origin(boards) == to_markdown(build_leaderboard([old], SETTINGS))


def test_each_set_of_boards_gets_the_agreement_of_its_own_documents() -> None:
    from byline.leaderboard.reference import parse_agreement
    from leaderboard_helpers import agreement_record

    results = [parse_result(_record("mine"), "mine.json")]
    everything = parse_agreement(agreement_record({"entities": 0.9, "claims": 0.8, "attributions": 0.85,
                                                   "boilerplate": 0.95}), "all.json")
    real = parse_agreement({**agreement_record({"entities": 0.97, "claims": 0.93, "attributions": 0.88,
                                                "boilerplate": 1.0}), "origin": "wikinews"}, "wikinews.json")
    boards = {board.subset: board.leaderboard for board in build_origin_leaderboards(results, SETTINGS,
                                                                                     [everything, real])}
    assert real.origin == "wikinews" and everything.origin is None
    assert boards["wikinews"].agreement is real
    assert boards["authored"].agreement is None  # no agreement was measured over the authored documents
    assert boards["all"].agreement is everything
    # one reference alone (an older agreement file, no origin) still goes on the whole split's boards
    single = {board.subset: board.leaderboard for board in build_origin_leaderboards(results, SETTINGS, everything)}
    assert single["all"].agreement is everything and single["wikinews"].agreement is None
