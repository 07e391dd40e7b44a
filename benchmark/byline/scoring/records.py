"""Gold and prediction records (already schema-valid) into batch rows, checking their offsets.

Names become integer codes here, read from the label inventory: a label's code is its position
in its layer's list, an attribute value's code its position in the attribute's choices. Every
span must satisfy ``0 <= start < end <= len(text)`` (half-open code-point offsets); a span that
does not is reported through ``report(json_path, found, expected)`` and left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from byline.inventory import LAYERS, Inventory
from byline.scoring.tables import NONE, BatchBuilder, Span

Report = Callable[[str, str, str], None]


@dataclass(frozen=True)
class Codes:
    """Label and attribute codes of the four layers, from the inventory."""

    labels: dict[str, dict[str, int]]
    """layer -> label name -> code."""
    attributes: dict[str, tuple[tuple[str, dict[str, int]], ...]]
    """layer -> ((attribute name, value -> code), …) in the inventory's order."""

    @classmethod
    def of(cls, inventory: Inventory) -> Codes:
        labels = {name: {label: i for i, label in enumerate(inventory.layer(name).label_names)} for name in LAYERS}
        attributes = {
            name: tuple(
                (attribute.name, {value: i for i, value in enumerate(attribute.values)})
                for attribute in inventory.layer(name).attributes
            )
            for name in LAYERS
        }
        return cls(labels, attributes)

    def builder(self) -> BatchBuilder:
        return BatchBuilder(len(self.attributes["claims"]), len(self.attributes["attributions"]))


def _attrs(item: dict[str, Any], attributes: tuple[tuple[str, dict[str, int]], ...]) -> tuple[int, ...]:
    return tuple(values.get(str(item[name]), NONE) if name in item else NONE for name, values in attributes)


def add_record(builder: BatchBuilder, doc: int, record: dict[str, Any], text_length: int, codes: Codes,
               report: Report) -> None:
    """Add the layers present in ``record`` as document ``doc`` of the batch being built."""

    def span(item: Any, path: str) -> Span | None:
        start, end = int(item["start"]), int(item["end"])
        if start >= end:
            report(path, f"start {start}, end {end}",
                   "start < end (spans are non-empty half-open [start, end) ranges)")
            return None
        if end > text_length:
            report(path, f"end {end}",
                   f"an end of at most {text_length}, the length of the document's text in code points")
            return None
        return start, end

    entities = record.get("entities")
    if entities is not None:
        labels = codes.labels["entities"]
        for i, item in enumerate(entities):
            found = span(item, f"$.entities[{i}]")
            if found is not None:
                builder.entities.add(doc, found[0], found[1], labels[item["label"]])
    claims = record.get("claims")
    if claims is not None:
        labels = codes.labels["claims"]
        attributes = codes.attributes["claims"]
        for i, item in enumerate(claims):
            found = span(item, f"$.claims[{i}]")
            if found is not None:
                label = labels[item["label"]] if "label" in item else NONE
                builder.claims.add(doc, found[0], found[1], label, _attrs(item, attributes))
    boilerplate = record.get("boilerplate")
    if boilerplate is not None:
        labels = codes.labels["boilerplate"]
        for i, item in enumerate(boilerplate):
            found = span(item, f"$.boilerplate[{i}]")
            if found is not None:
                builder.boilerplate.add(doc, found[0], found[1], labels[item["label"]] if "label" in item else NONE)
    attributions = record.get("attributions")
    if attributions is not None:
        attributes = codes.attributes["attributions"]
        for i, item in enumerate(attributions):
            path = f"$.attributions[{i}]"
            cue = item.get("cue")
            cue_span = span(cue, f"{path}.cue") if cue is not None else None
            sources = [span(s, f"{path}.sources[{j}]") for j, s in enumerate(item.get("sources", []))]
            contents = [span(c, f"{path}.contents[{j}]") for j, c in enumerate(item["contents"])]
            good_contents = [c for c in contents if c is not None]
            if not good_contents:
                continue
            builder.attributions.add(
                doc, cue_span, [s for s in sources if s is not None], good_contents, _attrs(item, attributes)
            )
    builder.n_docs = max(builder.n_docs, doc + 1)
