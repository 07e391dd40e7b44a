"""The seed article is in annotations/tasks/ byte for byte, with its meta."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_TASK = ROOT / "annotations" / "tasks" / "shusha-2020-11-08.json"
SEED_TEXT = ROOT.parent / "shared" / "seed" / "shusha-2020-11-08.txt"


def _task() -> dict:
    with open(SEED_TASK, encoding="utf-8", newline="") as handle:
        tasks = json.load(handle)
    assert isinstance(tasks, list) and len(tasks) == 1
    return tasks[0]


def test_seed_text_is_byte_identical_to_the_seed_file() -> None:
    if not SEED_TEXT.is_file():
        pytest.skip(f"the shared seed file is not beside this checkout ({SEED_TEXT})")
    text = _task()["data"]["text"]
    assert text.encode("utf-8") == SEED_TEXT.read_bytes()


def test_seed_text_fingerprint() -> None:
    # Pinned: a change of even one character (a normalised no-break space, a stripped final
    # newline) changes this digest.
    text = _task()["data"]["text"]
    assert "\u00a0" in text and not text.endswith("\n")
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == (
        "a74645a05d81b0c0789e518eafdb1bfe37d59ce5f64a4119265161295ff869ff"
    )


def test_seed_meta() -> None:
    data = _task()["data"]
    meta = data["meta"]
    assert data["doc_id"] == "shusha-2020-11-08"
    assert meta["published"] == "2020-11-08"
    assert meta["origin"] == "seed"
    assert meta["split"] == "dev"
    assert meta["language"] == "en"
    assert meta["publisher"] == "GDC"
    assert "Al Jazeera" in meta["credit"]
    # The usage notice exactly as the page's own footer states it.
    assert meta["license"].startswith("© 2020, GDC.") and meta["license"] in data["text"]
