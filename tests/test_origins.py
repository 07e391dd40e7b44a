"""Per-origin statistics and the card's real-versus-authored comparison."""

from __future__ import annotations

from typing import Any

from byline.card import comparison_tables
from byline.origins import OriginStats, ordered_origins

TEXT = "Ana said no. Bo says yes. Share this"


def _record(origin: str, cue: str | None, stance: str, boilerplate: bool) -> dict[str, Any]:
    at = TEXT.index(cue) if cue else None
    return {
        "text": TEXT, "meta": {"origin": origin},
        "entities": [{"start": 0, "end": 3, "label": "PERSON"}, {"start": 13, "end": 15, "label": "PERSON"}],
        "claims": [{"start": 9, "end": 11, "label": "CLAIM", "checkworthy": "yes"}],
        "attributions": [{"cue": {"start": at, "end": at + len(cue)} if cue and at is not None else None,
                          "sources": [{"start": 0, "end": 3}], "contents": [{"start": 9, "end": 11}],
                          "type": "indirect", "stance": stance}],
        "boilerplate": [{"start": 26, "end": 36, "label": "CALL_TO_ACTION"}] if boilerplate else [],
    }


def test_origin_order_is_real_news_first() -> None:
    assert ordered_origins({"seed", "authored", "wikinews", "zeta"}) == ["wikinews", "authored", "seed", "zeta"]


def test_statistics_add_and_remove() -> None:
    stats = OriginStats()
    record = _record("wikinews", "said", "asserts", True)
    stats.add(record)
    stats.add(_record("wikinews", None, "denies", False))
    assert (stats.documents, stats.attributions, stats.boilerplate_characters) == (2, 2, 10)
    assert stats.cues == {"said": 1, "(none)": 1} and stats.stances == {"asserts": 1, "denies": 1}
    stats.add(record, sign=-1)
    assert (stats.documents, stats.attributions, stats.cues["said"]) == (1, 1, 0)


def test_the_comparison_table_reads_side_by_side() -> None:
    real, authored = OriginStats(), OriginStats()
    real.add(_record("wikinews", "said", "asserts", False))
    real.add(_record("wikinews", "says", "denies", False))
    authored.add(_record("authored", "said", "asserts", True))
    lines = comparison_tables({"authored": authored, "wikinews": real})
    assert lines[0] == "|  | `wikinews` | `authored` |"
    rows = {line.split(" | ")[0].strip("| "): line for line in lines}
    words = len(TEXT.split())
    assert rows["attributions per 100 words"].endswith(f"| {100 / words:.2f} | {100 / words:.2f} |")
    assert rows["cue is say/says/said"].endswith("| 100.0% | 100.0% |")
    assert rows["stance `denies`"].endswith("| 50.0% | 0.0% |")
    assert rows["boilerplate share of characters"].endswith(f"| 0.0% | {100 * 10 / len(TEXT):.1f}% |")
    assert rows["entity `PERSON`"].endswith("| 100.0% | 100.0% |")
    cue_table = lines[lines.index("| cue | `wikinews` | `authored` |"):]
    assert cue_table[2] == "| `said` | 50.0% | 100.0% |" and cue_table[3] == "| `says` | 50.0% | 0.0% |"
