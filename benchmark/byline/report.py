"""Render validation reports and accounts for people (text) and machines (JSON).

Each item not converted is shown once: an item whose reason is a reported problem is counted in
the account and shown with the problems; the others are listed under the account.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from byline.exports.account import Listed
from byline.exports.validate import ValidationReport


def _skipped(items: list[Listed]) -> str:
    shown_above = sum(item.count for item in items if item.problem)
    total = sum(item.count for item in items)
    return f"{total} skipped" + (f" ({shown_above} with the problems above)" if shown_above else "")


def account_lines(report: ValidationReport) -> list[str]:
    a = report.account
    lines = [
        f"files: {a.files} read" + (f", {len(a.files_not_read)} not read" if a.files_not_read else ""),
        f"tasks: {a.tasks_read} read, {a.tasks_converted} converted, {_skipped(a.skipped_tasks)}",
        f"annotations: {a.annotations_read} read, {a.annotations_converted} converted as gold, "
        f"{a.annotations_kept_for_agreement} kept for agreement, "
        + (", ".join(f"{n} {kind}" for kind, n in sorted(a.not_gold.items())) or "0 not gold")
        + f" (not gold, never converted), {_skipped(a.skipped_annotations)}",
        f"regions: {a.regions_read} read, {a.regions_converted} {'converted' if report.documents else 'valid'}, "
        f"{_skipped(a.skipped_regions)}",
    ]
    if a.hydrated or a.unhydrated:
        lines.append("source texts: " + (", ".join(f"{n} task(s) of {s} hydrated" for s, n in sorted(a.hydrated.items()))
                                         or "none hydrated")
                     + (f"; {len(a.unhydrated)} dehydrated task(s) without their texts (offsets not checked)"
                        if a.unhydrated else ""))
    for title, items in (("not read", a.files_not_read), ("skipped task", a.skipped_tasks),
                         ("skipped annotation", a.skipped_annotations), ("skipped region", a.skipped_regions)):
        shown = [item for item in items if not item.problem]
        # Items left out because their source's texts are missing share one reason: one line per
        # reason and kind (the JSON account still lists each of them).
        missing = Counter(item.reason for item in shown if item.reason.startswith("the texts of source"))
        lines += [f"  {title}: {item.where}: {item.reason}" + (f" ({item.count})" if item.count != 1 else "")
                  for item in shown if item.reason not in missing]
        lines += [f"  {title}s: {sum(i.count for i in shown if i.reason == reason)} in {n} place(s): {reason}"
                  for reason, n in missing.items()]
    lines += [f"  not gold: {item}" for item in a.not_gold_named]
    lines += [f"  gold choice: {item}" for item in a.gold_choices]
    return lines


def render_text(report: ValidationReport) -> str:
    lines = [str(p) for p in report.problems]
    errors, warnings = len(report.errors), len(report.warnings)
    lines += report.notes
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    lines += account_lines(report)
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport, extra: dict[str, Any] | None = None) -> str:
    payload = {
        "ok": not report.errors,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": [p.to_json() for p in report.problems],
        "notes": report.notes,
        "account": report.account.to_json(),
        **(extra or {}),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
