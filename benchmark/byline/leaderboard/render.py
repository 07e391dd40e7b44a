"""Renderings of a :class:`~byline.leaderboard.table.Leaderboard`: Markdown, CSV and JSON
(the HTML page is :mod:`byline.leaderboard.html`). Each is a string; :func:`write_leaderboard`
writes all four into a directory. Nothing here computes a score or prints."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from byline.leaderboard.origins import OriginBoard
from byline.leaderboard.reference import REFERENCE_NAME
from byline.leaderboard.significance import SignificanceSettings
from byline.leaderboard.table import OVERALL, Leaderboard
from byline.origins import ALL

TITLES = {
    "entities": "Entities", "claims": "Claims", "attributions": "Attributions", "boilerplate": "Boilerplate",
    OVERALL: "Overall",
}
METRIC_NAMES = {
    "schemes.strict.f1": "strict F1 (span and type)",
    "soft.f1": "soft-overlap F1",
    "relations.soft.f1": "whole-relation soft F1",
    "characters.f1": "character-level F1",
}
GROUPING_RULE = (
    "Systems that share a letter in *Group* are not significantly different; systems with no letter in "
    "common are"
)
FILES = {"markdown": "leaderboard.md", "csv": "leaderboard.csv", "json": "leaderboard.json",
         "html": "leaderboard.html"}


def number(value: float | None) -> str:
    """A score as shown: three decimals, or an em dash when undefined."""
    return "—" if value is None else f"{value:.3f}"


def interval(low: float | None, high: float | None) -> str:
    return "—" if low is None or high is None else f"[{number(low)}, {number(high)}]"


def metric_title(board: str, metric: str) -> str:
    if board == OVERALL:
        return "mean of the four layers' primary scores"
    return f"{METRIC_NAMES.get(metric, metric)} (`{metric}`)"


def overall_note(leaderboard: Leaderboard) -> str:
    """The sentence under the overall table about who is (not) on it."""
    text = "Only systems that predict all four layers are on the overall board"
    if not leaderboard.partial:
        return text + "."
    left = "; ".join(f"{name} ({', '.join(layers) or 'no layer'})" for name, layers in leaderboard.partial.items())
    return f"{text}; left off (layers they predict): {left}. They appear on the boards of those layers."


def agreement_note(leaderboard: Leaderboard) -> str | None:
    """The note under the tables about the annotator-agreement reference row (``None`` without one)."""
    agreement = leaderboard.agreement
    if agreement is None:
        return None
    documents = len(agreement.document_ids)
    in_split = len(set(agreement.document_ids) & set(leaderboard.document_ids))
    sample = (f"{documents} documents with two annotations" if agreement.pairs == documents
              else f"{documents} documents with two or more annotations ({agreement.pairs} pairs)")
    return (
        f"*{REFERENCE_NAME.capitalize()}* is a reference row, not a system: it has no rank and no group and is not "
        "tested against the systems. Its score is the corpus's inter-annotator agreement before adjudication "
        "(`byline agreement`): two independent annotations of a document, neither of them the adjudicated gold; on "
        "each layer the board's primary metric with one annotation as gold and the other as the system, averaged "
        "over both directions (overall: the mean of the four layers), with a bootstrap interval over the pairs; "
        f"over {sample}, {in_split} of them in the {leaderboard.split} split ranked here. The annotators were "
        "model-based sessions (AI assistant sessions) following the same guidelines (`annotations/GUIDELINES.md`), "
        "not people: read the row as a consistency check of the annotation, not a human ceiling."
    )


def notes(leaderboard: Leaderboard) -> list[str]:
    """The notes under the tables: the reference row (if any), significance, provenance."""
    reference = agreement_note(leaderboard)
    return [*([reference] if reference else []), significance_note(leaderboard.settings), *provenance(leaderboard)]


def significance_note(settings: SignificanceSettings) -> str:
    return f"{GROUPING_RULE} ({settings.describe()})."


def provenance(leaderboard: Leaderboard) -> list[str]:
    """Lines saying what the numbers rest on: gold data, scorer, intervals, test settings."""
    return [
        f"Gold data: split `{leaderboard.split}` ({leaderboard.documents} documents) of the dataset with "
        f"fingerprint `{leaderboard.fingerprint}`; scorer version {leaderboard.scorer_version}.",
        "95% intervals: " + "; ".join(f"`{s}`" for s in leaderboard.interval_signatures) + ".",
        f"Significance: `{leaderboard.settings.signature}`.",
    ]


def _cell(value: Any) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _system_cell(row: dict[str, Any]) -> str:
    name = _cell(row["system"])
    if row["reference"]:
        return f"*{name}*"
    return f"[{name}]({row['url']})" if row["url"] else name


def _sha_cell(sha: str | None) -> str:
    return f"`{sha}`" if sha else "—"


def board_markdown(leaderboard: Leaderboard, board: str, level: int = 3) -> str:
    rows = leaderboard.board(board).to_dicts()
    metric = rows[0]["metric"] if rows else ""
    lines = [f"{'#' * level} {TITLES.get(board, board)} — {metric_title(board, metric)}", ""]
    lines.append("| Rank | System | Version | Score | 95% CI | Group | Date | Predictions SHA-256 |")
    lines.append("|---:|---|---|---:|---|:---:|---|---|")
    for row in rows:
        lines.append(
            f"| {_cell(row['rank'])} | {_system_cell(row)} | {_cell(row['version'])} | {number(row['score'])} | "
            f"{interval(row['ci_low'], row['ci_high'])} | {_cell(row['group'])} | {_cell(row['date'])} | "
            f"{_sha_cell(row['predictions_sha256'])} |"
        )
    if board == OVERALL:
        lines += ["", overall_note(leaderboard)]
    return "\n".join(lines)


def to_markdown(leaderboard: Leaderboard, level: int = 3) -> str:
    """Every board as a Markdown table (overall first), then the notes."""
    order = [OVERALL, *(b for b in leaderboard.boards if b != OVERALL)] if OVERALL in leaderboard.boards \
        else list(leaderboard.boards)
    parts = [board_markdown(leaderboard, board, level) for board in order]
    if OVERALL not in leaderboard.boards:
        parts.append(overall_note(leaderboard).replace("are on the overall board", "would be on an overall board")
                     + " No system predicts all four.")
    return "\n\n".join(parts) + "\n\n" + "\n".join(f"- {note}" for note in notes(leaderboard)) + "\n"


def to_csv(leaderboard: Leaderboard) -> str:
    """One row per board and system (the table as it is)."""
    return leaderboard.table.write_csv()


def _reference_record(leaderboard: Leaderboard) -> dict[str, Any] | None:
    agreement = leaderboard.agreement
    if agreement is None:
        return None
    return {
        "name": REFERENCE_NAME,
        "kind": "inter-annotator agreement: symmetric primary score per layer (byline agreement)",
        "annotators": "model-based sessions (AI assistant sessions) following annotations/GUIDELINES.md",
        "source": agreement.source, "schema_version": agreement.schema_version,
        "documents": list(agreement.document_ids), "pairs": agreement.pairs,
        "documents_in_split": sorted(set(agreement.document_ids) & set(leaderboard.document_ids)),
        "note": agreement_note(leaderboard),
    }


def to_json_record(leaderboard: Leaderboard) -> dict[str, Any]:
    settings = leaderboard.settings
    return {
        "dataset": {"fingerprint": leaderboard.fingerprint, "split": leaderboard.split,
                    "documents": leaderboard.documents},
        "scorer_version": leaderboard.scorer_version,
        "intervals": list(leaderboard.interval_signatures),
        "significance": {
            "test": "paired approximate randomisation over documents, two-sided",
            "trials": settings.trials, "seed": settings.seed, "rng": "PCG64", "alpha": settings.alpha,
            "correction": "holm", "signature": settings.signature,
            "grouping": "maximal sets of systems with no significant difference between any two; "
                        "two systems share a group letter exactly when their difference is not significant",
        },
        "boards": {board: leaderboard.board(board).to_dicts() for board in leaderboard.boards},
        "pairs": leaderboard.pairs.to_dicts(),
        "left_off_overall": {name: list(layers) for name, layers in leaderboard.partial.items()},
        "reference": _reference_record(leaderboard),
    }


def to_json(leaderboard: Leaderboard) -> str:
    return json.dumps(to_json_record(leaderboard), indent=2, ensure_ascii=False) + "\n"


def write_leaderboard(leaderboard: Leaderboard, out: Path) -> dict[str, Path]:
    """Write Markdown, CSV, JSON and the HTML page into ``out``; return their paths by format."""
    from byline.leaderboard.html import to_html

    out.mkdir(parents=True, exist_ok=True)
    texts = {"markdown": to_markdown(leaderboard), "csv": to_csv(leaderboard), "json": to_json(leaderboard),
             "html": to_html(leaderboard)}
    paths = {}
    for kind, text in texts.items():
        path = out / FILES[kind]
        path.write_text(text, encoding="utf-8", newline="\n")
        paths[kind] = path
    return paths



def _documents_line(board: OriginBoard) -> str:
    lb = board.leaderboard
    if board.subset == ALL:
        return f"All {lb.documents} documents of the `{lb.split}` split."
    return f"The {lb.documents} `{board.subset}` documents of the `{lb.split}` split ({board.title.lower()})."


def to_markdown_by_origin(boards: Sequence[OriginBoard], level: int = 2) -> str:
    """Every subset's boards (real news first, :mod:`byline.leaderboard.origins`): a heading of
    ``level`` per subset and its boards one level below; one subset gets no heading, only a line
    saying which documents were ranked (result files without origins: the boards as they were)."""
    if len(boards) == 1:
        board = boards[0]
        head = "" if board.subset == ALL else _documents_line(board) + "\n\n"
        return head + to_markdown(board.leaderboard, level + 1)
    parts = [f"{'#' * level} {board.title} — `{board.subset}`\n\n{_documents_line(board)}\n\n"
             + to_markdown(board.leaderboard, level + 1) for board in boards]
    return "\n".join(parts)


def to_csv_by_origin(boards: Sequence[OriginBoard]) -> str:
    """One row per subset, board and system: the tables with a ``subset`` column in front."""
    tables = [board.leaderboard.table.select(pl.lit(board.subset).alias("subset"), pl.all()) for board in boards]
    return pl.concat(tables).write_csv()


def to_json_by_origin(boards: Sequence[OriginBoard]) -> str:
    """The first (headline) subset's record at the top level, as before, with ``subset`` naming it,
    and every subset's record under ``by_origin`` in board order."""
    records = [{"subset": board.subset, **to_json_record(board.leaderboard)} for board in boards]
    return json.dumps({**records[0], "by_origin": records}, indent=2, ensure_ascii=False) + "\n"


