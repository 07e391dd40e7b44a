"""``rules``: Byline's rule-based baseline for all four layers (no model, no download).

- **boilerplate**: line heuristics — a line is page furniture when it matches a typed keyword
  pattern (©, "All rights reserved", cookies → COPYRIGHT; comment prompts → COMMENTS; share,
  subscribe, newsletter, donate → CALL_TO_ACTION; "Related", "Read more", tags → NAVIGATION;
  "Advertisement", "Sponsored" → ADVERTISEMENT; "Photo:", "Credit:" → CREDIT); consecutive
  lines of one type form one span. Everything after the first COMMENTS line is COMMENTS.
- **attributions**: quotation patterns (“…” near "said X" / "X said") → direct; "X said (that)
  CLAUSE" and "according to X, CLAUSE" → indirect; a cue among the denial verbs → stance
  ``denies``, a hedging modal in the content → ``hedges``.
- **entities**: patterns for DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL; a
  gazetteer (shipped with the package) for GPE, LOC, NORP and LANGUAGE; capitalised sequences
  typed by keyword (ORG, FAC, EVENT, LAW) or, with a title or a speech verb nearby, PERSON.
- **claims**: the contents of indirect attributions, plus the article's sentences (outside
  boilerplate and quotes, not questions) that have an assertive verb or a named entity;
  check-worthy when they carry a number, money or a percentage.

Offsets are half-open code-point ranges of the document text.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from byline.inventory import load_inventory

Span = tuple[int, int]

_BOILERPLATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("COPYRIGHT", re.compile(r"©|\(c\)\s*\d{4}|all rights reserved|copyright|cookie|privacy policy|terms of (use|service)|"
                             r"unauthori[sz]ed use|reproduc|permission", re.I)),
    ("COMMENTS", re.compile(r"\bcomments?\b|leave a reply|reply\b|be the first to|akismet|log in to|sign in to comment|"
                            r"\d+\s+(likes?|replies)|posted by|^\s*@\w+", re.I)),
    ("CALL_TO_ACTION", re.compile(r"\bshare\b|subscribe|newsletter|sign up|follow us|donate|support our|"
                                  r"facebook|twitter|whatsapp|linkedin|email this|print this|join our", re.I)),
    ("NAVIGATION", re.compile(r"^related|read more|more from|you may also like|most read|tags?:|topics?:|"
                              r"^see also|next article|previous article|^home\s*[>/›»]|trending", re.I)),
    ("ADVERTISEMENT", re.compile(r"advertisement|sponsored|promoted|^ad\b|\bads?\b by|partner content|paid post", re.I)),
    ("CREDIT", re.compile(r"^(photo|image|picture|video|graphic|illustration)s?\b.*[:/]|credit:|\bphotograph:|"
                          r"/(reuters|afp|ap|getty)", re.I)),
]

_SPEECH = (r"said|says|told|added|stated|claimed|denied|insisted|warned|argued|announced|confirmed|"
           r"reported|wrote|explained|noted|suggested|acknowledged|admitted|rejected|alleged|maintained|"
           r"estimated|predicted|promised|vowed|conceded|disputed|replied|asked|tweeted|testified")
_DENY = {"denied", "rejected", "disputed", "dismissed", "refuted"}
_HEDGE = re.compile(r"\b(could|might|may|possibly|perhaps|likely|unlikely|suggested|appears?|seems?|expected to)\b", re.I)
_QUOTE = re.compile(r"[“\"]([^“”\"]{3,}?)[”\"]")
_NAME = r"(?:[A-Z][\w’'\-]+(?:[ \t]+(?:[A-Z][\w’'\-]+|de|da|van|von|al|bin))*)"
_SOURCE_NP = (r"((?:the |a |an )?(?:[A-Z][\w’'\-]*[ \t]+){0,4}?(?:" + _NAME + r"|officials?|spokes(?:wo)?man|spokesperson|"
              r"police|ministry|government|residents|witnesses|analysts|experts|lawyers?|he|she|they|it|we))")
_AFTER = re.compile(r"\s*,?\s*" + _SOURCE_NP + r"\s+(" + _SPEECH + r")\b|\s*,?\s*(" + _SPEECH + r")\s+" + _SOURCE_NP)
_BEFORE = re.compile(_SOURCE_NP + r"\s+(" + _SPEECH + r")(?:\s+\w+){0,3}?\s*[:,]?\s*$")
_INDIRECT = re.compile(_SOURCE_NP + r"\s+(" + _SPEECH + r")\s+(?:on \w+ )?(?:that\s+)?([^.;“”\"]{12,}?)(?=[.;]|$)")
_ACCORDING = re.compile(r"\b([Aa]ccording to)\s+(" + _NAME + r"|the [\w ]{3,40}?),\s*([^.;“”\"]{12,}?)(?=[.;]|$)")

_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozens?|million|millions|billion)"
_VALUE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("MONEY", re.compile(r"(?:[$€£¥₹]|US\$|R\$)\s?\d[\d,.]*(?:\s?(?:million|billion|bn|m|trillion|k))?|"
                         r"\b\d[\d,.]*\s?(?:million|billion)?\s?(?:euros?|dollars?|pounds?|rand|naira|rupees?|lira|kroner|złoty|zloty|shillings?|pesos?|reais|yen)\b")),
    ("PERCENT", re.compile(r"\b\d[\d,.]*\s?(?:%|per ?cent|percent)")),
    ("TIME", re.compile(r"\b\d{1,2}[:.]\d{2}\s?(?:a\.m\.|p\.m\.|am|pm|GMT|CET|local time)?|\b\d{1,2}\s?(?:a\.m\.|p\.m\.)|"
                        r"\b(?:this|yesterday|on \w+) (?:morning|afternoon|evening)|\bmidnight\b|\bnoon\b")),
    ("DATE", re.compile(r"\b(?:" + _DAYS + r"|" + _MONTHS + r"\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+" + _MONTHS + r"(?:\s+\d{4})?|"
                        + _MONTHS + r"\s+\d{4}|(?:in|since|by|until|from) (?:19|20)\d{2}|(?:19|20)\d{2}s|"
                        r"(?:last|next|this) (?:week|month|year|spring|summer|autumn|winter)|yesterday|today|tomorrow|"
                        r"(?:\w+ )?(?:days|weeks|months|years) (?:ago|earlier|later)|recent (?:days|weeks|months))\b")),
    ("QUANTITY", re.compile(r"\b\d[\d,.]*\s?(?:km|kilomet(?:re|er)s?|miles?|metres?|meters?|m²|kg|kilograms?|tonnes?|tons?|"
                            r"litres?|liters?|hectares?|acres?|°C|degrees|mm|cm|feet|ft|square kilomet(?:re|er)s?)\b")),
    ("ORDINAL", re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b")),
    ("CARDINAL", re.compile(r"\b(?:\d[\d,.]*|" + _NUMBER_WORDS + r")\b")),
]
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|President|Prime Minister|Minister|Mayor|Judge|Justice|Sen|Senator|Governor|"
                    r"General|Gen|Col|Captain|Chief|Director|Professor|coach|striker|CEO|chairman|chairwoman|spokesman|"
                    r"spokeswoman)\.?\s+$")
_ORG_WORDS = re.compile(r"\b(?:Ministry|Council|Party|Bank|Company|Ltd|Inc|Group|University|Agency|Association|Court|Club|"
                        r"Union|Institute|Foundation|Airlines?|Airways|Corporation|Commission|Committee|Authority|Army|"
                        r"Police|Forces|Fund|Trust|Society|Front|Movement|Alliance|Federation|League|Network|News|Times|"
                        r"Post|Herald|Press|Radio|TV|Television|Service|Department|Office|Board|Cooperative|Co-op|Holdings|"
                        r"Partners|Labs?|Systems|Energy|Motors|Shipping|Lines|FC|United|City|Hospital Trust|Tribunal)\b")
_FAC_WORDS = re.compile(r"\b(?:Airport|Bridge|Stadium|Hospital|Street|Road|Avenue|Square|Station|Port|Harbour|Museum|"
                        r"Theatre|Theater|Hall|Centre|Center|Tower|Palace|Cathedral|Mosque|Church|Highway|Motorway|Park|Arena|Prison)\b")
_EVENT_WORDS = re.compile(r"\b(?:War|Summit|Olympics|Games|Cup|Championship|Marathon|Festival|Election|Conference|Crisis|Revolution)\b")
_LAW_WORDS = re.compile(r"\b(?:Act|Law|Treaty|Convention|Accord|Agreement|Regulation|Directive|Constitution|Bill)\b")
_CAPS = re.compile(r"\b[A-Z][\w’'\-]*(?:[ \t]+(?:(?:of|the|de|du|van|von|for|and|al|&)[ \t]+)?[A-Z][\w’'\-]*)*")
_TITLE_WORDS = {"Mr", "Mrs", "Ms", "Dr", "Prof", "President", "Prime", "Minister", "Mayor", "Judge", "Justice", "Senator",
                "Governor", "General", "Captain", "Chief", "Director", "Professor", "Coach", "Chairman", "Chairwoman",
                "Sir", "Dame", "Lord", "Lady", "Inspector", "Sergeant", "Detective", "Councillor", "Commissioner"}
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[”\"’']?|$)")
"""A sentence: up to its final punctuation (and a closing quote), never across a line end."""
_ASSERTIVE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|killed|rose|fell|won|lost|opened|closed|"
                        r"reached|left|took|became|remains|includes?|received|paid|cost|employs?|"
                        r"announced|approved|ruled|found|showed)\b")
_STOP_CAPS = {"The", "A", "An", "But", "And", "In", "On", "At", "It", "He", "She", "They", "We", "I", "This", "That",
              "There", "If", "When", "As", "For", "By", "With", "After", "Before", "Since", "While", "His", "Her",
              "Their", "Our", "Its", "So", "Yet", "Some", "Many", "More", "Most", "Both", "All", "No", "Not"}


@cache
def _gazetteer() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((Path(__file__).with_name("gazetteer.json")).read_text(encoding="utf-8"))
    return data


@cache
def _gazetteer_pattern() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """One alternation over every gazetteer name (longest first) and the label of each."""
    gaz = _gazetteer()
    labels: dict[str, str] = {}
    for name in list(gaz["countries"]) + gaz["cities"]:
        labels.setdefault(name, "GPE")
    for name in gaz["locations"]:
        labels.setdefault(name, "LOC")
    for name in list(gaz["countries"].values()) + gaz["demonyms_extra"]:
        labels.setdefault(name, "NORP")
        if not name.endswith(("sh", "ch", "se", "s")):
            labels.setdefault(name + "s", "NORP")
    names = sorted(labels, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return pattern, labels, frozenset(gaz["languages"])


def _free(span: Span, taken: list[Span]) -> bool:
    return all(span[1] <= a or span[0] >= b for a, b in taken)


def boilerplate_spans(text: str) -> list[dict[str, Any]]:
    """Typed boilerplate spans from line heuristics (see the module docstring)."""
    spans: list[dict[str, Any]] = []
    in_comments = False
    position = 0
    for line in text.splitlines(keepends=True):
        start, body = position, line.strip()
        position += len(line)
        if not body:
            continue
        label = None
        if in_comments:
            label = "COMMENTS"
        elif len(body) < 400:
            for name, pattern in _BOILERPLATE_PATTERNS:
                if pattern.search(body):
                    label = name
                    break
        if label is None:
            continue
        in_comments = in_comments or label == "COMMENTS"
        lead = len(line) - len(line.lstrip())
        span_start, span_end = start + lead, start + lead + len(body)
        previous = spans[-1] if spans else None
        if previous and previous["label"] == label and text[previous["end"]:span_start].strip() == "":
            previous["end"] = span_end
        else:
            spans.append({"start": span_start, "end": span_end, "label": label})
    return spans


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in " ,\t\r\n":
        start += 1
    while end > start and text[end - 1] in " ,.;:\t\r\n":
        end -= 1
    return start, end


def attributions(text: str, excluded: list[Span]) -> list[dict[str, Any]]:
    """Direct and indirect attributions from quotation and speech-verb patterns."""
    found: list[dict[str, Any]] = []
    used: list[Span] = list(excluded)

    def add(cue: Span | None, source: Span | None, content: Span, kind: str) -> None:
        if content[1] <= content[0] or not _free(content, used):
            return
        used.append(content)
        cue_text = text[cue[0]:cue[1]].lower() if cue else ""
        stance = "denies" if cue_text in _DENY else "hedges" if _HEDGE.search(text[content[0]:content[1]]) else "asserts"
        found.append({
            "cue": {"start": cue[0], "end": cue[1]} if cue else None,
            "sources": [{"start": source[0], "end": source[1]}] if source else [],
            "contents": [{"start": content[0], "end": content[1]}],
            "type": kind, "stance": stance,
        })

    for quote in _QUOTE.finditer(text):
        content = _strip(text, quote.start(1), quote.end(1))
        after = _AFTER.match(text, quote.end())
        if after:
            if after.group(1):
                source, cue = after.span(1), after.span(2)
            else:
                cue, source = after.span(3), after.span(4)
            add(cue, source, content, "direct")
            continue
        line_start = text.rfind("\n", 0, quote.start()) + 1
        before = _BEFORE.search(text, line_start, quote.start())
        if before:
            add(before.span(2), before.span(1), content, "direct")
    for match in _INDIRECT.finditer(text):
        content = _strip(text, *match.span(3))
        if not _free(match.span(), excluded):
            continue
        add(match.span(2), match.span(1), content, "indirect")
    for match in _ACCORDING.finditer(text):
        add(match.span(1), match.span(2), _strip(text, *match.span(3)), "indirect")
    return found


def entities(text: str, excluded: list[Span]) -> list[dict[str, Any]]:
    """Typed entity spans from patterns, the gazetteer and capitalisation; no overlaps."""
    taken: list[Span] = list(excluded)
    out: list[dict[str, Any]] = []

    def take(start: int, end: int, label: str) -> None:
        if end > start and _free((start, end), taken):
            taken.append((start, end))
            out.append({"start": start, "end": end, "label": label})

    for label, pattern in _VALUE_PATTERNS:
        for match in pattern.finditer(text):
            take(*match.span(), label)
    pattern, labels, languages = _gazetteer_pattern()
    for match in pattern.finditer(text):
        name = match.group()
        kind = labels[name]
        if name in languages and re.search(r"(?:\bin|speak|spoke|speaking|language|translated into)\s+$",
                                           text[max(0, match.start() - 20):match.start()]):
            kind = "LANGUAGE"
        take(*match.span(), kind)
    for match in _CAPS.finditer(text):
        pieces = [(m.start() + match.start(), m.end() + match.start(), m.group())
                  for m in re.finditer(r"\S+", match.group())]
        titled = False
        while pieces and (pieces[0][2] in _STOP_CAPS or pieces[0][2] in _TITLE_WORDS
                          or not _free(pieces[0][:2], taken) or not pieces[0][2][0].isupper()):
            titled = titled or pieces[0][2] in _TITLE_WORDS
            pieces.pop(0)
        while pieces and (not _free(pieces[-1][:2], taken) or not pieces[-1][2][0].isupper()):
            pieces.pop()
        if not pieces or not all(_free(p[:2], taken) for p in pieces):
            continue
        start, end = pieces[0][0], pieces[-1][1]
        if text[end - 2:end] in ("’s", "'s"):
            end -= 2  # a possessive is not part of the name
        words = [p[2] for p in pieces]
        phrase = text[start:end]
        line_start = text.rfind("\n", 0, start) + 1
        sentence_initial = text[line_start:start].strip() == "" or text[max(0, start - 2):start] in (". ", "! ", "? ")
        if _ORG_WORDS.search(phrase):
            label = "ORG"
        elif _FAC_WORDS.search(phrase):
            label = "FAC"
        elif _EVENT_WORDS.search(phrase):
            label = "EVENT"
        elif _LAW_WORDS.search(phrase) and len(words) > 1:
            label = "LAW"
        elif titled or _TITLE.search(text[max(0, start - 30):start]) or (
            len(words) in (2, 3) and re.match(r"\s*,?\s*(?:" + _SPEECH + r")\b", text[end:end + 20])
        ) or (len(words) in (2, 3) and not sentence_initial):
            label = "PERSON"
        elif len(words) == 1 and not sentence_initial and len(phrase) > 3 and phrase.isupper():
            label = "ORG"
        else:
            continue
        take(start, end, label)
    return sorted(out, key=lambda e: (e["start"], e["end"]))


def claims(text: str, excluded: list[Span], found: list[dict[str, Any]], entity_spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Indirect attribution contents, plus article sentences with an assertive verb or a name."""
    out: list[dict[str, Any]] = []
    taken: list[Span] = []
    numeric = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}

    def checkworthy(start: int, end: int) -> str:
        inside = [e for e in entity_spans if start <= e["start"] and e["end"] <= end]
        return "yes" if any(e["label"] in numeric for e in inside) else "no"

    for attribution in found:
        if attribution["type"] != "indirect":
            continue
        content = attribution["contents"][0]
        span = (content["start"], content["end"])
        taken.append(span)
        out.append({"start": span[0], "end": span[1], "checkworthy": checkworthy(*span)})
    quotes = [m.span() for m in _QUOTE.finditer(text)]
    for match in SENTENCE.finditer(text):
        start, end = _strip(text, *match.span())
        if end - start < 25 or text[end - 1:end] == "?" or not _free((start, end), excluded + taken + quotes):
            continue
        sentence = text[start:end]
        named = any(start <= e["start"] and e["end"] <= end for e in entity_spans)
        if not (_ASSERTIVE.search(sentence) or named):
            continue
        taken.append((start, end))
        out.append({"start": start, "end": end, "checkworthy": checkworthy(start, end)})
    return sorted(out, key=lambda c: (c["start"], c["end"]))


