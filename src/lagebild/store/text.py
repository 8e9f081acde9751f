"""Search text: German stemming (PyStemmer / Snowball) and diacritic folding.

SQLite's FTS5 has no German stemmer, so the store keeps a stemmed and folded copy of each
article's title, lead and body in the full-text table, and user queries are stemmed the same
way before they reach FTS5. ``Waffenruhen`` and ``waffenruhe`` both become ``waffenruh``;
``Überfall`` and ``Uberfall`` both ``uberfall``.

User queries are turned into FTS5 syntax here and nowhere else: every term is emitted as a
quoted FTS5 string, so no character a user types can change the meaning of the query.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import Stemmer

WORD = re.compile(r"\w+", re.UNICODE)
# query syntax: "a phrase", OR, -exclusion, prefix*
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer("german")
    stemmer.maxCacheSize = 100_000
    return stemmer


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without diacritics: 'Überfall' -> 'uberfall', 'Straße' -> 'strasse'."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return WORD.findall(text)


def stem_words(tokens: list[str]) -> list[str]:
    """Stem, then fold, each token (the stemmer handles umlauts better than their folded form)."""
    stemmed = _stemmer().stemWords([t.lower() for t in tokens])
    return [fold(s) for s in stemmed]


def stem_text(text: str | None) -> str:
    """The form of a text that goes into the full-text index."""
    if not text:
        return ""
    return " ".join(stem_words(words(text)))


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    for match in WORD.finditer(text):
        yield match.start(), match.end(), match.group()


@dataclass(frozen=True)
class ParsedQuery:
    """A user query as FTS5 MATCH syntax, plus the stems to highlight in snippets."""

    match: str
    stems: frozenset[str]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def parse_query(query: str) -> ParsedQuery | None:
    """Turn a user query into a safe FTS5 expression.

    Supported: words (all must occur), ``"a phrase"``, ``OR`` between terms, ``-word`` to
    exclude, ``word*`` for a prefix. Everything else is plain text. Returns None when the query
    has no searchable word.
    """
    positive: list[str] = []
    negative: list[str] = []
    stems: set[str] = set()
    pending_or = False
    for match in _QUERY_TOKEN.finditer(query):
        negate, phrase, bare = match.group(1), match.group(2), match.group(3)
        prefix = False
        if bare is not None:
            if bare == "OR":
                pending_or = bool(positive)
                continue
            negate = "-" if bare.startswith("-") and len(bare) > 1 else ""
            bare = bare[1:] if negate else bare
            prefix = bare.endswith("*")
            text = bare
        else:
            text = phrase or ""
        terms = stem_words(words(text))
        if not terms:
            continue
        expr = _quote(" ".join(terms))
        if prefix and len(terms) == 1:
            # the stem of a word is (nearly always) a prefix of it, so stem the prefix too
            expr = _quote(terms[0]) + "*"
        if negate:
            negative.append(expr)
            continue
        stems.update(terms)
        if pending_or and positive:
            positive[-1] = f"({positive[-1]} OR {expr})"
        else:
            positive.append(expr)
        pending_or = False
    if not positive:
        return None
    expression = " AND ".join(positive)
    for expr in negative:
        expression = f"({expression}) NOT {expr}"
    return ParsedQuery(match=expression, stems=frozenset(stems))


@lru_cache(maxsize=100_000)
def stem_word(word: str) -> str:
    return fold(_stemmer().stemWord(word.lower()))


def snippet(text: str, stems: frozenset[str], width: int = 30) -> str:
    """About ``width`` words of ``text`` around the first words matching ``stems``, «marked».

    Reads the text only as far as the snippet needs: up to the first match and ``width`` words on.
    """
    before: deque[tuple[int, tuple[int, int, str]]] = deque(maxlen=width // 3)
    window: list[tuple[int, tuple[int, int, str]]] = []
    matched = False
    count = 0
    for count, span in enumerate(word_spans(text), start=1):
        if not stems and count > width + 1:
            break
        if matched:
            window.append((count - 1, span))
        elif stems and stem_word(span[2]) in stems:
            matched = True
            window = [*before, (count - 1, span)]
        else:
            before.append((count - 1, span))
            if len(window) < width:
                window.append((count - 1, span))  # the text's start, if nothing matches
        if matched and len(window) > width:
            break
    if not window:
        return ""
    more = len(window) > width or (not matched and count > width)
    window = window[:width]
    out: list[str] = []
    cursor = window[0][1][0]
    for _, (start, end, word) in window:
        out.append(text[cursor:start])
        out.append(f"«{word}»" if stems and stem_word(word) in stems else word)
        cursor = end
    body = " ".join("".join(out).split())
    return ("… " if window[0][0] > 0 else "") + body + (" …" if more else "")


# -- filter tokens ----------------------------------------------------------------------------
# Filters that come with a text query are answered by the full-text index itself: each article's
# ``meta`` column holds one token per publication year, month and day, its source, each entity
# and whether it is an original. A date range becomes an OR of the fewest year/month/day tokens
# covering it. Intersecting posting lists is far faster than looking every hit up in articles.

ORIGINAL_TOKEN = "orig"


def _hashed(prefix: str, value: str) -> str:
    return prefix + hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]


def entity_token(entity_id: str) -> str:
    return _hashed("e", entity_id)


def source_token(source: str) -> str:
    return _hashed("s", fold(source.strip()))


def meta_tokens(
    published_date: str | None,
    source: str | None,
    entity_ids: Iterable[str],
    original: bool,
) -> str:
    tokens = []
    if published_date:
        year, month, day = published_date.split("-")
        tokens += [f"y{year}", f"m{year}{month}", f"d{year}{month}{day}"]
    if source:
        tokens.append(source_token(source))
    tokens += [entity_token(e) for e in dict.fromkeys(entity_ids)]
    if original:
        tokens.append(ORIGINAL_TOKEN)
    return " ".join(tokens)


def date_tokens(first: date, last: date, limit: int | None = None) -> list[str] | None:
    """The fewest year, month and day tokens that cover ``first`` … ``last`` (inclusive).

    None when more than ``limit`` tokens would be needed.
    """
    tokens: list[str] = []
    day: date | None = first
    while day is not None and day <= last:
        if limit is not None and len(tokens) >= limit:
            return None
        year_end = date(day.year, 12, 31)
        month_end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        if day.month == 1 and day.day == 1 and year_end <= last:
            tokens.append(f"y{day.year}")
            end = year_end
        elif day.day == 1 and month_end <= last:
            tokens.append(f"m{day.year}{day.month:02d}")
            end = month_end
        else:
            tokens.append(f"d{day.year}{day.month:02d}{day.day:02d}")
            end = day
        day = end + timedelta(days=1) if end < date.max else None
    return tokens
