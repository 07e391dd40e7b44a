"""The leaderboard: result files in, ranked boards with intervals and significance groups out.

* :mod:`~byline.leaderboard.results` — result files read into typed records, and the refusal of
  files that cannot share a board (gold fingerprint, split, scorer or schema version);
* :mod:`~byline.leaderboard.significance` — paired approximate randomisation over documents,
  Holm's correction, and the significance groups (the grouping rule is stated there);
* :mod:`~byline.leaderboard.table` — the pure function :func:`build_leaderboard` from result
  records to a polars table (one row per board and system);
* :mod:`~byline.leaderboard.render`, :mod:`~byline.leaderboard.html` — Markdown, CSV, JSON and
  the self-contained HTML page;
* :mod:`~byline.leaderboard.baselines` — run, score and rank the shipped baselines;
* :mod:`~byline.leaderboard.published` — the committed ``docs/leaderboard.md``.
"""

from byline.leaderboard.results import SystemResult, read_result
from byline.leaderboard.significance import SignificanceSettings
from byline.leaderboard.table import BOARDS, Leaderboard, build_leaderboard

__all__ = ["BOARDS", "Leaderboard", "SignificanceSettings", "SystemResult", "build_leaderboard", "read_result"]
