"""Inter-annotator agreement of Label Studio exports, measured with the systems' scorer.

Where a task has several submitted annotations, every pair of them is compared: one annotation
plays gold, the other plays a system, and :func:`byline.scoring.score_predictions` scores the
pair exactly as it scores systems. Because a pair read the other way round can score differently
(precision and recall swap, partial credit is not symmetric), each layer's primary metric is
computed both ways and the **symmetric** figure is their mean. Pairs, not documents, are the
scored units; the bootstrap intervals are over pairs: ``forward_ci95`` of the first-as-gold figure
(as ``byline score`` computes it), ``symmetric_ci95`` of the symmetric figure and ``overall_ci95``
of the overall (the mean of the layers' symmetric figures), both directions resampled together.

Boilerplate also gets a chance-corrected figure at character level: Cohen's kappa over every
code point of every paired document, for boilerplate-or-not (``kappa``) and for the boilerplate
type, with "not boilerplate" as one more category (``kappa_typed``). Zero-division rule: when the
expected agreement is 1 (both annotators put every character in the same single category) kappa
is undefined and reported as ``None``.

Annotations come from :func:`byline.exports.validate.validate_exports`: the chosen annotation of
each task and the others it keeps for agreement; invalid annotations are left out (and counted).

Two stages are measured, and they are different figures (DESIGN.md, "Agreement"):

- **before adjudication** (:data:`BEFORE_ADJUDICATION`, the primary figure and the leaderboard's
  reference row): annotator against annotator. Only annotations that are not the adjudicated one
  (``ground_truth``) take part, by two different annotators, and — where the task has a separate
  adjudicated annotation — only those last changed before it was created (the exports'
  timestamps, compared as time-zone aware instants), so a review cannot have leaked into them.
- **against gold** (:data:`AGAINST_GOLD`, secondary): each other annotation against the
  adjudicated (gold) one of its task, the gold playing gold.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from byline import __version__
from byline.errors import BylineError
from byline.inventory import LAYERS, load_inventory
from byline.sources.files import TextsLocation

AGREEMENT_SCHEMA_VERSION = "1.2.0"
"""1.1.0 added ``symmetric_ci95`` per layer and ``overall_ci95``; 1.2.0 added ``stage``."""
BEFORE_ADJUDICATION = "before-adjudication"
AGAINST_GOLD = "against-gold"
STAGES = (BEFORE_ADJUDICATION, AGAINST_GOLD)
AGREEMENT_KIND = "human-agreement"
"""The file's ``kind`` (the name predates the model-based annotators; the leaderboard says "annotator agreement")."""
SPLIT = "agreement"
OVERALL = "overall"


class NoAgreementPairs(BylineError):
    """The exports hold no task with two valid submitted annotations: there is nothing to compare."""


@dataclass(frozen=True)
class LayerAgreement:
    layer: str
    metric: str
    forward: float
    """The primary metric with the first annotation of each pair as gold."""
    backward: float
    """The same with the second annotation as gold."""
    ci95: tuple[float, float] | None
    """Bootstrap interval (over pairs) of the forward figure."""
    attributes: dict[str, float | None] = field(default_factory=dict)
    """Accuracy of each attribute (checkworthy, type, stance) on matched items, mean of both ways."""
    symmetric_ci95: tuple[float, float] | None = None
    """Bootstrap interval (over pairs, both directions resampled together) of the symmetric figure."""

    @property
    def symmetric(self) -> float:
        return (self.forward + self.backward) / 2


