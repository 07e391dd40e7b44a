"""The ``label_studio`` fixture itself: a real, hermetic server that both kinds of token reach."""

from __future__ import annotations

import pytest

from labelstudio_server import LabelStudioServer

pytestmark = pytest.mark.integration


def test_server_answers_with_the_legacy_token(label_studio: LabelStudioServer) -> None:
    assert label_studio.url.startswith("http://127.0.0.1:")
    assert label_studio.alive()
    assert label_studio.client.users.whoami().email == label_studio.username
    assert label_studio.data_dir.is_dir()


def test_personal_access_token_works_with_the_sdk(label_studio: LabelStudioServer) -> None:
    token = label_studio.personal_access_token()
    assert token.count(".") == 2  # a JWT refresh token
    assert label_studio.new_client(token).users.whoami().email == label_studio.username
