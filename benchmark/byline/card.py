"""The dataset card (README.md of the built dataset): YAML front matter that ``datasets`` reads
(configs, splits, features) and a body generated from the schema and corpus statistics."""

from __future__ import annotations

from collections import Counter
from typing import Any

import polars as pl

from byline import __version__
from byline.card_metadata import CorpusFacets, card_yaml
from byline.dataset import present_splits
from byline.exports.store import CorpusStats
from byline.inventory import Inventory, load_inventory
from byline.origins import ALL, SAY_CUES, OriginStats, ordered_origins


def statistics(stats: CorpusStats) -> pl.DataFrame:
    """One row per (split, layer, label) with its count (attributions by type)."""
    rows = [{"split": split, "layer": layer, "label": label, "count": n}
            for (split, layer, label), n in stats.labels.items() if n]
    if not rows:
        return pl.DataFrame(schema={"split": pl.String, "layer": pl.String, "label": pl.String, "count": pl.Int64})
    return pl.DataFrame(rows).sort(["layer", "label", "split"])


def _table(header: list[str], rows: Any) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _agreement_section(agreement: dict[str, Any] | None) -> list[str]:
    """The card's agreement table: before adjudication (primary) and against the gold."""
    if not agreement:
        return []
    before, against = agreement.get("before-adjudication"), agreement.get("against-gold")
    out = ["", "## Inter-annotator agreement", ""]
    if before is None:
        out.append("No document was annotated twice independently before adjudication, so there is no agreement "
                   "before adjudication.")
    else:
        out.append(
            f"**Before adjudication** (the primary figure): two independent annotations of the same document, "
            f"neither of them the adjudicated gold, both made before it — annotator against annotator — over "
            f"{before['documents']} documents. Each layer's primary metric, one annotation as gold and the other as "
            "the system, averaged over both directions, with a 95% bootstrap interval over the pairs. **Against the "
            "gold** (secondary): each annotator's annotation against the adjudicated gold of its document"
            + (f" ({against['documents']} documents)." if against else ".")
        )
        out.append("")
        rows = []
        for name, layer in before["layers"].items():
            ci = layer.get("symmetric_ci95")
            gold = (against or {}).get("layers", {}).get(name, {}).get("symmetric")
            rows.append([name, f"`{layer['primary_metric']}`", f"{layer['symmetric']:.3f}"
                         + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else ""), "–" if gold is None else f"{gold:.3f}"])
        ci = before.get("overall_ci95")
        rows.append(["overall", "mean of the layers", f"{before['overall']:.3f}"
                     + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else ""),
                     "–" if not against else f"{against['overall']:.3f}"])
        out.append(_table(["layer", "metric", "before adjudication", "against the gold"], rows))
    out.append("")
    out.append("The annotators are AI assistant sessions sharing one set of guidelines: read these figures as a "
               "consistency check of the annotation, not a human ceiling.")
    return out


