"""The field's own tools as Byline systems, behind the ``byline[systems]`` extra.

Each system is one module with a ``load()`` that imports its libraries (or raises one clear
message naming the extra), loads its models, and returns a :class:`LoadedSystem`:

- ``spacy`` — spaCy's OntoNotes named-entity recognizer (entities);
- ``justext`` — jusText's paragraph classifier (boilerplate);
- ``trafilatura`` — Trafilatura's main-text extraction (boilerplate);
- ``textacy-quotes`` — textacy's direct-quotation extractor over spaCy (attributions).

No claims system: no installable claim or check-worthiness detector that runs offline was found
(docs/systems.md); the rule baseline (``byline baseline rules``) stays the claims system.
Nothing here imports a heavy library at import time: ``import byline.systems`` is cheap.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from byline.systems.interface import LoadedSystem, ModelInfo

__all__ = ["SYSTEMS", "LoadedSystem", "ModelInfo", "SystemEntry", "load_system"]


@dataclass(frozen=True)
class SystemEntry:
    """A system of the registry, not loaded yet."""

    name: str
    layers: tuple[str, ...]
    summary: str
    module: str

    def load(self) -> LoadedSystem:
        loaded: LoadedSystem = importlib.import_module(self.module).load()
        return loaded


SYSTEMS: dict[str, SystemEntry] = {
    entry.name: entry
    for entry in (
        SystemEntry("spacy", ("entities",), "spaCy en_core_web_sm 3.8 named-entity recognizer (OntoNotes 5 types)",
                    "byline.systems.spacy_entities"),
        SystemEntry("justext", ("boilerplate",), "jusText paragraph classifier, one paragraph per line",
                    "byline.systems.justext_boilerplate"),
        SystemEntry("trafilatura", ("boilerplate",), "Trafilatura main-text extraction, one paragraph per line",
                    "byline.systems.trafilatura_boilerplate"),
        SystemEntry("textacy-quotes", ("attributions",), "textacy direct-quotation extractor over spaCy's parse",
                    "byline.systems.textacy_quotes"),
    )
}


def load_system(name: str) -> LoadedSystem:
    """Load a system of :data:`SYSTEMS` by name."""
    return SYSTEMS[name].load()
