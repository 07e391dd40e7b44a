"""`byline score` and `byline align` on bad input (issue 10): a located message or the right
behaviour, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from scoring_helpers import write_jsonl

from byline.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"
DATASET = DATA / "scoring" / "dataset"
PREDICTIONS = DATA / "scoring" / "predictions" / "fixture-system.jsonl"


def _score(predictions: Path | str, *extra: str) -> list[str]:
    return ["score", "--predictions", str(predictions), "--dataset", str(DATASET), "--resamples", "0",
            "--format", "json", *extra]


def _overall(capsys: pytest.CaptureFixture[str]) -> float:
    value: float = json.loads(capsys.readouterr().out)["overall"]
    return value


@pytest.mark.parametrize(("content", "found"), [
    (b"", "no prediction records (an empty file)"),
    (b"\n  \n\t\n", "no prediction records (3 blank lines)"),
])
def test_empty_or_blank_prediction_file_is_an_error(content: bytes, found: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(content)
    assert main(_score(path)) == 1
    err = capsys.readouterr().err
    assert f"{path}: error: found {found}; expected one JSON prediction record per line" in err


def test_deeply_nested_line_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(PREDICTIONS.read_text(encoding="utf-8") + '{"id": "x", "entities": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
                    encoding="utf-8")
    assert main(_score(path)) == 1
    err = capsys.readouterr().err
    assert f"{path}:line 4: error: found malformed JSON (nesting deeper than" in err


@pytest.mark.parametrize(("line", "code", "path"), [
    ('{"id": "fjord-fine", "entities": [], "entities": []}', "duplicate-key", "$.entities"),
    ('{"id": "fjord-fine", "entities": [{"start": NaN, "end": 3, "label": "ORG"}]}', "not-a-number", "$.entities[0].start"),
    ('{"id": "fjord-fine\\udc00"}', "lone-surrogate", "$.id"),
])
def test_strict_json_in_prediction_lines(line: str, code: str, path: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "p.jsonl"
    file.write_text(line + "\n", encoding="utf-8")
    assert main(_score(file)) == 1
    err = capsys.readouterr().err
    assert f":{path}: error: found " in err and "line 1" in err


def test_cr_only_line_ends_score_like_lf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_score(PREDICTIONS)) == 0
    expected = _overall(capsys)
    cr = tmp_path / "cr.jsonl"
    cr.write_bytes(PREDICTIONS.read_bytes().replace(b"\n", b"\r"))
    assert main(_score(cr)) == 0
    assert _overall(capsys) == expected


def test_id_with_a_newline_is_escaped_in_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": "fjord\nfine", "entities": []}])
    assert main(_score(path)) == 1
    err = capsys.readouterr().err
    [line] = [line for line in err.splitlines() if "unknown" in line or "fjord" in line]
    assert "document fjord\\nfine:$.id" in line


def test_out_under_a_regular_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main([*_score(PREDICTIONS), "--out", str(blocker / "result.json")]) == 2
    assert f"{blocker / 'result.json'}: cannot be written: {blocker} is a file, not a folder" in capsys.readouterr().err
    assert main(["align", str(PREDICTIONS), "--dataset", str(DATASET), "--out", str(blocker / "x.jsonl")]) == 2


def test_out_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "result.json"
    assert main([*_score(PREDICTIONS), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["overall"] is not None


def test_predictions_from_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_score(PREDICTIONS)) == 0
    expected = _overall(capsys)
    run = subprocess.run([sys.executable, "-m", "byline", *_score("/dev/stdin")], input=PREDICTIONS.read_bytes(),
                         capture_output=True, check=False)
    assert run.returncode == 0, run.stderr.decode()
    assert json.loads(run.stdout)["overall"] == expected


def test_predictions_from_a_fifo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_score(PREDICTIONS)) == 0
    expected = _overall(capsys)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as handle:
            handle.write(PREDICTIONS.read_bytes())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert main(_score(fifo)) == 0
    finally:
        writer.join(timeout=10)
    assert _overall(capsys) == expected


def test_align_dropped_attribution_keeps_no_positions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = json.loads((DATASET / "gold" / "test.jsonl").read_text(encoding="utf-8").splitlines()[0])
    text = gold["text"]
    words = text.split()
    source, cue = words[0], words[1]
    strings = write_jsonl(tmp_path / "s.jsonl", [{"id": gold["id"], "attributions": [
        {"cue": cue, "sources": [source], "contents": ["no such content anywhere"], "type": "direct", "stance": "asserts"},
        {"cue": cue, "sources": [source], "contents": [words[2]], "type": "direct", "stance": "asserts"},
    ]}])
    out = tmp_path / "p.jsonl"
    assert main(["align", str(strings), "--dataset", str(DATASET), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    [kept] = record["attributions"]
    first = text.index(source)
    assert kept["sources"] == [{"start": first, "end": first + len(source)}]  # not pushed to a later occurrence
    assert "attributions: 3 placed (3 exact, 0 normalised), 3 unplaced" in err
    assert "$.attributions[0].sources[0]: warning: found" in err and "its attribution was dropped" in err
