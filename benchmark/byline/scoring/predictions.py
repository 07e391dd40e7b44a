"""Read a prediction file (JSONL) as a stream of batches, checking every line.

Each line must be one UTF-8 JSON object valid under ``schema/prediction.schema.json`` whose
``id`` names a document of the gold split, once; its ``text_sha256``, if given, must be the gold
text's; every span must satisfy ``0 <= start < end <= len(text)`` (half-open code-point
offsets). Every problem is recorded as a :class:`byline.errors.Problem`
(``file:line N:document ID:$.path: found …; expected …``), all of them in one pass; once there
is one, batches stop (nothing wrong gets scored) but checking goes on to the end of the file.

Only one batch of records is held at a time, so a file of any length streams in bounded
memory; the per-document bookkeeping is two small arrays over the gold documents.

Each line is first read the fast way: ``orjson`` parses it (it refuses ``NaN``, ``Infinity``,
lone surrogates, bytes that are not UTF-8 and a byte-order mark, as this reader does), and the
record is taken only when it is schema-valid and the keys of its objects number exactly the
colons of the line. Every key is followed by one colon, so equal numbers prove that no key was
given twice (``orjson`` keeps the last of two equal keys without a word). Any other line — a
problem of any kind, or merely a colon inside a string — is read again by the strict reader
(:class:`byline.strictjson.StrictDecoder`), whose findings and messages are the reference; the
fast way never accepts a line the strict reader would refuse.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from numpy.typing import NDArray

from byline.errors import Problem, UsageError
from byline.inventory import LAYERS
from byline.scoring.builders import BatchBuilder
from byline.scoring.gold import GoldSplit
from byline.scoring.jsonl import READ_BUFFER, paused_gc
from byline.scoring.records import Codes, add_record
from byline.scoring.tables import Batch, IntArray
from byline.scoring.validation import accepts, schema_problems
from byline.strictjson import DecodeLimit, StrictDecoder, split_lines

DEFAULT_BATCH = 2048
_FALLBACK = -2
"""What the fast reading of a line returns when the strict reader must read it."""
MAX_LISTED = 1000
"""Problems kept word for word; beyond this many only their number per kind is kept."""


def layers_in_file(path: Path) -> tuple[str, ...]:
    """The layers a prediction file may contain: every layer whose name occurs in its bytes, or
    all of them when the file holds a ``\\u`` escape (a key could be spelled with one). A superset
    of the layers present, found without parsing, so that gold items of the others need not be read."""
    import mmap

    if not path.is_file() or path.stat().st_size == 0:
        return LAYERS
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data.find(b"\\u") >= 0:
            return LAYERS
        return tuple(layer for layer in LAYERS if data.find(layer.encode()) >= 0)


@dataclass
class PredictionStream:
    """Iterate to get ``(gold document indices, batch of predictions)`` pairs."""

    path: Path
    gold: GoldSplit
    codes: Codes
    batch_size: int = DEFAULT_BATCH
    max_listed: int = MAX_LISTED
    progress: Callable[[int], None] | None = None
    """Called with the number of bytes read since the last call."""

    sha256: str = ""
    lines: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    problem_kinds: Counter[str] = field(default_factory=Counter)
    layer_records: Counter[str] = field(default_factory=Counter)
    seen: NDArray[np.bool_] = field(init=False)
    first_line: NDArray[np.int64] = field(init=False)
    _decoder: StrictDecoder = field(init=False, default_factory=StrictDecoder)

    def __post_init__(self) -> None:
        self.seen = np.zeros(self.gold.n_docs, dtype=bool)
        self.first_line = np.zeros(self.gold.n_docs, dtype=np.int64)

    @property
    def layers_predicted(self) -> tuple[str, ...]:
        """The layers present in at least one record, in Byline's order."""
        return tuple(layer for layer in LAYERS if self.layer_records[layer])

    @property
    def missing(self) -> IntArray:
        """Gold documents no record was given for."""
        return np.flatnonzero(~self.seen).astype(np.int64)

    def _problem(self, code: str, where: str, path: str, found: str, expected: str) -> None:
        self.problem_count += 1
        self.problem_kinds[code] += 1
        if len(self.problems) < self.max_listed:
            self.problems.append(Problem("error", code, str(self.path), where, path, found, expected))

    def __iter__(self) -> Iterator[tuple[IntArray, Batch]]:
        if not self.path.exists():
            raise UsageError(f"{self.path}: no such prediction file")
        if self.path.is_dir():
            raise UsageError(f"{self.path}: a folder; expected a prediction file (JSONL)")
        digest = hashlib.sha256()
        builder = self.codes.builder()
        docs: list[int] = []
        try:
            handle = open(self.path, "rb", buffering=READ_BUFFER)  # noqa: SIM115 (closed by the with below)
        except OSError as exc:
            raise UsageError(f"{self.path}: cannot read the prediction file ({exc.strerror})") from exc
        with handle, paused_gc():
            for raw in handle:
                digest.update(raw)
                if self.progress is not None:
                    self.progress(len(raw))
                for line in split_lines(raw):
                    self.lines += 1
                    if not line.strip():
                        continue
                    doc = self._read_line(line, len(docs), builder)
                    if self.problem_count:
                        # Nothing will be scored: keep checking, but hold no items.
                        builder, docs = self.codes.builder(), []
                        continue
                    if doc is None:
                        continue
                    docs.append(doc)
                    if len(docs) >= self.batch_size:
                        builder.n_docs = len(docs)
                        yield np.asarray(docs, dtype=np.int64), builder.build()
                        builder, docs = self.codes.builder(), []
        self.sha256 = digest.hexdigest()
        if not self.records and not self.problem_count:
            self._problem("empty", "", "", "no prediction records (" + ("an empty file" if not self.lines else
                          f"{self.lines} blank line{'s' if self.lines != 1 else ''}") + ")",
                          "one JSON prediction record per line (schema/prediction.schema.json)")
        if docs and not self.problem_count:
            builder.n_docs = len(docs)
            yield np.asarray(docs, dtype=np.int64), builder.build()

    def _read_line(self, raw: bytes, position: int, builder: BatchBuilder) -> int | None:
        """Check one line; add its items to the batch as document ``position``; return its gold
        index, or None when it is not to be scored."""
        doc = self._read_fast(raw, position, builder)
        if doc != _FALLBACK:
            return doc
        return self._read_strict(raw, position, builder)

    def _read_fast(self, raw: bytes, position: int, builder: BatchBuilder) -> int:
        """The line read with ``orjson`` when it is a schema-valid record without repeated keys,
        of a gold document not seen before, with the gold text's digest and good spans: its gold
        index. Else :data:`_FALLBACK`, and nothing about the stream changed except, after a bad
        span, the batch being built (which is dropped, as the strict reading then reports the
        span: see below)."""
        try:
            record = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return _FALLBACK
        if type(record) is not dict or not accepts("prediction", record) or raw.count(b":") != _keys(record):
            return _FALLBACK
        doc = self.gold.index.get(record["id"])
        if doc is None or self.seen[doc]:
            return _FALLBACK
        sha = record.get("text_sha256")
        if sha is not None and sha != self.gold.sha256(doc):
            return _FALLBACK
        bad: list[str] = []
        add_record(builder, position, record, int(self.gold.text_length[doc]), self.codes,
                   lambda path, found, expected: bad.append(path))
        if bad:
            # The strict reading reports this span too: it differs from orjson's only in an
            # integer beyond 64 bits (orjson: a float), which as an offset is past every text.
            return _FALLBACK
        self.seen[doc] = True
        self.first_line[doc] = self.lines
        self._count(record)
        return doc

    def _count(self, record: dict[str, Any]) -> None:
        """Count a schema-valid record and the layers it gives."""
        self.records += 1
        for layer in LAYERS:
            if layer in record:
                self.layer_records[layer] += 1

    def _read_strict(self, raw: bytes, position: int, builder: BatchBuilder) -> int | None:
        """:meth:`_read_line` with the strict reader, naming every problem of the line."""
        where = f"line {self.lines}"
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._problem("encoding", where, "", f"bytes that are not UTF-8 ({exc.reason}: "
                          f"{raw[exc.start:exc.end]!r} at byte {exc.start} of the line)",
                          "UTF-8 text (a prediction file is UTF-8 JSONL)")
            return None
        if text.startswith("\ufeff"):
            self._problem("byte-order-mark", where, "", "a UTF-8 byte-order mark (U+FEFF) before the JSON text",
                          "a JSON object with nothing before it (save the file as UTF-8 without a BOM)")
            return None
        try:
            record, findings = self._decoder.loads(text)
        except (json.JSONDecodeError, DecodeLimit) as exc:
            self._problem("json", where, "", f"malformed JSON ({exc.msg} at column {exc.pos + 1})",
                          "one JSON object per line")
            return None
        if findings:
            doc_id = record.get("id") if isinstance(record, dict) else None
            if isinstance(doc_id, str) and doc_id:
                where = f"{where}:document {doc_id}"
            for finding in findings:
                self._problem(finding.code, where, finding.path, finding.found, finding.expected)
            return None
        valid = accepts("prediction", record)
        doc_id = record.get("id") if isinstance(record, dict) else None
        if isinstance(doc_id, str) and doc_id:
            where = f"{where}:document {doc_id}"
        if not valid:
            for sp in schema_problems("prediction", record):
                self._problem(sp.code, where, sp.path, sp.found, sp.expected)
        if not isinstance(doc_id, str) or not doc_id:
            return None
        doc = self.gold.index.get(doc_id)
        if doc is None:
            self._problem("unknown_id", where, "$.id", json.dumps(doc_id, ensure_ascii=False),
                          f"the id of a document of gold split {self.gold.split!r} ({self.gold.n_docs} documents)")
            return None
        if self.seen[doc]:
            self._problem("duplicate_id", where, "$.id",
                          f"a second record for this document (the first is on line {self.first_line[doc]})",
                          "one record per document")
            return None
        self.seen[doc] = True
        self.first_line[doc] = self.lines
        if not valid:
            return None
        self._count(record)
        sha = record.get("text_sha256")
        if sha is not None and sha != self.gold.sha256(doc):
            self._problem("text_sha256", where, "$.text_sha256", sha,
                          f"{self.gold.sha256(doc)}, the SHA-256 of the gold text "
                          "(offsets would be applied to a different text)")
            return None
        before = self.problem_count
        add_record(builder, position, record, int(self.gold.text_length[doc]), self.codes,
                   lambda path, found, expected: self._problem("offsets", where, path, found, expected))
        return doc if self.problem_count == before else None


def _keys(record: dict[str, Any]) -> int:
    """How many keys the objects of a schema-valid prediction record hold (every object of the
    schema is closed, so these are all of them)."""
    keys = len(record)
    for layer in ("entities", "claims", "boilerplate"):
        items = record.get(layer)
        if items:
            keys += sum(map(len, items))
    for item in record.get("attributions") or ():
        keys += len(item)
        cue = item.get("cue")
        if cue:
            keys += len(cue)
        keys += sum(map(len, item.get("sources") or ())) + sum(map(len, item["contents"]))
    return keys
