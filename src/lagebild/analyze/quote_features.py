"""Token features for the quotation taggers: word shape, quotation marks, cue words, subjunctive.

The same features feed every tagger (message, cue, speaker, frame, addressee), so they are
computed once per document. A document is a list of token texts with a sentence id per token.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from lagebild.analyze.crf_scores import RowTable
from lagebild.german import SOURCE_NOUNS, SPEECH_VERBS

if TYPE_CHECKING:
    from lagebild.analyze.crf_scores import CrfWeights, SharedScores

# Opening quotation mark -> the marks that close it (German „…“ ‚…‘ »…« and «…», and "…").
CLOSERS: dict[str, str] = {
    "„": '“”"',
    "‚": "‘’",
    "»": "«",
    "«": "»",
    '"': '"',
    "“": '”"',
    "›": "‹",
    "‹": "›",
}
MARKS = frozenset('„“”"‚‘’»«›‹')

# Present subjunctive (Konjunktiv I) and the subjunctive II forms German news uses in reported
# speech; common enough to list, the taggers learn the rest from word endings.
SUBJUNCTIVE = frozenset(
    """sei seien seiest habe hätte hätten werde würde würden könne könnten müsse müssten solle
    sollten wolle wollten dürfe dürften möge mögen gebe gäbe gäben stehe liege gehe komme kämen
    wisse wäre wären bleibe handle handele lasse brauche zeige plane arbeite fehle gelte hoffe
    sehe trage führe halte bestehe erwarte befinde betrage drohe diene verfüge unterstütze
    lehne benötige""".split()  # noqa: SIM905
)

QDEPTH = ("qd=0", "qd=1", "qd=2")
PUNCT = frozenset(".,;:!?()[]-–—…/")


PARAGRAPH_QUOTE_ENDS = frozenset({".", "!", "?"})


def quote_depths(tokens: Sequence[str]) -> list[int]:
    """For each token, how many quotation marks enclose it (the marks count as inside)."""
    depths = [0] * len(tokens)
    stack: list[str] = []
    for i, tok in enumerate(tokens):
        if tok not in MARKS:
            depths[i] = len(stack)
            continue
        # the innermost open mark this token closes; marks opened inside it and never closed
        # (a ‚ whose ‘ the tokenizer glued to a word: "‚Asia‘-Domain") close with it
        level = next((k for k in range(len(stack), 0, -1) if tok in CLOSERS[stack[k - 1]]), 0)
        if level:
            depths[i] = level
            del stack[level - 1 :]
        elif tok in CLOSERS:
            if stack and stack[-1] == tok and i and tokens[i - 1] in PARAGRAPH_QUOTE_ENDS:
                # a quotation running on into the next paragraph has no closing mark there and
                # opens again ("„… persönlich. ¶ „Aber …“"): the new mark continues it, it does
                # not nest in it
                stack.pop()
            stack.append(tok)
            depths[i] = len(stack)
        else:
            depths[i] = len(stack)
    if stack:  # unclosed marks must not swallow the rest of the document
        depth = len(stack)
        for i in range(len(tokens) - 1, -1, -1):
            if depth == 0:
                break
            if depths[i] >= depth and tokens[i] in CLOSERS:
                depths[i] -= 1
                depth -= 1
                continue
            depths[i] = max(0, depths[i] - depth)
    return depths


def typographic_marks(tokens: Sequence[str]) -> list[str]:
    """The tokens of a text that quotes with straight double quotation marks alone, with those
    written as the German typographic ones the taggers learned from (the release quotes with
    „…“): in turn an opening „ and a closing “; an unpaired last one stays as it is."""
    straight = [i for i, tok in enumerate(tokens) if tok == '"']
    if not straight or any(tok in ("„", "“") for tok in tokens):
        return list(tokens)  # a text that writes „…“ uses '"' for something else too
    out = list(tokens)
    for k, i in enumerate(straight[: len(straight) - len(straight) % 2]):
        out[i] = "“" if k % 2 else "„"
    return out


def shape(token: str) -> str:
    if token.isdigit():
        return "d"
    if token[:1].isupper():
        return "X" if token.isupper() and len(token) > 1 else "Xx"
    if token[:1].isalpha():
        return "x"
    return "p"


@dataclass(frozen=True)
class Lexicon:
    """Cue words grown from the training split: word -> (precision as cue, medium)."""

    cues: dict[str, tuple[float, str]]
    sources: frozenset[str] = frozenset()  # nouns after "nach": Angaben, Worten, Ansicht, …
    # word -> precision as (part of) a speaker: "sprecher", "polizei", "er", "angaben"
    speakers: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Lexicon:
        return cls(
            cues={w: (p, m) for w, (p, m) in data["cues"].items()},
            sources=frozenset(data.get("sources", ())),
            speakers=dict(data.get("speakers", {})),
        )

    def is_source(self, lower: str) -> bool:
        """A noun naming where a statement comes from ("angaben", "polizeiangaben")."""
        return _noun_or_compound(lower, self.sources, 4)

    def names_source(self, lowers: Sequence[str]) -> bool:
        """Whether the words after a "nach" name a source: "nach Angaben", "nach eigener
        Einschätzung", "nach den bisherigen Erkenntnissen" (up to a punctuation mark)."""
        for lower in lowers:
            if self.is_source(lower):
                return True
            if not lower[:1].isalnum():
                return False
        return False

    def names_a_source(self, lowers: Sequence[str]) -> bool:
        """``names_source`` for the rules: also with the nouns of ``SOURCE_NOUNS`` and
        compounds ending in one (the taggers' features see the lexicon only)."""
        for lower in lowers:
            if self.is_source(lower) or _source_noun(lower):
                return True
            if not lower[:1].isalnum():
                return False
        return False

    def speaker_level(self, lower: str) -> str | None:
        precision = self.speakers.get(lower)
        if precision is None:
            return None
        return "hi" if precision >= 0.5 else "mid" if precision >= 0.2 else "lo"

    def cue_level(self, lower: str) -> str | None:
        entry = self.cues.get(lower)
        if entry is None:
            return None
        precision = entry[0]
        return "hi" if precision >= 0.5 else "mid" if precision >= 0.2 else "lo"

    def speaks(self, lower: str) -> bool:
        """Whether the rules take a (lower-case) word for a verb of speech: a strong cue of
        the lexicon or one of ``SPEECH_VERBS`` (the taggers' features see the lexicon only)."""
        return lower in SPEECH_VERBS or self.cue_level(lower) == "hi"

    def medium(self, lower: str) -> str | None:
        entry = self.cues.get(lower)
        return entry[1] if entry else None


