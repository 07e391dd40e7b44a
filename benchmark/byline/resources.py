"""Locate the files of ``schema/``, in a checkout and in an installed wheel.

A wheel carries ``schema/`` as ``byline/schema`` (see pyproject.toml); an editable install or a
checkout reads the repository's top-level ``schema/`` directly.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


@cache
def schema_dir() -> Path:
    """The directory holding labels.json, the JSON Schemas and the generated config."""
    packaged = Path(__file__).resolve().parent / "schema"
    if (packaged / "labels.json").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "schema"
    if (checkout / "labels.json").is_file():
        return checkout
    raise FileNotFoundError(
        f"Byline's schema/ directory was not found at {packaged} or {checkout}; "
        "the installation is incomplete (reinstall the byline package)."
    )


def load_json(name: str) -> Any:
    """Read one JSON file of schema/ by its file name."""
    with open(schema_dir() / name, encoding="utf-8") as handle:
        return json.load(handle)
