"""The analysis pipeline: an ordered list of stages, each adding one layer to an Article.

A stage is any object with a ``name`` and ``__call__(article) -> article``. Stages are built
from one :class:`AnalyzeConfig`, load their models once (in ``__init__``), keep no global state
and can therefore be created inside worker processes. A stage that fails on one article records
the failure in ``article.errors`` and the pipeline goes on with the next stage.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from lagebild.article import Article, StageError

log = logging.getLogger(__name__)


@runtime_checkable
class Stage(Protocol):
    name: str

    def __call__(self, article: Article) -> Article: ...


# Stage name -> "module:Class". The class is constructed as Class(config). Order is the default
# pipeline order; a stage runs after the ones it needs.
STAGES: dict[str, str] = {
    "language": "lagebild.analyze.language:LanguageStage",
    "sentences": "lagebild.analyze.sentences:SentenceStage",
    "ner": "lagebild.analyze.ner:NerStage",
    "entities": "lagebild.analyze.entities:EntityStage",  # after ner: clusters its mentions
    "places": "lagebild.analyze.places:PlaceStage",  # after entities: geocodes LOC entities
    "quotes": "lagebild.analyze.quotes:QuoteStage",  # after ner/entities/places, if present
    "timexes": "lagebild.analyze.timexes:TimexStage",
    "amounts": "lagebild.analyze.amounts:AmountStage",
}

DEFAULT_STAGES: tuple[str, ...] = tuple(STAGES)


@dataclass
class AnalyzeConfig:
    """Everything a pipeline's stages may be configured with."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    published: str | None = None  # publication date for articles whose input has none
    options: dict[str, dict[str, object]] = field(default_factory=dict)  # per-stage settings

    def stage_options(self, name: str) -> dict[str, object]:
        return dict(self.options.get(name, {}))


def build_stage(name: str, config: AnalyzeConfig) -> Stage:
    try:
        target = STAGES[name]
    except KeyError:
        known = ", ".join(STAGES)
        raise ValueError(f"unknown stage {name!r} (known: {known})") from None
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(config)


class Pipeline:
    """Runs the configured stages over articles, in order."""

    def __init__(self, config: AnalyzeConfig | None = None, stages: Iterable[Stage] | None = None):
        self.config = config or AnalyzeConfig()
        if stages is None:
            stages = [build_stage(name, self.config) for name in self.config.stages]
        self.stages: list[Stage] = list(stages)

    def __call__(self, article: Article) -> Article:
        if self.config.published and not article.published:
            article.published = self.config.published
            article.published_source = "cli"
        for stage in self.stages:
            try:
                article = stage(article)
            except Exception as exc:  # a stage must never stop the batch
                log.debug("stage %s failed on %s", stage.name, article.source_path, exc_info=True)
                article.errors.append(
                    StageError(stage=stage.name, reason=f"{type(exc).__name__}: {exc}")
                )
            else:
                article.layers.append(stage.name)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield self(article)
