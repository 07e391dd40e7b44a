"""Finding a source's pinned files: local copies, and a real download over HTTP (from a server on
127.0.0.1 that the test starts), sha256-checked and cached."""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from byline.errors import BylineError
from byline.sources import SourceFilesMissing, TextLibrary, TextsLocation, locate_files, read_declaration
from byline.sources.files import SourceFileMismatch
from source_helpers import ROOT, WIKINEWS_FILES, make_source, require_wikinews


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def http_folder(tmp_path: Path) -> Iterator[tuple[Path, str, list[str]]]:
    """(folder served, its base URL, the request paths seen)."""
    folder = tmp_path / "served"
    folder.mkdir()
    seen: list[str] = []

    class Handler(_QuietHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BYLINE_TEXTS", raising=False)


def test_download_of_the_pinned_wikinews_files_is_checked_and_cached(
        tmp_path: Path, http_folder: tuple[Path, str, list[str]]) -> None:
    wikinews = require_wikinews()
    served, base, seen = http_folder
    for name in WIKINEWS_FILES:
        shutil.copyfile(wikinews / name, served / name)
    declaration = json.loads((ROOT / "annotations" / "sources" / "wikinews.json").read_text(encoding="utf-8"))
    for pinned in declaration["files"]:  # the committed sha256 sums; only the host is local
        pinned["url"] = f"{base}/{pinned['name']}"
    (tmp_path / "wikinews.json").write_text(json.dumps(declaration), encoding="utf-8")
    source = read_declaration(tmp_path / "wikinews.json")
    with pytest.raises(SourceFilesMissing):
        locate_files(source, TextsLocation(root=tmp_path))  # no local copy, no --download
    files = locate_files(source, TextsLocation(root=tmp_path, download=True))
    assert files.found == "download"
    assert sorted(seen) == sorted(f"/{name}" for name in WIKINEWS_FILES)
    for name in WIKINEWS_FILES:
        assert files.paths[name] == tmp_path / "cache" / "sources" / "wikinews" / name
        assert files.paths[name].read_bytes() == (wikinews / name).read_bytes()
    again = locate_files(source, TextsLocation(root=tmp_path, download=True))
    assert again.paths == files.paths and len(seen) == len(WIKINEWS_FILES)  # served from the cache


def test_a_download_with_another_sha256_is_discarded(tmp_path: Path, http_folder: tuple[Path, str, list[str]]) -> None:
    served, base, _ = http_folder
    annotations, texts = make_source(tmp_path / "repo", base_url=base)
    (served / "newswire.csv").write_bytes((texts / "newswire.csv").read_bytes().replace(b"Oslo", b"Bergen"))
    library = TextLibrary.for_annotations(annotations, TextsLocation(tmp_path / "nowhere", download=True))
    with pytest.raises(SourceFileMismatch, match=r"downloaded a file with sha256 .*; expected .*the download was discarded"):
        library.documents("newswire")
    assert not any((tmp_path / "cache" / "sources" / "newswire").iterdir())


def test_a_download_that_fails_says_how_to_get_the_files(tmp_path: Path) -> None:
    annotations, _ = make_source(tmp_path / "repo", base_url="http://127.0.0.1:9")
    library = TextLibrary.for_annotations(annotations, TextsLocation(tmp_path / "nowhere", download=True))
    with pytest.raises(BylineError, match=r"http://127.0.0.1:9/newswire.csv: the download of newswire.csv .* failed"):
        library.documents("newswire")


def test_texts_folder_env_and_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    annotations, texts = make_source(tmp_path / "repo")
    nested = tmp_path / "all-texts"
    (nested / "newswire").mkdir(parents=True)
    shutil.copyfile(texts / "newswire.csv", nested / "newswire" / "newswire.csv")
    monkeypatch.setenv("BYLINE_TEXTS", str(nested))
    library = TextLibrary.for_annotations(annotations)
    documents = library.documents("newswire")
    assert documents is not None and len(documents) == 2
    assert library.found("newswire") == "$BYLINE_TEXTS"


def test_the_declared_local_copy_beside_the_checkout(tmp_path: Path) -> None:
    wikinews = require_wikinews()
    library = TextLibrary.for_annotations(ROOT / "annotations")
    documents = library.documents("wikinews")
    assert documents is not None and len(documents) == 295
    assert library.found("wikinews") == "local copy" and (ROOT.parent / "shared" / "wikinews").resolve() == wikinews.resolve()
