"""Render validation reports and accounts for people (text) and machines (JSON)."""

from __future__ import annotations

import json
from typing import Any

from byline.exports.validate import ValidationReport


def account_lines(report: ValidationReport) -> list[str]:
    a = report.account
    lines = [
        f"files: {a.files}",
        f"tasks: {a.tasks_read} read, {a.tasks_converted} converted, {len(a.skipped_tasks)} skipped",
        f"annotations: {a.annotations_read} read, {a.annotations_converted} converted as gold, "
        f"{a.annotations_kept_for_agreement} kept for agreement, "
        + (", ".join(f"{n} {kind}" for kind, n in sorted(a.not_gold.items())) or "0 not gold")
        + " (not gold, never converted)",
        f"regions: {a.regions_read} read, {a.regions_converted} {'converted' if report.documents else 'valid'}, "
        f"{len(a.skipped_regions)} skipped",
    ]
    if a.hydrated or a.unhydrated:
        lines.append("source texts: " + (", ".join(f"{n} task(s) of {s} hydrated" for s, n in sorted(a.hydrated.items()))
                                         or "none hydrated")
                     + (f"; {len(a.unhydrated)} dehydrated task(s) without their texts (offsets not checked)"
                        if a.unhydrated else ""))
    for title, items in (("skipped task", a.skipped_tasks), ("skipped annotation", a.skipped_annotations),
                         ("skipped region", a.skipped_regions)):
        lines += [f"  {title}: {where}: {reason}" for where, reason in items]
    lines += [f"  not gold: {item}" for item in a.not_gold_named]
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
        "ok": not report.problems,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": [p.to_json() for p in report.problems],
        "notes": report.notes,
        "account": report.account.to_json(),
        **(extra or {}),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
