"""The leaderboard as a pure function from result files to a table (rendering is separate).

One **board** per layer and one **overall** board. A system is on a layer's board when its
result file scores that layer, and on the overall board only when it scores all four layers
(its overall score is then the mean of the four primary scores, as ``byline score`` defines it);
the others are listed in :attr:`Leaderboard.partial` so every rendering can say so.

On each board, systems are ordered by score (then name); ``rank`` is the competition rank of the
score (equal scores share a rank, "1224"); ``group`` holds the significance-group letters of
:mod:`byline.leaderboard.significance` — two systems share a letter exactly when their
difference is not significant.

With an agreement file (:mod:`byline.leaderboard.reference`), every board the agreement covers
gets one more row, **annotator agreement**, marked ``reference`` in the table: it is placed by its
score (after systems of an equal score) but has no rank, no group and no predictions, and it
takes no part in the significance tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

from byline.inventory import LAYERS
from byline.leaderboard.reference import REFERENCE_NAME, AgreementReference, ReferenceScore, check_metrics
from byline.leaderboard.results import SystemResult, check_compatible, installed_scorers
from byline.leaderboard.significance import BoardMetric, SignificanceSettings, compare_all
from byline.scoring.bootstrap import BootstrapSettings, bootstrap_intervals
from byline.scoring.counts import FloatArray

OVERALL = "overall"
BOARDS: tuple[str, ...] = (*LAYERS, OVERALL)
OVERALL_METRIC = "mean of the four primary scores"

TABLE_SCHEMA: dict[str, Any] = {
    "board": pl.String, "rank": pl.Int64, "system": pl.String, "version": pl.String, "url": pl.String,
    "date": pl.String, "predictions_sha256": pl.String, "metric": pl.String, "score": pl.Float64,
    "ci_low": pl.Float64, "ci_high": pl.Float64, "group": pl.String, "reference": pl.Boolean,
}
PAIRS_SCHEMA: dict[str, Any] = {
    "board": pl.String, "system": pl.String, "other": pl.String, "difference": pl.Float64,
    "p_value": pl.Float64, "p_holm": pl.Float64, "significant": pl.Boolean,
}


@dataclass(frozen=True)
class Leaderboard:
    """Every board's rows (:attr:`table`), every pair's test (:attr:`pairs`) and what they rest on."""

    table: pl.DataFrame
    pairs: pl.DataFrame
    fingerprint: str
    split: str
    documents: int
    scorer_version: str
    settings: SignificanceSettings
    partial: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Systems left off the overall board -> the layers they score."""
    interval_signatures: tuple[str, ...] = ()
    """How the result files computed their 95% intervals (one entry per distinct setting)."""
    document_ids: tuple[str, ...] = ()
    """The gold documents of the split, in the result files' order."""
    agreement: AgreementReference | None = None
    """The agreement file behind the reference rows, if one was given."""

    def board(self, name: str) -> pl.DataFrame:
        """One board's rows, best first."""
        return self.table.filter(pl.col("board") == name).drop("board")

    @property
    def boards(self) -> tuple[str, ...]:
        """The boards that have at least one system, in Byline's order."""
        present = set(self.table["board"].to_list())
        return tuple(name for name in BOARDS if name in present)


def _reference_row(board: str, metric: str, reference: ReferenceScore) -> dict[str, Any]:
    return {
        "board": board, "rank": None, "system": REFERENCE_NAME, "version": None, "url": None, "date": None,
        "predictions_sha256": None, "metric": metric, "score": reference.score,
        "ci_low": reference.ci95[0] if reference.ci95 else None,
        "ci_high": reference.ci95[1] if reference.ci95 else None, "group": None, "reference": True,
    }


def _place(rows: list[dict[str, Any]], row: dict[str, Any]) -> list[dict[str, Any]]:
    """``rows`` (best first) with the reference ``row`` placed by its score, after equal scores."""
    at = next((i for i, other in enumerate(rows) if other["score"] < row["score"]), len(rows))
    return [*rows[:at], row, *rows[at:]]


def _reference(agreement: AgreementReference | None, board: str) -> ReferenceScore | None:
    if agreement is None:
        return None
    if board == OVERALL:
        if agreement.overall is None:
            return None
        return ReferenceScore(OVERALL_METRIC, agreement.overall, agreement.overall_ci95)
    return agreement.layers.get(board)


def board_metric(layers: Sequence[str]) -> BoardMetric:
    """A board's score from summed counts: a layer's primary metric, or the mean of several."""
    scorers = installed_scorers()

    def metric(parts: Sequence[FloatArray]) -> FloatArray:
        scores = [scorers[name].statistics(part)[scorers[name].primary_metric]
                  for name, part in zip(layers, parts, strict=True)]
        return np.asarray(np.mean(scores, axis=0), dtype=np.float64)

    return metric


