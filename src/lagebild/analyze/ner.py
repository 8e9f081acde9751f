"""Stage `ner`: named entities (persons, places, organisations, other names) with our spaCy model.

The model (``lagebild/models/ner-de``, see its MODEL.md) predicts the 12 GermEval 2014 labels:
PER, LOC, ORG, OTH, each optionally with ``deriv`` (a word derived from a name, e.g. the country
adjective ``syrischen``) or ``part`` (a word containing a name, e.g. ``EU-Kommission``). This
stage groups the mentions by coarse type and surface text: one :class:`Entity` per
(type, text), each mention keeping its fine label in ``label``. Clustering mentions into
canonical entities (``Putin`` = ``Wladimir Putin``) is left to the later ``entities`` stage.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lagebild.article import Entity, Mention, entity_id

if TYPE_CHECKING:
    from spacy.language import Language

    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.article import Article

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "ner-de"
COARSE_TYPES = ("PER", "LOC", "ORG", "OTH")


# New words the pipeline's vocabulary may take in before the stage loads it afresh: spaCy keeps
# every word it has seen, with its lexical attributes (about 0.6 kB of resident memory each with
# this model, benchmarks/bench_vocab.py), so over millions of articles the vocabulary would grow
# without end. Loading takes 0.2-0.3 s.
MAX_NEW_WORDS = 100_000


@lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_PATH) -> Language:
    """The spaCy pipeline at ``path``, loaded once per process."""
    return fresh_model(path)


def fresh_model(path: str | Path = MODEL_PATH) -> Language:
    """The spaCy pipeline at ``path``, loaded anew."""
    import spacy

    return spacy.load(Path(path))


def coarse_type(label: str) -> str:
    """``LOCderiv`` -> ``LOC``: the GermEval label without its ``deriv``/``part`` suffix."""
    for suffix in ("deriv", "part"):
        if label.endswith(suffix):
            return label[: -len(suffix)]
    return label


def mention_kind(label: str) -> str:
    return "adjective" if label.endswith("deriv") else "name"


class NerStage:
    """Fills ``article.entities`` from the model's entity spans over ``article.text``.

    Options (``AnalyzeConfig.options["ner"]``): ``model``, a path to another spaCy pipeline;
    ``max_new_words``, how many new words the pipeline's vocabulary takes in before the stage
    loads the pipeline afresh (``MAX_NEW_WORDS``; the entities found do not change).
    """

    name = "ner"

    def __init__(self, config: AnalyzeConfig | None = None):
        options = config.stage_options(self.name) if config is not None else {}
        self.model_path = str(options.get("model", MODEL_PATH))
        self.max_new_words = int(options.get("max_new_words", MAX_NEW_WORDS))
        self.nlp = load_model(self.model_path)
        self._max_words = len(self.nlp.vocab) + self.max_new_words

    def __call__(self, article: Article) -> Article:
        if not article.text.strip():
            article.entities = []
            return article
        if len(self.nlp.vocab) > self._max_words:
            load_model.cache_clear()  # the cache would keep the grown pipeline alive
            self.nlp = fresh_model(self.model_path)
            self._max_words = len(self.nlp.vocab) + self.max_new_words
        doc = self.nlp(article.text)
        entities: dict[tuple[str, str], Entity] = {}
        for span in doc.ents:
            label = span.label_
            kind = coarse_type(label)
            if kind not in COARSE_TYPES:
                continue
            key = (kind, span.text)
            entity = entities.get(key)
            if entity is None:
                entity = Entity(id=entity_id(kind, span.text), type=kind, name=span.text)
                entities[key] = entity
            entity.mentions.append(
                Mention(
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    kind=mention_kind(label),
                    label=label,
                )
            )
        article.entities = list(entities.values())
        return article
