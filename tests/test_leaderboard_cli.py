"""`byline leaderboard` and `scripts/leaderboard.py`: result files or the shipped baselines in,
the printed Markdown table and the files under --out out; refusals without a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from byline.cli import main
from byline.leaderboard.reference import REFERENCE_NAME
from byline.leaderboard.render import FILES
from leaderboard_helpers import REPO, built_corpus

BASELINES = ("rules", "nothing", "every-line-boilerplate", "every-sentence-claim")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_corpus(tmp_path_factory)


@pytest.fixture(scope="module")
def baseline_run(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``byline leaderboard --run-baselines`` once: its --out directory and what it printed."""
    out = tmp_path_factory.mktemp("run") / "leaderboard"
    run = subprocess.run(
        [sys.executable, "-m", "byline", "leaderboard", "--run-baselines", "--dataset", str(dataset),
         "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    return out, run.stdout


def test_run_baselines_writes_predictions_results_and_the_leaderboard(baseline_run: tuple[Path, str]) -> None:
    out, printed = baseline_run
    for name in BASELINES:
        assert (out / "predictions" / f"{name}.jsonl").is_file()
        assert (out / "results" / f"{name}.json").is_file()
    for file in FILES.values():
        assert (out / file).is_file()
    assert printed == (out / "leaderboard.md").read_text(encoding="utf-8")
    first_board = next(line for line in printed.splitlines() if line.startswith("### "))
    assert first_board.startswith("### Overall")  # of the real news when the split mixes origins
    assert "documents of the `test` split" in printed.split("\n### ", 1)[0]  # which documents were ranked
    assert "| 1 | rules |" in printed


def test_run_baselines_predictions_are_those_of_byline_baseline(
    baseline_run: tuple[Path, str], dataset: Path, tmp_path: Path
) -> None:
    out, _ = baseline_run
    for name in BASELINES:
        assert main(["baseline", name, "--dataset", str(dataset), "--out", str(tmp_path / f"{name}.jsonl")]) == 0
        assert (tmp_path / f"{name}.jsonl").read_bytes() == (out / "predictions" / f"{name}.jsonl").read_bytes()


@pytest.fixture(scope="module")
def agreement_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``byline agreement annotations/exports/ --stage against-gold --out FILE`` of the shipped
    exports (the mechanics of the reference row are the same for either stage; the shipped exports
    always have the against-gold pairs)."""
    out = tmp_path_factory.mktemp("agreement") / "agreement.json"
    assert main(["agreement", str(REPO / "annotations" / "exports"), "--stage", "against-gold", "--out", str(out)]) == 0
    return out


def _reference_rows(printed: str) -> list[str]:
    return [line for line in printed.splitlines() if line.startswith(f"| — | *{REFERENCE_NAME}* |")]


def test_run_baselines_with_agreement_prints_the_row_on_every_board(
    dataset: Path, agreement_file: Path, tmp_path: Path
) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "byline", "leaderboard", "--run-baselines", "--dataset", str(dataset),
         "--out", str(tmp_path / "lb"), "--agreement", str(agreement_file), "--trials", "500"],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    record = json.loads(agreement_file.read_text(encoding="utf-8"))
    rows = _reference_rows(run.stdout)
    scores = [record["overall"], *(record["layers"][name]["symmetric"] for name in
                                   ("entities", "claims", "attributions", "boilerplate"))]
    assert [row.split(" | ")[3] for row in rows] == [f"{score:.3f}" for score in scores]
    assert "model-based sessions" in run.stdout
    record = json.loads((tmp_path / "lb" / "leaderboard.json").read_text(encoding="utf-8"))
    # the agreement row is on the boards of the whole split (the last subset when origins are mixed)
    whole = record["by_origin"][-1] if "by_origin" in record else record
    assert whole["reference"]["source"] == str(agreement_file)


def test_a_mismatched_agreement_is_refused_in_one_line(
    baseline_run: tuple[Path, str], agreement_file: Path, tmp_path: Path
) -> None:
    out, _ = baseline_run
    record = json.loads(agreement_file.read_text(encoding="utf-8"))
    record["layers"]["attributions"]["primary_metric"] = "relations.strict.f1"
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(record), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "leaderboard.py"), str(out / "results" / "rules.json"),
         "--agreement", str(wrong)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"byline: error: {wrong}: refused as an agreement file: attributions: its primary "
                                 "metric is 'relations.strict.f1', the board ranks by 'relations.soft.f1'")


def test_the_pipeline_measures_agreement_and_prints_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from byline.leaderboard.published import shipped_agreement
    from byline.pipeline import run

    shutil.copytree(REPO / "annotations", tmp_path / "annotations")
    before_adjudication = any(reference.origin is None for reference in shipped_agreement(tmp_path))
    assert run(tmp_path) == 0
    printed = capsys.readouterr()
    assert "==> measure the annotators' agreement" in printed.err
    # the secondary figure (each annotator against the adjudicated gold) is always measured
    assert json.loads((tmp_path / "build" / "agreement-against-gold.json").read_text("utf-8"))["stage"] == "against-gold"
    # the row is the agreement before adjudication, present exactly when the exports have one
    assert (tmp_path / "build" / "agreement.json").is_file() == before_adjudication
    rows = 5 if before_adjudication else 0
    assert len(_reference_rows(printed.out)) == rows
    page = (tmp_path / "build" / "leaderboard" / "leaderboard.md").read_text(encoding="utf-8")
    assert len(_reference_rows(page)) == rows


def test_the_pipeline_stage_runs(dataset: Path, tmp_path: Path) -> None:
    from byline.pipeline import _run_cli

    _run_cli(["leaderboard", "--run-baselines", "--dataset", str(dataset), "--out", str(tmp_path / "lb")])
    assert (tmp_path / "lb" / "leaderboard.html").is_file()


def test_result_files_in_json_out(baseline_run: tuple[Path, str], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = baseline_run
    results = [str(out / "results" / f"{name}.json") for name in ("rules", "every-sentence-claim")]
    assert main(["leaderboard", *results, "--format", "json", "--trials", "500", "--out", str(tmp_path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {row["system"] for row in record["boards"]["claims"]} == {"rules", "every-sentence-claim"}
    assert [row["system"] for row in record["boards"]["overall"]] == ["rules"]
    assert record["left_off_overall"] == {"every-sentence-claim 1.0": ["claims"]}
    assert record["significance"]["trials"] == 500
    assert (tmp_path / "leaderboard.html").is_file()


def test_scripts_leaderboard_is_the_same_command(baseline_run: tuple[Path, str]) -> None:
    out, _ = baseline_run
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "leaderboard.py"), str(out / "results" / "rules.json")],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    first_board = next(line for line in run.stdout.splitlines() if line.startswith("### "))
    assert first_board.startswith("### Overall") and "| 1 | rules |" in run.stdout


def test_mixed_gold_data_is_refused_with_which_and_why_and_no_traceback(
    baseline_run: tuple[Path, str], tmp_path: Path
) -> None:
    out, _ = baseline_run
    record = json.loads((out / "results" / "nothing.json").read_text(encoding="utf-8"))
    record["dataset"]["fingerprint"] = "0" * 64
    other = tmp_path / "other-gold.json"
    other.write_text(json.dumps(record), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "byline", "leaderboard", str(out / "results" / "rules.json"), str(other)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("byline: error: refused to build the leaderboard:")
    assert "gold dataset fingerprint" in run.stderr and str(other) in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "no result files given"),
        (["absent.json"], "absent.json: no such result file"),
        (["--update-docs", "x.json"], "--update-docs regenerates the page from the shipped data alone"),
        (["--update-docs", "--agreement", "a.json"], "no --agreement"),
        (["x.json", "--agreement", "absent-agreement.json"], "absent-agreement.json: no such agreement file"),
    ],
)
def test_usage_errors(args: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["leaderboard", *args]) == 2
    assert expected in capsys.readouterr().err
