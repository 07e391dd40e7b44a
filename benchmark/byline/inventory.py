"""The label inventory of the four layers, read from ``schema/labels.json``.

This is the only place that knows the file's layout; every other module asks the
:class:`Inventory` for label, attribute and relation names instead of spelling them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from byline.resources import load_json

LAYERS: tuple[str, ...] = ("entities", "claims", "attributions", "boilerplate")
"""The four layers, in the order Byline always lists them."""


@dataclass(frozen=True)
class Label:
    name: str
    definition: str
    color: str
    hotkey: str
    conll: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Choice:
    value: str
    definition: str


@dataclass(frozen=True)
class Attribute:
    """A per-region attribute, shown in Label Studio as a ``<Choices perRegion>`` control."""

    name: str
    control: str
    applies_to: tuple[str, ...]
    required: bool
    definition: str
    choices: tuple[Choice, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)


@dataclass(frozen=True)
class RelationType:
    name: str
    from_role: str
    to_role: str
    definition: str


@dataclass(frozen=True)
class Layer:
    name: str
    control: str
    description: str
    labels: tuple[Label, ...]
    attributes: tuple[Attribute, ...] = ()
    relations: tuple[RelationType, ...] = ()

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    def label(self, name: str) -> Label:
        for label in self.labels:
            if label.name == name:
                return label
        raise KeyError(name)


@dataclass(frozen=True)
class Inventory:
    version: str
    text_name: str
    text_value: str
    layers: dict[str, Layer]
    collapse_name: str
    collapse_labels: tuple[str, ...]

    def layer(self, name: str) -> Layer:
        return self.layers[name]

    def layer_of_control(self, control: str) -> Layer | None:
        for layer in self.layers.values():
            if layer.control == control:
                return layer
        return None

    def attribute_of_control(self, control: str) -> tuple[Layer, Attribute] | None:
        for layer in self.layers.values():
            for attribute in layer.attributes:
                if attribute.control == control:
                    return layer, attribute
        return None

    @property
    def entity_types(self) -> tuple[str, ...]:
        return self.layers["entities"].label_names

    @property
    def boilerplate_types(self) -> tuple[str, ...]:
        return self.layers["boilerplate"].label_names

    def conll_map(self) -> dict[str, str | None]:
        """OntoNotes type -> CoNLL type (None: dropped in the collapsed scheme)."""
        return {label.name: label.conll for label in self.layers["entities"].labels}

    def role_label(self, role: str) -> str:
        """The attribution label name that carries a role (source, cue, content)."""
        for label in self.layers["attributions"].labels:
            if label.role == role:
                return label.name
        raise KeyError(role)

    def role_of_label(self, name: str) -> str | None:
        for label in self.layers["attributions"].labels:
            if label.name == name:
                return label.role
        return None

    def relation(self, name: str) -> RelationType | None:
        for relation in self.layers["attributions"].relations:
            if relation.name == name:
                return relation
        return None

    def relation_for_roles(self, role_a: str, role_b: str) -> RelationType | None:
        """The relation type that may join two roles, in either direction."""
        for relation in self.layers["attributions"].relations:
            if {relation.from_role, relation.to_role} == {role_a, role_b} and (
                relation.from_role != relation.to_role or role_a == role_b
            ):
                return relation
        return None


def _layer(name: str, raw: dict[str, Any]) -> Layer:
    return Layer(
        name=name,
        control=raw["control"],
        description=raw["description"],
        labels=tuple(
            Label(
                name=item["name"],
                definition=item["definition"],
                color=item["color"],
                hotkey=item["hotkey"],
                conll=item.get("conll"),
                role=item.get("role"),
            )
            for item in raw["labels"]
        ),
        attributes=tuple(
            Attribute(
                name=item["name"],
                control=item["control"],
                applies_to=tuple(item["applies_to"]),
                required=bool(item["required"]),
                definition=item["definition"],
                choices=tuple(Choice(c["value"], c["definition"]) for c in item["choices"]),
            )
            for item in raw.get("attributes", [])
        ),
        relations=tuple(
            RelationType(r["name"], r["from_role"], r["to_role"], r["definition"])
            for r in raw.get("relations", [])
        ),
    )


@cache
def load_inventory() -> Inventory:
    """Read and type ``schema/labels.json`` (cached: the file does not change at run time)."""
    raw = load_json("labels.json")
    layers = {name: _layer(name, raw["layers"][name]) for name in LAYERS}
    return Inventory(
        version=raw["version"],
        text_name=raw["text"]["name"],
        text_value=raw["text"]["value"],
        layers=layers,
        collapse_name=raw["entity_collapse"]["name"],
        collapse_labels=tuple(raw["entity_collapse"]["labels"]),
    )
