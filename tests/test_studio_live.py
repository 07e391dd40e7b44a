"""Against a real Label Studio: pre-annotation, tokens, and every error a user can run into."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from byline.cli import main
from byline.errors import BylineError
from byline.studio.connection import Studio, connect
from byline.studio.documents import Document
from byline.studio.importer import import_documents
from byline.studio.preannotate import preannotate
from byline.studio.project import Project, find_project, setup_project
from byline.studio.results import records_to_results
from byline.texts import text_sha256
from labelstudio_server import LabelStudioServer

pytestmark = pytest.mark.integration

TEXT = "Officials in Kyiv said 🚀 the talks would resume.\r\nRead more"


def _project_with_document(studio: Studio, title: str, doc_id: str = "doc-1") -> tuple[Project, int]:
    project = setup_project(studio, title=title).project
    report = import_documents(studio, project, [Document({"doc_id": doc_id, "text": TEXT, "meta": {}}, "test")])
    return project, report.imported[0].task_id


def _prediction(doc_id: str = "doc-1", **extra: Any) -> dict[str, Any]:
    kyiv = TEXT.index("Kyiv")
    content = TEXT.index("the talks")
    return {
        "id": doc_id,
        "text_sha256": text_sha256(TEXT),
        "entities": [{"start": kyiv, "end": kyiv + 4, "label": "GPE", "score": 0.9}],
        "attributions": [
            {"sources": [{"start": 0, "end": kyiv + 4}], "cue": {"start": kyiv + 5, "end": kyiv + 9},
             "contents": [{"start": content, "end": content + 24}], "type": "indirect", "stance": "asserts"}
        ],
        "boilerplate": [{"start": len(TEXT) - 9, "end": len(TEXT), "label": "NAVIGATION"}],
        **extra,
    }  # fmt: skip


def _jsonl(path: Path, lines: list[Any]) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines), encoding="utf-8")
    return path


def test_preannotate_pushes_predictions_that_read_back_identical(studio: Studio, project_title: str, tmp_path: Path) -> None:
    project, task_id = _project_with_document(studio, project_title)
    predictions = _jsonl(tmp_path / "pred.jsonl", [_prediction()])
    report = preannotate(studio, project, predictions, "test-model-1")
    assert report.problems == [] and report.created == [("doc-1", task_id)]
    (stored,) = studio.client.predictions.list(task=task_id)
    assert stored.model_version == "test-model-1"
    assert stored.result == records_to_results(_prediction(), TEXT)
    again = preannotate(studio, project, predictions, "test-model-1")
    assert again.created == [] and again.skipped == [("doc-1", task_id)]
    other = preannotate(studio, project, predictions, "test-model-2")
    assert other.created == [("doc-1", task_id)]


def test_preannotate_reports_every_bad_line_and_pushes_the_good_ones(studio: Studio, project_title: str, tmp_path: Path) -> None:
    project, task_id = _project_with_document(studio, project_title)
    import_documents(studio, project, [Document({"doc_id": "doc-2", "text": TEXT, "meta": {}}, "test")])
    predictions = _jsonl(
        tmp_path / "pred.jsonl",
        [
            "{not json",
            {"id": "doc-1", "entities": [{"start": 0, "end": 3, "label": "NOPE"}]},
            _prediction("unknown-doc"),
            _prediction(text_sha256="0" * 64),
            {"id": "doc-2", "entities": [{"start": 0, "end": 999, "label": "GPE"}]},
            _prediction("doc-2"),
        ],
    )
    report = preannotate(studio, project, predictions, "m")
    assert [(p.where, p.code) for p in report.problems] == [
        ("line 1", "bad-json"), ("line 2", "schema"), ("line 3", "unknown-document"),
        ("line 4", "text-mismatch"), ("line 5", "not-representable"), ("line 6", "duplicate-id"),
    ]  # fmt: skip
    assert report.created == []
    good = _jsonl(tmp_path / "good.jsonl", ["{not json", _prediction()])
    report = preannotate(studio, project, good, "m")
    assert report.created == [("doc-1", task_id)] and len(report.errors) == 1


def test_personal_access_token_and_legacy_token_both_work(label_studio: LabelStudioServer) -> None:
    pat = label_studio.personal_access_token()
    assert connect(label_studio.url, pat).user == label_studio.username
    assert connect(label_studio.url, label_studio.api_key).user == label_studio.username


@pytest.mark.parametrize(
    "key",
    [
        "0123456789abcdef0123456789abcdef01234567",  # a legacy-looking token nobody has
        # a well-formed JWT refresh token that this server did not sign
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsImV4cCI6ODEwMjg0NTY4NiwiaWF0IjoxNzk1NjQ1Njg2LCJqdGkiOiJ4IiwidXNlcl9pZCI6IjEifQ.c2lnbmF0dXJl",
        # an expired one
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsImV4cCI6MTAwMDAwMDAwMCwiaWF0Ijo5MDAwMDAwMDAsImp0aSI6IngiLCJ1c2VyX2lkIjoiMSJ9.c2lnbmF0dXJl",
    ],
)
def test_bad_token(label_studio: LabelStudioServer, key: str) -> None:
    with pytest.raises(BylineError, match="rejected the API key") as caught:
        connect(label_studio.url, key)
    assert key not in str(caught.value)


def test_bad_token_on_the_command_line_is_one_line(
    label_studio: LabelStudioServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "wrong-key-0123456789"
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", key)
    assert main(["studio", "setup", "--url", label_studio.url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rejected the API key" in err and key not in err


def test_wrong_url_on_a_live_server_path(label_studio: LabelStudioServer) -> None:
    with pytest.raises(BylineError, match="does not look like Label Studio"):
        connect(f"{label_studio.url}/not-here", label_studio.api_key)


def test_a_project_that_is_not_bylines_is_left_alone(studio: Studio, project_title: str) -> None:
    other = studio.client.projects.create(title=project_title, label_config='<View><Text name="text" value="$text"/></View>')
    with pytest.raises(BylineError, match=f"project {other.id} .* is not a Byline project"):
        find_project(studio, int(other.id))
    with pytest.raises(BylineError, match="is not a Byline project; leave it alone"):
        setup_project(studio, title=project_title)
    with pytest.raises(BylineError, match="not a Byline project"):
        find_project(studio, title=project_title)
    with pytest.raises(BylineError, match="there is no project 999999"):
        find_project(studio, 999999)
    with pytest.raises(BylineError, match="no Byline project titled 'nobody here'"):
        find_project(studio, title="nobody here")


def test_setup_updates_an_old_config_but_refuses_to_orphan_annotations(studio: Studio, project_title: str) -> None:
    project, task_id = _project_with_document(studio, project_title)
    old = project.label_config.replace('<Label value="PERSON"', '<Label value="MISC" background="#000000"/>\n    <Label value="PERSON"')
    old = old.replace('<Relation value="continues"/>', '<Relation value="continues"/>\n    <Relation value="replies"/>')
    studio.client.projects.update(id=project.id, label_config=old)
    assert setup_project(studio, project_id=project.id).action == "updated"  # nothing uses MISC yet
    studio.client.projects.update(id=project.id, label_config=old)
    kyiv = TEXT.index("Kyiv")
    studio.client.annotations.create(
        id=task_id,
        result=[{"id": "m1", "from_name": "entities", "to_name": "text", "type": "labels",
                 "value": {"start": kyiv, "end": kyiv + 4, "text": "Kyiv", "labels": ["MISC"]}}],
    )  # fmt: skip
    with pytest.raises(BylineError, match=r"annotations in 1 task\(s\) use names the new config does not have: entities: MISC \(1 region\)"):
        setup_project(studio, project_id=project.id)
    assert studio.client.projects.get(id=project.id).label_config.strip() == old.strip()


def test_import_refuses_a_changed_text_under_a_known_doc_id(studio: Studio, project_title: str) -> None:
    project, task_id = _project_with_document(studio, project_title)
    changed = Document({"doc_id": "doc-1", "text": TEXT.replace("\r\n", "\n"), "meta": {}}, "changed.json")
    report = import_documents(studio, project, [changed])
    assert report.imported == [] and [p.code for p in report.errors] == ["doc-id-conflict"]
    assert f"doc id 'doc-1' already in task {task_id} with another text" in str(report.errors[0])


def test_agreement_of_two_annotators_annotated_through_the_api(studio: Studio, project_title: str, tmp_path: Path) -> None:
    from byline.agreement import measure_agreement
    from byline.studio.exporter import export_project

    project = setup_project(studio, title=project_title).project
    meta = {"title": "t", "publisher": "p", "url": None, "published": "2025-01-01", "language": "en",
            "license": "CC BY 4.0", "origin": "authored", "split": "dev"}  # fmt: skip
    (task,) = import_documents(studio, project, [Document({"doc_id": "pair", "text": TEXT, "meta": meta}, "t")]).imported
    first = _prediction("pair")
    first["claims"] = [{"start": TEXT.index("the talks"), "end": TEXT.index("the talks") + 24, "checkworthy": "yes"}]
    second = json.loads(json.dumps(first))
    second["entities"][0]["label"] = "LOC"  # the one known disagreement
    other = studio.client.users.create(email=f"{project.id}-b@byline.test", username=f"annotator-{project.id}")
    task_id = task.task_id
    studio.client.annotations.create(id=task_id, result=records_to_results(first, TEXT))
    studio.client.annotations.create(id=task_id, result=records_to_results(second, TEXT), completed_by=other.id)
    export = export_project(studio, project, tmp_path)
    agreement = measure_agreement([export.path])
    assert len(agreement.pairs) == 1
    assert agreement.layers["entities"].symmetric == 0.0
    assert agreement.layers["claims"].symmetric == agreement.layers["attributions"].symmetric == 1.0
    assert agreement.boilerplate_kappa == 1.0
