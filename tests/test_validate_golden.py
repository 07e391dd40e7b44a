"""Golden bad exports: each file in tests/data/bad_exports/ is validated and its problems must
equal the recorded ones in <name>.expected (one problem per line, file name relative).

Regenerate after a deliberate message change: BYLINE_REGEN_GOLDEN=1 pytest tests/test_validate_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from byline.cli import main
from byline.exports.validate import validate_exports

DATA = Path(__file__).parent / "data" / "bad_exports"
CASES = sorted(p.stem for p in DATA.glob("*.json"))


def _render(name: str) -> str:
    report = validate_exports([DATA / f"{name}.json"], convert=True)
    lines = [str(p).replace(str(DATA) + os.sep, "") for p in report.problems]
    return "\n".join(lines) + ("\n" if lines else "")


@pytest.mark.parametrize("name", CASES)
def test_golden_problems(name: str) -> None:
    expected_file = DATA / f"{name}.expected"
    actual = _render(name)
    if os.environ.get("BYLINE_REGEN_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_case_but_the_clean_ones_reports_something() -> None:
    clean = {"valid", "text_renderings_tolerated", "not_gold_counted"}
    for name in CASES:
        assert bool(_render(name)) == (name not in clean), name


def test_several_problems_are_all_reported_in_one_run() -> None:
    lines = _render("several_problems").splitlines()
    assert len(lines) >= 3
    assert any("'PER'" in line for line in lines)
    assert any("in a text of" in line for line in lines)
    assert any("'speaker'" in line for line in lines)


def test_problem_lines_name_file_task_annotation_and_json_path() -> None:
    line = _render("unknown_label").splitlines()[0]
    assert line.startswith("unknown_label.json:task 1:annotation 10:$[0].annotations[0].result[0].value.labels[0]: error: found 'PER'; expected")


def test_not_gold_annotations_are_counted_and_named_never_converted() -> None:
    report = validate_exports([DATA / "not_gold_counted.json"])
    account = report.account
    assert account.not_gold == {"cancelled": 1, "draft": 1, "prediction": 1}
    assert len(account.not_gold_named) == 3
    assert any("cancelled annotation 11" in item for item in account.not_gold_named)
    assert report.documents["doc-1"]["annotation"]["annotation_id"] == 10
    assert report.documents["doc-1"]["annotation"]["other_annotation_ids"] == []


def test_exit_status_clean_problems_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "valid.json")]) == 0
    assert main(["validate", str(DATA / "unknown_label.json")]) == 1
    assert main(["validate", str(DATA / "no_such_file.json")]) == 2
    # warnings only: exit 0 as for `byline build`; 1 with --strict
    assert main(["validate", "--format", "json", str(DATA / "duplicate_region.json")]) == 0
    assert main(["validate", "--strict", str(DATA / "duplicate_region.json")]) == 1
    out = capsys.readouterr().out
    assert '"code": "duplicate-region"' in out and '"warnings": 1' in out


def test_no_traceback_for_bad_input(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe[{]")
    run = subprocess.run([sys.executable, "-m", "byline", "validate", str(bad)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert "bytes that are not UTF-8 at byte 0" in run.stdout
