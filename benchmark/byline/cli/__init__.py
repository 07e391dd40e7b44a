"""The ``byline`` command line. Each command module only parses arguments and calls a typed
library function; nothing here computes anything.

Commands are registered in :data:`COMMANDS` by import path and load when they run
(:mod:`byline.cli.lazy`), so ``byline --help`` and ``byline --version`` import none of them.
To add a command: write ``byline/cli/NAME.py`` with a click ``command`` and add one entry here
(its summary is its docstring's first sentence; a test keeps the two equal)."""

from __future__ import annotations

import sys

import click

from byline import __version__
from byline.cli.lazy import LazyCommand, LazyGroup
from byline.errors import BylineError

COMMANDS = {
    "agreement": LazyCommand(
        "byline.cli.agreement:command",
        "Inter-annotator agreement of Label Studio exports (files or folders) with several annotators per "
        "task: each layer scored like a system (one annotator as gold, the other as system, both ways), "
        "plus Cohen's kappa for boilerplate at character level.",
    ),
    "align": LazyCommand("byline.cli.align:command",
                         "Give string-only predictions offsets by Byline's deterministic alignment."),
    "baseline": LazyCommand("byline.cli.baseline:command",
                            "Run a shipped baseline system on a split and write its predictions."),
    "build": LazyCommand("byline.cli.build:command",
                         "Validate annotations/ and build the dataset (Parquet, card, gold JSONL)."),
    "dehydrate": LazyCommand("byline.cli.dehydrate:command",
                             "Take third-party text out of Label Studio exports or task files (standoff)."),
    "hydrate": LazyCommand("byline.cli.hydrate:command",
                           "Put the texts back into dehydrated Label Studio exports or task files."),
    "leaderboard": LazyCommand(
        "byline.cli.leaderboard:command",
        "Rank RESULT.json files (from `byline score --out`) into per-layer and overall boards with 95% "
        "intervals and significance groups; print the table and write it under --out.",
    ),
    "prompt": LazyCommand(
        "byline.cli.prompt:command",
        "Write one request per document of a split: an instruction, the text, and the JSON Schema of the "
        "string-only answer.",
    ),
    "score": LazyCommand("byline.cli.score:command",
                         "Score a system's predictions against the gold data, with 95% intervals."),
    "sources": LazyCommand("byline.cli.sources:command",
                           "Declared text sources: standoff documents whose text is never committed."),
    "studio": LazyCommand("byline.cli.studio:command",
                          "Work with Label Studio: the labeling config, projects, imports, exports."),
    "system": LazyCommand("byline.cli.system:command",
                          "Run the field's own tools as Byline systems (needs the byline[systems] extra)."),
    "validate": LazyCommand("byline.cli.validate:command",
                            "Check Label Studio JSON exports (files or folders); report every problem."),
}
"""Every ``byline`` command: name -> where it lives and its one-line summary."""


@click.group(cls=LazyGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110, "terminal_width": 110})
@click.version_option(__version__, prog_name="byline")
def cli() -> None:
    """Byline: a benchmark for reading news the way a fact-checker does.

    Four layers over news articles: entities, claims, attributions (who said what) and
    boilerplate. Offsets everywhere are half-open [start, end) Python code points.
    """



def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script: user errors become one clear message, no traceback."""
    try:
        status = cli.main(args=argv, prog_name="byline", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except BylineError as exc:
        click.echo(f"byline: error: {exc}", err=True)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    # click returns the code of a command's click.exceptions.Exit in non-standalone mode.
    return status if isinstance(status, int) else 0


if __name__ == "__main__":
    sys.exit(main())
