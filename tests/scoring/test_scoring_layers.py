"""`byline score` reads only the gold layers a prediction file can contain, and never scores a
layer whose gold items were not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from scoring_helpers import INV, gold_record, write_dataset, write_jsonl

from byline.cli import main
from byline.errors import BylineError
from byline.inventory import LAYERS
from byline.scoring.gold import load_gold
from byline.scoring.predictions import layers_in_file
from byline.scoring.scorer import score_predictions

TEXT = "Ana Silva said the bridge would open in May."
PERSON = INV.entity_types[0]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    gold = gold_record("d1", TEXT, entities=[{"start": 0, "end": 9, "label": PERSON}],
                       claims=[{"start": 15, "end": 43}])
    return write_dataset(tmp_path / "dataset", {"test": [gold]})


def test_layers_named_in_the_file_are_found(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": "d1", "entities": []}, {"id": "d2", "boilerplate": []}])
    assert layers_in_file(path) == ("entities", "boilerplate")


def test_an_escape_means_any_layer_may_be_there(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "d1", "\\u0063laims": [{"start": 15, "end": 43}]}\n', encoding="utf-8")
    assert layers_in_file(path) == LAYERS


def test_an_escaped_layer_name_is_still_scored(dataset: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "d1", "\\u0063laims": [{"start": 15, "end": 43}]}\n', encoding="utf-8")
    assert main(["score", "--predictions", str(path), "--dataset", str(dataset), "--resamples", "0",
                 "--format", "json"]) == 0
    assert '"claims"' in capsys.readouterr().out


def test_only_the_named_layers_are_read_and_scores_do_not_change(dataset: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": "d1", "entities": [{"start": 0, "end": 9, "label": PERSON}]}])
    partial = load_gold(dataset, "test", layers=layers_in_file(path))
    full = load_gold(dataset, "test")
    assert partial.layers == ("entities",) and len(partial.items.batch.claims) == 0
    assert len(full.items.batch.claims) == 1
    assert score_predictions(path, partial).layers["entities"].summary == \
        score_predictions(path, full).layers["entities"].summary


def test_a_layer_whose_gold_was_not_read_is_refused(dataset: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": "d1", "claims": [{"start": 15, "end": 43}]}])
    gold = load_gold(dataset, "test", layers=("entities",))
    with pytest.raises(BylineError, match="predicts claims, but the gold split was read without"):
        score_predictions(path, gold)
