"""Connecting to a running Label Studio, and turning what goes wrong into one-line errors.

:func:`connect` checks, in this order, that the URL is an http(s) URL, that something answers
there, that it is Label Studio (``GET /api/version``), that it is new enough
(:data:`MIN_LABEL_STUDIO`), and that it accepts the API key (``whoami``). Each failure is a
:class:`~byline.errors.BylineError` with one line that says what happened and what to do.

The API key is either a legacy token or a personal access token (a JWT refresh token): the
``label-studio-sdk`` client tells them apart and exchanges the latter for access tokens. The key
is never put in a message, a log record or a repr.
"""

from __future__ import annotations

import importlib
import json
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from byline.errors import BylineError, UsageError

API_KEY_ENV = "LABEL_STUDIO_API_KEY"
"""Environment variable holding the API key (never a command-line argument)."""
URL_ENV = "LABEL_STUDIO_URL"
DEFAULT_URL = "http://localhost:8080"
MIN_LABEL_STUDIO = (1, 17, 0)
"""Oldest Label Studio Byline talks to: the first with personal access tokens (JWT), which the
2.x SDK expects to find."""
DEFAULT_TIMEOUT = 60.0


def _sdk() -> Any:
    """The ``label_studio_sdk`` module (the ``byline[studio]`` extra), imported on first use."""
    try:
        return importlib.import_module("label_studio_sdk")
    except ImportError as exc:
        raise BylineError(
            "`byline studio` needs the Label Studio SDK, which is not installed: "
            "pip install 'byline[studio]'"
        ) from exc


def _httpx() -> Any:
    return importlib.import_module("httpx")


def parse_version(text: str) -> tuple[int, ...]:
    """``"1.23.2"`` -> ``(1, 23, 2)``; anything after the numeric part (``.dev0``, ``rc1``) is ignored."""
    numbers: list[int] = []
    for part in text.split("."):
        digits = ""
        for char in part:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            break
        numbers.append(int(digits))
        if len(digits) != len(part):
            break
    return tuple(numbers)


def normalise_url(url: str) -> str:
    """The base URL without a trailing slash; a :class:`UsageError` unless it is http(s)://host."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--url: {url!r} is not a Label Studio URL; expected http(s)://host:port, e.g. {DEFAULT_URL}")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def _detail(body: Any) -> str:
    """The human part of a Label Studio error body, on one line."""
    if isinstance(body, dict):
        parts = []
        for key in ("detail", "message", "validation_errors", "errors"):
            value = body.get(key)
            if value:
                parts.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
        text = ": ".join(parts) if parts else json.dumps(body, ensure_ascii=False)
    else:
        text = str(body)
    return " ".join(text.split())[:400]


def api_error_message(exc: BaseException) -> str | None:
    """``"<status> <detail>"`` for an SDK ``ApiError``; None for anything else."""
    status = getattr(exc, "status_code", None)
    if type(exc).__name__ != "ApiError" or status is None:
        return None
    return f"HTTP {status}: {_detail(getattr(exc, 'body', None))}"


@dataclass(frozen=True)
class Studio:
    """A Label Studio that answered and accepted the key: its URL, version, user and client."""

    url: str
    version: str
    user: str
    client: Any = field(repr=False)
    """A ``label_studio_sdk.LabelStudio`` client."""

    @contextmanager
    def call(self, what: str) -> Iterator[None]:
        """Run SDK calls; an HTTP error or a lost connection becomes one :class:`BylineError`
        saying what was being done (``what``, e.g. "list the projects")."""
        httpx = _httpx()
        try:
            yield
        except BylineError:
            raise
        except httpx.HTTPError as exc:
            raise BylineError(f"lost the connection to Label Studio at {self.url} while trying to {what}: {exc}") from exc
        except Exception as exc:
            message = api_error_message(exc)
            if message is None:
                raise
            if message.startswith(("HTTP 401", "HTTP 403")):
                raise BylineError(f"Label Studio at {self.url} refused to {what} ({message}); check the API key's rights") from exc
            raise BylineError(f"Label Studio at {self.url} could not {what}: {message}") from exc


def _unreachable(url: str, exc: BaseException) -> BylineError:
    reason = str(exc) or type(exc).__name__
    return BylineError(
        f"cannot reach Label Studio at {url} ({reason}); is it running and is the URL right? "
        "(scripts/labelstudio-server starts one)"
    )


def server_version(url: str, timeout: float = DEFAULT_TIMEOUT) -> str:
    """The Label Studio release at ``url`` (``GET /api/version``, no key needed), checked for age."""
    httpx = _httpx()
    try:
        response = httpx.get(f"{url}/api/version", timeout=timeout, follow_redirects=True)
    except httpx.HTTPError as exc:
        raise _unreachable(url, exc) from exc
    try:
        release = response.json().get("release") if response.status_code == 200 else None
    except (ValueError, AttributeError):
        release = None
    if not isinstance(release, str) or not parse_version(release):
        raise BylineError(
            f"{url} does not look like Label Studio: GET {url}/api/version answered HTTP {response.status_code} "
            "without a Label Studio release; check --url (or LABEL_STUDIO_URL)"
        )
    if parse_version(release) < MIN_LABEL_STUDIO:
        oldest = ".".join(map(str, MIN_LABEL_STUDIO))
        raise BylineError(
            f"Label Studio {release} at {url} is too old: Byline needs {oldest} or newer "
            "(pip install -U label-studio on the server)"
        )
    return release


def connect(url: str, api_key: str, timeout: float = DEFAULT_TIMEOUT) -> Studio:
    """Check the server and the key (see the module docstring) and return a :class:`Studio`."""
    base = normalise_url(url)
    if not api_key or not api_key.strip():
        raise UsageError(f"no Label Studio API key: set {API_KEY_ENV} (Account & Settings in Label Studio)")
    version = server_version(base, timeout)
    sdk = _sdk()
    httpx = _httpx()
    rejected = (
        f"Label Studio at {base} rejected the API key in {API_KEY_ENV}; use the legacy token or a personal "
        "access token from Account & Settings (legacy tokens must be enabled for the organisation)"
    )
    try:
        client = sdk.LabelStudio(base_url=base, api_key=api_key.strip(), timeout=timeout)
        user = client.users.whoami()
    except httpx.HTTPError as exc:
        raise _unreachable(base, exc) from exc
    except Exception as exc:
        message = api_error_message(exc)
        if message is None:
            raise
        if message.startswith(("HTTP 401", "HTTP 403")):
            raise BylineError(f"{rejected} ({message})") from exc
        if message.startswith("HTTP 404"):
            raise BylineError(
                f"{base} does not look like Label Studio: {base}/api/current-user/whoami answered HTTP 404; "
                "check --url (or LABEL_STUDIO_URL)"
            ) from exc
        raise BylineError(f"Label Studio at {base} failed to say who the key belongs to: {message}") from exc
    return Studio(url=base, version=version, user=str(getattr(user, "email", "") or getattr(user, "id", "")), client=client)
