"""Part-of-speech tags (STTS) for the quotation taggers' features.

A CRF (python-crfsuite) trained by ``training/quotes/train_pos.py`` on the automatic STTS tags
of the Corpus REDEWIEDERGABE (normalised spelling); see the quotation model's MODEL.md. Tags are
features for the quotation taggers, not a layer of the article: the corpus' tags are themselves
automatic, and the texts are 1840-1919 German. The tagger reads the model's weights and tags
without crfsuite (``PosTagger``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from lagebild.analyze.crf_scores import CrfWeights, RowTable

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


def word_features(word: str) -> WordFeatures:
    """What a word contributes: its own features, and those it gives the token at each offset
    (``OFFSETS`` order) from it."""
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
    return own, tuple(told)


def pos_features(words: Sequence[str]) -> list[list[str]]:
    """The tagger's features of one sentence: word, suffixes, prefix, shape and neighbours (as
    crfsuite is given them in training)."""
    contributions = [word_features(word) for word in words]
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
    """STTS tags for the tokens of a document, a sentence at a time, by the CRF model at
    ``path``.

    A token's state scores are the model's weights summed with numpy: per word type, the sum of
    its own features' weights and the rows of what it tells its neighbours are kept across
    documents (at most ``cache_limit`` types; they start afresh when full). Viterbi then runs
    over the labels whose state score at a token is within ``margin`` of the token's best one:
    the others are left out, which changes a few tags (MODEL.md says how many) and makes the
    search cheap enough to run in Python; with an infinite margin the tags are the model's."""

    def __init__(
        self, path: Path, margin: float = 8.0, cache_limit: int = 50_000, block: int = 5_000
    ):
        weights = CrfWeights.read(path)
        self.labels = weights.labels
        self.margin = margin
        self.block = block  # tokens scored at once (whole sentences; more for a longer one)
        self.cache_limit = cache_limit
        self._attributes, self._unknown = weights.attributes, weights.unknown
        self._state = weights.state
        self._transitions = weights.transitions.tolist()
        self._first = self._state[self._row("first")]
        # the rows a token is told by its neighbour at each offset (OFFSETS order): their
        # columns in the told table, and the rows when there is no neighbour there
        widths = [len(names) for names in word_features("x")[1]]
        bounds = np.cumsum([0, *widths]).tolist()
        self._slots = [slice(a, b) for a, b in pairwise(bounds)]
        self._padding = [
            [self._row(pad[0]), *[self._unknown] * (width - 1)]
            for pad, width in zip(_PAD, widths, strict=True)
        ]
        self._words: dict[str, int] = {}  # word type -> its row in both tables
        self._own = RowTable(len(self.labels))
        self._told = RowTable(bounds[-1], np.intp)

    def _row(self, attribute: str) -> int:
        return self._attributes.get(attribute, self._unknown)

    def tag(self, tokens: Sequence[str], sentence_ids: Sequence[int]) -> list[str]:
        """A tag per token; ``sentence_ids`` gives each token's sentence (tokens of one sentence
        are next to each other)."""
        tags: list[str] = []
        for start, end in _blocks(sentence_ids, self.block):
            tags += self._tag_block(tokens[start:end], sentence_ids[start:end])
        return tags

    def _tag_block(self, tokens: Sequence[str], sentence_ids: Sequence[int]) -> list[str]:
        n = len(tokens)
        scores = self._scores(tokens, sentence_ids)
        kept = scores >= scores.max(axis=1, keepdims=True) - self.margin
        at, labels = np.nonzero(kept)
        values = scores[at, labels].tolist()
        kept_labels = labels.tolist()
        bounds = [0, *np.cumsum(kept.sum(axis=1)).tolist()]
        tags: list[str] = []
        start = 0
        for end in range(1, n + 1):
            if end == n or sentence_ids[end] != sentence_ids[start]:
                candidates = [
                    (kept_labels[bounds[i] : bounds[i + 1]], values[bounds[i] : bounds[i + 1]])
                    for i in range(start, end)
                ]
                tags += [self.labels[k] for k in viterbi(candidates, self._transitions)]
                start = end
        return tags

    def _scores(self, tokens: Sequence[str], sentence_ids: Sequence[int]) -> np.ndarray:
        """The state score of each label (a column) at each token (a row)."""
        if len(self._words) > self.cache_limit:
            self._words.clear()
            self._own.clear()
            self._told.clear()
        words = self._words
        new = list(dict.fromkeys(t for t in tokens if t not in words))
        if new:
            self._add(new)
        n = len(tokens)
        ids = np.fromiter(map(words.__getitem__, tokens), dtype=np.intp, count=n)
        sentence = np.asarray(sentence_ids)
        scores = self._own.rows[ids]
        starts = np.ones(n, dtype=bool)
        starts[1:] = sentence[1:] != sentence[:-1]
        scores[starts] += self._first
        told = np.empty((n, self._told.width), dtype=np.intp)
        at = np.arange(n)
        for slot, padding, off in zip(self._slots, self._padding, OFFSETS, strict=True):
            near = at + off
            outside = (near < 0) | (near >= n)
            near = near.clip(0, n - 1)
            outside |= sentence[near] != sentence
            told[:, slot] = self._told.rows[ids[near], slot]
            told[outside, slot] = padding
        scores += _row_sums(self._state, told)
        return scores

    def _add(self, words: list[str]) -> None:
        """Rows for word types not seen before: the sum of the weights of each one's own
        features, and the attribute rows of what it tells its neighbours."""
        row, unknown = self._attributes.get, self._unknown
        own_rows: list[list[int]] = []
        told: list[list[int]] = []
        for word in words:
            own, near = word_features(word)
            own_rows.append([row(name, unknown) for name in own])
            told.append([row(name, unknown) for names in near for name in names])
        # every word has as many own features (one row of ``own_rows`` each)
        self._own.append(_row_sums(self._state, np.array(own_rows, dtype=np.intp)))
        self._told.append(np.array(told, dtype=np.intp))
        size = len(self._words)
        self._words.update(zip(words, range(size, size + len(words)), strict=True))


