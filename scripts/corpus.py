#!/usr/bin/env python3
"""Corpus tooling for Byline's own annotators (not part of the user-facing package).

  python scripts/corpus.py check annotations/work/<doc_id>.draft.json [...]
      resolve drafts against their tasks; list every unresolved span; print per-doc counts
  python scripts/corpus.py stats
      coverage of all drafts in annotations/work/ against the corpus targets
  python scripts/corpus.py show annotations/work/<doc_id>.draft.json
      print every resolved span with its text, to eyeball boundaries
  python scripts/corpus.py placement [--fix] [FILE ...]
      every span reference that names a text occurring more than once without "n"/"after"
      (default: all working files); --fix rewrites each as an explicit {"text", "n"}: a cue or
      source takes the occurrence nearest its attribution's content, anything else the
      occurrence the old first-free rule took. Then lists every attribution whose cue or sources
      are not in the same or an adjacent sentence as its content.
  python scripts/corpus.py lint [DATASET_DIR | FILE.json ...]
      the guidelines' consistency decisions (byline.lint) over a built dataset's gold records
      (default build/dataset) or over working files; exit 1 when anything is found.
  python scripts/corpus.py ngrams
      word 5-grams shared by more than two authored documents, outside quotations and
      boilerplate (repeated frames make the authored documents a checklist, not news).
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmark"))

from byline.align import Aligner, PositionPool  # noqa: E402
from byline.studio.drafts import _Resolver, load_task_text, resolve_draft  # noqa: E402

WORK = ROOT / "annotations" / "work"
TASKS = ROOT / "annotations" / "tasks"
# Extra folders of hydrated one-task files (source-backed documents such as Wikinews, whose text
# is never committed), separated by ":".
EXTRA_TASKS = [Path(p) for p in os.environ.get("BYLINE_CORPUS_TASKS", "").split(":") if p]


def task_file_of(doc_id: str) -> Path:
    for folder in [*EXTRA_TASKS, TASKS]:  # hydrated copies first: the repository's standoff tasks have no text
        if (folder / f"{doc_id}.json").is_file():
            return folder / f"{doc_id}.json"
    raise SystemExit(f"{doc_id}: no task file in {[str(f) for f in [TASKS, *EXTRA_TASKS]]}")


def _inside(span: dict, outer: dict) -> bool:
    return outer["start"] <= span["start"] and span["end"] <= outer["end"]


def analyse(draft_path: Path) -> tuple[Counter, list[str], dict, str]:
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    doc_id = draft.get("doc_id") or draft_path.name.split(".")[0]
    task_file = task_file_of(doc_id)
    _, text = load_task_text(task_file)
    resolved = resolve_draft(draft, text)
    rec = resolved.record
    counts: Counter = Counter()
    counts["entities"] = len(rec["entities"])
    for e in rec["entities"]:
        counts[f"entity:{e['label']}"] += 1
    counts["claims"] = len(rec["claims"])
    contents = [c for a in rec["attributions"] for c in a["contents"]]
    for c in rec["claims"]:
        if not any(_inside(c, ct) or (c["start"] < ct["end"] and ct["start"] < c["end"]) for ct in contents):
            counts["claims:authorial"] += 1
    counts["attributions"] = len(rec["attributions"])
    for a in rec["attributions"]:
        counts[f"attr:{a.get('type')}"] += 1
        counts[f"stance:{a.get('stance')}"] += 1
        if not a["sources"]:
            counts["attr:no_source"] += 1
        if not a["cue"]:
            counts["attr:no_cue"] += 1
        parts = ([a["cue"]] if a["cue"] else []) + a["sources"]
        others = [c for b in rec["attributions"] if b is not a for c in b["contents"]]
        if parts and any(_inside(p, o) for p in parts for o in others):
            counts["attr:nested"] += 1
    counts["boilerplate"] = len(rec["boilerplate"])
    for b in rec["boilerplate"]:
        counts[f"bp:{b['label']}"] += 1
    problems = [str(p) for p in resolved.problems]
    # overlapping entities are not allowed (one flat layer)
    ents = rec["entities"]
    for x, y in itertools.pairwise(ents):
        if y["start"] < x["end"]:
            problems.append(f"$.entities: {text[x['start']:x['end']]!r} and {text[y['start']:y['end']]!r} overlap")
    return counts, problems, rec, text


def cmd_check(paths: list[str]) -> int:
    bad = 0
    for p in paths:
        counts, problems, _, text = analyse(Path(p))
        words = len(text.split())
        print(f"{p}: {words} words; " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items()) if ":" not in k or k.startswith(("attr:", "claims:"))))
        for problem in problems:
            print(f"  PROBLEM {problem}")
        bad += len(problems)
    print(f"{bad} problem(s)")
    return 1 if bad else 0


def cmd_show(path: str) -> int:
    _counts, problems, rec, text = analyse(Path(path))
    for layer in ("entities", "claims", "boilerplate"):
        print(f"== {layer}")
        for item in rec[layer]:
            extra = {k: v for k, v in item.items() if k not in ("start", "end")}
            print(f"  [{item['start']},{item['end']}) {text[item['start']:item['end']]!r} {extra}")
    print("== attributions")
    for a in rec["attributions"]:
        cue = text[a["cue"]["start"]:a["cue"]["end"]] if a["cue"] else None
        print(f"  {a.get('type')}/{a.get('stance')} cue={cue!r} sources={[text[s['start']:s['end']] for s in a['sources']]}")
        for c in a["contents"]:
            print(f"     content {text[c['start']:c['end']]!r}")
    for problem in problems:
        print(f"PROBLEM {problem}")
    return 1 if problems else 0


def cmd_stats() -> int:
    total: Counter = Counter()
    docs = 0
    bp_docs = 0
    for p in sorted(WORK.glob("*.draft.json")):
        counts, problems, _, _ = analyse(p)
        docs += 1
        bp_docs += 1 if counts["boilerplate"] else 0
        total.update(counts)
        if problems:
            print(f"{p.name}: {len(problems)} problem(s)")
    print(f"documents: {docs}; with boilerplate: {bp_docs}")
    for k, v in sorted(total.items()):
        print(f"  {k}: {v}")
    print("entity types used:", len([k for k in total if k.startswith("entity:")]))
    return 0


_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+|\n+")


def sentence_index(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (a plain rule: . ! ? then space, or a newline)."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _sentence_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _refs(draft: dict) -> list[tuple[str, str, object, str]]:
    """(layer, path, ref, role) of every span reference, in resolve order."""
    out = []
    plain = [(i, e) for i, e in enumerate(draft.get("entities", [])) if not e.get("all")]
    out += [("entities", f"$.entities[{i}]", e, "entity") for i, e in plain]
    out += [("claims", f"$.claims[{i}]", c, "claim") for i, c in enumerate(draft.get("claims", []))]
    for i, a in enumerate(draft.get("attributions", [])):
        if a.get("cue") is not None:
            out.append(("attributions", f"$.attributions[{i}].cue", a["cue"], "cue"))
        out += [("attributions", f"$.attributions[{i}].sources[{j}]", r, "source") for j, r in enumerate(a.get("sources", []))]
        out += [("attributions", f"$.attributions[{i}].contents[{j}]", r, "content") for j, r in enumerate(a.get("contents", []))]
    out += [("boilerplate", f"$.boilerplate[{i}]", b, "boilerplate") for i, b in enumerate(draft.get("boilerplate", []))]
    return out


def _set_ref(draft: dict, path: str, new: object) -> None:
    parts = re.findall(r"\.(\w+)|\[(\d+)\]", path)
    node: object = draft
    keys = [k if k else int(i) for k, i in parts]
    for key in keys[:-1]:
        node = node[key]  # type: ignore[index]
    node[keys[-1]] = new  # type: ignore[index]


def placement(paths: list[Path], fix: bool) -> int:
    ambiguous_total, moved_total, far_total = 0, 0, 0
    for path in paths:
        draft = json.loads(path.read_text(encoding="utf-8"))
        doc_id = draft.get("doc_id") or path.name.split(".")[0]
        _, text = load_task_text(task_file_of(doc_id))
        aligner = Aligner(text)
        legacy = _Resolver(text, [], strict=False)
        pools = {"entities": PositionPool(), "boilerplate": PositionPool()}
        spans: dict[str, tuple[int, int]] = {}
        for layer, ref_path, ref, _role in _refs(draft):
            got = legacy.span(ref, ref_path, pools.get(layer))  # type: ignore[arg-type]
            if got:
                spans[ref_path] = (got["start"], got["end"])
        changes = []
        for _layer, ref_path, ref, role in _refs(draft):
            needle = ref if isinstance(ref, str) else str(ref.get("text", ""))
            explicit_n = isinstance(ref, dict) and ref.get("n") is not None
            after = None if isinstance(ref, str) else ref.get("after")
            hits, _ = aligner.occurrences(needle)
            anchor_hits = aligner.occurrences(str(after))[0] if after is not None else []
            if explicit_n or (after is None and len(hits) <= 1) or (after is not None and len(anchor_hits) <= 1):
                continue
            if ref_path not in spans:
                continue
            ambiguous_total += 1
            old = spans[ref_path]
            choice = old
            if role in ("cue", "source"):
                base = ref_path.rsplit(".", 1)[0]
                content = spans.get(f"{base}.contents[0]")
                if content:
                    def distance(hit: tuple[int, int], c: tuple[int, int] = content) -> int:
                        return max(c[0] - hit[1], hit[0] - c[1], 0)
                    choice = min(hits, key=lambda h: (distance(h), h[0]))
            n = hits.index(choice) + 1 if choice in hits else None
            if n is None:
                continue
            if choice != old:
                moved_total += 1
                print(f"{path.name}: {ref_path} {needle!r}: moved from offset {old[0]} to {choice[0]} "
                      f"(nearest its content)")
            new_ref = {**(ref if isinstance(ref, dict) else {}), "text": needle, "n": n}
            new_ref.pop("after", None)
            changes.append((ref_path, new_ref))
        if fix and changes:
            for ref_path, new_ref in changes:
                _set_ref(draft, ref_path, new_ref)
            path.write_text(json.dumps(draft, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        # proximity: cue and sources in the same or an adjacent sentence as the content
        record = resolve_draft(draft, text, strict=False).record
        starts = sentence_index(text)
        for i, a in enumerate(record["attributions"]):
            if not a["contents"]:
                continue
            lo = _sentence_of(starts, min(c["start"] for c in a["contents"])) - 1
            hi = _sentence_of(starts, max(c["end"] for c in a["contents"]) - 1) + 1
            for role, span in [("cue", a["cue"])] + [("source", s_) for s_ in a["sources"]]:
                if span is None:
                    continue
                k = _sentence_of(starts, span["start"])
                if not lo <= k <= hi:
                    far_total += 1
                    print(f"{path.name}: $.attributions[{i}] {role} {text[span['start']:span['end']]!r} at "
                          f"{span['start']} is {min(abs(k - lo), abs(k - hi))} sentence(s) from its content")
    print(f"{ambiguous_total} ambiguous reference(s){' made explicit' if fix else ''}; {moved_total} placed "
          f"differently from the old first-free rule; {far_total} cue/source(s) not beside their content")
    return 1 if (ambiguous_total and not fix) else 0


def cmd_lint(dataset: Path) -> int:
    from byline.lint import lint_records

    files = sorted((dataset / "gold").glob("*.jsonl"))
    if not files:
        print(f"{dataset}: no gold/*.jsonl; expected a built dataset (`byline build --out {dataset}`)")
        return 2
    records = (json.loads(line) for path in files for line in path.read_text(encoding="utf-8").splitlines() if line)
    exceptions_file = ROOT / "annotations" / "lint-exceptions.json"
    accepted = {(e["doc_id"], e["rule"], e["start"], e["end"]): e["reason"]
                for e in json.loads(exceptions_file.read_text(encoding="utf-8"))["exceptions"]}
    counts: Counter = Counter()
    excepted = 0
    for finding in lint_records(records):
        reason = accepted.get((finding.doc_id, finding.rule, finding.start, finding.end))
        if reason is not None:
            excepted += 1
            print(f"accepted exception: {finding} — {reason}")
            continue
        counts[finding.rule] += 1
        print(finding)
    print(f"{sum(counts.values())} violation(s)" + (": " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) if counts else "")
          + f"; {excepted} accepted exception(s) ({exceptions_file.relative_to(ROOT)})")
    return 1 if counts else 0


def cmd_lint_files(paths: list[Path]) -> int:
    from byline.lint import lint_record

    found = 0
    for path in paths:
        _counts, problems, record, text = analyse(path)
        record = {**record, "id": path.name, "text": text,
                  "claims": [{"label": "CLAIM", **c} for c in record["claims"]]}
        for finding in lint_record(record):
            found += 1
            print(finding)
        for problem in problems:
            found += 1
            print(f"{path.name}: PROBLEM {problem}")
    print(f"{found} finding(s)")
    return 1 if found else 0


_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_WORD = re.compile(r"[\w’'-]+")


def authored_ngrams(n: int = 5, limit: int = 2) -> dict[str, set[str]]:
    """Word n-grams (lower-cased) shared by more than ``limit`` authored documents, outside
    quotations and outside the boilerplate spans of their reviewed annotation."""
    seen: dict[str, set[str]] = {}
    for task_file in sorted(TASKS.glob("*.json")):
        meta = json.loads(task_file.read_text(encoding="utf-8"))[0]["data"].get("meta", {})
        if meta.get("origin") != "authored":
            continue
        doc_id, text = load_task_text(task_file)
        masked = list(text)
        review = WORK / f"{doc_id}.review.json"
        if review.is_file():
            record = resolve_draft(json.loads(review.read_text(encoding="utf-8")), text).record
            for span in record["boilerplate"]:
                masked[span["start"]:span["end"]] = "|" * (span["end"] - span["start"])
        for match in _QUOTED.finditer(text):
            masked[match.start():match.end()] = "|" * (match.end() - match.start())
        for chunk in "".join(masked).split("|"):
            words = [w.lower() for w in _WORD.findall(chunk)]
            for i in range(len(words) - n + 1):
                seen.setdefault(" ".join(words[i:i + n]), set()).add(doc_id)
    return {gram: docs for gram, docs in seen.items() if len(docs) > limit}


def cmd_ngrams() -> int:
    shared = authored_ngrams()
    for gram, docs in sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"{len(docs)} documents: {gram!r}: {', '.join(sorted(docs))}")
    print(f"{len(shared)} word 5-gram(s) shared by more than two authored documents outside quotations and boilerplate")
    return 1 if shared else 0


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    command, args = sys.argv[1], sys.argv[2:]
    if command == "check":
        return cmd_check(args)
    if command == "show":
        return cmd_show(args[0])
    if command == "stats":
        return cmd_stats()
    if command == "lint":
        if args and all(a.endswith(".json") for a in args):
            return cmd_lint_files([Path(a) for a in args])
        return cmd_lint(Path(args[0]) if args else ROOT / "build" / "dataset")
    if command == "ngrams":
        return cmd_ngrams()
    if command == "placement":
        fix = "--fix" in args
        files = [Path(a) for a in args if a != "--fix"] or sorted(WORK.glob("*.json"))
        return placement(files, fix)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
