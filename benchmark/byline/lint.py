"""Consistency lint of gold records: the decisions of ``annotations/GUIDELINES.md`` §1.2 as checks.

Each rule is one decision the guidelines state and an annotator can get wrong without any
validator noticing (the span is well-formed, the label exists). :func:`lint_records` yields one
:class:`LintFinding` per violation; ``scripts/corpus.py lint`` runs it over a built dataset.
Offsets are half-open code points of the record's ``text``.

Rules (the guideline section in brackets):

- ``approximator-outside`` [§1.2] — an approximator ("about", "at least", "more than", …)
  directly before a CARDINAL, QUANTITY, MONEY or PERCENT entity belongs inside it.
- ``label-varies`` [§1.2] — one surface string typed differently within one document
  (NORP/LANGUAGE pairs excepted: "Greek" people and the Greek language differ by context).
- ``district-type`` [§1.2] — a neighbourhood, district, suburb or borough of a city is GPE.
- ``open-quote`` [§1.2] — a claim or content that opens a quotation mark it does not close,
  or closes one it did not open.
- ``gerund-claim`` [§1.2] — a claim that is a bare gerund phrase ("raising the budget") asserts
  nothing: not a claim.
- ``hedged-checkworthy`` [§1.2] — a claim hedged by "may", "might" or "could" is an assessment,
  not a checkable fact as stated: ``checkworthy`` = ``no``.
- ``source-role-after-name`` [§1.2] — in "Name, the role, said", the source is the name, not the
  appositive role.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

NUMERIC = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_APPROXIMATOR = re.compile(
    r"\b(?:about|around|approximately|nearly|almost|roughly|some|more than|over|at least|at most|up to|"
    r"fewer than|less than|under|just over|just under|close to|an estimated|an average of)\s+$",
    re.IGNORECASE,
)
_DISTRICT_AFTER = re.compile(r"\s+(?:neighbourhood|neighborhood|district|suburb|borough)\b", re.IGNORECASE)
_DISTRICT_BEFORE = re.compile(r"\b(?:neighbourhood|neighborhood|district|suburb|borough)s?\s+of\s+$", re.IGNORECASE)
_GERUND = re.compile(r"[a-z]+ing\b")
_FINITE_HINT = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|did|does|do|can|could|may|might|must|shall|should)\b|"
    r"\b\w+(?:ed|s)\b"
)
_HEDGE = re.compile(r"\b(?:may|might|could)\b")  # lower case: "May" is mostly the month
_ROLE_AFTER_NAME = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*,\s+$")


@dataclass(frozen=True)
class LintFinding:
    doc_id: str
    rule: str
    path: str
    """JSON path of the item in the gold record, e.g. ``$.entities[3]``."""
    start: int
    end: int
    message: str

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.path} [{self.start}, {self.end}): {self.rule}: {self.message}"


def _balanced(span: str) -> bool:
    """Curly double quotes open and close in order, straight double quotes come in pairs."""
    depth = 0
    for char in span:
        if char == "“":
            depth += 1
        elif char == "”":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and span.count('"') % 2 == 0


def lint_record(record: dict[str, Any]) -> Iterator[LintFinding]:
    """Every violation in one gold record."""
    doc, text = record["id"], record["text"]

    def finding(rule: str, path: str, item: dict[str, Any], message: str) -> LintFinding:
        return LintFinding(doc, rule, path, item["start"], item["end"], message)

    labels: dict[str, set[str]] = defaultdict(set)
    for i, entity in enumerate(record["entities"]):
        start, end, label = entity["start"], entity["end"], entity["label"]
        surface = text[start:end]
        labels[surface].add(label)
        before = text[max(0, start - 30) : start]
        if label in NUMERIC:
            match = _APPROXIMATOR.search(before)
            if match:
                yield finding("approximator-outside", f"$.entities[{i}]", entity,
                              f"{label} {surface!r} follows the approximator {match.group(0).strip()!r}; "
                              "expected it inside the entity")
        if label in ("LOC", "FAC") and (_DISTRICT_AFTER.match(text, end) or _DISTRICT_BEFORE.search(before)):
            yield finding("district-type", f"$.entities[{i}]", entity,
                          f"{surface!r} names a neighbourhood or district and is typed {label}; expected GPE")
    for i, entity in enumerate(record["entities"]):
        surface = text[entity["start"] : entity["end"]]
        kinds = labels[surface]
        if len(kinds) > 1 and kinds != {"NORP", "LANGUAGE"}:
            yield finding("label-varies", f"$.entities[{i}]", entity,
                          f"{surface!r} is typed {sorted(kinds)} in this document; expected one type")
    for i, claim in enumerate(record["claims"]):
        span = text[claim["start"] : claim["end"]]
        if not _balanced(span):
            yield finding("open-quote", f"$.claims[{i}]", claim, "the claim opens or closes a quotation mark it does "
                          "not match; expected it to end before the quote opens or after it closes")
        if _GERUND.match(span) and not _FINITE_HINT.search(span[span.find(" ") + 1 :] if " " in span else ""):
            yield finding("gerund-claim", f"$.claims[{i}]", claim,
                          "a bare gerund phrase asserts nothing; expected no claim (or the clause that asserts it)")
        if claim.get("checkworthy") == "yes" and _HEDGE.search(span):
            yield finding("hedged-checkworthy", f"$.claims[{i}]", claim,
                          "a claim hedged by may/might/could is marked checkworthy yes; expected no")
    for i, attribution in enumerate(record["attributions"]):
        for j, content in enumerate(attribution["contents"]):
            if not _balanced(text[content["start"] : content["end"]]):
                yield finding("open-quote", f"$.attributions[{i}].contents[{j}]", content,
                              "the content opens or closes a quotation mark it does not match")
        for j, source in enumerate(attribution["sources"]):
            span = text[source["start"] : source["end"]]
            appositive = text.startswith(",", source["end"]) and _ROLE_AFTER_NAME.search(
                text[max(0, source["start"] - 60) : source["start"]])
            if span.lower().startswith("the ") and appositive:
                yield finding("source-role-after-name", f"$.attributions[{i}].sources[{j}]", source,
                              f"the source {span!r} is an appositive after a name; expected the name as the source")


def lint_records(records: Iterable[dict[str, Any]]) -> Iterator[LintFinding]:
    for record in records:
        yield from lint_record(record)
