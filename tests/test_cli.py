"""The `byline` command line: help lists every command; user errors never show a traceback."""

from __future__ import annotations

import subprocess
import sys

from byline.cli import main

COMMANDS = ("validate", "build", "score", "align", "leaderboard", "baseline", "agreement", "studio")


def test_help_lists_every_command_with_a_description(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        line = next(x for x in out.splitlines() if x.strip().startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 10


def test_studio_config_prints_the_generated_config(capsys) -> None:  # type: ignore[no-untyped-def]
    from byline.studio.config import generate_label_config

    assert main(["studio", "config"]) == 0
    assert capsys.readouterr().out == generate_label_config()


def test_unknown_command_is_a_usage_error_without_traceback() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "byline", "frobnicate"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert "No such command" in run.stderr and "Traceback" not in run.stderr
