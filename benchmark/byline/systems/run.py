"""Run a system of :mod:`byline.systems` on a split of a built dataset.

Writes its prediction records (JSONL, one per document, with ``text_sha256``; sorted keys,
UTF-8, ``\\n`` line ends, as ``byline baseline`` writes them) and a system manifest beside them
(``PRED.system.json``: name, version, url, description, settings, models) for
``byline score --system``. A document the system fails on is not skipped: every failure is
collected, and the run ends with one error listing them all (and no predictions file).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.errors import BylineError
from byline.systems import SYSTEMS
from byline.systems.interface import LoadedSystem


@dataclass(frozen=True)
class SystemRun:
    """What one run of a system wrote and how long it took (load and predict, in seconds)."""

    name: str
    predictions: Path
    manifest: Path
    documents: int
    load_seconds: float
    predict_seconds: float
    system: dict[str, Any]
    notes: tuple[str, ...]


def manifest_path(predictions: Path) -> Path:
    """``PRED.jsonl`` -> ``PRED.system.json``."""
    return predictions.with_name(f"{predictions.stem}.system.json")


def predict_documents(
    system: LoadedSystem, documents: list[dict[str, Any]], progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Prediction records for gold documents, in their order; every failure reported at once."""
    records = []
    failures = []
    for document in documents:
        try:
            layers = system.predict(document["text"])
        except BylineError as exc:
            failures.append(f"document {document['id']}: {exc}")
        except Exception as exc:  # a third-party tool's failure on one text: reported with the others
            failures.append(f"document {document['id']}: {system.name} raised {type(exc).__name__}: {exc}")
        else:
            records.append({"id": document["id"], "text_sha256": document["text_sha256"], **layers})
        if progress is not None:
            progress(1)
    if failures:
        raise BylineError(f"{system.name} failed on {len(failures)} of {len(documents)} document(s):\n  "
                          + "\n  ".join(failures))
    return records


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def run_system(
    name: str,
    dataset: Path,
    split: str,
    out: Path,
    progress: Callable[[int], None] | None = None,
    on_loaded: Callable[[int], None] | None = None,
) -> SystemRun:
    """Load system ``name``, run it on ``split`` of ``dataset``, write ``out`` and its manifest.
    ``on_loaded(n)`` is called with the number of documents once the system is loaded;
    ``progress(1)`` after each document."""
    from byline.scoring.gold import iter_gold_records

    started = time.perf_counter()
    system = SYSTEMS[name].load()  # first: a missing extra is said before any other work
    loaded = time.perf_counter()
    documents = list(iter_gold_records(dataset, split))
    predicting = time.perf_counter()
    if on_loaded is not None:
        on_loaded(len(documents))
    records = predict_documents(system, documents, progress)
    finished = time.perf_counter()
    _write_atomically(out, "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records))
    block = system.system_block()
    manifest = manifest_path(out)
    _write_atomically(manifest, json.dumps(block, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return SystemRun(name, out, manifest, len(records), loaded - started, finished - predicting, block,
                     tuple(system.notes()))
