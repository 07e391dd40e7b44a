"""The gold side of scoring: one split of a built dataset, read into compact columns.

A built dataset directory (``byline build``) holds::

    manifest.json         {"fingerprint": "<hex sha256>", "inventory_version": "…",
                           "splits": {"dev": {"documents": N, …}, "test": {…}}}
    gold/<split>.jsonl    one gold document record per line (schema/gold_document.schema.json)

:func:`load_gold` keeps, per document, only what scoring needs — the id, the text's length in
code points, its SHA-256 and the items as columns — so memory grows with the number of gold
items, not with the size of the texts. :func:`iter_gold_records` streams the full records.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from numpy.typing import NDArray

from byline.errors import BylineError, Problem, UsageError
from byline.inventory import LAYERS, Inventory, load_inventory
from byline.scoring import goldcache
from byline.scoring.jsonl import READ_BUFFER, loads, paused_gc
from byline.scoring.records import Codes, add_record
from byline.scoring.tables import Batch, IndexedBatch, IntArray, concat_batches, shift_docs
from byline.scoring.validation import accepts, schema_problems
from byline.strictjson import DecodeLimit, StrictDecoder
from byline.texts import file_sha256, text_sha256

MANIFEST = "manifest.json"
MAX_LISTED = 50
CHUNK = 4096
"""Documents whose items are turned from Python lists into arrays at a time while reading."""
PARALLEL_MIN_BYTES = 16 << 20
"""Gold files at least this large are read in two processes at once (on Linux, with two CPUs):
reading a gold file is mostly parsing JSON, which holds Python's lock."""


@dataclass(frozen=True)
class GoldSplit:
    """One split of the gold data, ready to score against."""

    directory: Path
    split: str
    fingerprint: str
    inventory_version: str | None
    ids: tuple[str, ...]
    index: dict[str, int]
    text_length: IntArray
    text_sha256: NDArray[np.bytes_]
    """Hex SHA-256 of each text, as ASCII bytes (see :meth:`sha256`)."""
    items: IndexedBatch
    warnings: tuple[str, ...] = ()
    layers: tuple[str, ...] = LAYERS
    """The layers whose items were read (the others are empty in ``items``)."""
    origins: tuple[str, ...] = ()
    """Each document's ``meta.origin`` (wikinews, authored, seed, ...), in ``ids`` order."""

    @property
    def n_docs(self) -> int:
        return len(self.ids)

    def sha256(self, doc: int) -> str:
        """The hex SHA-256 of document ``doc``'s text."""
        return bytes(self.text_sha256[doc]).decode("ascii")


def read_manifest(dataset_dir: Path) -> dict[str, Any]:
    """The dataset's manifest; a clear error when the directory is not a built dataset."""
    path = Path(dataset_dir) / MANIFEST
    if not path.is_file():
        raise UsageError(
            f"{dataset_dir}: no built dataset here ({MANIFEST} is missing); "
            "run `byline build` first or pass --dataset DIR"
        )
    try:
        manifest: Any = StrictDecoder().loads(path.read_text(encoding="utf-8"))[0]
    except (UnicodeDecodeError, json.JSONDecodeError, DecodeLimit) as exc:
        raise BylineError(f"{path}: found unreadable JSON ({exc}); expected the manifest written by `byline build`") from exc
    problems = []
    if not isinstance(manifest, dict):
        problems.append("found a non-object; expected a JSON object")
    else:
        if not isinstance(manifest.get("fingerprint"), str):
            problems.append(f"$.fingerprint: found {manifest.get('fingerprint')!r}; expected the dataset's hex SHA-256")
        if not isinstance(manifest.get("splits"), dict):
            problems.append(f"$.splits: found {manifest.get('splits')!r}; expected an object of splits")
    if problems:
        raise BylineError(f"{path}: " + "; ".join(problems) + " (rebuild the dataset with `byline build`)")
    checked: dict[str, Any] = manifest
    return checked


def gold_path(dataset_dir: Path, split: str) -> Path:
    """``gold/<split>.jsonl``, after checking that the manifest lists the split."""
    manifest = read_manifest(dataset_dir)
    splits = manifest["splits"]
    if split not in splits:
        raise UsageError(
            f"{dataset_dir}: found no split {split!r}; expected one of {', '.join(sorted(splits)) or '(none)'}"
        )
    path = Path(dataset_dir) / "gold" / f"{split}.jsonl"
    if not path.is_file():
        raise BylineError(f"{path}: missing; expected the gold records of split {split!r} (rebuild the dataset)")
    return path


