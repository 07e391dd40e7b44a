"""The leaderboard as one self-contained static HTML page.

Everything is inline — CSS in a ``<style>`` element, one SVG chart per board — and the page has
no script and no external reference (no CDN, no font, no image), so it opens offline from disk.
Each chart draws every system's score as a dot and its 95% interval as a bar with caps, on a
fixed 0–1 axis so boards can be compared by eye; each table repeats the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from byline.leaderboard.render import (
    TITLES,
    interval,
    metric_title,
    notes,
    number,
    overall_note,
)
from byline.leaderboard.table import OVERALL, Leaderboard

WIDTH = 760
LABEL_WIDTH = 220
RIGHT_MARGIN = 60
ROW_HEIGHT = 26
AXIS_HEIGHT = 34
TICKS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)

STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2230;
       margin: 2rem auto; max-width: 1100px; padding: 0 1rem; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .4rem; border-bottom: 1px solid #dde1ea; padding-bottom: .2rem; }
.metric { color: #5a6275; font-weight: normal; font-size: .95rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e8ebf1; vertical-align: top; }
th { background: #f4f6fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.group { text-align: center; font-weight: 600; }
td.sha { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .75rem; word-break: break-all; }
.note, .notes { color: #4a5266; font-size: .88rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg .axis line { stroke: #c9cfdb; }
svg .axis text, svg .label { font: 12px system-ui, sans-serif; fill: #1d2230; }
svg .axis text { fill: #5a6275; }
svg .interval { stroke: #3a63c4; stroke-width: 2; }
svg .score { fill: #1d3f91; }
svg .value { font: 11px system-ui, sans-serif; fill: #5a6275; }
tr.reference td { background: #fbf7ec; font-style: italic; }
svg .reference .interval { stroke: #a5791c; stroke-dasharray: 4 2; }
svg .reference .score { fill: #fff; stroke: #a5791c; stroke-width: 2; }
svg .reference .label { font-style: italic; }
"""


def _x(value: float) -> float:
    """The x coordinate of a score on the chart's 0–1 axis."""
    clipped = min(1.0, max(0.0, value))
    return LABEL_WIDTH + clipped * (WIDTH - LABEL_WIDTH - RIGHT_MARGIN)


