"""The result file of ``byline score``: build, check, write and read it.

A result file (``schema/result.schema.json``) is versioned by ``schema_version``
(``major.minor``; a minor version only adds optional fields, so any ``1.x`` file loads). It
holds the scores, their intervals, the settings that produced them, the gold dataset's
fingerprint and split, the predictions' SHA-256, a system block, and the per-document counts
from which every micro metric (and any paired comparison of systems) can be recomputed.
Old result files are kept under ``tests/data/results/`` so that they stay loadable.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import numpy as np

from byline import __version__
from byline.errors import BylineError, UsageError
from byline.resources import load_json
from byline.scoring.bootstrap import BootstrapSettings
from byline.scoring.counts import FloatArray
from byline.scoring.gold import load_gold
from byline.scoring.scorer import SCORER_VERSION, Score, score_predictions
from byline.scoring.validation import accepts, quote, schema_problems

SCHEMA_VERSION = "1.1"
"""1.1 adds optional ``system.settings`` and ``system.models`` and each document's ``origin`` (optional, for the per-origin boards of the leaderboard)."""
SUPPORTED_MAJOR = 1
SYSTEM_FIELDS = ("name", "version", "url", "description", "date")

MATCHING = (
    "optimal one-to-one per document (maximum total weight; scipy.optimize.linear_sum_assignment "
    "on each connected component of candidate pairs; items in canonical order, so ties never "
    "depend on input order)"
)
ZERO_DIVISION = (
    "a ratio with a zero denominator is 0, except that with no gold and no predicted items "
    "P = R = F1 = 1; macro averages leave out units with neither; accuracy with nothing "
    "matched is null"
)


