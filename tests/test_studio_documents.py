"""Reading documents to import: task files and .txt files with a meta sidecar, never altered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from byline.studio.documents import load_documents
from byline.texts import text_sha256

META = {
    "title": "T", "publisher": "P", "url": None, "published": "2025-01-01", "language": "en",
    "license": "CC BY 4.0", "origin": "authored", "split": "dev",
}  # fmt: skip
TEXT = "Title\r\n\r\nBody with an emoji 😀, a no-break\u00a0space,\ttab and “quotes”.\r\nLast line without newline"


def _task_file(path: Path, *docs: tuple[str, str]) -> Path:
    tasks = [{"data": {"doc_id": doc_id, "text": text, "meta": META}} for doc_id, text in docs]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def test_task_file_text_is_kept_exactly(tmp_path: Path) -> None:
    documents, problems = load_documents([_task_file(tmp_path / "a.json", ("a", TEXT))])
    assert problems == []
    assert [d.doc_id for d in documents] == ["a"]
    assert documents[0].text == TEXT
    assert documents[0].sha256 == text_sha256(TEXT)
    assert documents[0].data["meta"] == META


def test_txt_with_sidecar_keeps_crlf_and_takes_the_doc_id_from_the_name(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "story.meta.json").write_text(json.dumps({**META, "split": "test"}), encoding="utf-8")
    documents, problems = load_documents([tmp_path])
    assert problems == []
    assert documents[0].data == {"doc_id": "story", "text": TEXT, "meta": {**META, "split": "test"}}


def test_sidecar_may_name_the_doc_id(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("x", encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({"doc_id": "byl-999", **META}), encoding="utf-8")
    documents, _ = load_documents([tmp_path / "story.txt"])
    assert documents[0].doc_id == "byl-999"
    assert "doc_id" not in documents[0].data["meta"]


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    (tmp_path / "nosidecar.txt").write_text("text", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    (tmp_path / "bad.json").write_text(json.dumps([{"data": {"doc_id": "", "text": 3}}, {"nodata": 1}]), encoding="utf-8")
    (tmp_path / "badmeta.txt").write_text("text", encoding="utf-8")
    (tmp_path / "badmeta.meta.json").write_text(json.dumps({**META, "split": "train", "title": None}), encoding="utf-8")
    _task_file(tmp_path / "dup1.json", ("same", "one"))
    _task_file(tmp_path / "dup2.json", ("same", "two"))
    documents, problems = load_documents([tmp_path, tmp_path / "missing.json"])
    codes = sorted(p.code for p in problems)
    assert codes == sorted(
        ["no-sidecar", "not-utf8", "bad-json", "bad-document", "bad-document", "bad-document", "duplicate-doc-id", "missing"]
        + ["bad-meta"] * 3  # bad.json's task has no meta at all; badmeta's title and split
    )
    assert [d.doc_id for d in documents] == ["same"]
    assert all(p.file for p in problems)


def test_the_shipped_task_files_load(tmp_path: Path) -> None:
    from byline.sources import TextLibrary

    annotations = Path(__file__).resolve().parents[1] / "annotations"
    root = annotations / "tasks"
    library = TextLibrary.for_annotations(annotations)
    if any(library.documents(name) is None for name in library.declarations):
        pytest.skip("the texts of the shipped standoff documents (../shared/wikinews) are absent")
    documents, problems = load_documents([root], library)
    assert [p for p in problems if p.severity == "error"] == []
    assert len(documents) == len(list(root.glob("*.json")))
