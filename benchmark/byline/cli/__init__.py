"""The ``byline`` command line. Each command module only parses arguments and calls a typed
library function; nothing here computes anything."""

from __future__ import annotations

import sys

import click

from byline import __version__
from byline.cli import (
    agreement,
    align,
    baseline,
    build,
    dehydrate,
    hydrate,
    leaderboard,
    score,
    sources,
    studio,
    validate,
)
from byline.errors import BylineError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110, "terminal_width": 110})
@click.version_option(__version__, prog_name="byline")
def cli() -> None:
    """Byline: a benchmark for reading news the way a fact-checker does.

    Four layers over news articles: entities, claims, attributions (who said what) and
    boilerplate. Offsets everywhere are half-open [start, end) Python code points.
    """


for module in (validate, build, hydrate, dehydrate, score, align, leaderboard, baseline, agreement, studio, sources):
    cli.add_command(module.command)


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