def _source_noun(lower: str) -> bool:
    return _noun_or_compound(lower, SOURCE_NOUNS, 5)


def _noun_or_compound(lower: str, nouns: Collection[str], shortest: int) -> bool:
    """Whether a word is one of ``nouns`` or, two letters longer at least, a compound ending in
    one of them longer than ``shortest`` letters ("polizeiangaben")."""
    return lower in nouns or (
        len(lower) > shortest + 2 and any(lower.endswith(s) for s in nouns if len(s) > shortest)
    )


ATTRIBUTION = "attr"  # the feature of a token of an attribution phrase (``attributions``)
ATTRIBUTION_FOLLOWERS = frozenset({"der", "des", "dem", "den", "die", "einem", "eines"})


def attributions(tokens: Sequence[str], lowers: Sequence[str], lexicon: Lexicon) -> list[bool]:
    """Tokens of an attribution phrase: "nach Angaben", "laut", "zufolge", ", so der …"."""
    marks = [False] * len(tokens)
    for i, w in enumerate(lowers):
        if w in ("laut", "zufolge", "lauten"):
            marks[i] = w != "lauten"
        elif w == "nach":
            marks[i] = lexicon.names_source(lowers[i + 1 : i + 4]) or (
                i > 0 and lexicon.is_source(lowers[i - 1])
            )
        elif w == "so" and i and tokens[i - 1] in (",", "“", '"', "«") and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            marks[i] = nxt[:1].isupper() or nxt in ATTRIBUTION_FOLLOWERS
    return marks


def _word_features(token: str, lower: str) -> tuple[str, ...]:
    """Features of the word itself: bias, form, suffixes, prefix, shape."""
    return (
        "b",
        "w=" + lower,
        "s3=" + lower[-3:],
        "s2=" + lower[-2:],
        "p3=" + lower[:3],
        "sh=" + shape(token),
    )


# Neighbour offsets: the nearer ones also tell the neighbour's quote depth and subjunctive.
NEAR_OFFSETS = (-2, -1, 1, 2)
FAR_OFFSETS = (-3, 3)
OFFSETS = NEAR_OFFSETS + FAR_OFFSETS
_WORD_PREFIX = tuple(f"{off}w=" for off in OFFSETS)
_CUE_AT = {off: {level: f"{off}cue={level}" for level in ("hi", "mid", "lo")} for off in OFFSETS}
_QCHG = {off: f"{off}qchg" for off in NEAR_OFFSETS}
_SUBJ = {off: f"{off}subj" for off in NEAR_OFFSETS}
_PAD = {off: f"{off}pad" for off in NEAR_OFFSETS}
_CUE = {level: "cue=" + level for level in ("hi", "mid", "lo")}
_SPK = {level: "spk=" + level for level in ("hi", "mid", "lo")}
_DCUE = {d: "dcue=" + str(d) for d in range(-3, 4)}
# Features of a token that the roles tagger also combines with its position to the message:
# the cue level, the words next to it and their cue level, clause and cue distance, speaker
# level, punctuation, quotation mark, run of capitalised words.
KEY_PREFIXES = ("cue=", "-1w=", "1w=", "-1cue", "1cue", "ncue=", "cl=", "spk=")
KEY_WORDS = frozenset({"punct", "qm", "caprun"})


def document_features(
    tokens: Sequence[str],
    sentence_ids: Sequence[int],
    lexicon: Lexicon,
    pos: Sequence[str] | None = None,
) -> list[list[str]]:
    """One list of string features per token."""
    return document_features_and_keys(tokens, sentence_ids, lexicon, pos=pos)[0].flat()


class WordCache:
    """Features that depend on a word type alone, kept across the documents one extractor
    sees (news articles share most of their words): a word's own features (``word(token,
    lower)``) and what it tells its neighbours (``told(lower, cue level, subjunctive)``),
    each for the ``limit`` word types used most recently (about 800 bytes each)."""

    def __init__(self, limit: int = 30_000):
        self.word = lru_cache(maxsize=limit)(_word_features)
        self.told = lru_cache(maxsize=limit)(_told)


@dataclass(frozen=True)
class DocumentFeatures(Sequence[list[str]]):
    """The string features of a document's tokens (``doc[i]``: token i's), kept in parts so
    that the features many tokens share are scored once (``DocumentScorer``): the word's own
    (one tuple per word type), the sentence's (one tuple per sentence), what each neighbour
    tells the token (one tuple of tuples per word type and cue level, ``told[j + 3]`` being
    token j's, three paddings at either end), and the token's own rest (its quote depth
    first). A token's features open with bias, word, suffixes, prefix, shape and quote depth."""

    words: list[tuple[str, ...]]
    own: list[tuple[str, ...]]
    sentences: list[tuple[str, ...]]
    told: list[tuple[tuple[str, ...], ...]]

    def __len__(self) -> int:
        return len(self.own)

    def __getitem__(self, i: int) -> list[str]:  # type: ignore[override]
        told = self.told
        near = [f for shift, k in _TOLD_AT for f in told[i + shift][k]]
        return [*self.words[i], *self.own[i], *self.sentences[i], *near]

    def flat(self) -> list[list[str]]:
        return [self[i] for i in range(len(self))]

    def word(self, i: int) -> list[str]:
        """Token i's word, suffixes, prefix, shape and quote depth features."""
        return [*self.words[i][1:], self.own[i][0]]


# Per offset (``OFFSETS`` order), where token i finds what that neighbour tells it: the
# neighbour's entry in ``DocumentFeatures.told`` (i + 3 + offset) and the tuple in it.
_TOLD_AT = tuple((3 + off, k) for k, off in enumerate(OFFSETS))


