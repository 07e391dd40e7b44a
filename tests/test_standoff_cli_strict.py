"""`byline dehydrate` and `byline hydrate` read their inputs as strictly as the export reader:
a duplicate key or a NaN is a located usage error, never a silent last-wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command", ["dehydrate", "hydrate"])
@pytest.mark.parametrize(("payload", "found"), [
    ('[{"id": 1, "data": {"doc_id": "a", "doc_id": "b"}, "annotations": []}]', 'the key "doc_id" twice'),
    ('[{"id": 1, "data": {"doc_id": "a"}, "annotations": [], "x": NaN}]', "NaN"),
])
def test_bad_json_is_a_located_usage_error(command: str, payload: str, found: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in" / "export.json"
    source.parent.mkdir()
    source.write_text(payload, encoding="utf-8")
    code = main([command, str(source), "--annotations", str(REPO / "annotations"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{source}:task #0:$[0]" in err and found in err
    assert not (tmp_path / "out" / "export.json").exists()
