"""Attributions: each role's spans, and whole relations (who said what).

**Roles** (cue, source, content, from the inventory): the distinct spans of a role in a
document, over all its attributions, are scored like claims — exact and soft (Dice) F1.

**Relations**: a predicted and a gold attribution are candidates when their contents share a
code point. Parts are compared as sets of code points (a role's spans within one attribution are
merged where they overlap). For each pair:

* **strict** — every part exact: same content spans, same source spans (both empty counts as
  the same), same cue (both absent counts as the same);
* **lenient** — the contents overlap and the sources overlap, or both have no source; the cue
  is not required (it is scored as a role);
* **soft** — the mean Dice overlap of the roles present on either side: content always, sources
  when either has one, cue when either has one (a role present on one side only scores 0).

Each of the three is its own optimal one-to-one matching (strict and lenient count pairs, soft
sums the pair scores). Precision = credit / predicted attributions, recall = credit / gold.
The attributes (type, stance, … from the inventory) are scored as accuracy over the pairs of
the soft matching. Primary metric: relation soft F1.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from byline.inventory import Inventory
from byline.scoring.claims import span_counts
from byline.scoring.counts import PRF, Accuracy, FloatArray
from byline.scoring.layer import LayerCounts, column_index, prf_statistics
from byline.scoring.matching import optimal_matching
from byline.scoring.overlap import dice, overlap_pairs
from byline.scoring.tables import Batch, IntArray, PartTable, RelationTable

RELATION_SCHEMES = ("strict", "lenient", "soft")


def _shared_by_pair(pred: RelationTable, p_part: PartTable, gold: RelationTable, g_part: PartTable
                    ) -> tuple[IntArray, FloatArray]:
    """Code points shared by the parts of every (pred, gold) relation pair that share any, as
    sorted pair keys ``pred * len(gold) + gold`` and their shared counts."""
    i, j, shared = overlap_pairs(
        pred.doc[p_part.rel], p_part.start, p_part.end, gold.doc[g_part.rel], g_part.start, g_part.end
    )
    key = p_part.rel[i] * max(len(gold), 1) + g_part.rel[j]
    keys, inverse = np.unique(key, return_inverse=True)
    return keys.astype(np.int64), np.bincount(inverse, weights=shared, minlength=len(keys)).astype(np.float64)


def relation_pairs(pred: RelationTable, gold: RelationTable) -> tuple[IntArray, IntArray, FloatArray]:
    """Candidate pairs (relations whose contents overlap) and their weights per scheme
    (columns: strict 0/1, lenient 0/1, soft score in (0, 1])."""
    n_g = max(len(gold), 1)
    keys, content_shared = _shared_by_pair(pred, pred.contents, gold, gold.contents)
    cp, cg = keys // n_g, keys % n_g
    s_keys, s_shared = _shared_by_pair(pred, pred.sources, gold, gold.sources)
    pos = np.searchsorted(s_keys, keys)
    pos_ok = np.minimum(pos, max(len(s_keys) - 1, 0))
    found = (pos < len(s_keys)) & (s_keys[pos_ok] == keys) if len(s_keys) else np.zeros(len(keys), dtype=bool)
    source_shared = np.where(found, s_shared[pos_ok] if len(s_shared) else 0.0, 0.0)

    c_len_p = pred.contents.lengths(len(pred))[cp]
    c_len_g = gold.contents.lengths(len(gold))[cg]
    s_len_p = pred.sources.lengths(len(pred))[cp]
    s_len_g = gold.sources.lengths(len(gold))[cg]
    cue_p = pred.cue_start[cp] >= 0
    cue_g = gold.cue_start[cg] >= 0
    cue_len_p = np.where(cue_p, pred.cue_end[cp] - pred.cue_start[cp], 0)
    cue_len_g = np.where(cue_g, gold.cue_end[cg] - gold.cue_start[cg], 0)
    cue_shared = np.where(
        cue_p & cue_g,
        np.maximum(0, np.minimum(pred.cue_end[cp], gold.cue_end[cg]) - np.maximum(pred.cue_start[cp], gold.cue_start[cg])),
        0,
    )

    same_contents = (pred.contents_key[cp] == gold.contents_key[cg]) & (content_shared == c_len_p) & (
        content_shared == c_len_g
    )
    no_sources = (s_len_p == 0) & (s_len_g == 0)
    same_sources = (pred.sources_key[cp] == gold.sources_key[cg]) & (
        no_sources | ((source_shared == s_len_p) & (source_shared == s_len_g))
    )
    same_cue = (pred.cue_start[cp] == gold.cue_start[cg]) & (pred.cue_end[cp] == gold.cue_end[cg])
    strict = same_contents & same_sources & same_cue
    lenient = no_sources | (source_shared > 0)
    has_sources = ~no_sources
    has_cue = cue_p | cue_g
    soft = (
        dice(content_shared, c_len_p, c_len_g)
        + np.where(has_sources, dice(source_shared, s_len_p, s_len_g), 0.0)
        + np.where(has_cue, dice(cue_shared, cue_len_p, cue_len_g), 0.0)
    ) / (1.0 + has_sources + has_cue)
    return cp, cg, np.column_stack([strict.astype(float), lenient.astype(float), soft])


class AttributionScorer:
    """The attributions layer."""

    name = "attributions"
    primary_metric = "relations.soft.f1"

    def __init__(self, inventory: Inventory) -> None:
        layer = inventory.layer("attributions")
        self.roles = tuple(label.role for label in layer.labels if label.role)
        self.attributes = tuple(attribute.name for attribute in layer.attributes)
        self.columns: tuple[str, ...] = (
            "gold", "predicted", "strict", "lenient", "soft", "matched",
            *(f"{name}_{kind}" for name in self.attributes for kind in ("given", "correct")),
            *(f"{role}_{kind}" for role in self.roles for kind in ("gold", "predicted", "exact", "soft")),
        )
        self._col = column_index(self.columns)

    def count(self, gold: Batch, pred: Batch) -> LayerCounts:
        g, p, n = gold.attributions, pred.attributions, gold.n_docs
        col = self._col
        per_doc = np.zeros((n, len(self.columns)))
        per_doc[:, col["gold"]] = g.counts_per_doc(n)
        per_doc[:, col["predicted"]] = p.counts_per_doc(n)
        cp, cg, weights = relation_pairs(p, g)
        if len(cp):
            matched = optimal_matching(len(p), len(g), cp, cg, weights)
            doc = p.doc[cp]
            per_doc[:, col["strict"]] = np.bincount(doc[matched[:, 0]], minlength=n)
            per_doc[:, col["lenient"]] = np.bincount(doc[matched[:, 1]], minlength=n)
            soft = matched[:, 2]
            per_doc[:, col["soft"]] = np.bincount(doc[soft], weights=weights[soft, 2], minlength=n)
            per_doc[:, col["matched"]] = np.bincount(doc[soft], minlength=n)
            for k, name in enumerate(self.attributes):
                value_p = p.attrs[cp[soft], k]
                given = value_p >= 0
                correct = given & (value_p == g.attrs[cg[soft], k])
                per_doc[:, col[f"{name}_given"]] = np.bincount(doc[soft][given], minlength=n)
                per_doc[:, col[f"{name}_correct"]] = np.bincount(doc[soft][correct], minlength=n)
        for role in self.roles:
            g_spans, p_spans = g.role_spans(role), p.role_spans(role)
            per_doc[:, col[f"{role}_gold"]] = g_spans.counts_per_doc(n)
            per_doc[:, col[f"{role}_predicted"]] = p_spans.counts_per_doc(n)
            spans = span_counts(g_spans, p_spans, n)
            per_doc[:, col[f"{role}_exact"]] = spans.exact
            per_doc[:, col[f"{role}_soft"]] = spans.soft
        return LayerCounts(per_doc)

    def statistics(self, sums: FloatArray) -> dict[str, FloatArray]:
        col = self._col
        out: dict[str, FloatArray] = {}
        for scheme in RELATION_SCHEMES:
            out.update(prf_statistics(f"relations.{scheme}", sums[:, col[scheme]], sums[:, col["predicted"]],
                                      sums[:, col["gold"]]))
        for role in self.roles:
            for kind in ("exact", "soft"):
                out.update(prf_statistics(f"roles.{role}.{kind}", sums[:, col[f"{role}_{kind}"]],
                                          sums[:, col[f"{role}_predicted"]], sums[:, col[f"{role}_gold"]]))
        return out

    def summarise(self, sums: FloatArray, totals: dict[str, FloatArray]) -> dict[str, Any]:
        col = self._col
        relations: dict[str, Any] = {
            scheme: PRF.of(sums[col[scheme]], sums[col["predicted"]], sums[col["gold"]]).to_json()
            for scheme in RELATION_SCHEMES
        }
        relations["matched"] = int(sums[col["matched"]])
        return {
            "relations": relations,
            "roles": {
                role: {
                    kind: PRF.of(sums[col[f"{role}_{kind}"]], sums[col[f"{role}_predicted"]],
                                 sums[col[f"{role}_gold"]]).to_json()
                    for kind in ("exact", "soft")
                }
                for role in self.roles
            },
            "attributes": {
                name: Accuracy.of(sums[col[f"{name}_correct"]], sums[col["matched"]], sums[col[f"{name}_given"]]).to_json()
                for name in self.attributes
            },
        }
