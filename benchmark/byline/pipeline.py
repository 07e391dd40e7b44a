"""Byline's main job on the shipped data (what ``scripts/run`` runs).

0. find the texts of the declared sources (``annotations/sources/``, e.g. the Wikinews articles in
   ``../shared/wikinews`` beside the checkout, ``--texts DIR``/``$BYLINE_TEXTS``, or ``--download``);
   a source whose texts are missing is said so, with how to get them, and its standoff documents
   are left out of the build (the card and the account list them) — the rest is built;
1. validate every Label Studio export in ``annotations/exports/`` (dehydrated ones hydrated);
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
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import click

from byline.cli._common import texts_options
from byline.errors import BylineError, NotBuiltYet
from byline.sources.files import TextsLocation


def _run_cli(args: list[str]) -> None:
    from byline.cli import main

    code = main(args)
    if code == NotBuiltYet.exit_code:
        raise NotBuiltYet(f"`byline {' '.join(args[:1])}` is not built yet")
    if code != 0:
        raise BylineError(f"`byline {' '.join(args)}` failed with exit status {code}")


def standoff_tasks(exports: list[Path]) -> Counter[str]:
    """How many dehydrated tasks of each source the export files hold."""
    from byline.exports.reader import read_tasks
    from byline.sources.standoff import STANDOFF_KEY, is_dehydrated

    used: Counter[str] = Counter()
    for path in exports:
        for raw in read_tasks(path, []):
            if is_dehydrated(raw.task):
                used[str(raw.task["data"][STANDOFF_KEY].get("source"))] += 1
    return used


def sources_stage(root: Path, texts: TextsLocation, exports: list[Path]) -> list[str]:
    """Say where each declared source's texts were found; return the messages of those missing
    that the exports need."""
    from byline.sources import TextLibrary

    library = TextLibrary.for_annotations(root / "annotations", texts)
    used = standoff_tasks(exports)
    missing = []
    for name in sorted(library.declarations):
        documents = library.documents(name)
        if documents is None and not used[name]:
            click.echo(f"    {name}: texts not found, and no export holds a standoff document of it", err=True)
        elif documents is None:
            missing.append(str(library.missing[name]))
            click.echo(f"    {name}: texts MISSING; its {used[name]} standoff document(s) are left out of this build",
                       err=True)
        else:
            click.echo(f"    {name}: {len(documents)} documents ({library.found(name)}, sha256 checked)", err=True)
    if not library.declarations:
        click.echo("    no source declared in annotations/sources/", err=True)
    return missing


def measure_agreement_stage(exports: Path, out: Path, texts: TextsLocation | None = None) -> list[Path]:
    """Measure the agreement of ``exports`` before adjudication into ``out`` (the leaderboard's
    row on the whole split's boards) and into ``<out stem>-<origin>.json`` per origin (that
    origin's boards), and against the adjudicated gold (``<out stem>-against-gold.json``, the
    secondary figure); return the files of the agreement before adjudication."""
    from byline.agreement import (
        AGAINST_GOLD,
        BEFORE_ADJUDICATION,
        agreements_by_origin,
        render_table,
        write_agreement,
    )

    rows: list[Path] = []
    for stage in (BEFORE_ADJUDICATION, AGAINST_GOLD):
        found = agreements_by_origin([exports], stage, texts=texts)
        if stage == AGAINST_GOLD:
            found = found[:1]  # the secondary figure over every document
        if not found:
            row = ": the leaderboard has no annotator-agreement row" if stage == BEFORE_ADJUDICATION else ""
            click.echo(f"    nothing to compare ({stage}: no pairs of annotations){row}", err=True)
        for agreement in found:
            name = out.stem + (f"-{agreement.origin}" if agreement.origin else "") + (
                "-against-gold" if stage == AGAINST_GOLD else "")
            path = out.with_name(f"{name}.json")
            write_agreement(agreement, path)
            if agreement.origin is None:
                click.echo("".join(f"    {line}\n" for line in render_table(agreement).splitlines()), err=True)
            click.echo(f"    wrote {path}", err=True)
            if stage == BEFORE_ADJUDICATION:
                rows.append(path)
    return rows


def run(root: Path, texts: TextsLocation | None = None) -> int:
    """Run every stage; return the process exit status."""
    texts = texts or TextsLocation()
    source_args = [*(["--texts", str(texts.texts)] if texts.texts else []), *(["--download"] if texts.download else [])]
    exports_dir = root / "annotations" / "exports"
    exports = sorted(exports_dir.glob("*.json"))
    build = root / "build"
    agreement = build / "agreement.json"
    measured: list[Path] = []

    def measure() -> None:
        measured[:] = measure_agreement_stage(exports_dir, agreement, texts)

    def leaderboard() -> list[str]:
        from byline.systems.extra import INSTALL_HINT, missing_libraries

        missing = missing_libraries()
        if missing:
            click.echo(f"    byline[systems] is not installed ({', '.join(missing)} missing): the field's systems "
                       f"are left off the leaderboard; {INSTALL_HINT}", err=True)
        return ["leaderboard", "--run-baselines", *([] if missing else ["--run-systems"]), "--dataset",
                str(build / "dataset"), "--out", str(build / "leaderboard"),
                *[arg for path in measured for arg in ("--agreement", str(path))]]

    missing_sources: list[str] = []

    def find_sources() -> None:
        missing_sources.extend(sources_stage(root, texts, exports))

    stages: list[tuple[str, list[Callable[[], list[str] | None]]]] = [
        ("find the texts of the declared sources", [find_sources]),
        ("validate the Label Studio exports",
         [lambda: ["validate", *map(str, exports), "--annotations", str(root / "annotations"), *source_args]]
         if exports else []),
        ("build the dataset",
         [lambda: ["build", "--annotations", str(root / "annotations"), "--out", str(build / "dataset"),
                   "--skip-missing-sources", *source_args]]),
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
    for message in missing_sources:
        click.echo(f"Built without some documents: {message}", err=True)
    return 0


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@texts_options
def main(texts: Path | None, download: bool) -> None:
    """Byline's main job on the shipped data: validate, build, agreement, baselines, leaderboard."""
    sys.exit(run(Path.cwd(), TextsLocation(texts, download)))


if __name__ == "__main__":
    main(prog_name="scripts/run")
