"""The Hub metadata of the dataset card: the YAML front matter of the built dataset's README.md.

It declares what the Hugging Face Hub shows and filters on (language, licence, task categories
and ids, size category, who made the annotations and the language, source datasets,
multilinguality) and what ``datasets`` loads: one config per origin of the documents present
(``seed``, ``authored``, ``wikinews`` …) beside the ``all`` config of every document (the default), each with
its splits and the explicit features. Everything that depends on the corpus is derived from the
documents (:class:`CorpusFacets`), so a new origin becomes a config without touching this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from byline.dataset import SPLITS, features, origin_data_path, split_data_path
from byline.inventory import Inventory
from byline.origins import ALL, ordered_origins

DEFAULT_CONFIG = ALL
"""The config of every document (the default), named as in the issue and the README."""

LANGUAGE_CREATORS = {"seed": "found", "wikinews": "found", "authored": "machine-generated"}
"""How the text of each origin came about, in the Hub's vocabulary: ``found`` for published news,
``machine-generated`` for the articles written for the corpus by AI assistant sessions."""

TASK_CATEGORIES = ["token-classification", "text-classification"]
TASK_IDS = ["named-entity-recognition", "fact-checking"]
TAGS = ["news", "fact-checking", "attribution", "claims", "boilerplate-removal", "named-entity-recognition"]


@dataclass
class CorpusFacets:
    """What the metadata needs to know about the documents: counts per origin and split, and
    the languages (``meta.language``) present."""

    origin_splits: Counter[tuple[str, str]] = field(default_factory=Counter)
    languages: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, records: Iterable[Mapping[str, Any]]) -> CorpusFacets:
        facets = cls()
        for record in records:
            meta = record["meta"]
            facets.origin_splits[(meta["origin"], meta["split"])] += 1
            if meta.get("language"):
                facets.languages.add(meta["language"])
        return facets

    @property
    def origins(self) -> list[str]:
        return ordered_origins({origin for origin, _ in self.origin_splits})

    def documents(self, origin: str | None = None) -> dict[str, int]:
        """Documents per split (of one origin, or of all), for the splits that have any, in order."""
        counts = {split: sum(n for (o, s), n in self.origin_splits.items() if s == split and origin in (None, o))
                  for split in SPLITS}
        return {split: n for split, n in counts.items() if n}


def size_category(n: int) -> str:
    """The Hub's ``size_categories`` bucket for ``n`` examples."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "n>1M"


def configs(facets: CorpusFacets) -> list[dict[str, Any]]:
    """``all`` (every document, the default) and one config per origin (real news first), with their Parquet files by split."""
    out = [{
        "config_name": DEFAULT_CONFIG,
        "default": True,
        "data_files": [{"split": split, "path": split_data_path(split)} for split in facets.documents()],
    }]
    for origin in facets.origins:
        out.append({
            "config_name": origin,
            "data_files": [{"split": split, "path": origin_data_path(origin, split)}
                           for split in facets.documents(origin)],
        })
    return out


def card_data(facets: CorpusFacets, inventory: Inventory) -> Any:
    """The card's metadata as ``huggingface_hub.DatasetCardData``."""
    from datasets import DatasetInfo, SplitDict, SplitInfo
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCardData

    def info(origin: str | None) -> DatasetInfo:
        splits = SplitDict()
        for split, n in facets.documents(origin).items():
            splits.add(SplitInfo(name=split, num_examples=n))
        return DatasetInfo(features=features(inventory), splits=splits)

    languages = sorted(facets.languages) or ["en"]
    card = DatasetCardData(
        pretty_name="Byline",
        language=languages,
        license="other",
        license_name="mixed",
        license_details="Each document carries its own licence in meta.license: authored documents CC BY 4.0; "
                        "Wikinews articles CC BY 2.5 (texts hydrated from the pinned source, credit Wikinews and "
                        "the article's URL; Byline added the annotations); the seed under its publisher's terms "
                        "(see the card's provenance section).",
        annotations_creators=["machine-generated"],
        language_creators=sorted({LANGUAGE_CREATORS.get(origin, "other") for origin in facets.origins}),
        multilinguality=["monolingual" if len(languages) == 1 else "multilingual"],
        size_categories=[size_category(sum(facets.origin_splits.values()))],
        source_datasets=["original"],
        task_categories=TASK_CATEGORIES,
        task_ids=TASK_IDS,
        tags=TAGS,
        configs=configs(facets),
    )
    infos = {DEFAULT_CONFIG: info(None), **{origin: info(origin) for origin in facets.origins}}
    DatasetInfosDict(infos).to_dataset_card_data(card)
    return card


def card_yaml(facets: CorpusFacets, inventory: Inventory) -> str:
    """The YAML front matter (without the ``---`` fences)."""
    return str(card_data(facets, inventory).to_yaml())
