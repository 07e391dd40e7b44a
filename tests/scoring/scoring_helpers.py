"""Small builders shared by the scoring tests: batches from plain tuples, datasets on disk."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from byline.inventory import load_inventory
from byline.scoring.builders import BatchBuilder
from byline.scoring.records import Codes
from byline.scoring.tables import Batch

INV = load_inventory()
CODES = Codes.of(INV)
ENTITY = {name: i for i, name in enumerate(INV.entity_types)}

Span = tuple[int, int]


def builder() -> BatchBuilder:
    return CODES.builder()


def entity_batch(docs: Sequence[Iterable[tuple[int, int, str]]]) -> Batch:
    """One batch; ``docs[d]`` lists (start, end, type) of document d."""
    b = builder()
    for d, items in enumerate(docs):
        for start, end, label in items:
            b.entities.add(d, start, end, ENTITY[label])
    b.n_docs = len(docs)
    return b.build()


def span_batch(layer: str, docs: Sequence[Iterable[tuple[int, ...]]]) -> Batch:
    """Claims or boilerplate: (start, end) or (start, end, label code) or (start, end, label, attr...)."""
    b = builder()
    for d, items in enumerate(docs):
        for item in items:
            start, end, *rest = item
            label = rest[0] if rest else -1
            attrs = tuple(rest[1:])
            target = b.claims if layer == "claims" else b.boilerplate
            if target.width:
                attrs = attrs + (-1,) * (target.width - len(attrs))
            target.add(d, start, end, label, attrs)
    b.n_docs = len(docs)
    return b.build()


def relation_batch(docs: Sequence[Iterable[dict[str, Any]]]) -> Batch:
    """Attributions as dicts: cue (span|None), sources [spans], contents [spans], attrs (codes)."""
    b = builder()
    width = b.attributions.width
    for d, items in enumerate(docs):
        for item in items:
            attrs = tuple(item.get("attrs", ())) + (-1,) * (width - len(item.get("attrs", ())))
            b.attributions.add(d, item.get("cue"), item.get("sources", []), item["contents"], attrs)
    b.n_docs = len(docs)
    return b.build()


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def gold_record(doc_id: str, text: str, split: str = "test", **layers: Any) -> dict[str, Any]:
    """A schema-valid gold record; layers given as prediction-style items get ids added."""
    record: dict[str, Any] = {
        "id": doc_id, "text": text, "text_sha256": sha(text),
        "meta": {"title": doc_id, "publisher": "fixture", "url": None, "published": "2024-01-01",
                 "language": "en", "license": "CC-BY-4.0", "origin": "authored", "split": split},
        "entities": [], "claims": [], "attributions": [], "boilerplate": [],
        "annotation": {"task_id": 1, "annotation_id": 1, "annotator": "fixture", "created_at": None,
                       "updated_at": None, "export_file": "fixture.json", "other_annotation_ids": []},
    }
    counter = 0

    def ident(prefix: str) -> str:
        nonlocal counter
        counter += 1
        return f"{prefix}{counter}"

    def span(s: dict[str, int]) -> dict[str, Any]:
        return {"id": ident("r"), "start": s["start"], "end": s["end"]}

    for item in layers.get("entities", []):
        record["entities"].append({"id": ident("e"), **item})
    for item in layers.get("claims", []):
        record["claims"].append({"id": ident("c"), "label": INV.layer("claims").label_names[0],
                                 "checkworthy": INV.layer("claims").attributes[0].values[0],
                                 "claimer": {"attribution": None, "sources": []}, **item})
    for item in layers.get("attributions", []):
        contents = [span(c) for c in item["contents"]]
        record["attributions"].append({
            "id": contents[0]["id"], "cue": span(item["cue"]) if item.get("cue") else None,
            "sources": [span(s) for s in item.get("sources", [])], "contents": contents,
            **{a.name: item.get(a.name, a.values[0]) for a in INV.layer("attributions").attributes},
        })
    for item in layers.get("boilerplate", []):
        record["boilerplate"].append({"id": ident("b"), **item})
    return record


def write_dataset(directory: Path, splits: dict[str, list[dict[str, Any]]], fingerprint: str = "f" * 64) -> Path:
    """A built-dataset layout: manifest.json and gold/<split>.jsonl."""
    (directory / "gold").mkdir(parents=True, exist_ok=True)
    for split, records in splits.items():
        with open(directory / "gold" / f"{split}.jsonl", "w", encoding="utf-8", newline="\n") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    manifest = {"fingerprint": fingerprint, "inventory_version": INV.version,
                "splits": {split: {"documents": len(records)} for split, records in splits.items()}}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return directory


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
