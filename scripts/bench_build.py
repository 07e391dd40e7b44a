#!/usr/bin/env python3
"""Benchmark `byline build` (validate + convert + write) on synthetic Label Studio exports.

    python scripts/bench_build.py [--sizes 2000,5000,10000,20000] [--regions 50]

Each size is generated as one JSON export (tasks of ~3,000 characters, 50 regions each:
entities, claims with choices, attributions with relations and choices, boilerplate), then built
in a fresh process; wall time and that process's peak RSS are printed. Target: 20,000 tasks
(1,000,000 regions) in under 60 s with peak memory under 2 GiB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmark"))

from byline.inventory import load_inventory  # noqa: E402
from byline.studio.results import records_to_results  # noqa: E402

WORDS = ["the", "minister", "said", "on", "Monday", "that", "talks", "in", "Geneva", "would", "resume", "after", "3", "days", "of", "fighting"]


def synthetic_task(i: int, regions: int, rng: random.Random) -> dict:
    inv = load_inventory()
    words = [rng.choice(WORDS) for _ in range(480)]
    text = " ".join(words) + " \U0001F600\r\n© 2026 Example"
    starts, pos = [], 0
    for w in words:
        starts.append((pos, pos + len(w)))
        pos += len(w) + 1
    # regions: 30 entities, 5 claims, 3 attributions (3 regions each), 6 boilerplate-ish ... = 50
    picks = iter(rng.sample(range(len(starts) - 2), 80))
    entities = [{"start": starts[k][0], "end": starts[k][1], "label": rng.choice(inv.entity_types)}
                for k in sorted(next(picks) for _ in range(regions - 18))]
    claims = []
    for _ in range(5):
        k = next(picks)
        claims.append({"start": starts[k][0], "end": starts[k + 2][1], "checkworthy": "yes"})
    attributions = []
    for _ in range(4):
        a, b, c = next(picks), next(picks), next(picks)
        attributions.append({"cue": {"start": starts[a][0], "end": starts[a][1]},
                             "sources": [{"start": starts[b][0], "end": starts[b][1]}],
                             "contents": [{"start": starts[c][0], "end": starts[c + 1][1]}],
                             "type": "indirect", "stance": "asserts"})
    boilerplate = [{"start": len(text) - 14, "end": len(text), "label": "COPYRIGHT"}]
    record = {"entities": entities, "claims": claims, "attributions": attributions, "boilerplate": boilerplate}
    return {
        "id": i,
        "data": {"doc_id": f"synthetic-{i:06d}", "text": text, "meta": {
            "title": f"Synthetic {i}", "publisher": "bench", "url": None, "published": "2026-01-01", "language": "en",
            "license": "CC0", "origin": "authored", "split": "test" if i % 3 else "dev"}},
        "annotations": [{"id": i, "completed_by": 1, "result": records_to_results(record, text),
                         "was_cancelled": False, "ground_truth": False,
                         "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}],
        "drafts": [], "predictions": [],
    }


def write_export(path: Path, tasks: int, regions: int) -> int:
    rng = random.Random(20261125)
    template = [synthetic_task(i, regions, rng) for i in range(50)]
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[\n")
        for i in range(tasks):
            task = dict(template[i % 50])
            task["id"] = i
            task["annotations"] = [{**task["annotations"][0], "id": i}]  # annotation ids are unique in an export
            task["data"] = {**task["data"], "doc_id": f"synthetic-{i:06d}",
                            "meta": {**task["data"]["meta"], "split": "test" if i % 3 else "dev"}}
            count += sum(1 for r in task["annotations"][0]["result"] if r["type"] == "labels")
            handle.write(("," if i else "") + json.dumps(task, ensure_ascii=False) + "\n")
        handle.write("]\n")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,5000,10000,20000")
    parser.add_argument("--regions", type=int, default=50)
    args = parser.parse_args()
    print(f"{'tasks':>7} {'regions':>9} {'export MB':>9} {'build s':>8} {'peak RSS MiB':>12}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            exports = Path(tmp) / "annotations" / "exports"
            exports.mkdir(parents=True)
            export = exports / "synthetic.json"
            write_export(export, size, args.regions)
            code = (
                "import resource,sys,time;from pathlib import Path;from byline.build import build_dataset;"
                "t=time.perf_counter();r=build_dataset(Path(sys.argv[1]),Path(sys.argv[2]),progress=False);"
                "e=time.perf_counter()-t;"
                "print(e, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(r.report.errors), "
                "r.report.account.regions_converted)"
            )
            run = subprocess.run([sys.executable, "-c", code, str(Path(tmp) / "annotations"), str(Path(tmp) / "out")],
                                 capture_output=True, text=True, check=True)
            seconds, rss_kib, errors, converted = run.stdout.split()
            assert errors == "0", run.stdout
            mb = export.stat().st_size / 1e6
            print(f"{size:>7} {int(converted):>9} {mb:>9.0f} {float(seconds):>8.1f} {int(rss_kib) / 1024:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
