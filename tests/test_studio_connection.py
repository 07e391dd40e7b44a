"""Connection errors that need no real Label Studio: each is one line, no traceback, no key."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from byline.cli import main
from byline.errors import BylineError, UsageError
from byline.studio.connection import connect, parse_version, server_version
from labelstudio_server import free_port

SECRET = "s3cret-token-that-must-never-be-shown"


def _serve(routes: dict[str, tuple[int, str]]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = routes.get(self.path.split("?")[0], (404, "<html>Not Found</html>"))
            self.send_response(status)
            self.send_header("Content-Type", "application/json" if body.startswith("{") else "text/html")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def not_label_studio() -> Iterator[str]:
    yield from _serve({"/": (200, "<html>some other web app</html>")})


@pytest.fixture
def old_label_studio() -> Iterator[str]:
    yield from _serve({"/api/version": (200, json.dumps({"release": "1.4.1.post1"})), "/health": (200, '{"status": "UP"}')})


def test_parse_version() -> None:
    assert parse_version("1.23.2") == (1, 23, 2)
    assert parse_version("1.17.0.dev0") == (1, 17, 0)
    assert parse_version("1.4.1rc1") == (1, 4, 1)
    assert parse_version("nightly") == ()


def test_unreachable_server() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(BylineError, match=f"cannot reach Label Studio at {url}"):
        connect(url, SECRET, timeout=5)


def test_wrong_url(not_label_studio: str) -> None:
    with pytest.raises(BylineError, match=r"does not look like Label Studio.*HTTP 404"):
        server_version(not_label_studio)


def test_too_old(old_label_studio: str) -> None:
    with pytest.raises(BylineError, match=r"Label Studio 1\.4\.1\.post1 .* is too old: Byline needs 1\.17\.0"):
        connect(old_label_studio, SECRET)


@pytest.mark.parametrize("url", ["localhost:8080", "ftp://host", "http://"])
def test_not_a_url(url: str) -> None:
    with pytest.raises(UsageError, match="is not a Label Studio URL"):
        connect(url, SECRET)


def test_cli_errors_are_one_line_without_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], old_label_studio: str, not_label_studio: str
) -> None:
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", SECRET)
    for url, expected in (
        (old_label_studio, "too old"),
        (not_label_studio, "does not look like Label Studio"),
        (f"http://127.0.0.1:{free_port()}", "cannot reach"),
    ):
        assert main(["studio", "setup", "--url", url]) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("byline: error: ") and expected in err
        assert "Traceback" not in err and SECRET not in err


def test_cli_without_a_key_and_no_terminal_says_where_the_key_goes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    assert main(["studio", "setup", "--url", "http://127.0.0.1:9"]) == 2
    assert "set LABEL_STUDIO_API_KEY" in capsys.readouterr().err


def test_the_key_is_not_an_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["studio", "setup", "--api-key", SECRET]) == 2
    assert "No such option" in capsys.readouterr().err