def iter_gold_records(dataset_dir: Path, split: str) -> Iterator[dict[str, Any]]:
    """The gold records of a split, one at a time (schema-checked)."""
    path = gold_path(dataset_dir, split)
    decoder = StrictDecoder()
    with open(path, "rb", buffering=READ_BUFFER) as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record, findings = decoder.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, DecodeLimit) as exc:
                raise BylineError(f"{path}:line {number}: found unreadable JSON ({exc}); expected one UTF-8 JSON "
                                  "gold record per line (rebuild the dataset with `byline build`)") from exc
            if findings:
                raise BylineError(f"{path}:line {number}:{findings[0].path}: found {findings[0].found}; "
                                  f"expected {findings[0].expected}")
            if not accepts("gold", record):
                first = next(schema_problems("gold", record))
                raise BylineError(f"{path}:line {number}:{first.path}: found {first.found}; expected {first.expected}")
            yield record


def load_gold(dataset_dir: Path | str, split: str = "test", inventory: Inventory | None = None,
              layers: Collection[str] = LAYERS) -> GoldSplit:
    """Read one split of a built dataset; every problem in it is reported at once.

    Every record is checked whole, but only the items of ``layers`` are kept (``byline score``
    passes the layers a prediction file can contain). When the manifest records the split's
    ``gold_sha256``, the file must match it. Large gold files are cached in compact columns
    (:mod:`byline.scoring.goldcache`), all layers at once.
    """
    kept = tuple(layer for layer in LAYERS if layer in layers)
    dataset_dir = Path(dataset_dir)
    inv = inventory or load_inventory()
    manifest = read_manifest(dataset_dir)
    path = gold_path(dataset_dir, split)
    split_info = manifest["splits"].get(split)
    recorded = split_info.get("gold_sha256") if isinstance(split_info, dict) else None
    entry = None
    if goldcache.cache_dir() is not None and path.stat().st_size >= goldcache.MIN_BYTES:
        digest = file_sha256(path)
        _check_digest(path, digest, recorded)
        entry = goldcache.entry_path(path, digest)
        cached = goldcache.load(entry) if entry is not None else None
        if cached is not None and inventory is None:
            meta, ids, lengths, hashes, batch = cached
            origins = meta.get("origins")
            if isinstance(origins, list) and len(origins) == len(ids):
                return _gold_split(dataset_dir, split, manifest, inv, ids, lengths, hashes, batch, LAYERS, origins)
    if entry is not None and inventory is None:
        kept = LAYERS  # the cache holds every layer
    if isinstance(recorded, str) or entry is not None:
        # The file's digest is taken beside the parse: reading and hashing release the GIL.
        # When the manifest records it, the file must be the one `byline build` wrote and
        # checked record by record: the records are then read without their schema check, and
        # read again with it should one not be what build writes (whatever the digest says).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending: list[Future[str]] = []

            def hash_file() -> None:  # started after any fork (see _parse_in_two)
                pending.append(pool.submit(file_sha256, path))

            try:
                parsed = _parse(path, dataset_dir, split, manifest, inv, kept, not isinstance(recorded, str), hash_file)
            except _NotAsBuilt:
                _check_digest(path, pending[0].result(), recorded)
                parsed = _parse(path, dataset_dir, split, manifest, inv, kept)
            digest = pending[0].result()
        _check_digest(path, digest, recorded)
        ids, lengths, hashes, batch, origins = parsed
    else:
        ids, lengths, hashes, batch, origins = _parse(path, dataset_dir, split, manifest, inv, kept)
    if entry is not None and inventory is None:
        goldcache.save(entry, {"split": split, "origins": origins}, ids, lengths, hashes, batch)
    return _gold_split(dataset_dir, split, manifest, inv, ids, lengths, hashes, batch, kept, origins)


def _check_digest(path: Path, digest: str, recorded: Any) -> None:
    if isinstance(recorded, str) and recorded != digest:
        raise BylineError(
            f"{path}: found SHA-256 {digest}; expected {recorded}, as {MANIFEST} records: the gold file "
            "changed after it was built (rebuild the dataset with `byline build`)"
        )


def _gold_split(
    dataset_dir: Path, split: str, manifest: dict[str, Any], inv: Inventory, ids: list[str], lengths: IntArray,
    hashes: NDArray[np.bytes_], batch: Batch, layers: tuple[str, ...] = LAYERS, origins: list[str] | None = None,
) -> GoldSplit:
    warnings = []
    version = manifest.get("inventory_version")
    if version is not None and version != inv.version:
        warnings.append(f"the dataset was built with label inventory {version}, this scorer reads {inv.version}")
    return GoldSplit(
        directory=dataset_dir,
        split=split,
        fingerprint=manifest["fingerprint"],
        inventory_version=version,
        ids=tuple(ids),
        index={doc_id: i for i, doc_id in enumerate(ids)},
        text_length=lengths,
        text_sha256=hashes,
        items=IndexedBatch.of(batch),
        warnings=tuple(warnings),
        layers=layers,
        origins=tuple(origins or ()),
    )


