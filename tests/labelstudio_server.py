"""Start and stop a real Label Studio server for tests and local work (stdlib only).

Used by the session-scoped ``label_studio`` fixture in ``tests/conftest.py`` and by
``scripts/labelstudio-server``. The server runs from its own virtual environment (its pins
collide with ours): ``$BYLINE_LABEL_STUDIO_BIN``, default ``.venv-labelstudio/bin/label-studio``
in the repository root (``scripts/install-labelstudio`` creates it).

Every server started here is hermetic and quiet: bound to 127.0.0.1, its own data directory and
user, no inherited ``LABEL_STUDIO_*`` settings, no version check against PyPI, no telemetry,
no converter downloads, and legacy API tokens enabled for the organisation it creates (so the
token is known before the first start; personal access tokens work as well, see
:meth:`LabelStudioServer.personal_access_token`).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN_ENV = "BYLINE_LABEL_STUDIO_BIN"
DEFAULT_BIN = ROOT / ".venv-labelstudio" / "bin" / "label-studio"
START_TIMEOUT_ENV = "BYLINE_LABEL_STUDIO_START_TIMEOUT"
DEFAULT_START_TIMEOUT = 240.0

# Settings Label Studio reads from the environment (each also under a LABEL_STUDIO_ or HEARTEX_
# prefix); the un-prefixed ones are dropped from the inherited environment so that a developer's
# shell (USERNAME, PORT, HOST, DEBUG, ...) cannot leak into the server.
_LEAKY_NAMES = (
    "USERNAME",
    "PASSWORD",
    "USER_TOKEN",
    "PORT",
    "HOST",
    "BASE_DATA_DIR",
    "DATABASE_NAME",
    "DJANGO_DB",
)
QUIET_SETTINGS = {
    "LATEST_VERSION_CHECK": "false",  # no request to PyPI for the latest version
    "COLLECT_ANALYTICS": "false",  # no usage telemetry
    "CONVERTER_DOWNLOAD_RESOURCES": "false",  # no downloads by the export converters
    "FEATURE_FLAGS_OFFLINE": "true",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
    "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
}
_STARTED = re.compile(r"Starting development server at http://[^:/]+:(\d+)/")


class LabelStudioStartError(RuntimeError):
    """The server did not come up; the message carries the tail of its log."""


def label_studio_bin() -> Path:
    """The ``label-studio`` executable to run (``$BYLINE_LABEL_STUDIO_BIN`` or the default venv)."""
    return Path(os.environ.get(BIN_ENV) or DEFAULT_BIN)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_environment(data_dir: Path, username: str, password: str, token: str) -> dict[str, str]:
    """The environment a server runs with: the caller's, minus Label Studio's settings, plus ours."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LABEL_STUDIO_", "HEARTEX_")) and key not in _LEAKY_NAMES
    }
    env.update(QUIET_SETTINGS)
    env.update(
        {
            "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
            "LABEL_STUDIO_USERNAME": username,
            "LABEL_STUDIO_PASSWORD": password,
            "LABEL_STUDIO_USER_TOKEN": token,
            "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        }
    )
    return env


def _get_json(url: str, token: str | None = None, timeout: float = 5.0) -> Any:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Token {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


@dataclass
class LabelStudioServer:
    """A running Label Studio: where it is, who its user is, and how to stop it."""

    url: str
    api_key: str
    """The user's legacy API token (``Authorization: Token …``)."""
    username: str
    password: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    version: str = ""
    startup_seconds: float = 0.0

    @property
    def port(self) -> int:
        return int(urllib.parse.urlsplit(self.url).port or 80)

    _client: Any = field(default=None, repr=False)
    _personal_access_token: str | None = field(default=None, repr=False)

    @property
    def client(self) -> Any:
        """A ``label_studio_sdk.LabelStudio`` client with :attr:`api_key` (made once, needs the SDK)."""
        if self._client is None:
            self._client = self.new_client()
        return self._client

    def new_client(self, api_key: str | None = None) -> Any:
        """A new ``label_studio_sdk.LabelStudio`` client, with another key if given."""
        from label_studio_sdk import LabelStudio

        return LabelStudio(base_url=self.url, api_key=api_key or self.api_key)  # type: ignore[no-untyped-call]

    def login(self) -> urllib.request.OpenerDirector:
        """An HTTP opener holding a logged-in browser session of the server's user."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(f"{self.url}/user/login/", timeout=30).read()
        csrf = next(str(cookie.value) for cookie in jar if cookie.name == "csrftoken")
        form = urllib.parse.urlencode(
            {"email": self.username, "password": self.password, "csrfmiddlewaretoken": csrf}
        ).encode()
        request = urllib.request.Request(
            f"{self.url}/user/login/", data=form, headers={"Referer": f"{self.url}/user/login/"}
        )
        opener.open(request, timeout=30).read()
        if not any(cookie.name == "sessionid" for cookie in jar):
            raise LabelStudioStartError(f"could not log in to {self.url} as {self.username}")
        csrf = next(str(cookie.value) for cookie in jar if cookie.name == "csrftoken")
        opener.addheaders = [("X-CSRFToken", csrf), ("Referer", f"{self.url}/")]
        return opener

    def personal_access_token(self) -> str:
        """The user's personal access token (a JWT refresh token), created as the web UI does on
        first use and the same one afterwards (Label Studio allows one per user, so a token
        made elsewhere, e.g. in the web UI, makes this fail with HTTP 409)."""
        if self._personal_access_token is None:
            opener = self.login()
            request = urllib.request.Request(f"{self.url}/api/token/", data=b"", method="POST")
            with opener.open(request, timeout=30) as response:
                self._personal_access_token = str(json.loads(response.read().decode("utf-8"))["token"])
        return self._personal_access_token

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(
                self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            )
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the server (its own process group only): SIGTERM, then SIGKILL after ``timeout``."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)


def start_label_studio(
    data_dir: Path,
    *,
    port: int | None = None,
    username: str = "byline-test@example.org",
    password: str | None = None,
    token: str | None = None,
    binary: Path | None = None,
    timeout: float | None = None,
) -> LabelStudioServer:
    """Start ``label-studio start`` on 127.0.0.1 and wait until ``/health`` answers.

    ``data_dir`` is created if missing; a fresh one takes about a minute (database migrations).
    Raises :class:`LabelStudioStartError` (with the log's tail) when the binary is missing, the
    process exits, or the server does not answer within ``timeout`` seconds.
    """
    exe = binary or label_studio_bin()
    if not os.access(exe, os.X_OK):
        raise LabelStudioStartError(
            f"no Label Studio executable at {exe}; run scripts/install-labelstudio or set {BIN_ENV}"
        )
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    password = password or secrets.token_urlsafe(16)
    token = token or secrets.token_hex(20)
    wanted_port = port or free_port()
    limit = (
        timeout if timeout is not None else float(os.environ.get(START_TIMEOUT_ENV, DEFAULT_START_TIMEOUT))
    )
    log_path = data_dir / "label-studio.log"
    server = LabelStudioServer(
        url=f"http://127.0.0.1:{wanted_port}",
        api_key=token,
        username=username,
        password=password,
        data_dir=data_dir,
        log_path=log_path,
    )
    command = [
        str(exe), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(wanted_port),
        "--data-dir", str(data_dir), "--log-level", "WARNING",
    ]  # fmt: skip
    started = time.monotonic()
    with open(log_path, "ab") as log:
        server.process = subprocess.Popen(
            command,
            env=server_environment(data_dir, username, password, token),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=data_dir,
            start_new_session=True,  # its own process group, so stop() ends it and only it
        )
    try:
        _wait_until_ready(server, started + limit)
    except BaseException:
        server.stop()
        raise
    server.startup_seconds = time.monotonic() - started
    return server


def _wait_until_ready(server: LabelStudioServer, deadline: float) -> None:
    while time.monotonic() < deadline:
        if not server.alive():
            raise LabelStudioStartError(f"Label Studio exited during start-up:\n{server.log_tail()}")
        # Label Studio moves to the next port when ours was taken meanwhile: follow it.
        match = _STARTED.search(server.log_path.read_text(encoding="utf-8", errors="replace"))
        if match and int(match.group(1)) != server.port:
            server.url = f"http://127.0.0.1:{match.group(1)}"
        if match:
            try:
                health = _get_json(f"{server.url}/health")
                if health.get("status") == "UP":
                    whoami = _get_json(f"{server.url}/api/current-user/whoami", token=server.api_key)
                    if whoami.get("email") != server.username:
                        raise LabelStudioStartError(f"the server at {server.url} is not the one started here")
                    server.version = str(_get_json(f"{server.url}/api/version").get("release", ""))
                    return
            except (urllib.error.URLError, OSError, ValueError):
                pass
        time.sleep(0.5)
    raise LabelStudioStartError(f"Label Studio did not answer /health in time:\n{server.log_tail()}")
