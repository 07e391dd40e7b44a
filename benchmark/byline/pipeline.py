"""Byline's main job on the shipped data (what ``scripts/run`` runs).

1. validate every Label Studio export in ``annotations/exports/``;
2. build the dataset into ``build/dataset`` (Parquet + dataset card + gold JSONL);
3. run the shipped baselines on the test split and score them;
4. write the leaderboard under ``build/leaderboard`` and print its Markdown table.

Each stage is the same library call the CLI makes. A stage whose capability has not landed says
so and the job goes on with what exists; any real failure stops the job with exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from byline.errors import BylineError, NotBuiltYet


def _run_cli(args: list[str]) -> None:
    from byline.cli import main

    code = main(args)
    if code == NotBuiltYet.exit_code:
        raise NotBuiltYet(f"`byline {' '.join(args[:1])}` is not built yet")
    if code != 0:
        raise BylineError(f"`byline {' '.join(args)}` failed with exit status {code}")


def run(root: Path) -> int:
    """Run every stage; return the process exit status."""
    exports = sorted((root / "annotations" / "exports").glob("*.json"))
    build = root / "build"
    stages: list[tuple[str, list[list[str]]]] = [
        ("validate the Label Studio exports", [["validate", *map(str, exports)]] if exports else []),
        ("build the dataset", [["build", "--annotations", str(root / "annotations"), "--out", str(build / "dataset")]]),
        ("run, score and rank the baselines", [["leaderboard", "--run-baselines", "--dataset", str(build / "dataset"),
                                                "--out", str(build / "leaderboard")]]),
    ]
    missing: list[str] = []
    for title, commands in stages:
        click.echo(f"==> {title}", err=True)
        if not commands:
            click.echo("    nothing to do: annotations/exports/ holds no export yet", err=True)
            continue
        for args in commands:
            try:
                _run_cli(args)
            except NotBuiltYet:
                missing.append(title)
                click.echo(f"    not built yet: `byline {args[0]}` — skipped", err=True)
            except BylineError as exc:
                click.echo(f"byline: error: {exc}", err=True)
                return 1
    if missing:
        click.echo("Not built yet: " + "; ".join(missing), err=True)
    return 0


def main() -> None:
    sys.exit(run(Path.cwd()))


if __name__ == "__main__":
    main()