def render_card(corpus: CorpusStats, account: dict[str, Any], facets: CorpusFacets,
                inventory: Inventory | None = None, agreement: dict[str, Any] | None = None) -> str:
    """The whole card; ``{{FINGERPRINT}}`` is filled in by the writer. The YAML front matter comes
    from :mod:`byline.card_metadata` (``facets``: origins, splits and languages of the documents)."""
    inv = inventory or load_inventory()
    stats = statistics(corpus)
    splits = present_splits(corpus.documents)
    out: list[str] = ["---", card_yaml(facets, inv).rstrip(), "---", ""]
    out.append("# Byline")
    out.append("")
    out.append(
        "News articles annotated the way a fact-checker reads them, in four layers: **entities**, "
        "**claims**, **attributions** (who said what: source, cue, content) and **boilerplate** "
        "(text that is not the article). Built by `byline build` "
        f"(byline {__version__}, label inventory {inv.version}); dataset fingerprint `{{{{FINGERPRINT}}}}`."
    )
    origins = ordered_origins(o for o, stat in corpus.by_origin.items() if stat.documents > 0)
    out += ["", "```python", "import datasets", 'ds = datasets.load_dataset("path/to/this/directory")          # config "all"',
            *(f'ds = datasets.load_dataset("path/to/this/directory", "{origin}")' for origin in origins[:1]),
            "```", ""]
    out.append(f"Configs: `{ALL}` (the default, every document) and one per origin: "
               + ", ".join(f"`{o}`" for o in origins) + ".")
    out.append("")
    out.append("Every span is a half-open `[start, end)` range of **Python code points** of `text`, which is "
               "stored exactly as imported (no newline, white-space or Unicode normalisation). "
               "`gold/<split>.jsonl` holds the same records as JSON, with label names instead of class indices.")
    out += ["", "## Splits and documents", ""]
    split_rows = [[split, corpus.documents[split], corpus.words[split]] for split in splits]
    out.append(_table(["split", "documents", "words"], split_rows))
    out.append("")
    out.append(_table(["origin (config)", *splits, "words"], [
        [f"`{o}`", *(corpus.origin_splits[(o, split)] for split in splits), corpus.by_origin[o].words] for o in origins]))
    out.append("")
    out.append("Splits are fixed by each document's `meta.split`, never drawn by chance.")
    left_out = account.get("sources", {}).get("missing", [])
    if left_out:
        by_source: dict[str, int] = {}
        for item in left_out:
            by_source[item["source"]] = by_source.get(item["source"], 0) + 1
        out.append("")
        out.append("**Left out of this build**: " + "; ".join(
            f"{n} annotated document(s) of source `{name}`, whose texts were not at hand when it was built "
            f"(build with `--texts` or `--download` to include them)" for name, n in sorted(by_source.items()))
            + ". The statistics below describe the documents that are in it.")
    out += ["", "## Real news and authored stress tests", ""]
    out.append("The same figures for each origin, so that the real reporting and the authored stress tests can be "
               "read side by side (shares of attributions, of entities or of characters, as named; words are "
               "white-space tokens).")
    out.append("")
    out += comparison_tables(corpus.by_origin)
    out += ["", "## Layers and labels", ""]
    for layer in inv.layers.values():
        out.append(f"### {layer.name}")
        out.append("")
        out.append(layer.description)
        out.append("")
        rows = []
        names = list(layer.label_names) if layer.name != "attributions" else list(layer.attributes[0].values)
        definitions = (
            {label.name: label.definition for label in layer.labels}
            if layer.name != "attributions"
            else {c.value: c.definition for c in layer.attributes[0].choices}
        )
        for name in names:
            per_split = []
            for split in splits:
                hit = stats.filter((pl.col("layer") == layer.name) & (pl.col("label") == name) & (pl.col("split") == split))
                per_split.append(int(hit["count"].sum()) if hit.height else 0)
            per_origin = [corpus.by_origin[o].labels[(layer.name, name)] for o in origins] if len(origins) > 1 else []
            rows.append([f"`{name}`", definitions[name], *per_split, *per_origin, sum(per_split)])
        origin_columns = [f"`{o}`" for o in origins] if len(origins) > 1 else []
        out.append(_table(["label" if layer.name != "attributions" else "type", "definition", *splits, *origin_columns,
                           "total"], rows))
        out.append("")
        for attribute in layer.attributes:
            out.append(f"Attribute `{attribute.name}` — {attribute.definition} " + "; ".join(
                f"`{c.value}`: {c.definition}" for c in attribute.choices))
            out.append("")
        if layer.name == "claims":
            authorial, total = sum(corpus.authorial_claims.values()), sum(corpus.claims.values())
            out.append(f"Authorial claims (claimer = the article itself): {authorial} of {total}.")
            out.append("")
        if layer.name == "attributions":
            out.append(f"Attributions with no named source: {sum(corpus.attributions_no_source.values())}; "
                       f"with no cue: {sum(corpus.attributions_no_cue.values())}; "
                       f"in several parts: {sum(corpus.attributions_multipart.values())}.")
            out.append("")
    out += ["## Provenance and license", ""]
    out.append(_table(["origin", "documents"], sorted((k, n) for k, n in corpus.origins.items() if n)))
    out.append("")
    out.append(_table(["license (first 80 characters)", "documents"],
                      sorted((k[:80] + ("…" if len(k) > 80 else ""), n) for k, n in corpus.licenses.items() if n)))
    out.append("")
    out.append(
        "- `wikinews`: real English Wikinews articles of 2019 and 2020 (CC BY 2.5; credit: Wikinews and the "
        "article's URL in `meta.credit`; annotations added by Byline), chosen by a stated, seeded procedure "
        "(`annotations/sources/wikinews-selection.json`). Their text is not in Byline's repository: the "
        "annotations are kept standoff and the text is put back at build time from pinned files, each checked "
        "against its `text_sha256` (`annotations/sources/README.md`).\n"
        "- `seed`: a real 2020 news report on the fighting for Shusha, as republished by a small site "
        "(GDC) with its copyright footer and comment prompt; its usage notice is kept verbatim in `meta.license`.\n"
        "- `authored`: original news-style articles written for the corpus about fictional people and "
        "organisations (real countries and cities); no quote is put in the mouth of a real person."
    )
    out += ["", "## How the documents were written and annotated", ""]
    out.append(
        "Said plainly: the `authored` documents were **written by AI assistant sessions** (language-model "
        "agents) for this corpus; the `wikinews` and `seed` documents are real reporting. **Every document, "
        "real or authored, was annotated and reviewed by AI assistant sessions**, not by human annotators. Each session followed `annotations/GUIDELINES.md`. An "
        "annotator wrote its spans by their text in a working file; Byline's alignment turned them into "
        "offsets and the annotation was created in a real Label Studio (with the labeling config "
        "generated from `schema/labels.json`) through its API, as that annotator's Label Studio user. "
        "A second session that had not annotated the document reviewed it against the guidelines; the "
        "reviewed version was created in Label Studio as a separate annotation by the reviewer and marked "
        "ground truth (the adjudicated gold), so the first annotation stays as its annotator made it (changes "
        "logged in `annotations/work/reviews.md` and `annotations/work/wikinews-reviews.md`). A sample of "
        "documents was annotated a second time by a different session that saw only the text and the "
        "guidelines, before any review, for the agreement below. The gold data is Label Studio's JSON export, "
        "kept as exported (dehydrated for `wikinews` documents, whose text is put back at build time)."
    )
    out.append("")
    out.append(
        "Where a task has several submitted annotations, the one marked ground truth is gold, else the "
        "most recently updated; the others are kept for agreement measurement (`byline agreement`). "
        "Agreement between model-based annotators that share one set of guidelines is likely higher "
        "than agreement between people would be: read it as a consistency check, not a human ceiling."
    )
    out.append("")
    out.append(f"Annotator accounts: {len(corpus.annotators)}. Account of the build: "
               f"{account['tasks']['read']} tasks read, {account['tasks']['converted']} converted; "
               f"{account['annotations']['read']} annotations read, {account['annotations']['converted']} converted, "
               f"{account['annotations']['kept_for_agreement']} kept for agreement; "
               f"{account['regions']['read']} regions read, {account['regions']['converted']} converted.")
    out += _agreement_section(agreement)
    out += ["", "## Known limitations", ""]
    out.append(
        "- English only, and small: a benchmark for evaluation, not a training set.\n"
        "- The `authored` articles were written for the corpus by AI assistant sessions; their style is "
        "realistic but they are not a sample of published news (the `wikinews` documents are real news).\n"
        "- All annotations were made by AI assistant sessions (see above), reviewed once by another session.\n"
        "- Check-worthiness and stance are judgements; see the agreement figures before reading small "
        "differences between systems.\n"
        "- Entities inside boilerplate are not annotated."
    )
    out += ["", "## Citation", "", "```bibtex",
            "@misc{byline,",
            "  title  = {Byline: a benchmark for reading news the way a fact-checker does},",
            "  author = {{The Byline team}},",
            "  note   = {Dataset fingerprint {{FINGERPRINT}}},",
            "}", "```", ""]
    return "\n".join(out)


