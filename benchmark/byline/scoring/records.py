"""Gold and prediction records (already schema-valid) into batch rows, checking their offsets.

Names become integer codes here, read from the label inventory: a label's code is its position
in its layer's list, an attribute value's code its position in the attribute's choices. Every
span must satisfy ``0 <= start < end <= len(text)`` (half-open code-point offsets); a span that
does not is reported through ``report(json_path, found, expected)`` and its item left out.

The flat layers are read with list comprehensions and checked in one sweep; only a record with
a bad span is walked item by item to say which.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from operator import itemgetter, sub
from typing import Any

from byline.inventory import LAYERS, Inventory
from byline.scoring.builders import BatchBuilder, SpanBuilder
from byline.scoring.tables import NONE, Span

Report = Callable[[str, str, str], None]
_START = itemgetter("start")
_END = itemgetter("end")
_LABEL = itemgetter("label")
Attributes = tuple[tuple[str, dict[str, int]], ...]


@dataclass(frozen=True)
class Codes:
    """Label and attribute codes of the four layers, from the inventory."""

    labels: dict[str, dict[str, int]]
    """layer -> label name -> code."""
    attributes: dict[str, Attributes]
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


def _attrs(item: dict[str, Any], attributes: Attributes) -> tuple[int, ...]:
    return tuple(values.get(item[name], NONE) if name in item else NONE for name, values in attributes)


def _bad_span(start: Any, end: Any, text_length: int) -> tuple[str, str] | None:
    """(found, expected) when ``[start, end)`` is not a non-empty span of the text."""
    if start >= end:
        return f"start {start}, end {end}", "start < end (spans are non-empty half-open [start, end) ranges)"
    if end > text_length:
        return f"end {end}", f"an end of at most {text_length}, the length of the document's text in code points"
    return None


def _flat_layer(
    layer: str, items: list[dict[str, Any]], doc: int, text_length: int, out: SpanBuilder,
    labels: dict[str, int], attributes: Attributes, report: Report,
) -> None:
    if not items:
        return
    starts = list(map(_START, items))
    ends = list(map(_END, items))
    keep = range(len(items))
    if max(ends) > text_length or min(map(sub, ends, starts)) <= 0:
        good = []
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            bad = _bad_span(start, end, text_length)
            if bad is None:
                good.append(i)
            else:
                report(f"$.{layer}[{i}]", *bad)
        items = [items[i] for i in good]
        starts = [starts[i] for i in good]
        ends = [ends[i] for i in good]
        keep = range(len(items))
    out.doc.extend([doc] * len(keep))
    out.start.extend(starts)
    out.end.extend(ends)
    try:
        codes = list(map(labels.__getitem__, map(_LABEL, items)))
    except KeyError:  # a layer whose label is optional, and an item without one
        codes = [labels[item["label"]] if "label" in item else NONE for item in items]
    out.label.extend(codes)
    for column, (name, values) in zip(out.attrs, attributes, strict=True):
        column.extend([values.get(item[name], NONE) if name in item else NONE for item in items])


def add_record(builder: BatchBuilder, doc: int, record: dict[str, Any], text_length: int, codes: Codes,
               report: Report, layers: Collection[str] = LAYERS) -> None:
    """Add the layers present in ``record`` (of ``layers``) as document ``doc`` of the batch being built."""
    for layer, out in (("entities", builder.entities), ("claims", builder.claims),
                       ("boilerplate", builder.boilerplate)):
        items = record.get(layer) if layer in layers else None
        if items is not None:
            _flat_layer(layer, items, doc, text_length, out, codes.labels[layer], codes.attributes[layer], report)
    attributions = record.get("attributions") if "attributions" in layers else None
    if attributions is not None:
        attributes = codes.attributes["attributions"]

        def span(part: dict[str, Any], path: str) -> Span | None:
            start, end = part["start"], part["end"]
            bad = _bad_span(start, end, text_length)
            if bad is not None:
                report(path, *bad)
                return None
            return int(start), int(end)

        for i, item in enumerate(attributions):
            path = f"$.attributions[{i}]"
            cue = item.get("cue")
            cue_span = span(cue, f"{path}.cue") if cue is not None else None
            sources = [span(s, f"{path}.sources[{j}]") for j, s in enumerate(item.get("sources", ()))]
            contents = [span(c, f"{path}.contents[{j}]") for j, c in enumerate(item["contents"])]
            good_contents = [c for c in contents if c is not None]
            if good_contents:
                builder.attributions.add(
                    doc, cue_span, [s for s in sources if s is not None], good_contents, _attrs(item, attributes)
                )
    builder.n_docs = max(builder.n_docs, doc + 1)
