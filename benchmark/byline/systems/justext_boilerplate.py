"""``justext``: jusText's paragraph classifier on the boilerplate layer.

jusText (Pomikálek's algorithm) classifies each block of a page as good, near-good, short or
bad from its length, stop-word density and link density, then revises short and near-good
blocks by their neighbours. Each non-blank line of the document is one ``<p>`` of the page
(:mod:`byline.systems.paragraphs`); every paragraph jusText does not classify as good (its
``is_boilerplate``) is boilerplate, and runs of them become spans. jusText's default settings
and its English stop list are used. It has no boilerplate types, so spans carry no label.
"""

from __future__ import annotations

from typing import Any

from byline.errors import BylineError
from byline.systems.extra import require, version_of
from byline.systems.interface import LoadedSystem
from byline.systems.paragraphs import as_html, discarded_spans, paragraphs, visible

NAME = "justext"


def load() -> LoadedSystem:
    justext = require("justext", NAME)
    require("lxml_html_clean", NAME)
    stoplist = justext.get_stoplist("English")

    def predict(text: str) -> dict[str, Any]:
        items = paragraphs(text)
        if not items:
            return {"boilerplate": []}
        classified = justext.justext(as_html(items), stoplist)
        if [visible(p.text) for p in classified] != [visible(p.text) for p in items]:
            raise BylineError(f"jusText returned {len(classified)} paragraphs for the {len(items)} lines given; "
                              "expected one paragraph per non-blank line, with its text")
        return {"boilerplate": discarded_spans(items, [not p.is_boilerplate for p in classified])}

    core = justext.core
    return LoadedSystem(
        name=NAME,
        version=version_of("justext"),
        description=f"jusText {version_of('justext')} paragraph classifier (English stop list, default "
                    "settings); each non-blank line is a <p>, paragraphs not classified good are boilerplate.",
        url="https://github.com/miso-belica/jusText",
        layers=("boilerplate",),
        predict=predict,
        settings={
            "input": "one <p> per non-blank line",
            "stoplist": "English",
            "length_low": core.LENGTH_LOW_DEFAULT, "length_high": core.LENGTH_HIGH_DEFAULT,
            "stopwords_low": core.STOPWORDS_LOW_DEFAULT, "stopwords_high": core.STOPWORDS_HIGH_DEFAULT,
            "max_link_density": core.MAX_LINK_DENSITY_DEFAULT,
            "max_heading_distance": core.MAX_HEADING_DISTANCE_DEFAULT,
            "boilerplate": "every paragraph whose class is not 'good'",
        },
    )