@cache
def _check_labels() -> None:
    """The labels these rules emit must be the inventory's: a renamed label fails loudly here
    instead of producing predictions the scorer would refuse."""
    inv = load_inventory()
    used = {
        "entities": {label for label, _ in _VALUE_PATTERNS} | {"GPE", "LOC", "NORP", "LANGUAGE", "ORG", "FAC",
                                                               "EVENT", "LAW", "PERSON"},
        "boilerplate": {label for label, _ in _BOILERPLATE_PATTERNS},
    }
    for layer, labels in used.items():
        unknown = labels - set(inv.layer(layer).label_names)
        if unknown:
            raise RuntimeError(f"the rules baseline emits {sorted(unknown)}, not in schema/labels.json's {layer} layer")
    attribution_values = {a.name: set(a.values) for a in inv.layer("attributions").attributes}
    if not ({"direct", "indirect"} <= attribution_values["type"]
            and {"asserts", "denies", "hedges"} <= attribution_values["stance"]):
        raise RuntimeError("the rules baseline's attribution types/stances are not in schema/labels.json")


def predict(text: str) -> dict[str, Any]:
    """All four layers for one document."""
    _check_labels()
    boilerplate = boilerplate_spans(text)
    excluded = [(b["start"], b["end"]) for b in boilerplate]
    found = attributions(text, excluded)
    entity_spans = entities(text, excluded)
    return {
        "entities": entity_spans,
        "claims": claims(text, excluded, found, entity_spans),
        "attributions": found,
        "boilerplate": boilerplate,
    }
