"""The **annotator agreement** reference row: an agreement file (``byline agreement --out``) read
and checked for the leaderboard.

The row is a reference, not a competitor: it has no rank and no significance group, it is never
tested against the systems, and it sits on each board where its score puts it. Its score on a
layer's board is the agreement's **symmetric** primary score of that layer (one annotation as
gold and the other as the system, averaged over both directions); on the overall board it is the
file's ``overall`` (the mean of the four layers' symmetric scores), shown only when the file
covers all four layers, as for systems. Its interval is the file's ``symmetric_ci95``
(``overall_ci95`` overall); a file of schema 1.0, which only records ``forward_ci95`` (the
interval of the first-as-gold figure), shows that interval only where the two directions agree,
because only then is it the interval of the score shown.

The corpus's annotators are AI assistant sessions, so the row is called "annotator agreement",
not "human agreement" (the file's ``kind``, ``human-agreement``, predates that and stays as it
is). A file of another kind or of a schema major version this byline does not read is refused,
and so is one whose primary metric for a layer is not the one that layer's board ranks by
(:func:`check_metrics`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from byline.agreement import AGREEMENT_KIND
from byline.errors import BylineError, UsageError
from byline.inventory import LAYERS

REFERENCE_NAME = "annotator agreement"
SUPPORTED_MAJOR = 1
SAME_DIRECTION = 1e-12
"""How close the two directions must be for a 1.0 file's ``forward_ci95`` to be shown."""


@dataclass(frozen=True)
class ReferenceScore:
    """The reference row's figure on one board."""

    metric: str
    score: float
    ci95: tuple[float, float] | None


@dataclass(frozen=True)
class AgreementReference:
    """An agreement file as the leaderboard uses it."""

    source: str
    schema_version: str
    layers: dict[str, ReferenceScore]
    """Layer -> its symmetric primary score, in Byline's layer order."""
    overall: float | None
    """The file's overall (the mean of its layers' symmetric scores), if it covers all four."""
    overall_ci95: tuple[float, float] | None
    document_ids: tuple[str, ...]
    """The documents with two (or more) annotations that were compared, sorted."""
    pairs: int
    """Pairs of annotations compared (one per document when each has exactly two)."""
    origin: str | None = None
    """The documents' ``meta.origin`` the agreement was restricted to (None: all documents): the row
    goes on that origin's boards."""


def _refuse(source: str, problem: str) -> BylineError:
    return BylineError(f"{source}: refused as an agreement file: {problem}")


def _number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _interval(value: Any, source: str, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, list) and len(value) == 2 and all(_number(v) for v in value) and value[0] <= value[1]:
        return float(value[0]), float(value[1])
    raise _refuse(source, f"{where}: found {json.dumps(value)}; expected [low, high] or null")


def _layer(name: str, block: Any, source: str) -> ReferenceScore:
    where = f"$.layers.{name}"
    if not isinstance(block, dict):
        raise _refuse(source, f"{where}: found {json.dumps(block)}; expected an object")
    metric, symmetric = block.get("primary_metric"), block.get("symmetric")
    if not isinstance(metric, str) or not _number(symmetric):
        raise _refuse(source, f"{where}: expected a primary_metric (string) and a symmetric score (number)")
    ci95 = _interval(block.get("symmetric_ci95"), source, f"{where}.symmetric_ci95")
    if ci95 is None and "symmetric_ci95" not in block:
        forward, backward = block.get("forward"), block.get("backward")
        if _number(forward) and _number(backward) and abs(forward - backward) <= SAME_DIRECTION:
            ci95 = _interval(block.get("forward_ci95"), source, f"{where}.forward_ci95")
    return ReferenceScore(metric, float(symmetric), ci95)


def parse_agreement(record: Any, source: str = "agreement") -> AgreementReference:
    """An agreement record (a parsed agreement file) as an :class:`AgreementReference`; refused,
    in one line, when it is not an agreement file this byline reads."""
    if not isinstance(record, dict):
        raise _refuse(source, "expected a JSON object written by `byline agreement --out`")
    kind, version = record.get("kind"), record.get("schema_version")
    if kind != AGREEMENT_KIND:
        raise _refuse(source, f"$.kind: found {json.dumps(kind)}; expected {json.dumps(AGREEMENT_KIND)}, "
                              "as `byline agreement --out` writes it")
    if not isinstance(version, str) or version.split(".", 1)[0] != str(SUPPORTED_MAJOR):
        raise _refuse(source, f"$.schema_version: found {json.dumps(version)}; expected {SUPPORTED_MAJOR}.x, the "
                              "agreement schema this byline reads (recompute it with `byline agreement`)")
    layers = record.get("layers")
    if not isinstance(layers, dict) or not layers:
        raise _refuse(source, f"$.layers: found {json.dumps(layers)}; expected an object with one entry per layer")
    unknown = sorted(set(layers) - set(LAYERS))
    if unknown:
        raise _refuse(source, f"$.layers: found the unknown layer(s) {', '.join(unknown)}; expected "
                              f"{', '.join(LAYERS)}")
    pairs = record.get("pairs")
    if not isinstance(pairs, list) or not all(isinstance(p, dict) and isinstance(p.get("doc_id"), str)
                                              for p in pairs):
        raise _refuse(source, "$.pairs: expected a list of {doc_id, first, second}")
    overall = record.get("overall")
    if overall is not None and not _number(overall):
        raise _refuse(source, f"$.overall: found {json.dumps(overall)}; expected a number or null")
    complete = all(name in layers for name in LAYERS)
    return AgreementReference(
        source=source,
        schema_version=version,
        layers={name: _layer(name, layers[name], source) for name in LAYERS if name in layers},
        overall=float(overall) if complete and overall is not None else None,
        overall_ci95=_interval(record.get("overall_ci95"), source, "$.overall_ci95") if complete else None,
        document_ids=tuple(sorted({p["doc_id"] for p in pairs})),
        pairs=len(pairs),
        origin=record.get("origin") if isinstance(record.get("origin"), str) else None,
    )


def read_agreement(path: Path | str) -> AgreementReference:
    """Read and check one agreement file (``byline agreement --out``)."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such agreement file; write one with `byline agreement annotations/exports/ "
                         f"--out {path}`")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(str(path), f"not JSON ({exc})") from None
    return parse_agreement(record, str(path))


def check_metrics(reference: AgreementReference, board_metrics: Mapping[str, str]) -> None:
    """Refuse, in one line, an agreement whose primary metric for a layer differs from the metric
    that layer's board ranks by (``board_metrics``: layer -> metric)."""
    wrong = [f"{name}: its primary metric is {score.metric!r}, the board ranks by {board_metrics[name]!r}"
             for name, score in reference.layers.items()
             if name in board_metrics and score.metric != board_metrics[name]]
    if wrong:
        raise _refuse(reference.source, "; ".join(wrong)
                      + " (recompute it with this byline's `byline agreement`)")