class DocumentScorer:
    """The scores of documents' features (``DocumentFeatures``) under ``shared``: what
    ``shared(features)`` gives (a score matrix per model), summed by parts. The sums of a word
    type's own features and of what it tells each neighbour are kept across documents (as
    ``WordCache`` keeps the features), in a table of at most about ``limit`` rows (13 floats
    each) that starts afresh when full; a sentence's sums are computed once per document, and
    only the rest is looked up token by token."""

    def __init__(self, shared: SharedScores, limit: int = 120_000):
        self.shared = shared
        self.limit = limit
        self._rows: dict[tuple[Any, ...], int] = {}  # part -> its first row in ``_table``
        self._table = RowTable(shared.table.shape[1], room=4096, cap=limit + 8192)

    def __call__(self, features: DocumentFeatures) -> list[np.ndarray]:
        if len(self._table) > self.limit:
            self._rows.clear()
            self._table.clear()
        n = len(features)
        words = self._rows_of(features.words, 1)
        told = np.array(self._rows_of(features.told, len(OFFSETS)), dtype=np.intp)
        columns = [np.array(words, dtype=np.intp)]
        columns += [told[shift : shift + n] + k for shift, k in _TOLD_AT]
        total = self._table.rows[np.stack(columns, axis=1)].sum(axis=1)
        rows, sentences = _unique(features.sentences)
        local = self.shared.sums([*features.own, *sentences])
        total += local[:n]
        total += local[n:][rows]
        return self.shared.split(total)

    def _rows_of(self, parts: Sequence[tuple[Any, ...]], width: int) -> list[int]:
        """Per part its first row in the table: the sum of the part's features (``width``
        1), or one row per tuple of features in it (what a word tells each neighbour); the
        parts not seen before are scored and added."""
        index = self._rows
        rows = []
        new: list[tuple[Any, ...]] = []
        for part in parts:
            row = index.get(part)
            if row is None:
                row = index[part] = len(self._table) + width * len(new)
                new.append(part)
            rows.append(row)
        if new:
            self._table.append(
                self.shared.sums(new if width == 1 else [f for p in new for f in p[:width]])
            )
        return rows


def _unique(parts: Sequence[Any]) -> tuple[list[int], list[Any]]:
    """Per part the index of its object among the distinct objects, and those objects (the
    parts of one document are shared objects: identity tells them apart)."""
    index: dict[int, int] = {}
    unique: list[Any] = []
    rows = []
    for part in parts:
        k = index.get(id(part))
        if k is None:
            k = index[id(part)] = len(unique)
            unique.append(part)
        rows.append(k)
    return rows, unique


def document_features_and_keys(
    tokens: Sequence[str],
    sentence_ids: Sequence[int],
    lexicon: Lexicon,
    cache: WordCache | None = None,
    pos: Sequence[str] | None = None,
) -> tuple[DocumentFeatures, list[tuple[str, ...]]]:
    """The string features of each token (``DocumentFeatures``), and per token the sublist of
    those features that the roles tagger combines with the position to the message
    (``KEY_PREFIXES``, ``KEY_WORDS``). ``pos``: a part-of-speech tag per token (``pos.py``),
    whose tag and its neighbours' become features too."""
    n = len(tokens)
    lowers = [t.lower() for t in tokens]
    depths = quote_depths(tokens)
    cue_levels = [lexicon.cue_level(w) for w in lowers]
    attr = attributions(tokens, lowers, lexicon)
    for i, is_attr in enumerate(attr):
        if is_attr:
            cue_levels[i] = "hi"
    subj = [w in SUBJUNCTIVE for w in lowers]

    # sentence-level facts
    sentences: dict[int, list[int]] = {}
    for i, sid in enumerate(sentence_ids):
        sentences.setdefault(sid, []).append(i)
    order = list(sentences)
    sent_feats: dict[int, list[str]] = {}
    first_cue: dict[int, int] = {}
    for rank, sid in enumerate(order):
        idx = sentences[sid]
        feats = []
        cues = [i for i in idx if cue_levels[i] == "hi"]
        if cues:
            feats.append("s:cue")
            first_cue[sid] = cues[0]
        if any(cue_levels[i] == "mid" for i in idx):
            feats.append("s:cuemid")
        if any(subj[i] for i in idx):
            feats.append("s:subj")
        if any(depths[i] for i in idx):
            feats.append("s:q")
        if all(depths[i] for i in idx[:-1]) and len(idx) > 2:
            feats.append("s:allq")
        if rank == 0:
            feats.append("s:first")
        if lowers[idx[0]] in ("„", '"', "»"):
            feats.append("s:startq")
        sent_feats[sid] = feats
    for rank, sid in enumerate(order):
        feats = sent_feats[sid]
        prev = sent_feats.get(order[rank - 1]) if rank else None
        nxt = sent_feats.get(order[rank + 1]) if rank + 1 < len(order) else None
        extra = []
        if prev is not None:
            extra += ["p" + f for f in prev if f in ("s:cue", "s:subj", "s:q")]
        if nxt is not None:
            extra += ["n" + f for f in nxt if f in ("s:cue", "s:subj", "s:q")]
        sent_feats[sid] = feats + extra

    clause = _clauses(lowers, sentence_ids, cue_levels)
    clause_facts = _clause_facts(lowers, sentence_ids, cue_levels, subj, depths)
    speaker_levels = [lexicon.speaker_level(w) for w in lowers]
    near_cue = _nearest_cue(sentence_ids, cue_levels)
    capital = [t[:1].isupper() for t in tokens]
    strings: dict[str, str] = {}  # "cl=…" and "ncue=…" values, built once
    cache = cache or WordCache()
    # The features of the word itself, and what a token tells its neighbours, once per word
    # type: per offset (OFFSETS order) its word, its cue level and, for the near offsets, its
    # subjunctive; padded with three empty neighbours ("pad" for the near offsets) at either
    # end of the document. (Tuples of strings, unlike lists, are left alone by the garbage
    # collector.)
    word_of = list(map(cache.word, tokens, lowers))
    padded = [_PADDING] * 3 + list(map(cache.told, lowers, cue_levels, subj)) + [_PADDING] * 3
    changes = _depth_changes(depths)
    sentence_parts = {sid: tuple(feats) for sid, feats in sent_feats.items()}
    sentence_of = [sentence_parts[sid] for sid in sentence_ids]
    out: list[tuple[str, ...]] = []
    out_keys: list[tuple[str, ...]] = []
    for i in range(n):
        tok = tokens[i]
        sid = sentence_ids[i]
        f = [QDEPTH[min(depths[i], 2)]]
        keys: list[str] = []
        if tok in MARKS:
            f.append("qm")
            keys.append("qm")
        level = cue_levels[i]
        if level:
            f.append(_CUE[level])
            keys.append(_CUE[level])
        if attr[i]:
            f.append(ATTRIBUTION)
        if subj[i]:
            f.append("subj")
        if tok in PUNCT:
            f.append("punct")
            keys.append("punct")
        cue_at = first_cue.get(sid)
        if cue_at is not None:
            f.append("rel=before" if i < cue_at else "rel=at" if i == cue_at else "rel=after")
            d = i - cue_at
            f.append(_DCUE[d] if -3 <= d <= 3 else "dcue=far-" if d < 0 else "dcue=far+")
        value = "cl=" + clause[i]
        value = strings.setdefault(value, value)
        f.append(value)
        keys.append(value)
        f += clause_facts[i]
        level = speaker_levels[i]
        if level:
            f.append(_SPK[level])
            keys.append(_SPK[level])
        if near_cue[i]:
            value = "ncue=" + near_cue[i]
            value = strings.setdefault(value, value)
            f.append(value)
            keys.append(value)
        if capital[i] and ((i and capital[i - 1]) or (i + 1 < n and capital[i + 1])):
            f.append("caprun")
            keys.append("caprun")
        if i == 0 or sentence_ids[i - 1] != sid:
            f.append("bos")
        if i + 1 == n or sentence_ids[i + 1] != sid:
            f.append("eos")
        f += changes[i]
        # padded[i + 3 + offset] is the neighbour at offset: what the ones right before and
        # after tell are keys (what every neighbour tells is in ``DocumentFeatures``)
        keys += padded[i + 2][6]
        keys += padded[i + 4][7]
        if pos is not None:
            f.append(_POS.setdefault(pos[i], "pos=" + pos[i]))
            f.append("-1p=" + (pos[i - 1] if i else "BOD"))
            f.append("1p=" + (pos[i + 1] if i + 1 < n else "EOD"))
        # kept as tuples, which the garbage collector stops tracking: lists would live
        # through the document's collections and bring on full ones more often
        out.append(tuple(f))
        out_keys.append(tuple(keys))
    return DocumentFeatures(word_of, out, sentence_of, padded), out_keys


