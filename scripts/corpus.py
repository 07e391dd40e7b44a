#!/usr/bin/env python3
"""Corpus tooling for Byline's own annotators (not part of the user-facing package).

  python scripts/corpus.py check annotations/work/<doc_id>.draft.json [...]
      resolve drafts against their tasks; list every unresolved span; print per-doc counts
  python scripts/corpus.py stats
      coverage of all drafts in annotations/work/ against the corpus targets
  python scripts/corpus.py show annotations/work/<doc_id>.draft.json
      print every resolved span with its text, to eyeball boundaries
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmark"))

from byline.studio.drafts import load_task_text, resolve_draft  # noqa: E402

WORK = ROOT / "annotations" / "work"
TASKS = ROOT / "annotations" / "tasks"
# Extra folders of hydrated one-task files (source-backed documents such as Wikinews, whose text
# is never committed), separated by ":".
EXTRA_TASKS = [Path(p) for p in os.environ.get("BYLINE_CORPUS_TASKS", "").split(":") if p]


def task_file_of(doc_id: str) -> Path:
    for folder in [TASKS, *EXTRA_TASKS]:
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
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
