"""Baseline systems shipped with Byline, run by ``byline baseline NAME --out PRED.jsonl``.

- ``rules`` — the rule-based system for all four layers (:mod:`byline.baselines.rules`);
- ``nothing`` — predicts every layer, and nothing in it (the floor);
- ``every-line-boilerplate`` — every non-empty line is boilerplate (boilerplate layer only);
- ``every-sentence-claim`` — every sentence is a claim (claims layer only).

None downloads anything; each is a pure function from a text to a prediction record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.baselines import rules


def _nothing(text: str) -> dict[str, Any]:
    return {"entities": [], "claims": [], "attributions": [], "boilerplate": []}


def _every_line_boilerplate(text: str) -> dict[str, Any]:
    spans = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            start = position + len(line) - len(line.lstrip())
            spans.append({"start": start, "end": start + len(body)})
        position += len(line)
    return {"boilerplate": spans}


def _every_sentence_claim(text: str) -> dict[str, Any]:
    claims = []
    for match in rules.SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            claims.append({"start": start, "end": end})
    return {"claims": claims}


@dataclass(frozen=True)
class Baseline:
    name: str
    description: str
    predict: Callable[[str], dict[str, Any]]
    version: str = "1.0"


BASELINES: dict[str, Baseline] = {
    b.name: b
    for b in (
        Baseline("rules", "Rule-based: quotation and speech-verb patterns, a gazetteer and capitalisation, "
                          "assertive sentences, line heuristics for boilerplate.", rules.predict),
        Baseline("nothing", "Reference floor: predicts every layer and nothing in it.", _nothing),
        Baseline("every-line-boilerplate", "Reference: every non-empty line is boilerplate.", _every_line_boilerplate),
        Baseline("every-sentence-claim", "Reference: every sentence is a claim.", _every_sentence_claim),
    )
}


def write_predictions(name: str, dataset: Path, split: str, path: Path) -> int:
    """Run a baseline on a split of a built dataset and write its prediction records, one JSON
    object per line (sorted keys, UTF-8, ``\\n`` line ends); return how many were written."""
    from byline.scoring.gold import iter_gold_records

    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in run_baseline(name, iter_gold_records(dataset, split)):
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def run_baseline(name: str, documents: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Prediction records (with ``text_sha256``) for gold documents, in their order."""
    baseline = BASELINES[name]
    for document in documents:
        yield {"id": document["id"], "text_sha256": document["text_sha256"], **baseline.predict(document["text"])}