def write_origin_leaderboards(boards: Sequence[OriginBoard], out: Path) -> dict[str, Path]:
    """Write Markdown, CSV and JSON of every subset, the headline subset's HTML page as
    ``leaderboard.html`` and each other subset's as ``leaderboard-<subset>.html``."""
    from byline.leaderboard.html import to_html

    out.mkdir(parents=True, exist_ok=True)
    pages = {board.subset: FILES["html"] if i == 0 else f"leaderboard-{board.subset}.html" for i, board in enumerate(boards)}
    texts = {"markdown": to_markdown_by_origin(boards), "csv": to_csv_by_origin(boards),
             "json": to_json_by_origin(boards)}
    paths = {}
    for kind, text in texts.items():
        paths[kind] = out / FILES[kind]
        paths[kind].write_text(text, encoding="utf-8", newline="\n")
    for i, board in enumerate(boards):
        title = _page_title(board) if len(boards) > 1 else "Byline leaderboard"
        links = [(other.title, pages[other.subset]) for other in boards if other is not board]
        path = out / pages[board.subset]
        path.write_text(to_html(board.leaderboard, title, links), encoding="utf-8", newline="\n")
        paths["html" if i == 0 else f"html-{board.subset}"] = path
    return paths


def _page_title(board: OriginBoard) -> str:
    return "Byline leaderboard" if board.subset == ALL else f"Byline leaderboard: {board.title}"
