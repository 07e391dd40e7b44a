"""label-studio-sdk's own parser of labeling configs accepts the checked-in generated config."""

from __future__ import annotations

import pytest

from byline.inventory import load_inventory
from byline.resources import schema_dir
from byline.studio.config import generate_label_config
from byline.studio.project import BYLINE_MARKER, Vocabulary


def test_label_interface_accepts_the_config() -> None:
    label_interface = pytest.importorskip("label_studio_sdk.label_interface")
    config = (schema_dir() / "label_config.xml").read_text(encoding="utf-8")
    interface = label_interface.LabelInterface(config)
    inv = load_inventory()
    controls = {control.name: control for control in interface.controls}
    for layer in inv.layers.values():
        assert controls[layer.control].tag == "Labels"
        assert sorted(controls[layer.control].labels) == sorted(layer.label_names)
        for attribute in layer.attributes:
            assert controls[attribute.control].tag == "Choices"
            assert sorted(controls[attribute.control].labels) == sorted(attribute.values)
    assert [obj.name for obj in interface.objects] == [inv.text_name]
    assert interface.validate() in (None, True)


def test_generated_config_carries_the_byline_marker_and_its_vocabulary() -> None:
    config = generate_label_config()
    assert BYLINE_MARKER in config.splitlines()[0]
    vocabulary = Vocabulary.of(config)
    inv = load_inventory()
    assert vocabulary.relations == {r.name for r in inv.layer("attributions").relations}
    for layer in inv.layers.values():
        assert vocabulary.controls[layer.control] == ("labels", frozenset(layer.label_names))
