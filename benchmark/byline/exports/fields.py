"""Typed reads of the task and annotation fields Byline relies on, each checked for its JSON type.

Label Studio writes ``was_cancelled`` and ``ground_truth`` as booleans, ids as integers (int64 in
its database), ``created_at`` / ``updated_at`` as ISO 8601 times with a zone (``…Z``) and
``completed_by`` as a user id (an integer, or an object with the user's id and e-mail). Anything
else is a problem with its JSON path, never read as truthy or compared as text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from byline.strictjson import describe, fits_int64

# (severity, code, path, found, expected)
Report = Callable[[str, str, str, str, str], None]

EPOCH = datetime(1, 1, 1, tzinfo=UTC)
"""The time given to an annotation with neither ``updated_at`` nor ``created_at``."""


def read_flag(item: dict[str, Any], name: str, path: str, report: Report) -> bool | None:
    """A boolean field (absent or null = false); None when it holds something else."""
    value = item.get(name)
    if value is None or isinstance(value, bool):
        return bool(value)
    report("error", "not-boolean", f"{path}.{name}", describe(value), "true or false (a JSON boolean)")
    return None


def read_id(value: Any, path: str, what: str, report: Report) -> int | None:
    """An integer id that fits int64 (Label Studio's ids); None, reported, otherwise."""
    if fits_int64(value):
        return int(value)
    report("error", "bad-id", path, describe(value), f"{what} (an integer of Label Studio, at most 2^63-1)")
    return None


def read_time(item: dict[str, Any], name: str, path: str, report: Report) -> tuple[bool, datetime | None]:
    """``(ok, instant)`` of an ISO 8601 time field: absent or null gives ``(True, None)``; a time
    without a zone is read as UTC, with a warning."""
    value = item.get(name)
    if value is None:
        return True, None
    if not isinstance(value, str):
        report("error", "bad-time", f"{path}.{name}", describe(value), "an ISO 8601 time as a string, e.g. \"2026-11-25T22:45:18.484952Z\"")
        return False, None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        report("error", "bad-time", f"{path}.{name}", describe(value), "an ISO 8601 time, e.g. \"2026-11-25T22:45:18.484952Z\"")
        return False, None
    if instant.tzinfo is None:
        report("warning", "time-without-zone", f"{path}.{name}", describe(value),
               "a time with its zone (Label Studio writes UTC with a Z); read as UTC")
        instant = instant.replace(tzinfo=UTC)
    return True, instant


@dataclass(frozen=True)
class AnnotationFacts:
    """What decides whether an annotation is a gold candidate, and how it ranks."""

    id: int | None
    cancelled: bool | None
    ground_truth: bool | None
    updated: datetime | None
    annotator_ok: bool

    @property
    def valid(self) -> bool:
        return (self.id is not None and self.cancelled is not None and self.ground_truth is not None
                and self.updated is not None and self.annotator_ok)


def annotation_facts(ann: dict[str, Any], path: str, report: Report) -> AnnotationFacts:
    """Read and check every field of an annotation that the gold choice uses; report each problem."""
    ann_id = read_id(ann.get("id"), f"{path}.id", "an annotation id", report)
    cancelled = read_flag(ann, "was_cancelled", path, report)
    ground_truth = read_flag(ann, "ground_truth", path, report)
    created_ok, created = read_time(ann, "created_at", path, report)
    updated_ok, updated = read_time(ann, "updated_at", path, report)
    who = ann.get("completed_by")
    annotator_ok = who is None or fits_int64(who) or (isinstance(who, dict) and (fits_int64(who.get("id")) or isinstance(who.get("email"), str)))
    if not annotator_ok:
        report("error", "bad-annotator", f"{path}.completed_by", describe(who),
               "a Label Studio user id (an integer) or a user object with id and email")
    when = (updated or created or EPOCH) if created_ok and updated_ok else None
    return AnnotationFacts(ann_id, cancelled, ground_truth, when, annotator_ok)
