"""README "For annotators", steps 3 to 7, against the real Label Studio of the test run: an
annotator re-annotates a *shipped* document, exports beside the shipped corpus export, and the
change lands in the built dataset (issue 10: it used to be dropped, by file-name order, with exit 0).

Step 6 (labelling in the browser) is done through Label Studio's API, as the annotator's
browser would: a new annotation of the task, one entity fewer; it is then marked ground truth
through the API, as step 7 says.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest

from byline.cli import main
from labelstudio_server import LabelStudioServer

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
DOC = "byl-007-buenos-aires-transfer"


def _shipped_gold_result() -> list[dict[str, Any]]:
    export = next((ROOT / "annotations" / "exports").glob("byline-corpus-*.json"))
    task = next(t for t in json.loads(export.read_text(encoding="utf-8")) if t["data"]["doc_id"] == DOC)
    [annotation] = [a for a in task["annotations"] if a["ground_truth"]]
    result: list[dict[str, Any]] = annotation["result"]
    return result


def test_an_annotators_change_to_a_shipped_document_lands_in_the_dataset(
    label_studio: LabelStudioServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import datasets

    # A clone of the repository's annotations/ (the test never writes into the real one): Byline's
    # own documents, whose text is in the task files (the standoff Wikinews documents need their
    # source's texts and are covered by tests/test_sources_live.py).
    for part in ("exports", "tasks"):
        (tmp_path / "annotations" / part).mkdir(parents=True)
    for path in (ROOT / "annotations" / "tasks").glob("*.json"):
        if not path.name.startswith("wn-"):
            shutil.copy(path, tmp_path / "annotations" / "tasks")
    for path in (ROOT / "annotations" / "exports").glob("byline-corpus-*.json"):
        shutil.copy(path, tmp_path / "annotations" / "exports")
    own = len(list((tmp_path / "annotations" / "tasks").glob("*.json")))
    shutil.copy(ROOT / "annotations" / "label-studio-users.json", tmp_path / "annotations")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
    title = ["--title", f"Byline readme {uuid.uuid4().hex[:6]}"]

    assert main(["studio", "setup", *title]) == 0  # step 3
    assert main(["studio", "import", "annotations/tasks/", *title]) == 0  # step 4
    out = capsys.readouterr().out
    project_id = int(out.split("project ")[1].split()[0])

    # step 6: re-annotate the shipped document, dropping one entity; mark it ground truth
    client = label_studio.client
    [task] = [t for t in client.tasks.list(project=project_id) if t.data["doc_id"] == DOC]
    result = _shipped_gold_result()
    dropped = next(r for r in result if r.get("from_name") == "entities")
    mine = [r for r in result if r.get("id") != dropped["id"] and r.get("from_id") != dropped["id"]
            and r.get("to_id") != dropped["id"]]
    created = client.annotations.create(id=task.id, result=mine, was_cancelled=False)  # Submit
    # step 7's note: mark it ground truth through the API (the community UI has no control for it)
    client.annotations.update(id=created.id, ground_truth=True)

    # step 7: export beside the shipped export, validate, build, load
    assert main(["studio", "export", "--out", "annotations/exports", *title]) == 0
    exports = sorted(p.name for p in (tmp_path / "annotations" / "exports").iterdir())
    assert len(exports) == 2
    assert main(["validate", "annotations/exports/"]) == 0  # the other tasks are unlabelled: warnings
    capsys.readouterr()
    assert main(["build", "--annotations", "annotations", "--out", "build/dataset", "--format", "json"]) == 0
    built = json.loads(capsys.readouterr().out)
    assert built["built"] is True
    [choice] = [c for c in built["account"]["gold_choices"] if c.startswith(f"document {DOC!r}")]
    assert f":annotation {created.id} (ground truth" in choice and "decided by: updated later" in choice

    loaded = datasets.load_dataset(str(tmp_path / "build" / "dataset"), cache_dir=str(tmp_path / "cache"))
    [row] = [row for split in loaded for row in loaded[split] if row["id"] == DOC]
    assert row["annotation"]["annotation_id"] == created.id
    assert dropped["id"] not in {e["id"] for e in row["entities"]}
    shipped_entities = sum(1 for r in result if r.get("from_name") == "entities")
    assert len(row["entities"]) == shipped_entities - 1
    assert len(loaded["dev"]) + len(loaded["test"]) == own  # nothing else lost
