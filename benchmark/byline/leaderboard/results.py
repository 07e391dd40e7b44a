"""Result files (``byline score --out``) read into typed records, and the checks that keep a
leaderboard from mixing what cannot be compared.

A leaderboard ranks systems scored on **the same gold data** (dataset fingerprint), **the same
split** and **the same metric definitions** — the installed scorer's version, because the
leaderboard recomputes every score and every significance test from the file's per-document
counts with the installed scorer (a recorded primary score that its counts do not reproduce is
refused too). Result files of a result schema major version this byline does not read are
refused. Every file that breaks one of these is refused with
:class:`~byline.errors.BylineError`, saying which file and why (all reasons at once).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from byline import __version__
from byline.errors import BylineError, UsageError
from byline.inventory import LAYERS, load_inventory
from byline.scoring.counts import FloatArray
from byline.scoring.layer import LayerScorer
from byline.scoring.result import SUPPORTED_MAJOR, check_result, document_counts, load_result
from byline.scoring.scorer import SCORER_VERSION, layer_scorers
from byline.scoring.validation import quote

SCORE_TOLERANCE = 1e-9
"""How far a recorded primary score may be from the one recomputed from its counts."""


@dataclass(frozen=True)
class SystemInfo:
    """Who made the predictions (the result file's ``system`` block)."""

    name: str
    version: str | None = None
    url: str | None = None
    date: str | None = None
    description: str | None = None

    @property
    def label(self) -> str:
        """``name`` or ``name version``: how a system is named in messages and tables."""
        return f"{self.name} {self.version}" if self.version else self.name


@dataclass(frozen=True)
class LayerResult:
    """One layer of a result file: the primary score, its interval and the counts behind it."""

    primary_metric: str
    primary: float
    ci95: tuple[float, float] | None
    per_doc: FloatArray
    """(documents × the scorer's columns of the layer), documents in gold split order."""


@dataclass(frozen=True)
class SystemResult:
    """One result file: one system's scores on one split of one gold dataset."""

    source: str
    schema_version: str
    scorer_version: str
    system: SystemInfo
    fingerprint: str
    split: str
    document_ids: tuple[str, ...]
    predictions_sha256: str
    settings: dict[str, Any]
    layers: dict[str, LayerResult]
    overall: float | None
    overall_ci95: tuple[float, float] | None = None
    origins: tuple[str | None, ...] = ()
    """Each document's origin (result schema 1.1), in ``document_ids`` order; empty when the
    file does not record them (schema 1.0)."""

    def does(self, layers: Iterable[str]) -> bool:
        return all(layer in self.layers for layer in layers)


def _interval(value: Any) -> tuple[float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int | float) for v in value):
        return float(value[0]), float(value[1])
    return None


def _counts(record: dict[str, Any], layer: str, columns: tuple[str, ...], problems: list[str]) -> FloatArray | None:
    """The per-document counts of one layer (documents × columns), read by the scorer's own
    :func:`~byline.scoring.result.document_counts`; the columns must be the installed scorer's
    (another scorer's counts cannot be recomputed into its metrics)."""
    named = record.get("document_columns", {}).get(layer)
    if named is None or tuple(named) != columns:
        problems.append(
            f"$.document_columns.{layer}: found {json.dumps(named)}; expected {json.dumps(list(columns))}, the "
            f"count columns of scorer {SCORER_VERSION}: the file was written by an incompatible scorer "
            "(rescore the predictions with this version of `byline score`)"
        )
        return None
    for i, document in enumerate(record["documents"]):
        row = document.get(layer)
        if not isinstance(row, list) or len(row) != len(columns):
            problems.append(f"$.documents[{i}].{layer}: found {quote(row)}; expected {len(columns)} counts, one per "
                            f"column of document_columns.{layer}")
            return None
    return document_counts(record, layer)[2]


@cache
def installed_scorers() -> dict[str, LayerScorer]:
    """The installed scorer's layer scorers, which recompute every score from its counts."""
    return layer_scorers(load_inventory())


def _refusal(source: str, problems: list[str]) -> str:
    lines = [f"{source}: refused; this result file cannot be put on the leaderboard:"]
    lines += [f"  {problem}" for problem in problems]
    return "\n".join(lines)


