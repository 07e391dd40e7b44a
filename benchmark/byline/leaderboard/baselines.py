"""Run every shipped baseline on a split, score each, and rank them (``--run-baselines``).

Library calls all the way: :func:`byline.baselines.run_baseline` writes the predictions,
:func:`byline.scoring.score_predictions` scores them, :mod:`byline.scoring.result` writes the
result files, :func:`build_leaderboard` ranks them. Under ``out``::

    predictions/<baseline>.jsonl   what the baseline predicted (as ``byline baseline`` writes it)
    results/<baseline>.json        its result file (as ``byline score --out`` writes it)

The leaderboard files themselves are written by the caller (:func:`write_leaderboard`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from byline.baselines import BASELINES, write_predictions
from byline.scoring.bootstrap import BootstrapSettings
from byline.scoring.gold import load_gold
from byline.scoring.result import build_result, system_block, write_result
from byline.scoring.scorer import score_predictions

PREDICTIONS_DIR = "predictions"
RESULTS_DIR = "results"


@dataclass(frozen=True)
class BaselineRun:
    """One baseline's predictions and result file."""

    name: str
    predictions: Path
    result: Path


def run_baselines(
    dataset: Path,
    out: Path,
    split: str = "test",
    bootstrap: BootstrapSettings | None = None,
    created_at: str | None = None,
) -> list[BaselineRun]:
    """Run, score and record every shipped baseline, in :data:`BASELINES` order."""
    gold = load_gold(dataset, split)
    runs = []
    for name, baseline in BASELINES.items():
        predictions = out / PREDICTIONS_DIR / f"{name}.jsonl"
        write_predictions(name, dataset, split, predictions)
        score = score_predictions(predictions, gold, bootstrap)
        system = system_block(default_name=name, version=baseline.version, description=baseline.description)
        result = out / RESULTS_DIR / f"{name}.json"
        write_result(build_result(score, system, created_at), result)
        runs.append(BaselineRun(name, predictions, result))
    return runs
