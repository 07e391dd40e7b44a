"""Which annotation of a document becomes gold, across every task and export file that holds it.

The rule reads only what the annotations say, never the order of files or tasks:

1. an annotation marked *ground truth* in Label Studio first;
2. among equals, the most recently updated (``updated_at``, else ``created_at``, compared as
   time-zone-aware instants);
3. among equals, the highest annotation id;
4. a tie on all three is the same annotation exported twice when its converted record is the
   same (whatever export file holds it); otherwise it is reported and the record with the
   smaller SHA-256 wins (a rule on content, so the result does not depend on file names).

Each annotator counts once per document: of several annotations by one annotator (an annotation
edited and exported again, or two annotations by one user), the one the rule ranks highest is
theirs, so agreement never pairs an annotator with themself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ChoiceKey:
    ground_truth: bool
    updated: datetime
    annotation_id: int

    def ordering(self) -> tuple[bool, datetime, int]:
        return (self.ground_truth, self.updated, self.annotation_id)

    def describe(self) -> str:
        return (f"{'ground truth' if self.ground_truth else 'not ground truth'}, "
                f"updated {self.updated.isoformat()}, id {self.annotation_id}")


@dataclass
class Candidate:
    """One submitted annotation of a document, checked (and converted when valid)."""

    key: ChoiceKey
    where: str  # file:task …:annotation …
    task_where: str  # file:task …
    file: str  # the export file's name (provenance)
    annotator: str
    record: bytes | None  # canonical gold record without its export file's name; None when invalid
    content: str  # SHA-256 of ``record`` ("" when invalid)
    regions_read: int
    regions_converted: int
    regions_skipped: list[tuple[str, str]]


def beats(a: Candidate, b: Candidate) -> bool:
    """Does ``a`` rank above ``b`` under the module's rule?"""
    if a.key.ordering() != b.key.ordering():
        return a.key.ordering() > b.key.ordering()
    return a.content < b.content


def why(winner: Candidate, loser: Candidate) -> str:
    """The step of the rule that ranked ``winner`` above ``loser``, in words."""
    if winner.key.ground_truth != loser.key.ground_truth:
        return "ground truth"
    if winner.key.updated != loser.key.updated:
        return f"updated later ({winner.key.updated.isoformat()} > {loser.key.updated.isoformat()})"
    if winner.key.annotation_id != loser.key.annotation_id:
        return f"same update time, higher annotation id ({winner.key.annotation_id} > {loser.key.annotation_id})"
    return "tie on ground truth, update time and id: the record with the smaller SHA-256"


@dataclass
class DocumentState:
    """Everything seen of one document id so far."""

    doc_id: str
    sha: str
    meta_json: str
    first: str  # file:task … of its first occurrence
    same_file: set[str] = field(default_factory=set)
    occurrences: list[tuple[str, str]] = field(default_factory=list)  # (file, task …) of each valid task holding it
    by_annotator: dict[str, Candidate] = field(default_factory=dict)
    invalid: int = 0  # submitted annotations whose choice fields are invalid
    losers: list[tuple[Candidate, str]] = field(default_factory=list)  # (candidate, why it was dropped)

    def add(self, candidate: Candidate) -> tuple[Candidate, Candidate] | None:
        """Keep the annotator's best candidate; return ``(kept, dropped)`` when one replaced another."""
        name = candidate.annotator or candidate.where  # an unknown annotator counts as their own
        current = self.by_annotator.get(name)
        if current is None:
            self.by_annotator[name] = candidate
            return None
        kept, dropped = (candidate, current) if beats(candidate, current) else (current, candidate)
        self.by_annotator[name] = kept
        return kept, dropped

    def gold(self) -> Candidate | None:
        best: Candidate | None = None
        for candidate in self.by_annotator.values():
            if best is None or beats(candidate, best):
                best = candidate
        return best
