"""Commands load when they run: `byline --help` and `--version` import none of them."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from byline.cli import COMMANDS, cli, main
from byline.cli.lazy import LazyCommand, LazyGroup

HEAVY = ("numpy", "scipy", "polars", "pyarrow", "datasets", "jsonschema", "jsonschema_rs", "label_studio_sdk")

_PROBE = """
import json, sys
from byline.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(m for m in sys.modules if m.split(".")[0] in %r
                                                  or m.startswith("byline.cli.") and m != "byline.cli.lazy")}))
"""


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_help_and_version_import_no_command_and_no_heavy_library(argv: list[str]) -> None:
    run = subprocess.run([sys.executable, "-c", _PROBE % (HEAVY,), *argv], capture_output=True, text=True, check=True)
    report = json.loads(run.stdout.splitlines()[-1])
    assert report == {"code": 0, "modules": []}


def test_a_command_loads_when_it_runs() -> None:
    run = subprocess.run([sys.executable, "-c", _PROBE % (HEAVY,), "score", "--help"],
                         capture_output=True, text=True, check=True)
    report = json.loads(run.stdout.splitlines()[-1])
    assert "byline.cli.score" in report["modules"] and "byline.cli.build" not in report["modules"]
    assert "--predictions" in run.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_summary_is_the_commands_own_short_help(name: str) -> None:
    command = COMMANDS[name].load()
    assert command.name == name
    assert COMMANDS[name].summary == command.get_short_help_str(limit=10**6)


def test_commands_added_eagerly_are_listed_too(capsys: pytest.CaptureFixture[str]) -> None:
    @click.command("hello")
    def hello() -> None:
        """Say hello."""

    group = LazyGroup("g", lazy_commands={"score": COMMANDS["score"]})
    group.add_command(hello)
    assert group.list_commands(click.Context(group)) == ["hello", "score"]
    with pytest.raises(SystemExit):
        group.main(["--help"], prog_name="g")
    out = capsys.readouterr().out
    assert "hello  Say hello." in out and "score  Score a system's predictions" in out


def test_a_target_that_is_not_a_command_is_refused() -> None:
    with pytest.raises(TypeError, match="not a click command"):
        LazyCommand("byline.cli:main", "x").load()


def test_the_group_is_lazy() -> None:
    assert isinstance(cli, LazyGroup) and main(["--version"]) == 0
