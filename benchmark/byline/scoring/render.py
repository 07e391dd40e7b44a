"""A result as tables for people (the CLI prints them; nothing here prints).

One table per scored layer, with 95% intervals, rendered as Markdown-style ASCII tables by
``tabulate`` (polars, used for this before, took a tenth of a whole `byline score` run just to be
imported). Works from the result *record*, so any result file renders.
"""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from byline.inventory import LAYERS


def _f(value: Any) -> str:
    return "–" if value is None else f"{float(value):.3f}"


def _ci(interval: Any) -> str:
    if not interval:
        return "–"
    return f"[{float(interval[0]):.3f}, {float(interval[1]):.3f}]"


def _count(n: Any, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    table: str = tabulate(rows, headers="keys", tablefmt="github", stralign="right", disable_numparse=True)
    return table


def _prf_row(name: str, block: dict[str, Any], interval: Any, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    row = {
        "metric": name,
        "precision": _f(block["precision"]),
        "recall": _f(block["recall"]),
        "F1": _f(block["f1"]),
        "F1 95% CI": _ci(interval),
    }
    for key in ("credit", "predicted", "gold"):
        value = block.get(key)
        row[key] = "–" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
    for key, value in (extra or {}).items():
        row[key] = str(value)
    return row


def _accuracies(title: str, attributes: dict[str, Any]) -> list[str]:
    return [
        f"{name} accuracy on matched {title}: {_f(block['accuracy'])} "
        f"({block['correct']} of {block['matched']} matched; {block['given']} stated)"
        for name, block in attributes.items()
    ]


def _entities(layer: dict[str, Any]) -> list[str]:
    intervals = layer.get("intervals", {})
    schemes = layer["schemes"]
    rows = [
        _prf_row(scheme, block, intervals.get(f"schemes.{scheme}.f1"),
                 {k: block[k] for k in ("correct", "incorrect", "partial", "missed", "spurious")})
        for scheme, block in schemes.items()
    ]
    out = [_table(rows)]
    macro = layer.get("macro", {})
    if macro:
        out.append("macro over labels: " + ", ".join(
            f"{scheme} F1 {_f(block['f1'])}" for scheme, block in macro.items()
        ) + f" ({next(iter(macro.values())).get('units', 0)} labels)")
    per_label = layer.get("per_label", {})
    if per_label:
        out.append(_table([
            {"label": label, "gold": str(block["gold"]), "predicted": str(block["predicted"]),
             **{f"{scheme} F1": _f(block[scheme]["f1"]) for scheme in schemes}}
            for label, block in per_label.items()
        ]))
    collapsed = layer.get("collapsed")
    if collapsed:
        out.append(f"collapsed to {collapsed.get('name', 'collapsed')} types:")
        out.append(_table([_prf_row(scheme, block, None) for scheme, block in collapsed["schemes"].items()]))
    return out


def _claims(layer: dict[str, Any]) -> list[str]:
    intervals = layer.get("intervals", {})
    rows = [_prf_row(kind, layer[kind], intervals.get(f"{kind}.f1")) for kind in ("exact", "soft")]
    return [_table(rows), *_accuracies("claims", layer.get("attributes", {}))]


def _attributions(layer: dict[str, Any]) -> list[str]:
    intervals = layer.get("intervals", {})
    relations = layer["relations"]
    rows = [_prf_row(f"relation {scheme}", relations[scheme], intervals.get(f"relations.{scheme}.f1"))
            for scheme in ("strict", "lenient", "soft")]
    for role, block in layer.get("roles", {}).items():
        for kind in ("exact", "soft"):
            rows.append(_prf_row(f"{role} {kind}", block[kind], intervals.get(f"roles.{role}.{kind}.f1")))
    return [_table(rows), *_accuracies("attributions", layer.get("attributes", {}))]


def _boilerplate(layer: dict[str, Any]) -> list[str]:
    intervals = layer.get("intervals", {})
    per_doc = layer["characters_per_document"]
    rows = [
        _prf_row("characters (pooled)", layer["characters"], intervals.get("characters.f1")),
        _prf_row(f"characters (mean of {per_doc.get('documents', 0)} documents)", per_doc,
                 intervals.get("characters_per_document.f1")),
        _prf_row("spans", layer["spans"], intervals.get("spans.f1")),
    ]
    if "typed_spans" in layer:
        rows.append(_prf_row("typed spans", layer["typed_spans"], intervals.get("typed_spans.f1")))
    return [_table(rows)]


_LAYER_RENDERERS = {"entities": _entities, "claims": _claims, "attributions": _attributions,
                    "boilerplate": _boilerplate}


def render_result(result: dict[str, Any]) -> str:
    """Plain-text tables of a result record, one section per scored layer."""
    system = result["system"]
    dataset = result["dataset"]
    settings = result.get("settings", {})
    predictions = result.get("predictions", {})
    name = system["name"] + (f" {system['version']}" if system.get("version") else "")
    lines = [
        f"byline score: {name} on split {dataset['split']!r} ({_count(dataset['documents'], 'document')}, "
        f"gold fingerprint {str(dataset['fingerprint'])[:12]}…)",
        f"predictions: {predictions.get('file', '?')} (sha256 {result['predictions_sha256'][:12]}…), "
        f"{_count(predictions.get('records'), 'record')}, "
        f"{_count(predictions.get('missing_documents', 0), 'gold document')} missing",
        f"intervals: {float(settings.get('confidence', 0.95)) * 100:g}% {settings.get('interval', 'bootstrap')}, "
        f"{settings.get('resamples', '?')} resamples over documents, seed {settings.get('seed', '?')}",
        "",
    ]
    layers = result["layers"]
    scored = [name for name in LAYERS if name in layers]
    if result.get("overall") is None:
        lines.append("overall: – (no layer predicted)")
    else:
        lines.append(f"overall: {_f(result['overall'])} {_ci(result.get('overall_ci95'))} "
                     f"(mean of the primary metrics of {', '.join(scored)})")
    for name in scored:
        layer = layers[name]
        lines += [
            "",
            f"== {name}: primary {layer['primary_metric']} = {_f(layer['primary'])} {_ci(layer['ci95'])}",
            *_LAYER_RENDERERS[name](layer),
        ]
    return "\n".join(lines) + "\n"