def _row_sums(table: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row of ``rows`` (indices into ``table``) the sum of those rows of ``table``, added up
    a column of ``rows`` at a time: a 3-d gather would hold every row of every item at once."""
    sums = table[rows[:, 0]]
    for column in range(1, rows.shape[1]):
        sums += table[rows[:, column]]
    return sums


def _blocks(sentence_ids: Sequence[int], size: int) -> Iterator[tuple[int, int]]:
    """(start, end) of runs of whole sentences of at most ``size`` tokens, or of one sentence
    when it is longer, that together cover all tokens."""
    start = 0
    sentence_start = 0
    n = len(sentence_ids)
    for end in range(1, n + 1):
        if end == n or sentence_ids[end] != sentence_ids[end - 1]:
            if end - start > size and sentence_start > start:
                yield start, sentence_start
                start = sentence_start
            sentence_start = end
    if start < n:
        yield start, n


def viterbi(
    candidates: Sequence[tuple[Sequence[int], Sequence[float]]],
    transitions: Sequence[Sequence[float]],
) -> list[int]:
    """The best sequence of labels, one per position from that position's candidates (label
    indices and their state scores), with ``transitions[a][b]`` for label a followed by b."""
    labels, best = candidates[0]
    pointers: list[list[int]] = []
    for here, scores in candidates[1:]:
        if len(labels) == 1:  # one way in
            row = transitions[labels[0]]
            best = [best[0] + row[label] + score for label, score in zip(here, scores, strict=True)]
            pointers.append([0] * len(here))
        else:
            ways = list(zip(best, [transitions[label] for label in labels], strict=True))
            step: list[float] = []
            back: list[int] = []
            for label, score in zip(here, scores, strict=True):
                top, arg = -math.inf, 0
                for k, (so_far, row) in enumerate(ways):
                    if so_far + row[label] > top:
                        top, arg = so_far + row[label], k
                step.append(top + score)
                back.append(arg)
            best = step
            pointers.append(back)
        labels = here
    k = best.index(max(best))
    path = [candidates[-1][0][k]]
    for back, (labels, _) in zip(reversed(pointers), reversed(candidates[:-1]), strict=True):
        k = back[k]
        path.append(labels[k])
    path.reverse()
    return path
