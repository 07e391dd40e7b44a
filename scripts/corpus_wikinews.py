#!/usr/bin/env python3
"""Put Byline's Wikinews subset through a real Label Studio, keeping its text out of the repo.

    python scripts/corpus_wikinews.py freeze --drafts DIR --tasks DIR
    export LABEL_STUDIO_URL=… LABEL_STUDIO_API_KEY=…     # scripts/labelstudio-server prints them
    python scripts/corpus_wikinews.py sync --tasks DIR
    python scripts/corpus_wikinews.py export --raw-out FILE

The Wikinews articles are third-party text (CC BY 2.5) and never enter the repository
(annotations/sources/README.md). Their annotators' drafts name spans by text, so the drafts stay
outside the repository too; what is committed is:

- ``freeze``: every draft (``DIR/first/<doc>.draft.json``, ``DIR/second/<doc>.second.draft.json``,
  ``DIR/review/<doc>.review.json``) resolved against its hydrated task and written as a
  **standoff working file** ``annotations/work/wikinews/<doc>.<first|second|review>.json``:
  offsets, labels and attributes, the annotator's name and the text's SHA-256, no text. A draft
  with any unresolved or ambiguous span is refused (all of them are listed).
- ``sync`` (idempotent) creates, in the project "Byline corpus — Wikinews": the tasks (hydrated,
  so annotators see the text), one Label Studio user per annotator, the **first** and the
  independent **second** annotation as their annotators, and only then the **review** as a new
  annotation by its reviewer, marked ground truth. The first and second annotations are kept as
  their annotators made them, so agreement *before adjudication* can be measured from the export
  (their ``created_at`` precede the review's). Changes made by reviews are counted per layer in
  ``annotations/work/wikinews-reviews.md`` (counts only: reviewers' notes may quote the text).
- ``export``: Label Studio's own JSON export, written byte for byte to ``--raw-out`` (outside the
  repository), then dehydrated (``data.text``, ``meta.title`` and every ``value.text`` removed)
  into ``annotations/exports/byline-wikinews-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmark"))
sys.path.insert(0, str(ROOT / "scripts"))

from byline.studio.drafts import resolve_draft  # noqa: E402
from byline.texts import text_sha256  # noqa: E402
from corpus_studio import Studio, WorkItem, create_annotations  # noqa: E402

PROJECT_TITLE = "Byline corpus — Wikinews"
FROZEN = ROOT / "annotations" / "work" / "wikinews"
EXPORTS = ROOT / "annotations" / "exports"
REVIEW_LOG = ROOT / "annotations" / "work" / "wikinews-reviews.md"
KINDS = {"first": ".draft.json", "second": ".second.draft.json", "review": ".review.json"}


def _task(tasks_dir: Path, doc_id: str) -> dict[str, Any]:
    with open(tasks_dir / f"{doc_id}.json", encoding="utf-8", newline="") as handle:
        task: dict[str, Any] = json.load(handle)[0]
    return task


def _shared_contents(record: dict[str, Any]) -> str | None:
    """Label Studio groups an attribution by its CONTENT regions: two attributions over one content
    span cannot be told apart there, so such a draft is refused before anything is created."""
    seen: dict[tuple[int, int], int] = {}
    for i, attribution in enumerate(record["attributions"]):
        for j, content in enumerate(attribution["contents"]):
            key = (content["start"], content["end"])
            if key in seen and seen[key] != i:
                return (f"$.attributions[{i}].contents[{j}]: found the content span [{key[0]}, {key[1]}) of "
                        f"$.attributions[{seen[key]}] again; expected each content span in one attribution only")
            seen[key] = i
    return None


def freeze(drafts: Path, tasks_dir: Path) -> int:
    FROZEN.mkdir(parents=True, exist_ok=True)
    bad, written = 0, 0
    for kind, suffix in KINDS.items():
        for path in sorted((drafts / kind).glob(f"*{suffix}")):
            draft = json.loads(path.read_text(encoding="utf-8"))
            doc_id = path.name[: -len(suffix)]
            if draft.get("doc_id") != doc_id:
                print(f"{path}: $.doc_id: found {draft.get('doc_id')!r}; expected {doc_id!r}")
                bad += 1
                continue
            text = _task(tasks_dir, doc_id)["data"]["text"]
            resolved = resolve_draft(draft, text)
            if resolved.problems:
                bad += 1
                for problem in resolved.problems:
                    print(f"{path}: {problem}")
                continue
            record = resolved.record
            record.pop("id", None)
            shared = _shared_contents(record)
            if shared:
                bad += 1
                print(f"{path}: {shared}")
                continue
            frozen = {
                "doc_id": doc_id,
                "kind": kind,
                "text_sha256": text_sha256(text),
                "annotator": draft.get("annotator"),
                **({"reviewer": draft.get("reviewer")} if kind == "review" else {}),
                "record": record,
            }
            out = FROZEN / f"{doc_id}.{kind}.json"
            out.write_text(json.dumps(frozen, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            written += 1
    print(f"{written} standoff working file(s) written to {FROZEN.relative_to(ROOT)}; {bad} draft(s) refused")
    return 1 if bad else 0


def _log_review(doc_id: str, reviewer: str, task_id: int, annotation_id: int, summary: str, _notes: object) -> None:
    if not REVIEW_LOG.exists():
        REVIEW_LOG.write_text(
            "# Wikinews review log\n\nWritten by `scripts/corpus_wikinews.py sync` when a review is created in "
            "Label Studio as its own ground-truth annotation. Changes against the first annotation are counted in "
            "Label Studio results (regions, per-region choices, relations) added (+) and removed (-) per layer. "
            "Reviewers' notes are not copied here: they may quote the article, which is never committed.\n\n"
            "| document | reviewer | Label Studio | results changed |\n|---|---|---|---|\n",
            encoding="utf-8",
        )
    if f"| {doc_id} |" in REVIEW_LOG.read_text(encoding="utf-8"):
        return
    with open(REVIEW_LOG, "a", encoding="utf-8") as log:
        log.write(f"| {doc_id} | {reviewer} | task {task_id} / annotation {annotation_id} | {summary} |\n")


def _project(studio: Studio) -> int:
    return studio.project(PROJECT_TITLE, "Byline's real-news subset (Wikinews, CC BY 2.5); texts hydrated from the "
                                         "pinned source")


def sync(tasks_dir: Path) -> int:
    studio = Studio()
    project = _project(studio)
    frozen: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(FROZEN.glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        frozen.setdefault(item["doc_id"], {})[item["kind"]] = item
    tasks = {t["data"]["doc_id"]: t for t in studio.tasks(project)}
    new = []
    for doc_id in sorted(frozen):
        if "first" not in frozen[doc_id]:
            continue
        task = _task(tasks_dir, doc_id)
        if text_sha256(task["data"]["text"]) != frozen[doc_id]["first"]["text_sha256"]:
            raise SystemExit(f"{doc_id}: the task text's SHA-256 differs from the working file's")
        if doc_id in tasks:
            if text_sha256(tasks[doc_id]["data"]["text"]) != text_sha256(task["data"]["text"]):
                raise SystemExit(f"{doc_id}: the text differs from the one in Label Studio (task {tasks[doc_id]['id']})")
            continue
        new.append(task)
    if new:
        studio.call("POST", f"/api/projects/{project}/import", json=new)
        print(f"imported {len(new)} task(s)")
        tasks = {t["data"]["doc_id"]: t for t in studio.tasks(project)}
    items: list[WorkItem] = []
    for kind in ("first", "second", "review"):
        for doc_id, found in sorted(frozen.items()):
            item = found.get(kind)
            if item is None or "first" not in found:
                continue
            if kind == "review":
                items.append(WorkItem(doc_id, kind, item["reviewer"], item["record"], found["first"]["record"]))
            else:
                items.append(WorkItem(doc_id, kind, item["annotator"], item["record"]))
    created = create_annotations(studio, tasks, items, _log_review)
    print("created: " + (", ".join(f"{k} {v}" for k, v in created.items()) or "nothing"))
    return 0


def export(raw_out: Path) -> int:
    from byline.sources import dehydrate_export  # the standoff module (annotations/sources/README.md)

    studio = Studio()
    project = _project(studio)
    response = studio.session.get(
        f"{studio.url}/api/projects/{project}/export", params={"exportType": "JSON", "download_all_tasks": "true"},
        timeout=600,
    )
    response.raise_for_status()
    raw_out.parent.mkdir(parents=True, exist_ok=True)
    raw_out.write_bytes(response.content)
    tasks = json.loads(response.content)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = EXPORTS / f"byline-wikinews-{stamp}.json"
    EXPORTS.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dehydrate_export(tasks), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for old in EXPORTS.glob("byline-wikinews-*.json"):
        if old != out:
            old.unlink()
    print(f"raw export: {raw_out} ({len(response.content)} bytes, not committed); dehydrated: {out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("freeze")
    p.add_argument("--drafts", type=Path, required=True)
    p.add_argument("--tasks", type=Path, required=True)
    p = sub.add_parser("sync")
    p.add_argument("--tasks", type=Path, required=True)
    p = sub.add_parser("export")
    p.add_argument("--raw-out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "freeze":
        return freeze(args.drafts, args.tasks)
    if args.command == "sync":
        return sync(args.tasks)
    return export(args.raw_out)


if __name__ == "__main__":
    sys.exit(main())
