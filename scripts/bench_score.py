#!/usr/bin/env python3
"""Benchmark `byline score` on synthetic data, in one run:

1. start-up: `byline --help` and `byline --version` as fresh processes (target: at most 0.3 s),
   and the schema checks on the same records: jsonschema-rs, the hand-written acceptor it
   replaced (read from git history) and jsonschema;
2. entity scoring, Byline vs nervaluate side by side on the same in-memory lists of 10,000
   documents of 50 gold entities each: building each tool's records, then matching and summary
   (target: the total at least 50x faster), with their numbers compared;
3. whole processes from the same JSONL files, side by side: `byline score` on an entities-only
   prediction file, no resamples, gold cache off, against a script that reads the same two files
   and runs nervaluate (target: at least 10x faster); alternated, each run three times, the best
   run of each compared;
4. the whole `byline score` command (all four layers, 1,000 bootstrap resamples, the result
   file) with the gold cache off, cold and warm (target: under 10 s), and the gold's compact
   size per document;
5. peak memory of `byline score` on a large streamed prediction file (default 1,000,000
   small documents), next to the file's size.

Usage: python scripts/bench_score.py [--docs 10000] [--entities 50] [--memory-docs 1000000]
       [--workdir build/bench-score] [--seed 1] [--skip-nervaluate] [--skip-memory]

Other sessions may share the machine: every comparison runs both tools in the same run, and
wall and CPU times are both shown.

The data are generated deterministically from --seed; label names come from the inventory.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.inventory import load_inventory
from byline.scoring.entities import EntityScorer
from byline.scoring.records import Codes, add_record

WORDS = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they", "you", "were", "her", "she", "there", "been", "one", "all", "we", "their", "has", "would", "when", "if", "so", "no", "will", "more", "minister", "said", "report", "council", "harbour", "police", "election", "court", "budget", "river", "market", "school", "hospital", "storm", "bridge"]

INV = load_inventory()


@dataclass(frozen=True)
class Shape:
    """Items per document."""

    entities: int
    claims: int
    attributions: int
    boilerplate: int

    @classmethod
    def proportionate(cls, entities: int) -> Shape:
        """Per 50 entities: 10 claims, 8 attributions, 3 boilerplate spans (a news article)."""
        return cls(entities, max(1, entities // 5), max(1, entities * 8 // 50), max(1, entities * 3 // 50))


def _document(rng: random.Random, index: int, shape: Shape) -> tuple[dict[str, Any], dict[str, Any]]:
    """One gold record and one imperfect prediction record."""
    block = 12
    n_words = max(shape.entities * block, 60)
    words = [rng.choice(WORDS) for _ in range(n_words)]
    starts: list[int] = []
    position = 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    text = " ".join(words)

    def span(i: int, j: int) -> dict[str, Any]:
        j = min(j, n_words)
        return {"start": starts[i], "end": starts[j - 1] + len(words[j - 1])}

    entity_types = INV.entity_types
    entities: list[dict[str, Any]] = []
    for k in range(shape.entities):
        i = k * block + rng.randrange(0, 8)
        entities.append({"id": f"e{k}", **span(i, i + rng.randrange(1, 4)), "label": rng.choice(entity_types)})
    claim_attr = INV.layer("claims").attributes
    claims: list[dict[str, Any]] = []
    stride = n_words // shape.claims
    for k in range(shape.claims):
        i = k * stride + rng.randrange(0, max(1, stride // 3))
        claims.append({"id": f"c{k}", **span(i, i + rng.randrange(6, max(7, stride // 2))),
                       "label": INV.layer("claims").label_names[0],
                       **{a.name: rng.choice(a.values) for a in claim_attr},
                       "claimer": {"attribution": None, "sources": []}})
    attribution_attr = INV.layer("attributions").attributes
    attributions: list[dict[str, Any]] = []
    stride = n_words // shape.attributions
    for k in range(shape.attributions):
        b = k * stride + rng.randrange(0, max(1, stride // 4))
        parts: list[dict[str, Any]] = [{"id": f"a{k}", **span(b + 3, b + 3 + rng.randrange(4, max(5, stride // 3)))}]
        if rng.random() < 0.2 and b + stride // 2 + 4 < n_words:
            parts.append({"id": f"a{k}x", **span(b + stride // 2, b + stride // 2 + 3)})
        attributions.append({
            "id": f"a{k}", "cue": {**span(b + 2, b + 3), "id": f"q{k}"},
            "sources": [{**span(b, b + 2), "id": f"s{k}"}] if rng.random() < 0.9 else [],
            "contents": parts, **{a.name: rng.choice(list(a.values)) for a in attribution_attr},
        })
    boilerplate: list[dict[str, Any]] = []
    for k in range(shape.boilerplate):
        i = n_words - 10 * (shape.boilerplate - k)
        boilerplate.append({"id": f"b{k}", **span(i, i + 8), "label": rng.choice(INV.boilerplate_types)})
    doc_id = f"doc-{index:07d}"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    gold = {
        "id": doc_id, "text": text, "text_sha256": digest,
        "meta": {"title": doc_id, "publisher": "synthetic", "url": None, "published": "2024-01-01",
                 "language": "en", "license": "CC0-1.0", "origin": "authored", "split": "test"},
        "entities": entities, "claims": claims, "attributions": attributions, "boilerplate": boilerplate,
        "annotation": {"task_id": index, "annotation_id": index, "annotator": "synthetic", "created_at": None,
                       "updated_at": None, "export_file": "synthetic", "other_annotation_ids": []},
    }
    return gold, _prediction(rng, gold, len(text))


def _strip(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("id", "claimer")}


def _prediction(rng: random.Random, gold: dict[str, Any], length: int) -> dict[str, Any]:
    """Gold with errors: dropped, shifted, retyped and spurious items."""
    entities: list[dict[str, Any]] = []
    for item in gold["entities"]:
        r = rng.random()
        if r < 0.08:
            continue
        out = _strip(item)
        if r < 0.16:
            out["end"] = max(out["start"] + 1, out["end"] - 2)
        elif r < 0.24:
            out["label"] = rng.choice(INV.entity_types)
        entities.append(out)
    for _ in range(max(1, len(gold["entities"]) // 20)):
        start = rng.randrange(0, length - 5)
        entities.append({"start": start, "end": start + rng.randrange(1, 5), "label": rng.choice(INV.entity_types)})
    claims: list[dict[str, Any]] = []
    for item in gold["claims"]:
        if rng.random() < 0.1:
            continue
        out = _strip(item)
        out.pop("label", None)
        out["end"] = min(length, max(out["start"] + 1, out["end"] + rng.choice([0, 0, -4, 6])))
        claims.append(out)
    attributions: list[dict[str, Any]] = []
    for item in gold["attributions"]:
        if rng.random() < 0.1:
            continue
        out = {**_strip(item), "cue": _strip(item["cue"]) if rng.random() < 0.8 else None,
               "sources": [_strip(s) for s in item["sources"]], "contents": [_strip(c) for c in item["contents"]]}
        out["contents"][0]["start"] += rng.choice([0, 0, 2])
        attributions.append(out)
    boilerplate = [_strip(b) for b in gold["boilerplate"]][: max(1, len(gold["boilerplate"]) - 1)]
    return {"id": gold["id"], "text_sha256": gold["text_sha256"], "entities": entities, "claims": claims,
            "attributions": attributions, "boilerplate": boilerplate}


def generate(directory: Path, n_docs: int, shape: Shape, seed: int) -> tuple[Path, Path]:
    """A built-dataset layout (manifest.json, gold/test.jsonl) and predictions.jsonl, reused when
    already generated with the same parameters."""
    stamp = directory / "generated.json"
    parameters = {"docs": n_docs, "shape": shape.__dict__, "seed": seed, "inventory": INV.version}
    predictions = directory / "predictions.jsonl"
    if stamp.is_file() and json.loads(stamp.read_text()) == parameters:
        _record_gold_digest(directory)
        return directory, predictions
    (directory / "gold").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    with open(directory / "gold" / "test.jsonl", "w", encoding="utf-8") as gold_file, \
            open(predictions, "w", encoding="utf-8") as pred_file:
        for index in range(n_docs):
            gold, prediction = _document(rng, index, shape)
            gold_file.write(json.dumps(gold, ensure_ascii=False) + "\n")
            pred_file.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    fingerprint = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode()).hexdigest()
    manifest = {"fingerprint": fingerprint, "inventory_version": INV.version,
                "splits": {"test": {"documents": n_docs}}}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2))
    _record_gold_digest(directory)
    stamp.write_text(json.dumps(parameters))
    return directory, predictions


def _record_gold_digest(directory: Path) -> None:
    """Record the gold file's SHA-256 in the manifest, as `byline build` does (so that `byline
    score` checks it, as on a real dataset)."""
    manifest = json.loads((directory / "manifest.json").read_text())
    if "gold_sha256" not in manifest["splits"]["test"]:
        digest = hashlib.sha256((directory / "gold" / "test.jsonl").read_bytes()).hexdigest()
        manifest["splits"]["test"]["gold_sha256"] = digest
        (directory / "manifest.json").write_text(json.dumps(manifest, indent=2))


def entities_only(predictions: Path) -> Path:
    """The prediction file with only ``id``, ``text_sha256`` and ``entities`` (made once)."""
    out = predictions.with_name("predictions-entities.jsonl")
    if not out.is_file() or out.stat().st_mtime < predictions.stat().st_mtime:
        with open(predictions, encoding="utf-8") as source, open(out, "w", encoding="utf-8") as target:
            for line in source:
                record = json.loads(line)
                target.write(json.dumps({key: record[key] for key in ("id", "text_sha256", "entities")}) + "\n")
    return out


_NERVALUATE_SCRIPT = """
import json, sys
from nervaluate import Evaluator
gold_path, pred_path, tags = sys.argv[1], sys.argv[2], sys.argv[3].split(",")

def read(path):
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            # nervaluate's ends are inclusive
            out[record["id"]] = [{"label": e["label"], "start": e["start"], "end": e["end"] - 1}
                                 for e in record.get("entities", [])]
    return out

gold, pred = read(gold_path), read(pred_path)
ids = list(gold)
results = Evaluator([gold[i] for i in ids], [pred.get(i, []) for i in ids], tags=tags, loader="dict").evaluate()
print(f"strict f1 {results['overall']['strict'].f1:.4f}")
"""


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """A fresh process: wall time, its own CPU time, its stdout."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stdout, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stdout.seek(0)
        stderr.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{command[:3]} failed:\n{stderr.read()}")
        return wall, usage.ru_utime + usage.ru_stime, stdout.read()


def startup_benchmark(runs: int = 5) -> None:
    print(f"start-up (fresh process, median of {runs}; target: at most 0.3 s)")
    for argv in (["--help"], ["--version"]):
        walls = sorted(_timed([sys.executable, "-m", "byline", *argv])[0] for _ in range(runs))
        print(f"  byline {argv[0]:10s} {walls[runs // 2]:5.2f} s   (all runs: {', '.join(f'{w:.2f}' for w in walls)})")


def process_benchmark(dataset: Path, predictions: Path, run_nervaluate: bool, runs: int = 3) -> None:
    entities = entities_only(predictions)
    gold = dataset / "gold" / "test.jsonl"
    print(f"whole processes from the same JSONL files ({gold.stat().st_size / 2**20:.0f} MiB gold, "
          f"{entities.stat().st_size / 2**20:.0f} MiB entity predictions); target: byline at least 10x faster")
    ours_command = [sys.executable, "-m", "byline", "score", "--predictions", str(entities), "--dataset",
                    str(dataset), "--resamples", "0"]
    theirs_command = [sys.executable, "-c", _NERVALUATE_SCRIPT, str(gold), str(entities), ",".join(INV.entity_types)]
    env = {**os.environ, "BYLINE_CACHE_DIR": "off"}
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(runs):
        wall, cpu, _ = _timed(ours_command, env)
        ours.append((wall, cpu))
        if run_nervaluate:
            wall, cpu, out = _timed(theirs_command)
            theirs.append((wall, cpu))
    best_ours = min(ours)
    print(f"  byline score (entities, --resamples 0, gold cache off)  wall {best_ours[0]:6.2f} s  CPU {best_ours[1]:6.2f} s"
          f"   (runs: {', '.join(f'{w:.2f}' for w, _ in ours)} s wall)")
    if run_nervaluate:
        best_theirs = min(theirs)
        print(f"  nervaluate script                                       wall {best_theirs[0]:6.2f} s  "
              f"CPU {best_theirs[1]:6.2f} s   (runs: {', '.join(f'{w:.2f}' for w, _ in theirs)} s wall; {out.strip()})")
        print(f"  speed-up (best run of each): {best_theirs[0] / best_ours[0]:.1f}x wall, "
              f"{best_theirs[1] / best_ours[1]:.1f}x CPU")


def gold_memory(dataset: Path) -> None:
    """The compact gold kept while scoring, per document (all four layers)."""
    from byline.scoring.gold import load_gold

    os.environ["BYLINE_CACHE_DIR"] = "off"
    gold = load_gold(dataset, "test")
    batch = gold.items.batch
    arrays: list[Any] = [gold.text_length, gold.text_sha256, *vars(gold.items).values()]
    for table in (batch.entities, batch.claims, batch.boilerplate, batch.attributions,
                  batch.attributions.contents, batch.attributions.sources):
        arrays += [v for v in vars(table).values() if hasattr(v, "nbytes")]
    compact = sum(a.nbytes for a in arrays if hasattr(a, "nbytes"))
    ids = sum(sys.getsizeof(i) for i in gold.ids) + sys.getsizeof(gold.index)
    items = len(batch.entities) + len(batch.claims) + len(batch.boilerplate) + len(batch.attributions)
    pointers = (gold.items.entity_ptr, gold.items.claim_ptr, gold.items.relation_ptr, gold.items.boilerplate_ptr)
    per_doc = (gold.text_length.nbytes + gold.text_sha256.nbytes + sum(p.nbytes for p in pointers)) / gold.n_docs
    per_item = (compact - per_doc * gold.n_docs) / items
    print(f"gold held while scoring: {(compact + ids) / gold.n_docs:,.0f} bytes per document "
          f"({compact / gold.n_docs:,.0f} in arrays, {ids / gold.n_docs:,.0f} for the id and its index entry) "
          f"for {items / gold.n_docs:.0f} items per document: {per_doc:.0f} bytes per document + {per_item:.0f} per "
          "item + the id; it grows with the items, not with the text")


FASTSCHEMA_COMMIT = "f962966"
"""The last commit with the hand-written acceptor that jsonschema-rs replaced (issue 14)."""


def _fastschema_from_history() -> Any:
    """``compile_acceptor`` of the removed ``byline.scoring.fastschema``, from git history, or None."""
    try:
        source = subprocess.run(["git", "show", f"{FASTSCHEMA_COMMIT}:benchmark/byline/scoring/fastschema.py"],
                                capture_output=True, text=True, check=True, cwd=Path(__file__).parent).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    namespace: dict[str, Any] = {"__name__": "fastschema_from_history"}
    exec(compile(source, "fastschema.py", "exec"), namespace)
    return namespace["compile_acceptor"]


def schema_benchmark(dataset: Path, predictions: Path, n: int = 3000, n_slow: int = 100) -> None:
    """The schema checks of `byline score` on the same records: jsonschema-rs (used now), the
    hand-written acceptor it replaced, and jsonschema (on fewer records: it is slow)."""
    from byline.resources import load_json
    from byline.schemas import RECORD_SCHEMAS, registry, validator
    from byline.scoring.validation import record_validator

    compile_acceptor = _fastschema_from_history()
    print(f"schema checks of the same records ({n:,} of each kind; jsonschema on the first {n_slow}), "
          "seconds per 1,000 records")
    print("  kind         jsonschema-rs   fastschema (removed)   jsonschema")
    for kind, path in (("gold", dataset / "gold" / "test.jsonl"), ("prediction", predictions)):
        with open(path, encoding="utf-8") as handle:
            records = [json.loads(line) for _, line in zip(range(n), handle, strict=False)]

        def per_thousand(check: Any, sample: list[Any]) -> str:
            started = time.perf_counter()
            assert all(check(record) for record in sample)
            return f"{(time.perf_counter() - started) / len(sample) * 1000:8.3f}"

        rs = per_thousand(record_validator(kind).is_valid, records)
        fast = "       –"
        if compile_acceptor is not None:
            schema = load_json(RECORD_SCHEMAS[kind])
            fast = per_thousand(compile_acceptor(schema, registry().resolver(schema["$id"])), records)
        slow = per_thousand(validator(kind).is_valid, records[:n_slow])
        print(f"  {kind:10s}   {rs}        {fast}              {slow}")
    if compile_acceptor is None:
        print(f"  (fastschema is read from git history, commit {FASTSCHEMA_COMMIT}; not available here)")


def _read_entities(path: Path) -> list[list[dict[str, Any]]]:
    with open(path, encoding="utf-8") as handle:
        return [[_strip(e) for e in json.loads(line)["entities"]] for line in handle]


def entity_benchmark(dataset: Path, predictions: Path, run_nervaluate: bool) -> None:
    """Entity scoring of the same in-memory entity lists, Byline vs nervaluate.

    Each tool first loads the lists into its own representation (Byline: columnar tables;
    nervaluate: ``Evaluator(...)``, which builds its Entity objects), then scores them
    (Byline: ``EntityScorer.count`` + ``summarise``; nervaluate: ``Evaluator.evaluate``). Both
    steps are timed; the target is on the scoring step, and the total is shown too.
    """
    gold = _read_entities(dataset / "gold" / "test.jsonl")
    pred = _read_entities(predictions)
    codes = Codes.of(INV)
    scorer = EntityScorer(INV)

    def load() -> tuple[Any, Any]:
        gold_builder, pred_builder = codes.builder(), codes.builder()
        for doc, (g, p) in enumerate(zip(gold, pred, strict=True)):
            add_record(gold_builder, doc, {"entities": g}, 1 << 40, codes, lambda *_: None)
            add_record(pred_builder, doc, {"entities": p}, 1 << 40, codes, lambda *_: None)
        gold_builder.n_docs = pred_builder.n_docs = len(gold)
        return gold_builder.build(), pred_builder.build()

    def score(tables: tuple[Any, Any]) -> dict[str, Any]:
        counts = scorer.count(*tables)
        return scorer.summarise(counts.per_doc.sum(axis=0), counts.totals)

    started = time.perf_counter()
    tables = load()
    our_load = time.perf_counter() - started
    our_runs = []
    for _ in range(3):
        started = time.perf_counter()
        ours = score(tables)
        our_runs.append(time.perf_counter() - started)
    our_score = sorted(our_runs)[1]
    print(f"entities: {len(gold):,} documents, {sum(map(len, gold)):,} gold and {sum(map(len, pred)):,} "
          "predicted entities; all four schemes, micro, per label and macro (Byline also the CoNLL collapse)")
    print("               load (s)   score (s)   total (s)")
    print(f"  byline     {our_load:9.2f}   {our_score:9.3f}   {our_load + our_score:9.2f}   "
          f"(score: median of 3 runs: {', '.join(f'{t:.3f}' for t in our_runs)})")
    if not run_nervaluate:
        return
    from nervaluate import Evaluator  # a dev dependency

    def inclusive(docs: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        return [[{"label": e["label"], "start": e["start"], "end": e["end"] - 1} for e in doc] for doc in docs]

    true, guess = inclusive(gold), inclusive(pred)  # nervaluate's ends are inclusive
    started = time.perf_counter()
    evaluator = Evaluator(true, guess, tags=list(INV.entity_types), loader="dict")
    their_load = time.perf_counter() - started
    started = time.perf_counter()
    theirs = evaluator.evaluate()
    their_score = time.perf_counter() - started
    print(f"  nervaluate {their_load:9.2f}   {their_score:9.3f}   {their_load + their_score:9.2f}   "
          f"(nervaluate {_version('nervaluate')}, one run)")
    print(f"  speed-up   {their_load / our_load:8.1f}x   {their_score / our_score:8.1f}x   "
          f"{(their_load + their_score) / (our_load + our_score):8.1f}x   (target: the total at least 50x)")
    floor = _reading_floor(gold, pred)
    budget = (their_load + their_score) / 50
    print(f"  floor: only reading start, end and label of every entity of both sides from the lists "
          f"(list(map(itemgetter)), no checks, no arrays) takes {floor:.2f} s; the 50x target leaves "
          f"{budget:.2f} s for reading, matching and summary together")
    print("  scheme     byline P / R / F1          nervaluate P / R / F1")
    for scheme, name in (("strict", "strict"), ("exact", "exact"), ("partial", "partial"), ("type", "ent_type")):
        a = ours["schemes"][scheme]
        b = theirs["overall"][name]
        print(f"  {scheme:8s}  {a['precision']:.4f} {a['recall']:.4f} {a['f1']:.4f}      "
              f"{b.precision:.4f} {b.recall:.4f} {b.f1:.4f}")
    print("  (nervaluate matches greedily in list order, Byline optimally: they can differ where a prediction\n"
          "   overlaps two gold entities, or two predictions one gold entity; see docs/metrics.md)")


def _reading_floor(*sides: list[list[dict[str, Any]]]) -> float:
    """Seconds to read three fields of every item of the lists in pure Python (best of three):
    what any tool that takes lists of dicts pays before it does anything with them."""
    from itertools import chain
    from operator import itemgetter

    getters = [itemgetter(key) for key in ("start", "end", "label")]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for side in sides:
            flat = list(chain.from_iterable(side))
            for getter in getters:
                list(map(getter, flat))
        best = min(best, time.perf_counter() - started)
    return best


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


_CHILD = """
import sys
from byline.cli import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read() if sys.platform == "linux" else ""
peak = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), "-1")
print(f"peak-kib {peak}", file=sys.stderr)
import resource
# a second process that read half the gold file (byline.scoring.gold, on Linux with two CPUs)
print(f"child-peak-kib {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def run_score(dataset: Path, predictions: Path, out: Path, cache: str = "off") -> tuple[float, float, tuple[int, int], str]:
    """`byline score` in a fresh process: wall time, CPU time (its children's included), peak
    RSS (KiB) of the process and of the second process that read half the gold file (0 when
    there was none), and its stdout.

    The first peak is the process's own high-water mark (VmHWM) read as it ends (the rusage of
    a child counts the parent's memory at fork time too: the second figure includes the pages
    it shares with the first at the fork).
    """
    command = [sys.executable, "-c", _CHILD, "score", "--predictions", str(predictions), "--dataset",
               str(dataset), "--out", str(out), "--resamples", "1000"]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stdout, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        started = time.perf_counter()
        env = {**os.environ, "BYLINE_CACHE_DIR": cache}
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own CPU time
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        errors = stderr.read()
        if process.returncode:
            raise SystemExit(f"byline score failed ({process.returncode}):\n{errors}")
        peak = next((int(line.split()[1]) for line in errors.splitlines() if line.startswith("peak-kib ")), -1)
        child = next((int(line.split()[1]) for line in errors.splitlines() if line.startswith("child-peak-kib ")), 0)
        return wall, usage.ru_utime + usage.ru_stime, (peak, child), stdout.read()


def whole_benchmark(dataset: Path, predictions: Path, workdir: Path) -> None:
    size = predictions.stat().st_size + (dataset / "gold" / "test.jsonl").stat().st_size
    print(f"whole `byline score` (a fresh process: reading and checking {size / 2**20:.0f} MiB, four layers, "
          "1,000 bootstrap resamples, result file and tables; target: under 10 s)")
    cache = workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    runs = [("gold cache off", "off"), ("cold cache (writes it)", str(cache)), ("warm cache", str(cache))]
    stdout = ""
    for label, setting in runs:
        wall, cpu, (rss, child), stdout = run_score(dataset, predictions, workdir / "result.json", setting)
        print(f"  {label:24s} {wall:6.2f} s wall  {cpu:6.2f} s CPU  peak RSS {rss / 1024:5.0f} MiB"
              + (f" (second gold process {child / 1024:.0f} MiB)" if child else ""))
    overall = next(line for line in stdout.splitlines() if line.startswith("overall:"))
    print(f"  {overall}")
    for line in stdout.splitlines():
        if line.startswith("== "):
            print(f"  {line[3:]}")


def memory_benchmark(workdir: Path, n_docs: int, seed: int) -> None:
    shape = Shape(entities=5, claims=1, attributions=1, boilerplate=1)
    small = max(1, n_docs // 10)
    rows = []
    for docs in (small, n_docs):
        started = time.perf_counter()
        dataset, predictions = generate(workdir / f"memory-{docs}", docs, shape, seed)
        made = time.perf_counter() - started
        wall, cpu, rss, _ = run_score(dataset, predictions, workdir / f"memory-{docs}" / "result.json")
        rows.append((docs, predictions.stat().st_size, (dataset / "gold" / "test.jsonl").stat().st_size,
                     (workdir / f"memory-{docs}" / "result.json").stat().st_size, wall, cpu, rss, made))
    print("memory: `byline score` on a large streamed prediction file (5 entities, 1 claim, 1 attribution, "
          "1 boilerplate span per document)")
    print("  documents   predictions   gold file   result file   wall s   CPU s   peak RSS   second gold process")
    for docs, pred_size, gold_size, result_size, wall, cpu, (rss, child), _ in rows:
        print(f"  {docs:9,d}   {pred_size / 2**20:8.0f} MiB {gold_size / 2**20:7.0f} MiB {result_size / 2**20:9.0f} MiB"
              f"   {wall:6.1f}  {cpu:6.1f}   {rss / 1024:6.0f} MiB   {child / 1024:6.0f} MiB")
    parsed = _parsed_size(workdir / f"memory-{n_docs}" / "predictions.jsonl")
    print(f"  holding the parsed prediction file instead would take about {parsed * n_docs / 2**20:,.0f} MiB "
          f"({parsed:,.0f} bytes per record as Python objects)")


def _parsed_size(path: Path, sample: int = 20000) -> float:
    """Bytes per record that ``json.loads`` objects take (tracemalloc on a sample)."""
    import tracemalloc

    with open(path, encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(sample)]
    tracemalloc.start()
    records = [json.loads(line) for line in lines]
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del records
    return current / sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--entities", type=int, default=50)
    parser.add_argument("--memory-docs", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=Path("build/bench-score"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-nervaluate", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    shape = Shape.proportionate(args.entities)
    print(f"byline score benchmark: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, seed {args.seed}")
    started = time.perf_counter()
    dataset, predictions = generate(args.workdir / f"docs-{args.docs}-{args.entities}", args.docs, shape, args.seed)
    print(f"data: {args.docs:,} documents x ({shape.entities} entities, {shape.claims} claims, "
          f"{shape.attributions} attributions, {shape.boilerplate} boilerplate spans) "
          f"[{time.perf_counter() - started:.1f} s to generate or reuse]")
    print()
    startup_benchmark()
    print()
    schema_benchmark(dataset, predictions)
    print()
    with contextlib.redirect_stderr(io.StringIO()):
        entity_benchmark(dataset, predictions, not args.skip_nervaluate)
    print()
    process_benchmark(dataset, predictions, not args.skip_nervaluate)
    print()
    whole_benchmark(dataset, predictions, dataset)
    gold_memory(dataset)
    if not args.skip_memory:
        print()
        memory_benchmark(args.workdir, args.memory_docs, args.seed)


if __name__ == "__main__":
    main()
