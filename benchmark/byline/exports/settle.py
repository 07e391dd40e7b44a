"""Settle one document once every export has been read: choose its gold by the rule of
:mod:`byline.exports.choice`, keep the other annotators' annotations for agreement, and close its
account (every task, annotation and region converted, kept or listed with its reason)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from byline.exports.account import Listed, ValidationReport
from byline.exports.choice import DocumentState, why
from byline.exports.store import canonical_json

# (severity, code, file, where, JSON path, found, expected)
Report = Callable[[str, str, Path, str, str, str, str], None]


def settle_document(doc_id: str, state: DocumentState, report: ValidationReport, convert: bool, problem: Report) -> None:
    """Choose the gold of one document among every candidate seen, store it (``convert``) with
    the other annotators' annotations for agreement, and close the account of its tasks,
    annotations and regions; ``problem(severity, code, file, where, path, found, expected)``."""
    account = report.account
    gold = state.gold()
    if gold is None and state.invalid:
        for file, where in state.occurrences:
            account.skipped_tasks.append(Listed(f"{file}:{where}", "no valid submitted annotation", problem=True))
        return
    if gold is None:
        for n, (file, where) in enumerate(state.occurrences):
            account.skipped_tasks.append(Listed(f"{file}:{where}", "no submitted annotation", problem=n == 0))
        file, where = state.occurrences[0]
        also = f" (nor at {', '.join(f'{f}:{w}' for f, w in state.occurrences[1:])})" if len(state.occurrences) > 1 else ""
        problem("warning", "task-not-annotated", Path(file), where, "$",
                      f"document {doc_id!r} with no submitted annotation{also}",
                      "at least one submitted annotation to convert")
        for loser, reason in state.losers:
            account.skipped_annotations.append(Listed(loser.where, reason))
        return
    converted = gold.record is not None
    for file, where in state.occurrences:
        occurrence = f"{file}:{where}"
        if occurrence == gold.task_where and converted:
            account.tasks_converted += 1
        elif converted:
            account.skipped_tasks.append(Listed(occurrence, f"document {doc_id!r}: its gold annotation is {gold.where}"))
        else:
            account.skipped_tasks.append(Listed(occurrence, f"document {doc_id!r}: its gold annotation {gold.where} is invalid",
                                                problem=True))
    account.regions_read += gold.regions_read
    account.skipped_regions.extend(Listed(w, r, problem=not r.startswith("repeats result"))
                                   for w, r in gold.regions_skipped)
    if converted:
        account.regions_converted += gold.regions_converted
        left = gold.regions_read - gold.regions_converted - len(gold.regions_skipped)
    else:
        left = gold.regions_read - len(gold.regions_skipped)
    if left:
        account.skipped_regions.append(Listed(gold.where, "regions of an annotation that is not converted" if not converted
                                              else "regions merged into others of the same annotation", problem=not converted,
                                              count=left))
    for loser, reason in state.losers:
        account.skipped_annotations.append(Listed(loser.where, reason))
    others = [c for c in state.by_annotator.values() if c is not gold]
    if len(others) + len(state.losers) > 0:
        lost = "; ".join(f"{c.where} (decided by: {why(gold, c)})" for c in others)
        account.gold_choices.append(f"document {doc_id!r}: gold is {gold.where} ({gold.key.describe()})"
                                    + (f", over {lost}" if lost else ""))
    for other in others:
        if other.file != gold.file and other.key.updated > gold.key.updated and gold.key.ground_truth \
                and not other.key.ground_truth:
            problem("warning", "newer-annotation-not-gold", Path(other.task_where), "", "$",
                          f"annotation {other.key.annotation_id} of document {doc_id!r}, newer than its gold "
                          f"{gold.where}, which is ground truth: the newer one is kept for agreement, not gold",
                          "an annotation meant to replace the gold to be marked ground truth "
                          "(README, For annotators, step 6)")
    if gold.key.ordering() in {c.key.ordering() for c in others}:
        problem("warning", "annotation-tie", Path(gold.task_where), "", "$",
                      f"annotations of document {doc_id!r} that tie on ground truth, update time and id but differ",
                      "one annotation per id (the record with the smaller SHA-256 is used)")
    if not converted:
        account.skipped_annotations.append(Listed(gold.where, "invalid annotation (see the problems above)", problem=True))
        for other in others:
            account.skipped_annotations.append(Listed(other.where, f"document {doc_id!r} is not converted", problem=True))
        return
    assert gold.record is not None
    # The canonical record holds "export_file":"" in its "annotation" object, which sorts first of
    # the top-level keys and holds no nested object before it: the first occurrence is that one.
    raw = gold.record.replace(b'"export_file":""', b'"export_file":' + json.dumps(gold.file, ensure_ascii=False).encode(), 1)
    record = json.loads(raw)
    if record["annotation"]["export_file"] != gold.file:  # never expected; then encode it again
        record["annotation"]["export_file"] = gold.file
        raw = canonical_json(record)
    alternates = []
    for other in others:
        if other.record is None:
            account.skipped_annotations.append(Listed(other.where, "invalid annotation (see the problems above)", problem=True))
            continue
        alternate = json.loads(other.record)
        alternate["annotation"]["export_file"] = other.file
        alternates.append(alternate)
    if alternates:
        record["annotation"]["other_annotation_ids"] = sorted({a["annotation"]["annotation_id"] for a in alternates})
        raw = canonical_json(record)
    account.annotations_converted += 1
    account.annotations_kept_for_agreement += len(alternates)
    if convert:
        report.documents.put(record, raw)
        if alternates:
            report.alternates[doc_id] = alternates