def _from_record(record: dict[str, Any], source: str) -> SystemResult:
    """A schema-valid result record as a :class:`SystemResult`, after the leaderboard's own checks."""
    scorers = installed_scorers()
    problems: list[str] = []
    if record["scorer_version"] != SCORER_VERSION:
        written_by = record.get("byline_version")
        problems.append(
            f"$.scorer_version: found {quote(record['scorer_version'])}; expected {quote(SCORER_VERSION)}, the metric "
            f"definitions of this byline {__version__}, with which the leaderboard recomputes every score and test "
            "from the per-document counts; rescore the predictions with this version of `byline score`"
            + (f" (the file was written by byline {written_by})" if written_by else "")
        )
        raise BylineError(_refusal(source, problems))
    layers: dict[str, LayerResult] = {}
    for name, block in record["layers"].items():
        scorer = scorers[name]
        if block["primary_metric"] != scorer.primary_metric:
            problems.append(f"$.layers.{name}.primary_metric: found {block['primary_metric']!r}; expected "
                            f"{scorer.primary_metric!r}, the primary metric of scorer {SCORER_VERSION}")
            continue
        per_doc = _counts(record, name, scorer.columns, problems)
        if per_doc is None:
            continue
        recomputed = float(scorer.statistics(per_doc.sum(axis=0)[None, :])[scorer.primary_metric][0])
        if abs(recomputed - float(block["primary"])) > SCORE_TOLERANCE:
            problems.append(f"$.layers.{name}.primary: found {block['primary']}; expected {recomputed}, the score "
                            "its per-document counts give: the file was edited or written by an incompatible scorer")
            continue
        layers[name] = LayerResult(scorer.primary_metric, recomputed, _interval(block["ci95"]), per_doc)
    if problems:
        raise BylineError(_refusal(source, problems))
    system = record["system"]
    dataset = record["dataset"]
    overall = record.get("overall")
    return SystemResult(
        source=source,
        schema_version=str(record["schema_version"]),
        scorer_version=str(record["scorer_version"]),
        system=SystemInfo(
            name=system["name"], version=system.get("version"), url=system.get("url"),
            date=system.get("date"), description=system.get("description"),
        ),
        fingerprint=dataset["fingerprint"],
        split=dataset["split"],
        document_ids=tuple(str(d["id"]) for d in record["documents"]),
        predictions_sha256=record["predictions_sha256"],
        settings=dict(record["settings"]),
        layers={name: layers[name] for name in LAYERS if name in layers},
        overall=float(overall) if overall is not None else None,
        overall_ci95=_interval(record.get("overall_ci95")),
        origins=(tuple(d.get("origin") for d in record["documents"])
                 if any("origin" in d for d in record["documents"]) else ()),
    )


def parse_result(record: Any, source: str = "result") -> SystemResult:
    """A result record (a parsed result file) as a :class:`SystemResult`; refused with every reason
    when its schema version is not one this byline reads, it breaks the result schema, or its
    counts do not belong to the installed scorer."""
    version = record.get("schema_version") if isinstance(record, dict) else None
    if not isinstance(version, str) or version.split(".", 1)[0] != str(SUPPORTED_MAJOR):
        raise BylineError(_refusal(source, [
            f"$.schema_version: found {quote(version)}; expected {SUPPORTED_MAJOR}.x, the result schema this "
            f"byline {__version__} reads (rescore the predictions with this version of `byline score`)"
        ]))
    check_result(record, source)
    return _from_record(record, source)


def read_result(path: Path | str) -> SystemResult:
    """Read one result file (:func:`byline.scoring.result.load_result`) and check it."""
    return _from_record(load_result(path), str(path))


def _disagreement(what: str, values: dict[str, list[str]], why: str) -> str:
    listed = "; ".join(f"{value} in {', '.join(sources)}" for value, sources in values.items())
    return f"the result files disagree on the {what} ({listed}): {why}"


def check_compatible(results: Sequence[SystemResult]) -> None:
    """Refuse result files that cannot share a leaderboard, saying which and why (all at once)."""
    if not results:
        raise UsageError("no result files given; expected one or more files written by `byline score --out`")
    reasons = []
    checks: tuple[tuple[str, Callable[[SystemResult], str], str], ...] = (
        ("gold dataset fingerprint", lambda r: r.fingerprint,
         "systems scored against different gold data are not comparable; rescore every system's predictions "
         "against one built dataset"),
        ("split", lambda r: r.split,
         "a leaderboard ranks systems on one split; rescore with the same --split"),
        ("scorer version", lambda r: r.scorer_version,
         "scores from different metric definitions are not comparable; rescore every system with one version of "
         "`byline score`"),
    )
    for what, key, why in checks:
        values: dict[str, list[str]] = defaultdict(list)
        for result in results:
            values[key(result)].append(result.source)
        if len(values) > 1:
            reasons.append(_disagreement(what, values, why))
    if not reasons:
        orders: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for result in results:
            orders[result.document_ids].append(result.source)
        if len(orders) > 1:
            reasons.append("the result files list different gold documents for the same dataset and split ("
                           + "; ".join(", ".join(sources) for sources in orders.values())
                           + "): rescore the predictions with `byline score`")
    names: dict[str, list[str]] = defaultdict(list)
    for result in results:
        names[result.system.label].append(result.source)
    for label, sources in names.items():
        if len(sources) > 1:
            reasons.append(f"the system {label!r} appears in {len(sources)} result files ({', '.join(sources)}): "
                           "a leaderboard has one row per system; give each a distinct name or version")
    if reasons:
        raise BylineError("refused to build the leaderboard:\n" + "\n".join(f"  {r}" for r in reasons))
