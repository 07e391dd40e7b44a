"""Documents by origin: the dataset's configs, and the statistics that compare real news with the
authored stress tests.

Origins (``meta.origin``): ``wikinews`` (real Wikinews articles, standoff: hydrated at build
time), ``authored`` (news-style articles written for the corpus) and ``seed`` (one real 2020
report as republished by a small site). Each origin present is a config of the built dataset
(``datasets.load_dataset(dir, "wikinews")``); ``all`` (the default) holds every document. The
seed is its own config: it is real reporting, but neither a Wikinews article nor authored, and
it is in the dev split only.

:class:`OriginStats` is gathered while records are added to the store (see
:class:`byline.exports.store.CorpusStats`), so the card never walks the corpus again. Word counts
are white-space tokens of ``text``; characters are code points.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

ALL = "all"
"""The default config: every document."""
ORIGIN_ORDER = ("wikinews", "authored", "seed", "licensed")
"""How origins are listed: real news first."""
REAL = "wikinews"
AUTHORED = "authored"
SAY_CUES = frozenset({"say", "says", "said", "saying"})


def ordered_origins(origins: Any) -> list[str]:
    """The given origins, real news first, then Byline's order, then any other by name."""
    present = set(origins)
    return [o for o in ORIGIN_ORDER if o in present] + sorted(present - set(ORIGIN_ORDER))


@dataclass
class OriginStats:
    """Additive counts over the documents of one origin."""

    documents: int = 0
    words: int = 0
    characters: int = 0
    boilerplate_characters: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    claims: int = 0
    checkworthy: Counter[str] = field(default_factory=Counter)
    attributions: int = 0
    types: Counter[str] = field(default_factory=Counter)
    stances: Counter[str] = field(default_factory=Counter)
    cues: Counter[str] = field(default_factory=Counter)
    """Lower-cased cue text with white space folded; attributions without a cue count as ``(none)``."""
    no_source: int = 0
    multipart: int = 0

    def add(self, record: dict[str, Any], sign: int = 1) -> None:
        text = record["text"]
        self.documents += sign
        self.words += sign * len(text.split())
        self.characters += sign * len(text)
        covered: set[int] = set()
        for item in record["boilerplate"]:
            covered.update(range(item["start"], item["end"]))
        self.boilerplate_characters += sign * len(covered)
        for item in record["entities"]:
            self.entities[item["label"]] += sign
        for claim in record["claims"]:
            self.claims += sign
            self.checkworthy[str(claim.get("checkworthy"))] += sign
        for attribution in record["attributions"]:
            self.attributions += sign
            self.types[attribution["type"]] += sign
            self.stances[attribution["stance"]] += sign
            cue = attribution["cue"]
            self.cues[" ".join(text[cue["start"]:cue["end"]].lower().split()) if cue else "(none)"] += sign
            self.no_source += sign * (not attribution["sources"])
            self.multipart += sign * (len(attribution["contents"]) > 1)


def _share(part: float, whole: float) -> str:
    """A percentage with one decimal; "–" when the whole is zero (nothing to share)."""
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows)]


def comparison_tables(stats: dict[str, OriginStats], top_cues: int = 10) -> list[str]:
    """Markdown lines: one table of figures per origin (columns), then the cue distribution."""
    origins = [o for o in ordered_origins(stats) if stats[o].documents > 0]
    if not origins:
        return []
    s = [stats[o] for o in origins]
    rows: list[list[str]] = [
        ["documents", *(str(x.documents) for x in s)],
        ["words per document", *(f"{x.words / x.documents:.0f}" for x in s)],
        ["attributions per 100 words", *(f"{100 * x.attributions / x.words:.2f}" if x.words else "–" for x in s)],
        ["entities per 100 words", *(f"{100 * sum(x.entities.values()) / x.words:.2f}" if x.words else "–" for x in s)],
        ["claims per 100 words", *(f"{100 * x.claims / x.words:.2f}" if x.words else "–" for x in s)],
        ["check-worthy claims", *(_share(x.checkworthy["yes"], x.claims) for x in s)],
        ["boilerplate share of characters", *(_share(x.boilerplate_characters, x.characters) for x in s)],
        ["cue is say/says/said", *(_share(sum(n for c, n in x.cues.items() if c in SAY_CUES), x.attributions) for x in s)],
        ["attributions without a cue", *(_share(x.cues["(none)"], x.attributions) for x in s)],
        ["attributions without a named source", *(_share(x.no_source, x.attributions) for x in s)],
        ["attributions in several parts", *(_share(x.multipart, x.attributions) for x in s)],
    ]
    for kind in sorted(set().union(*(x.types for x in s))):
        rows.append([f"type `{kind}`", *(_share(x.types[kind], x.attributions) for x in s)])
    for stance in sorted(set().union(*(x.stances for x in s))):
        rows.append([f"stance `{stance}`", *(_share(x.stances[stance], x.attributions) for x in s)])
    for label in sorted(set().union(*(x.entities for x in s)), key=lambda lab: -sum(x.entities[lab] for x in s)):
        rows.append([f"entity `{label}`", *(_share(x.entities[label], sum(x.entities.values())) for x in s)])
    out = _table(["", *(f"`{o}`" for o in origins)], rows)
    cues = Counter[str]()
    for x in s:
        cues.update({c: n for c, n in x.cues.items() if n > 0})
    common = [c for c, _ in sorted(cues.items(), key=lambda item: (-item[1], item[0]))[:top_cues]]
    if common:
        out += ["", f"Cue distribution (the {len(common)} most frequent cues overall; share of each origin's attributions):", ""]
        out += _table(["cue", *(f"`{o}`" for o in origins)],
                      [[f"`{c}`" if c != "(none)" else c, *(_share(x.cues[c], x.attributions) for x in s)] for c in common])
    return out
