"""Offset records -> Label Studio ``result`` lists (for predictions and for annotations).

A record has the prediction record's shape (``schema/prediction.schema.json``; a gold record
fits too): any of the four layers, spans as half-open ``[start, end)`` code-point offsets of the
document text. :func:`records_to_results` turns it into what Label Studio stores for one
annotation or prediction of a task whose config is Byline's generated one:

- one region per distinct (label, span) of a layer, on that layer's ``<Labels>`` control, with
  ``value.text = text[start:end]``;
- a region id derived from (control, label, start, end), so the same record always gives the same
  ids (re-sending an annotation updates rather than duplicates, and diffs stay readable);
- claim attributes (``checkworthy``) as per-region choices on each CLAIM region;
- each attribution as its SOURCE/CUE/CONTENT regions, linked by relations: ``source`` (each
  SOURCE -> the first CONTENT part), ``cue`` (CUE -> the first CONTENT part), ``continues``
  (each CONTENT part -> the next part, in the record's order); the attribution attributes
  (``type``, ``stance``) as per-region choices on its first CONTENT region.

Sources and cues may be shared by several attributions (one region, several links). A CONTENT
span may belong to one attribution only, since Label Studio groups an attribution by its content
regions; two attributions sharing one is a :class:`ValueError`, like any span outside the text.
All names (controls, labels, attributes, relations) come from the inventory.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping
from typing import Any

from byline.inventory import Inventory, Layer, load_inventory

Result = dict[str, Any]


def region_id(control: str, label: str, start: int, end: int) -> str:
    """The deterministic id of the region of ``label`` over ``[start, end)`` on ``control``."""
    key = f"{control}\x1f{label}\x1f{start}\x1f{end}".encode()
    return hashlib.sha256(key).hexdigest()[:10]


class _Builder:
    def __init__(self, text: str, inventory: Inventory) -> None:
        self.text = text
        self.inventory = inventory
        self.results: list[Result] = []
        self.regions: dict[str, Result] = {}
        self.choices: dict[tuple[str, str], Result] = {}
        self.relations: set[tuple[str, str, str]] = set()

    def _span(self, item: Any, where: str) -> tuple[int, int]:
        if not isinstance(item, Mapping):
            raise ValueError(f"{where}: found {item!r}; expected an object with start and end")
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text)):
            raise ValueError(
                f"{where}: span [{start!r}, {end!r}) is not a non-empty range of the text "
                f"(0 <= start < end <= {len(self.text)} code points)"
            )
        return start, end

    def region(self, layer: Layer, label: str, item: Any, where: str, score: Any = None) -> str:
        if label not in layer.label_names:
            raise ValueError(f"{where}: label {label!r} is not one of {list(layer.label_names)}")
        start, end = self._span(item, where)
        rid = region_id(layer.control, label, start, end)
        if rid not in self.regions:
            result: Result = {
                "id": rid,
                "from_name": layer.control,
                "to_name": self.inventory.text_name,
                "type": "labels",
                "value": {"start": start, "end": end, "text": self.text[start:end], "labels": [label]},
            }
            if isinstance(score, (int, float)) and not isinstance(score, bool):
                result["score"] = score
            self.regions[rid] = result
            self.results.append(result)
        return rid

    def choice(self, rid: str, control: str, value: str, where: str) -> None:
        existing = self.choices.get((rid, control))
        if existing is not None:
            if existing["value"]["choices"] != [value]:
                raise ValueError(
                    f"{where}: {control} is {value!r} here but {existing['value']['choices'][0]!r} "
                    "for the same region elsewhere in the record"
                )
            return
        region = self.regions[rid]["value"]
        result: Result = {
            "id": rid,
            "from_name": control,
            "to_name": self.inventory.text_name,
            "type": "choices",
            "value": {"start": region["start"], "end": region["end"], "text": region["text"], "choices": [value]},
        }
        self.choices[(rid, control)] = result
        self.results.append(result)

    def attributes(self, layer: Layer, label: str, rid: str, item: Mapping[str, Any], where: str) -> None:
        for attribute in layer.attributes:
            value = item.get(attribute.name)
            if value is None or label not in attribute.applies_to:
                continue
            if value not in attribute.values:
                raise ValueError(f"{where}.{attribute.name}: found {value!r}; expected one of {list(attribute.values)}")
            self.choice(rid, attribute.control, value, f"{where}.{attribute.name}")

    def relation(self, from_id: str, to_id: str, name: str) -> None:
        if (from_id, to_id, name) in self.relations or from_id == to_id:
            return
        self.relations.add((from_id, to_id, name))
        self.results.append(
            {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right", "labels": [name]}
        )


def _relation_name(inventory: Inventory, from_role: str, to_role: str) -> str:
    for relation in inventory.layer("attributions").relations:
        if relation.from_role == from_role and relation.to_role == to_role:
            return relation.name
    raise ValueError(f"the inventory has no relation from {from_role} to {to_role}")


def _add_attributions(builder: _Builder, items: Any, owner: dict[str, str]) -> None:
    inv = builder.inventory
    layer = inv.layer("attributions")
    source_label, cue_label, content_label = (inv.role_label(r) for r in ("source", "cue", "content"))
    link_source = _relation_name(inv, "source", "content")
    link_cue = _relation_name(inv, "cue", "content")
    link_next = _relation_name(inv, "content", "content")
    for index, item in enumerate(items):
        where = f"$.attributions[{index}]"
        contents = item.get("contents") or []
        if not contents:
            raise ValueError(f"{where}.contents: an attribution needs at least one content span")
        parts: list[str] = []
        for number, span in enumerate(contents):
            rid = builder.region(layer, content_label, span, f"{where}.contents[{number}]")
            if owner.setdefault(rid, where) != where:
                raise ValueError(
                    f"{where}.contents[{number}]: the same CONTENT span is also content of {owner[rid]}; "
                    "Label Studio cannot tell the two attributions apart"
                )
            if rid not in parts:
                parts.append(rid)
        first = parts[0]
        builder.attributes(layer, content_label, first, item, where)
        for earlier, later in itertools.pairwise(parts):
            builder.relation(earlier, later, link_next)
        for number, span in enumerate(item.get("sources") or []):
            builder.relation(builder.region(layer, source_label, span, f"{where}.sources[{number}]"), first, link_source)
        if item.get("cue") is not None:
            builder.relation(builder.region(layer, cue_label, item["cue"], f"{where}.cue"), first, link_cue)


def records_to_results(
    record: Mapping[str, Any], text: str | None = None, *, inventory: Inventory | None = None
) -> list[Result]:
    """The Label Studio ``result`` list of one record (see the module docstring).

    ``text`` is the document text the offsets refer to; by default the record's own ``text``
    (gold records carry it, prediction records do not). Raises :class:`ValueError`, naming the
    JSON path, for a span outside the text, an unknown label or attribute value, or a CONTENT
    span shared by two attributions. Layers absent from the record give no regions.
    """
    if text is None:
        text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("records_to_results needs the document text: pass text= or a record with 'text'")
    inv = inventory or load_inventory()
    builder = _Builder(text, inv)
    for layer_name in ("entities", "claims", "boilerplate"):
        layer = inv.layer(layer_name)
        for index, item in enumerate(record.get(layer_name) or []):
            where = f"$.{layer_name}[{index}]"
            if not isinstance(item, Mapping):
                raise ValueError(f"{where}: found {item!r}; expected an object")
            # The claims layer has one label; a prediction may leave it out.
            label = item.get("label", layer.label_names[0] if len(layer.label_names) == 1 else None)
            rid = builder.region(layer, str(label), item, where, item.get("score"))
            builder.attributes(layer, str(label), rid, item, where)
    _add_attributions(builder, record.get("attributions") or [], {})
    return builder.results
