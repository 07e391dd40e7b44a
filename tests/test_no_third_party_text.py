"""No text of ../shared/wikinews in the repository: no 60-character run of any article appears in
any tracked file (raw, or inside a JSON string once unescaped). Skips when the copy is absent."""

from __future__ import annotations

import contextlib
import json
import subprocess
from collections.abc import Iterator
from typing import Any

from source_helpers import ROOT, wikinews_rows

RUN = 60
ANCHOR = RUN // 2
"""Every 60-character run of an article contains one of its 30-character chunks that start at a
multiple of 30, so the chunks are the index and each hit is extended to see if it reaches 60."""


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _texts_of(name: str, data: bytes) -> Iterator[str]:
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    yield raw
    if name.endswith(".json"):
        with contextlib.suppress(ValueError):
            yield from _strings(json.loads(raw))
    elif name.endswith(".jsonl"):
        for line in raw.splitlines():
            try:
                yield from _strings(json.loads(line))
            except ValueError:
                continue


def _common_run(text: str, at: int, article: str, start: int) -> int:
    """Length of the longest common run through text[at:at+30] == article[start:start+30]."""
    left = 0
    while left < start and left < at and text[at - left - 1] == article[start - left - 1]:
        left += 1
    right = ANCHOR
    while start + right < len(article) and at + right < len(text) and text[at + right] == article[start + right]:
        right += 1
    return left + right


def find_runs(text: str, index: dict[str, list[tuple[int, int]]], articles: list[str]) -> list[tuple[int, int]]:
    """(article number, offset in the text) of every 60-character run of an article in ``text``."""
    hits = []
    for at in range(len(text) - ANCHOR + 1):
        for number, start in index.get(text[at:at + ANCHOR], ()):
            if _common_run(text, at, articles[number], start) >= RUN:
                hits.append((number, at))
    return hits


def _index(articles: list[str]) -> dict[str, list[tuple[int, int]]]:
    index: dict[str, list[tuple[int, int]]] = {}
    for number, article in enumerate(articles):
        for start in range(0, len(article) - ANCHOR + 1, ANCHOR):
            index.setdefault(article[start:start + ANCHOR], []).append((number, start))
    return index


def test_the_detector_finds_a_run_and_ignores_shorter_ones() -> None:
    article = "".join(f"word{n} " for n in range(100))
    index = _index([article])
    assert find_runs("xx" + article[17:17 + RUN] + "yy", index, [article]) != []
    assert find_runs("xx" + article[17:17 + RUN - 1] + "yy", index, [article]) == []
    escaped = json.dumps({"text": "a\n" + article[3:3 + RUN]}).replace("word1", "word\u0031").encode()
    assert any(find_runs(text, index, [article]) for text in _texts_of("task.json", escaped))


def tracked_texts() -> Iterator[tuple[str, str]]:
    """(file name, text) of every tracked file: its whole text, and each string of a JSON file."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        path = ROOT / name
        if path.is_file():
            for text in _texts_of(name, path.read_bytes()):
                yield name, text


def test_no_run_of_any_wikinews_article_is_in_a_tracked_file() -> None:
    rows = wikinews_rows()
    articles = [row["text"] for row in rows] + [row["title"] for row in rows if len(row["title"]) >= RUN]
    index = _index(articles)
    leaks = sorted({f"{name}: a run of {rows[number]['url'] if number < len(rows) else 'a title'} at offset {at}"
                    for name, text in tracked_texts() for number, at in find_runs(text, index, articles)[:1]})
    assert leaks == [], "third-party text is tracked (never commit it; keep standoff only):\n" + "\n".join(leaks)


TITLE_MIN = 30
"""Titles are article text too; shorter ones than this could occur in any text by chance."""


def test_no_wikinews_title_is_in_a_tracked_file() -> None:
    titles = sorted({row["title"] for row in wikinews_rows() if len(row["title"]) >= TITLE_MIN})
    leaks = sorted({f"{name}: the title of a Wikinews article ({len(title)} characters)"
                    for name, text in tracked_texts() for title in titles if title in text})
    assert leaks == [], "a Wikinews title is tracked (titles are withheld like the text):\n" + "\n".join(leaks)
