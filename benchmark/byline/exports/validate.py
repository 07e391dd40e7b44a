"""Check Label Studio JSON exports and convert their annotations, keeping a full account.

Every task, annotation and region read is either converted or listed with the reason it was
not; every problem is reported (one run, not the first one only). Which annotation of a task
becomes gold follows one documented rule (:func:`choose_annotation`); the other submitted
annotations are kept for agreement measurement.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from byline.errors import Problem, UsageError
from byline.exports.convert import to_gold_document
from byline.exports.reader import read_tasks
from byline.exports.regions import AnnotationParser
from byline.exports.store import GoldStore
from byline.inventory import load_inventory
from byline.resources import load_json
from byline.schemas import json_path
from byline.sources.library import TextLibrary
from byline.sources.standoff import STANDOFF_KEY, hydrate_task, is_dehydrated
from byline.texts import text_sha256


@dataclass
class Account:
    """What was read, what was converted, and why anything was not."""

    files: int = 0
    tasks_read: int = 0
    tasks_converted: int = 0
    annotations_read: int = 0
    annotations_converted: int = 0
    annotations_kept_for_agreement: int = 0
    regions_read: int = 0
    regions_converted: int = 0
    not_gold: Counter[str] = field(default_factory=Counter)  # cancelled / draft / prediction
    not_gold_named: list[str] = field(default_factory=list)
    skipped_tasks: list[tuple[str, str]] = field(default_factory=list)
    skipped_annotations: list[tuple[str, str]] = field(default_factory=list)
    skipped_regions: list[tuple[str, str]] = field(default_factory=list)
    hydrated: Counter[str] = field(default_factory=Counter)  # source -> tasks hydrated
    unhydrated: list[tuple[str, str]] = field(default_factory=list)
    """(where, source) of dehydrated tasks whose source texts were missing: structure checked,
    offsets not, never converted."""

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "sources": {"hydrated": dict(sorted(self.hydrated.items())),
                        "missing": [{"where": w, "source": s} for w, s in self.unhydrated]},
            "tasks": {"read": self.tasks_read, "converted": self.tasks_converted,
                      "skipped": [{"where": w, "reason": r} for w, r in self.skipped_tasks]},
            "annotations": {"read": self.annotations_read, "converted": self.annotations_converted,
                            "kept_for_agreement": self.annotations_kept_for_agreement,
                            "not_gold": dict(sorted(self.not_gold.items())),
                            "not_gold_items": self.not_gold_named,
                            "skipped": [{"where": w, "reason": r} for w, r in self.skipped_annotations]},
            "regions": {"read": self.regions_read, "converted": self.regions_converted,
                        "skipped": [{"where": w, "reason": r} for w, r in self.skipped_regions]},
        }


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    account: Account = field(default_factory=Account)
    documents: GoldStore = field(default_factory=GoldStore)  # doc id -> gold record
    alternates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # doc id -> other annotations
    converting: bool = True
    missing_sources: dict[str, str] = field(default_factory=dict)
    """source name -> the one message saying which files are missing and how to get them."""

    @property
    def notes(self) -> list[str]:
        """What was not checked, and why (dehydrated tasks whose texts are missing)."""
        counts = Counter(source for _, source in self.account.unhydrated)
        what = "LEFT OUT of the dataset" if self.converting else "structure checked, offsets NOT checked"
        return [f"note: {n} dehydrated task(s) of source {source!r}: {what} (texts missing): "
                f"{self.missing_sources.get(source, '')}" for source, n in sorted(counts.items())]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def choose_annotation(annotations: list[dict[str, Any]]) -> int:
    """Index of the annotation that becomes gold among a task's submitted annotations.

    The rule: an annotation marked *ground truth* in Label Studio first; among equals, the most
    recently updated (``updated_at``, ISO 8601); among equals, the highest annotation id.
    """

    def key(item: tuple[int, dict[str, Any]]) -> tuple[bool, str, int]:
        _, ann = item
        ann_id = ann.get("id")
        return (
            bool(ann.get("ground_truth")),
            str(ann.get("updated_at") or ann.get("created_at") or ""),
            ann_id if isinstance(ann_id, int) else -1,
        )

    return max(enumerate(annotations), key=key)[0]


META_REQUIRED: tuple[str, ...] = tuple(load_json("gold_document.schema.json")["$defs"]["meta"]["required"])


@cache
def _meta_validator() -> Draft202012Validator:
    # The meta subschema has no $ref of its own: validating it directly skips reference resolution.
    return Draft202012Validator(load_json("gold_document.schema.json")["$defs"]["meta"])


def _annotator(annotation: dict[str, Any], users: dict[int, str]) -> str:
    """Who made an annotation: the e-mail when the export (or the users file) names it, else
    ``label-studio-user:<id>`` (Label Studio's JSON export gives only the user id)."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        return str(who.get("email") or who.get("username") or who.get("id"))
    if isinstance(who, int) and not isinstance(who, bool):
        return users.get(who, f"label-studio-user:{who}")
    return "" if who is None else str(who)


def read_users(path: Path) -> dict[int, str]:
    """User id -> e-mail from a saved ``GET /api/users/`` answer of Label Studio (a list of
    user objects); an absent file gives an empty map."""
    if not path.is_file():
        return {}
    try:
        users = json.loads(path.read_text(encoding="utf-8"))
        return {int(u["id"]): str(u["email"]) for u in users}
    except (ValueError, TypeError, KeyError) as exc:
        raise UsageError(f"{path}: not a list of Label Studio users with id and email ({exc})") from exc


class ExportChecker:
    """Checks and converts export files into one report (documents across files included)."""

    def __init__(self, convert: bool = True, users: dict[int, str] | None = None,
                 library: TextLibrary | None = None) -> None:
        self.users = users or {}
        self.library = library or TextLibrary({})
        self.inv = load_inventory()
        self.parser = AnnotationParser(self.inv)
        self.report = ValidationReport(converting=convert)
        self.convert = convert
        self._seen: dict[str, tuple[str, str, str]] = {}  # doc id -> (sha, file, where)

    def check_files(self, paths: Iterable[Path], progress: Any = None) -> ValidationReport:
        for path in paths:
            self.check_file(path, progress)
        return self.report

    def check_file(self, path: Path, progress: Any = None) -> None:
        self.report.account.files += 1
        for raw in read_tasks(path, self.report.problems):
            self._task(path, raw.index, raw.task)
            if progress is not None:
                progress.update(1)

    def _problem(self, severity: str, code: str, file: Path, where: str, path: str, found: str, expected: str) -> None:
        self.report.problems.append(Problem(severity, code, str(file), where, path, found, expected))  # type: ignore[arg-type]

    def _task(self, file: Path, index: int, task: Any) -> None:
        account = self.report.account
        account.tasks_read += 1
        base = f"$[{index}]"
        if not isinstance(task, dict):
            self._problem("error", "task-not-object", file, f"task #{index}", base, repr(task)[:60], "a task object")
            account.skipped_tasks.append((f"{file}:task #{index}", "not a task object"))
            return
        task_id = task.get("id")
        where = f"task {task_id}"
        data = task.get("data")
        annotations = task.get("annotations")
        for kind, key in (("draft", "drafts"), ("prediction", "predictions")):
            for item in task.get(key) or []:
                account.not_gold[kind] += 1
                item_id = item.get("id") if isinstance(item, dict) else None
                account.not_gold_named.append(f"{file}:{where}: {kind} {item_id}")
        if not isinstance(data, dict):
            self._problem("error", "task-without-data", file, where, f"{base}.data", repr(data)[:60], "an object with doc_id, text and meta")
            account.skipped_tasks.append((f"{file}:{where}", "no data"))
            return
        ok = True
        standoff: dict[str, Any] | None = None
        if is_dehydrated(task):
            hydrated, hydration_problems = hydrate_task(task, self.library, where, str(file), base,
                                                        report_offsets=False)
            self.report.problems.extend(hydration_problems)
            if hydrated is not None:
                self.report.account.hydrated[data[STANDOFF_KEY]["source"]] += 1
                data = hydrated["data"]
                annotations = hydrated.get("annotations")
            elif any(p.severity == "error" for p in hydration_problems):
                account.skipped_tasks.append((f"{file}:{where}", "a dehydrated task that cannot be hydrated (see above)"))
                return
            else:
                standoff = data[STANDOFF_KEY]
                source = standoff["source"]
                self.report.missing_sources[source] = str(self.library.missing[source])
                account.unhydrated.append((f"{file}:{where}", source))
                data = {**data, "meta": {**{w: "" for w in standoff["withheld"]}, **(data.get("meta") or {})}}
        text = data.get("text")
        if standoff is not None:
            pass  # no text: structure only
        elif not isinstance(text, str):
            self._problem("error", "task-without-text", file, where, f"{base}.data.text", repr(text)[:60], "the document text (a string)")
            ok = False
        doc_id = data.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            self._problem("error", "meta-missing", file, where, f"{base}.data.doc_id", repr(doc_id), "a document id (a non-empty string)")
            ok = False
        meta = data.get("meta")
        if not isinstance(meta, dict):
            self._problem("error", "meta-missing", file, where, f"{base}.data.meta", repr(meta)[:60],
                          "an object with title, publisher, url, published, language, license, origin and split")
            ok = False
        else:
            for error in _meta_validator().iter_errors(meta):
                path = f"{base}.data.meta" + json_path(error.absolute_path)[1:]
                if error.validator == "required":
                    missing = error.message.split("'")[1]
                    found, expected = f"meta without {missing!r}", f"{missing!r} (required: {', '.join(META_REQUIRED)})"
                else:
                    found, expected = repr(error.instance)[:80], error.message
                self._problem("error", "meta-invalid", file, where, path, found, expected)
                ok = False
        if not isinstance(annotations, list):
            self._problem("error", "task-without-annotations", file, where, f"{base}.annotations", repr(annotations)[:60], "a list of annotations")
            ok = False
        if not ok:
            account.skipped_tasks.append((f"{file}:{where}", "invalid task (see the problems above)"))
            return
        assert isinstance(doc_id, str) and isinstance(meta, dict) and isinstance(annotations, list)
        if standoff is not None:
            self._structure_only(file, where, base, annotations)
            return
        assert isinstance(text, str)
        sha = text_sha256(text)
        previous = self._seen.get(doc_id)
        if previous is not None:
            if previous[0] != sha:
                self._problem("error", "document-text-differs", file, where, f"{base}.data.text",
                              f"document {doc_id!r} with a text that differs from the one at {previous[1]}:{previous[2]}",
                              "one text per document id")
                account.skipped_tasks.append((f"{file}:{where}", f"document {doc_id!r} with a different text"))
                return
            self._problem("warning", "document-repeated", file, where, f"{base}.data.doc_id",
                          f"document {doc_id!r} again (also at {previous[1]}:{previous[2]})",
                          "each document once; the later occurrence replaces the earlier one")
            account.skipped_tasks.append((f"{previous[1]}:{previous[2]}", f"superseded by {file}:{where}"))
            if doc_id in self.report.documents:
                account.tasks_converted -= 1
                self.report.documents.pop(doc_id)
                self.report.alternates.pop(doc_id, None)
        self._seen[doc_id] = (sha, str(file), where)
        self._annotations(file, where, base, doc_id, text, meta, task_id, annotations)

    def _structure_only(self, file: Path, where: str, base: str, annotations: list[Any]) -> None:
        """Check a dehydrated task's annotations without its text (offsets unchecked, nothing
        converted; the task is listed in ``account.unhydrated``)."""
        for k, ann in enumerate(annotations):
            self.report.account.annotations_read += 1
            if not isinstance(ann, dict) or ann.get("was_cancelled"):
                continue
            ann_where = f"{where}:annotation {ann.get('id')}"

            def report(severity: str, code: str, path: str, found: str, expected: str, _w: str = ann_where) -> None:
                self._problem(severity, code, file, _w, path, found, expected)

            parsed = self.parser.parse(ann.get("result"), None, f"{base}.annotations[{k}]", report)
            self.report.account.regions_read += parsed.regions_read

    def _annotations(self, file: Path, where: str, base: str, doc_id: str, text: str, meta: dict[str, Any],
                     task_id: Any, annotations: list[Any]) -> None:
        account = self.report.account
        submitted: list[tuple[int, dict[str, Any]]] = []
        for k, ann in enumerate(annotations):
            account.annotations_read += 1
            if not isinstance(ann, dict):
                self._problem("error", "annotation-not-object", file, where, f"{base}.annotations[{k}]", repr(ann)[:60], "an annotation object")
                account.skipped_annotations.append((f"{file}:{where}:annotation #{k}", "not an object"))
                continue
            if ann.get("was_cancelled"):
                account.not_gold["cancelled"] += 1
                account.not_gold_named.append(f"{file}:{where}: cancelled annotation {ann.get('id')}")
                continue
            submitted.append((k, ann))
        if not submitted:
            account.skipped_tasks.append((f"{file}:{where}", "no submitted annotation"))
            self._problem("warning", "task-not-annotated", file, where, f"{base}.annotations",
                          f"document {doc_id!r} with no submitted annotation", "at least one submitted annotation to convert")
            return
        chosen = choose_annotation([ann for _, ann in submitted])
        order = [chosen] + [i for i in range(len(submitted)) if i != chosen]
        records: list[dict[str, Any]] = []
        failed = False
        checked_regions = 0
        for rank, i in enumerate(order):
            k, ann = submitted[i]
            ann_where = f"{where}:annotation {ann.get('id')}"
            errors_before = len(self.report.errors)

            def report(severity: str, code: str, path: str, found: str, expected: str, _w: str = ann_where) -> None:
                self._problem(severity, code, file, _w, path, found, expected)

            parsed = self.parser.parse(ann.get("result"), text, f"{base}.annotations[{k}]", report)
            if rank == 0:
                checked_regions = parsed.regions_read - len(parsed.skipped)
                account.regions_read += parsed.regions_read
                account.skipped_regions.extend((f"{file}:{ann_where}:{p}", r) for p, r in parsed.skipped)
            if len(self.report.errors) > errors_before:
                account.skipped_annotations.append((f"{file}:{ann_where}", "invalid annotation (see the problems above)"))
                failed = failed or rank == 0
                continue
            if not self.convert:
                continue
            ann_id = ann.get("id")
            provenance: dict[str, Any] = {
                "task_id": task_id if isinstance(task_id, int) else -1,
                "annotation_id": ann_id if isinstance(ann_id, int) else -1,
                "annotator": _annotator(ann, self.users),
                "created_at": ann.get("created_at"),
                "updated_at": ann.get("updated_at"),
                "ground_truth": bool(ann.get("ground_truth")),
                "export_file": file.name,
                "other_annotation_ids": [],
            }
            records.append(to_gold_document(doc_id, text, meta, parsed, provenance))
        if failed:
            account.skipped_tasks.append((f"{file}:{where}", "its chosen annotation is invalid"))
            return
        if not self.convert:
            account.tasks_converted += 1
            account.annotations_converted += 1
            account.annotations_kept_for_agreement += len(submitted) - 1
            account.regions_converted += checked_regions  # checked, and convertible
            return
        gold, others = records[0], records[1:]
        gold["annotation"]["other_annotation_ids"] = sorted(
            a["id"] for _, a in submitted if a.get("id") != gold["annotation"]["annotation_id"] and isinstance(a.get("id"), int)
        )
        self.report.documents.put(gold)
        if others:
            self.report.alternates[doc_id] = others
        account.tasks_converted += 1
        account.annotations_converted += 1
        account.annotations_kept_for_agreement += len(others)
        account.regions_converted += parsed_regions([gold])


def parsed_regions(records: list[dict[str, Any]]) -> int:
    """Distinct regions in the first record (attribution parts shared by two attributions
    count once)."""
    if not records:
        return 0
    record = records[0]
    ids: set[tuple[str, str]] = set()
    for layer in ("entities", "claims", "boilerplate"):
        ids.update((layer, item["id"]) for item in record[layer])
    for attribution in record["attributions"]:
        for span in ([attribution["cue"]] if attribution["cue"] else []) + attribution["sources"] + attribution["contents"]:
            ids.add(("attributions", span["id"]))
    return len(ids)


def export_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand directories to the ``*.json`` files they hold (sorted); keep files as given."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.glob("*.json") if p.is_file())
        else:
            yield path


def validate_exports(paths: Iterable[Path], convert: bool = True, progress: Any = None,
                     users: dict[int, str] | None = None, library: TextLibrary | None = None) -> ValidationReport:
    """Check (and convert) every task of the given export files or directories; ``users`` maps
    Label Studio user ids to e-mails for the provenance of gold records; ``library`` hydrates
    dehydrated tasks (without it, or without a source's files, they are checked without text)."""
    checker = ExportChecker(convert=convert, users=users, library=library)
    return checker.check_files(export_files(paths), progress)
