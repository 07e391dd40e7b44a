"""Build the Hugging Face dataset directory from checked gold documents.

Layout of the directory (``datasets.load_dataset(dir)`` loads it offline)::

    README.md             dataset card: YAML (configs, splits, features) + generated body
    data/<split>.parquet  one row per document, features as in :func:`features` (config ``all``)
    data/<origin>/<split>.parquet  the same rows, one config per origin (:mod:`byline.origins`)
    gold/<split>.jsonl    the same gold records as JSON (schema/gold_document.schema.json)
    manifest.json         fingerprint, per-split counts and digests, inventory version, account

The output depends only on the input: documents are sorted by id within a split, JSON is
written with sorted keys, and the fingerprint is the SHA-256 of the gold JSONL files.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.exports.store import GoldStore
from byline.inventory import Inventory, load_inventory

SPLITS = ("dev", "test")
"""Byline's splits, fixed by each document's meta.split."""


def features(inventory: Inventory | None = None) -> Any:
    """The explicit ``datasets.Features`` of a dataset row; label names are ``ClassLabel``."""
    from datasets import ClassLabel, Features, List, Value

    inv = inventory or load_inventory()

    def span() -> dict[str, Any]:
        return {"id": Value("string"), "start": Value("int32"), "end": Value("int32")}

    def labelled(layer: str) -> dict[str, Any]:
        return {**span(), "label": ClassLabel(names=list(inv.layer(layer).label_names))}

    def attributes(layer: str) -> dict[str, Any]:
        return {a.name: ClassLabel(names=list(a.values)) for a in inv.layer(layer).attributes}

    return Features({
        "id": Value("string"),
        "text": Value("string"),
        "text_sha256": Value("string"),
        "meta": {
            "title": Value("string"),
            "publisher": Value("string"),
            "url": Value("string"),
            "published": Value("string"),
            "language": Value("string"),
            "license": Value("string"),
            "origin": Value("string"),
            "split": Value("string"),
            "credit": Value("string"),
            "topic": Value("string"),
            "register": Value("string"),
            "features": List(Value("string")),
        },
        "entities": List(labelled("entities")),
        "claims": List({
            **labelled("claims"),
            **attributes("claims"),
            "claimer": {"attribution": Value("string"), "sources": List(Value("string"))},
        }),
        "attributions": List({
            "id": Value("string"),
            "cue": span(),
            "sources": List(span()),
            "contents": List(span()),
            **attributes("attributions"),
        }),
        "boilerplate": List(labelled("boilerplate")),
        "annotation": {
            "task_id": Value("int64"),
            "annotation_id": Value("int64"),
            "annotator": Value("string"),
            "created_at": Value("string"),
            "updated_at": Value("string"),
            "ground_truth": Value("bool"),
            "export_file": Value("string"),
            "other_annotation_ids": List(Value("int64")),
        },
    })


def class_indices(inv: Inventory) -> tuple[dict[str, dict[str, int]], dict[tuple[str, str], dict[str, int]]]:
    index = {layer.name: {name: i for i, name in enumerate(layer.label_names)} for layer in inv.layers.values()}
    values = {
        (layer.name, a.name): {v: i for i, v in enumerate(a.values)}
        for layer in inv.layers.values()
        for a in layer.attributes
    }
    return index, values


Indices = tuple[dict[str, dict[str, int]], dict[tuple[str, str], dict[str, int]]]


def _row(record: dict[str, Any], inv: Inventory, indices: Indices) -> dict[str, Any]:
    """A gold record as a Parquet row: label names become ClassLabel indices."""
    index, values = indices
    meta_keys = ("title", "publisher", "url", "published", "language", "license", "origin", "split",
                 "credit", "topic", "register")
    meta = {key: record["meta"].get(key) for key in meta_keys}
    meta["features"] = list(record["meta"].get("features") or [])
    row = {key: record[key] for key in ("id", "text", "text_sha256", "annotation")}
    row["meta"] = meta
    for layer in ("entities", "boilerplate"):
        row[layer] = [{**item, "label": index[layer][item["label"]]} for item in record[layer]]
    row["claims"] = [
        {
            **item,
            "label": index["claims"][item["label"]],
            **{a.name: values[("claims", a.name)][item[a.name]] for a in inv.layer("claims").attributes},
        }
        for item in record["claims"]
    ]
    row["attributions"] = [
        {**item, **{a.name: values[("attributions", a.name)][item[a.name]] for a in inv.layer("attributions").attributes}}
        for item in record["attributions"]
    ]
    return row


@dataclass
class BuildOutput:
    directory: Path
    fingerprint: str
    splits: dict[str, int]


def write_dataset(
    documents: GoldStore,
    out: Path,
    account: dict[str, Any],
    card: str,
    inventory: Inventory | None = None,
    batch_size: int = 500,
) -> BuildOutput:
    """Write Parquet, gold JSONL, manifest and card (documents sorted by id within a split).

    Records are decoded and converted in batches, so memory grows with a batch, not the corpus.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    inv = inventory or load_inventory()
    schema = features(inv).arrow_schema
    indices = class_indices(inv)
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    by_split: dict[str, list[str]] = {split: [] for split in SPLITS}
    for doc_id in sorted(documents):
        by_split[documents.split_of(doc_id)].append(doc_id)
    digest = hashlib.sha256()
    split_info: dict[str, Any] = {}
    present = [split for split in SPLITS if by_split[split]]
    for split in present:
        ids = by_split[split]
        split_digest = hashlib.sha256()
        by_origin: dict[str, Any] = {}  # origin -> its config's Parquet writer of this split
        with open(out / "gold" / f"{split}.jsonl", "wb") as jsonl, \
                pq.ParquetWriter(out / "data" / f"{split}.parquet", schema, compression="zstd") as parquet:
            try:
                for first in range(0, len(ids), batch_size):
                    rows: list[dict[str, Any]] = []
                    origin_rows: dict[str, list[dict[str, Any]]] = {}
                    for doc_id in ids[first:first + batch_size]:
                        line = documents.raw(doc_id) + b"\n"
                        jsonl.write(line)
                        split_digest.update(line)
                        rows.append(_row(json.loads(line), inv, indices))
                        origin_rows.setdefault(documents.origin_of(doc_id), []).append(rows[-1])
                    parquet.write_table(pa.Table.from_pylist(rows, schema=schema))
                    for origin, part in origin_rows.items():
                        if origin not in by_origin:
                            (out / "data" / origin).mkdir(exist_ok=True)
                            by_origin[origin] = pq.ParquetWriter(out / "data" / origin / f"{split}.parquet", schema,
                                                                 compression="zstd")
                        by_origin[origin].write_table(pa.Table.from_pylist(part, schema=schema))
            finally:
                for writer in by_origin.values():
                    writer.close()
        digest.update(f"{split}\n{split_digest.hexdigest()}\n".encode())
        split_info[split] = {"documents": len(ids), "gold_sha256": split_digest.hexdigest()}
    fingerprint = digest.hexdigest()
    manifest = {
        "name": "byline",
        "fingerprint": fingerprint,
        "fingerprint_rule": "sha256 over 'split\\nsha256(gold/<split>.jsonl)\\n' for the splits in order",
        "inventory_version": inv.version,
        "splits": split_info,
        "account": account,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    (out / "README.md").write_text(card.replace("{{FINGERPRINT}}", fingerprint), encoding="utf-8")
    return BuildOutput(out, fingerprint, {s: len(by_split[s]) for s in present})


def present_splits(documents: Counter[str]) -> list[str]:
    """The splits that hold at least one document (``datasets`` cannot load an empty Parquet
    split), in Byline's split order; ``documents`` counts documents per split."""
    return [split for split in SPLITS if documents.get(split, 0) > 0]