_POS: dict[str, str] = {}  # "pos=TAG" strings, built once

# A missing neighbour: "pad" for the near offsets, nothing for the far ones or the keys.
_PADDING: tuple[tuple[str, ...], ...] = (
    *((_PAD[off],) for off in NEAR_OFFSETS),
    *(() for _ in FAR_OFFSETS),
    (),
    (),
)


def _told(lower: str, level: str | None, subjunctive: bool) -> tuple[tuple[str, ...], ...]:
    """The features a word gives the tokens at each offset (OFFSETS order) from it, then
    those of them that are keys for the tokens right after it and right before it."""
    told = []
    for k, off in enumerate(OFFSETS):
        feats = [_WORD_PREFIX[k] + lower]
        if level:
            feats.append(_CUE_AT[off][level])
        if off in NEAR_OFFSETS and subjunctive:
            feats.append(_SUBJ[off])
        told.append(tuple(feats))
    keys_after = (_WORD_PREFIX[1] + lower, *((_CUE_AT[-1][level],) if level else ()))
    keys_before = (_WORD_PREFIX[2] + lower, *((_CUE_AT[1][level],) if level else ()))
    return (*told, keys_after, keys_before)


def _depth_changes(depths: Sequence[int]) -> list[tuple[str, ...]]:
    """Per token, "{off}qchg" for each near neighbour whose quote depth differs from its own
    (only tokens within two of a change of depth have any)."""
    n = len(depths)
    out: list[tuple[str, ...]] = [()] * n
    for change in range(n - 1):
        if depths[change] == depths[change + 1]:
            continue
        for i in range(max(0, change - 1), min(n, change + 3)):
            depth = depths[i]
            out[i] = tuple(
                _QCHG[off] for off in NEAR_OFFSETS if 0 <= i + off < n and depths[i + off] != depth
            )
    return out


SUBORDINATORS = frozenset({"dass", "ob", "weil", "wie", "wer", "was", "warum", "wann", "wo"})


def _clauses(
    lowers: Sequence[str], sentence_ids: Sequence[int], cue_levels: Sequence[str | None]
) -> list[str]:
    """Per token: where it lies relative to the nearest strong cue of its sentence, counted in
    commas/colons (e.g. "a0" same clause after the cue, "b1" one comma before it), and whether a
    subordinator ("dass", "ob") opened its clause."""
    n = len(lowers)
    out = ["none"] * n
    start = 0
    while start < n:
        end = start
        while end < n and sentence_ids[end] == sentence_ids[start]:
            end += 1
        cues = [i for i in range(start, end) if cue_levels[i] == "hi"]
        boundary = [0] * (end - start)
        count = 0
        sub = False
        for k in range(start, end):
            if lowers[k] in (",", ":", ";", "–", "-"):
                count += 1
                sub = False
            elif lowers[k] in SUBORDINATORS and k > start and lowers[k - 1] in (",", ":"):
                sub = True
            boundary[k - start] = count * 2 + sub
        for k in range(start, end):
            if not cues:
                out[k] = "nocue" + ("s" if boundary[k - start] % 2 else "")
                continue
            cue = min(cues, key=lambda c: abs(c - k))
            b, bc = boundary[k - start] // 2, boundary[cue - start] // 2
            side = "a" if k > cue else "b" if k < cue else "c"
            out[k] = f"{side}{min(abs(b - bc), 2)}" + ("s" if boundary[k - start] % 2 else "")
        start = end
    return out


