"""Check Label Studio JSON exports and convert their annotations, keeping a full account.

Every task, annotation and region read is either converted or listed with the reason it was
not (:mod:`byline.exports.account`); every problem is reported (one run, not the first one
only; a problem of a task does not stop the checks of its annotations). Which annotation of a
document becomes gold follows one documented rule over *every* file and task that holds the
document (:mod:`byline.exports.choice`), never the order of files; the other annotators'
annotations are kept for agreement measurement.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from byline.errors import Problem, UsageError
from byline.exports.account import Account, Listed, ValidationReport
from byline.exports.choice import Candidate, ChoiceKey, DocumentState, why
from byline.exports.convert import to_gold_document
from byline.exports.fields import annotation_facts, read_id
from byline.exports.files import list_exports
from byline.exports.reader import RawTask, read_tasks
from byline.exports.regions import AnnotationParser
from byline.exports.settle import settle_document
from byline.exports.store import canonical_json
from byline.inventory import load_inventory
from byline.resources import load_json
from byline.schemas import json_path
from byline.sources.library import TextLibrary
from byline.sources.standoff import STANDOFF_KEY, hydrate_task, is_dehydrated
from byline.strictjson import fits_int64, shown
from byline.texts import text_sha256

__all__ = ["Account", "ExportChecker", "ValidationReport", "choose_annotation", "read_users", "validate_exports"]


def choose_annotation(annotations: list[dict[str, Any]]) -> int:
    """Index of the annotation that becomes gold among submitted annotations (the rule of
    :mod:`byline.exports.choice`: ground truth, then the latest ``updated_at`` as a time-zone
    aware instant, then the highest id). Annotations whose fields do not say are ranked last."""

    def ignore(*_: str) -> None:
        return None

    def key(item: tuple[int, dict[str, Any]]) -> tuple[bool, tuple[bool, Any, int]]:
        facts = annotation_facts(item[1], "$", ignore)
        if not facts.valid:
            return (False, (False, None, -1))
        assert facts.updated is not None and facts.id is not None
        return (True, ChoiceKey(bool(facts.ground_truth), facts.updated, facts.id).ordering())

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


@dataclass
class _Annotation:
    """One submitted annotation of a task occurrence, checked."""

    candidate: Candidate | None  # None: its choice fields are invalid
    where: str


class ExportChecker:
    """Checks and converts export files into one report (documents across files included).

    Call :meth:`check_file` for each file, then :meth:`finish` once: the gold of a document is
    only known when every file has been read."""

    def __init__(self, convert: bool = True, users: dict[int, str] | None = None,
                 task_texts: dict[str, tuple[str, str]] | None = None, library: TextLibrary | None = None) -> None:
        self.users = users or {}
        self.inv = load_inventory()
        self.parser = AnnotationParser(self.inv)
        self.library = library or TextLibrary({})
        self.report = ValidationReport(converting=convert)
        self.convert = convert
        self.task_texts = task_texts or {}  # doc id -> (sha256, where) from annotations/tasks/
        self._docs: dict[str, DocumentState] = {}
        self._error_count = 0  # errors reported by this checker (per-task deltas tell a task's own)

    def check_files(self, paths: Iterable[Path], progress: Any = None) -> ValidationReport:
        paths = list(paths)
        listing = list_exports(paths)
        self.report.problems.extend(listing.problems)
        if not listing.read:
            for path in paths:
                self._problem("error", "no-exports", path, "", "", "a folder with no *.json export" if path.is_dir()
                              else "no export file", "at least one Label Studio JSON export (`byline studio export`)")
        self.report.account.files_not_read.extend(listing.not_read)
        for path in listing.read:
            self.check_file(path, progress)
        return self.finish()

    def check_file(self, path: Path, progress: Any = None) -> None:
        self.report.account.files += 1
        annotation_ids: dict[int, str] = {}
        tasks_before = self.report.account.tasks_read
        for raw in read_tasks(path, self.report.problems):
            self._task(path, raw, annotation_ids)
            if progress is not None:
                progress.update(1)
        if self.report.account.tasks_read == tasks_before and not any(
                p.file == str(path) and p.severity == "error" for p in self.report.problems):
            self._problem("error", "no-tasks", path, "", "$", "an empty list of tasks",
                          "at least one task (export the project again, with its tasks)")

    def _problem(self, severity: str, code: str, file: Path, where: str, path: str, found: str, expected: str) -> None:
        self.report.problems.append(Problem(severity, code, str(file), where, path, found, expected))  # type: ignore[arg-type]
        self._error_count += severity == "error"

    def _errors(self) -> int:
        return self._error_count

    def _task(self, file: Path, raw: RawTask, annotation_ids: dict[int, str]) -> None:
        account = self.report.account
        account.tasks_read += 1
        index, task = raw.index, raw.task
        base = f"$[{index}]"
        errors_before = self._errors()
        if not isinstance(task, dict):
            self._problem("error", "task-not-object", file, f"task #{index}", base, shown(task), "a task object")
            account.skipped_tasks.append(Listed(f"{file}:task #{index}", "not a task object", problem=True))
            return
        task_id = task.get("id")
        where = f"task {task_id}" if fits_int64(task_id) else f"task #{index}"
        for finding in raw.findings:
            self._problem("error", finding.code, file, where, base + finding.path[1:], finding.found, finding.expected)
        if task_id is not None or "id" in task:
            read_id(task_id, f"{base}.id", "a task id",
                    lambda sev, code, path, found, exp: self._problem(sev, code, file, where, path, found, exp))
        self._not_gold(file, where, base, task)
        if is_dehydrated(task):
            hydrated = self._hydrate(file, where, base, task)
            if hydrated is None:
                return
            task = hydrated
        text, doc_id, meta = self._data(file, where, base, task.get("data"))
        annotations = task.get("annotations")
        if not isinstance(annotations, list):
            self._problem("error", "task-without-annotations", file, where, f"{base}.annotations", shown(annotations),
                          "a list of annotations")
            annotations = []
        ok = self._errors() == errors_before and text is not None and doc_id is not None and meta is not None
        state: DocumentState | None = None
        if ok:
            assert text is not None and doc_id is not None and meta is not None
            state = self._occurrence(file, where, base, doc_id, text, meta)
        checked = [self._annotation(file, where, base, k, ann, text, doc_id, meta, task_id, annotation_ids,
                                    convertible=state is not None)
                   for k, ann in enumerate(annotations)]
        submitted = [a for a in checked if a is not None]
        task_where = f"{file}:{where}"
        if state is None:
            account.skipped_tasks.append(Listed(task_where, "invalid task (see the problems above)", problem=True))
            for ann in submitted:
                account.skipped_annotations.append(Listed(ann.where, "its task is invalid", problem=True))
            return
        state.occurrences.append((str(file), where))
        for ann in submitted:
            if ann.candidate is None:
                state.invalid += 1
                account.skipped_annotations.append(Listed(ann.where, "invalid annotation (see the problems above)",
                                                          problem=True))
                continue
            replaced = state.add(ann.candidate)
            if replaced is not None:
                self._same_annotator(file, where, state, *replaced)

    def _hydrate(self, file: Path, where: str, base: str, task: dict[str, Any]) -> dict[str, Any] | None:
        """A dehydrated (standoff) task with its text put back from its declared source; None when
        it cannot be hydrated: listed with the reason (its problems reported), or, when the
        source's files are missing, its annotations checked without the text and listed."""
        account = self.report.account
        hydrated, problems = hydrate_task(task, self.library, where, str(file), base, report_offsets=False)
        for problem in problems:
            self._problem(problem.severity, problem.code, file, where, problem.path, problem.found, problem.expected)
        source = task["data"][STANDOFF_KEY].get("source") if isinstance(task["data"].get(STANDOFF_KEY), dict) else None
        if hydrated is not None:
            account.hydrated[str(source)] += 1
            return hydrated
        task_where = f"{file}:{where}"
        if any(p.severity == "error" for p in problems):
            account.skipped_tasks.append(Listed(task_where, "a dehydrated task that cannot be hydrated (see the "
                                                "problems above)", problem=True))
            return None
        self.report.missing_sources[str(source)] = str(self.library.missing[str(source)])
        account.unhydrated.append((task_where, str(source)))
        reason = f"the texts of source {source!r} are missing: structure checked, offsets not, not converted"
        account.skipped_tasks.append(Listed(task_where, reason))
        annotations = task.get("annotations")
        annotations = annotations if isinstance(annotations, list) else []
        submitted = [k for k, ann in enumerate(annotations) if isinstance(ann, dict) and ann.get("was_cancelled") is not True]
        # Regions are counted for the annotation that would be gold, as for a hydrated task (the
        # regions of annotations kept for agreement are checked, not counted).
        gold = submitted[choose_annotation([annotations[k] for k in submitted])] if submitted else None
        for k, ann in enumerate(annotations):
            account.annotations_read += 1
            ann_where = f"{where}:annotation {shown(ann.get('id')) if isinstance(ann, dict) else '#' + str(k)}"
            if not isinstance(ann, dict) or ann.get("was_cancelled") is True:
                account.not_gold["cancelled"] += 1 if isinstance(ann, dict) else 0
                if not isinstance(ann, dict):
                    account.skipped_annotations.append(Listed(f"{file}:{ann_where}", "not an annotation object"))
                continue

            def report(severity: str, code: str, path: str, found: str, expected: str, _w: str = ann_where) -> None:
                self._problem(severity, code, file, _w, path, found, expected)

            parsed = self.parser.parse(ann.get("result"), None, f"{base}.annotations[{k}]", report)
            account.skipped_annotations.append(Listed(f"{file}:{ann_where}", reason))
            if k == gold:
                account.regions_read += parsed.regions_read
            if k == gold and parsed.regions_read:
                account.skipped_regions.append(Listed(f"{file}:{ann_where}", reason, count=parsed.regions_read))
        return None

    def _same_annotator(self, file: Path, where: str, state: DocumentState, kept: Candidate, dropped: Candidate) -> None:
        same = kept.key.annotation_id == dropped.key.annotation_id
        if same:
            reason = (f"the same annotation as {kept.where}" if kept.content == dropped.content else
                      f"an older version of annotation {kept.key.annotation_id}, kept at {kept.where} ({why(kept, dropped)})")
        else:
            reason = (f"a second annotation by {kept.annotator or 'the same annotator'}: their annotation at {kept.where} "
                      f"counts (decided by: {why(kept, dropped)})")
            self._problem("warning", "annotator-twice", file, where, "$",
                          f"{kept.annotator} annotated document {state.doc_id!r} twice ({dropped.where} and {kept.where})",
                          "one annotation per annotator and document (only the one the gold rule ranks first is used, "
                          "so agreement never pairs an annotator with themself)")
        state.losers.append((dropped, reason))

    def _not_gold(self, file: Path, where: str, base: str, task: dict[str, Any]) -> None:
        account = self.report.account
        for kind, key in (("draft", "drafts"), ("prediction", "predictions")):
            items = task.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                self._problem("error", "not-a-list", file, where, f"{base}.{key}", shown(items), f"a list of {key}")
                continue
            for item in items:
                account.not_gold[kind] += 1
                item_id = item.get("id") if isinstance(item, dict) else None
                account.not_gold_named.append(f"{file}:{where}: {kind} {shown(item_id)}")

    def _data(self, file: Path, where: str, base: str, data: Any) -> tuple[str | None, str | None, dict[str, Any] | None]:
        if not isinstance(data, dict):
            self._problem("error", "task-without-data", file, where, f"{base}.data", shown(data),
                          "an object with doc_id, text and meta")
            return None, None, None
        text = data.get("text")
        if not isinstance(text, str):
            self._problem("error", "task-without-text", file, where, f"{base}.data.text", shown(text),
                          "the document text (a string)")
            text = None
        doc_id = data.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            self._problem("error", "meta-missing", file, where, f"{base}.data.doc_id", shown(doc_id),
                          "a document id (a non-empty string)")
            doc_id = None
        meta = data.get("meta")
        if not isinstance(meta, dict):
            self._problem("error", "meta-missing", file, where, f"{base}.data.meta", shown(meta),
                          "an object with title, publisher, url, published, language, license, origin and split")
            return text, doc_id, None
        ok = True
        for error in _meta_validator().iter_errors(meta):
            path = f"{base}.data.meta" + json_path(error.absolute_path)[1:]
            if error.validator == "required":
                missing = error.message.split("'")[1]
                found, expected = f"meta without {missing!r}", f"{missing!r} (required: {', '.join(META_REQUIRED)})"
            else:
                found, expected = shown(error.instance, 80), error.message[:200]
            self._problem("error", "meta-invalid", file, where, path, found, expected)
            ok = False
        return text, doc_id, meta if ok else None

    def _occurrence(self, file: Path, where: str, base: str, doc_id: str, text: str,
                    meta: dict[str, Any]) -> DocumentState | None:
        """Register one valid task holding ``doc_id``; None when its text contradicts another."""
        sha = text_sha256(text)
        task_where = f"{file}:{where}"
        known = self.task_texts.get(doc_id)
        if known is not None and known[0] != sha:
            self._problem("error", "text-differs-from-task", file, where, f"{base}.data.text",
                          f"a text of document {doc_id!r} whose SHA-256 is {sha}",
                          f"the text of {known[1]} (SHA-256 {known[0]}): offsets would not fit the document")
            return None
        meta_json = json.dumps(meta, sort_keys=True, ensure_ascii=False)
        state = self._docs.get(doc_id)
        if state is None:
            state = self._docs[doc_id] = DocumentState(doc_id, sha, meta_json, task_where)
            state.same_file.add(str(file))
            return state
        if state.sha != sha:
            self._problem("error", "document-text-differs", file, where, f"{base}.data.text",
                          f"document {doc_id!r} with a text that differs from the one at {state.first}",
                          "one text per document id")
            return None
        if str(file) in state.same_file:
            self._problem("warning", "document-repeated", file, where, f"{base}.data.doc_id",
                          f"document {doc_id!r} again in the same export (also at {state.first})",
                          "each document once per project (the gold rule picks one annotation across both tasks)")
        if state.meta_json != meta_json:
            self._problem("warning", "document-meta-differs", file, where, f"{base}.data.meta",
                          f"meta of document {doc_id!r} that differs from the one at {state.first}",
                          "one meta per document (the gold annotation's task gives the meta)")
        state.same_file.add(str(file))
        return state

    def _annotation(self, file: Path, where: str, base: str, k: int, ann: Any, text: str | None, doc_id: str | None,
                    meta: dict[str, Any] | None, task_id: Any, annotation_ids: dict[int, str],
                    convertible: bool) -> _Annotation | None:
        """Check one annotation of a task; None when it is not a submitted one (cancelled)."""
        account = self.report.account
        account.annotations_read += 1
        path = f"{base}.annotations[{k}]"
        if not isinstance(ann, dict):
            self._problem("error", "annotation-not-object", file, where, path, shown(ann), "an annotation object")
            account.skipped_annotations.append(Listed(f"{file}:{where}:annotation #{k}", "not an object", problem=True))
            return None
        ann_id = ann.get("id")
        ann_where = f"{where}:annotation {ann_id}" if fits_int64(ann_id) else f"{where}:annotation #{k}"
        errors_before = self._errors()

        def report(severity: str, code: str, json_path: str, found: str, expected: str) -> None:
            self._problem(severity, code, file, ann_where, json_path, found, expected)

        facts = annotation_facts(ann, path, report)
        if facts.id is not None:
            if facts.id in annotation_ids:
                report("error", "annotation-id-repeated", f"{path}.id",
                       f"annotation id {facts.id} again (also at {annotation_ids[facts.id]})", "one annotation per id in an export")
            annotation_ids.setdefault(facts.id, f"{file}:{ann_where}")
        if facts.cancelled:
            account.not_gold["cancelled"] += 1
            account.not_gold_named.append(f"{file}:{where}: cancelled annotation {shown(ann_id)}")
            return None
        parsed = self.parser.parse(ann.get("result"), text, path, report)
        has_errors = self._errors() > errors_before
        full_where = f"{file}:{ann_where}"
        if not facts.valid:
            return _Annotation(None, full_where)
        assert facts.id is not None and facts.updated is not None
        record, content, converted = None, "", 0
        if convertible and not has_errors and text is not None and doc_id is not None and meta is not None:
            provenance: dict[str, Any] = {
                "task_id": task_id if fits_int64(task_id) else -1,
                "annotation_id": facts.id,
                "annotator": _annotator(ann, self.users),
                "created_at": ann.get("created_at"),
                "updated_at": ann.get("updated_at"),
                "ground_truth": bool(facts.ground_truth),
                "export_file": "",  # set on the chosen record: the content does not depend on the file
                "other_annotation_ids": [],
            }
            document = to_gold_document(doc_id, text, meta, parsed, provenance)
            record = canonical_json(document)
            content = hashlib.sha256(record).hexdigest()
            converted = parsed_regions([document])
        candidate = Candidate(
            key=ChoiceKey(bool(facts.ground_truth), facts.updated, facts.id),
            where=full_where, task_where=f"{file}:{where}", file=file.name, annotator=_annotator(ann, self.users),
            record=record, content=content, regions_read=parsed.regions_read, regions_converted=converted,
            regions_skipped=[(f"{full_where}:{p}", r) for p, r in parsed.skipped],
        )
        return _Annotation(candidate, full_where)

    def finish(self) -> ValidationReport:
        """Choose the gold of every document and close the account."""
        for doc_id in sorted(self._docs):
            settle_document(doc_id, self._docs.pop(doc_id), self.report, self.convert, self._problem)
        return self.report

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


def export_files(paths: Iterable[Path]) -> list[Path]:
    """The export files of the given files and folders (see :mod:`byline.exports.files`)."""
    return list_exports(paths).read


def validate_exports(paths: Iterable[Path], convert: bool = True, progress: Any = None,
                     users: dict[int, str] | None = None,
                     task_texts: dict[str, tuple[str, str]] | None = None,
                     library: TextLibrary | None = None) -> ValidationReport:
    """Check (and convert) every task of the given export files or directories; ``users`` maps
    Label Studio user ids to e-mails for the provenance of gold records; ``library`` hydrates
    dehydrated tasks (without it, or without a source's files, they are checked without text)."""
    checker = ExportChecker(convert=convert, users=users, task_texts=task_texts, library=library)
    return checker.check_files(paths, progress)
