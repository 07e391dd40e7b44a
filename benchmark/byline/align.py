"""Place strings in a document's text: Byline's one deterministic alignment.

Systems that emit strings instead of offsets (entity text, quote text, speaker text) are given
offsets by this module, and so are the annotators' working files that name spans by their text.

The rule, applied to each string in the order given:

1. **Exact**: the occurrences of the string in the text, exactly as written, that do not start
   or end inside a word (a string that begins with a letter or digit must not be preceded by
   one, and likewise at its end).
2. **Normalised**, only when there is no exact occurrence: the same search after folding both
   sides — curly quotes and apostrophes to ``"`` and ``'``, every dash to ``-``, every run of
   white space (including no-break spaces, tabs, CR and LF) to one space. Offsets are mapped
   back to the original text.
3. The string is placed at the **leftmost** occurrence that overlaps no position already taken
   by an earlier string of the same group (``never reuse a position``). A string with no free
   occurrence is reported as unplaced, never dropped silently.

Offsets are half-open ``[start, end)`` ranges of Python code points.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACE = re.compile(r"\s+")


def _fold_char(char: str) -> str:
    if char in _QUOTES:
        return _QUOTES[char]
    if char in _DASHES:
        return "-"
    return char


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes and white space; return the folded text and, for each of its code
    points, the offset in ``text`` where it came from (plus one final entry for the end)."""
    out: list[str] = []
    origin: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            run_end = index
            while run_end < length and text[run_end].isspace():
                run_end += 1
            out.append(" ")
            origin.append(index)
            index = run_end
            continue
        out.append(_fold_char(char))
        origin.append(index)
        index += 1
    origin.append(length)
    return "".join(out), origin


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _bounded(text: str, start: int, end: int) -> bool:
    """True when [start, end) does not begin or end inside a word of text."""
    if start > 0 and _is_word(text[start]) and _is_word(text[start - 1]):
        return False
    return not (end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]))


def _find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    if not needle:
        return found
    position = haystack.find(needle)
    while position != -1:
        end = position + len(needle)
        if _bounded(haystack, position, end):
            found.append((position, end))
        position = haystack.find(needle, position + 1)
    return found


@dataclass
class Aligner:
    """Finds strings in one text. Build one per document; it caches the normalised text."""

    text: str
    _folded: tuple[str, list[int]] | None = field(default=None, init=False, repr=False)

    def occurrences(self, needle: str) -> tuple[list[tuple[int, int]], str]:
        """All occurrences of ``needle`` (exact first, else normalised) and which step found
        them: ``"exact"``, ``"normalised"`` or ``"none"``."""
        exact = _find_all(self.text, needle)
        if exact:
            return exact, "exact"
        if self._folded is None:
            self._folded = normalise(self.text)
        folded_text, origin = self._folded
        folded_needle = normalise(needle.strip())[0]
        hits = _find_all(folded_text, folded_needle)
        if not hits:
            return [], "none"
        mapped = []
        for start, end in hits:
            # The end maps to just after the last folded code point's source code point(s).
            last = origin[end - 1]
            source_end = last + 1
            if folded_text[end - 1] == " ":
                while source_end < len(self.text) and self.text[source_end].isspace():
                    source_end += 1
            mapped.append((origin[start], source_end))
        return mapped, "normalised"


@dataclass
class Placement:
    needle: str
    start: int | None
    end: int | None
    method: str  # "exact", "normalised", or "unplaced"
    reason: str = ""

    @property
    def placed(self) -> bool:
        return self.start is not None


class PositionPool:
    """Positions already taken within one group of strings (e.g. one layer of one document)."""

    def __init__(self) -> None:
        self._taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self._taken)

    def take(self, start: int, end: int) -> None:
        self._taken.append((start, end))


def place(
    aligner: Aligner,
    needle: str,
    pool: PositionPool | None = None,
    *,
    occurrence: int | None = None,
    after: int = 0,
) -> Placement:
    """Place one string by the module's rule.

    ``occurrence`` (1-based) picks the n-th occurrence instead of the leftmost free one;
    ``after`` ignores occurrences that start before that offset. With a ``pool``, the chosen
    position is taken from it.
    """
    if not needle.strip():
        return Placement(needle, None, None, "unplaced", "the string is empty")
    hits, method = aligner.occurrences(needle)
    hits = [hit for hit in hits if hit[0] >= after]
    if not hits:
        reason = "not found in the text" if method == "none" else f"no occurrence after offset {after}"
        return Placement(needle, None, None, "unplaced", reason)
    if occurrence is not None:
        if occurrence < 1 or occurrence > len(hits):
            return Placement(
                needle, None, None, "unplaced",
                f"occurrence {occurrence} asked for, but the text has {len(hits)}",
            )
        start, end = hits[occurrence - 1]
        if pool is not None:
            if not pool.free(start, end):
                return Placement(needle, None, None, "unplaced", f"occurrence {occurrence} is already taken")
            pool.take(start, end)
        return Placement(needle, start, end, method)
    for start, end in hits:
        if pool is None or pool.free(start, end):
            if pool is not None:
                pool.take(start, end)
            return Placement(needle, start, end, method)
    return Placement(needle, None, None, "unplaced", f"all {len(hits)} occurrences are already taken")


def place_all(aligner: Aligner, needles: Iterable[str]) -> list[Placement]:
    """Place strings left to right in one shared pool, in the order given."""
    pool = PositionPool()
    return [place(aligner, needle, pool) for needle in needles]