@dataclass
class Agreement:
    exports: list[str]
    pairs: list[tuple[str, str, str]]
    """(doc id, annotator of the first, annotator of the second) of each compared pair."""
    layers: dict[str, LayerAgreement] = field(default_factory=dict)
    boilerplate_kappa: float | None = None
    boilerplate_kappa_typed: float | None = None
    overall_ci95: tuple[float, float] | None = None
    """Bootstrap interval (over pairs) of :attr:`overall`."""
    problems: int = 0
    """Errors the validator found in the exports (their annotations are not compared)."""
    stage: str = BEFORE_ADJUDICATION
    """:data:`BEFORE_ADJUDICATION` (annotator against annotator) or :data:`AGAINST_GOLD`."""
    origin: str | None = None
    """The ``meta.origin`` the pairs were restricted to (None: every document)."""

    @property
    def documents(self) -> int:
        return len({doc for doc, _, _ in self.pairs})

    @property
    def overall(self) -> float | None:
        values = [layer.symmetric for layer in self.layers.values()]
        return float(np.mean(values)) if values else None

    def to_json(self) -> dict[str, Any]:
        """The agreement file: what the leaderboard shows as its "annotator agreement" row."""
        return {
            "schema_version": AGREEMENT_SCHEMA_VERSION,
            "kind": AGREEMENT_KIND,
            "stage": self.stage,
            "origin": self.origin,
            "byline_version": __version__,
            "inventory_version": load_inventory().version,
            "exports": self.exports,
            "documents": self.documents,
            "pairs": [{"doc_id": d, "first": a, "second": b} for d, a, b in self.pairs],
            "overall": self.overall,
            "overall_ci95": list(self.overall_ci95) if self.overall_ci95 else None,
            "layers": {
                name: {
                    "primary_metric": layer.metric, "symmetric": layer.symmetric, "forward": layer.forward,
                    "backward": layer.backward, "forward_ci95": list(layer.ci95) if layer.ci95 else None,
                    "symmetric_ci95": list(layer.symmetric_ci95) if layer.symmetric_ci95 else None,
                    "attribute_accuracy": layer.attributes,
                }
                for name, layer in self.layers.items()
            },
            "boilerplate_characters": {"kappa": self.boilerplate_kappa, "kappa_typed": self.boilerplate_kappa_typed},
        }


def _prediction(record: dict[str, Any], pair_id: str) -> dict[str, Any]:
    """A gold-shaped record as a prediction record (offsets, labels and attributes only)."""

    def span(item: dict[str, Any]) -> dict[str, int]:
        return {"start": item["start"], "end": item["end"]}

    return {
        "id": pair_id,
        "text_sha256": record["text_sha256"],
        "entities": [{**span(e), "label": e["label"]} for e in record["entities"]],
        "claims": [{**span(c), "label": c["label"], "checkworthy": c["checkworthy"]} for c in record["claims"]],
        "attributions": [
            {"cue": span(a["cue"]) if a.get("cue") else None, "sources": [span(s) for s in a["sources"]],
             "contents": [span(c) for c in a["contents"]], "type": a["type"], "stance": a["stance"]}
            for a in record["attributions"]
        ],
        "boilerplate": [{**span(b), "label": b["label"]} for b in record["boilerplate"]],
    }


