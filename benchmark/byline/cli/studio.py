"""`byline studio …`: drive a running Label Studio (config, setup, import, export, …)."""

from __future__ import annotations

import click

from byline.cli._common import not_built
from byline.studio.config import generate_label_config, write_schema_artifacts


@click.group("studio")
def command() -> None:
    """Work with Label Studio: the labeling config, projects, imports, exports."""


@command.command("config")
@click.option("--write", "write", is_flag=True, help="Also rewrite the checked-in copies under schema/.")
def config(write: bool) -> None:
    """Print the labeling config generated from schema/labels.json."""
    click.echo(generate_label_config(), nl=False)
    if write:
        for path in write_schema_artifacts():
            click.echo(f"wrote {path}", err=True)


for _name, _doc in (
    ("setup", "Create or update the Byline project in a running Label Studio."),
    ("import", "Import documents (task files or .txt with a meta sidecar)."),
    ("export", "Export every task in Label Studio's JSON format and validate it."),
    ("preannotate", "Push a system's predictions as pre-annotations."),
    ("agreement", "Inter-annotator agreement per layer for an export."),
):

    def _make(name: str, doc: str) -> click.Command:
        @click.command(name, help=doc, context_settings={"ignore_unknown_options": True})
        @click.argument("args", nargs=-1, type=click.UNPROCESSED)
        def _cmd(args: tuple[str, ...]) -> None:
            raise not_built(f"studio {name}", "issue: Label Studio integration")

        return _cmd

    command.add_command(_make(_name, _doc))