CLAUSE_BOUNDARIES = frozenset({",", ":", ";", "–", "-", "(", ")"})


def _clause_facts(
    lowers: Sequence[str],
    sentence_ids: Sequence[int],
    cue_levels: Sequence[str | None],
    subj: Sequence[bool],
    depths: Sequence[int],
) -> list[list[str]]:
    """Per token, facts about its clause (the stretch between commas, colons, dashes or
    brackets in its sentence) and the clauses next to it: a strong cue, a subjunctive, quoted
    words, the subordinator or "zu" infinitive that marks reported content ("…, dass", "…,
    die Stadt zu räumen"). One shared list per clause."""
    n = len(lowers)
    out: list[list[str]] = [[] for _ in range(n)]
    start = 0
    while start < n:
        end = start
        while end < n and sentence_ids[end] == sentence_ids[start]:
            end += 1
        clauses: list[tuple[int, int]] = []
        begin = start
        for k in range(start, end):
            if lowers[k] in CLAUSE_BOUNDARIES:
                if k > begin:
                    clauses.append((begin, k))
                begin = k + 1
        if begin < end:
            clauses.append((begin, end))
        facts: list[set[str]] = []
        for a, b in clauses:
            fact: set[str] = set()
            for k in range(a, b):
                if cue_levels[k] == "hi":
                    fact.add("cue")
                if subj[k]:
                    fact.add("subj")
                if depths[k]:
                    fact.add("q")
                if lowers[k] == "zu":
                    fact.add("zu")
            first = lowers[a]
            if first in SUBORDINATORS:
                fact.add("sub=" + first)
            last = lowers[b - 1] if lowers[b - 1] not in PUNCT or b - 1 == a else lowers[b - 2]
            if "zu" in last[2:-3]:
                fact.add("zu")
            facts.append(fact)
        for c, (a, b) in enumerate(clauses):
            feats = ["c:" + f for f in sorted(facts[c])]
            if c and "cue" in facts[c - 1]:
                feats.append("pc:cue")
            if c + 1 < len(clauses) and "cue" in facts[c + 1]:
                feats.append("nc:cue")
            if c and "subj" in facts[c - 1]:
                feats.append("pc:subj")
            for k in range(a, b):
                out[k] = feats
        start = end
    return out


def _nearest_cue(sentence_ids: Sequence[int], cue_levels: Sequence[str | None]) -> list[str]:
    """Signed, bucketed distance to the nearest cue word (strong or medium) in the sentence."""
    n = len(cue_levels)
    out = [""] * n
    start = 0
    while start < n:
        end = start
        while end < n and sentence_ids[end] == sentence_ids[start]:
            end += 1
        cues = [i for i in range(start, end) if cue_levels[i] in ("hi", "mid")]
        if cues:
            for k in range(start, end):
                cue = min(cues, key=lambda c: abs(c - k))
                d = k - cue
                out[k] = ("-" if d < 0 else "+") + _bucket(abs(d))
        start = end
    return out


def _bucket(distance: int) -> str:
    if distance <= 3:
        return str(distance)
    if distance <= 6:
        return "4-6"
    if distance <= 12:
        return "7-12"
    return "far"


# A token's features for the roles tagger, in python-crfsuite's nested form: each key is a
# prefix for the features listed under it ("d": the document features, "p": the position
# relative to the message, "before": word features, "before4-6": key features), which the
# tagger joins with ":" in C++ ("before4-6:cue=hi") instead of Python building the strings.
RoleItem = dict[str, list[str]]


class RoleFeatures:
    """Features for tagging the roles of one message at a time, over one document: a token's
    document features, its position relative to the message (inside, before, after, in a gap;
    distance; same or neighbouring sentence; quoted message or not), and its word features and
    key features (``KEY_PREFIXES``) combined with that position."""

    def __init__(
        self,
        doc_features: Sequence[list[str]],
        rank_of: Sequence[int],
        keys: Sequence[Sequence[str]] | None = None,
    ):
        self.doc_features = doc_features
        self.rank_of = rank_of
        self._keys: dict[int, Sequence[str]] = dict(enumerate(keys)) if keys is not None else {}
        self._words: dict[int, list[str]] = {}

    def keys(self, i: int) -> Sequence[str]:
        """The features of token i that are also combined with its position to the message."""
        keys = self._keys.get(i)
        if keys is None:
            keys = [f for f in self.doc_features[i] if f.startswith(KEY_PREFIXES) or f in KEY_WORDS]
            self._keys[i] = keys
        return keys

    def word(self, i: int) -> list[str]:
        """Token i's word, suffixes, prefix, shape and quote depth features."""
        word = self._words.get(i)
        if word is None:
            features = self.doc_features
            word = self._words[i] = (
                features.word(i) if isinstance(features, DocumentFeatures) else features[i][1:7]
            )
        return word

    def places(
        self, window: range, message: Sequence[int], quoted: bool
    ) -> Iterator[tuple[int, str, str, tuple[str, str, str, str]]]:
        """Per token of ``window``: its index, its relation to ``message`` (in, before, after,
        gap), that relation with the distance, and the key of its position features."""
        rank_of = self.rank_of
        inside = set(message)
        first, last = min(message), max(message)
        first_rank, last_rank = rank_of[first], rank_of[last]
        form = "mq" if quoted else "mnq"
        for i in window:
            if i in inside:
                rel, dist = "in", "0"
            elif i < first:
                rel, dist = "before", _bucket(first - i)
            elif i > last:
                rel, dist = "after", _bucket(i - last)
            else:
                rel, dist = "gap", "0"
            rank = rank_of[i]
            if first_rank <= rank <= last_rank:
                srel = "same"
            elif rank < first_rank:
                srel = _PREV[min(first_rank - rank, 3)]
            else:
                srel = _NEXT[min(rank - last_rank, 2)]
            yield i, rel, rel + dist, (rel, dist, srel, form)

    def __call__(self, window: range, message: Sequence[int], quoted: bool) -> list[RoleItem]:
        """Features of the tokens in ``window`` for tagging the roles of ``message``."""
        doc_features = self.doc_features
        return [
            {
                "d": doc_features[i],
                "p": position_features(where),
                rel: self.word(i),
                near: list(self.keys(i)),  # python-crfsuite takes lists, not tuples
            }
            for i, rel, near, where in self.places(window, message, quoted)
        ]


