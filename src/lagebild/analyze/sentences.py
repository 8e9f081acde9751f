"""Stage `sentences`: sentence boundaries with offsets into the text (syntok)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from syntok import segmenter

from lagebild.article import Sentence
from lagebild.german import MONTH_NAMES

if TYPE_CHECKING:
    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.article import Article


FOLLOWERS = (*MONTH_NAMES, "Jahrhundert", "Jahrhunderts")
# "am 3. Dezember", "der 2. Weltkrieg", "am 16.12.": a number with a full stop that syntok took
# for a sentence end, when what follows is a month or starts in lower case
ORDINAL_END = re.compile(r"(?:^|\s)\d{1,4}\.$")


def _continues(text: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    if "\n" in text[prev[1] : nxt[0]] or not ORDINAL_END.search(text[prev[0] : prev[1]]):
        return False
    following = text[nxt[0] : nxt[1]]
    return following[:1].islower() or following.startswith(FOLLOWERS)


# a sentence that ends inside closing quotation marks: `… handeln.“ Die …` (syntok misses it)
QUOTE_END = re.compile(r"[.!?…][“”\"»«’‘']\s+(?=[„\"»«‚A-ZÄÖÜ])")


def _split_after_quotes(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    start = span[0]
    for match in QUOTE_END.finditer(text, span[0], span[1]):
        cut = match.start() + 2
        pieces.append((start, cut))
        start = match.end()
    pieces.append((start, span[1]))
    return pieces


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; paragraphs (blank lines) always end a sentence."""
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if not tokens:
                continue
            span = (tokens[0].offset, tokens[-1].offset + len(tokens[-1].value))
            if spans and _continues(text, spans[-1], span):
                spans[-1] = (spans[-1][0], span[1])
            else:
                spans.append(span)
    return [piece for span in spans for piece in _split_after_quotes(text, span)]


class SentenceStage:
    name = "sentences"

    def __init__(self, config: AnalyzeConfig | None = None):
        pass

    def __call__(self, article: Article) -> Article:
        article.sentences = [Sentence(start=s, end=e) for s, e in split_sentences(article.text)]
        return article
