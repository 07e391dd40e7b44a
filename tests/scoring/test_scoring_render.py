"""Tables for people, from any result record."""

from __future__ import annotations

from pathlib import Path

from byline.inventory import LAYERS
from byline.scoring.render import render_result
from byline.scoring.result import load_result

HISTORIC = sorted((Path(__file__).resolve().parents[1] / "data" / "results").glob("*/*.json"))


def test_every_layer_has_a_table_with_intervals() -> None:
    result = load_result(HISTORIC[0])
    text = render_result(result)
    assert text.splitlines()[0].startswith(f"byline score: {result['system']['name']}")
    for layer in LAYERS:
        block = result["layers"][layer]
        assert f"== {layer}: primary {block['primary_metric']} = {block['primary']:.3f}" in text
    assert "F1 95% CI" in text and "strict" in text and "relation soft" in text and "characters (pooled)" in text
    assert f"overall: {result['overall']:.3f}" in text


def test_result_without_layers() -> None:
    result = load_result(HISTORIC[0])
    result = {**result, "layers": {}, "overall": None}
    assert "overall: – (no layer predicted)" in render_result(result)
