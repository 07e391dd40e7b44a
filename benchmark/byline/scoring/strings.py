"""String-only predictions into offset predictions (``byline align``).

Generative systems name spans by their text (entity text and type, quote text and speaker text,
boilerplate text). Each record of ``schema/string_prediction.schema.json`` becomes a record of
``schema/prediction.schema.json`` by Byline's one alignment rule (:mod:`byline.align`): exact
occurrences first, then quote/dash/white-space-folded ones, the leftmost occurrence whose code
points no earlier string of the same group has taken. A group is one layer of one document;
in attributions each role (cue, source, content) is its own group, since a nested attribution's
source and cue lie inside another's content.

Strings are placed in the order given (attributions: contents, then sources, then the cue).
What cannot be placed is dropped from the output and reported; an attribution none of whose
contents can be placed is dropped whole. A layer absent from a record stays absent.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from byline.align import Aligner, Placement, PositionPool, place
from byline.errors import BylineError, Problem, UsageError
from byline.inventory import LAYERS
from byline.scoring.gold import iter_gold_records
from byline.scoring.jsonl import READ_BUFFER
from byline.scoring.validation import accepts, schema_problems
from byline.strictjson import DecodeLimit, StrictDecoder, split_lines
from byline.texts import text_sha256

MAX_LISTED = 1000
ROLE_FIELDS = (("contents", "content"), ("sources", "source"))


@dataclass
class AlignReport:
    """What ``byline align`` did: counts per (layer, method) and every string it could not place."""

    records: int = 0
    placed: Counter[tuple[str, str]] = field(default_factory=Counter)
    unplaced: list[Problem] = field(default_factory=list)
    unplaced_count: int = 0
    dropped_attributions: int = 0

    def summary(self) -> str:
        parts = []
        for layer in LAYERS:
            exact = self.placed[(layer, "exact")]
            normalised = self.placed[(layer, "normalised")]
            missed = self.placed[(layer, "unplaced")]
            if exact or normalised or missed:
                parts.append(f"{layer}: {exact + normalised} placed ({exact} exact, {normalised} normalised), "
                             f"{missed} unplaced")
        text = f"aligned {self.records} record{'s' if self.records != 1 else ''}"
        return text + (": " + "; ".join(parts) if parts else "")


@dataclass
class _Document:
    """Alignment state of one record."""

    doc_id: str
    line: int
    source: str
    aligner: Aligner
    report: AlignReport

    def place(self, layer: str, path: str, text: str, pool: PositionPool) -> Placement:
        placement = place(self.aligner, text, pool)
        if placement.placed:
            self.report.placed[(layer, placement.method)] += 1
        else:
            self.unplaced(layer, path, text, placement.reason)
        return placement

    def unplaced(self, layer: str, path: str, text: str, reason: str) -> None:
        """Count and report one string that is left out of the output."""
        self.report.placed[(layer, "unplaced")] += 1
        self.report.unplaced_count += 1
        if len(self.report.unplaced) < MAX_LISTED:
            self.report.unplaced.append(Problem(
                "warning", "unplaced", self.source, f"line {self.line}:document {self.doc_id}", path,
                f"{json.dumps(text, ensure_ascii=False)}, which could not be placed: {reason}",
                "a string that occurs in the text, exactly or up to quotes, dashes and white space, "
                "where no earlier string of its group is placed",
            ))


def _span(placement: Placement) -> dict[str, int]:
    assert placement.start is not None and placement.end is not None
    return {"start": placement.start, "end": placement.end}


def align_record(record: dict[str, Any], text: str, state: _Document) -> dict[str, Any]:
    """One string-prediction record as a prediction record with offsets."""
    out: dict[str, Any] = {"id": record["id"], "text_sha256": text_sha256(text)}
    for layer in ("entities", "claims", "boilerplate"):
        if layer not in record:
            continue
        pool = PositionPool()
        items = []
        for i, item in enumerate(record[layer]):
            placement = state.place(layer, f"$.{layer}[{i}]", item["text"], pool)
            if placement.placed:
                items.append({**_span(placement), **{k: v for k, v in item.items() if k != "text"}})
        out[layer] = items
    if "attributions" in record:
        pools = {"content": PositionPool(), "source": PositionPool(), "cue": PositionPool()}
        attributions = []
        for i, item in enumerate(record["attributions"]):
            path = f"$.attributions[{i}]"
            contents = [
                _span(placement) for j, text_part in enumerate(item.get("contents", []))
                if (placement := state.place("attributions", f"{path}.contents[{j}]", text_part, pools["content"])).placed
            ]
            if not contents:
                # Its sources and cue are not placed at all: they take no positions from later strings.
                state.report.dropped_attributions += 1
                for j, text_part in enumerate(item.get("sources", [])):
                    state.unplaced("attributions", f"{path}.sources[{j}]", text_part, "its attribution was dropped "
                                   "(none of its contents could be placed)")
                if item.get("cue") is not None:
                    state.unplaced("attributions", f"{path}.cue", item["cue"], "its attribution was dropped "
                                   "(none of its contents could be placed)")
                continue
            sources = [
                _span(placement) for j, text_part in enumerate(item.get("sources", []))
                if (placement := state.place("attributions", f"{path}.sources[{j}]", text_part, pools["source"])).placed
            ]
            cue = None
            if item.get("cue") is not None:
                placement = state.place("attributions", f"{path}.cue", item["cue"], pools["cue"])
                cue = _span(placement) if placement.placed else None
            attribution: dict[str, Any] = {"cue": cue, "sources": sources, "contents": contents}
            attribution.update({k: v for k, v in item.items() if k not in ("cue", "sources", "contents")})
            attributions.append(attribution)
        out["attributions"] = attributions
    return out


def _records(path: Path, texts: dict[str, str], problems: list[Problem]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The valid records of a string-prediction file; problems of the others go to ``problems``."""
    seen: dict[str, int] = {}

    def problem(code: str, where: str, json_path: str, found: str, expected: str) -> None:
        problems.append(Problem("error", code, str(path), where, json_path, found, expected))

    decoder = StrictDecoder()
    number = 0
    records = 0
    with open(path, "rb", buffering=READ_BUFFER) as handle:
        for line in (part for raw in handle for part in split_lines(raw)):
            number += 1
            if not line.strip():
                continue
            records += 1
            where = f"line {number}"
            if line.startswith(b"\xef\xbb\xbf"):
                problem("byte-order-mark", where, "", "a UTF-8 byte-order mark (U+FEFF) before the JSON text",
                        "a JSON object with nothing before it (save the file as UTF-8 without a BOM)")
                continue
            try:
                record, findings = decoder.loads(line.decode("utf-8"))
            except UnicodeDecodeError as exc:
                problem("encoding", where, "", f"bytes that are not UTF-8 ({exc.reason} at byte {exc.start})",
                        "UTF-8 text")
                continue
            except (json.JSONDecodeError, DecodeLimit) as exc:
                problem("json", where, "", f"malformed JSON ({exc.msg} at column {exc.pos + 1})",
                        "one JSON object per line")
                continue
            if findings:
                for finding in findings:
                    problem(finding.code, where, finding.path, finding.found, finding.expected)
                continue
            doc_id = record.get("id") if isinstance(record, dict) else None
            if isinstance(doc_id, str) and doc_id:
                where = f"{where}:document {doc_id}"
            valid = accepts("strings", record)
            if not valid:
                for sp in schema_problems("strings", record):
                    problem(sp.code, where, sp.path, sp.found, sp.expected)
            if not isinstance(doc_id, str) or not doc_id:
                continue
            if doc_id not in texts:
                problem("unknown_id", where, "$.id", json.dumps(doc_id, ensure_ascii=False),
                        "the id of a document of the gold split")
                continue
            if doc_id in seen:
                problem("duplicate_id", where, "$.id",
                        f"a second record for this document (the first is on line {seen[doc_id]})",
                        "one record per document")
                continue
            seen[doc_id] = number
            if valid:
                yield number, record
    if not records:
        problem("empty", "", "", "no string-prediction records (" + ("an empty file" if not number else "only blank lines") + ")",
                "one JSON record per line (schema/string_prediction.schema.json)")


