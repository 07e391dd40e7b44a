"""The spaCy model: pinned by the SHA-256 of every file, label set checked at load time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from byline.errors import BylineError
from byline.inventory import load_inventory
from byline.systems.english_pipeline import (
    OFFICIAL,
    REUPLOAD,
    check_labels,
    load_english,
    pinned_hashes,
    verify_package,
)
from byline.systems.extra import installed

needs_systems = pytest.mark.skipif(not installed(), reason="byline[systems] is not installed")


def test_the_pin_list_covers_the_model_files() -> None:
    pins = pinned_hashes()
    assert "meta.json" in pins and f"{REUPLOAD}-3.8.0/ner/model" in pins and "__init__.py" in pins
    assert all(len(digest) == 64 for digest in pins.values())


def _package(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    package = tmp_path / "pkg"
    (package / "ner").mkdir(parents=True)
    (package / "meta.json").write_text('{"name": "x"}')
    (package / "ner" / "model").write_bytes(b"\x00weights")
    import hashlib

    pins = {name: hashlib.sha256((package / name).read_bytes()).hexdigest() for name in ("meta.json", "ner/model")}
    return package, pins


def test_an_identical_package_passes(tmp_path: Path) -> None:
    package, pins = _package(tmp_path)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")  # made by Python, not part of the wheel
    assert verify_package(package, pins) == []


def test_every_changed_missing_or_extra_file_is_named(tmp_path: Path) -> None:
    package, pins = _package(tmp_path)
    (package / "ner" / "model").write_bytes(b"\x00other weights")
    (package / "meta.json").unlink()
    (package / "extra.bin").write_bytes(b"")
    problems = verify_package(package, pins)
    assert len(problems) == 3
    assert any("ner/model: found sha256" in p and pins["ner/model"] in p for p in problems)
    assert any("meta.json: found no such file" in p for p in problems)
    assert any("extra.bin: found a file the pinned package does not have" in p for p in problems)


def test_a_recognizer_with_other_labels_is_refused() -> None:
    types = list(load_inventory().entity_types)
    check_labels(types, "model")  # exactly Byline's 18: fine
    with pytest.raises(BylineError, match=r"missing \['WORK_OF_ART'\], extra \['MISC'\]"):
        check_labels([t for t in types if t != "WORK_OF_ART"] + ["MISC"], "conll-model")


@needs_systems
def test_the_installed_model_is_the_pinned_one_with_byline_labels() -> None:
    nlp, model = load_english()
    assert set(nlp.get_pipe("ner").labels) == set(load_inventory().entity_types)
    if model.name == REUPLOAD:
        import importlib.util

        spec = importlib.util.find_spec(REUPLOAD)
        assert spec is not None and spec.origin is not None
        assert verify_package(Path(spec.origin).parent, pinned_hashes()) == []
        assert model.version == "3.8.0" and model.sha256 is not None and "OntoNotes 5" in model.source
    else:
        assert model.name == OFFICIAL


@needs_systems
def test_a_tampered_copy_of_the_model_is_detected(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.find_spec(REUPLOAD)
    assert spec is not None and spec.origin is not None
    copy = tmp_path / REUPLOAD
    shutil.copytree(Path(spec.origin).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert verify_package(copy, pinned_hashes()) == []
    config = copy / f"{REUPLOAD}-3.8.0" / "config.cfg"
    config.write_text(config.read_text() + "\n# changed\n")
    assert [p.split(": ")[0] for p in verify_package(copy, pinned_hashes())] == [str(config)]
