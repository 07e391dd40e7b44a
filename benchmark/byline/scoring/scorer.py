"""Score a prediction file against a gold split: the orchestrator.

Streams the predictions batch by batch (:mod:`byline.scoring.predictions`), lets each layer's
scorer count every batch against the same documents of the gold split, fills the per-document
count matrix (gold documents without a prediction record count as predicting nothing), then
derives the metrics from the summed counts and their intervals from a bootstrap over
documents. Nothing is printed: the caller decides what to show.

**Overall** = the unweighted mean of the primary metrics of the layers the system predicts (a
layer absent from every record is not scored and not averaged).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from byline.errors import BylineError
from byline.inventory import LAYERS, Inventory, load_inventory
from byline.scoring.attributions import AttributionScorer
from byline.scoring.boilerplate import BoilerplateScorer
from byline.scoring.bootstrap import BootstrapSettings, bootstrap_intervals
from byline.scoring.claims import ClaimScorer
from byline.scoring.counts import FloatArray
from byline.scoring.entities import EntityScorer
from byline.scoring.gold import GoldSplit
from byline.scoring.layer import LayerScorer
from byline.scoring.predictions import DEFAULT_BATCH, PredictionStream
from byline.scoring.records import Codes
from byline.scoring.tables import Batch, IntArray

SCORER_VERSION = "1.0.0"
"""Version of the metric definitions; a change to any definition changes it."""

MAX_NAMED = 10


def layer_scorers(inventory: Inventory) -> dict[str, LayerScorer]:
    """One scorer per layer, in Byline's layer order."""
    scorers: list[LayerScorer] = [
        EntityScorer(inventory), ClaimScorer(inventory), AttributionScorer(inventory), BoilerplateScorer(inventory)
    ]
    return {scorer.name: scorer for scorer in scorers}


@dataclass(frozen=True)
class LayerScore:
    """One scored layer: its primary metric, the full summary, and the counts behind it."""

    name: str
    primary_metric: str
    primary: float
    ci95: tuple[float, float] | None
    summary: dict[str, Any]
    intervals: dict[str, tuple[float, float] | None]
    columns: tuple[str, ...]
    per_doc: FloatArray


@dataclass(frozen=True)
class Score:
    """Everything ``byline score`` found out about one prediction file."""

    gold: GoldSplit
    predictions: Path
    predictions_sha256: str
    lines: int
    records: int
    missing: IntArray
    layers: dict[str, LayerScore]
    overall: float | None
    overall_ci95: tuple[float, float] | None
    settings: BootstrapSettings
    warnings: tuple[str, ...]

    @property
    def missing_ids(self) -> list[str]:
        return [self.gold.ids[i] for i in self.missing.tolist()]


def problem_report(stream: PredictionStream) -> str:
    """All problems of a prediction file, one per line."""
    count = stream.problem_count
    lines = [f"{stream.path}: {count} problem{'s' if count != 1 else ''}; nothing was scored. "
             "Fix them and run again:"]
    lines += [f"  {problem}" for problem in stream.problems]
    if count > len(stream.problems):
        kinds = ", ".join(f"{kind} {n}" for kind, n in stream.problem_kinds.most_common())
        lines.append(f"  … and {count - len(stream.problems)} more not listed (all problems by kind: {kinds})")
    return "\n".join(lines)


def _empty_batch(codes: Codes, n_docs: int) -> Batch:
    builder = codes.builder()
    builder.n_docs = n_docs
    return builder.build()