def _write_split(directory: Path, records: list[dict[str, Any]]) -> None:
    (directory / "gold").mkdir(parents=True)
    payload = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    (directory / "gold" / f"{SPLIT}.jsonl").write_text(payload, encoding="utf-8")
    fingerprint = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    manifest = {"fingerprint": fingerprint, "splits": {SPLIT: {"documents": len(records)}}}
    (directory / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _score_direction(golds: list[dict[str, Any]], others: list[dict[str, Any]], work: Path) -> Any:
    from byline.scoring import BootstrapSettings, load_gold, score_predictions

    _write_split(work / "gold-set", golds)
    predictions = work / "predictions.jsonl"
    predictions.write_text("".join(json.dumps(_prediction(o, g["id"]), ensure_ascii=False) + "\n" for g, o in zip(golds, others, strict=True)), encoding="utf-8")
    return score_predictions(predictions, load_gold(work / "gold-set", SPLIT), BootstrapSettings())


def _attribute_accuracy(forward: dict[str, Any], backward: dict[str, Any]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for name, block in (forward.get("attributes") or {}).items():
        values = [b.get("accuracy") for b in (block, (backward.get("attributes") or {}).get(name, {}))]
        known = [float(v) for v in values if isinstance(v, (int, float))]
        out[name] = sum(known) / len(known) if known else None
    return out


def _symmetric_intervals(forward: Any, backward: Any, layers: Sequence[str]) -> dict[str, tuple[float, float] | None]:
    """Bootstrap intervals (over pairs) of each layer's symmetric figure and of their mean
    (:data:`OVERALL`): a pair's rows of both directions are drawn together, with the scorer's seed."""
    from byline.scoring import BootstrapSettings
    from byline.scoring.bootstrap import bootstrap_intervals
    from byline.scoring.scorer import layer_scorers

    if not layers:
        return {}
    scorers = layer_scorers(load_inventory())
    blocks = [score.layers[name].per_doc for name in layers for score in (forward, backward)]
    offsets = np.cumsum([0] + [block.shape[1] for block in blocks])

    def statistic(sums: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, name in enumerate(layers):
            scorer = scorers[name]
            both = [scorer.statistics(sums[:, offsets[j]:offsets[j + 1]])[scorer.primary_metric] for j in (2 * k, 2 * k + 1)]
            out[name] = (both[0] + both[1]) / 2
        out[OVERALL] = np.mean([out[name] for name in layers], axis=0)
        return out

    return bootstrap_intervals(np.hstack(blocks), statistic, BootstrapSettings())


def character_kappa(pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]], typed: bool) -> float | None:
    """Cohen's kappa over the code points of all pairs (see the module docstring)."""
    labels = {name: k + 1 for k, name in enumerate(load_inventory().boilerplate_types)}
    firsts: list[Any] = []
    seconds: list[Any] = []
    for first, second in pairs:
        for record, out in ((first, firsts), (second, seconds)):
            row = np.zeros(len(first["text"]), dtype=np.int64)
            for item in record["boilerplate"]:
                row[item["start"] : item["end"]] = labels[item["label"]] if typed else 1
            out.append(row)
    if not firsts:
        return None
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    if a.size == 0:
        return None
    categories = np.union1d(a, b)
    observed = float(np.mean(a == b))
    expected = float(sum(np.mean(a == c) * np.mean(b == c) for c in categories))
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stage_pairs(records: Sequence[dict[str, Any]], stage: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The pairs of one task's annotations (gold-shaped records) that ``stage`` compares."""
    adjudicated = [r for r in records if r["annotation"].get("ground_truth")]
    others = [r for r in records if not r["annotation"].get("ground_truth")]
    if stage == AGAINST_GOLD:
        return [(gold, other) for gold in adjudicated[:1] for other in others
                if other["annotation"]["annotator"] != gold["annotation"]["annotator"]]
    created = [t for t in (_instant(r["annotation"].get("created_at")) for r in adjudicated) if t is not None]
    if created:
        cutoff = min(created)

        def before(record: dict[str, Any]) -> bool:
            ann = record["annotation"]
            changed = _instant(ann.get("updated_at")) or _instant(ann.get("created_at"))
            return changed is not None and changed < cutoff

        others = [r for r in others if before(r)]
    return [(a, b) for a, b in itertools.combinations(others, 2)
            if a["annotation"]["annotator"] != b["annotation"]["annotator"]]


def annotation_pairs(
    exports: Sequence[Path], stage: str = BEFORE_ADJUDICATION, *, texts: TextsLocation | None = None
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], int]:
    """The pairs of valid submitted annotations of the same task that ``stage`` compares (see the
    module docstring), as gold-shaped records, and the number of errors the validator found.
    Dehydrated tasks are hydrated from the sources declared beside the exports
    (``annotations/sources/``), found through ``texts``; without their texts they are left out."""
    from byline.build import USERS_FILE
    from byline.exports.validate import read_users, validate_exports
    from byline.sources import TextLibrary

    # Name annotators by e-mail when Label Studio's user list was saved beside the exports
    # (annotations/label-studio-users.json next to annotations/exports/).
    users: dict[int, str] = {}
    for export in exports:
        folder = export if export.is_dir() else export.parent
        users.update(read_users(folder.parent / USERS_FILE))
    first = exports[0] if exports else Path(".")
    annotations = (first if first.is_dir() else first.parent).parent
    report = validate_exports(exports, convert=True, users=users, library=TextLibrary.for_annotations(annotations, texts))
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for doc_id, others in sorted(report.alternates.items()):
        pairs.extend(stage_pairs([report.documents[doc_id], *others], stage))
    return pairs, len(report.errors)


def measure_agreement(exports: Sequence[Path], stage: str = BEFORE_ADJUDICATION, *,
                      texts: TextsLocation | None = None, origin: str | None = None) -> Agreement:
    """Agreement per layer over the pairs of ``stage`` in ``exports`` (files or folders); ``texts``
    says where the texts of dehydrated (standoff) tasks are (:func:`annotation_pairs`); ``origin``
    keeps the documents of that ``meta.origin`` only (e.g. ``wikinews``)."""
    if stage not in STAGES:
        raise ValueError(f"stage {stage!r}; expected one of {STAGES}")
    pairs, problems = annotation_pairs(exports, stage, texts=texts)
    if origin is not None:
        pairs = [pair for pair in pairs if pair[0]["meta"]["origin"] == origin]
    if not pairs:
        wanted = ("two independent annotations by different annotators, made before any adjudication"
                  if stage == BEFORE_ADJUDICATION else "an adjudicated (ground truth) annotation and another one")
        raise NoAgreementPairs(
            f"no task{f' of origin {origin!r}' if origin else ''} in {', '.join(map(str, exports))} has {wanted}; "
            f"agreement ({stage}) has nothing to compare"
        )
    agreement = agreement_of_pairs(pairs, exports=[str(p) for p in exports], problems=problems, stage=stage)
    agreement.origin = origin
    return agreement


def agreements_by_origin(exports: Sequence[Path], stage: str = BEFORE_ADJUDICATION, *,
                         texts: TextsLocation | None = None) -> list[Agreement]:
    """The agreement of ``stage`` over every document (``origin`` None), then over each origin
    that has pairs (real news first), from one reading of the exports; empty without pairs."""
    from byline.origins import ORIGIN_ORDER

    pairs, problems = annotation_pairs(exports, stage, texts=texts)
    origins = sorted({pair[0]["meta"]["origin"] for pair in pairs},
                     key=lambda o: (ORIGIN_ORDER.index(o) if o in ORIGIN_ORDER else len(ORIGIN_ORDER), o))
    out = []
    for origin in [None, *origins] if pairs else []:
        mine = [pair for pair in pairs if origin is None or pair[0]["meta"]["origin"] == origin]
        agreement = agreement_of_pairs(mine, exports=[str(p) for p in exports], problems=problems, stage=stage)
        agreement.origin = origin
        out.append(agreement)
    return out


def agreement_of_pairs(pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]], *, exports: list[str],
                       problems: int, stage: str) -> Agreement:
    """Score given pairs of gold-shaped records (:func:`stage_pairs`) both ways, as
    :func:`measure_agreement` does."""
    golds, others = [], []
    for n, (first, second) in enumerate(pairs):
        pair_id = f"{first['id']}#{n}"
        golds.append({**first, "id": pair_id})
        others.append({**second, "id": pair_id})
    with tempfile.TemporaryDirectory(prefix="byline-agreement-") as tmp:
        forward = _score_direction(golds, others, Path(tmp) / "forward")
        backward = _score_direction([{**o, "id": g["id"]} for g, o in zip(golds, others, strict=True)], golds, Path(tmp) / "backward")
    agreement = Agreement(
        exports=exports,
        pairs=[(a["id"], a["annotation"]["annotator"], b["annotation"]["annotator"]) for a, b in pairs],
        problems=problems,
        stage=stage,
    )
    scored = [name for name in LAYERS if name in forward.layers and name in backward.layers]
    intervals = _symmetric_intervals(forward, backward, scored)
    for name in scored:
        ahead, back = forward.layers[name], backward.layers[name]
        agreement.layers[name] = LayerAgreement(
            name, ahead.primary_metric, ahead.primary, back.primary, ahead.ci95,
            _attribute_accuracy(ahead.summary, back.summary), intervals.get(name),
        )
    agreement.overall_ci95 = intervals.get(OVERALL)
    agreement.boilerplate_kappa = character_kappa(pairs, typed=False)
    agreement.boilerplate_kappa_typed = character_kappa(pairs, typed=True)
    return agreement