def align_file(
    strings: Path | str, dataset: Path | str, split: str, out: IO[str] | Path | str
) -> AlignReport:
    """Align every record of ``strings`` against the gold texts of ``split`` and write the
    prediction records to ``out`` (a path, written only when the whole input is valid, or an
    open text stream). Raises :class:`BylineError` listing every problem of the input."""
    source = Path(strings)
    if not source.exists() or source.is_dir():
        raise UsageError(f"{source}: no such string-prediction file")
    texts = {record["id"]: record["text"] for record in iter_gold_records(Path(dataset), split)}
    report = AlignReport()
    problems: list[Problem] = []
    target = None if not isinstance(out, str | Path) else Path(out)
    tmp = None if target is None else target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        handle: IO[str]
        if tmp is not None:
            tmp.parent.mkdir(parents=True, exist_ok=True)
            handle = open(tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        else:
            assert not isinstance(out, str | Path)
            handle = out
        try:
            for number, record in _records(source, texts, problems):
                if problems:
                    continue
                text = texts[record["id"]]
                state = _Document(record["id"], number, str(source), Aligner(text), report)
                handle.write(json.dumps(align_record(record, text, state), ensure_ascii=False) + "\n")
                report.records += 1
        finally:
            if tmp is not None:
                handle.close()
        if problems:
            lines = "\n".join(f"  {p}" for p in problems[:MAX_LISTED])
            more = f"\n  … and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
            raise BylineError(f"{source}: {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
                              f"nothing was written:\n{lines}{more}")
        if tmp is not None and target is not None:
            os.replace(tmp, target)
    except OSError as exc:
        raise BylineError(f"{target or 'the output'}: cannot be written ({exc.strerror or exc})") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return report
