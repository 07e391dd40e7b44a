"""``croissant.json``: the MLCommons Croissant 1.0 description of a built dataset.

Written by ``byline build`` beside the Parquet files it describes: the dataset's name,
description, licences, citation and provenance; its files (``FileObject`` per Parquet split
file and gold JSONL file, each with its SHA-256, and a ``FileSet`` of the Parquet split files); and one
record set, ``documents``, whose fields follow the dataset's features (:func:`byline.dataset.features`):
one record per document, the layers as repeated fields with their sub-fields, label names as
the inventory's class indices. ``mlcroissant`` reads the records from the local files (a test
does), with no network.

The JSON-LD is written directly (a dict following the Croissant 1.0 specification) rather than
with ``mlcroissant``'s builder, which would bring pandas, rdflib and networkx into every install
that builds a dataset; ``mlcroissant`` is a test dependency that checks what is written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from byline import __version__
from byline.dataset import SPLITS, features, split_data_path
from byline.texts import file_sha256

CROISSANT_FILE = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
PARQUET = "application/x-parquet"
JSON_LINES = "application/jsonlines"
RECORD_SET = "documents"
PARQUET_FILES = "parquet-splits"

CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
"""The JSON-LD context of Croissant 1.0, as its specification gives it."""

_DTYPES = {
    "string": "sc:Text", "int32": "sc:Integer", "int64": "sc:Integer", "bool": "sc:Boolean",
    "float32": "sc:Float", "float64": "sc:Float",
}

CITATION = ("@misc{byline, title = {Byline: a benchmark for reading news the way a fact-checker does}, "
            "author = {{The Byline team}}, note = {Dataset fingerprint FINGERPRINT}}")

DESCRIPTION = (
    "News articles annotated the way a fact-checker reads them, in four layers: entities (OntoNotes 5 "
    "types), claims (with check-worthiness), attributions (who said what: source, cue, content, type, "
    "stance) and boilerplate (text that is not the article). Spans are half-open [start, end) ranges of "
    "Python code points of text, stored exactly as imported. Said plainly: apart from published news "
    "documents, the articles were written by AI assistant sessions for the corpus, and every document was "
    "annotated and reviewed by AI assistant sessions through Label Studio, following "
    "annotations/GUIDELINES.md. Labels are class indices into the label names given in each field's "
    "description and in README.md."
)


def _leaf(out: dict[str, Any], feature: Any) -> dict[str, Any]:
    from datasets import ClassLabel

    if isinstance(feature, ClassLabel):
        out["dataType"] = "sc:Integer"
        out["description"] = "Class index into: " + ", ".join(f"{i} {n}" for i, n in enumerate(feature.names))
    else:
        out["dataType"] = _DTYPES.get(feature.dtype, "sc:Text")
    return out


def _is_leaf(feature: Any) -> bool:
    from datasets import ClassLabel, Value

    return isinstance(feature, ClassLabel | Value)


def _field(name: str, feature: Any, source: dict[str, Any], omitted: list[str]) -> dict[str, Any]:
    """A Croissant field for one top-level ``datasets`` feature (a column of the Parquet files).

    Structs and lists of structs become sub-fields read from the column by JSON path; what lies
    deeper than that (``mlcroissant`` reads one level of sub-fields) is listed in ``omitted``.
    """
    from datasets import List

    path = f"{RECORD_SET}/{name}"
    out: dict[str, Any] = {"@type": "cr:Field", "@id": path, "name": name}
    column = {**source, "extract": {"column": name}}
    repeated = isinstance(feature, List)
    inner = feature.feature if repeated else feature
    if repeated:
        out["repeated"] = True
    if _is_leaf(inner):
        return {**_leaf(out, inner), "source": column}
    out["source"] = column
    out["subField"] = []
    for key, sub in inner.items():
        if not _is_leaf(sub):
            omitted.append(f"{name}.{key}")
            continue
        child = {"@type": "cr:Field", "@id": f"{path}/{key}", "name": key,
                 "source": {**column, "transform": {"jsonPath": key}}}
        if repeated:
            child["repeated"] = True
        out["subField"].append(_leaf(child, sub))
    return out


def croissant(directory: Path, splits: Mapping[str, int], licenses: list[str], fingerprint: str) -> dict[str, Any]:
    """The Croissant description of the built dataset in ``directory`` (its files must exist)."""
    present = [split for split in SPLITS if splits.get(split)]
    distribution: list[dict[str, Any]] = []
    for split in present:
        for relative, encoding in ((split_data_path(split), PARQUET), (f"gold/{split}.jsonl", JSON_LINES)):
            distribution.append({
                "@type": "cr:FileObject", "@id": relative, "name": relative, "contentUrl": relative,
                "encodingFormat": encoding, "sha256": file_sha256(directory / relative),
            })
    distribution.append({
        "@type": "cr:FileSet", "@id": PARQUET_FILES, "name": PARQUET_FILES,
        "description": "One Parquet file per split: " + ", ".join(present) + ".",
        "encodingFormat": PARQUET, "includes": [split_data_path(split) for split in present],
    })
    source = {"fileSet": {"@id": PARQUET_FILES}}
    omitted: list[str] = []
    fields = [_field(name, feature, source, omitted) for name, feature in features().items()]
    fields.append({
        "@type": "cr:Field", "@id": f"{RECORD_SET}/split", "name": "split", "dataType": "sc:Text",
        "description": "The split, from the file name (also in meta.split).",
        "source": {**source, "extract": {"fileProperty": "filename"}, "transform": {"regex": r"^(.*)\.parquet$"}},
    })
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": "byline",
        "conformsTo": CONFORMS_TO,
        "description": DESCRIPTION,
        "version": __version__,
        "license": licenses,
        "citeAs": CITATION.replace("FINGERPRINT", fingerprint),
        "inLanguage": "en",
        "keywords": ["news", "fact-checking", "named entities", "claims", "attribution", "boilerplate"],
        "identifier": f"sha256:{fingerprint}",
        "distribution": distribution,
        "recordSet": [{
            "@type": "cr:RecordSet", "@id": RECORD_SET, "name": RECORD_SET,
            "description": "One record per document: its text, meta, the four layers and annotation provenance. "
                           "Nested deeper than these fields (the gold JSONL files and the Parquet files have "
                           "them): " + ", ".join(omitted) + ".",
            "key": {"@id": f"{RECORD_SET}/id"},
            "field": fields,
        }],
    }


def write_croissant(directory: Path, splits: Mapping[str, int], licenses: list[str], fingerprint: str) -> Path:
    path = directory / CROISSANT_FILE
    document = croissant(directory, splits, licenses, fingerprint)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
