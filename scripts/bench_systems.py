#!/usr/bin/env python3
"""Run time and scores of the field's systems (byline[systems]) on a split of the shipped corpus.

For each system of `byline system list`: load time (first load in this process; spaCy's model is
loaded once and shared by `spacy` and `textacy-quotes`), prediction time and documents per
second, then its scores on the layers it predicts (primary metric with the 95% bootstrap
interval, as `byline score` computes them), and the process's peak resident memory at the end.

Usage: python scripts/bench_systems.py [--dataset build/dataset] [--split test] [--workdir build/bench-systems]

Builds the dataset from annotations/ first when --dataset has none.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

from byline.scoring.gold import load_gold
from byline.scoring.result import build_result
from byline.scoring.scorer import score_predictions
from byline.systems import SYSTEMS
from byline.systems.extra import version_of
from byline.systems.run import run_system

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=ROOT / "build" / "dataset")
    parser.add_argument("--split", default="test")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench-systems")
    args = parser.parse_args()
    if not (args.dataset / "manifest.json").is_file():
        from byline.build import build_dataset

        started = time.perf_counter()
        build_dataset(ROOT / "annotations", args.dataset, progress=False)
        print(f"built {args.dataset} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    gold = load_gold(args.dataset, args.split)
    print(f"# byline systems on split {args.split!r} ({gold.n_docs} documents), Python {platform.python_version()}, "
          f"{platform.machine()}, spaCy {version_of('spacy')}")
    print()
    print("| system | layer | primary metric | score | 95% CI | load s | predict s | docs/s |")
    print("|---|---|---|---:|---|---:|---:|---:|")
    notes = []
    for name in SYSTEMS:
        run = run_system(name, args.dataset, args.split, args.workdir / f"{name}.jsonl")
        notes += [f"{name}: {note}" for note in run.notes]
        result = build_result(score_predictions(run.predictions, gold), run.system)
        rate = run.documents / run.predict_seconds if run.predict_seconds else float("inf")
        for layer, block in result["layers"].items():
            low, high = block["ci95"]
            print(f"| {name} {run.system['version']} | {layer} | `{block['primary_metric']}` | {block['primary']:.3f} | "
                  f"[{low:.3f}, {high:.3f}] | {run.load_seconds:.2f} | {run.predict_seconds:.2f} | {rate:.1f} |")
    print()
    for note in notes:
        print(f"- {note}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"- peak resident memory of this process: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
