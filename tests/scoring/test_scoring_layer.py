"""Helpers shared by the layer scorers."""

from __future__ import annotations

import numpy as np

from byline.scoring.layer import column_index, macro_block, prf_statistics


def test_prf_statistics_paths() -> None:
    out = prf_statistics("soft", np.array([1.0]), np.array([4.0]), np.array([2.0]))
    assert {k: v.tolist() for k, v in out.items()} == {
        "soft.precision": [0.25], "soft.recall": [0.5], "soft.f1": [2 * 0.25 * 0.5 / 0.75]}


def test_macro_leaves_out_unused_units() -> None:
    used = {"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "predicted": 2, "gold": 1}
    unused = {"precision": 1.0, "recall": 1.0, "f1": 1.0, "predicted": 0, "gold": 0}
    zero = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 0, "gold": 3}
    block = macro_block([used, unused, zero])
    assert block == {"precision": 0.25, "recall": 0.5, "f1": 1 / 3, "units": 2}
    assert macro_block([unused]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "units": 0}


def test_column_index() -> None:
    assert column_index(("a", "b")) == {"a": 0, "b": 1}
