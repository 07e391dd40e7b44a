"""`byline score` and `byline align` through byline.cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scoring_helpers import write_jsonl

from byline.cli import main
from byline.scoring.result import load_result

DATA = Path(__file__).resolve().parents[1] / "data"
DATASET = DATA / "scoring" / "dataset"
PREDICTIONS = DATA / "scoring" / "predictions" / "fixture-system.jsonl"


def test_score_prints_tables_and_writes_the_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "result.json"
    code = main(["score", "--predictions", str(PREDICTIONS), "--dataset", str(DATASET), "--out", str(out),
                 "--system-name", "my system", "--system-version", "0.3", "--resamples", "50", "--seed", "7"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.startswith("byline score: my system 0.3 on split 'test'")
    assert "== entities: primary schemes.strict.f1" in captured.out
    assert "warning: 1 of 4 gold documents have no prediction record" in captured.err
    assert f"wrote {out}" in captured.err
    assert "scoring" not in captured.err  # no progress bar when stderr is not a terminal
    result = load_result(out)
    assert result["system"]["name"] == "my system" and result["settings"]["seed"] == 7
    assert result["settings"]["resamples"] == 50


def test_score_json_format_is_the_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--predictions", str(PREDICTIONS), "--dataset", str(DATASET), "--format", "json",
                 "--resamples", "20"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["system"]["name"] == "fixture-system" and "layers" in result


def test_score_system_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tmp_path / "system.json"
    manifest.write_text(json.dumps({"name": "from-manifest", "url": "https://example.org", "date": "2026-01-02"}))
    out = tmp_path / "r.json"
    assert main(["score", "--predictions", str(PREDICTIONS), "--dataset", str(DATASET), "--system", str(manifest),
                 "--resamples", "0", "--out", str(out)]) == 0
    system = load_result(out)["system"]
    assert system == {"name": "from-manifest", "version": None, "url": "https://example.org", "description": None,
                      "date": "2026-01-02"}
    assert load_result(out)["layers"]["entities"]["ci95"] is None


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--dataset", "no/such/dir"], 2, "no built dataset here"),
        (["--split", "train"], 2, "found no split 'train'"),
        (["--resamples", "-1"], 2, "Invalid value for '--resamples'"),
    ],
)
def test_score_usage_errors(args: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["score", "--predictions", str(PREDICTIONS), "--dataset", str(DATASET)]
    assert main(base + args) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_align_writes_predictions_and_reports_unplaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strings = write_jsonl(tmp_path / "strings.jsonl", [
        {"id": "bridge-toll", "entities": [{"text": "Aksel Dahl", "label": "PERSON"},
                                           {"text": "Copenhagen", "label": "GPE"}]},
    ])
    out = tmp_path / "pred.jsonl"
    assert main(["align", str(strings), "--dataset", str(DATASET), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{strings}:line 1:document bridge-toll:$.entities[1]: warning: found \"Copenhagen\"" in err
    assert "entities: 1 placed (1 exact, 0 normalised), 1 unplaced" in err
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(record["entities"]) == 1
    # The aligned file scores.
    assert main(["score", "--predictions", str(out), "--dataset", str(DATASET), "--resamples", "0"]) == 0


def test_align_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strings = write_jsonl(tmp_path / "s.jsonl", [{"id": "empty-brief", "boilerplate": [{"text": "An empty brief."}]}])
    assert main(["align", str(strings), "--dataset", str(DATASET)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["boilerplate"] == [{"start": 0, "end": 15}]