def chart(board: str, rows: list[dict[str, Any]]) -> str:
    """An SVG dot-and-interval chart of one board."""
    height = AXIS_HEIGHT + ROW_HEIGHT * len(rows) + 8
    title = f"{TITLES.get(board, board)}: score and 95% interval of each system"
    out = [f'<svg class="chart" data-board="{escape(board)}" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
           f'aria-label="{escape(title)}"><title>{escape(title)}</title>', '<g class="axis">']
    for tick in TICKS:
        x = _x(tick)
        out.append(f'<line x1="{x:.1f}" y1="{AXIS_HEIGHT - 8}" x2="{x:.1f}" y2="{height - 4}"/>'
                   f'<text x="{x:.1f}" y="{AXIS_HEIGHT - 14}" text-anchor="middle">{tick:.1f}</text>')
    out.append("</g>")
    for i, row in enumerate(rows):
        y = AXIS_HEIGHT + ROW_HEIGHT * i + ROW_HEIGHT / 2
        name = row["system"] + (f" {row['version']}" if row["version"] else "")
        reference = bool(row["reference"])
        tip = (f"{name}: {number(row['score'])} {interval(row['ci_low'], row['ci_high'])}, "
               + ("a reference, not ranked" if reference else f"group {row['group']}"))
        attrs = (f'data-system="{escape(row["system"])}" data-score="{row["score"]:.6f}"'
                 + (f' data-ci-low="{row["ci_low"]:.6f}" data-ci-high="{row["ci_high"]:.6f}"'
                    if row["ci_low"] is not None and row["ci_high"] is not None else "")
                 + (' data-reference="true"' if reference else ""))
        out.append(f'<g class="{"system reference" if reference else "system"}" {attrs}><title>{escape(tip)}</title>')
        label = escape(name) if reference else f'{row["rank"]}. {escape(name)}'
        out.append(f'<text class="label" x="{LABEL_WIDTH - 10}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
        if row["ci_low"] is not None and row["ci_high"] is not None:
            low, high = _x(row["ci_low"]), _x(row["ci_high"])
            out.append(f'<line class="interval" x1="{low:.1f}" y1="{y:.1f}" x2="{high:.1f}" y2="{y:.1f}"/>'
                       f'<line class="interval" x1="{low:.1f}" y1="{y - 5:.1f}" x2="{low:.1f}" y2="{y + 5:.1f}"/>'
                       f'<line class="interval" x1="{high:.1f}" y1="{y - 5:.1f}" x2="{high:.1f}" y2="{y + 5:.1f}"/>')
        score_x = _x(row["score"])
        out.append(f'<circle class="score" cx="{score_x:.1f}" cy="{y:.1f}" r="5"/>')
        out.append(f'<text class="value" x="{WIDTH - RIGHT_MARGIN + 4}" y="{y + 4:.1f}">{number(row["score"])}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _cell(value: Any) -> str:
    return "—" if value is None or value == "" else escape(str(value))


def table(rows: list[dict[str, Any]], board: str) -> str:
    head = ("<tr><th class=num>Rank</th><th>System</th><th>Version</th><th class=num>Score</th>"
            "<th>95% CI</th><th>Group</th><th>Date</th><th>Predictions SHA-256</th></tr>")
    body = []
    for row in rows:
        name = _cell(row["system"])
        system = f'<a href="{escape(row["url"])}">{name}</a>' if row["url"] else name
        kind = ' class="reference" data-reference="true"' if row["reference"] else ""
        body.append(
            f'<tr data-system="{escape(row["system"])}"{kind}><td class=num>{_cell(row["rank"])}</td><td>{system}</td>'
            f'<td>{_cell(row["version"])}</td><td class="num score">{number(row["score"])}</td>'
            f'<td class=num>{interval(row["ci_low"], row["ci_high"])}</td><td class=group>{_cell(row["group"])}</td>'
            f'<td>{_cell(row["date"])}</td><td class=sha>{_cell(row["predictions_sha256"])}</td></tr>'
        )
    return (f'<table class="board-table" data-board="{escape(board)}"><thead>{head}</thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _inline_code(text: str) -> str:
    """Markdown-ish note text as HTML: backticks become <code>, asterisks are dropped."""
    parts = escape(text).split("`")
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts)).replace("*", "")


def to_html(leaderboard: Leaderboard, title: str = "Byline leaderboard",
            links: Sequence[tuple[str, str]] = ()) -> str:
    """The whole page as one string; ``links`` (text, relative URL) name the pages of the other
    subsets of the split (boards per origin)."""
    order = ([OVERALL] if OVERALL in leaderboard.boards else []) + [b for b in leaderboard.boards if b != OVERALL]
    sections = []
    for board in order:
        rows = leaderboard.board(board).to_dicts()
        metric = rows[0]["metric"] if rows else ""
        note = f'<p class="note">{escape(overall_note(leaderboard))}</p>' if board == OVERALL else ""
        sections.append(
            f'<section class="board" id="board-{escape(board)}" data-board="{escape(board)}">'
            f'<h2>{escape(TITLES.get(board, board))} <span class="metric">— {_inline_code(metric_title(board, metric))}'
            f'</span></h2><figure>{chart(board, rows)}</figure>{table(rows, board)}{note}</section>'
        )
    if OVERALL not in leaderboard.boards:
        sections.insert(0, f'<p class="note">{escape(overall_note(leaderboard))} No system predicts all four.</p>')
    listed = "".join(f"<li>{_inline_code(line)}</li>" for line in notes(leaderboard))
    also = ", ".join(f'<a href="{escape(url)}">{escape(text)}</a>' for text, url in links)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>"
        f'<p class="note">Split <code>{escape(leaderboard.split)}</code>, {leaderboard.documents} documents; '
        f"scores are the primary metric of each layer, with 95% bootstrap intervals over documents.</p>"
        + (f'<p class="note">The same systems on other documents of the split: {also}.</p>' if links else "")
        + f'{"".join(sections)}<ul class="notes">{listed}</ul></body></html>\n'
    )
