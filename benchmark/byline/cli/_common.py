"""Small pieces shared by the command modules."""

from __future__ import annotations

from byline.errors import NotBuiltYet


def not_built(command: str, issue: str) -> NotBuiltYet:
    return NotBuiltYet(
        f"`byline {command}` is not built yet ({issue}); nothing was done. "
        "See the README for what works today."
    )
