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
from collections.abc import Iterable
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


@dataclass(frozen=True)
class ParsedQuery:
    """A user query as FTS5 MATCH syntax, plus the stems to highlight in snippets."""

    match: str
    stems: frozenset[str]
    text_only: bool = False  # no term of the query can match a filter token in ``meta``

    @property
    def text_match(self) -> str:
        """``match`` for the text columns only (title, lead, body), never ``meta``."""
        # a column filter costs FTS5 a look at the positions of every hit: it is left out when
        # no term can be a filter token anyway
        return f"({self.match})" if self.text_only else f"{{title lead body}} : ({self.match})"


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
    text_only = True
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
        prefix = prefix and len(terms) == 1
        if prefix:
            # the stem of a word is (nearly always) a prefix of it, so stem the prefix too
            expr = _quote(terms[0]) + "*"
        text_only = text_only and not any(_may_be_meta(t, prefix) for t in terms)
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
    return ParsedQuery(match=expression, stems=frozenset(stems), text_only=text_only)


@lru_cache(maxsize=100_000)
def stem_word(word: str) -> str:
    return fold(_stemmer().stemWord(word.lower()))


def snippet(text: str, stems: frozenset[str], width: int = 30) -> str:
    """About ``width`` words of ``text`` around the first words matching ``stems``, «marked».

    The window starts up to ``width // 3`` words before the first word whose stem is in
    ``stems`` (or at the start of the text when none is); every word in it whose stem is in
    ``stems`` is marked. Only candidate words (:func:`_candidates_in`) are stemmed.
    """
    if width <= 0:
        return ""
    patterns = _candidates_in(text, stems) if stems else []
    first = _first_match(text, stems, patterns)
    if first is None:
        window = _words(width).search(text)
        if window is None:
            return ""
        start, end = window.span()
    else:
        before = _words_before(text, first.start(), width // 3)
        start = before[0].start() if before else first.start()
        end = _words(width - len(before)).match(text, first.start()).end()  # type: ignore[union-attr]
    more = WORD.search(text, end) is not None
    marked = sorted(
        {
            (m.start(), m.end())
            for pattern in patterns
            for m in pattern.finditer(text, start, end)
            if stem_word(m.group()) in stems
        }
    )
    out: list[str] = []
    cursor = start
    for begin, stop in marked:
        out += [text[cursor:begin], "«", text[begin:stop], "»"]
        cursor = stop
    out.append(text[cursor:end])
    body = " ".join("".join(out).split())
    earlier = WORD.search(text, 0, start) is not None
    return ("… " if earlier else "") + body + (" …" if more else "")


@lru_cache(maxsize=64)
def _words(count: int) -> re.Pattern[str]:
    """Up to ``count`` (at least one) words and what lies between them."""
    return re.compile(rf"\w+(?:\W+\w+){{0,{max(0, count - 1)}}}")


def _words_before(text: str, pos: int, count: int) -> list[re.Match[str]]:
    """The last ``count`` words that end before ``pos`` (where a word starts)."""
    if count <= 0:
        return []
    reach = 16 * count
    while True:
        low = max(0, pos - reach)
        found = list(WORD.finditer(text, low, pos))
        if low > 0 and found and found[0].start() == low and WORD.match(text, low - 1):
            found = found[1:]  # cut off: it began before ``low``
        if len(found) >= count or low == 0:
            return found[-count:]
        reach *= 4


# Finding the first match without stemming every word: a word can only stem to ``s`` if its
# folded form starts with the first two letters of ``s`` (the German stemmer cuts endings,
# replaces umlauts and ß as folding does, and reads "ae", "oe", "ue" as umlauts), so a regular
# expression built from the characters that fold to those letters finds the few candidates,
# and only they are stemmed. The characters are tabulated for the scripts of European news
# text; a text with others (or with one of the few that fold to nothing) is read word by word.
_TABULATED = ((0x0000, 0x3000), (0xFB00, 0xFFF0))


@dataclass(frozen=True)
class _FoldIndex:
    """Word characters by their folded form: exactly ``x``, starting with ``x`` or ``xy``."""

    exact: dict[str, str]
    starting: dict[str, str]
    starting2: dict[str, str]
    untabulated: re.Pattern[str]  # a character the classes do not account for


@lru_cache(maxsize=1)
def _fold_index() -> _FoldIndex:
    exact: dict[str, list[str]] = {}
    starting: dict[str, list[str]] = {}
    starting2: dict[str, list[str]] = {}
    vanishing: list[str] = []
    for low, high in _TABULATED:
        for code in range(low, high):
            char = chr(code)
            if not WORD.fullmatch(char):
                continue
            folded = fold.__wrapped__(char)  # not through the cache: 16,000 single characters
            if not folded:
                vanishing.append(char)
                continue
            if len(folded) == 1:
                exact.setdefault(folded, []).append(char)
            starting.setdefault(folded[0], []).append(char)
            if len(folded) > 1:
                starting2.setdefault(folded[:2], []).append(char)

    def classes(table: dict[str, list[str]]) -> dict[str, str]:
        return {k: "[" + "".join(re.escape(c) for c in v) + "]" for k, v in table.items()}

    ranges = []  # the tabulated characters but those that vanish, as a character class
    for low, high in _TABULATED:
        for gap in sorted(ord(c) for c in vanishing if low <= ord(c) < high):
            ranges.append((low, gap))
            low = gap + 1
        ranges.append((low, high))
    inside = "".join(rf"\U{low:08x}-\U{high - 1:08x}" for low, high in ranges if low < high)
    return _FoldIndex(
        classes(exact), classes(starting), classes(starting2), re.compile(f"[^{inside}]")
    )


def _stem_start(stem: str) -> str | None:
    """A pattern for the start of the words whose folded form starts like ``stem``."""
    index = _fold_index()
    if len(stem) == 1:
        return index.starting.get(stem)
    alternatives = []
    first, second = index.exact.get(stem[0]), index.starting.get(stem[1])
    if first and second:
        # the stemmer reads "ae", "oe", "ue" as "ä", "ö", "ü": "Uebel" -> "ubel"
        alternatives.append(first + ("[eE]?" if stem[0] in "aou" else "") + second)
    if stem[:2] in index.starting2:
        alternatives.append(index.starting2[stem[:2]])
    return "|".join(alternatives) or None


@lru_cache(maxsize=4096)
def _start_pattern(head: str) -> re.Pattern[str] | None:
    """Whole words whose folded form starts with ``head`` (the first two letters of a stem).

    Compiling one costs a few hundred microseconds (large character classes), so there is one
    per start, shared by every query with a stem that starts so.
    """
    start = _stem_start(head)
    return re.compile(r"(?<!\w)(?:" + start + r")\w*") if start else None


def _candidates_in(text: str, stems: frozenset[str]) -> list[re.Pattern[str]]:
    """Patterns for the words of ``text`` that may stem to one of ``stems``.

    Every word is a candidate when the text has untabulated characters or a stem does not
    start with an ASCII letter or digit.
    """
    patterns = _stem_patterns(stems)
    if patterns is None or _fold_index().untabulated.search(text):
        return [WORD]
    return patterns


@lru_cache(maxsize=4096)
def _stem_patterns(stems: frozenset[str]) -> list[re.Pattern[str]] | None:
    """The start patterns for ``stems``; None if a stem does not start with ASCII."""
    if not all(s and s[0].isascii() for s in stems):
        return None
    patterns = (_start_pattern(head) for head in sorted({s[:2] for s in stems}))
    return [p for p in patterns if p is not None]  # None: no word can start like that


def _first_match(
    text: str, stems: frozenset[str], patterns: list[re.Pattern[str]]
) -> re.Match[str] | None:
    """The first word of ``text`` whose stem is in ``stems``."""
    first: re.Match[str] | None = None
    for pattern in patterns:
        for match in pattern.finditer(text, 0, first.start() if first else len(text)):
            if stem_word(match.group()) in stems:
                first = match
                break
    return first


# -- filter tokens ----------------------------------------------------------------------------
# Filters that come with a text query are answered by the full-text index itself: each article's
# ``meta`` column holds one token per publication year, month and day, its source, each entity
# and whether it is an original. A date range becomes an OR of the fewest year/month/day tokens
# covering it. Intersecting posting lists is far faster than looking every hit up in articles.

ORIGINAL_TOKEN = "orig"
# what the filter tokens look like (see meta_tokens), and the start of one
_META_TOKEN = re.compile(rf"[ymd]\d+|[es][0-9a-f]{{16}}|{ORIGINAL_TOKEN}")
_META_START = re.compile(r"[ymd]\d*|[es][0-9a-f]{0,16}|o|or|ori|orig|")
_FTS_SEPARATOR = re.compile(r"[\W_]+")


def _may_be_meta(term: str, prefix: bool) -> bool:
    """Whether a query term (``term*`` if ``prefix``) could match a filter token."""
    pattern = _META_START if prefix else _META_TOKEN
    return any(pattern.fullmatch(token) for token in _FTS_SEPARATOR.split(term))


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
