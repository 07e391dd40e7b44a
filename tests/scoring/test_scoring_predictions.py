"""Prediction files: every problem reported in one run, with line, document and JSON path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool) -> tuple[list[str], list[tuple[int, Any]], int]:
    """Every problem, every batch's rows, and how many lines the strict reader read; with the
    fast reading of lines on or off."""
    import byline.scoring.predictions as module

    strict_reads = 0
    read_strict = PredictionStream._read_strict

    def counting(self: PredictionStream, *args: Any) -> int | None:
        nonlocal strict_reads
        strict_reads += 1
        return read_strict(self, *args)

    with monkeypatch.context() as patch:
        patch.setattr(PredictionStream, "_read_strict", counting)
        if not fast:
            patch.setattr(PredictionStream, "_read_fast", lambda *_: module._FALLBACK)
        stream = PredictionStream(path, load_gold(DATASET, "test"), CODES, batch_size=2)
        rows = [(int(d), (t.n_docs, t.entities.start.tolist(), t.entities.end.tolist(), t.entities.label.tolist(),
                          t.claims.start.tolist(), t.attributions.cue_start.tolist(),
                          t.attributions.contents.start.tolist()))
                for docs, t in stream for d in docs]
    return [str(p) for p in stream.problems], rows, strict_reads


GOOD = [
    {"id": "fjord-fine", "text_sha256": None, "entities": [{"start": 0, "end": 7, "label": LABEL, "score": 0.5}],
     "claims": [{"start": 0, "end": 20, "checkworthy": "yes"}],
     "attributions": [{"cue": {"start": 10, "end": 12}, "sources": [{"start": 0, "end": 5}],
                       "contents": [{"start": 14, "end": 30, "id": "c1"}], "stance": "asserts"}],
     "boilerplate": []},
    {"id": "bridge-toll", "entities": [{"start": 2, "end": 9, "label": LABEL, "id": "e1"}]},
    {"id": "quiet-week", "attributions": [{"cue": None, "contents": [{"start": 1, "end": 3}]}]},
]


def _good_lines() -> list[bytes]:
    lines = []
    for record in GOOD:
        record = {k: v for k, v in record.items() if v is not None}
        lines.append(j(record))
    return lines


def test_clean_lines_are_read_the_fast_way_and_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file without problems never reaches the strict reader, and gives the same rows as it."""
    path = write_lines(tmp_path / "good.jsonl", _good_lines())
    fast = _read(path, monkeypatch, fast=True)
    strict = _read(path, monkeypatch, fast=False)
    assert fast[2] == 0 and strict[2] == len(GOOD)
    assert fast[:2] == strict[:2] and fast[0] == [] and len(fast[1]) == len(GOOD)


def test_a_colon_inside_a_string_sends_the_line_to_the_strict_reader(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """More colons than keys cannot prove that no key was repeated: the strict reader reads the
    line (and accepts it)."""
    path = write_lines(tmp_path / "colon.jsonl", [
        j({"id": "bridge-toll", "entities": [{"start": 2, "end": 9, "label": LABEL, "id": "e:1"}]}),
        j({"id": "quiet-week", "entities": [{"start": 2, "end": 9, "label": LABEL, "id": "e1"}]}),
    ])
    problems, rows, strict_reads = _read(path, monkeypatch, fast=True)
    assert problems == [] and strict_reads == 1 and len(rows) == 2
    assert (problems, rows) == _read(path, monkeypatch, fast=False)[:2]


@pytest.mark.parametrize("line", [
    # one key twice, at the top and deep inside (same number of colons as a clean line would have)
    b'{"id": "bridge-toll", "id": "bridge-toll", "entities": []}',
    b'{"id": "bridge-toll", "entities": [{"start": 2, "start": 3, "end": 9, "label": "' + LABEL.encode() + b'"}]}',
    b'{"id": "bridge-toll", "attributions": [{"contents": [{"start": 1, "end": 3, "end": 4}]}]}',
    b'{"id": "bridge-toll", "attributions": [{"cue": {"start": 1, "end": 2, "start": 1}, "contents": [{"start": 3, "end": 4}]}]}',
    # what orjson refuses: NaN, a lone surrogate, a number too large for a double, a byte-order mark
    b'{"id": "bridge-toll", "entities": [{"start": 2, "end": 9, "label": "' + LABEL.encode() + b'", "score": NaN}]}',
    b'{"id": "bridge-toll\\ud800", "entities": []}',
    b'{"id": "bridge-toll", "entities": [{"start": 2, "end": 9, "label": "' + LABEL.encode() + b'", "score": 1e400}]}',
    b'\xef\xbb\xbf{"id": "bridge-toll", "entities": []}',
    # integers orjson reads differently: beyond 64 bits (a float there), at the edge of int64
    b'{"id": "bridge-toll", "entities": [{"start": 2, "end": 123456789012345678901234, "label": "' + LABEL.encode() + b'"}]}',
    b'{"id": "bridge-toll", "entities": [{"start": 18446744073709551616, "end": 18446744073709551617, "label": "' + LABEL.encode() + b'"}]}',
    b'{"id": "bridge-toll", "entities": [{"start": 2, "end": 9223372036854775808, "label": "' + LABEL.encode() + b'"}]}',
    b'{"id": "bridge-toll", "claims": [{"start": 2.0, "end": 9.0}]}',
    # a bad span, a wrong digest, an unknown id
    b'{"id": "bridge-toll", "boilerplate": [{"start": 5, "end": 5, "label": "' + INV.boilerplate_types[0].encode() + b'"}]}',
    b'{"id": "bridge-toll", "text_sha256": "' + b"0" * 64 + b'", "entities": []}',
    b'{"id": "no-such-doc", "entities": []}',
])
def test_the_fast_reading_reports_and_keeps_what_the_strict_reader_does(
        line: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast way never decides alone about a line the strict reader would report, and what is
    reported (and scored) is the strict reader's."""
    path = write_lines(tmp_path / "edge.jsonl", [*_good_lines()[:1], line, j({"id": "quiet-week", "entities": []})])
    fast = _read(path, monkeypatch, fast=True)
    strict = _read(path, monkeypatch, fast=False)
    assert fast[:2] == strict[:2]
    if strict[0]:
        assert fast[2] >= 1  # the reported line went to the strict reader


def test_keys_counts_every_object_of_a_record() -> None:
    from byline.scoring.predictions import _keys

    for record in GOOD:
        record = {k: v for k, v in record.items() if v is not None}
        assert _keys(record) == j(record).count(b":")