class RoleScores:
    """The roles tagger's state scores (``crf_scores``) of one document's tokens for one
    message at a time: the sums of the weights of :class:`RoleFeatures`' features, with the
    document features' sums (``document``, a row per token) computed once per document,
    together with the message tagger's."""

    def __init__(self, features: RoleFeatures, groups: RoleGroups, document: np.ndarray):
        self.features = features
        self.groups = groups
        self.document = document

    def __call__(self, window: range, message: Sequence[int], quoted: bool) -> np.ndarray:
        """State scores of the tokens in ``window`` (a row each) for the roles of ``message``."""
        features, groups = self.features, self.groups
        unknown = groups.weights.unknown
        index = groups.index
        rows: list[int] = []
        starts: list[int] = []
        for i, rel, near, where in features.places(window, message, quoted):
            starts.append(len(rows))
            rows += groups.position(where)
            rows += map(index(rel).get, features.word(i), repeat(unknown))
            rows += map(index(near).get, features.keys(i), repeat(unknown))
        scores = groups.weights.scores(rows, starts)
        return scores + self.document[window.start : window.stop]


class RoleGroups:
    """The roles model's attribute rows by feature group ("d", "p", "before", "before4-6" …),
    and the rows of each combination of position features (the same in every document)."""

    def __init__(self, weights: CrfWeights):
        self.weights = weights
        self.indexes = weights.groups
        self._positions: dict[tuple[str, str, str, str], list[int]] = {}

    def index(self, prefix: str) -> dict[str, int]:
        return self.indexes.get(prefix, _NO_ROWS)

    def position(self, where: tuple[str, str, str, str]) -> list[int]:
        """The rows of a position's features, led by the row of no attribute (so that no token
        is without rows)."""
        rows = self._positions.get(where)
        if rows is None:
            index, unknown = self.index("p"), self.weights.unknown
            names = position_features(where)
            rows = self._positions[where] = [unknown, *(index.get(n, unknown) for n in names)]
        return rows


_NO_ROWS: dict[str, int] = {}


@cache
def position_features(where: tuple[str, str, str, str]) -> list[str]:
    """The features of a token's position to a message: relation, relation and distance,
    sentence relation, form and relation, sentence relation and relation (one list per
    position, shared: do not change it)."""
    rel, dist, srel, form = where
    return ["r=" + rel, "rd=" + rel + dist, "rs=" + srel, "rf=" + form + rel, "rsr=" + srel + rel]


def flat(item: RoleItem) -> list[str]:
    """The feature names of a nested item as the tagger sees them ("before4-6:cue=hi")."""
    return [f"{prefix}:{f}" for prefix, feats in item.items() for f in feats]


_PREV = {k: f"prev{k}" for k in range(1, 4)}
_NEXT = {k: f"next{k}" for k in range(1, 3)}


def medium_features(
    tokens: Sequence[str],
    message: Sequence[int],
    cue: Sequence[int],
    speaker: Sequence[int],
    frame: Sequence[int],
    addressee: Sequence[int],
    form: str,
    lexicon: Lexicon,
) -> list[str]:
    """Features of one message for telling its medium (speech, writing, thought or the
    undecided pairs): the cue words and the cue lexicon's medium for them, the speaker's and
    the rest of the frame's words ("in einer Mitteilung", "im Interview"), the form, whether
    there is an addressee, the message's length."""
    feats = ["b", "form=" + form]
    for i in cue:
        word = tokens[i].lower()
        feats.append("cue=" + word)
        medium = lexicon.medium(word)
        if medium:
            feats.append("lexmed=" + medium)
    if not cue:
        feats.append("nocue")
    roles = set(cue) | set(speaker)
    feats.extend("spk=" + tokens[i].lower() for i in speaker)
    feats.extend("fr=" + tokens[i].lower() for i in frame if i not in roles)
    if addressee:
        feats.append("addr")
    feats.append("len=" + _bucket(len(message)))
    return feats


@dataclass(frozen=True)
class LinearClassifier:
    """A multinomial logistic regression over string features, stored as JSON weights."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearClassifier:
        return cls(
            labels=tuple(data["labels"]),
            bias=tuple(data["bias"]),
            weights={f: tuple(w) for f, w in data["weights"].items()},
        )

    def __post_init__(self) -> None:
        # the weights as one matrix (a row per feature) for ``probabilities``
        names = list(self.weights)
        object.__setattr__(self, "_rows", {name: k for k, name in enumerate(names)})
        # a last row of zeros for the features the classifier does not know
        matrix = np.array([*(self.weights[n] for n in names), [0.0] * len(self.labels)])
        matrix = matrix.reshape(len(names) + 1, len(self.labels))
        object.__setattr__(self, "_matrix", matrix)

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """Each label's probability (softmax) for named feature values."""
        return self.probabilities_of([features])[0]

    def probabilities_of(self, items: Sequence[dict[str, float]]) -> list[dict[str, float]]:
        """``probabilities`` of several items at once."""
        index = self._rows  # type: ignore[attr-defined]
        unknown = len(index)  # the matrix' last row, of zeros
        rows: list[int] = []
        values: list[float] = []
        starts = []
        for features in items:
            starts.append(len(rows))
            rows.append(unknown)
            values.append(0.0)
            rows += map(index.get, features, repeat(unknown))
            values += features.values()
        matrix = self._matrix  # type: ignore[attr-defined]
        weighted = matrix.take(np.array(rows, dtype=np.intp), axis=0) * np.array(values)[:, None]
        scores = np.add.reduceat(weighted, starts, axis=0) if rows else weighted
        scores += np.array(self.bias, dtype=float)
        exps = np.exp(scores - scores.max(axis=1, keepdims=True))
        exps /= exps.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, row, strict=True)) for row in exps.tolist()]

    def predict(self, features: Sequence[str]) -> str:
        scores = list(self.bias)
        for feature in features:
            weights = self.weights.get(feature)
            if weights is not None:
                for k, w in enumerate(weights):
                    scores[k] += w
        return self.labels[max(range(len(scores)), key=scores.__getitem__)]


