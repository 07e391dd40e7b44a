"""The label inventory in schema/labels.json is consistent with itself."""

from __future__ import annotations

from byline.inventory import LAYERS, load_inventory


def test_four_layers_in_contract_order() -> None:
    assert tuple(load_inventory().layers) == LAYERS


def test_entity_types_are_ontonotes() -> None:
    assert set(load_inventory().entity_types) == {
        "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
        "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
    }


def test_label_names_hotkeys_and_controls_are_unique() -> None:
    inv = load_inventory()
    labels = [label for layer in inv.layers.values() for label in layer.labels]
    names = [label.name for label in labels]
    hotkeys = [label.hotkey for label in labels]
    controls = [layer.control for layer in inv.layers.values()]
    controls += [a.control for layer in inv.layers.values() for a in layer.attributes]
    assert len(names) == len(set(names))
    assert len(hotkeys) == len(set(hotkeys))
    assert len(controls) == len(set(controls))
    assert inv.text_name not in controls


def test_every_label_and_choice_has_a_definition() -> None:
    inv = load_inventory()
    for layer in inv.layers.values():
        for label in layer.labels:
            assert label.definition.strip(), label.name
        for attribute in layer.attributes:
            assert attribute.definition.strip()
            assert all(choice.definition.strip() for choice in attribute.choices)


def test_attributes_apply_to_labels_of_their_layer() -> None:
    inv = load_inventory()
    for layer in inv.layers.values():
        for attribute in layer.attributes:
            assert set(attribute.applies_to) <= set(layer.label_names)
            assert len(attribute.values) == len(set(attribute.values)) >= 2


def test_attribution_roles_and_relations() -> None:
    inv = load_inventory()
    roles = {inv.role_of_label(name) for name in inv.layer("attributions").label_names}
    assert roles == {"source", "cue", "content"}
    for relation in inv.layer("attributions").relations:
        assert {relation.from_role, relation.to_role} <= roles
    assert inv.relation_for_roles("source", "content") is not None
    assert inv.relation_for_roles("content", "source") is not None
    assert inv.relation_for_roles("cue", "content") is not None
    assert inv.relation_for_roles("content", "content") is not None
    assert inv.relation_for_roles("source", "cue") is None
    assert inv.relation_for_roles("source", "source") is None


def test_conll_collapse_targets_are_declared() -> None:
    inv = load_inventory()
    targets = {target for target in inv.conll_map().values() if target is not None}
    assert targets == set(inv.collapse_labels)
