"""Compact storage of converted gold records, and corpus statistics gathered on the way.

A build may convert a million regions; keeping every record as Python dicts would cost gigabytes.
:class:`GoldStore` keeps each record as its canonical JSON bytes (sorted keys, no spaces, the
same bytes ``gold/<split>.jsonl`` gets) and decodes on access; :class:`CorpusStats` counts what
the dataset card reports while records are added, so nothing has to walk the corpus again.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from byline.origins import OriginStats


def canonical_json(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass
class CorpusStats:
    """Counts per split of documents, words, and items per (layer, label)."""

    documents: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    labels: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (split, layer, label)
    claims: Counter[str] = field(default_factory=Counter)
    authorial_claims: Counter[str] = field(default_factory=Counter)
    attributions_no_source: Counter[str] = field(default_factory=Counter)
    attributions_no_cue: Counter[str] = field(default_factory=Counter)
    attributions_multipart: Counter[str] = field(default_factory=Counter)
    origins: Counter[str] = field(default_factory=Counter)
    licenses: Counter[str] = field(default_factory=Counter)
    annotators: set[str] = field(default_factory=set)
    by_origin: dict[str, OriginStats] = field(default_factory=dict)
    origin_splits: Counter[tuple[str, str]] = field(default_factory=Counter)  # (origin, split) -> documents

    def add(self, record: dict[str, Any], sign: int = 1) -> None:
        split = record["meta"]["split"]
        origin = record["meta"]["origin"]
        self.by_origin.setdefault(origin, OriginStats()).add(record, sign)
        self.origin_splits[(origin, split)] += sign
        self.documents[split] += sign
        self.words[split] += sign * len(record["text"].split())
        for layer in ("entities", "claims", "boilerplate"):
            for item in record[layer]:
                self.labels[(split, layer, item["label"])] += sign
        for claim in record["claims"]:
            self.claims[split] += sign
            if claim["claimer"]["attribution"] is None:
                self.authorial_claims[split] += sign
        for attribution in record["attributions"]:
            self.labels[(split, "attributions", attribution["type"])] += sign
            self.attributions_no_source[split] += sign * (not attribution["sources"])
            self.attributions_no_cue[split] += sign * (attribution["cue"] is None)
            self.attributions_multipart[split] += sign * (len(attribution["contents"]) > 1)
        self.origins[record["meta"]["origin"]] += sign
        self.licenses[record["meta"]["license"]] += sign
        if sign > 0:
            self.annotators.add(record["annotation"]["annotator"])


class GoldStore(Mapping[str, dict[str, Any]]):
    """doc id -> gold record, held as canonical JSON bytes; also tracks split and statistics."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}
        self._split: dict[str, str] = {}
        self._origin: dict[str, str] = {}
        self.stats = CorpusStats()

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        record: dict[str, Any] = json.loads(self._data[doc_id])
        return record

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def put(self, record: dict[str, Any], raw: bytes | None = None) -> None:
        """Store ``record``; ``raw``, when given, must be its :func:`canonical_json` (saves encoding it again)."""
        doc_id = record["id"]
        if doc_id in self._data:
            self.pop(doc_id)
        self._data[doc_id] = canonical_json(record) if raw is None else raw
        self._split[doc_id] = record["meta"]["split"]
        self._origin[doc_id] = record["meta"]["origin"]
        self.stats.add(record)

    def pop(self, doc_id: str) -> None:
        self.stats.add(self[doc_id], sign=-1)
        del self._data[doc_id]
        del self._split[doc_id]
        del self._origin[doc_id]

    def split_of(self, doc_id: str) -> str:
        return self._split[doc_id]

    def origin_of(self, doc_id: str) -> str:
        return self._origin[doc_id]

    def raw(self, doc_id: str) -> bytes:
        """The canonical JSON bytes of one record (no trailing newline)."""
        return self._data[doc_id]
