"""Scoring of extraction systems against Byline's gold data (``byline score``).

Offsets everywhere are half-open ``[start, end)`` ranges of Python code points. The modules:

* :mod:`~byline.scoring.counts` — additive counts, P/R/F1 and the zero-division rule;
* :mod:`~byline.scoring.tables`, :mod:`~byline.scoring.overlap` — items as columns, span arithmetic;
* :mod:`~byline.scoring.matching` — optimal one-to-one matching per document;
* :mod:`~byline.scoring.entities`, :mod:`~byline.scoring.claims`,
  :mod:`~byline.scoring.attributions`, :mod:`~byline.scoring.boilerplate` — one scorer per layer;
* :mod:`~byline.scoring.gold`, :mod:`~byline.scoring.predictions` — reading both sides;
* :mod:`~byline.scoring.bootstrap` — seeded confidence intervals over documents;
* :mod:`~byline.scoring.scorer` — the orchestrator; :mod:`~byline.scoring.result` — the result file.

The metric definitions are in ``docs/metrics.md``. The names below load on first use, so that
importing one module of the package (``byline --help`` reads option defaults) stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from byline.scoring.bootstrap import BootstrapSettings
    from byline.scoring.gold import GoldSplit, load_gold
    from byline.scoring.scorer import SCORER_VERSION, Score, score_predictions

_WHERE = {
    "BootstrapSettings": "byline.scoring.bootstrap",
    "GoldSplit": "byline.scoring.gold",
    "load_gold": "byline.scoring.gold",
    "SCORER_VERSION": "byline.scoring.scorer",
    "Score": "byline.scoring.scorer",
    "score_predictions": "byline.scoring.scorer",
}

__all__ = ["SCORER_VERSION", "BootstrapSettings", "GoldSplit", "Score", "load_gold", "score_predictions"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'byline.scoring' has no attribute {name!r}")
