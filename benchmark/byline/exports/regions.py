"""Parse one Label Studio annotation (its ``result`` list) into Byline's layers.

Every check of the contract that concerns a single annotation lives here, and every problem is
*yielded* with its JSON path (relative to the task), what was found and what was expected; the
parse goes on after a problem so that one run reports all of them. Offsets are half-open
``[start, end)`` code points of the task's text.

The Label Studio result items this understands (``from_name`` names come from the inventory):

- ``{"type": "labels", "id", "from_name": <layer control>, "to_name": "text",
  "value": {"start", "end", "text", "labels": [<label>]}}`` — a region;
- ``{"type": "choices", "id": <region id>, "from_name": <attribute control>,
  "value": {"choices": [<value>]}}`` — a per-region attribute;
- ``{"type": "relation", "from_id", "to_id", "labels": [<relation>]}`` — a link between two
  attribution regions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from byline.inventory import Inventory

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Region:
    id: str
    layer: str
    label: str
    start: int
    end: int
    path: str


@dataclass(frozen=True)
class Link:
    from_id: str
    to_id: str
    name: str
    path: str


@dataclass
class Attribution:
    id: str
    cue: Region | None
    sources: list[Region]
    contents: list[Region]
    attributes: dict[str, str]


@dataclass
class ParsedAnnotation:
    """What one annotation holds once checked: regions per layer and assembled attributions."""

    regions: dict[str, list[Region]] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)  # region id -> name -> value
    attributions: list[Attribution] = field(default_factory=list)
    regions_read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


# (severity, code, path, found, expected)
Report = Callable[[str, str, str, str, str], None]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text_matches(shown: str, actual: str) -> bool:
    """Does Label Studio's ``value.text`` render ``actual``? Tolerates its known renderings:
    newlines shown as a literal backslash-n, and collapsed white space."""
    if shown == actual:
        return True
    if shown == actual.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"):
        return True
    folded_shown = _SPACES.sub(" ", shown.replace("\\n", " ")).strip()
    return folded_shown == _SPACES.sub(" ", actual).strip()


class AnnotationParser:
    """Parses and checks result lists against one inventory (reuse it across annotations)."""

    def __init__(self, inventory: Inventory) -> None:
        self.inv = inventory
        self.layer_controls = {layer.control: layer for layer in inventory.layers.values()}
        self.attribute_controls = {
            attribute.control: (layer, attribute)
            for layer in inventory.layers.values()
            for attribute in layer.attributes
        }
        self.relation_names = {r.name for r in inventory.layer("attributions").relations}

    def parse(self, result: Any, text: str | None, base: str, report: Report) -> ParsedAnnotation:
        """Check and parse one annotation's results; ``text`` None (a dehydrated task whose source
        texts are missing) checks everything but the offsets against the text."""
        parsed = ParsedAnnotation(regions={name: [] for name in self.inv.layers})
        if not isinstance(result, list):
            report("error", "result-not-list", f"{base}.result", f"{type(result).__name__}", "a list of results")
            return parsed
        by_id: dict[str, list[Region]] = {}  # an id may name one region per layer
        by_key: dict[tuple[str, str, int, int], Region] = {}
        choices: list[tuple[str, dict[str, Any]]] = []
        relations: list[tuple[str, dict[str, Any]]] = []
        for index, item in enumerate(result):
            path = f"{base}.result[{index}]"
            if not isinstance(item, dict):
                report("error", "result-not-object", path, repr(item)[:60], "a result object")
                continue
            kind = item.get("type")
            if kind == "relation":
                relations.append((path, item))
            elif kind == "choices":
                choices.append((path, item))
            elif kind == "labels":
                parsed.regions_read += 1
                region = self._region(item, text, path, report)
                if region is None:
                    parsed.skipped.append((path, "invalid region"))
                    continue
                seen = next((r for r in by_id.get(region.id, []) if r.layer == region.layer), None)
                if seen is not None:
                    if (seen.start, seen.end) != (region.start, region.end):
                        report("error", "region-id-reused", f"{path}.id",
                               f"region id {region.id!r} with offsets [{region.start}, {region.end}) and, at {seen.path}, [{seen.start}, {seen.end})",
                               "one region id per region")
                        parsed.skipped.append((path, f"region id {region.id!r} reused"))
                    elif seen.label != region.label:
                        report("error", "region-two-labels", f"{path}.value.labels",
                               f"region {region.id!r} labelled both {seen.label} and {region.label}",
                               "one label per region and layer")
                        parsed.skipped.append((path, f"second label on region {region.id!r}"))
                    else:
                        parsed.skipped.append((path, f"repeats result {seen.path}"))
                    continue
                key = (region.layer, region.label, region.start, region.end)
                twin = by_key.get(key)
                if twin is not None:
                    report("warning", "duplicate-region", path,
                           f"a region identical to {twin.path} ({region.label} [{region.start}, {region.end}), id {twin.id!r})",
                           "each region once; the duplicate is not converted")
                    parsed.skipped.append((path, f"duplicate of region {twin.id!r}"))
                    by_id.setdefault(region.id, []).append(twin)
                    continue
                by_key[key] = region
                by_id.setdefault(region.id, []).append(region)
                parsed.regions[region.layer].append(region)
            else:
                report("error", "unknown-result-type", f"{path}.type", repr(kind),
                       "one of 'labels', 'choices', 'relation' (the controls of Byline's config)")
        for path, item in choices:
            self._attribute(item, by_id, parsed, path, report)
        links = [link for path, item in relations if (link := self._link(item, by_id, path, report))]
        self._required_attributes(parsed, report)
        self._assemble(parsed, links, report)
        self._flat_entities(parsed, report)
        return parsed

    def _region(self, item: dict[str, Any], text: str | None, path: str, report: Report) -> Region | None:
        control = item.get("from_name")
        layer = self.layer_controls.get(str(control))
        ok = True
        if layer is None:
            report("error", "unknown-control", f"{path}.from_name", repr(control),
                   f"a Labels control of Byline's config: {sorted(self.layer_controls)}")
            return None
        if item.get("to_name") != self.inv.text_name:
            report("error", "unknown-object", f"{path}.to_name", repr(item.get("to_name")), repr(self.inv.text_name))
            ok = False
        region_id = item.get("id")
        if not isinstance(region_id, str | int) or isinstance(region_id, bool) or region_id == "":
            report("error", "region-without-id", f"{path}.id", repr(region_id), "a region id")
            return None
        value = item.get("value")
        if not isinstance(value, dict):
            report("error", "region-without-value", f"{path}.value", repr(value)[:60], "an object with start, end and labels")
            return None
        start, end = value.get("start"), value.get("end")
        for name, offset in (("start", start), ("end", end)):
            if not _is_int(offset):
                report("error", "offset-not-integer", f"{path}.value.{name}", repr(offset),
                       "an integer code-point offset")
                ok = False
        if not (isinstance(start, int) and isinstance(end, int)):
            pass  # reported above; the label is still checked below
        elif text is not None and not (0 <= start <= len(text) and 0 <= end <= len(text)):
            report("error", "offset-outside-text", f"{path}.value",
                   f"[{start}, {end}) in a text of {len(text)} code points", f"offsets within [0, {len(text)}]")
            ok = False
        elif start >= end:
            report("error", "empty-span", f"{path}.value", f"start {start} >= end {end}", "start < end")
            ok = False
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            report("error", "labels-not-one", f"{path}.value.labels", repr(labels), "exactly one label")
            return None
        label = labels[0]
        if label not in layer.label_names:
            report("error", "unknown-label", f"{path}.value.labels[0]", repr(label),
                   f"a label of the {layer.name} layer: {list(layer.label_names)}")
            ok = False
        if not ok or not (isinstance(start, int) and isinstance(end, int)):
            return None
        shown = value.get("text")
        if isinstance(shown, str) and text is not None and not text_matches(shown, text[start:end]):
            report("warning", "region-text-mismatch", f"{path}.value.text",
                   f"{shown[:60]!r} but the text at [{start}, {end}) is {text[start:end][:60]!r}",
                   "value.text to render text[start:end] (Byline always uses the offsets)")
        return Region(str(region_id), layer.name, label, start, end, path)

    def _attribute(
        self, item: dict[str, Any], by_id: dict[str, list[Region]], parsed: ParsedAnnotation, path: str, report: Report
    ) -> None:
        control = str(item.get("from_name"))
        known = self.attribute_controls.get(control)
        if known is None:
            report("error", "unknown-control", f"{path}.from_name", repr(item.get("from_name")),
                   f"a Choices control of Byline's config: {sorted(self.attribute_controls)}")
            return
        layer, attribute = known
        value = item.get("value")
        picked = value.get("choices") if isinstance(value, dict) else None
        if not isinstance(picked, list) or len(picked) != 1 or picked[0] not in attribute.values:
            report("error", "unknown-choice", f"{path}.value.choices", repr(picked),
                   f"exactly one of {list(attribute.values)}")
            return
        candidates = by_id.get(str(item.get("id")), [])
        region = next((r for r in candidates if r.layer == layer.name), None)
        if region is None:
            found = f"a {attribute.name!r} choice for region {item.get('id')!r}, which " + (
                "does not exist" if not candidates else f"is a {candidates[0].layer} region"
            )
            report("error", "attribute-without-region", f"{path}.id", found,
                   f"a per-region choice on an existing {'/'.join(attribute.applies_to)} region")
            return
        if region.label not in attribute.applies_to:
            report("error", "attribute-wrong-label", f"{path}.from_name",
                   f"{attribute.name!r} on a {region.label} region", f"it only on {list(attribute.applies_to)} regions")
            return
        current = parsed.attributes.setdefault(region.id, {})
        if attribute.name in current and current[attribute.name] != picked[0]:
            report("error", "attribute-conflict", f"{path}.value.choices",
                   f"{attribute.name}={picked[0]!r} and {current[attribute.name]!r} on region {region.id!r}",
                   "one value per region")
            return
        current[attribute.name] = picked[0]

    def _link(self, item: dict[str, Any], by_id: dict[str, list[Region]], path: str, report: Report) -> Link | None:
        ends = []
        for side in ("from_id", "to_id"):
            candidates = by_id.get(str(item.get(side)), [])
            # An id shared by regions of several layers: relations address the attribution one.
            region = next((r for r in candidates if r.layer == "attributions"), candidates[0] if candidates else None)
            if region is None:
                report("error", "relation-endpoint-missing", f"{path}.{side}", f"region {item.get(side)!r}, which does not exist",
                       "a relation between two existing regions")
                return None
            ends.append(region)
        roles = [self.inv.role_of_label(region.label) for region in ends]
        if None in roles:
            names = [f"{r.label} ({r.layer})" for r in ends]
            report("error", "relation-wrong-roles", path, f"a relation between {names[0]} and {names[1]}",
                   "relations only between SOURCE, CUE and CONTENT regions of the attributions layer")
            return None
        assert roles[0] is not None and roles[1] is not None
        kind = self.inv.relation_for_roles(roles[0], roles[1])
        if kind is None:
            report("error", "relation-wrong-roles", path, f"a relation between {ends[0].label} and {ends[1].label}",
                   "source: SOURCE–CONTENT, cue: CUE–CONTENT, continues: CONTENT–CONTENT")
            return None
        labels = item.get("labels") or []
        if not isinstance(labels, list) or any(label not in self.relation_names for label in labels):
            report("error", "unknown-relation-label", f"{path}.labels", repr(labels),
                   f"at most one of {sorted(self.relation_names)}")
            return None
        if labels and labels != [kind.name]:
            report("error", "relation-label-mismatch", f"{path}.labels",
                   f"{labels} on a link between {ends[0].label} and {ends[1].label}", f"[{kind.name!r}]")
            return None
        first, second = ends
        if (kind.from_role != kind.to_role and roles[0] != kind.from_role) or (kind.from_role == kind.to_role and second.start < first.start):
            first, second = second, first
        return Link(first.id, second.id, kind.name, path)

    def _required_attributes(self, parsed: ParsedAnnotation, report: Report) -> None:
        for layer in self.inv.layers.values():
            if layer.name == "attributions":
                continue  # checked per attribution, on its contents
            for attribute in layer.attributes:
                if not attribute.required:
                    continue
                for region in parsed.regions[layer.name]:
                    if region.label in attribute.applies_to and attribute.name not in parsed.attributes.get(region.id, {}):
                        report("error", "attribute-missing", region.path,
                               f"{region.label} region {region.id!r} without {attribute.name!r}",
                               f"a choice in {attribute.control!r}: one of {list(attribute.values)}")

    def _assemble(self, parsed: ParsedAnnotation, links: list[Link], report: Report) -> None:
        role = self.inv.role_of_label
        regions = parsed.regions["attributions"]
        contents = [r for r in regions if role(r.label) == "content"]
        parent = {r.id: r.id for r in contents}

        def find(node: str) -> str:
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        attached: dict[str, list[Link]] = {}
        for link in links:
            if link.name == "continues":
                a, b = find(link.from_id), find(link.to_id)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                attached.setdefault(link.from_id, []).append(link)
        groups: dict[str, list[Region]] = {}
        for region in contents:
            groups.setdefault(find(region.id), []).append(region)
        group_of = {region.id: find(region.id) for region in contents}
        cues: dict[str, list[Region]] = {}
        sources: dict[str, list[Region]] = {}
        for region in regions:
            kind = role(region.label)
            if kind == "content":
                continue
            mine = attached.get(region.id, [])
            if not mine:
                report("error", "attribution-without-content", region.path,
                       f"a {region.label} region ({region.id!r}) linked to no CONTENT",
                       f"a '{'cue' if kind == 'cue' else 'source'}' relation from it to the CONTENT of its attribution")
                parsed.skipped.append((region.path, "not linked to any content"))
                continue
            target = cues if kind == "cue" else sources
            for link in mine:
                bucket = target.setdefault(group_of[link.to_id], [])
                if region not in bucket:
                    bucket.append(region)
        for key, members in groups.items():
            members.sort(key=lambda r: (r.start, r.end))
            head = members[0]
            values: dict[str, str] = {}
            for attribute in self.inv.layer("attributions").attributes:
                found = {parsed.attributes[m.id][attribute.name] for m in members
                         if attribute.name in parsed.attributes.get(m.id, {})}
                if len(found) > 1:
                    report("error", "attribute-conflict", head.path,
                           f"{attribute.name} = {sorted(found)} on the parts of one attribution", "one value")
                elif not found:
                    report("error", "attribute-missing", head.path,
                           f"an attribution (first CONTENT {head.id!r}) without {attribute.name!r}",
                           f"a choice in {attribute.control!r} on its first CONTENT: one of {list(attribute.values)}")
                else:
                    values[attribute.name] = found.pop()
            group_cues = cues.get(key, [])
            if len(group_cues) > 1:
                report("error", "attribution-two-cues", head.path,
                       f"{len(group_cues)} CUE regions linked to one attribution ({[c.id for c in group_cues]})",
                       "at most one cue per attribution")
            parsed.attributions.append(Attribution(
                id=head.id,
                cue=group_cues[0] if group_cues else None,
                sources=sorted(sources.get(key, []), key=lambda r: (r.start, r.end)),
                contents=members,
                attributes=values,
            ))
        parsed.attributions.sort(key=lambda a: (a.contents[0].start, a.contents[0].end))

    def _flat_entities(self, parsed: ParsedAnnotation, report: Report) -> None:
        entities = sorted(parsed.regions["entities"], key=lambda r: (r.start, r.end))
        for before, after in itertools.pairwise(entities):
            if after.start < before.end:
                report("warning", "entities-overlap", after.path,
                       f"{after.label} [{after.start}, {after.end}) overlapping {before.label} [{before.start}, {before.end}) at {before.path}",
                       "entity spans that do not overlap (the entity layer is flat)")
