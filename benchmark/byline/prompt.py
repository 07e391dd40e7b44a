"""A kit for generative systems: one request per document of a split (``byline prompt``).

Each request (one JSON object per line) carries the document's ``id`` and ``text_sha256``, a
chat-style ``messages`` list — a system message holding :func:`instruction` and a user message
holding the document's text exactly as stored — and ``response_schema``: the JSON Schema of one
string-only prediction record (``schema/string_prediction.schema.json`` with its label enums
inlined, so that it stands alone), restricted to the layers asked for. No model is called here:
send the requests to any model, keep each answer (one JSON object) as one line of an answers
file, then ``byline align ANSWERS --out PRED.jsonl`` and ``byline score --predictions PRED.jsonl``.

The instruction is generated from ``schema/labels.json`` (layer descriptions, label and
attribute definitions) and the alignment rule of ``byline align``, so it never drifts from them.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from byline.errors import UsageError
from byline.inventory import load_inventory
from byline.resources import load_json
from byline.schemas import generate_labels_schema

LAYERS = ("entities", "claims", "attributions", "boilerplate")
LABELS_REF = "urn:byline:schema:labels#/$defs/"


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(LABELS_REF):
            return copy.deepcopy(defs[ref[len(LABELS_REF):]])
        return {key: _inline(value, defs) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value, defs) for value in node]
    return node


def response_schema(layers: Sequence[str] = LAYERS) -> dict[str, Any]:
    """The JSON Schema of one answer: a string-only prediction record with the label enums
    inlined (no ``$ref`` left) and only ``layers`` among its properties (each required)."""
    schema = _inline(load_json("string_prediction.schema.json"), generate_labels_schema()["$defs"])
    schema.pop("$id", None)
    schema["properties"] = {key: value for key, value in schema["properties"].items()
                            if key == "id" or key in layers}
    schema["required"] = ["id", *layers]
    return dict(schema)


def instruction(layers: Sequence[str] = LAYERS) -> str:
    """What the model is asked to do, from the label inventory (see the module docstring)."""
    inventory = load_inventory()
    parts = [
        "You read news articles the way a fact-checker does. The user message is one document: the text of a "
        "news web page, possibly with page furniture. Answer with one JSON object and nothing else, valid "
        "against the JSON Schema given with this request, whose \"id\" is the document id given below.",
        "Copy every span as an exact substring of the document (same characters, same punctuation; do not "
        "correct, translate or summarise), and list the spans of each layer in the order they occur. A string "
        "that occurs several times is placed at its first occurrence not yet taken by an earlier string of the "
        "same layer, so list repeated mentions once per occurrence, left to right.",
    ]
    for name in layers:
        layer = inventory.layer(name)
        lines = [f"Layer \"{name}\": {layer.description}"]
        if name != "attributions":
            lines += [f"- {label.name}: {label.definition}" for label in layer.labels]
        for attribute in layer.attributes:
            values = "; ".join(f"\"{value}\"" for value in attribute.values)
            lines.append(f"- attribute \"{attribute.name}\" ({values}): {attribute.definition}")
        parts.append("\n".join(lines))
    if "attributions" in layers:
        parts.append(
            "For each attribution give \"cue\" (the attribution word or fixed phrase only, e.g. \"said\", "
            "\"according to\"; null when there is none), \"sources\" (who: one string per named source, empty "
            "when unnamed), \"contents\" (what: for a direct quote, exactly the text between the quotation marks; "
            "several strings when the quote is split by its cue), \"type\" and \"stance\"."
        )
    return "\n\n".join(parts)


def check_layers(layers: Sequence[str]) -> None:
    """Refuse layer names Byline does not have (or none at all), naming the options."""
    unknown = [name for name in layers if name not in LAYERS]
    if unknown or not layers:
        raise UsageError(f"--layers: found {', '.join(unknown) or 'nothing'}; expected some of {', '.join(LAYERS)}")


def requests(documents: Sequence[dict[str, Any]] | Iterator[dict[str, Any]],
             layers: Sequence[str] = LAYERS) -> Iterator[dict[str, Any]]:
    """One request per gold document, in their order."""
    check_layers(layers)
    schema = response_schema(layers)
    text = instruction(layers)
    for document in documents:
        yield {
            "id": document["id"],
            "text_sha256": document["text_sha256"],
            "messages": [
                {"role": "system", "content": f"{text}\n\nDocument id: {document['id']}"},
                {"role": "user", "content": document["text"]},
            ],
            "response_schema": schema,
        }


def write_requests(dataset: Path, split: str, out: Path, layers: Sequence[str] = LAYERS) -> int:
    """Write the requests of a split as JSONL (UTF-8, ``\\n`` line ends); return how many."""
    from byline.scoring.gold import iter_gold_records

    check_layers(layers)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    count = 0
    try:  # written whole or not at all
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            for request in requests(iter_gold_records(dataset, split), layers):
                handle.write(json.dumps(request, ensure_ascii=False) + "\n")
                count += 1
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count
