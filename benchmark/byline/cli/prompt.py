"""`byline prompt`: write one request per document for a generative system (no model is called)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("prompt")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the requests (JSONL, one per document).")
@click.option("--dataset", type=click.Path(file_okay=False, path_type=Path), default=Path("build/dataset"),
              show_default=True, help="A built dataset directory.")
@click.option("--split", default="test", show_default=True)
@click.option("--layers", default="entities,claims,attributions,boilerplate", show_default=True,
              help="Comma-separated layers to ask for.")
def command(out: Path, dataset: Path, split: str, layers: str) -> None:
    """Write one request per document of a split: an instruction, the text, and the JSON Schema
    of the string-only answer. Align the answers with `byline align`, then `byline score`."""
    from byline.prompt import write_requests

    chosen = [name.strip() for name in layers.split(",") if name.strip()]
    count = write_requests(dataset, split, out, chosen)
    click.echo(f"wrote {count} request(s) for {split} to {out}; keep one answer per line, then: "
               f"byline align ANSWERS.jsonl --dataset {dataset} --split {split} --out PRED.jsonl", err=True)
