"""Documents by origin: the dataset's configs, and the statistics that compare real news with the
authored stress tests (rendered in the card by :func:`byline.card.comparison_tables`).

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
    labels: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(layer, label) -> items; attributions are counted by ``type``."""

    def add(self, record: dict[str, Any], sign: int = 1) -> None:
        text = record["text"]
        self.documents += sign
        self.words += sign * len(text.split())
        self.characters += sign * len(text)
        covered: set[int] = set()
        for item in record["boilerplate"]:
            covered.update(range(item["start"], item["end"]))
        self.boilerplate_characters += sign * len(covered)
        for layer in ("entities", "claims", "boilerplate"):
            for item in record[layer]:
                self.labels[(layer, item["label"])] += sign
        for item in record["entities"]:
            self.entities[item["label"]] += sign
        for claim in record["claims"]:
            self.claims += sign
            self.checkworthy[str(claim.get("checkworthy"))] += sign
        for attribution in record["attributions"]:
            self.attributions += sign
            self.types[attribution["type"]] += sign
            self.labels[("attributions", attribution["type"])] += sign
            self.stances[attribution["stance"]] += sign
            cue = attribution["cue"]
            self.cues[" ".join(text[cue["start"]:cue["end"]].lower().split()) if cue else "(none)"] += sign
            self.no_source += sign * (not attribution["sources"])
            self.multipart += sign * (len(attribution["contents"]) > 1)