def write_agreement(agreement: Agreement, path: Path) -> str:
    """Write the agreement file (:meth:`Agreement.to_json`) to ``path``; return what was written."""
    payload = json.dumps(agreement.to_json(), indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(payload, encoding="utf-8")
    return payload


def render_table(agreement: Agreement) -> str:
    """A plain-text table of the agreement, one row per layer."""
    def fmt(value: float | None) -> str:
        return "–" if value is None else f"{value:.3f}"

    what = ("before adjudication (annotator against annotator)" if agreement.stage == BEFORE_ADJUDICATION
            else "against the adjudicated gold (secondary figure)")
    lines = [
        f"inter-annotator agreement {what}: {len(agreement.pairs)} pair(s) of annotations over "
        f"{agreement.documents} document(s)",
        f"{'layer':<14}{'metric':<22}{'symmetric':>10}{'A as gold':>11}{'B as gold':>11}",
    ]
    for layer in agreement.layers.values():
        lines.append(f"{layer.layer:<14}{layer.metric:<22}{fmt(layer.symmetric):>10}{fmt(layer.forward):>11}{fmt(layer.backward):>11}")
    lines.append(f"{'overall':<36}{fmt(agreement.overall):>10}")
    for layer in agreement.layers.values():
        for name, accuracy in layer.attributes.items():
            lines.append(f"{layer.layer} {name}: accuracy {fmt(accuracy)} on matched items")
    lines.append(
        f"boilerplate, characters: Cohen's kappa {fmt(agreement.boilerplate_kappa)} (boilerplate or not), "
        f"{fmt(agreement.boilerplate_kappa_typed)} (by type)"
    )
    if agreement.problems:
        lines.append(f"{agreement.problems} validation error(s) in the exports: their annotations were left out (run `byline validate`)")
    return "\n".join(lines) + "\n"
