"""`byline agreement` (also `byline studio agreement`): inter-annotator agreement of exports."""

from __future__ import annotations

from pathlib import Path

import click

from byline.cli._common import texts_options
from byline.errors import UsageError


@click.command("agreement")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("build/agreement.json"),
              show_default=True, help="The agreement JSON file (`byline leaderboard --agreement`: the annotator-agreement row).")
@texts_options
@click.option("--origin", help="Only the documents of this meta.origin (e.g. wikinews, authored).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--stage", type=click.Choice(["before-adjudication", "against-gold"]), default="before-adjudication",
              show_default=True, help="before-adjudication: annotator against annotator, the independent annotations "
              "made before the adjudicated (ground truth) one (the primary figure); against-gold: each annotation "
              "against the adjudicated gold of its task (secondary).")
def command(exports: tuple[Path, ...], out: Path, texts: Path | None, download: bool, origin: str | None,
            fmt: str, stage: str) -> None:
    """Inter-annotator agreement of Label Studio exports (files or folders) with several
    annotators per task: each layer scored like a system (one annotator as gold, the other as
    system, both ways), plus Cohen's kappa for boilerplate at character level."""
    from byline.agreement import measure_agreement, render_table, write_agreement
    from byline.sources import TextsLocation

    missing = [str(p) for p in exports if not p.exists()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    agreement = measure_agreement(list(exports), stage, texts=TextsLocation(texts, download), origin=origin)
    payload = write_agreement(agreement, out)
    click.echo(payload if fmt == "json" else render_table(agreement) + f"wrote {out}", nl=fmt != "json")