def system_block(
    manifest: Path | None = None,
    *,
    default_name: str,
    **options: str | None,
) -> dict[str, str | None]:
    """The system block: a manifest file's fields, overridden by the options given."""
    block: dict[str, Any] = {}
    if manifest is not None:
        try:
            block = json.loads(Path(manifest).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise UsageError(f"{manifest}: no such system manifest") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BylineError(f"{manifest}: found unreadable JSON ({exc}); expected a JSON object "
                              f"with {', '.join(SYSTEM_FIELDS)}") from exc
        schema = load_json("result.schema.json")["properties"]["system"]
        import jsonschema_rs

        errors = sorted(jsonschema_rs.Draft202012Validator(schema).iter_errors(block),
                        key=lambda e: list(map(str, e.instance_path)))
        if errors:
            lines = [f"{manifest}:$.{'.'.join(map(str, e.instance_path))}: found {quote(e.instance)}; "
                     f"expected {e.message}" for e in errors]
            raise BylineError("the system manifest is not valid:\n  " + "\n  ".join(lines))
    for key, value in options.items():
        if key not in SYSTEM_FIELDS:
            raise TypeError(f"unknown system field {key!r}")
        if value is not None:
            block[key] = value
    block.setdefault("name", default_name)
    for key in SYSTEM_FIELDS:
        block.setdefault(key, None)
    return block


def _interval(value: tuple[float, float] | None) -> list[float] | None:
    return None if value is None else [float(value[0]), float(value[1])]


def _integral_columns(per_doc: FloatArray) -> list[bool]:
    return [bool(np.all(per_doc[:, k] == np.floor(per_doc[:, k]))) for k in range(per_doc.shape[1])]


def document_rows(score: Score, chunk: int = 4096) -> Iterator[dict[str, Any]]:
    """``{"id": …, "<layer>": [counts…]}`` per gold document, in split order, made a chunk at a
    time (integral columns as ints), so that a million documents never sit in memory as objects."""
    names = list(score.layers)
    integral = {name: _integral_columns(score.layers[name].per_doc) for name in names}
    for start in range(0, score.gold.n_docs, chunk):
        stop = min(start + chunk, score.gold.n_docs)
        columns: dict[str, list[list[Any]]] = {}
        for name in names:
            block = score.layers[name].per_doc[start:stop]
            columns[name] = [
                block[:, k].astype(np.int64).tolist() if is_int else block[:, k].tolist()
                for k, is_int in enumerate(integral[name])
            ]
        origins = score.gold.origins
        for i in range(stop - start):
            yield {"id": score.gold.ids[start + i], **({"origin": origins[start + i]} if origins else {}),
                   **{name: [c[i] for c in columns[name]] for name in names}}


def document_lines(score: Score) -> Iterator[str]:
    """The JSON text of :func:`document_rows`, one line each."""
    for row in document_rows(score):
        yield json.dumps(row, ensure_ascii=False)


def build_result(
    score: Score, system: dict[str, str | None], created_at: str | None = None, *, documents: bool = True
) -> dict[str, Any]:
    """The result record of one scored prediction file; with ``documents=False`` its
    ``documents`` list is left empty, for :func:`write_result` to stream from the score."""
    settings = score.settings
    layers: dict[str, Any] = {}
    for name, layer in score.layers.items():
        layers[name] = {
            "primary": layer.primary,
            "primary_metric": layer.primary_metric,
            "ci95": _interval(layer.ci95),
            **layer.summary,
            "intervals": {key: _interval(value) for key, value in layer.intervals.items()},
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "scorer_version": SCORER_VERSION,
        "byline_version": __version__,
        "created_at": created_at or datetime.now(UTC).replace(microsecond=0).isoformat(),
        "system": system,
        "dataset": {
            "fingerprint": score.gold.fingerprint,
            "split": score.gold.split,
            "documents": score.gold.n_docs,
            "inventory_version": score.gold.inventory_version,
        },
        "predictions_sha256": score.predictions_sha256,
        "predictions": {
            "file": score.predictions.name,
            "lines": score.lines,
            "records": score.records,
            "missing_documents": len(score.missing),
            "layers": list(score.layers),
        },
        "settings": {
            "seed": settings.seed,
            "resamples": settings.resamples,
            "confidence": settings.confidence,
            "interval": "percentile bootstrap",
            "resampling_unit": "document",
            "rng": "numpy.random.default_rng (PCG64)",
            "matching": MATCHING,
            "zero_division": ZERO_DIVISION,
            "signature": f"byline-score:{SCORER_VERSION}|{settings.signature}",
        },
        "overall": score.overall,
        "overall_ci95": _interval(score.overall_ci95),
        "overall_layers": list(score.layers),
        "higher_is_better": True,
        "layers": layers,
        "document_columns": {name: list(layer.columns) for name, layer in score.layers.items()},
        "documents": list(document_rows(score)) if documents else [],
        "warnings": list(score.warnings),
    }


def check_result(result: Any, source: str = "result") -> None:
    """Raise :class:`BylineError` listing every way ``result`` breaks the result schema."""
    if accepts("result", result):
        return
    lines = [f"{source}:{p.path}: found {p.found}; expected {p.expected}" for p in schema_problems("result", result)]
    raise BylineError("not a valid Byline result file:\n  " + "\n  ".join(lines[:50]))


def stream_result(result: dict[str, Any], handle: IO[str], lines: Iterable[str] | None = None) -> None:
    """Write a result as JSON text: indented, one line per document. ``lines`` (from
    :func:`document_lines`) replaces ``result["documents"]``, which must then be empty."""
    head = {key: value for key, value in result.items() if key != "documents"}
    if lines is None:
        lines = (json.dumps(doc, ensure_ascii=False) for doc in result.get("documents", []))
    elif result.get("documents"):
        raise ValueError("give the documents either in the result or as lines, not both")
    text = json.dumps(head, indent=2, ensure_ascii=False)
    handle.write(text[:-2] + ',\n  "documents": [')
    first = True
    for line in lines:
        handle.write(("\n    " if first else ",\n    ") + line)
        first = False
    handle.write("\n  ]\n}\n" if not first else "]\n}\n")


def dumps_result(result: dict[str, Any], lines: Iterable[str] | None = None) -> str:
    """JSON text of a result (see :func:`stream_result`)."""
    buffer = io.StringIO()
    stream_result(result, buffer, lines)
    return buffer.getvalue()


def write_result(result: dict[str, Any], path: Path | str, lines: Iterable[str] | None = None) -> None:
    """Check ``result`` against the schema, then write it atomically (see :func:`stream_result`)."""
    check_result(result)
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            stream_result(result, handle, lines)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BylineError(f"{target}: cannot write the result file ({exc.strerror or exc})") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def load_result(path: Path | str) -> dict[str, Any]:
    """Read a result file of any supported schema version, checked against the schema."""
    source = Path(path)
    try:
        result: Any = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"{source}: no such result file") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BylineError(f"{source}: found unreadable JSON ({exc}); expected a Byline result file") from exc
    version = result.get("schema_version") if isinstance(result, dict) else None
    if not isinstance(version, str) or not version.split(".")[0].isdigit():
        raise BylineError(f"{source}:$.schema_version: found {quote(version)}; expected a version like {SCHEMA_VERSION}")
    if int(version.split(".")[0]) != SUPPORTED_MAJOR:
        raise BylineError(
            f"{source}:$.schema_version: found {version}; expected {SUPPORTED_MAJOR}.x "
            f"(this byline {__version__} reads result schema {SUPPORTED_MAJOR}.x)"
        )
    check_result(result, str(source))
    checked: dict[str, Any] = result
    return checked


def document_counts(result: dict[str, Any], layer: str) -> tuple[list[str], list[str], FloatArray]:
    """The per-document counts of one layer: (document ids, column names, documents × columns)."""
    columns = list(result["document_columns"][layer])
    ids = [doc["id"] for doc in result["documents"]]
    matrix = np.asarray([doc[layer] for doc in result["documents"]], dtype=np.float64).reshape(len(ids), len(columns))
    return ids, columns, matrix


def score_file(
    predictions: Path | str,
    dataset: Path | str,
    split: str,
    *,
    system: dict[str, str | None],
    settings: BootstrapSettings | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Score a prediction file against a split of a built dataset: the checked result record
    and the warnings (missing documents, layers absent from some records, …)."""
    gold = load_gold(dataset, split)
    score = score_predictions(predictions, gold, settings, progress=progress)
    result = build_result(score, system)
    check_result(result)
    return result, score.warnings
