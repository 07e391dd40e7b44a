#!/usr/bin/env python3
"""Put Byline's corpus through a real Label Studio: import, annotate, review, export.

    export LABEL_STUDIO_URL=… LABEL_STUDIO_API_KEY=…     # scripts/labelstudio-server prints them
    python scripts/corpus_studio.py sync [--replace-changed]   # project, tasks, annotators, annotations, reviews
    python scripts/corpus_studio.py export    # annotations/exports/byline-corpus-<time>.json

`sync` is idempotent and does, in order:
1. find or create the project "Byline corpus" with schema/label_config.xml;
2. import every annotations/tasks/*.json whose document is not in the project yet (same text);
   a document whose text changed (a revised authored document) is refused, or with
   `--replace-changed` its task is deleted and imported again, to be annotated anew;
3. create a Label Studio user per annotator named in the working files (<name>@byline.invalid);
4. create, through the API and as the annotator each file names, unless that annotator already
   has an annotation on the task, in this order:
   a. each first annotation, annotations/work/<doc>.draft.json;
   b. each independent second annotation, <doc>.independent.draft.json (made by an annotator
      who saw only the text and the guidelines);
   c. each review, <doc>.review.json, as a **new annotation by the reviewer, marked ground
      truth** (the adjudicated gold; the first and second annotations stay as their annotators
      made them, so agreement before adjudication can be measured), logging what it changed
      against the first annotation in annotations/work/reviews.md (once per document);
   d. each second annotation made after the reviews, <doc>.after-review.draft.json (not
      independent: it is compared with the gold only, `byline agreement --stage against-gold`).
   The creation order is what the export's timestamps show.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmark"))

from byline.inventory import load_inventory  # noqa: E402
from byline.studio.drafts import load_task_text, resolve_draft  # noqa: E402
from byline.studio.results import records_to_results  # noqa: E402
from byline.texts import text_sha256  # noqa: E402

PROJECT_TITLE = "Byline corpus"
TASKS = ROOT / "annotations" / "tasks"
WORK = ROOT / "annotations" / "work"
EXPORTS = ROOT / "annotations" / "exports"
REVIEW_LOG = WORK / "reviews.md"


class Studio:
    def __init__(self) -> None:
        self.url = os.environ["LABEL_STUDIO_URL"].rstrip("/")
        key = os.environ["LABEL_STUDIO_API_KEY"]
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {key}"

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.session.request(method, self.url + path, timeout=120, **kwargs)
        if response.status_code >= 400:
            raise SystemExit(f"{method} {path}: HTTP {response.status_code}: {response.text[:500]}")
        return response.json() if response.content and "json" in response.headers.get("content-type", "") else response

    def project(self, title: str = PROJECT_TITLE, description: str = "Byline's gold corpus") -> int:
        """The id of the project called ``title`` (created with Byline's config if missing; its
        config brought up to date if it differs)."""
        config = (ROOT / "schema" / "label_config.xml").read_text(encoding="utf-8")
        found = self.call("GET", "/api/projects/", params={"title": title, "page_size": 100})
        items = found.get("results", found) if isinstance(found, dict) else found
        for item in items:
            if item["title"] == title:
                if item.get("label_config") != config:
                    self.call("PATCH", f"/api/projects/{item['id']}/", json={"label_config": config})
                return int(item["id"])
        created = self.call("POST", "/api/projects/", json={"title": title, "label_config": config,
                                                             "description": description})
        return int(created["id"])

    def tasks(self, project: int) -> list[dict[str, Any]]:
        tasks: list[dict[str, Any]] = []
        page = 1
        while True:
            got = self.call("GET", "/api/tasks/", params={"project": project, "page": page, "page_size": 100,
                                                        "fields": "all"})
            batch = got["tasks"] if isinstance(got, dict) else got
            tasks += batch
            if len(batch) < 100:
                return tasks
            page += 1

    def users(self) -> dict[str, int]:
        got = self.call("GET", "/api/users/")
        return {u["email"]: int(u["id"]) for u in got}

    def user(self, name: str, known: dict[str, int]) -> int:
        email = f"{name}@byline.invalid"
        if email not in known:
            created = self.call("POST", "/api/users/", json={"email": email, "username": name, "first_name": name})
            known[email] = int(created["id"])
        return known[email]


def _draft_record(path: Path) -> tuple[str, dict[str, Any], str]:
    draft = json.loads(path.read_text(encoding="utf-8"))
    doc_id = draft["doc_id"]
    _, text = load_task_text(TASKS / f"{doc_id}.json")
    resolved = resolve_draft(draft, text)
    if resolved.problems:
        raise SystemExit(f"{path}: {len(resolved.problems)} unresolved span(s), first: {resolved.problems[0]}")
    return doc_id, resolved.record, str(draft.get("annotator") or "annotator")


def _region_keys(result: list[dict[str, Any]]) -> Counter[tuple[str, ...]]:
    keys: Counter[tuple[str, ...]] = Counter()
    regions = {r["id"]: r for r in result if r.get("type") == "labels"}
    for r in result:
        if r.get("type") == "labels":
            v = r["value"]
            keys[(r["from_name"], v["labels"][0], str(v["start"]), str(v["end"]))] += 1
        elif r.get("type") == "choices":
            v = r["value"]
            keys[(r["from_name"], v["choices"][0], str(v.get("start")), str(v.get("end")))] += 1
        elif r.get("type") == "relation":
            a, b = regions.get(r["from_id"]), regions.get(r["to_id"])
            if a and b:
                keys[("relation", (r.get("labels") or [""])[0], str(a["value"]["start"]), str(b["value"]["start"]),
                      str(a["value"]["end"]), str(b["value"]["end"]))] += 1
    return keys


def _layer_of(key: tuple[str, ...]) -> str:
    inv = load_inventory()
    if key[0] == "relation":
        return "attributions"
    layer = inv.layer_of_control(key[0])
    if layer is not None:
        return layer.name
    found = inv.attribute_of_control(key[0])
    return found[0].name if found else key[0]


def _log_review(doc_id: str, reviewer: str, task_id: int, annotation_id: int, summary: str,
                review: dict[str, Any]) -> None:
    notes = " ".join(str(review.get("review_notes") or "").split()).replace("|", "/")
    if not REVIEW_LOG.exists():
        REVIEW_LOG.write_text(
            "# Review log\n\nWritten by `scripts/corpus_studio.py sync` each time a review is applied in Label "
            "Studio. Changes are counted in Label Studio results (regions, per-region choices and relations) "
            "added (+) and removed (-) per layer; a changed region counts once each way.\n\n"
            "| document | reviewer | Label Studio | results changed | reviewer's notes |\n|---|---|---|---|---|\n",
            encoding="utf-8",
        )
    with open(REVIEW_LOG, "a", encoding="utf-8") as log:
        log.write(f"| {doc_id} | {reviewer} | task {task_id} / annotation {annotation_id} | {summary} | {notes} |\n")


FIRST, INDEPENDENT, REVIEW, AFTER_REVIEW = ".draft.json", ".independent.draft.json", ".review.json", ".after-review.draft.json"


def _kind(path: Path) -> str:
    for suffix in (INDEPENDENT, AFTER_REVIEW, REVIEW):
        if path.name.endswith(suffix):
            return suffix
    return FIRST if path.name.endswith(FIRST) and path.name.count(".") == 2 else "other"


def _import_tasks(studio: Studio, project: int, replace_changed: bool) -> dict[str, dict[str, Any]]:
    tasks = {t["data"]["doc_id"]: t for t in studio.tasks(project)}
    new = []
    for path in sorted(TASKS.glob("*.json")):
        with open(path, encoding="utf-8", newline="") as handle:
            task = json.load(handle)[0]
        doc_id = task["data"]["doc_id"]
        if "text" not in task["data"]:
            continue  # a standoff (source-backed) task: its project is scripts/corpus_wikinews.py's
        if doc_id in tasks:
            if text_sha256(tasks[doc_id]["data"]["text"]) == text_sha256(task["data"]["text"]):
                continue
            if not replace_changed:
                raise SystemExit(f"{path}: the text differs from the one in Label Studio (task {tasks[doc_id]['id']}); "
                                 "run with --replace-changed to delete that task and import the revised document")
            studio.call("DELETE", f"/api/tasks/{tasks[doc_id]['id']}/")
            print(f"{doc_id}: text revised; task {tasks[doc_id]['id']} deleted, importing the new text")
        new.append(task)
    if new:
        studio.call("POST", f"/api/projects/{project}/import", json=new)
        print(f"imported {len(new)} task(s)")
        tasks = {t["data"]["doc_id"]: t for t in studio.tasks(project)}
    return tasks


@dataclass(frozen=True)
class WorkItem:
    """One annotation to create: who made it and its offset record; a review is created as the
    reviewer's ground-truth annotation and logged against ``first`` (the first annotation's record)."""

    doc_id: str
    kind: str
    name: str
    record: dict[str, Any]
    first: dict[str, Any] | None = None
    notes: dict[str, Any] = field(default_factory=dict)


def create_annotations(studio: Studio, tasks: dict[str, dict[str, Any]], items: list[WorkItem],
                       log: Callable[[str, str, int, int, str, dict[str, Any]], None]) -> Counter[str]:
    """Create each item's annotation through the API as its annotator, in the order given, unless
    that annotator already has one on the task; log what each review changed (once per document)."""
    users = studio.users()
    created: Counter[str] = Counter()
    logged = REVIEW_LOG.read_text(encoding="utf-8") if REVIEW_LOG.exists() else ""
    for item in items:
        task = tasks[item.doc_id]
        user_id = studio.user(item.name, users)
        review = item.first is not None
        result = records_to_results(item.record, task["data"]["text"])
        mine = next((a for a in task.get("annotations") or [] if a.get("completed_by") == user_id), None)
        if mine is not None:
            # An existing review (the adjudicated gold) follows its working file; an annotator's
            # own annotation is never changed after the fact (agreement before adjudication).
            if review and "result" in mine and _region_keys(mine["result"]) != _region_keys(result):
                studio.call("PATCH", f"/api/annotations/{mine['id']}/", json={"result": result})
                created["review updated"] += 1
            continue
        annotation = studio.call("POST", f"/api/tasks/{task['id']}/annotations/", json={
            "result": result, "completed_by": user_id, "was_cancelled": False, "ground_truth": review,
        })
        task.setdefault("annotations", []).append({"completed_by": user_id, "id": annotation["id"], "result": result})
        created[item.kind] += 1
        if item.first is not None and f"| {item.doc_id} |" not in logged:
            before = _region_keys(records_to_results(item.first, task["data"]["text"]))
            after = _region_keys(result)
            per_layer: dict[str, list[int]] = {}
            for key, n in (after - before).items():
                per_layer.setdefault(_layer_of(key), [0, 0])[0] += n
            for key, n in (before - after).items():
                per_layer.setdefault(_layer_of(key), [0, 0])[1] += n
            summary = "; ".join(f"{layer} +{a}/-{r}" for layer, (a, r) in sorted(per_layer.items())) or "no change"
            log(item.doc_id, item.name, int(task["id"]), int(annotation["id"]), summary, item.notes)
    return created


def sync(replace_changed: bool = False) -> None:
    studio = Studio()
    project = studio.project()
    tasks = _import_tasks(studio, project, replace_changed)
    items: list[WorkItem] = []
    for suffix in (FIRST, INDEPENDENT, REVIEW, AFTER_REVIEW):
        for path in sorted(WORK.glob(f"*{suffix}")):
            if _kind(path) != suffix:
                continue
            doc_id, record, annotator = _draft_record(path)
            if suffix == REVIEW:
                review = json.loads(path.read_text(encoding="utf-8"))
                first = _draft_record(WORK / f"{doc_id}{FIRST}")[1]
                items.append(WorkItem(doc_id, "review", str(review.get("reviewer") or "reviewer"), record, first, review))
            else:
                items.append(WorkItem(doc_id, suffix.strip(".").split(".")[0], annotator, record))
    created = create_annotations(studio, tasks, items, _log_review)
    print("created: " + (", ".join(f"{k} {v}" for k, v in created.items()) or "nothing"))


def export() -> None:
    studio = Studio()
    project = studio.project()
    response = studio.session.get(
        f"{studio.url}/api/projects/{project}/export", params={"exportType": "JSON", "download_all_tasks": "true"},
        timeout=600,
    )
    response.raise_for_status()
    EXPORTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = EXPORTS / f"byline-corpus-{stamp}.json"
    out.write_bytes(response.content)
    users = studio.session.get(f"{studio.url}/api/users/", timeout=60)
    users.raise_for_status()
    (ROOT / "annotations" / "label-studio-users.json").write_bytes(users.content)
    for old in EXPORTS.glob("byline-corpus-*.json"):
        if old != out:
            old.unlink()
    print(f"wrote {out} ({len(response.content)} bytes)")


def main() -> int:
    args = sys.argv[1:]
    if args == ["export"]:
        export()
    elif args and args[0] == "sync" and set(args[1:]) <= {"--replace-changed"}:
        sync(replace_changed="--replace-changed" in args)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
