"""A cache of gold splits in compact columns, so that scoring many systems against the same
gold parses its JSONL once.

An entry is keyed by the SHA-256 of the gold file's bytes, of ``schema/labels.json`` (label
codes are positions in it) and of this module's format version, so an edited gold file or
inventory is never served stale. Entries live in ``$BYLINE_CACHE_DIR`` (default
``$XDG_CACHE_HOME/byline`` or ``~/.cache/byline``; ``BYLINE_CACHE_DIR=off`` disables it), as
uncompressed ``.npz`` files. Only gold files of at least :data:`MIN_BYTES` are cached: small
ones parse faster than a cache could help. Any failure to read or write an entry is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from byline.resources import schema_dir
from byline.scoring.tables import Batch, PartTable, RelationTable, SpanTable
from byline.texts import file_sha256

FORMAT = "byline-gold-cache-1"
MIN_BYTES = 8 << 20
ENV = "BYLINE_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "byline"


def entry_path(gold_file: Path, gold_sha256: str) -> Path | None:
    """The entry for a gold file with this digest, or None when it is not to be cached."""
    directory = cache_dir()
    if directory is None or gold_file.stat().st_size < MIN_BYTES:
        return None
    labels = file_sha256(schema_dir() / "labels.json")
    key = hashlib.sha256(f"{FORMAT}\n{gold_sha256}\n{labels}\n".encode()).hexdigest()
    return directory / "gold" / f"{key}.npz"


def _span_arrays(prefix: str, table: SpanTable) -> dict[str, Any]:
    return {f"{prefix}.{name}": getattr(table, name) for name in ("doc", "start", "end", "label", "attrs")}


def _span_table(prefix: str, data: Any) -> SpanTable:
    return SpanTable(*(np.asarray(data[f"{prefix}.{name}"]) for name in ("doc", "start", "end", "label", "attrs")))


_RELATION = ("doc", "cue_start", "cue_end", "attrs", "contents_key", "sources_key")
_PART = ("rel", "start", "end")


def save(path: Path, meta: dict[str, Any], ids: list[str], text_length: Any, text_sha256: Any, batch: Batch) -> None:
    arrays: dict[str, Any] = {
        "meta": np.array(json.dumps(meta)),
        "ids": np.array(ids, dtype=str),
        "text_length": text_length,
        "text_sha256": text_sha256,
        **_span_arrays("entities", batch.entities),
        **_span_arrays("claims", batch.claims),
        **_span_arrays("boilerplate", batch.boilerplate),
        **{f"attributions.{name}": getattr(batch.attributions, name) for name in _RELATION},
        **{f"contents.{name}": getattr(batch.attributions.contents, name) for name in _PART},
        **{f"sources.{name}": getattr(batch.attributions.sources, name) for name in _PART},
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npz")
        np.savez(tmp, **arrays)
        os.replace(tmp, path)
    except OSError:
        return


def load(path: Path) -> tuple[dict[str, Any], list[str], Any, Any, Batch] | None:
    """(meta, ids, text lengths, text digests, batch), or None when there is no usable entry."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta: dict[str, Any] = json.loads(str(data["meta"]))
            ids = data["ids"].tolist()
            columns = {name: np.asarray(data[f"attributions.{name}"]) for name in _RELATION}
            attributions = RelationTable(
                **columns,
                contents=PartTable(*(np.asarray(data[f"contents.{name}"]) for name in _PART)),
                sources=PartTable(*(np.asarray(data[f"sources.{name}"]) for name in _PART)),
            )
            batch = Batch(
                len(ids), _span_table("entities", data), _span_table("claims", data), attributions,
                _span_table("boilerplate", data),
            )
            return meta, ids, np.asarray(data["text_length"]), np.asarray(data["text_sha256"]), batch
    except (OSError, ValueError, KeyError, TypeError):
        return None