ENDS = frozenset(".!?")
_LENGTHS = (1, 2, 3, 5, 8, 15, 30)
_PROBABILITIES = (0.3, 0.5, 0.7, 0.8, 0.9, 0.95)


def _band(value: float, bounds: Sequence[float]) -> str:
    """The first bound ``value`` does not exceed (``>last`` above all of them)."""
    for bound in bounds:
        if value <= bound:
            return str(bound)
    return f">{bounds[-1]}"


@dataclass(frozen=True)
class FilterInput:
    """What the message filter knows about one document (token texts, sentence rank, the
    message tagger's probability that a token lies in a message, the lexicon)."""

    tokens: Sequence[str]
    rank_of: Sequence[int]
    in_message: Sequence[float]
    lexicon: Lexicon
    roles: RoleScores | None = None  # the roles tagger's state scores of the document
    pos: Sequence[str] | None = None  # a part-of-speech tag per token
    depths: Sequence[int] | None = None  # quotation-mark depth per token (``quote_depths``)


def message_filter_features(
    doc: FilterInput,
    message: Sequence[int],
    cue: Sequence[int],
    speaker: Sequence[int],
    addressee: Sequence[int],
    form: str,
    nested: bool,
    count: int,
) -> dict[str, float]:
    """Features of one predicted message (one of ``count`` in its document) for telling a real
    one from a false one: its form, roles, cue words, first word, length, sentences,
    subjunctives, capitalised words, whether a quoted stretch reads as a clause (lower-case
    words, a final stop, a comma) or a name or title, where it stands, the message tagger's
    probability of its tokens, how far the cue is, the punctuation before it (a colon)."""
    tokens = doc.tokens
    words = [tokens[i] for i in message if tokens[i] not in MARKS and tokens[i] not in PUNCT]
    n = max(len(words), 1)
    lower = sum(1 for w in words if w[:1].islower())
    upper = sum(1 for w in words if w[:1].isupper())
    subjunctive = sum(1 for w in words if w.lower() in SUBJUNCTIVE)
    probs = [doc.in_message[i] for i in message]
    mean_p = sum(probs) / len(probs)
    min_p = min(probs)
    first, last = message[0], message[-1]
    ranks = {doc.rank_of[i] for i in message}
    gaps = sum(1 for k in range(1, len(message)) if message[k] != message[k - 1] + 1)
    feats: dict[str, float] = {
        "form=" + form: 1.0,
        "nested": float(nested),
        "cue": float(bool(cue)),
        "speaker": float(bool(speaker)),
        "addressee": float(bool(addressee)),
        "len=" + _band(len(words), _LENGTHS): 1.0,
        "sentences=" + _band(len(ranks), (1, 2, 3)): 1.0,
        "pieces=" + _band(gaps, (0, 1)): 1.0,
        "subj=" + _band(subjunctive, (0, 1, 2)): 1.0,
        "subjshare": subjunctive / n,
        "lower=" + _band(lower, (0, 1, 2, 4, 8)): 1.0,
        "upper=" + _band(upper, (0, 1, 2, 4, 8)): 1.0,
        "uppershare": upper / n,
        "comma": float(any(tokens[i] == "," for i in message)),
        "stop": float(any(tokens[i] in ENDS for i in message)),
        "rank=" + _band(doc.rank_of[first], (0, 1, 3, 8)): 1.0,
        "pmean": mean_p,
        "pmin": min_p,
        "pmean=" + _band(mean_p, _PROBABILITIES): 1.0,
        "pmin=" + _band(min_p, _PROBABILITIES): 1.0,
        "form=" + form + "&pmin=" + _band(min_p, _PROBABILITIES): 1.0,
        "form=" + form + "&len=" + _band(len(words), _LENGTHS): 1.0,
        "form=" + form + "&cue=" + str(bool(cue)): 1.0,
        "count=" + _band(count, (1, 2, 3, 4, 5, 6, 7)): 1.0,
    }
    first_word = next((tokens[i] for i in message if tokens[i] not in MARKS), "")
    feats["first=" + first_word.lower()] = 1.0
    for i in cue:
        feats["cueword=" + tokens[i].lower()] = 1.0
    if form == "Direct":
        feats["direct&lower=" + _band(lower, (0, 1, 2, 4))] = 1.0
        feats["direct&stop"] = feats["stop"]
        feats["direct&speaker"] = feats["speaker"]
    before = first - 1
    while before >= 0 and tokens[before] in MARKS:
        before -= 1
    if before >= 0:
        feats["before=" + (tokens[before] if tokens[before] in PUNCT else "w")] = 1.0
    else:
        feats["before=start"] = 1.0
    if last + 1 < len(tokens) and doc.rank_of[last + 1] != doc.rank_of[last]:
        feats["ends-sentence"] = 1.0
    if before < 0 or doc.rank_of[before] != doc.rank_of[first]:
        feats["opens-sentence"] = 1.0
    if cue:
        gap = min(abs(i - j) for i in (first, last) for j in (cue[0], cue[-1]))
        feats["cuedist=" + _band(gap, (1, 2, 4, 8, 16))] = 1.0
        best = max(doc.lexicon.cues.get(tokens[i].lower(), (0.0, ""))[0] for i in cue)
        feats["cueprec=" + _band(best, (0.05, 0.2, 0.5))] = 1.0
        feats["cuesent=" + str(doc.rank_of[cue[0]] - doc.rank_of[first])] = 1.0
    return feats


