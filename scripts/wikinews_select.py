"""Choose the Wikinews articles Byline annotates: a stated, seeded procedure.

Reads the pinned Wikinews CSV files (``../shared/wikinews`` or ``--texts DIR``) and writes
``annotations/sources/wikinews-selection.json``: every article of the source, each either chosen
(with its doc id, split and annotation order) or left out with the reason. Only URLs, dates and
counts are written — never any text of the articles (they are third-party text, see
``annotations/sources/README.md``).

The procedure (run it again: same files, same seed → the same file):
1. Leave out pages that are not articles (title starts with ``TEST PAGE``).
2. Leave out articles under 150 words ("too short": a brief with too little to annotate) and
   over 2,500 words ("too long for this round": long interviews; kept for a later round).
3. Leave out list-like articles: 40% or more of their non-blank lines have fewer than 8 words
   ("a list": convention programmes, results tables).
4. Leave out near-duplicates: an article whose word 5-gram Jaccard similarity with an earlier
   (by date, then URL) eligible article is 0.5 or more ("a duplicate of <url>").
5. Shuffle the eligible articles with ``random.Random(SEED)``; the first 160 are chosen, with at
   least 4 long reads (over 1,000 words): if fewer than 4 are among them, the first long reads
   in shuffled order replace the last chosen ordinary ones.
6. Splits: in annotation order, 2 of every 3 go to ``test`` and 1 to ``dev``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path
from urllib.parse import unquote

SEED = 20261204
CHOSEN = 160
MIN_WORDS, MAX_WORDS, LONG_READ, MIN_LONG = 150, 2500, 1000, 4
FILES = ("wikinews_2019.csv", "wikinews_2020.csv")


def doc_id(url: str, date: str) -> str:
    title = unquote(url.rstrip("/").rsplit("/", 1)[-1])
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    slug = slug[:48].rstrip("-")
    return f"wn-{date}-{slug}"


def shingles(text: str) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i : i + 5]) for i in range(max(len(words) - 4, 0))}


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=root.parent / "shared" / "wikinews")
    parser.add_argument("--out", type=Path, default=root / "annotations" / "sources" / "wikinews-selection.json")
    args = parser.parse_args()
    rows = []
    for name in FILES:
        path = args.texts / name
        if not path.is_file():
            print(f"{path}: not found; expected the pinned Wikinews CSV (see ../shared/wikinews/README.md)",
                  file=sys.stderr)
            return 1
        with open(path, newline="", encoding="utf-8") as handle:
            rows.extend({**row, "file": name} for row in csv.DictReader(handle))
    rows.sort(key=lambda r: (r["date"], r["url"]))
    articles, eligible, seen = [], [], []
    for row in rows:
        text = row["text"]
        words = len(text.split())
        lines = [line for line in text.split("\n") if line.strip()]
        short = sum(len(line.split()) < 8 for line in lines) / max(len(lines), 1)
        entry = {"url": row["url"], "date": row["date"], "file": row["file"], "words": words}
        if row["title"].startswith("TEST PAGE"):
            entry["left_out"] = "not an article (a test page)"
        elif words < MIN_WORDS:
            entry["left_out"] = f"too short ({words} words < {MIN_WORDS})"
        elif words > MAX_WORDS:
            entry["left_out"] = f"too long for this round ({words} words > {MAX_WORDS})"
        elif short >= 0.4:
            entry["left_out"] = f"a list ({short:.0%} of its lines have fewer than 8 words)"
        else:
            grams = shingles(text)
            for other_url, other in seen:
                jaccard = len(grams & other) / max(len(grams | other), 1)
                if jaccard >= 0.5:
                    entry["left_out"] = f"a duplicate of {other_url} (5-gram Jaccard {jaccard:.2f})"
                    break
            else:
                seen.append((row["url"], grams))
                eligible.append(entry)
        articles.append(entry)
    order = list(eligible)
    random.Random(SEED).shuffle(order)
    chosen = order[:CHOSEN]
    long_reads = [a for a in chosen if a["words"] > LONG_READ]
    spare_long = [a for a in order[CHOSEN:] if a["words"] > LONG_READ]
    while len(long_reads) < MIN_LONG and spare_long:
        victim = next(a for a in reversed(chosen) if a["words"] <= LONG_READ)
        chosen.remove(victim)
        chosen.append(spare_long.pop(0))
        long_reads = [a for a in chosen if a["words"] > LONG_READ]
    chosen_urls = {a["url"]: i for i, a in enumerate(chosen)}
    for entry in articles:
        if entry["url"] in chosen_urls:
            rank = chosen_urls[entry["url"]]
            entry.update(doc_id=doc_id(entry["url"], entry["date"]), order=rank + 1,
                         split="dev" if rank % 3 == 2 else "test")
        elif "left_out" not in entry:
            entry["left_out"] = f"not drawn (eligible; beyond the first {CHOSEN} of the seeded shuffle)"
    ids = [a["doc_id"] for a in articles if "doc_id" in a]
    assert len(ids) == len(set(ids)), "doc ids collide"
    out = {
        "source": "wikinews",
        "procedure": "scripts/wikinews_select.py (see its docstring)",
        "seed": SEED,
        "chosen": len(chosen),
        "articles": articles,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    reasons: dict[str, int] = {}
    for a in articles:
        if "left_out" in a:
            key = a["left_out"].split(" (")[0]
            reasons[key] = reasons.get(key, 0) + 1
    splits = {s: sum(1 for a in articles if a.get("split") == s) for s in ("dev", "test")}
    print(f"{len(articles)} articles: {len(chosen)} chosen ({splits}), {len(long_reads)} long reads; left out: {reasons}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
