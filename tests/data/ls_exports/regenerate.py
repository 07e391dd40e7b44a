#!/usr/bin/env python3
"""Regenerate the small real Label Studio exports of this folder (see README.md here).

    python tests/data/ls_exports/regenerate.py      # needs .venv-labelstudio (or $BYLINE_LABEL_STUDIO_BIN)

Starts a throw-away Label Studio, runs `byline studio setup` and import, annotates two documents
through the API as two annotators with known disagreements (plus one skipped annotation and one
prediction), and writes the server's JSON export unchanged to ``two-annotators.json``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmark")]

from byline.studio.connection import connect  # noqa: E402
from byline.studio.documents import Document  # noqa: E402
from byline.studio.importer import import_documents  # noqa: E402
from byline.studio.project import export_bytes, setup_project  # noqa: E402
from byline.studio.results import records_to_results  # noqa: E402
from labelstudio_server import start_label_studio  # noqa: E402

META = {
    "title": "", "publisher": "Byline test fixtures", "url": None, "published": "2025-05-01", "language": "en",
    "license": "CC BY 4.0", "origin": "authored", "split": "dev",
}  # fmt: skip
DOCS = {
    "fixture-emoji": (
        "Port reopens after strike 🚢\r\n\r\n"
        "“The port is open again,” said harbour master Lena Holt on Friday. "
        "Dock workers said the deal raised wages by 8%.\r\n"
        "© 2025 Harbour News. Share this story"
    ),
    "fixture-plain": (
        "Council approves budget\n\nThe Riverton council approved a budget of $4.2 million on Tuesday, "
        "according to the mayor's office. Critics said the plan ignored flood defences.\n\nRead more: local politics"
    ),
}


def _at(text: str, needle: str, nth: int = 1) -> dict[str, int]:
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle)}


def _annotations(doc_id: str, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(annotator A, annotator B) records; B differs from A in known ways (see README.md)."""
    if doc_id == "fixture-emoji":
        a = {
            "entities": [{**_at(text, "Lena Holt"), "label": "PERSON"}, {**_at(text, "Friday"), "label": "DATE"},
                         {**_at(text, "8%"), "label": "PERCENT"}, {**_at(text, "Harbour News"), "label": "ORG"}],
            "claims": [{**_at(text, "The port is open again"), "checkworthy": "yes"},
                       {**_at(text, "the deal raised wages by 8%"), "checkworthy": "yes"}],
            "attributions": [
                {"sources": [_at(text, "harbour master Lena Holt")], "cue": _at(text, "said"),
                 "contents": [_at(text, "The port is open again,")], "type": "direct", "stance": "asserts"},
                {"sources": [_at(text, "Dock workers")], "cue": _at(text, "said", 2),
                 "contents": [_at(text, "the deal raised wages by 8%")], "type": "indirect", "stance": "asserts"},
            ],
            "boilerplate": [{**_at(text, "© 2025 Harbour News."), "label": "COPYRIGHT"},
                            {**_at(text, "Share this story"), "label": "CALL_TO_ACTION"}],
        }  # fmt: skip
        b = json.loads(json.dumps(a))
        b["entities"] = [e for e in b["entities"] if text[e["start"] : e["end"]] != "Harbour News"]  # B misses an ORG
        b["claims"][1]["checkworthy"] = "no"  # B disagrees on check-worthiness
        b["boilerplate"] = [{**_at(text, "© 2025 Harbour News. Share this story"), "label": "COPYRIGHT"}]  # one block
        return a, b
    a = {
        "entities": [{**_at(text, "Riverton"), "label": "GPE"}, {**_at(text, "$4.2 million"), "label": "MONEY"},
                     {**_at(text, "Tuesday"), "label": "DATE"}],
        "claims": [{**_at(text, "The Riverton council approved a budget of $4.2 million on Tuesday"), "checkworthy": "yes"}],
        "attributions": [
            {"sources": [_at(text, "the mayor's office")], "cue": _at(text, "according to"),
             "contents": [_at(text, "The Riverton council approved a budget of $4.2 million on Tuesday")],
             "type": "indirect", "stance": "asserts"},
            {"sources": [_at(text, "Critics")], "cue": _at(text, "said"),
             "contents": [_at(text, "the plan ignored flood defences")], "type": "indirect", "stance": "asserts"},
        ],
        "boilerplate": [{**_at(text, "Read more: local politics"), "label": "NAVIGATION"}],
    }  # fmt: skip
    b = json.loads(json.dumps(a))
    b["entities"][0]["label"] = "ORG"  # B types Riverton differently
    b["attributions"][1]["stance"] = "denies"  # and reads the critics' stance differently
    return a, b


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        server = start_label_studio(Path(tmp) / "ls")
        try:
            studio = connect(server.url, server.api_key)
            project = setup_project(studio, title="Byline fixtures").project
            documents = [Document({"doc_id": d, "text": t, "meta": {**META, "title": t.splitlines()[0]}}, "fixture") for d, t in DOCS.items()]
            imported = import_documents(studio, project, documents).imported
            second = studio.client.users.create(email="annotator-b@byline.test", username="annotator-b")
            for ref in imported:
                text = DOCS[ref.doc_id]
                a, b = _annotations(ref.doc_id, text)
                studio.client.annotations.create(id=ref.task_id, result=records_to_results(a, text), lead_time=61.5)
                studio.client.annotations.create(id=ref.task_id, result=records_to_results(b, text), completed_by=second.id, lead_time=48.0)
            # a third, skipped annotation on the first task, and a prediction on the second
            studio.client.annotations.create(id=imported[0].task_id, result=[], was_cancelled=True)
            text = DOCS[imported[1].doc_id]
            studio.client.predictions.create(task=imported[1].task_id, result=records_to_results(_annotations(imported[1].doc_id, text)[0], text), model_version="fixture-model")
            (HERE / "two-annotators.json").write_bytes(export_bytes(studio, project))
            print(f"wrote {HERE / 'two-annotators.json'} from Label Studio {server.version}")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
