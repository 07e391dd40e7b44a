"""The gold cache: same split from the cache as from the JSONL, never stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from byline.scoring import goldcache
from byline.scoring.gold import load_gold

DATASET = Path(__file__).resolve().parents[1] / "data" / "scoring" / "dataset"


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(goldcache.ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(goldcache, "MIN_BYTES", 0)
    dataset = tmp_path / "dataset"
    shutil.copytree(DATASET, dataset)
    return dataset


def same(a: object, b: object) -> None:
    if isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and np.array_equal(a, b)
    elif hasattr(a, "__dataclass_fields__"):
        for name in a.__dataclass_fields__:  # type: ignore[attr-defined]
            if name not in ("directory",):
                same(getattr(a, name), getattr(b, name))
    else:
        assert a == b


def test_second_load_comes_from_the_cache_and_is_identical(cached: Path, tmp_path: Path) -> None:
    first = load_gold(cached, "test")
    entries = list((tmp_path / "cache" / "gold").glob("*.npz"))
    assert len(entries) == 1
    second = load_gold(cached, "test")
    same(first, second)
    (cached / "gold" / "test.jsonl").unlink()  # cannot be parsed again, yet loads from the cache...
    (cached / "gold" / "test.jsonl").write_bytes(b"")  # ...only if the bytes are the same: they are not
    with pytest.raises(Exception, match="found 0 documents; expected 4"):
        load_gold(cached, "test")


def test_an_edited_gold_file_is_a_new_entry(cached: Path, tmp_path: Path) -> None:
    load_gold(cached, "test")
    path = cached / "gold" / "test.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    manifest = (cached / "manifest.json").read_text().replace('"documents": 4', '"documents": 3')
    (cached / "manifest.json").write_text(manifest)
    assert load_gold(cached, "test").n_docs == 3
    assert len(list((tmp_path / "cache" / "gold").glob("*.npz"))) == 2


def test_a_broken_entry_is_ignored(cached: Path, tmp_path: Path) -> None:
    load_gold(cached, "test")
    (entry,) = (tmp_path / "cache" / "gold").glob("*.npz")
    entry.write_bytes(b"not a numpy file")
    assert load_gold(cached, "test").n_docs == 4


def test_off_and_small_files(cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(goldcache.ENV, "off")
    load_gold(cached, "test")
    assert not (tmp_path / "cache").exists()
    monkeypatch.setenv(goldcache.ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(goldcache, "MIN_BYTES", 1 << 30)
    load_gold(cached, "test")
    assert not (tmp_path / "cache").exists()
