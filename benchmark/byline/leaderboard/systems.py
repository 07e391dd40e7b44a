"""Run every system of :mod:`byline.systems` on a split, score each, and record it
(``byline leaderboard --run-systems``), beside the shipped baselines. Under ``out``::

    predictions/<system>.jsonl         what the system predicted (as ``byline system run`` writes it)
    predictions/<system>.system.json   its manifest: name, version, settings, models
    results/<system>.json              its result file, the manifest as its ``system`` block
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from byline.leaderboard.baselines import PREDICTIONS_DIR, RESULTS_DIR, BaselineRun
from byline.scoring.bootstrap import BootstrapSettings
from byline.scoring.gold import load_gold
from byline.scoring.result import build_result, write_result
from byline.scoring.scorer import score_predictions
from byline.systems import SYSTEMS
from byline.systems.extra import EXTRA, INSTALL_HINT, SystemNotInstalled, missing_libraries
from byline.systems.run import SystemRun, run_system


def require_systems_extra(purpose: str) -> None:
    """Raise one clear message naming the extra when any of its libraries is missing."""
    missing = missing_libraries()
    if missing:
        raise SystemNotInstalled(f"{purpose} needs {EXTRA}, and {', '.join(missing)} is not installed here; "
                                 f"{INSTALL_HINT}")


def run_systems(
    dataset: Path,
    out: Path,
    split: str = "test",
    bootstrap: BootstrapSettings | None = None,
    created_at: str | None = None,
    on_run: Callable[[SystemRun], None] | None = None,
    progress: Callable[[str], tuple[Callable[[int], None], Callable[[int], None]]] | None = None,
) -> list[BaselineRun]:
    """Run, score and record every system of :data:`SYSTEMS`, in its order. ``progress(name)``
    gives the ``(on_loaded, advance)`` callbacks of :func:`run_system` for one system;
    ``on_run`` is told about each finished run (documents, seconds, notes)."""
    require_systems_extra("running the field's systems")
    gold = load_gold(dataset, split)
    runs = []
    for name in SYSTEMS:
        predictions = out / PREDICTIONS_DIR / f"{name}.jsonl"
        loaded, advance = progress(name) if progress is not None else (None, None)
        done = run_system(name, dataset, split, predictions, progress=advance, on_loaded=loaded)
        if on_run is not None:
            on_run(done)
        score = score_predictions(predictions, gold, bootstrap)
        result = out / RESULTS_DIR / f"{name}.json"
        write_result(build_result(score, done.system, created_at), result)
        runs.append(BaselineRun(name, predictions, result))
    return runs
