"""Shared pytest fixtures. See tests/README.md for what each one gives."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labelstudio_server import (
    BIN_ENV,
    LabelStudioServer,
    LabelStudioStartError,
    label_studio_bin,
    start_label_studio,
)


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudioServer]:
    """A real Label Studio on 127.0.0.1 for the whole test session (see tests/README.md).

    Skipped when the executable is missing, except under CI (``CI=true``), where that fails.
    """
    exe = label_studio_bin()
    if not os.access(exe, os.X_OK):
        message = f"no Label Studio at {exe}: run scripts/install-labelstudio or set {BIN_ENV}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    data_dir = tmp_path_factory.mktemp("labelstudio")
    try:
        server = start_label_studio(data_dir)
    except LabelStudioStartError as exc:
        pytest.fail(f"Label Studio did not start: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def studio(label_studio: LabelStudioServer) -> Any:
    """A :class:`byline.studio.connection.Studio` connected to the session's server."""
    from byline.studio.connection import connect

    return connect(label_studio.url, label_studio.api_key)


@pytest.fixture
def project_title(request: pytest.FixtureRequest) -> str:
    """A project title of its own for each test (the server is shared by the session)."""
    return f"Byline {request.node.name[:28]} {uuid.uuid4().hex[:6]}"
