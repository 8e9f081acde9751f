"""Part-of-speech tags (STTS) for the quotation taggers' features.

A CRF (python-crfsuite) trained by ``training/quotes/train_pos.py`` on the automatic STTS tags
of the Corpus REDEWIEDERGABE (normalised spelling); see the quotation model's MODEL.md. Tags are
features for the quotation taggers, not a layer of the article: the corpus' tags are themselves
automatic, and the texts are 1840-1919 German.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from pathlib import Path

import pycrfsuite

from lagebild.analyze.crf_scores import attribute_names

OFFSETS = (-2, -1, 1, 2)


def shape(word: str) -> str:
    """Upper/lower/digit classes of the first six characters, runs collapsed ("Xx", "d.d")."""
    out: list[str] = []
    for ch in word[:6]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


WordFeatures = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]
_PAD: tuple[tuple[str, ...], ...] = tuple((f"{off}pad",) for off in OFFSETS)


def word_features(word: str, known: Container[str] | None = None) -> WordFeatures:
    """What a word contributes: its own features, and those it gives the token at each offset
    (``OFFSETS`` order) from it; only those in ``known`` when given (the features the model
    has weights for: the others change nothing)."""
    lower = word.lower()
    form = shape(word)
    own = (
        "b",
        "w=" + lower,
        "s1=" + lower[-1:],
        "s2=" + lower[-2:],
        "s3=" + lower[-3:],
        "s4=" + lower[-4:],
        "p3=" + lower[:3],
        "sh=" + form,
    )
    told = []
    for off in OFFSETS:
        # the token at -off sees this word at offset off
        near = (f"{off}s3=" + lower[-3:], f"{off}sh=" + form) if off in (-1, 1) else ()
        told.append((f"{off}w=" + lower, *near))
    if known is not None:
        own = tuple(f for f in own if f in known)
        told = [tuple(f for f in t if f in known) for t in told]
    return own, tuple(told)


def pos_features(
    words: Sequence[str],
    cache: dict[str, WordFeatures] | None = None,
    known: Container[str] | None = None,
) -> list[list[str]]:
    """The tagger's features of one sentence: word, suffixes, prefix, shape and neighbours.
    ``cache`` keeps each word type's features across calls; ``known``: see ``word_features``."""
    cache = {} if cache is None else cache
    contributions = []
    for word in words:
        found = cache.get(word)
        if found is None:
            found = cache[word] = word_features(word, known)
        contributions.append(found)
    n = len(words)
    out = []
    for i, (own, _) in enumerate(contributions):
        f = list(own)
        if i == 0:
            f.append("first")
        for k, off in enumerate(OFFSETS):
            j = i + off
            f += contributions[j][1][k] if 0 <= j < n else _PAD[k]
        out.append(f)
    return out


class PosTagger:
    """STTS tags for the tokens of a document, a sentence at a time."""

    def __init__(self, path: Path, cache_limit: int = 50_000):
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        self.known = attribute_names(path)
        self.cache: dict[str, WordFeatures] = {}
        self.cache_limit = cache_limit

    def tag(self, tokens: Sequence[str], sentence_ids: Sequence[int]) -> list[str]:
        if len(self.cache) > self.cache_limit:
            self.cache.clear()
        tags: list[str] = []
        start = 0
        for end in range(1, len(tokens) + 1):
            if end == len(tokens) or sentence_ids[end] != sentence_ids[start]:
                tags += self.tagger.tag(pos_features(tokens[start:end], self.cache, self.known))
                start = end
        return tags
