"""Byline's main job on the shipped data (what ``scripts/run`` runs).

1. validate every Label Studio export in ``annotations/exports/``;
2. build the dataset into ``build/dataset`` (Parquet + dataset card + gold JSONL);
3. measure the inter-annotator agreement of ``annotations/exports/`` into ``build/agreement.json``
   (:func:`byline.agreement.measure_agreement`, as ``byline agreement`` does);
4. run the shipped baselines on the test split and score them, and the field's own tools
   (:mod:`byline.systems`: spaCy, jusText, Trafilatura, textacy) when the ``byline[systems]``
   extra is installed (``scripts/run`` installs it), with a line per system as it finishes;
5. write the leaderboard under ``build/leaderboard``, with the agreement as its "annotator
   agreement" reference row, and print its Markdown table.

Each stage is the same library call the CLI makes. A stage whose capability has not landed says
so and the job goes on with what exists; any real failure stops the job with exit status 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
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


def measure_agreement_stage(exports: Path, out: Path) -> bool:
    """Measure the agreement of ``exports`` before adjudication into ``out`` (the leaderboard's
    row) and against the adjudicated gold beside it (``<out stem>-against-gold.json``, the
    secondary figure); return whether there was any agreement before adjudication to measure."""
    from byline.agreement import (
        AGAINST_GOLD,
        BEFORE_ADJUDICATION,
        NoAgreementPairs,
        measure_agreement,
        render_table,
        write_agreement,
    )

    measured = False
    for stage, path in ((BEFORE_ADJUDICATION, out), (AGAINST_GOLD, out.with_name(f"{out.stem}-against-gold.json"))):
        try:
            agreement = measure_agreement([exports], stage)
        except NoAgreementPairs as exc:
            row = ": the leaderboard has no annotator-agreement row" if stage == BEFORE_ADJUDICATION else ""
            click.echo(f"    nothing to compare ({exc}){row}", err=True)
            continue
        write_agreement(agreement, path)
        click.echo("".join(f"    {line}\n" for line in render_table(agreement).splitlines()) + f"    wrote {path}", err=True)
        measured = measured or stage == BEFORE_ADJUDICATION
    return measured


def run(root: Path) -> int:
    """Run every stage; return the process exit status."""
    exports_dir = root / "annotations" / "exports"
    exports = sorted(exports_dir.glob("*.json"))
    build = root / "build"
    agreement = build / "agreement.json"
    measured = False

    def measure() -> None:
        nonlocal measured
        measured = measure_agreement_stage(exports_dir, agreement)

    def leaderboard() -> list[str]:
        from byline.systems.extra import INSTALL_HINT, missing_libraries

        missing = missing_libraries()
        if missing:
            click.echo(f"    byline[systems] is not installed ({', '.join(missing)} missing): the field's systems "
                       f"are left off the leaderboard; {INSTALL_HINT}", err=True)
        return ["leaderboard", "--run-baselines", *([] if missing else ["--run-systems"]), "--dataset",
                str(build / "dataset"), "--out", str(build / "leaderboard"),
                *(["--agreement", str(agreement)] if measured else [])]

    stages: list[tuple[str, list[Callable[[], list[str] | None]]]] = [
        ("validate the Label Studio exports", [lambda: ["validate", *map(str, exports)]] if exports else []),
        ("build the dataset",
         [lambda: ["build", "--annotations", str(root / "annotations"), "--out", str(build / "dataset")]]),
        ("measure the annotators' agreement", [measure] if exports else []),
        ("run, score and rank the baselines and the field's systems", [leaderboard]),
    ]
    missing: list[str] = []
    for title, steps in stages:
        click.echo(f"==> {title}", err=True)
        if not steps:
            click.echo("    nothing to do: annotations/exports/ holds no export yet", err=True)
            continue
        for step in steps:
            args: list[str] | None = None
            try:
                args = step()
                if args is not None:
                    _run_cli(args)
            except NotBuiltYet:
                missing.append(title)
                click.echo(f"    not built yet: `byline {args[0] if args else title}` — skipped", err=True)
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
