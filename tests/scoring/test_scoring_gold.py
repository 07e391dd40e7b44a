"""Reading one split of a built dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scoring_helpers import gold_record, write_dataset

from byline.errors import BylineError, UsageError
from byline.scoring.gold import iter_gold_records, load_gold

DATASET = Path(__file__).resolve().parents[1] / "data" / "scoring" / "dataset"


def test_load_fixture_split() -> None:
    gold = load_gold(DATASET, "test")
    assert gold.ids == ("fjord-fine", "bridge-toll", "quiet-week", "empty-brief")
    assert gold.fingerprint == "5" * 64 and gold.split == "test"
    records = list(iter_gold_records(DATASET, "test"))
    assert gold.text_length.tolist() == [len(r["text"]) for r in records]
    assert gold.items.batch.entities.counts_per_doc(4).tolist() == [len(r["entities"]) for r in records]
    assert len(gold.items.batch.attributions) == sum(len(r["attributions"]) for r in records)
    dev = load_gold(DATASET, "dev")
    assert dev.ids == ("dev-lagos",)


def test_take_renumbers_documents() -> None:
    gold = load_gold(DATASET, "test")
    import numpy as np

    batch = gold.items.take(np.array([1, 0]))
    assert batch.n_docs == 2
    records = list(iter_gold_records(DATASET, "test"))
    assert batch.entities.counts_per_doc(2).tolist() == [len(records[1]["entities"]), len(records[0]["entities"])]
    assert batch.attributions.counts_per_doc(2).tolist() == [1, 3]
    # The parts follow their relations.
    assert len(batch.attributions.contents) == 4


def test_missing_dataset_and_split(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no built dataset here"):
        load_gold(tmp_path, "test")
    with pytest.raises(UsageError, match="found no split 'validation'; expected one of dev, test"):
        load_gold(DATASET, "validation")


def test_invalid_gold_lists_every_problem(tmp_path: Path) -> None:
    good = gold_record("a", "0123456789", entities=[{"start": 0, "end": 3, "label": "ORG"}])
    bad_offsets = gold_record("b", "0123456789", entities=[{"start": 5, "end": 50, "label": "ORG"}])
    bad_hash = gold_record("c", "abc")
    bad_hash["text_sha256"] = "0" * 64
    write_dataset(tmp_path, {"test": [good, bad_offsets, bad_hash, good]})
    with pytest.raises(BylineError) as caught:
        load_gold(tmp_path, "test")
    message = str(caught.value)
    assert "rebuild it with `byline build`" in message and "(3 problems)" in message
    assert "line 2:document b:$.entities[0]: error: found end 50" in message
    assert "line 3:document c:$.text_sha256" in message
    assert "line 4:document a:$.id: error: found a second record" in message


def test_manifest_document_count_is_checked(tmp_path: Path) -> None:
    write_dataset(tmp_path, {"test": [gold_record("a", "text")]})
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest["splits"]["test"]["documents"] = 2
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BylineError, match="found 1 documents; expected 2"):
        load_gold(tmp_path, "test")


def test_unreadable_manifest(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{nope")
    with pytest.raises(BylineError, match="unreadable JSON"):
        load_gold(tmp_path, "test")
    (tmp_path / "manifest.json").write_text(json.dumps({"splits": {}}))
    with pytest.raises(BylineError, match=r"\$\.fingerprint"):
        load_gold(tmp_path, "test")


def test_gold_file_must_match_the_manifest_digest(tmp_path: Path) -> None:
    write_dataset(tmp_path, {"test": [gold_record("a", "text")]})
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest["splits"]["test"]["gold_sha256"] = "0" * 64
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BylineError, match="changed after it was built"):
        load_gold(tmp_path, "test")


def test_text_digests() -> None:
    gold = load_gold(DATASET, "test")
    records = list(iter_gold_records(DATASET, "test"))
    assert [gold.sha256(i) for i in range(gold.n_docs)] == [r["text_sha256"] for r in records]


def test_reading_in_chunks_gives_the_same_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from byline.scoring import gold as gold_module

    whole = load_gold(DATASET, "test")
    monkeypatch.setattr(gold_module, "CHUNK", 1)
    chunked = load_gold(DATASET, "test")
    for layer in ("entities", "claims", "boilerplate"):
        a, b = getattr(whole.items.batch, layer), getattr(chunked.items.batch, layer)
        for name in ("doc", "start", "end", "label", "attrs"):
            assert np.array_equal(getattr(a, name), getattr(b, name))
    ra, rb = whole.items.batch.attributions, chunked.items.batch.attributions
    for name in ("doc", "cue_start", "cue_end", "attrs", "contents_key", "sources_key"):
        assert np.array_equal(getattr(ra, name), getattr(rb, name))
    for part in ("contents", "sources"):
        for name in ("rel", "start", "end"):
            assert np.array_equal(getattr(getattr(ra, part), name), getattr(getattr(rb, part), name))


def _record_digest(directory: Path) -> None:
    import hashlib

    manifest = json.loads((directory / "manifest.json").read_text())
    digest = hashlib.sha256((directory / "gold" / "test.jsonl").read_bytes()).hexdigest()
    manifest["splits"]["test"]["gold_sha256"] = digest
    (directory / "manifest.json").write_text(json.dumps(manifest))


def test_gold_as_built_is_read_without_schema_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gold file whose digest the manifest records is the one `byline build` checked: its
    records are not checked again, and it reads to the same columns."""
    import numpy as np

    from byline.scoring import gold as gold_module

    records = [gold_record("a", "0123456789", entities=[{"start": 0, "end": 3, "label": "ORG"}]),
               gold_record("b", "abcdef", claims=[{"start": 1, "end": 4}])]
    write_dataset(tmp_path / "plain", {"test": records})
    write_dataset(tmp_path / "recorded", {"test": records})
    _record_digest(tmp_path / "recorded")
    checks = 0
    accepts = gold_module.accepts

    def counting(kind: str, record: object) -> bool:
        nonlocal checks
        checks += 1
        return accepts(kind, record)

    monkeypatch.setattr(gold_module, "accepts", counting)
    plain = load_gold(tmp_path / "plain", "test")
    assert checks == 2
    recorded = load_gold(tmp_path / "recorded", "test")
    assert checks == 2
    for layer in ("entities", "claims"):
        a, b = getattr(plain.items.batch, layer), getattr(recorded.items.batch, layer)
        assert all(np.array_equal(getattr(a, name), getattr(b, name)) for name in ("doc", "start", "end", "label"))
    assert plain.ids == recorded.ids and plain.text_length.tolist() == recorded.text_length.tolist()


