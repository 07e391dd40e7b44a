"""``spacy``: spaCy's OntoNotes named-entity recognizer (``en_core_web_sm`` 3.8) on the
entities layer.

The whole document text goes to the pipeline as it is (no normalisation); every entity spaCy
finds becomes one Byline entity with spaCy's label, which is already one of Byline's 18
OntoNotes types (checked at load time). spaCy's character offsets are Python code points of the
text, like Byline's, so they are kept as they are. Entities that are only white space are left
out; none other is.
"""

from __future__ import annotations

from typing import Any

from byline.systems.english_pipeline import load_english
from byline.systems.extra import version_of
from byline.systems.interface import LoadedSystem

NAME = "spacy"


def load() -> LoadedSystem:
    nlp, model = load_english(NAME)

    def predict(text: str) -> dict[str, Any]:
        doc = nlp(text)
        entities = [
            {"start": ent.start_char, "end": ent.end_char, "label": ent.label_}
            for ent in doc.ents
            if text[ent.start_char:ent.end_char].strip()
        ]
        return {"entities": entities}

    return LoadedSystem(
        name=NAME,
        version=version_of("spacy"),
        description=f"spaCy {version_of('spacy')} named-entity recognizer, {model.name} {model.version} "
                    "(OntoNotes 5 types), on the entities layer.",
        url="https://spacy.io/models/en#en_core_web_sm",
        layers=("entities",),
        predict=predict,
        settings={"pipeline": list(nlp.pipe_names), "input": "the whole document text, unchanged"},
        models=(model,),
    )