def _share(part: float, whole: float) -> str:
    """A percentage with one decimal; "–" when the whole is zero (nothing to share)."""
    return f"{100 * part / whole:.1f}%" if whole else "–"


def comparison_tables(stats: dict[str, OriginStats], top_cues: int = 10) -> list[str]:
    """Markdown lines: one table of figures per origin (columns), then the cue distribution."""
    origins = [o for o in ordered_origins(stats) if stats[o].documents > 0]
    if not origins:
        return []
    s = [stats[o] for o in origins]
    rows: list[list[str]] = [
        ["documents", *(str(x.documents) for x in s)],
        ["words per document", *(f"{x.words / x.documents:.0f}" for x in s)],
        ["attributions per 100 words", *(f"{100 * x.attributions / x.words:.2f}" if x.words else "–" for x in s)],
        ["entities per 100 words", *(f"{100 * sum(x.entities.values()) / x.words:.2f}" if x.words else "–" for x in s)],
        ["claims per 100 words", *(f"{100 * x.claims / x.words:.2f}" if x.words else "–" for x in s)],
        ["check-worthy claims", *(_share(x.checkworthy["yes"], x.claims) for x in s)],
        ["boilerplate share of characters", *(_share(x.boilerplate_characters, x.characters) for x in s)],
        ["cue is say/says/said", *(_share(sum(n for c, n in x.cues.items() if c in SAY_CUES), x.attributions) for x in s)],
        ["attributions without a cue", *(_share(x.cues["(none)"], x.attributions) for x in s)],
        ["attributions without a named source", *(_share(x.no_source, x.attributions) for x in s)],
        ["attributions in several parts", *(_share(x.multipart, x.attributions) for x in s)],
    ]
    for kind in sorted(set().union(*(x.types for x in s))):
        rows.append([f"type `{kind}`", *(_share(x.types[kind], x.attributions) for x in s)])
    for stance in sorted(set().union(*(x.stances for x in s))):
        rows.append([f"stance `{stance}`", *(_share(x.stances[stance], x.attributions) for x in s)])
    for label in sorted(set().union(*(x.entities for x in s)), key=lambda lab: -sum(x.entities[lab] for x in s)):
        rows.append([f"entity `{label}`", *(_share(x.entities[label], sum(x.entities.values())) for x in s)])
    out = _table(["", *(f"`{o}`" for o in origins)], rows).splitlines()
    cues = Counter[str]()
    for x in s:
        cues.update({c: n for c, n in x.cues.items() if n > 0})
    common = [c for c, _ in sorted(cues.items(), key=lambda item: (-item[1], item[0]))[:top_cues]]
    if common:
        out += ["", f"Cue distribution (the {len(common)} most frequent cues overall; share of each origin's attributions):", ""]
        out += _table(["cue", *(f"`{o}`" for o in origins)],
                      [[f"`{c}`" if c != "(none)" else c, *(_share(x.cues[c], x.attributions) for x in s)]
                       for c in common]).splitlines()
    return out
