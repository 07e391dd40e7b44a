"""What every system of :mod:`byline.systems` is: a loaded tool that turns a text into a
prediction record, and says exactly what it is (for the result file's ``system`` block).

Offsets in every record a system returns are half-open ``[start, end)`` Python code points of
the text it was given, as everywhere in Byline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ModelInfo:
    """A trained model a system loaded: its name, version, where it came from, and the digest
    that pins it (``None`` when the tool ships no model, or the official model is used)."""

    name: str
    version: str
    source: str
    sha256: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"name": self.name, "version": self.version, "source": self.source, "sha256": self.sha256}


@dataclass(frozen=True)
class LoadedSystem:
    """One system, ready to run: ``predict(text)`` gives the layers it does (a missing layer
    means the system does not do it) for one document's text."""

    name: str
    version: str
    description: str
    url: str
    layers: tuple[str, ...]
    predict: Callable[[str], dict[str, Any]]
    settings: dict[str, Any] = field(default_factory=dict)
    models: tuple[ModelInfo, ...] = ()
    notes: Callable[[], list[str]] = list
    """What the run so far left out or could not do (e.g. inputs the tool refused), for people."""

    def system_block(self) -> dict[str, Any]:
        """The result file's ``system`` block: name, version, url, description, plus the
        settings and the models the predictions were made with."""
        return {
            "name": self.name,
            "version": self.version,
            "url": self.url,
            "description": self.description,
            "date": None,
            "settings": dict(self.settings),
            "models": [model.to_json() for model in self.models],
        }
