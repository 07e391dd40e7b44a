"""`byline sources tasks`: dehydrated import tasks for a source's selection (made-up source), and
the source declarations' schema checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from byline.cli import main
from byline.errors import UsageError
from byline.sources import read_declaration, read_declarations
from byline.texts import text_sha256
from source_helpers import ARTICLES, ROOT, make_source


def test_tasks_of_a_selection_are_written_dehydrated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annotations, texts = make_source(tmp_path)
    selection = {"articles": [
        {"url": ARTICLES[1]["url"], "doc_id": "nw-bridge", "split": "dev", "order": 2},
        {"url": "https://example.org/wiki/Left_out", "left_out": "too short"},
        {"url": ARTICLES[0]["url"], "doc_id": "nw-tram", "split": "test", "order": 1},
    ]}
    (annotations / "sources" / "newswire-selection.json").write_text(json.dumps(selection), encoding="utf-8")
    out = tmp_path / "tasks"
    assert main(["sources", "tasks", "newswire", "--annotations", str(annotations), "--texts", str(texts),
                 "--out", str(out)]) == 0
    assert "wrote 2 dehydrated task file(s) of source 'newswire'" in capsys.readouterr().out
    (task,) = json.loads((out / "nw-tram.json").read_text(encoding="utf-8"))
    assert task == {"data": {
        "doc_id": "nw-tram",
        "standoff": {"source": "newswire", "key": ARTICLES[0]["url"], "text_sha256": text_sha256(ARTICLES[0]["text"]),
                     "withheld": ["title"]},
        "meta": {"publisher": "Example", "url": ARTICLES[0]["url"], "published": "2021-03-01", "language": "en",
                 "license": "CC BY 2.5", "origin": "wikinews", "split": "test",
                 "credit": f"Example ({ARTICLES[0]['url']}); annotations added by Byline"}}}
    assert sorted(p.name for p in out.iterdir()) == ["nw-bridge.json", "nw-tram.json"]


def test_the_committed_wikinews_declaration_is_valid_and_pins_the_shared_files() -> None:
    declaration = read_declaration(ROOT / "annotations" / "sources" / "wikinews.json")
    assert declaration.name == "wikinews" and declaration.license_name == "CC BY 2.5"
    assert [f.name for f in declaration.files] == ["wikinews_2019.csv", "wikinews_2020.csv"]
    assert all("/347254178bf343f3801aac1d03c41cc09c35decb/" in f.url for f in declaration.files)
    assert declaration.withheld_meta == ("title",)
    assert list(read_declarations(ROOT / "annotations")) == ["wikinews"]  # the selection file is not a declaration


def test_a_bad_declaration_names_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"name": "Bad Name", "files": [{"name": "a.csv", "url": "ftp://x", "sha256": "12"}]}),
                    encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_declaration(path)
    message = str(caught.value)
    for where in ("$.name", "$.files[0].url", "$.files[0].sha256", "'origin' is a required property"):
        assert where in message
