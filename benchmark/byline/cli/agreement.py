"""`byline agreement` (also `byline studio agreement`): inter-annotator agreement of exports."""

from __future__ import annotations

import json
from pathlib import Path

import click

from byline.errors import UsageError


@click.command("agreement")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("build/agreement.json"),
              show_default=True, help="The agreement JSON file (the leaderboard's human-agreement row).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(exports: tuple[Path, ...], out: Path, fmt: str) -> None:
    """Inter-annotator agreement of Label Studio exports (files or folders) with several
    annotators per task: each layer scored like a system (one annotator as gold, the other as
    system, both ways), plus Cohen's kappa for boilerplate at character level."""
    from byline.agreement import measure_agreement, render_table

    missing = [str(p) for p in exports if not p.exists()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    agreement = measure_agreement(list(exports))
    payload = json.dumps(agreement.to_json(), indent=2, ensure_ascii=False) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(payload, encoding="utf-8")
    click.echo(payload if fmt == "json" else render_table(agreement) + f"wrote {out}", nl=fmt != "json")