@dataclass(frozen=True)
class BinaryClassifier:
    """A logistic regression over named feature values, stored as JSON weights, with the
    probability below which an item is rejected."""

    bias: float
    weights: dict[str, float]
    threshold: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BinaryClassifier:
        return cls(
            bias=float(data["bias"]), weights=dict(data["weights"]), threshold=data["threshold"]
        )

    def probability(self, features: dict[str, float]) -> float:
        weights = self.weights
        score = self.bias + sum(weights.get(f, 0.0) * v for f, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


# -- sentences the taggers leave out: reported, indirect and free indirect speech ---------------

PRONOUNS = frozenset(["er", "sie", "es", "wir", "ich", "ihr", "man"])
SENTENCE_MIN_CUE = 0.05  # the cue word of a candidate sentence is at least this precise
# bigrams that mark attributions and speech reports ("nach Angaben", "teilte … mit")
BIGRAM_FIRST = frozenset({"nach", "laut", "wie", "so", "demnach", "zufolge", "hieß", "heißt"})
BIGRAM_SECOND = frozenset({"zufolge", "mit", "an"})


def sentence_cue(lowers: Sequence[str], lexicon: Lexicon) -> tuple[int, float] | None:
    """The position (within ``lowers``) and lexicon precision of the sentence's most precise cue
    word, or None when it has none at least ``SENTENCE_MIN_CUE`` precise."""
    best: tuple[int, float] | None = None
    for k, lower in enumerate(lowers):
        entry = lexicon.cues.get(lower)
        if (
            entry is not None
            and entry[0] >= SENTENCE_MIN_CUE
            and (best is None or entry[0] > best[1])
        ):
            best = (k, entry[0])
    return best


def sentence_features(
    doc: FilterInput,
    sentence: Sequence[int],
    cue: tuple[int, float] | None,
    context: dict[str, bool],
) -> dict[str, float]:
    """Features of one sentence (token indices) of ``doc`` no found message touches, for the
    sentence classifier: its words, attribution bigrams, subjunctive, quotation marks, length,
    first and last token, its part-of-speech tags, the message tagger's probabilities, the
    speaker lexicon, ``context`` (flags such as the form of a found message in the sentence
    before) and, when it has a cue word (``cue``: position in the sentence, precision), that
    word, its precision, position and surroundings."""
    tokens, lexicon, in_message = doc.tokens, doc.lexicon, doc.in_message
    words = [tokens[i] for i in sentence]
    lowers = [w.lower() for w in words]
    n = len(words)
    feats: dict[str, float] = {"bias_cand": 1.0}
    for lower in set(lowers):
        if lower in lexicon.cues:
            feats["cw=" + lower] = 1.0
            feats["n_cues"] = feats.get("n_cues", 0.0) + 1.0
        if lower.isalpha():
            feats["w=" + lower] = 1.0
    for first, second in zip(lowers, lowers[1:], strict=False):
        if first in BIGRAM_FIRST or second in BIGRAM_SECOND:
            feats["bg=" + first + "_" + second] = 1.0
    subjunctives = sum(1 for w in lowers if w in SUBJUNCTIVE)
    if subjunctives:
        feats["subj"] = 1.0
    feats["nsubj=" + _band(subjunctives, (0, 1, 2))] = 1.0
    if any(w in MARKS for w in words):
        feats["marks"] = 1.0
    if ":" in words:
        feats["colon"] = 1.0
    feats["len=" + _band(n, (6, 10, 16, 25, 40))] = 1.0
    feats["first=" + (lowers[0] if len(lowers[0]) < 6 else shape(words[0]))] = 1.0
    feats["last=" + (words[-1] if words[-1] in PUNCT else "W")] = 1.0
    # a word of letters has no digit: most words are, and are not looked at one by one
    digits = sum(1 for w in words if not w.isalpha() and any(ch.isdigit() for ch in w))
    if digits:
        feats["digits=" + _band(digits, (1, 2, 4))] = 1.0
    speaker = max((lexicon.speakers.get(w, 0.0) for w in lowers), default=0.0)
    feats["spk_p"] = speaker
    feats["spk_lvl=" + ("hi" if speaker >= 0.5 else "mid" if speaker >= 0.2 else "lo")] = 1.0
    if doc.pos is not None:
        for i in sentence:
            feats["t=" + doc.pos[i]] = 1.0
    probabilities = [in_message[i] for i in sentence]
    feats["inmax=" + _band(max(probabilities), (0.02, 0.05, 0.1, 0.15, 0.25))] = 1.0
    feats["inmean=" + _band(sum(probabilities) / n, (0.01, 0.03, 0.06, 0.1, 0.2))] = 1.0
    for name, value in context.items():
        if value:
            feats[name] = 1.0
            if name.startswith("prevform=") and subjunctives:
                feats["subj_" + name] = 1.0
    if cue is None:
        feats["nocue"] = 1.0
        return feats
    at, precision = cue
    feats["cue_p"] = precision
    feats["cue_l=" + lowers[at]] = 1.0
    feats["cue_lvl=" + ("hi" if precision >= 0.5 else "mid" if precision >= 0.2 else "lo")] = 1.0
    feats["cue_at=" + ("0" if at == 0 else "1" if at == 1 else "end" if at >= n - 3 else "mid")] = 1
    before, after = lowers[:at], lowers[at + 1 :]
    if any(w[:1].isupper() for w in words[1:at]):
        feats["cap_before"] = 1.0
    if any(w in PRONOUNS for w in before):
        feats["pron_before"] = 1.0
    if any(w in PRONOUNS for w in after[:3]):
        feats["pron_after"] = 1.0
    if after:
        feats["next=" + (after[0] if not after[0][:1].isalnum() or len(after[0]) < 5 else "W")] = 1
    for sub in ("dass", "ob", "zu", "von", "wurde", "wurden", "habe", "sei", "als"):
        if sub in after:
            feats["after_" + sub] = 1.0
    cue_word = lowers[at]
    feats["cue_suf=" + cue_word[-2:]] = 1.0
    if cue_word.startswith("ge") and cue_word.endswith("t"):
        feats["cue_participle"] = 1.0
    feats["spk_before"] = max((lexicon.speakers.get(w, 0.0) for w in before), default=0.0)
    feats["spk_after"] = max((lexicon.speakers.get(w, 0.0) for w in after[:4]), default=0.0)
    return feats
