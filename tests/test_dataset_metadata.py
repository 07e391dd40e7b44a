"""The built dataset's standard metadata: the card's Hub YAML (read back with huggingface_hub's
own DatasetCard, offline) and croissant.json (read back with mlcroissant, records included)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from byline.build import build_dataset
from byline.card_metadata import CorpusFacets, card_yaml, size_category
from byline.inventory import load_inventory
from byline.origins import ordered_origins

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dataset") / "dataset"
    result = build_dataset(ROOT / "annotations", out, progress=False)
    assert result.output is not None
    return out


def gold_records(directory: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted((directory / "gold").glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]


def test_card_metadata_reads_back_with_huggingface_hub(built: Path) -> None:
    from huggingface_hub import DatasetCard

    data = DatasetCard.load(built / "README.md").data
    records = gold_records(built)
    assert data.size_categories == [size_category(len(records))] == ["n<1K"]
    assert data.task_categories == ["token-classification", "text-classification"]
    assert data.task_ids == ["named-entity-recognition", "fact-checking"]
    assert data.annotations_creators == ["machine-generated"]  # AI assistant sessions annotated it
    assert data.language_creators == ["found", "machine-generated"]  # the seed is found news
    assert data.source_datasets == ["original"]
    assert data.multilinguality == ["monolingual"] and data.language == ["en"]
    origins = ordered_origins({r["meta"]["origin"] for r in records})  # real news first
    assert [c["config_name"] for c in data.configs] == ["all", *origins]
    assert sorted(i["config_name"] for i in data.dataset_info) == sorted(["all", *origins])


def test_every_origin_config_loads_its_documents(built: Path) -> None:
    import datasets

    records = gold_records(built)
    expected = Counter((r["meta"]["origin"], r["meta"]["split"]) for r in records)
    for origin in sorted({origin for origin, _ in expected}):
        loaded = datasets.load_dataset(str(built), origin)
        got = {(origin, split): len(rows) for split, rows in loaded.items()}
        assert got == {key: n for key, n in expected.items() if key[0] == origin}
        assert all(row["meta"]["origin"] == origin for rows in loaded.values() for row in rows)
    default = datasets.load_dataset(str(built))
    assert sum(len(rows) for rows in default.values()) == len(records)


def _record(doc: str, origin: str, split: str) -> dict[str, Any]:
    return {"id": doc, "meta": {"origin": origin, "split": split, "language": "en"}}


def test_a_new_origin_becomes_a_config_without_code_changes() -> None:
    from huggingface_hub import DatasetCard

    records = [_record("a", "authored", "test"), _record("w1", "wikinews", "test"), _record("w2", "wikinews", "dev")]
    card = DatasetCard(f"---\n{card_yaml(CorpusFacets.of(records), load_inventory()).rstrip()}\n---\n")
    configs = {c["config_name"]: c["data_files"] for c in card.data.configs}
    assert configs["wikinews"] == [{"split": "dev", "path": "data/wikinews/dev.parquet"},
                                   {"split": "test", "path": "data/wikinews/test.parquet"}]
    assert configs["authored"] == [{"split": "test", "path": "data/authored/test.parquet"}]
    info = {i["config_name"]: {s["name"]: s["num_examples"] for s in i["splits"]} for i in card.data.dataset_info}
    assert info == {"all": {"dev": 1, "test": 2}, "authored": {"test": 1}, "wikinews": {"dev": 1, "test": 1}}


@pytest.mark.parametrize(("n", "bucket"), [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (10**6, "n>1M")])
def test_size_category_buckets(n: int, bucket: str) -> None:
    assert size_category(n) == bucket


def test_croissant_loads_with_mlcroissant_and_reads_every_document(built: Path) -> None:
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(built / "croissant.json"))
    assert dataset.metadata.issues.errors == set()
    records = gold_records(built)
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["fingerprint"] in dataset.metadata.cite_as
    assert sorted(dataset.metadata.license) == sorted({r["meta"]["license"] for r in records})
    read = list(dataset.records("documents"))
    by_id = {r["id"]: r for r in records}
    assert sorted(row["documents/id"].decode() for row in read) == sorted(by_id)
    names = load_inventory().layer("entities").label_names
    for row in read:
        gold = by_id[row["documents/id"].decode()]
        assert row["documents/text"].decode() == gold["text"]
        assert row["documents/split"].decode() == gold["meta"]["split"]
        entities = [(e["documents/entities/start"], e["documents/entities/end"],
                     names[e["documents/entities/label"]]) for e in row["documents/entities"] or []]
        assert sorted(entities) == sorted((e["start"], e["end"], e["label"]) for e in gold["entities"])


def test_croissant_names_every_file_with_its_digest(built: Path) -> None:
    description = json.loads((built / "croissant.json").read_text(encoding="utf-8"))
    objects = [d for d in description["distribution"] if d["@type"] == "cr:FileObject"]
    assert sorted(d["contentUrl"] for d in objects) == sorted(
        str(p.relative_to(built)) for p in [*built.glob("data/*.parquet"), *built.glob("gold/*.jsonl")])
    for item in objects:
        assert item["sha256"] == hashlib.sha256((built / item["contentUrl"]).read_bytes()).hexdigest()