def bootstrap_settings(settings: dict[str, Any]) -> BootstrapSettings:
    block = settings.get("bootstrap", settings)
    defaults = BootstrapSettings()
    if not isinstance(block, dict):
        return defaults
    return BootstrapSettings(
        seed=int(block.get("seed", defaults.seed)),
        resamples=int(block.get("resamples", defaults.resamples)),
        confidence=float(block.get("confidence", defaults.confidence)),
    )


def _overall_interval(result: SystemResult) -> tuple[float, float] | None:
    """The recorded interval of the overall score, else the scorer's bootstrap of it."""
    if result.overall_ci95 is not None:
        return result.overall_ci95
    metric = board_metric(LAYERS)
    widths = np.cumsum([0] + [result.layers[name].per_doc.shape[1] for name in LAYERS])
    matrix = np.hstack([result.layers[name].per_doc for name in LAYERS])

    def statistic(sums: FloatArray) -> dict[str, FloatArray]:
        return {OVERALL: metric([sums[:, widths[i]:widths[i + 1]] for i in range(len(LAYERS))])}

    return bootstrap_intervals(matrix, statistic, bootstrap_settings(result.settings))[OVERALL]


@dataclass(frozen=True)
class _Entry:
    result: SystemResult
    score: float
    ci95: tuple[float, float] | None
    parts: tuple[FloatArray, ...]


def _entries(results: Sequence[SystemResult], board: str) -> tuple[list[_Entry], tuple[str, ...]]:
    layers = LAYERS if board == OVERALL else (board,)
    entries = []
    for result in results:
        if not result.does(layers):
            continue
        parts = tuple(result.layers[name].per_doc for name in layers)
        if board == OVERALL:
            score = float(np.mean([result.layers[name].primary for name in LAYERS]))
            entries.append(_Entry(result, score, _overall_interval(result), parts))
        else:
            layer = result.layers[board]
            entries.append(_Entry(result, layer.primary, layer.ci95, parts))
    entries.sort(key=lambda e: (-e.score, e.result.system.name, e.result.system.version or ""))
    return entries, layers


def build_leaderboard(
    results: Sequence[SystemResult],
    settings: SignificanceSettings | None = None,
    agreement: AgreementReference | None = None,
) -> Leaderboard:
    """Rank the systems of compatible result files on every board (refuses incompatible ones);
    with ``agreement``, add its reference row to every board it covers (refused when its primary
    metric for a layer is not the board's)."""
    check_compatible(results)
    if agreement is not None:
        check_metrics(agreement, {name: scorer.primary_metric for name, scorer in installed_scorers().items()})
    settings = settings or SignificanceSettings()
    rows: list[dict[str, Any]] = []
    pair_rows: list[dict[str, Any]] = []
    for board in BOARDS:
        entries, layers = _entries(results, board)
        if not entries:
            continue
        scores = [e.score for e in entries]
        tests, letters = compare_all([e.parts for e in entries], scores, board_metric(layers), settings)
        board_rows: list[dict[str, Any]] = []
        for position, (entry, letter) in enumerate(zip(entries, letters, strict=True)):
            system = entry.result.system
            board_rows.append({
                "board": board,
                "rank": 1 + sum(1 for s in scores if s > scores[position]),
                "system": system.name, "version": system.version, "url": system.url, "date": system.date,
                "predictions_sha256": entry.result.predictions_sha256,
                "metric": OVERALL_METRIC if board == OVERALL else entry.result.layers[board].primary_metric,
                "score": entry.score,
                "ci_low": entry.ci95[0] if entry.ci95 else None,
                "ci_high": entry.ci95[1] if entry.ci95 else None,
                "group": letter,
                "reference": False,
            })
        reference = _reference(agreement, board)
        if reference is not None:
            board_rows = _place(board_rows, _reference_row(board, board_rows[0]["metric"], reference))
        rows.extend(board_rows)
        for test in tests:
            pair_rows.append({
                "board": board, "system": entries[test.first].result.system.label,
                "other": entries[test.second].result.system.label, "difference": test.difference,
                "p_value": test.p_value, "p_holm": test.p_adjusted, "significant": test.significant,
            })
    first = results[0]
    signatures = sorted({str(r.settings.get("signature") or bootstrap_settings(r.settings).signature)
                         for r in results})
    return Leaderboard(
        table=pl.DataFrame(rows, schema=TABLE_SCHEMA),
        pairs=pl.DataFrame(pair_rows, schema=PAIRS_SCHEMA),
        fingerprint=first.fingerprint,
        split=first.split,
        documents=len(first.document_ids),
        scorer_version=first.scorer_version,
        settings=settings,
        partial={r.system.label: tuple(r.layers) for r in results if not r.does(LAYERS)},
        interval_signatures=tuple(signatures),
        document_ids=first.document_ids,
        agreement=agreement,
    )
