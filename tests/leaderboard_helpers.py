"""Constructed result sets for the leaderboard tests: systems whose per-document counts are made
to order, so that the right significance groups are known in advance, and the real corpus built
once per test session for the tests that run the baselines."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from byline.inventory import LAYERS
from byline.leaderboard.results import LayerResult, SystemInfo, SystemResult, installed_scorers
from byline.scoring.bootstrap import bootstrap_intervals
from byline.scoring.counts import FloatArray
from byline.scoring.layer import LayerScorer
from byline.scoring.scorer import SCORER_VERSION

REPO = Path(__file__).resolve().parent.parent
FINGERPRINT = "f" * 64
CREDIT_COLUMNS = {
    "entities": ("gold", "predicted", "strict_correct"),
    "claims": ("gold", "predicted", "soft"),
    "attributions": ("gold", "predicted", "soft"),
    "boilerplate": ("chars_gold", "chars_predicted", "chars_shared"),
}
"""Per layer, the columns its primary F1 is made of: gold items, predicted items, credit."""


def layer_counts(layer: str, gold: FloatArray, predicted: FloatArray, credit: FloatArray) -> FloatArray:
    """A (documents × columns) count matrix of a layer with only the primary's columns filled."""
    columns = installed_scorers()[layer].columns
    matrix = np.zeros((len(gold), len(columns)))
    for name, values in zip(CREDIT_COLUMNS[layer], (gold, predicted, credit), strict=True):
        matrix[:, columns.index(name)] = values
    return matrix


def noisy_counts(layer: str, rate: float, n_docs: int = 40, seed: int = 0) -> FloatArray:
    """Documents of 10–30 gold items, as many predicted, each correct with probability ``rate``."""
    rng = np.random.default_rng(seed)
    gold = rng.integers(10, 31, size=n_docs).astype(float)
    credit = rng.binomial(gold.astype(int), rate).astype(float)
    return layer_counts(layer, gold, gold.copy(), credit)


def system(
    name: str,
    layers: dict[str, FloatArray],
    *,
    version: str | None = "1.0",
    fingerprint: str = FINGERPRINT,
    split: str = "test",
    scorer_version: str = SCORER_VERSION,
    url: str | None = None,
) -> SystemResult:
    """A :class:`SystemResult` of the given per-document counts (scores and intervals as the
    scorer would compute them)."""
    scorers = installed_scorers()
    n_docs = next(iter(layers.values())).shape[0]
    results = {}
    for layer, per_doc in layers.items():
        scorer = scorers[layer]

        def statistic(sums: FloatArray, scorer: LayerScorer = scorer) -> dict[str, FloatArray]:
            return {"primary": scorer.statistics(sums)[scorer.primary_metric]}

        primary = float(scorer.statistics(per_doc.sum(axis=0)[None, :])[scorer.primary_metric][0])
        results[layer] = LayerResult(scorer.primary_metric, primary, bootstrap_intervals(per_doc, statistic)["primary"],
                                     per_doc)
    ordered = {layer: results[layer] for layer in LAYERS if layer in results}
    return SystemResult(
        source=f"{name}.json", schema_version="1.0", scorer_version=scorer_version,
        system=SystemInfo(name, version, url, "2026-11-01", None),
        fingerprint=fingerprint, split=split, document_ids=tuple(f"doc-{i}" for i in range(n_docs)),
        predictions_sha256=hashlib.sha256(name.encode()).hexdigest(), settings={},
        layers=ordered, overall=float(np.mean([r.primary for r in ordered.values()])),
    )


def all_layers(rate: float, seed: int = 0, n_docs: int = 40) -> dict[str, FloatArray]:
    return {layer: noisy_counts(layer, rate, n_docs, seed + i) for i, layer in enumerate(LAYERS)}


def agreement_record(scores: dict[str, float], *, half_width: float = 0.03, schema_version: str = "1.1.0",
                     metrics: dict[str, str] | None = None, documents: int = 8) -> dict[str, Any]:
    """An agreement file (as ``byline agreement --out`` writes it) with the given symmetric score per
    layer, both directions equal, and intervals ``score ± half_width``."""
    from byline.agreement import AGREEMENT_KIND

    scorers = installed_scorers()
    metrics = metrics or {}

    def ci(value: float) -> list[float]:
        return [max(0.0, value - half_width), min(1.0, value + half_width)]

    overall = float(np.mean(list(scores.values())))
    return {
        "schema_version": schema_version, "kind": AGREEMENT_KIND, "byline_version": "0.1.0",
        "inventory_version": "1.0.0", "exports": ["annotations/exports"], "documents": documents,
        "pairs": [{"doc_id": f"doc-{2 * i}", "first": "a@x", "second": "b@x"} for i in range(documents)],
        "overall": overall, "overall_ci95": ci(overall),
        "layers": {
            layer: {"primary_metric": metrics.get(layer, scorers[layer].primary_metric), "symmetric": value,
                    "forward": value, "backward": value, "forward_ci95": ci(value), "symmetric_ci95": ci(value),
                    "attribute_accuracy": {}}
            for layer, value in scores.items()
        },
        "boilerplate_characters": {"kappa": None, "kappa_typed": None},
    }


_BUILT: dict[str, Path] = {}


def built_corpus(factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus built once per test session (``byline build`` of annotations/)."""
    if "dataset" not in _BUILT:
        from byline.build import build_dataset

        out = factory.mktemp("leaderboard-dataset") / "dataset"
        built = build_dataset(REPO / "annotations", out, progress=False)
        assert built.output is not None, [str(p) for p in built.report.errors][:5]
        _BUILT["dataset"] = out
    return _BUILT["dataset"]
