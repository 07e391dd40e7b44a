"""Confidence intervals by a seeded bootstrap over documents, from per-document counts.

A resample draws ``n`` documents with replacement out of the ``n`` gold documents; its counts
are the sums of the drawn documents' rows, and every metric is recomputed from those sums
exactly as for the point estimate. The 95% interval is the 2.5th and 97.5th percentile of the
resampled values (the percentile bootstrap; numpy's default linear interpolation).

The draws come from ``numpy.random.default_rng(seed)`` (PCG64) in document order of the gold
split, ``resamples`` rows of ``n`` indices each, so two systems scored on the same split with the
same seed see the same resamples: differences between them can be tested pairwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from byline.scoring.counts import FloatArray

DEFAULT_SEED = 12345
DEFAULT_RESAMPLES = 1000
BLOCK_ELEMENTS = 1 << 22
"""Drawn indices held at once (32 MiB); blocks never change the draws, only the memory."""

Statistic = Callable[[FloatArray], dict[str, FloatArray]]


@dataclass(frozen=True)
class BootstrapSettings:
    seed: int = DEFAULT_SEED
    resamples: int = DEFAULT_RESAMPLES
    confidence: float = 0.95

    @property
    def signature(self) -> str:
        """A short record of the settings, in the manner of sacrebleu's signatures."""
        return f"bootstrap:documents|n:{self.resamples}|seed:{self.seed}|rng:PCG64|ci:{self.confidence:g}|percentile"


def resample_weights(rng: np.random.Generator, n_docs: int, rows: int) -> FloatArray:
    """How often each document is drawn in each of ``rows`` resamples (rows × documents)."""
    drawn = rng.integers(0, n_docs, size=(rows, n_docs))
    flat = (drawn + (np.arange(rows, dtype=np.int64) * n_docs)[:, None]).ravel()
    return np.bincount(flat, minlength=rows * n_docs).reshape(rows, n_docs).astype(np.float64)


def bootstrap_intervals(
    per_doc: FloatArray | Sequence[FloatArray],
    statistic: Statistic,
    settings: BootstrapSettings | None = None,
    block_elements: int = BLOCK_ELEMENTS,
) -> dict[str, tuple[float, float] | None]:
    """The interval of every statistic (``None`` where it is undefined in every resample, or
    when there are no resamples or no documents). ``per_doc`` is (documents × columns), or
    several such matrices side by side (so that they need not be copied into one)."""
    settings = settings or BootstrapSettings()
    blocks = [per_doc] if isinstance(per_doc, np.ndarray) else list(per_doc)
    n_docs = blocks[0].shape[0]
    if n_docs == 0 or settings.resamples <= 0:
        return {key: None for key in statistic(np.hstack([b.sum(axis=0, keepdims=True) for b in blocks]))}
    rng = np.random.default_rng(settings.seed)
    rows = max(1, block_elements // n_docs)
    values: dict[str, list[FloatArray]] = {}
    done = 0
    while done < settings.resamples:
        block = min(rows, settings.resamples - done)
        weights = resample_weights(rng, n_docs, block)
        sums = np.hstack([weights @ b for b in blocks])
        for key, value in statistic(sums).items():
            values.setdefault(key, []).append(np.asarray(value, dtype=np.float64))
        done += block
    alpha = (1.0 - settings.confidence) / 2.0
    out: dict[str, tuple[float, float] | None] = {}
    for key, parts in values.items():
        all_values = np.concatenate(parts)
        finite = all_values[np.isfinite(all_values)]
        if len(finite) == 0:
            out[key] = None
            continue
        low, high = np.quantile(finite, [alpha, 1.0 - alpha])
        out[key] = (float(low), float(high))
    return out
