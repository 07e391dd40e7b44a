"""Prediction files: every problem reported in one run, with line, document and JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scoring_helpers import CODES, INV

from byline.cli import main
from byline.errors import BylineError
from byline.scoring.bootstrap import BootstrapSettings
from byline.scoring.gold import load_gold
from byline.scoring.predictions import PredictionStream
from byline.scoring.scorer import score_predictions

DATASET = Path(__file__).resolve().parents[1] / "data" / "scoring" / "dataset"
LABEL = INV.entity_types[0]


def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def j(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def report_of(path: Path) -> str:
    with pytest.raises(BylineError) as caught:
        score_predictions(path, load_gold(DATASET, "test"), BootstrapSettings(resamples=0))
    return str(caught.value)


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.jsonl", [
        b'{"id": "fjord-fine", "entities": [',                                   # 1 malformed JSON
        j({"id": "no-such-doc", "entities": []}),                                # 2 unknown id
        j({"id": "bridge-toll", "entities": [{"start": 0, "end": 9000, "label": LABEL}]}),  # 3 outside text
        j({"id": "bridge-toll", "entities": []}),                                # 4 duplicate id
        j({"id": "quiet-week", "entities": [{"start": 5, "end": 5, "label": LABEL}]}),      # 5 start >= end
        j({"id": "empty-brief", "entities": [{"start": 0, "end": 2, "label": "NOT_A_TYPE"}]}),  # 6 unknown label
        j({"id": "fjord-fine", "text_sha256": "0" * 64, "entities": []}),         # 7 sha mismatch
        b'{"id": "dev-lagos", "entities": []}\xff',                               # 8 not UTF-8
        b"[1, 2]",                                                                # 9 not an object
        j({"entities": []}),                                                     # 10 no id
        j({"id": "quiet-week", "entities": [], "colour": "blue"}),                # 11 duplicate + extra property
        b"",                                                                      # 12 blank: ignored
        j({"id": "empty-brief", "attributions": [{"cue": {"start": 1}, "contents": []}]}),  # 13 two problems
    ])
    report = report_of(path)
    lines = report.splitlines()
    assert lines[0].startswith(f"{path}: ") and "nothing was scored" in lines[0]
    expected = [
        f"{path}:line 1: error: found malformed JSON",
        f"{path}:line 2:document no-such-doc:$.id: error: found \"no-such-doc\"; expected the id of a document of gold split 'test'",
        f"{path}:line 3:document bridge-toll:$.entities[0]: error: found end 9000; expected an end of at most",
        f"{path}:line 4:document bridge-toll:$.id: error: found a second record for this document (the first is on line 3)",
        f"{path}:line 5:document quiet-week:$.entities[0]: error: found start 5, end 5; expected start < end",
        f"{path}:line 6:document empty-brief:$.entities[0].label: error: found \"NOT_A_TYPE\"; expected one of {LABEL}",
        f"{path}:line 7:document fjord-fine:$.text_sha256: error: found {'0' * 64}; expected ",
        f"{path}:line 8: error: found bytes that are not UTF-8",
        f"{path}:line 9:$: error: found [1, 2]; expected a JSON object",
        f"{path}:line 10:$: error: found no 'id'; expected the required property 'id'",
        f"{path}:line 11:document quiet-week:$: error: found the property 'colour'; expected only ",
        f"{path}:line 11:document quiet-week:$.id: error: found a second record",
        f"{path}:line 13:document empty-brief:$.attributions[0].contents: error: found []; expected at least 1 item",
        f"{path}:line 13:document empty-brief:$.attributions[0].cue: error: found {{\"start\": 1}}; expected a span",
        f"{path}:line 13:document empty-brief:$.id: error: found a second record for this document (the first is on line 6)",
    ]
    for prefix in expected:
        assert any(line.strip().startswith(prefix) for line in lines), prefix
    assert "Traceback" not in report
    assert len(lines) == 1 + len(expected)


def test_problem_codes(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "codes.jsonl", [
        j({"id": "empty-brief", "entities": [{"start": 0, "end": 2, "label": "NOT_A_TYPE"}]}),
        j({"id": "unknown"}),
    ])
    stream = PredictionStream(path, load_gold(DATASET, "test"), CODES)
    assert list(stream) == []
    assert [p.code for p in stream.problems] == ["unknown_label", "unknown_id"]


def test_listing_is_capped_but_every_problem_is_counted(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "many.jsonl", [j({"id": f"nope-{i}"}) for i in range(5000)])
    stream = PredictionStream(path, load_gold(DATASET, "test"), CODES, max_listed=100)
    assert list(stream) == []
    assert stream.problem_count == 5000 and len(stream.problems) == 100
    with pytest.raises(BylineError, match=r"and 4000 more not listed \(all problems by kind: unknown_id 5000\)"):
        score_predictions(path, load_gold(DATASET, "test"))


def test_stream_yields_batches_and_hashes_the_file(tmp_path: Path) -> None:
    import hashlib

    gold = load_gold(DATASET, "test")
    path = write_lines(tmp_path / "ok.jsonl", [j({"id": doc_id, "entities": []}) for doc_id in gold.ids])
    stream = PredictionStream(path, gold, CODES, batch_size=3)
    batches = list(stream)
    assert [len(docs) for docs, _ in batches] == [3, 1]
    assert [b.n_docs for _, b in batches] == [3, 1]
    assert stream.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert stream.records == 4 and stream.layers_predicted == ("entities",)


def test_cli_reports_problems_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_lines(tmp_path / "bad.jsonl", [b"{oops", j({"id": "nope"})])
    code = main(["score", "--predictions", str(path), "--dataset", str(DATASET), "--resamples", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path}:line 1: error: found malformed JSON" in err and f"{path}:line 2:document nope:$.id" in err
    assert "Traceback" not in err
