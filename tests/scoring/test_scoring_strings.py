"""byline align: string-only predictions become prediction records by byline.align's rule."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from scoring_helpers import INV, write_jsonl

from byline.errors import BylineError
from byline.scoring.bootstrap import BootstrapSettings
from byline.scoring.gold import load_gold
from byline.scoring.scorer import score_predictions
from byline.scoring.strings import align_file
from byline.scoring.validation import accepts

DATASET = Path(__file__).resolve().parents[1] / "data" / "scoring" / "dataset"
PERSON = INV.entity_types[0]


def align(tmp_path: Path, records: list[dict]) -> tuple[list[dict], object]:  # type: ignore[type-arg]
    source = write_jsonl(tmp_path / "strings.jsonl", records)
    out = tmp_path / "pred.jsonl"
    report = align_file(source, DATASET, "test", out)
    return [json.loads(line) for line in out.read_text().splitlines()], report


def test_exact_then_normalised_leftmost_never_reusing(tmp_path: Path) -> None:
    records, report = align(tmp_path, [{
        "id": "fjord-fine",
        "entities": [{"text": "Norvik Shipping", "label": "ORG"}, {"text": "Norvik Shipping", "label": "ORG"},
                     {"text": "Norvik Shipping", "label": "ORG"}, {"text": "Ingrid  Solberg", "label": PERSON}],
        "attributions": [{"cue": "said", "sources": ["Ingrid Solberg"],
                          "contents": ['"We warned them three times,"'], "type": "direct"}],
        "boilerplate": [{"text": "Share this article:", "label": "CALL_TO_ACTION"}],
    }])
    (record,) = records
    text = next(r for r in load_gold_texts() if r[0] == "fjord-fine")[1]
    spans = [(e["start"], e["end"]) for e in record["entities"]]
    first = text.index("Norvik Shipping")
    second = text.index("Norvik Shipping", first + 1)
    assert spans[:2] == [(first, first + 15), (second, second + 15)]  # leftmost free, then the next
    assert text[spans[2][0]:spans[2][1]] == "Ingrid Solberg"           # white space folded
    assert len(spans) == 3                                              # the third Norvik Shipping: unplaced
    attribution = record["attributions"][0]
    assert text[attribution["contents"][0]["start"]:attribution["contents"][0]["end"]] == "“We warned them three times,”"
    assert attribution["type"] == "direct" and attribution["cue"] is not None
    assert record["text_sha256"] and "claims" not in record  # absent layer stays absent
    assert accepts("prediction", record)
    assert report.unplaced_count == 1  # type: ignore[attr-defined]
    assert "no occurrence" in str(report.unplaced[0]) or "already taken" in str(report.unplaced[0])  # type: ignore[attr-defined]
    assert report.placed[("entities", "normalised")] == 1  # type: ignore[attr-defined]


def load_gold_texts() -> list[tuple[str, str]]:
    from byline.scoring.gold import iter_gold_records

    return [(r["id"], r["text"]) for r in iter_gold_records(DATASET, "test")]


def test_attribution_without_placeable_content_is_dropped(tmp_path: Path) -> None:
    records, report = align(tmp_path, [{"id": "bridge-toll", "attributions": [
        {"cue": "said", "sources": ["Aksel Dahl"], "contents": ["not in the text at all"]}]}])
    assert records[0]["attributions"] == []
    assert report.dropped_attributions == 1  # type: ignore[attr-defined]


def test_aligned_gold_strings_score_perfectly(tmp_path: Path) -> None:
    from byline.scoring.gold import iter_gold_records

    strings = []
    for record in iter_gold_records(DATASET, "test"):
        text = record["text"]
        strings.append({"id": record["id"], "entities": [
            {"text": text[e["start"]:e["end"]], "label": e["label"]} for e in record["entities"]]})
    records, _ = align(tmp_path, strings)
    path = write_jsonl(tmp_path / "aligned.jsonl", records)
    score = score_predictions(path, load_gold(DATASET, "test"), BootstrapSettings(resamples=0))
    assert score.layers["entities"].primary == 1.0


def test_bad_input_is_reported_and_nothing_written(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "nope"}\n{"id": "quiet-week", "entities": [{"label": "X"}]}\nnot json\n')
    out = tmp_path / "out.jsonl"
    with pytest.raises(BylineError) as caught:
        align_file(source, DATASET, "test", out)
    message = str(caught.value)
    assert "line 1:document nope:$.id" in message and "line 3: error: found malformed JSON" in message
    assert "line 2:document quiet-week:$.entities[0]: error: found no 'text'" in message
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl.*"))


def test_writes_to_a_stream(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "s.jsonl", [{"id": "empty-brief", "claims": [{"text": "empty brief"}]}])
    stream = io.StringIO()
    report = align_file(source, DATASET, "test", stream)
    record = json.loads(stream.getvalue())
    assert record["claims"] == [{"start": 3, "end": 14}]
    assert "claims: 1 placed (1 exact, 0 normalised), 0 unplaced" in report.summary()
