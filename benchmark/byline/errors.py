"""Problems found in user input, and the one exception type that reaches the CLI.

Validators *yield* :class:`Problem` records (never raise on the first one); the caller decides
how to show them. :class:`BylineError` is for failures that stop a command (a missing file, an
unreachable server); the CLI prints its message and exits without a traceback.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` safe to print on one line: control characters, line separators and lone
    surrogates are shown as escapes (``\\n``, ``\\x00``, ``\\ud800``)."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in "\n\r\t":
            return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)


@dataclass(frozen=True)
class Problem:
    """One problem in one input: where it is, what was found, what was expected."""

    severity: Severity
    code: str
    file: str
    where: str
    path: str
    found: str
    expected: str

    def __str__(self) -> str:
        location = ":".join(part for part in (self.file, self.where, self.path) if part)
        return one_line(f"{location}: {self.severity}: found {self.found}; expected {self.expected}")

    def to_json(self) -> dict[str, Any]:
        return {key: one_line(value) for key, value in asdict(self).items()}


class BylineError(Exception):
    """A failure a user can act on; the message says what happened and what to do."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(BylineError):
    """Wrong arguments or a missing input file (exit code 2)."""

    exit_code = 2


class NotBuiltYet(BylineError):
    """A command whose capability has not landed yet (exit code 3)."""

    exit_code = 3
