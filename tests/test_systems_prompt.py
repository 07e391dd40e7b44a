"""`byline prompt` writes one request per document; a recorded (hand-written) answer file goes
through `byline align` and `byline score` (no model is called)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from byline.cli import main
from byline.prompt import LAYERS, instruction, response_schema
from byline.scoring.result import load_result
from leaderboard_helpers import REPO, built_corpus

ANSWERS = REPO / "tests" / "data" / "prompt" / "answers-dev.jsonl"


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_response_schema_stands_alone_and_is_the_string_prediction_format() -> None:
    schema = response_schema()
    Draft202012Validator.check_schema(schema)
    assert "$ref" not in json.dumps(schema) and "$id" not in schema
    assert schema["required"] == ["id", *LAYERS]
    label = schema["properties"]["entities"]["items"]["properties"]["label"]
    assert "PERSON" in label["enum"] and len(label["enum"]) == 18
    only = response_schema(["entities"])
    assert set(only["properties"]) == {"id", "entities"} and only["required"] == ["id", "entities"]


def test_the_instruction_comes_from_the_label_inventory() -> None:
    text = instruction()
    assert "- WORK_OF_ART:" in text and "- COPYRIGHT:" in text and "\"checkworthy\"" in text
    assert "exact substring" in text
    assert "- WORK_OF_ART:" not in instruction(["claims"])


def test_prompt_answers_align_and_score(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    dataset = built_corpus(tmp_path_factory)
    requests_path = tmp_path / "requests.jsonl"
    assert main(["prompt", "--dataset", str(dataset), "--split", "dev", "--out", str(requests_path)]) == 0
    requests = {r["id"]: r for r in _lines(requests_path)}
    gold = {g["id"]: g for g in _lines(dataset / "gold" / "dev.jsonl")}
    assert list(requests) == list(gold)  # one request per document, in split order
    for doc_id, request in requests.items():
        system, user = request["messages"]
        assert system["role"] == "system" and f"Document id: {doc_id}" in system["content"]
        assert user == {"role": "user", "content": gold[doc_id]["text"]}  # the text exactly as stored
        assert request["text_sha256"] == gold[doc_id]["text_sha256"]

    answers = _lines(ANSWERS)
    for answer in answers:  # the recorded answers are what the requests ask for
        assert list(Draft202012Validator(requests[answer["id"]]["response_schema"]).iter_errors(answer)) == []

    predictions = tmp_path / "predictions.jsonl"
    assert main(["align", str(ANSWERS), "--dataset", str(dataset), "--split", "dev", "--out", str(predictions)]) == 0
    err = capsys.readouterr().err
    assert "The player tested positive twice this season" in err and "could not be placed" in err
    aligned = {r["id"]: r for r in _lines(predictions)}
    for answer in answers:
        text = gold[answer["id"]]["text"]
        placed = [text[e["start"]:e["end"]] for e in aligned[answer["id"]]["entities"]]
        assert placed == [e["text"] for e in answer["entities"]]

    result_path = tmp_path / "result.json"
    assert main(["score", "--predictions", str(predictions), "--dataset", str(dataset), "--split", "dev",
                 "--system-name", "hand-written-llm-answers", "--out", str(result_path)]) == 0
    result = load_result(result_path)
    assert result["predictions"]["layers"] == list(LAYERS)
    columns = result["document_columns"]["entities"]
    rows = {row["id"]: dict(zip(columns, row["entities"], strict=True)) for row in result["documents"]}
    for doc_id, record in aligned.items():  # oracle: strict matches are the exact (span, type) pairs
        predicted = {(e["start"], e["end"], e["label"]) for e in record["entities"]}
        expected = {(e["start"], e["end"], e["label"]) for e in gold[doc_id]["entities"]}
        assert rows[doc_id]["strict_correct"] == len(predicted & expected) > 0
        assert rows[doc_id]["predicted"] == len(record["entities"])
    missing = [doc_id for doc_id in gold if doc_id not in aligned]
    assert all(rows[doc_id]["predicted"] == 0 for doc_id in missing)


def test_unknown_layers_are_refused_with_the_options(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    dataset = built_corpus(tmp_path_factory)
    assert main(["prompt", "--dataset", str(dataset), "--out", str(tmp_path / "r.jsonl"),
                 "--layers", "entities,quotes"]) == 2
    assert "found quotes; expected some of entities, claims, attributions, boilerplate" in capsys.readouterr().err
    assert not (tmp_path / "r.jsonl").exists()
    assert main(["prompt", "--dataset", str(dataset), "--out", str(tmp_path / "r.jsonl"), "--split", "nope"]) == 2
    assert "found no split 'nope'; expected one of dev, test" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # nothing half-written
