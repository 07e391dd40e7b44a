"""Problems found in user input, and the one exception type that reaches the CLI.

Validators *yield* :class:`Problem` records (never raise on the first one); the caller decides
how to show them. :class:`BylineError` is for failures that stop a command (a missing file, an
unreachable server); the CLI prints its message and exits without a traceback.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


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
        return f"{location}: {self.severity}: found {self.found}; expected {self.expected}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


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
