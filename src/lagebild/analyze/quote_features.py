"""Token features for the quotation taggers: word shape, quotation marks, cue words, subjunctive.

The same features feed every tagger (message, cue, speaker, frame, addressee), so they are
computed once per document. A document is a list of token texts with a sentence id per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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


def quote_depths(tokens: Sequence[str]) -> list[int]:
    """For each token, how many quotation marks enclose it (the marks count as inside)."""
    depths = [0] * len(tokens)
    stack: list[str] = []
    for i, tok in enumerate(tokens):
        if stack and tok in CLOSERS[stack[-1]]:
            depths[i] = len(stack)
            stack.pop()
        elif tok in CLOSERS:
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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Lexicon:
        return cls(
            cues={w: (p, m) for w, (p, m) in data["cues"].items()},
            sources=frozenset(data.get("sources", ())),
        )

    def cue_level(self, lower: str) -> str | None:
        entry = self.cues.get(lower)
        if entry is None:
            return None
        precision = entry[0]
        return "hi" if precision >= 0.5 else "mid" if precision >= 0.2 else "lo"

    def medium(self, lower: str) -> str | None:
        entry = self.cues.get(lower)
        return entry[1] if entry else None


ATTRIBUTION_FOLLOWERS = frozenset({"der", "des", "dem", "den", "die", "einem", "eines"})


def attributions(tokens: Sequence[str], lowers: Sequence[str], lexicon: Lexicon) -> list[bool]:
    """Tokens of an attribution phrase: "nach Angaben", "laut", "zufolge", ", so der …"."""
    marks = [False] * len(tokens)
    for i, w in enumerate(lowers):
        if w in ("laut", "zufolge", "lauten"):
            marks[i] = w != "lauten"
        elif w == "nach" and i + 1 < len(tokens):
            nxt = lowers[i + 1]
            if nxt in lexicon.sources or (
                nxt in ATTRIBUTION_FOLLOWERS
                and i + 2 < len(tokens)
                and lowers[i + 2] in lexicon.sources
            ):
                marks[i] = True
        elif w == "so" and i and tokens[i - 1] in (",", "“", '"', "«") and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            marks[i] = nxt[:1].isupper() or nxt in ATTRIBUTION_FOLLOWERS
    return marks


def _word_features(token: str, lower: str) -> list[str]:
    """Features of the word itself: bias, form, suffixes, prefix, shape."""
    return [
        "b",
        "w=" + lower,
        "s3=" + lower[-3:],
        "s2=" + lower[-2:],
        "p3=" + lower[:3],
        "sh=" + shape(token),
    ]


def document_features(
    tokens: Sequence[str], sentence_ids: Sequence[int], lexicon: Lexicon
) -> list[list[str]]:
    """One list of string features per token."""
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
    near_cue = _nearest_cue(sentence_ids, cue_levels)
    capital = [t[:1].isupper() for t in tokens]
    words: dict[str, list[str]] = {}  # features of the word itself, once per word type
    out: list[list[str]] = []
    for i in range(n):
        w = lowers[i]
        tok = tokens[i]
        sid = sentence_ids[i]
        word = words.get(tok)
        if word is None:
            word = words[tok] = _word_features(tok, w)
        f = [*word, QDEPTH[min(depths[i], 2)]]
        if tok in MARKS:
            f.append("qm")
        if cue_levels[i]:
            f.append("cue=" + cue_levels[i])
        if attr[i]:
            f.append("attr")
        if subj[i]:
            f.append("subj")
        if tok in PUNCT:
            f.append("punct")
        f.extend(sent_feats[sid])
        cue_at = first_cue.get(sid)
        if cue_at is not None:
            f.append("rel=" + ("before" if i < cue_at else "at" if i == cue_at else "after"))
            d = i - cue_at
            f.append("dcue=" + (str(d) if -3 <= d <= 3 else "far-" if d < 0 else "far+"))
        f.append("cl=" + clause[i])
        if near_cue[i]:
            f.append("ncue=" + near_cue[i])
        if capital[i] and ((i and capital[i - 1]) or (i + 1 < n and capital[i + 1])):
            f.append("caprun")
        if i == 0 or sentence_ids[i - 1] != sid:
            f.append("bos")
        if i + 1 == n or sentence_ids[i + 1] != sid:
            f.append("eos")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                f.append(f"{off}w=" + lowers[j])
                if cue_levels[j]:
                    f.append(f"{off}cue=" + cue_levels[j])
                if depths[j] != depths[i]:
                    f.append(f"{off}qchg")
                if subj[j]:
                    f.append(f"{off}subj")
            else:
                f.append(f"{off}pad")
        for off in (-3, 3):
            j = i + off
            if 0 <= j < n:
                f.append(f"{off}w=" + lowers[j])
                if cue_levels[j]:
                    f.append(f"{off}cue=" + cue_levels[j])
        out.append(f)
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


KEY_PREFIXES = ("cue=", "-1w=", "1w=", "-1cue", "1cue", "ncue=", "cl=")


class RoleFeatures:
    """Features for tagging the roles of one message at a time, over one document."""

    def __init__(self, doc_features: Sequence[list[str]], rank_of: Sequence[int]):
        self.doc_features = doc_features
        self.rank_of = rank_of
        self._keys: dict[int, list[str]] = {}

    def keys(self, i: int) -> list[str]:
        """The features of token i that are also combined with its position to the message."""
        keys = self._keys.get(i)
        if keys is None:
            keys = [
                f
                for f in self.doc_features[i]
                if f.startswith(KEY_PREFIXES) or f in ("punct", "qm", "caprun")
            ]
            self._keys[i] = keys
        return keys

    def __call__(self, window: range, message: Sequence[int], quoted: bool) -> list[list[str]]:
        """Features of the tokens in ``window`` for tagging the roles of ``message``."""
        rank_of = self.rank_of
        inside = set(message)
        first, last = min(message), max(message)
        first_rank, last_rank = rank_of[first], rank_of[last]
        out: list[list[str]] = []
        form = "mq" if quoted else "mnq"
        for i in window:
            base = self.doc_features[i]
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
                srel = f"prev{min(first_rank - rank, 3)}"
            else:
                srel = f"next{min(rank - last_rank, 2)}"
            reld = rel + dist + "|"
            relb = rel + "|"
            feats = [
                *base,
                "r=" + rel,
                "rd=" + rel + dist,
                "rs=" + srel,
                "rf=" + form + rel,
                "rsr=" + srel + rel,
                *[relb + f for f in base[1:7]],  # word, suffixes, prefix, shape, quote depth
                *[reld + f for f in self.keys(i)],
            ]
            out.append(feats)
        return out
