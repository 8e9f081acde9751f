"""Stage `timexes`: temporal expressions (DATE, TIME, DURATION, SET) with TIMEX3 values.

Rule-based (see :mod:`lagebild.analyze.timex_rules`). Relative expressions are anchored on the
article's publication date; without one, the latest explicit full date in the text serves as the
anchor and ``published``/``published_source = "text"`` record that choice. A bare weekday
resolves the news way: ``am Donnerstag`` in a report of Friday 2016-12-16 is 2016-12-15, unless
the sentence speaks of the future.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from lagebild.analyze.timex_calendar import Tense, parse_anchor
from lagebild.analyze.timex_rules import Candidate, Context, RuleSet
from lagebild.article import Timex

if TYPE_CHECKING:
    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.article import Article

_CLAUSE = re.compile(r"[,;:]")
# a sentence ends at . ! ? before a capital (not after a digit: "am 3. März") or a line break
_SENTENCE_END = re.compile(r"[.!?](?<![0-9][.!?])\s+(?=[A-ZÄÖÜ\"„])|\n")
_PAST_CUES = re.compile(
    r"\b(?:war|waren|wurde|wurden|hatte|hatten|hat|hätte|haben|gewesen|worden|sagte|sagten|"
    r"erklärte|teilte|berichtete|fand|fanden|kam|kamen|gab|ging|starb|starben|ereignete|"
    r"sprach|sprachen|stand|standen|traf|trafen|lag|lagen|hielt|hielten|fiel|fielen|blieb|"
    r"blieben|zog|zogen|nahm|nahmen|rief|riefen|schrieb|lief|liefen|gewann|gewannen|verlor|"
    r"verloren|siegte|siegten|begann|begannen|endete|endeten|meinte|betonte|forderte|"
    r"ge[a-zäöü]{2,}(?:t|en))\b"
)
_FUTURE_CUES = re.compile(
    r"\b(?:wird|werden|soll|sollen|will|wollen|findet|finden|beginnt|beginnen|startet|"
    r"starten|steht|stehen|lädt|laden|geplant|kommend\w*|nächst\w*|bevorstehend\w*|"
    r"voraussichtlich|morgen|Morgen|folgt|folgen|ist angesetzt|sind angesetzt)\b"
)


class Sentences:
    """Sentence boundaries of one text, found once (a light split; no sentence layer needed)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]

    def around(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence containing ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end

    def tense(self, start: int, end: int) -> Tense:
        """Past, future or none, from cue words around ``text[start:end]``: its clause first
        ("Im Mai begann der Bau, im Januar soll er enden"), then its sentence."""
        s_start, s_end = self.around(start)
        before, after = self.text[s_start:start], self.text[end : max(end, s_end)]
        clause = _CLAUSE.split(before)[-1] + " " + _CLAUSE.split(after, maxsplit=1)[0]
        for context in (clause, before + " " + after):
            if _PAST_CUES.search(context):
                return "past"
            if _FUTURE_CUES.search(context):
                return "future"
        return "none"


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then the earlier rule."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-c.length, c.rule, c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The rules, compiled once per process."""
    return RuleSet()


class TimexTagger:
    """Finds temporal expressions in a text and normalises them against an anchor date."""

    def __init__(self, rules: RuleSet | None = None):
        self.rules = rules or default_rules()

    def tag(self, text: str, anchor: date | None) -> list[Timex]:
        return self.normalise(text, self.find(text), anchor)

    def find(self, text: str) -> list[Candidate]:
        """The expressions in ``text`` (spans and types; values need an anchor)."""
        return select(self.rules.candidates(text))

    def normalise(self, text: str, chosen: list[Candidate], anchor: date | None) -> list[Timex]:
        """TIMEX3 values for the ``chosen`` expressions, seen from ``anchor``."""
        ctx = Context(anchor=anchor)
        timexes: list[Timex] = []
        sentences = Sentences(text)
        day_sentence = -1
        for cand in chosen:
            ctx.tense = sentences.tense(cand.start, cand.end)
            sentence = sentences.around(cand.start)[0]
            if cand.clock and sentence != day_sentence:
                # a clock time belongs to a day named in its own sentence, else to the anchor
                ctx.last_day, saved = None, ctx.last_day
                value = _resolve(cand, ctx)
                ctx.last_day = saved
            else:
                value = _resolve(cand, ctx)
            if value is None:
                continue
            timexes.append(
                Timex(
                    text=text[cand.start : cand.end],
                    start=cand.start,
                    end=cand.end,
                    type=cand.type,  # type: ignore[arg-type]
                    value=value,
                )
            )
            day = parse_anchor(value)
            if day is not None and cand.type in ("DATE", "TIME"):
                ctx.last_day = day
                day_sentence = sentence
        return timexes

    def latest_explicit_date(self, text: str, chosen: list[Candidate] | None = None) -> date | None:
        """The latest full date written out in ``text`` (with its year), the fallback anchor."""
        latest: date | None = None
        found = self.find(text) if chosen is None else chosen
        for cand in found:
            if cand.type != "DATE":
                continue
            # alone, without anchor or earlier days: only dates written with their year resolve
            value = _resolve(cand, Context(anchor=None))
            day = parse_anchor(value)
            if day is not None and (latest is None or day > latest):
                latest = day
        return latest


def _resolve(cand: Candidate, ctx: Context) -> str | None:
    try:
        return cand.resolve(ctx)
    except (OverflowError, ValueError):  # arithmetic beyond year 1 or 9999
        return None


class TimexStage:
    name = "timexes"

    def __init__(self, config: AnalyzeConfig | None = None):
        self.tagger = TimexTagger()

    def __call__(self, article: Article) -> Article:
        chosen = self.tagger.find(article.text)
        anchor = parse_anchor(article.published)
        if anchor is None and article.published:  # "16.12.2016", "16. Dezember 2016"
            anchor = self.tagger.latest_explicit_date(article.published)
        if anchor is None:
            anchor = self.tagger.latest_explicit_date(article.text, chosen)
            if anchor is not None and not article.published:
                article.published = anchor.isoformat()
                article.published_source = "text"
        article.timexes = self.tagger.normalise(article.text, chosen, anchor)
        return article
