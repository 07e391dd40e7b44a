"""The Label Studio config under schema/ is generated from the inventory and accepted by
Label Studio's own parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from byline.inventory import load_inventory
from byline.resources import schema_dir
from byline.studio.config import CONFIG_FILE, generate_label_config


def test_checked_in_config_matches_the_generator() -> None:
    checked_in = (schema_dir() / CONFIG_FILE).read_text(encoding="utf-8")
    assert checked_in == generate_label_config(), (
        "schema/label_config.xml drifted from schema/labels.json; "
        "regenerate it with `byline studio config --write`"
    )


def test_structure_one_labels_control_per_layer_over_one_text() -> None:
    root = ET.fromstring(generate_label_config())
    inv = load_inventory()
    texts = root.findall(".//Text")
    assert [(t.get("name"), t.get("value")) for t in texts] == [("text", "$text")]
    labels = root.findall(".//Labels")
    assert [c.get("name") for c in labels] == [layer.control for layer in inv.layers.values()]
    assert all(c.get("toName") == "text" for c in labels)
    for control, layer in zip(labels, inv.layers.values(), strict=True):
        assert [e.get("value") for e in control.findall("Label")] == list(layer.label_names)
    relations = [r.get("value") for r in root.findall(".//Relations/Relation")]
    assert relations == [r.name for r in inv.layer("attributions").relations]
    choices = root.findall(".//Choices")
    assert all(c.get("perRegion") == "true" for c in choices)
    assert {c.get("name") for c in choices} == {
        a.control for layer in inv.layers.values() for a in layer.attributes
    }


def test_no_alias_anywhere() -> None:
    root = ET.fromstring(generate_label_config())
    assert all("alias" not in element.attrib for element in root.iter())


def test_hotkeys_are_unique() -> None:
    root = ET.fromstring(generate_label_config())
    hotkeys = [e.get("hotkey") for e in root.iter() if e.get("hotkey")]
    assert len(hotkeys) == len(set(hotkeys))


def test_label_studio_sdk_accepts_the_config() -> None:
    pytest.importorskip("label_studio_sdk")
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface((schema_dir() / CONFIG_FILE).read_text(encoding="utf-8"))
    interface.validate()
    inv = load_inventory()
    controls = {control.name: control for control in interface.controls}
    for layer in inv.layers.values():
        assert type(controls[layer.control]).__name__ == "LabelsTag"
        assert list(controls[layer.control].labels) == list(layer.label_names)
        for attribute in layer.attributes:
            assert type(controls[attribute.control]).__name__ == "ChoicesTag"
    assert [o.name for o in interface.objects] == ["text"]