@pytest.mark.parametrize("spoil", ["unknown label", "no meta", "offsets", "start a string"])
def test_gold_not_as_built_is_reported_whatever_the_digest(spoil: str, tmp_path: Path) -> None:
    """A record that is not as build writes it gets the same located report with the digest
    recorded (the file is then read again with every check) as without."""
    bad = gold_record("b", "0123456789", entities=[{"start": 0, "end": 3, "label": "ORG"}])
    if spoil == "unknown label":
        bad["entities"][0]["label"] = "NOT_A_TYPE"
    elif spoil == "no meta":
        del bad["meta"]
    elif spoil == "offsets":
        bad["entities"][0]["end"] = 50
    else:
        bad["entities"][0]["start"] = "0"
    records = [gold_record("a", "text"), bad]
    reports = []
    for name, recorded in (("plain", False), ("recorded", True)):
        write_dataset(tmp_path / name, {"test": records})
        if recorded:
            _record_digest(tmp_path / name)
        with pytest.raises(BylineError) as caught:
            load_gold(tmp_path / name, "test")
        reports.append(str(caught.value).replace(str(tmp_path / name), "DIR"))
    assert reports[0] == reports[1]
    assert "line 2:document b:$" in reports[0] or "line 2:$" in reports[0]


def _columns(gold: object) -> list[object]:
    batch = gold.items.batch  # type: ignore[attr-defined]
    out: list[object] = [gold.ids, gold.text_length.tolist(), gold.text_sha256.tolist(), gold.origins]  # type: ignore[attr-defined]
    for layer in ("entities", "claims", "boilerplate"):
        table = getattr(batch, layer)
        out += [getattr(table, name).tolist() for name in ("doc", "start", "end", "label", "attrs")]
    rel = batch.attributions
    out += [getattr(rel, name).tolist() for name in ("doc", "cue_start", "cue_end", "attrs", "contents_key", "sources_key")]
    out += [getattr(getattr(rel, role), name).tolist() for role in ("contents", "sources") for name in ("rel", "start", "end")]
    return out


