#!/usr/bin/env python3
"""Rank result files into a leaderboard: ``scripts/leaderboard.py RESULT.json ... [--out DIR]``.

A thin entry point to ``byline leaderboard`` (see ``--help``). ``--update-docs`` regenerates
docs/leaderboard.md, the committed leaderboard of the shipped baselines, from this repository's
data, wherever it is run from.
"""

from __future__ import annotations

import sys
from pathlib import Path

from byline.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--update-docs" in args and "--root" not in args:
        args += ["--root", str(Path(__file__).resolve().parent.parent)]
    sys.exit(main(["leaderboard", *args]))