class _NotAsBuilt(Exception):
    """A gold record read without its schema check is not as `byline build` writes it."""


Parsed = tuple[list[str], IntArray, NDArray[np.bytes_], Batch, list[str]]
"""Ids, text lengths, text digests, items and each document's origin."""


class _Redo(Exception):
    """Reading half of the file found something to report: read it whole, which reports it."""


def _parse(
    path: Path, dataset_dir: Path, split: str, manifest: dict[str, Any], inv: Inventory,
    layers: tuple[str, ...] = LAYERS, checked: bool = True, started: Callable[[], None] | None = None,
) -> Parsed:
    """The gold file into columns. ``checked=False`` skips each record's schema check (for a
    file whose digest the manifest records) and raises :class:`_NotAsBuilt` on the first record
    that is not as built. ``started`` is called once the reading is under way (and any second
    process forked). A large file is read in two processes (:func:`_parse_in_two`); any problem
    there, and the file is read whole in this one, which reports it."""
    if path.stat().st_size >= PARALLEL_MIN_BYTES and _can_fork():
        two = _parse_in_two(path, dataset_dir, split, manifest, inv, layers, checked, started)
        started = None
        if two is not None:
            return two
    if started is not None:
        started()
    try:
        return _parse_records(path, dataset_dir, split, manifest, inv, layers, checked)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        if checked:
            raise
        raise _NotAsBuilt from exc


def _can_fork() -> bool:
    """Reading in two processes: on Linux (fork is cheap there) with two CPUs to run them, and
    only while this process runs no other Python thread (a lock another thread held at the fork
    would stay held in the child)."""
    import threading

    return (sys.platform == "linux" and hasattr(os, "fork") and len(os.sched_getaffinity(0)) >= 2
            and threading.active_count() == 1)


def _parse_in_two(
    path: Path, dataset_dir: Path, split: str, manifest: dict[str, Any], inv: Inventory,
    layers: tuple[str, ...], checked: bool, started: Callable[[], None] | None,
) -> Parsed | None:
    """The lines starting in the first half of the file read here, the rest in a forked child
    at the same time; the child's columns come back through a pipe and are renumbered after
    this half's documents. None when either half has anything to report (or the child fails, or
    an id occurs in both halves): the caller then reads the file whole, which reports it."""
    middle = path.stat().st_size // 2
    try:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
    except OSError:  # no second process to be had: read the file whole here
        if started is not None:
            started()
        return None
    if pid == 0:  # the child: read the second half, send it, and leave without cleaning up
        status = 1
        try:
            os.close(read_end)
            result: Parsed | None
            try:
                result = _parse_records(path, dataset_dir, split, manifest, inv, layers, checked, (middle, None))
            except Exception:
                result = None  # the parent reads the whole file again
            # Pickled straight into the pipe (the arrays' buffers are written as they are, not
            # copied into one payload first): the parent reads it once its own half is done.
            with os.fdopen(write_end, "wb", buffering=READ_BUFFER) as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    if started is not None:
        started()
    mine: Parsed | None = None
    theirs: Parsed | None = None
    try:
        try:
            mine = _parse_records(path, dataset_dir, split, manifest, inv, layers, checked, (0, middle))
        except (_Redo, KeyError, TypeError, AttributeError, IndexError, ValueError):
            mine = None
        with os.fdopen(read_end, "rb", buffering=READ_BUFFER) as source:
            read_end = -1
            try:
                theirs = pickle.load(source)
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
                theirs = None  # the child ended before it had sent everything
    finally:
        if read_end != -1:
            os.close(read_end)
        os.waitpid(pid, 0)
    if mine is None or theirs is None:
        return None
    ids = mine[0] + theirs[0]
    if len(set(ids)) != len(ids) or not ids:
        return None
    expected_docs = _documents_listed(manifest, split)
    if expected_docs is not None and expected_docs != len(ids):
        return None
    return (ids, np.concatenate([mine[1], theirs[1]]), np.concatenate([mine[2], theirs[2]]),
            concat_batches([mine[3], shift_docs(theirs[3], len(mine[0]))]), mine[4] + theirs[4])


