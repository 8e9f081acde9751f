"""German numbers: digits with German separators and number words, shared by amounts and timexes.

``parse_number("50.000") == 50000``, ``parse_number("1,5") == 1.5``,
``parse_number("dreiundzwanzig") == 23``, ``parse_number("Tausende") == 1000``.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNITS: dict[str, int] = {
    "null": 0,
    "ein": 1,
    "eins": 1,
    "zwei": 2,
    "zwo": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
}
TEENS: dict[str, int] = {
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fünfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
}
TENS: dict[str, int] = {
    "zwanzig": 20,
    "dreißig": 30,
    "dreissig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
}
# inflected forms of "ein" that count one thing ("einem Jahr", "eines Tages")
ONE_FORMS = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "eins"})
# "eineinhalb", "anderthalb", "zweieinhalb"
HALVES: dict[str, float] = {"anderthalb": 1.5, "eineinhalb": 1.5, "einhalb": 0.5, "halb": 0.5}
# vague plural number words: "Dutzende", "Tausende"; value = the scale
VAGUE_PLURALS: dict[str, int] = {
    "dutzende": 12,
    "dutzenden": 12,
    "hunderte": 100,
    "hunderten": 100,
    "tausende": 1000,
    "tausenden": 1000,
    "zehntausende": 10_000,
    "zehntausenden": 10_000,
    "hunderttausende": 100_000,
    "hunderttausenden": 100_000,
    "millionen": 1_000_000,
    "milliarden": 1_000_000_000,
}
# scale words after a number: "1,5 Millionen", "3 Mrd."
SCALES: dict[str, int] = {
    "dutzend": 12,
    "tausend": 1000,
    "tsd": 1000,
    "tsd.": 1000,
    "million": 1_000_000,
    "millionen": 1_000_000,
    "mio": 1_000_000,
    "mio.": 1_000_000,
    "milliarde": 1_000_000_000,
    "milliarden": 1_000_000_000,
    "mrd": 1_000_000_000,
    "mrd.": 1_000_000_000,
    "billion": 1_000_000_000_000,
    "billionen": 1_000_000_000_000,
}

# a number written in digits, German style: 50.000 / 1,5 / 2.500,75 / 300
DIGITS_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DIGITS = re.compile(rf"^(?:{DIGITS_PATTERN})$")

# number words as a regular expression (longest alternatives first)
_WORD_PARTS = "|".join(
    sorted([*UNITS, *TEENS, *TENS, "hundert", "tausend", "ein", "eine"], key=len, reverse=True)
)
NUMBER_WORD_PATTERN = (
    rf"(?:(?:{_WORD_PARTS})(?:{_WORD_PARTS}|und)*(?:einhalb)?|anderthalb|eineinhalb|"
    r"einem|einen|einer|eines|ein|eine)"
)


def parse_digits(text: str) -> float | None:
    """``"50.000"`` → 50000.0, ``"1,5"`` → 1.5; ``None`` if ``text`` is not such a number."""
    if not _DIGITS.match(text):
        return None
    return float(text.replace(".", "").replace(",", "."))


@lru_cache(maxsize=4096)
def parse_number_word(word: str) -> float | None:
    """Value of a German number word (``"dreiundzwanzig"``, ``"zweihundert"``), or ``None``."""
    w = word.lower()
    if w in ONE_FORMS:
        return 1.0
    if w in HALVES:
        return HALVES[w]
    if w in VAGUE_PLURALS:
        return float(VAGUE_PLURALS[w])
    if w.endswith("einhalb") and len(w) > 7:
        base = _parse_cardinal(w[: -len("einhalb")])
        return None if base is None else base + 0.5
    value = _parse_cardinal(w)
    return None if value is None else float(value)


def _parse_cardinal(w: str) -> int | None:
    if not w:
        return None
    if "tausend" in w:
        head, _, tail = w.partition("tausend")
        high = _parse_below_thousand(head) if head else 1
        low = _parse_below_thousand(tail) if tail else 0
        if high is None or low is None:
            return None
        return high * 1000 + low
    return _parse_below_thousand(w)


def _parse_below_thousand(w: str) -> int | None:
    if "hundert" in w:
        head, _, tail = w.partition("hundert")
        high = _parse_below_hundred(head) if head else 1
        low = _parse_below_hundred(tail) if tail else 0
        if high is None or low is None or high > 9:
            return None
        return high * 100 + low
    return _parse_below_hundred(w)


def _parse_below_hundred(w: str) -> int | None:
    if w in UNITS:
        return UNITS[w]
    if w in TEENS:
        return TEENS[w]
    if w in TENS:
        return TENS[w]
    if w == "eins":
        return 1
    if "und" in w:
        unit, _, ten = w.partition("und")
        if unit in UNITS and ten in TENS and UNITS[unit] > 0:
            return UNITS[unit] + TENS[ten]
    return None


def parse_number(text: str) -> float | None:
    """Digits or a number word."""
    value = parse_digits(text)
    if value is not None:
        return value
    return parse_number_word(text)


def format_number(value: float) -> str:
    """``3.0`` → ``"3"``, ``1.5`` → ``"1.5"`` (TIMEX3 style)."""
    return str(int(value)) if value == int(value) else f"{value:g}"
