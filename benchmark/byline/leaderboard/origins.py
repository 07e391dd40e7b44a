"""Boards per origin: the systems ranked on the real news of the split first, then on the authored
stress tests, each as its own leaderboard.

A result file of schema 1.1 records each document's origin, and its per-document counts are
additive, so a subset's scores are recomputed from the rows of that subset's documents: the
primary scores from the summed counts, the 95% intervals by the same seeded bootstrap over those
documents (the result file's settings), the significance tests over the same documents. The
subsets of a split are its origins, real news first (:func:`byline.origins.ordered_origins`),
then ``all`` when the split mixes origins; a split of one origin has that one board, and result
files without origins (schema 1.0, alone or among others) have the ``all`` board only.

The annotator-agreement reference rows: an agreement measured over every document goes on the
boards of the whole split, one measured over one origin (``byline agreement --origin``) on that
origin's boards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from byline.inventory import LAYERS
from byline.leaderboard.reference import AgreementReference
from byline.leaderboard.results import LayerResult, SystemResult, check_compatible
from byline.leaderboard.significance import BoardMetric, SignificanceSettings
from byline.leaderboard.table import Leaderboard, board_metric, bootstrap_settings, build_leaderboard
from byline.origins import ALL, ordered_origins
from byline.scoring.bootstrap import bootstrap_intervals
from byline.scoring.counts import FloatArray

TITLES = {"wikinews": "Real news (Wikinews)", "authored": "Authored stress tests", "seed": "The seed document",
          ALL: "All documents of the split"}


@dataclass(frozen=True)
class OriginBoard:
    """The leaderboard of one subset of the split's documents."""

    subset: str
    """An origin (``wikinews``, ``authored``, ...) or ``all``."""
    leaderboard: Leaderboard

    @property
    def title(self) -> str:
        return TITLES.get(self.subset, f"Origin {self.subset}")


def subsets(results: Sequence[SystemResult]) -> list[str]:
    """The subsets to rank on, real news first (see the module docstring)."""
    origins = results[0].origins if results else ()
    if not origins or any(origin is None for origin in origins) or any(r.origins != origins for r in results):
        return [ALL]  # a file without origins (schema 1.0), or files that disagree: rank the whole split
    present = ordered_origins({o for o in origins if o is not None})
    return present if len(present) == 1 else [*present, ALL]


def restrict(result: SystemResult, origin: str) -> SystemResult:
    """The result on the documents of one origin: scores and intervals recomputed from their counts."""
    mask = np.asarray([o == origin for o in result.origins], dtype=bool)
    settings = bootstrap_settings(result.settings)
    layers: dict[str, LayerResult] = {}
    for name, layer in result.layers.items():
        per_doc = layer.per_doc[mask]
        metric = board_metric((name,))
        primary = float(metric([per_doc.sum(axis=0)[None, :]])[0])

        def statistic(sums: FloatArray, metric: BoardMetric = metric) -> dict[str, FloatArray]:
            return {"primary": metric([sums])}

        ci95 = bootstrap_intervals(per_doc, statistic, settings)["primary"]
        layers[name] = LayerResult(layer.primary_metric, primary, ci95, per_doc)
    scored = [layers[name].primary for name in LAYERS if name in layers]
    return replace(
        result, document_ids=tuple(d for d, keep in zip(result.document_ids, mask, strict=True) if keep),
        layers=layers, overall=float(np.mean(scored)) if scored else None, overall_ci95=None,
        origins=tuple(o for o in result.origins if o == origin),
    )


def build_origin_leaderboards(
    results: Sequence[SystemResult],
    settings: SignificanceSettings | None = None,
    agreement: AgreementReference | Sequence[AgreementReference] | None = None,
) -> list[OriginBoard]:
    """One leaderboard per subset of the split (real news first); refuses incompatible files.
    ``agreement``: one or several agreement references; each goes on the boards of its
    ``origin`` (None: the boards of the whole split)."""
    check_compatible(results)
    names = subsets(results)
    references = [agreement] if isinstance(agreement, AgreementReference) else list(agreement or [])
    by_origin = {reference.origin: reference for reference in references}
    boards = []
    for subset in names:
        whole = subset == ALL or len(names) == 1
        ranked = list(results) if whole else [restrict(result, subset) for result in results]
        reference = by_origin.get(None) if whole else by_origin.get(subset)
        boards.append(OriginBoard(subset, build_leaderboard(ranked, settings, reference)))
    return boards