@pytest.mark.skipif(not __import__("byline.scoring.gold", fromlist=["_can_fork"])._can_fork(),
                    reason="reading in two processes needs Linux and two CPUs")
@pytest.mark.parametrize("recorded", [False, True])
def test_reading_in_two_processes_gives_the_same_columns(recorded: bool, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from byline.scoring import gold as gold_module

    if recorded:
        _record_digest_of(DATASET, tmp_path)
        dataset = tmp_path
    else:
        dataset = DATASET
    monkeypatch.setattr(gold_module, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(gold_module, "_can_fork", lambda: True)  # whatever threads other tests left
    forks = 0
    in_two = gold_module._parse_in_two

    def counting(*args: object) -> object:
        nonlocal forks
        forks += 1
        return in_two(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(gold_module, "_parse_in_two", counting)
    two = load_gold(dataset, "test")
    assert forks == 1
    monkeypatch.setattr(gold_module, "_can_fork", lambda: False)
    one = load_gold(dataset, "test")
    assert forks == 1
    assert _columns(two) == _columns(one)


def _record_digest_of(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target, dirs_exist_ok=True)
    _record_digest(target)


@pytest.mark.skipif(not __import__("byline.scoring.gold", fromlist=["_can_fork"])._can_fork(),
                    reason="reading in two processes needs Linux and two CPUs")
@pytest.mark.parametrize("spoil", ["second half offsets", "first half no meta", "id in both halves", "count"])
def test_problems_found_in_two_processes_are_reported_as_when_read_whole(
        spoil: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from byline.scoring import gold as gold_module

    records = [gold_record(f"d{i}", "0123456789" * 20, entities=[{"start": 0, "end": 3, "label": "ORG"}])
               for i in range(40)]
    if spoil == "second half offsets":
        records[35]["entities"][0]["end"] = 500
    elif spoil == "first half no meta":
        del records[2]["meta"]
    elif spoil == "id in both halves":
        records[38]["id"] = "d1"
    reports = []
    for fork in (True, False):
        directory = tmp_path / str(fork)
        write_dataset(directory, {"test": records})
        if spoil == "count":
            manifest = json.loads((directory / "manifest.json").read_text())
            manifest["splits"]["test"]["documents"] = 41
            (directory / "manifest.json").write_text(json.dumps(manifest))
        _record_digest(directory)
        with monkeypatch.context() as patch:
            patch.setattr(gold_module, "PARALLEL_MIN_BYTES", 0)
            patch.setattr(gold_module, "_can_fork", lambda fork=fork: fork)
            with pytest.raises(BylineError) as caught:
                load_gold(directory, "test")
        reports.append(str(caught.value).replace(str(directory), "DIR"))
    assert reports[0] == reports[1]


def test_no_second_process_while_another_thread_runs() -> None:
    import threading

    from byline.scoring.gold import _can_fork

    before = _can_fork()
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not _can_fork()
    finally:
        release.set()
        thread.join()
    assert _can_fork() == before


@pytest.mark.parametrize("seed", range(20))
def test_lines_are_split_between_the_halves_once_each(seed: int, tmp_path: Path) -> None:
    import random

    from byline.scoring.gold import _lines_starting_in

    rng = random.Random(seed)
    lines = [b"x" * rng.randrange(0, 30) + b"\n" for _ in range(rng.randrange(1, 12))]
    if rng.random() < 0.5:
        lines[-1] = lines[-1].rstrip(b"\n")  # no newline at the end
    path = tmp_path / "lines"
    path.write_bytes(b"".join(lines))
    size = len(b"".join(lines))
    for middle in range(size + 1):
        with open(path, "rb") as handle:
            first = list(_lines_starting_in(handle, 0, middle))
        with open(path, "rb") as handle:
            second = list(_lines_starting_in(handle, middle, None))
        assert first + second == [line for line in lines if line], (middle, lines)
