"""Property: any valid annotation round-trips export → validate → build → load_dataset with
identical spans, on texts with emoji and other non-BMP characters, CRLF line endings, tabs,
combining characters and right-to-left script (offsets are code points throughout)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.build import build_dataset
from byline.exports.validate import validate_exports
from byline.inventory import load_inventory
from byline.studio.results import records_to_results

INV = load_inventory()
ALPHABET = st.sampled_from(
    ["a", "b", "Z", " ", " ", ".", "\u201c", "\u201d", "\r\n", "\n", "\t", "\U0001F600", "\U0001D400",
     "e\u0301", "\u05e9", "\u0644\u0627", "\u00a0", "\u2014", "\u00e9"]
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    text = "".join(draw(st.lists(ALPHABET, min_size=20, max_size=120)))
    n = len(text)
    cuts = sorted(set(draw(st.lists(st.integers(0, n), min_size=2, max_size=24))))
    segments = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]

    def pick(k: int) -> list[tuple[int, int]]:
        if not segments:
            return []
        idx = draw(st.lists(st.integers(0, len(segments) - 1), max_size=k, unique=True))
        return [segments[i] for i in sorted(idx)]

    entities = [{"start": a, "end": b, "label": draw(st.sampled_from(INV.entity_types))} for a, b in pick(6)]
    claim_attr = INV.layer("claims").attributes[0]
    claims = [{"start": a, "end": b, "checkworthy": draw(st.sampled_from(claim_attr.values))} for a, b in pick(3)]
    contents_pool = pick(4)
    attributions = []
    used: set[tuple[int, int]] = set()
    for a, b in contents_pool:
        if (a, b) in used:
            continue
        used.add((a, b))
        sources = pick(2)
        cue = draw(st.sampled_from([None, *pick(1)]))
        attributions.append({
            "cue": {"start": cue[0], "end": cue[1]} if cue else None,
            "sources": [{"start": s, "end": e} for s, e in sources],
            "contents": [{"start": a, "end": b}],
            **{attr.name: draw(st.sampled_from(attr.values)) for attr in INV.layer("attributions").attributes},
        })
    boilerplate = [{"start": a, "end": b, "label": draw(st.sampled_from(INV.boilerplate_types))} for a, b in pick(2)]
    record = {"entities": entities, "claims": claims, "attributions": attributions, "boilerplate": boilerplate}
    return text, record


def _export(tmp: Path, docs: list[tuple[str, dict[str, Any]]]) -> Path:
    tasks = []
    for i, (text, record) in enumerate(docs, start=1):
        tasks.append({
            "id": i,
            "data": {"doc_id": f"doc-{i:03d}", "text": text, "meta": {
                "title": "t", "publisher": "p", "url": None, "published": "2026-01-01", "language": "en",
                "license": "CC BY 4.0", "origin": "authored", "split": "test" if i % 3 else "dev"}},
            "annotations": [{"id": 100 + i, "completed_by": 1, "result": records_to_results(record, text),
                             "was_cancelled": False, "ground_truth": False,
                             "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}],
        })
    exports = tmp / "annotations" / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    path = exports / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def _span_set(record: dict[str, Any]) -> dict[str, Any]:
    def spans(items: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
        return sorted((i["start"], i["end"], *(i[k] for k in keys)) for i in items)

    return {
        "entities": spans(record["entities"], "label"),
        "claims": spans(record["claims"], "checkworthy"),
        "boilerplate": spans(record["boilerplate"], "label"),
        "attributions": sorted(
            (
                tuple((c["start"], c["end"]) for c in a["contents"]),
                tuple(sorted((s["start"], s["end"]) for s in a["sources"])),
                (a["cue"]["start"], a["cue"]["end"]) if a["cue"] else None,
                a["type"], a["stance"],
            )
            for a in record["attributions"]
        ),
    }


def _dedupe(record: dict[str, Any]) -> dict[str, Any]:
    """Identical regions of one layer are one region in Label Studio."""
    out = dict(record)
    for layer in ("entities", "boilerplate"):
        seen: dict[tuple[int, int, str], dict[str, Any]] = {}
        for item in record[layer]:
            seen.setdefault((item["start"], item["end"], item["label"]), item)
        out[layer] = list(seen.values())
    claims: dict[tuple[int, int], dict[str, Any]] = {}
    for item in record["claims"]:
        claims.setdefault((item["start"], item["end"]), item)
    out["claims"] = list(claims.values())
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_validate_and_convert_keep_every_span(tmp_path: Path, doc: tuple[str, dict[str, Any]]) -> None:
    text, record = doc
    path = _export(tmp_path, [doc])
    report = validate_exports([path])
    assert report.errors == []
    gold = report.documents["doc-001"]
    assert gold["text"] == text
    assert _span_set(gold) == _span_set(_dedupe(record))
    for layer in ("entities", "claims", "boilerplate"):
        for item in gold[layer]:
            assert 0 <= item["start"] < item["end"] <= len(text)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(documents(), min_size=1, max_size=4))
def test_build_and_load_dataset_keep_every_span(tmp_path_factory: pytest.TempPathFactory,
                                                docs: list[tuple[str, dict[str, Any]]]) -> None:
    import datasets

    tmp = tmp_path_factory.mktemp("roundtrip")
    _export(tmp, docs)
    out = tmp / "dataset"
    result = build_dataset(tmp / "annotations", out, strict=False, progress=False)
    assert result.output is not None, [str(p) for p in result.report.problems]
    loaded = datasets.load_dataset(str(out), cache_dir=str(tmp / "cache"))
    rows = {row["id"]: row for split in loaded for row in loaded[split]}
    assert len(rows) == len(docs)
    feats = next(iter(loaded.values())).features
    entity_names = feats["entities"].feature["label"].names
    for i, (text, record) in enumerate(docs, start=1):
        row = rows[f"doc-{i:03d}"]
        assert row["text"] == text
        expected = _dedupe(record)
        got = sorted((e["start"], e["end"], entity_names[e["label"]]) for e in row["entities"])
        assert got == sorted((e["start"], e["end"], e["label"]) for e in expected["entities"])
        for e in row["entities"]:
            assert row["text"][e["start"]:e["end"]] == text[e["start"]:e["end"]]
        assert len(row["attributions"]) == len(expected["attributions"])


def test_build_is_deterministic(tmp_path: Path) -> None:
    docs = [("Ana said \U0001F600 no.\r\nYes\tagain \u05e9\u05dc\u05d5\u05dd", {
        "entities": [{"start": 0, "end": 3, "label": "PERSON"}],
        "claims": [{"start": 11, "end": 14, "checkworthy": "no"}],
        "attributions": [{"cue": {"start": 4, "end": 8}, "sources": [{"start": 0, "end": 3}],
                          "contents": [{"start": 9, "end": 14}], "type": "indirect", "stance": "denies"}],
        "boilerplate": [],
    })]
    _export(tmp_path, docs)
    first = build_dataset(tmp_path / "annotations", tmp_path / "a", progress=False)
    second = build_dataset(tmp_path / "annotations", tmp_path / "b", progress=False)
    assert first.output and second.output
    assert first.output.fingerprint == second.output.fingerprint
    for name in ("gold/test.jsonl", "gold/dev.jsonl", "manifest.json", "README.md", "data/test.parquet"):
        a, b = tmp_path / "a" / name, tmp_path / "b" / name
        assert a.exists() == b.exists()
        if a.exists():
            assert a.read_bytes() == b.read_bytes(), name
