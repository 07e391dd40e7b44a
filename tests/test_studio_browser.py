"""The generated config in Label Studio's labelling page, in headless Chromium (Debian's).

Checks that the four layers' label controls render with every label of the inventory, and that
pre-annotated regions after emoji (ZWJ sequences, flags: several UTF-16 units per code point)
are highlighted over exactly the right characters: Label Studio's offsets are code points.
A screenshot is kept in the test's temporary directory.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from byline.inventory import load_inventory
from byline.studio.connection import Studio
from byline.studio.documents import Document
from byline.studio.importer import import_documents
from byline.studio.preannotate import preannotate
from byline.studio.project import setup_project
from labelstudio_server import LabelStudioServer

pytestmark = [pytest.mark.integration, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
TEXT = "Rally 👩‍👩‍👧 in 🇵🇹 Lisbon 😀 with Ana Ruiz, who said prices rose 12%.\r\nShare this story"


def _span(needle: str) -> dict[str, int]:
    start = TEXT.index(needle)
    return {"start": start, "end": start + len(needle)}


def test_labelling_page_renders_the_four_layers(
    label_studio: LabelStudioServer, studio: Studio, project_title: str, tmp_path: Path
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which("chromium") and not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    project = setup_project(studio, title=project_title).project
    (task,) = import_documents(studio, project, [Document({"doc_id": "emoji", "text": TEXT, "meta": {}}, "t")]).imported
    record = {
        "id": "emoji",
        "entities": [{**_span("Lisbon"), "label": "GPE"}, {**_span("Ana Ruiz"), "label": "PERSON"}],
        "claims": [{**_span("prices rose 12%"), "checkworthy": "yes"}],
        "boilerplate": [{**_span("Share this story"), "label": "CALL_TO_ACTION"}],
    }
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert preannotate(studio, project, predictions, "browser-check").created

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{label_studio.url}/user/login/")
            page.fill('input[name="email"]', label_studio.username)
            page.fill('input[name="password"]', label_studio.password)
            page.click('button[type="submit"], input[type="submit"]')
            page.wait_for_load_state("networkidle")
            page.goto(f"{label_studio.url}/projects/{project.id}/data?task={task.task_id}")
            page.locator(".lsf-label").first.wait_for(timeout=60_000)
            page.locator(".htx-highlight").first.wait_for(timeout=60_000)
            page.screenshot(path=str(tmp_path / "labelling-page.png"), full_page=True)
            shown = {text.split("\n")[0].strip() for text in page.locator(".lsf-label").all_inner_texts()}
            highlighted = page.locator(".htx-highlight").all_inner_texts()
        finally:
            browser.close()

    assert (tmp_path / "labelling-page.png").stat().st_size > 10_000
    for layer in load_inventory().layers.values():
        missing = set(layer.label_names) - shown
        assert not missing, f"{layer.name}: labels not rendered: {sorted(missing)}"
    expected = {TEXT[s["start"] : s["end"]] for s in (_span("Lisbon"), _span("Ana Ruiz"), _span("prices rose 12%"), _span("Share this story"))}
    assert expected <= {text.strip() for text in highlighted}
