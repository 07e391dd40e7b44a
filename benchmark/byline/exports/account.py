"""The report and account of a validation: the problems found, the gold documents converted, and
the account, where every task, annotation and region read is either converted or
listed with the reason it was not (``read = converted (+ kept for agreement, + not gold) + listed``).

An entry whose reason is a reported problem carries ``problem=True``: the text report shows it
once, with the problems, and only counts it in the account.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from byline.errors import Problem
from byline.exports.store import GoldStore


@dataclass(frozen=True)
class Listed:
    """Something read and not converted: where it is, why, and how many items it stands for."""

    where: str
    reason: str
    problem: bool = False
    count: int = 1

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"where": self.where, "reason": self.reason}
        if self.count != 1:
            out["count"] = self.count
        return out


@dataclass
class Account:
    """What was read, what was converted, and why anything was not."""

    files: int = 0
    files_not_read: list[Listed] = field(default_factory=list)
    tasks_read: int = 0
    tasks_converted: int = 0
    annotations_read: int = 0
    annotations_converted: int = 0
    annotations_kept_for_agreement: int = 0
    regions_read: int = 0
    regions_converted: int = 0
    not_gold: Counter[str] = field(default_factory=Counter)  # cancelled / draft / prediction
    not_gold_named: list[str] = field(default_factory=list)
    skipped_tasks: list[Listed] = field(default_factory=list)
    skipped_annotations: list[Listed] = field(default_factory=list)
    skipped_regions: list[Listed] = field(default_factory=list)
    gold_choices: list[str] = field(default_factory=list)
    """For each document with more than one candidate annotation: which won, and why."""
    hydrated: Counter[str] = field(default_factory=Counter)  # source -> dehydrated tasks hydrated
    unhydrated: list[tuple[str, str]] = field(default_factory=list)
    """(where, source) of dehydrated tasks whose source texts were missing: structure checked,
    offsets not, never converted (they are also listed in ``skipped_tasks``)."""

    @property
    def regions_skipped(self) -> int:
        return sum(item.count for item in self.skipped_regions)

    def balanced(self) -> list[str]:
        """The ways this account does not add up (empty when every item is accounted for)."""
        wrong = []
        if self.tasks_read != self.tasks_converted + len(self.skipped_tasks):
            wrong.append(f"tasks: {self.tasks_read} read != {self.tasks_converted} converted + "
                         f"{len(self.skipped_tasks)} listed")
        annotations = (self.annotations_converted + self.annotations_kept_for_agreement + self.not_gold["cancelled"]
                       + len(self.skipped_annotations))
        if self.annotations_read != annotations:
            wrong.append(f"annotations: {self.annotations_read} read != {annotations} converted, kept, cancelled or listed")
        if self.regions_read != self.regions_converted + self.regions_skipped:
            wrong.append(f"regions: {self.regions_read} read != {self.regions_converted} converted + "
                         f"{self.regions_skipped} listed")
        return wrong

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "files_not_read": [item.to_json() for item in self.files_not_read],
            "tasks": {"read": self.tasks_read, "converted": self.tasks_converted,
                      "skipped": [item.to_json() for item in self.skipped_tasks]},
            "annotations": {"read": self.annotations_read, "converted": self.annotations_converted,
                            "kept_for_agreement": self.annotations_kept_for_agreement,
                            "not_gold": dict(sorted(self.not_gold.items())),
                            "not_gold_items": self.not_gold_named,
                            "skipped": [item.to_json() for item in self.skipped_annotations]},
            "regions": {"read": self.regions_read, "converted": self.regions_converted,
                        "skipped": [item.to_json() for item in self.skipped_regions]},
            "gold_choices": self.gold_choices,
            "sources": {"hydrated": dict(sorted(self.hydrated.items())),
                        "missing": [{"where": w, "source": src} for w, src in self.unhydrated]},
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
