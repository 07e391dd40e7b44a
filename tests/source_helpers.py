"""Helpers for tests of standoff sources: a made-up source in a temporary folder, and the real
Wikinews copy in ../shared/wikinews when it is there (its text is never written into the repo)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "wikinews"
WIKINEWS_FILES = ("wikinews_2019.csv", "wikinews_2020.csv")

# Made-up articles (our own text), with the characters that trip offsets: CRLF, emoji, no-break space.
ARTICLES = [
    {"url": "https://example.org/wiki/Tram_fares", "date": "2021-03-01", "title": "Tram fares rise in Oslo",
     "text": "OSLO — Tram fares will rise by 5% in May, the city said on Monday.\n\n"
             "“We have no choice,” said councillor Kari Lund. 🚋\n\nThe union denied that wages were cut."},
    {"url": "https://example.org/wiki/Bridge", "date": "2021-03-02", "title": "Bridge reopens",
     "text": "Bridge to reopen\r\n\r\nOfficials in Bergen said the bridge would reopen in June.\r\nTolls stay at 40\u00a0kroner."},
]


def write_csv(path: Path, rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=["url", "date", "title", "text"])
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def make_source(root: Path, name: str = "newswire", rows: list[dict[str, str]] | None = None,
                base_url: str = "https://example.org/files") -> tuple[Path, Path]:
    """Write ``root/texts/<name>.csv`` and ``root/annotations/sources/<name>.json``; return
    (annotations dir, texts dir)."""
    texts = root / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    sha = write_csv(texts / f"{name}.csv", rows if rows is not None else ARTICLES)
    annotations = root / "annotations"
    (annotations / "sources").mkdir(parents=True, exist_ok=True)
    declaration: dict[str, Any] = {
        "name": name, "origin": "wikinews",
        "license": {"name": "CC BY 2.5", "url": "https://creativecommons.org/licenses/by/2.5/"},
        "credit": "Example ({url}); annotations added by Byline",
        "files": [{"name": f"{name}.csv", "url": f"{base_url}/{name}.csv", "sha256": sha}],
        "format": "csv", "key": {"column": "url", "meta": "url"}, "text": {"column": "text"},
        "meta": {"title": {"column": "title", "withheld": True}, "published": {"column": "date", "withheld": False}},
        "task_meta": {"publisher": "Example", "language": "en"},
    }
    (annotations / "sources" / f"{name}.json").write_text(json.dumps(declaration), encoding="utf-8")
    return annotations, texts


def hydrated_task(article: dict[str, str], doc_id: str, split: str = "test") -> dict[str, Any]:
    return {"data": {"doc_id": doc_id, "text": article["text"], "meta": {
        "title": article["title"], "publisher": "Example", "url": article["url"], "published": article["date"],
        "language": "en", "license": "CC BY 2.5", "origin": "wikinews", "split": split,
        "credit": f"Example ({article['url']}); annotations added by Byline"}}}


def require_wikinews() -> Path:
    """../shared/wikinews, or skip the test with that reason."""
    if not all((WIKINEWS / name).is_file() for name in WIKINEWS_FILES):
        pytest.skip(f"{WIKINEWS} is absent: the Wikinews texts are never committed, so this test needs the local copy")
    return WIKINEWS


def wikinews_rows() -> list[dict[str, str]]:
    folder = require_wikinews()
    rows: list[dict[str, str]] = []
    for name in WIKINEWS_FILES:
        with open(folder / name, newline="", encoding="utf-8") as handle:
            rows.extend(csv.DictReader(handle))
    return rows
