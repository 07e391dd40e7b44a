"""The seeded bootstrap over documents."""

from __future__ import annotations

import numpy as np
import pytest

from byline.scoring.bootstrap import BootstrapSettings, bootstrap_intervals, resample_weights


def ratio(sums: np.ndarray) -> dict[str, np.ndarray]:  # type: ignore[type-arg]
    with np.errstate(invalid="ignore", divide="ignore"):
        return {"ratio": sums[:, 0] / sums[:, 1]}


def counts(n: int = 200, seed: int = 0) -> np.ndarray:  # type: ignore[type-arg]
    rng = np.random.default_rng(seed)
    gold = rng.integers(1, 20, size=n).astype(float)
    return np.column_stack([rng.binomial(gold.astype(int), 0.7).astype(float), gold])


def test_weights_are_draws_with_replacement() -> None:
    weights = resample_weights(np.random.default_rng(1), 50, 7)
    assert weights.shape == (7, 50) and (weights.sum(axis=1) == 50).all()


def test_same_seed_same_interval_other_seed_other_interval() -> None:
    data = counts()
    a = bootstrap_intervals(data, ratio, BootstrapSettings(seed=5, resamples=300))
    b = bootstrap_intervals(data, ratio, BootstrapSettings(seed=5, resamples=300))
    c = bootstrap_intervals(data, ratio, BootstrapSettings(seed=6, resamples=300))
    assert a == b and a != c


def test_blocks_do_not_change_the_draws() -> None:
    data = counts()
    whole = bootstrap_intervals(data, ratio, BootstrapSettings(resamples=250))
    blocks = bootstrap_intervals(data, ratio, BootstrapSettings(resamples=250), block_elements=3 * len(data))
    single = bootstrap_intervals(data, ratio, BootstrapSettings(resamples=250), block_elements=1)
    assert whole == blocks == single


def test_interval_brackets_the_point_and_matches_a_direct_computation() -> None:
    data = counts()
    settings = BootstrapSettings(seed=11, resamples=400)
    low, high = bootstrap_intervals(data, ratio, settings)["ratio"]  # type: ignore[misc]
    point = data[:, 0].sum() / data[:, 1].sum()
    assert low < point < high
    rng = np.random.default_rng(11)
    draws = rng.integers(0, len(data), size=(400, len(data)))
    values = data[draws, 0].sum(axis=1) / data[draws, 1].sum(axis=1)
    assert (low, high) == pytest.approx(tuple(np.quantile(values, [0.025, 0.975])))


def test_undefined_statistics_and_no_resamples() -> None:
    data = counts(10)

    def undefined(sums: np.ndarray) -> dict[str, np.ndarray]:  # type: ignore[type-arg]
        return {"nan": np.full(len(sums), np.nan)}

    assert bootstrap_intervals(data, undefined, BootstrapSettings(resamples=20)) == {"nan": None}
    assert bootstrap_intervals(data, ratio, BootstrapSettings(resamples=0)) == {"ratio": None}
    assert bootstrap_intervals(data[:0], ratio) == {"ratio": None}


def test_signature_records_the_settings() -> None:
    signature = BootstrapSettings(seed=3, resamples=10).signature
    assert "seed:3" in signature and "n:10" in signature