def score_predictions(
    predictions: Path | str,
    gold: GoldSplit,
    settings: BootstrapSettings | None = None,
    *,
    inventory: Inventory | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> Score:
    """Score one prediction file; raise :class:`BylineError` listing every problem in it."""
    settings = settings or BootstrapSettings()
    inv = inventory or load_inventory()
    scorers = layer_scorers(inv)
    codes = Codes.of(inv)
    n = gold.n_docs
    per_doc = {name: np.zeros((n, len(scorer.columns))) for name, scorer in scorers.items()}
    totals: dict[str, dict[str, FloatArray]] = {name: {} for name in scorers}

    def absorb(docs: IntArray, batch: Batch) -> None:
        gold_batch = gold.items.take(docs)
        for name, scorer in scorers.items():
            counts = scorer.count(gold_batch, batch)
            per_doc[name][docs] = counts.per_doc
            for key, value in counts.totals.items():
                totals[name][key] = totals[name][key] + value if key in totals[name] else value

    stream = PredictionStream(Path(predictions), gold, codes, batch_size, progress=progress)
    for docs, batch in stream:
        absorb(docs, batch)
    if stream.problem_count:
        raise BylineError(problem_report(stream))
    unread = [layer for layer in stream.layers_predicted if layer not in gold.layers]
    if unread:
        raise BylineError(f"{predictions}: predicts {', '.join(unread)}, but the gold split was read without "
                          "that layer's items (load_gold(..., layers=...)); nothing was scored")
    missing = stream.missing
    for start in range(0, len(missing), batch_size):
        chunk = missing[start:start + batch_size]
        absorb(chunk, _empty_batch(codes, len(chunk)))

    predicted = stream.layers_predicted
    layers = {}
    point: dict[str, float] = {}
    for name in predicted:
        scorer = scorers[name]
        sums = per_doc[name].sum(axis=0)
        stats = scorer.statistics(sums[None, :])
        point[name] = float(stats[scorer.primary_metric][0])
    offsets = np.cumsum([0] + [len(scorers[name].columns) for name in predicted])

    def statistic(sums: FloatArray) -> dict[str, FloatArray]:
        out: dict[str, FloatArray] = {}
        primaries = []
        for k, name in enumerate(predicted):
            scorer = scorers[name]
            stats = scorer.statistics(sums[:, offsets[k]:offsets[k + 1]])
            out.update({f"{name}:{key}": value for key, value in stats.items()})
            primaries.append(stats[scorer.primary_metric])
        if primaries:
            out["overall"] = np.mean(primaries, axis=0)
        return out

    intervals: dict[str, tuple[float, float] | None] = {}
    if predicted:
        intervals = bootstrap_intervals([per_doc[name] for name in predicted], statistic, settings)
    for name in predicted:
        scorer = scorers[name]
        own = {key.split(":", 1)[1]: value for key, value in intervals.items() if key.startswith(f"{name}:")}
        layers[name] = LayerScore(
            name=name,
            primary_metric=scorer.primary_metric,
            primary=point[name],
            ci95=own.get(scorer.primary_metric),
            summary=scorer.summarise(per_doc[name].sum(axis=0), totals[name]),
            intervals=own,
            columns=scorer.columns,
            per_doc=per_doc[name],
        )
    overall = float(np.mean(list(point.values()))) if point else None
    return Score(
        gold=gold,
        predictions=Path(predictions),
        predictions_sha256=stream.sha256,
        lines=stream.lines,
        records=stream.records,
        missing=missing,
        layers=layers,
        overall=overall,
        overall_ci95=intervals.get("overall"),
        settings=settings,
        warnings=tuple(_warnings(stream, gold, predicted)),
    )


def _warnings(stream: PredictionStream, gold: GoldSplit, predicted: tuple[str, ...]) -> list[str]:
    out = list(gold.warnings)
    missing = stream.missing
    if len(missing):
        named = ", ".join(gold.ids[i] for i in missing[:MAX_NAMED].tolist())
        more = f" and {len(missing) - MAX_NAMED} more" if len(missing) > MAX_NAMED else ""
        out.append(
            f"{len(missing)} of {gold.n_docs} gold documents have no prediction record and count as "
            f"predicting nothing: {named}{more}"
        )
    for layer in predicted:
        absent = stream.records - stream.layer_records[layer]
        if absent:
            out.append(
                f"{layer}: absent from {absent} of {stream.records} records; "
                "those documents count as predicting nothing for this layer"
            )
    if not predicted:
        out.append(f"no record has any layer ({', '.join(LAYERS)}): nothing was scored")
    return out
