"""Fuzz: mutate real exports and prediction files across the classes of bad input of issue 10 and
check Byline's promise on every one: no traceback, the documented exit code, every problem
located, and an account that adds up (read = converted + listed).

Seeded (``random.Random``), so a failure is reproducible: the case's seed and mutation are in the
test id. Base inputs: the corpus's real Label Studio export (annotations/exports/, cut to two
tasks) and the scoring fixture's prediction file.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from byline.build import build_dataset
from byline.cli import main
from byline.exports.validate import validate_exports

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = next((ROOT / "annotations" / "exports").glob("byline-corpus-*.json"))
DATASET = ROOT / "tests" / "data" / "scoring" / "dataset"
PREDICTIONS = ROOT / "tests" / "data" / "scoring" / "predictions" / "fixture-system.jsonl"
BASE_TASKS: list[dict[str, Any]] = json.loads(SHIPPED.read_text(encoding="utf-8"))[:2]
WRONG_VALUES: list[Any] = ["false", "true", 3, -1, 2**70, 1.5, [], {}, None, "x\ny", [[[]]], {"a": {"b": []}}, ""]

Slot = tuple[Any, Any]  # (container, key or index)


def _slots(value: Any) -> list[Slot]:
    """Every (container, key) of a decoded JSON value, without recursion."""
    out: list[Slot] = []
    stack = [value]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in items:
            out.append((node, key))
            stack.append(child)
    return out


def _dump(tasks: Any) -> str:
    return json.dumps(tasks, ensure_ascii=False)


def _marked(rng: random.Random, tasks: list[dict[str, Any]], literal: str) -> str:
    container, key = rng.choice(_slots(tasks))
    container[key] = "@@MARK@@"
    return _dump(tasks).replace('"@@MARK@@"', literal, 1)


def _wrong_type(rng: random.Random, tasks: list[dict[str, Any]]) -> str:
    container, key = rng.choice(_slots(tasks))
    container[key] = copy.deepcopy(rng.choice(WRONG_VALUES))
    return _dump(tasks)


def _known_field(rng: random.Random, tasks: list[dict[str, Any]]) -> str:
    task = rng.choice(tasks)
    annotation = rng.choice(task["annotations"])
    region = rng.choice(annotation["result"])
    target, key = rng.choice([
        (annotation, "was_cancelled"), (annotation, "ground_truth"), (annotation, "created_at"),
        (annotation, "updated_at"), (annotation, "id"), (annotation, "completed_by"), (task, "drafts"),
        (task, "predictions"), (task, "id"), (task["data"], "text"), (task["data"], "doc_id"), (region, "id"),
        (region, "to_name"), (region, "from_name"), (region.get("value", region), "text"),
        (region.get("value", region), "start"), (region.get("value", region), "labels"),
    ])
    target[key] = copy.deepcopy(rng.choice(WRONG_VALUES))
    return _dump(tasks)


def _duplicate_key(rng: random.Random, tasks: list[dict[str, Any]]) -> str:
    objects = [c[k] for c, k in _slots(tasks) if isinstance(c[k], dict) and c[k]]
    target = rng.choice(objects)
    key = rng.choice(list(target))
    target["@@DUP@@"] = 0
    text = _dump(tasks)
    return text.replace('"@@DUP@@": 0', f"{json.dumps(key)}: {json.dumps(rng.choice(WRONG_VALUES))}", 1)


def _structure(rng: random.Random, tasks: list[dict[str, Any]]) -> str:
    task = rng.choice(tasks)
    annotation = task["annotations"][0]
    regions = [r for r in annotation["result"] if r["type"] == "labels"]
    kind = rng.randrange(6)
    if kind == 0:
        rng.choice(regions)["id"] = rng.choice(regions)["id"]
    elif kind == 1:
        tasks[1]["annotations"][0]["id"] = tasks[0]["annotations"][0]["id"]
    elif kind == 2:
        twin = copy.deepcopy(annotation)
        twin["id"] = 10_000
        task["annotations"].append(twin)
    elif kind == 3:
        del annotation["result"][rng.randrange(len(annotation["result"]))]
    elif kind == 4:
        tasks[1]["data"]["doc_id"] = tasks[0]["data"]["doc_id"]
    else:
        return "[]"
    return _dump(tasks)


EXPORT_MUTATIONS: dict[str, Callable[[random.Random, list[dict[str, Any]]], str]] = {
    "concatenated": lambda rng, t: _dump(t) + rng.choice(["", "\n", "\n\n"]) + _dump(t[:1]),
    "jsonl-tail": lambda rng, t: _dump(t) + "\n" + json.dumps(t[0]) + "\n",
    "trailing-comma": lambda rng, t: _dump(t)[:-1] + ",]",
    "truncated": lambda rng, t: (lambda s: s[: rng.randrange(1, len(s))])(_dump(t)),
    "bom": lambda rng, t: "\ufeff" + _dump(t),
    "double-encoded": lambda rng, t: json.dumps(_dump(t)),
    "nan": lambda rng, t: _marked(rng, t, rng.choice(["NaN", "Infinity", "-Infinity"])),
    "deep": lambda rng, t: _marked(rng, t, "[" * 3000 + "]" * 3000),
    "huge-int": lambda rng, t: _marked(rng, t, "7" * rng.choice([25, 5000])),
    "lone-surrogate": lambda rng, t: _marked(rng, t, rng.choice(['"\\ud800"', '"x\\udfff"', '"\\ud83d"'])),
    "duplicate-key": _duplicate_key,
    "wrong-type": _wrong_type,
    "known-field": _known_field,
    "structure": _structure,
}
EXPORT_CASES = [(name, seed) for name in EXPORT_MUTATIONS for seed in range(6)]


def _check_problem_lines(text: str, file: Path) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if ": error: found " in line or ": warning: found " in line]
    for line in lines:
        assert line.startswith(str(file)), line  # located: file first, then task/line and JSON path
        assert "; expected " in line, line
    return lines


@pytest.mark.parametrize(("mutation", "seed"), EXPORT_CASES, ids=[f"{m}-{s}" for m, s in EXPORT_CASES])
def test_mutated_export(mutation: str, seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(f"{mutation}:{seed}")
    path = tmp_path / "export.json"
    path.write_text(EXPORT_MUTATIONS[mutation](rng, copy.deepcopy(BASE_TASKS)), encoding="utf-8",
                    errors="surrogatepass")
    status = main(["validate", str(path)])  # an exception here is a traceback for a user
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    lines = _check_problem_lines(out.out, path)
    errors = [line for line in lines if ": error: " in line]
    assert status == (1 if errors else 0), out.out  # the documented exit codes
    report = validate_exports([path])
    assert report.account.balanced() == [], report.account.balanced()
    assert all(p.file and (p.where or p.path) for p in report.problems)
    if seed == 0 and not report.errors:  # a build of what validates: the dataset is what the account says
        result = build_dataset(tmp_path, tmp_path / "out", progress=False)
        if result.output is not None:
            rows = sum(1 for split in (tmp_path / "out" / "gold").glob("*.jsonl")
                       for _ in split.read_text(encoding="utf-8").splitlines())
            assert rows == result.report.account.tasks_converted == result.report.account.annotations_converted


BASE_LINES = PREDICTIONS.read_text(encoding="utf-8").splitlines()


def _prediction_line(rng: random.Random) -> tuple[int, Any]:
    index = rng.randrange(len(BASE_LINES))
    return index, json.loads(BASE_LINES[index])


def _replace_line(rng: random.Random, make: Callable[[Any], str]) -> bytes:
    index, record = _prediction_line(rng)
    lines = list(BASE_LINES)
    lines[index] = make(record)
    return ("\n".join(lines) + "\n").encode("utf-8", errors="surrogatepass")


def _marked_line(rng: random.Random, literal: str) -> bytes:
    def make(record: Any) -> str:
        container, key = rng.choice(_slots(record))
        container[key] = "@@MARK@@"
        return json.dumps(record).replace('"@@MARK@@"', literal, 1)

    return _replace_line(rng, make)


def _wrong_prediction_type(rng: random.Random) -> bytes:
    def make(record: Any) -> str:
        container, key = rng.choice(_slots(record))
        container[key] = copy.deepcopy(rng.choice(WRONG_VALUES))
        return json.dumps(record)

    return _replace_line(rng, make)


PREDICTION_MUTATIONS: dict[str, Callable[[random.Random], bytes]] = {
    "empty": lambda rng: rng.choice([b"", b"\n", b" \n\t\n"]),
    "cr-only": lambda rng: PREDICTIONS.read_bytes().replace(b"\n", b"\r"),
    "crlf": lambda rng: PREDICTIONS.read_bytes().replace(b"\n", b"\r\n"),
    "deep": lambda rng: _marked_line(rng, "[" * 200_000 + "]" * 200_000),
    "nan": lambda rng: _marked_line(rng, rng.choice(["NaN", "-Infinity"])),
    "huge-int": lambda rng: _marked_line(rng, "9" * rng.choice([25, 5000])),
    "lone-surrogate": lambda rng: _marked_line(rng, '"\\udc00"'),
    "duplicate-key": lambda rng: _replace_line(rng, lambda r: json.dumps(r)[:-1] + ', "id": "again"}'),
    "newline-id": lambda rng: _replace_line(rng, lambda r: json.dumps({**r, "id": r["id"] + "\n\u2028x"})),
    "truncated-line": lambda rng: _replace_line(rng, lambda r: json.dumps(r)[: rng.randrange(1, 40)]),
    "not-utf8": lambda rng: PREDICTIONS.read_bytes() + b"\xff\xfe{}\n",
    "bom": lambda rng: b"\xef\xbb\xbf" + PREDICTIONS.read_bytes(),
    "wrong-type": _wrong_prediction_type,
}
PREDICTION_CASES = [(name, seed) for name in PREDICTION_MUTATIONS for seed in range(4)]


@pytest.mark.parametrize(("mutation", "seed"), PREDICTION_CASES, ids=[f"{m}-{s}" for m, s in PREDICTION_CASES])
def test_mutated_prediction_file(mutation: str, seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(f"{mutation}:{seed}")
    path = tmp_path / "predictions.jsonl"
    path.write_bytes(PREDICTION_MUTATIONS[mutation](rng))
    status = main(["score", "--predictions", str(path), "--dataset", str(DATASET), "--resamples", "0",
                   "--format", "json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert status in (0, 1)  # 0 scored, 1 problems in the file (2 is for usage errors only)
    if mutation in ("cr-only", "crlf"):
        assert status == 0, out.err  # CR and CRLF line ends are line ends
    if status == 0:
        assert json.loads(out.out)["schema_version"]
        assert mutation in ("cr-only", "crlf", "wrong-type", "huge-int")  # only these can still be valid
    else:
        lines = _check_problem_lines(out.err, path)
        assert lines, out.err
        assert all(":line " in line or "no prediction records" in line for line in lines)


STRINGS_BASE = [
    {"id": "bridge-toll", "entities": [{"text": "Aksel Dahl", "label": "PERSON"}], "claims": [],
     "attributions": [{"cue": None, "sources": ["Aksel Dahl"], "contents": ["Copenhagen"], "type": "direct",
                       "stance": "asserts"}]},
]
STRINGS_MUTATIONS: dict[str, Callable[[random.Random], bytes]] = {
    "valid": lambda rng: (json.dumps(STRINGS_BASE[0]) + "\n").encode(),
    "empty": lambda rng: rng.choice([b"", b"\n\n"]),
    "cr-only": lambda rng: (json.dumps(STRINGS_BASE[0]) + "\r").encode(),
    "deep": lambda rng: b'{"id": "bridge-toll", "entities": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
    "nan": lambda rng: b'{"id": "bridge-toll", "entities": [{"text": NaN, "label": "PERSON"}]}\n',
    "lone-surrogate": lambda rng: b'{"id": "bridge-toll", "entities": [{"text": "\\ud800", "label": "PERSON"}]}\n',
    "duplicate-key": lambda rng: b'{"id": "bridge-toll", "id": "x"}\n',
    "not-utf8": lambda rng: b'{"id": "\xff"}\n',
    "bom": lambda rng: b"\xef\xbb\xbf" + (json.dumps(STRINGS_BASE[0]) + "\n").encode(),
    "wrong-type": lambda rng: (lambda r: (json.dumps(r) + "\n").encode())(
        {**STRINGS_BASE[0], rng.choice(["entities", "claims", "attributions", "id"]): rng.choice(WRONG_VALUES)}),
}


@pytest.mark.parametrize("mutation", sorted(STRINGS_MUTATIONS))
def test_mutated_string_prediction_file(mutation: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "strings.jsonl"
    path.write_bytes(STRINGS_MUTATIONS[mutation](random.Random(mutation)))
    out = tmp_path / "aligned.jsonl"
    status = main(["align", str(path), "--dataset", str(DATASET), "--out", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert status == (0 if mutation in ("valid", "cr-only") else 1), captured.err
    if status == 0:
        assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["bridge-toll"]
    else:
        assert not out.exists()  # nothing written when the input has problems
        lines = _check_problem_lines(captured.err, path)
        assert lines and all(":line " in line or "no string-prediction records" in line for line in lines)
