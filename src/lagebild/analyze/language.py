"""Stage `language`: offline language identification of the article text (py3langid)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from py3langid.langid import MODEL_FILE, LanguageIdentifier

if TYPE_CHECKING:
    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.article import Article

SAMPLE_CHARS = 2000  # the start of the text (about 300 words) is plenty to tell the language


class LanguageStage:
    name = "language"

    def __init__(self, config: AnalyzeConfig | None = None):
        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def __call__(self, article: Article) -> Article:
        sample = article.text[:SAMPLE_CHARS]
        if sample.strip():
            language, _probability = self._identifier.classify(sample)
            article.language = language
        return article
