"""``textacy-quotes``: textacy's direct-quotation extractor over spaCy's parse, on the
attributions layer.

``textacy.extract.triples.direct_quotations`` pairs quotation marks, keeps quotes of four or more
tokens that are not a title, and looks in the adjacent sentences for a reporting verb (its list)
outside any quote whose active subject it takes as the speaker; it yields (speaker, cue, content)
triples. It finds **direct** quotations only (no indirect or mixed speech, no unnamed sources),
and it refuses a text with an odd number of quotation marks. It is run one paragraph (non-blank
line) at a time, so that a quote continuing into the next paragraph — a news convention that
leaves the first paragraph without a closing mark — costs that paragraph only; the paragraphs it
refuses are counted and reported, never silently dropped.

Mapping to a Byline attribution: content = the quote without its opening and closing marks
(Byline's direct content); sources = the speaker's tokens as one span from the first to the
last; cue = the cue's tokens (textacy adds auxiliaries, negation and particles to the verb) as one
span from the first to the last; type = ``direct``; no stance (textacy gives none). Triples of
one paragraph with the same speaker and cue are one attribution with several contents (a quote
split by its cue, "“We will not,” he said, “give up.”").
"""

from __future__ import annotations

from typing import Any

from byline.errors import BylineError
from byline.systems.english_pipeline import load_english
from byline.systems.extra import require, version_of
from byline.systems.interface import LoadedSystem
from byline.systems.paragraphs import paragraphs

NAME = "textacy-quotes"


def _token_span(tokens: Any, offset: int) -> dict[str, int]:
    first, last = tokens[0], tokens[-1]
    return {"start": offset + first.idx, "end": offset + last.idx + len(last.text)}


def _content_span(content: Any, offset: int, text: str) -> dict[str, int] | None:
    start = content[0].idx + (len(content[0].text) if content[0].is_quote else 0)
    end = content[-1].idx + (0 if content[-1].is_quote else len(content[-1].text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"start": offset + start, "end": offset + end} if end > start else None


def load() -> LoadedSystem:
    nlp, model = load_english(NAME)
    triples = require("textacy.extract.triples", NAME)
    refused: list[int] = [0, 0]  # paragraphs refused (odd number of quotation marks), paragraphs read

    def predict(text: str) -> dict[str, Any]:
        attributions = []
        items = paragraphs(text)
        for item, doc in zip(items, nlp.pipe(p.text for p in items), strict=True):
            refused[1] += 1
            try:
                found = list(triples.direct_quotations(doc))
            except ValueError as exc:
                if "quotation marks found" not in str(exc):
                    raise BylineError(f"textacy failed on the paragraph at offset {item.start}: {exc}") from exc
                refused[0] += 1
                continue
            by_frame: dict[tuple[Any, ...], dict[str, Any]] = {}
            for quote in found:
                content = _content_span(quote.content, item.start, item.text)
                if content is None:
                    continue
                cue = _token_span(quote.cue, item.start) if quote.cue else None
                sources = [_token_span(quote.speaker, item.start)] if quote.speaker else []
                frame = (repr(cue), repr(sources))
                if frame in by_frame:  # a quote split by its cue: one attribution, several contents
                    by_frame[frame]["contents"].append(content)
                    continue
                by_frame[frame] = {"cue": cue, "sources": sources, "contents": [content], "type": "direct"}
                attributions.append(by_frame[frame])
        return {"attributions": attributions}

    def notes() -> list[str]:
        return [f"textacy refused {refused[0]} of {refused[1]} paragraphs (an odd number of quotation marks, "
                "e.g. a quote continuing into the next paragraph); no quotes were taken from them"]

    return LoadedSystem(
        name=NAME,
        version=version_of("textacy"),
        description=f"textacy {version_of('textacy')} direct-quotation extractor (speaker, cue, content) over "
                    f"spaCy {version_of('spacy')} {model.name} {model.version}, one paragraph at a time; direct quotes only.",
        url="https://textacy.readthedocs.io/en/latest/api_reference/extract.html#triples",
        layers=("attributions",),
        predict=predict,
        settings={
            "function": "textacy.extract.triples.direct_quotations",
            "input": "one non-blank line (paragraph) at a time",
            "content": "the quote without its opening and closing quotation marks",
            "source": "the speaker tokens, first to last, as one span",
            "cue": "the cue tokens, first to last, as one span",
            "type": "direct",
            "stance": None,
        },
        models=(model,),
        notes=notes,
    )