def _parse_records(
    path: Path, dataset_dir: Path, split: str, manifest: dict[str, Any], inv: Inventory,
    layers: tuple[str, ...], checked: bool, part: tuple[int, int | None] | None = None,
) -> Parsed:
    """Read the records; with ``part = (start, end)`` only the lines that start at a byte
    offset in [start, end) (end None: to the end of the file), documents numbered from 0, and
    :class:`_Redo` raised instead of any report."""
    codes = Codes.of(inv)
    builder = codes.builder()
    chunks: list[Batch] = []
    ids: list[str] = []
    seen: set[str] = set()
    lengths: list[int] = []
    hashes: list[str] = []
    origins: list[str] = []
    problems: list[Problem] = []

    def problem(where: str, json_path: str, found: str, expected: str, code: str = "gold") -> None:
        problems.append(Problem("error", code, str(path), where, json_path, found, expected))

    with open(path, "rb", buffering=READ_BUFFER) as handle, paused_gc():
        lines: Iterator[bytes] = handle
        if part is not None:
            lines = _lines_starting_in(handle, *part)
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            where = f"line {number}"
            try:
                record = loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                problem(where, "$", f"unreadable JSON ({exc})", "one UTF-8 JSON object per line")
                continue
            if checked and not accepts("gold", record):
                for sp in schema_problems("gold", record):
                    problem(where, sp.path, sp.found, sp.expected, sp.code)
                continue
            doc_id = record["id"]
            where = f"{where}:document {doc_id}"
            if doc_id in seen:
                problem(where, "$.id", f"a second record for {doc_id!r}", "one record per document")
                continue
            seen.add(doc_id)
            text = record["text"]
            # Unchecked, the file is the one build wrote, which took each digest from its text.
            digest = text_sha256(text) if checked else record["text_sha256"]
            if digest != record["text_sha256"]:
                problem(where, "$.text_sha256", record["text_sha256"], f"{digest}, the SHA-256 of the text")
            doc = len(ids)
            ids.append(doc_id)
            lengths.append(len(text))
            hashes.append(digest)
            origins.append(record["meta"]["origin"])

            def offsets(json_path: str, found: str, expected: str, where: str = where) -> None:
                problem(where, json_path, found, expected, "offsets")

            add_record(builder, doc, record, len(text), codes, offsets, layers)
            if len(ids) % CHUNK == 0:  # hold items as arrays, not as Python objects
                builder.n_docs = len(ids) - sum(chunk.n_docs for chunk in chunks)
                chunks.append(builder.build())
                builder = codes.builder()
    builder.n_docs = len(ids) - sum(chunk.n_docs for chunk in chunks)
    chunks.append(builder.build())
    if part is not None:
        if problems:
            raise _Redo
        return ids, np.asarray(lengths, dtype=np.int64), np.asarray(hashes, dtype="S64"), concat_batches(chunks), origins
    expected_docs = _documents_listed(manifest, split)
    if expected_docs is not None and expected_docs != len(ids) and not problems:
        problem("", "", f"{len(ids)} documents", f"{expected_docs}, as {MANIFEST} says for split {split!r}")
    if problems and not checked:
        raise _NotAsBuilt  # read again, with every record's schema check, for the whole report
    if problems:
        listed = "\n".join(f"  {p}" for p in problems[:MAX_LISTED])
        more = f"\n  … and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
        raise BylineError(
            f"the gold data of split {split!r} in {dataset_dir} is not valid "
            f"({len(problems)} problem{'s' if len(problems) != 1 else ''}); rebuild it with `byline build`:\n"
            + listed + more
        )
    if not ids:
        raise BylineError(f"{path}: found no documents; expected at least one gold document to score against")
    return ids, np.asarray(lengths, dtype=np.int64), np.asarray(hashes, dtype="S64"), concat_batches(chunks), origins


def _documents_listed(manifest: dict[str, Any], split: str) -> int | None:
    """The number of documents the manifest gives for the split, if it gives one."""
    split_info = manifest["splits"].get(split)
    documents = split_info.get("documents") if isinstance(split_info, dict) else None
    return documents if isinstance(documents, int) else None


def _lines_starting_in(handle: BinaryIO, start: int, end: int | None) -> Iterator[bytes]:
    """The lines of a binary file that start at a byte offset in [start, end)."""
    position = 0
    if start > 0:
        handle.seek(start - 1)
        position = start - 1 + len(handle.readline())  # the end of the line holding byte start - 1
    while end is None or position < end:
        line = handle.readline()
        if not line:
            return
        position += len(line)
        yield line
