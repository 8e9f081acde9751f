"""Stage `amounts`: figures and what they count.

``etwa 50.000 Menschen`` → value 50000, object ``Menschen``, approximate; ``Tausende Zivilisten
und Rebellen`` → value 1000, object ``Zivilisten und Rebellen``, approximate;
``1,5 Millionen Euro`` → value 1500000, unit ``EUR``. Numbers that are dates or times (the
``timexes`` layer), ordinals (``der 3. Platz``), identifiers (``Resolution 2254``, ``G20``) or
parts of names are not amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lagebild.analyze.amount_numbers import (
    DIGITS_PATTERN,
    NUMBER_WORD_PATTERN,
    ONE_FORMS,
    SCALES,
    parse_number,
)
from lagebild.analyze.timexes import TimexTagger
from lagebild.article import Amount
from lagebild.german import MONTH_NAMES

if TYPE_CHECKING:
    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.article import Article

APPROXIMATORS = (
    r"(?:etwa|rund|ca\.|circa|zirka|ungefähr|knapp|fast|beinahe|nahezu|annähernd|mehr als|"
    r"über|weniger als|unter|bis zu|mindestens|höchstens|gut|an die|schätzungsweise|"
    r"geschätzt|mehrere|einige|weit über)"
)
# approximators that make a figure approximate (the others just precede it)
APPROXIMATE_WORDS = frozenset(
    {
        "etwa", "rund", "ca.", "circa", "zirka", "ungefähr", "knapp", "fast", "beinahe", "nahezu",
        "annähernd", "mehr als", "über", "weniger als", "unter", "bis zu", "mindestens",
        "höchstens", "gut", "an die", "schätzungsweise", "geschätzt", "mehrere", "einige",
        "weit über",
    }
)  # fmt: skip
VAGUE_WORDS = (
    r"(?:Dutzende|Dutzenden|Hunderte|Hunderten|Tausende|Tausenden|Zehntausende|Zehntausenden|"
    r"Hunderttausende|Hunderttausenden|Millionen|Milliarden)"
)
SCALE_WORDS = (
    r"(?:Dutzend|Tausend|tausend|Millionen|Million|Mio\.|Mio|Milliarden|Milliarde|Mrd\.|Mrd|"
    r"Billionen|Billion|Tsd\.)"
)
UNITS: dict[str, str] = {
    "euro": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "cent": "EUR-cent",
    "dollar": "USD",
    "us-dollar": "USD",
    "usd": "USD",
    "$": "USD",
    "franken": "CHF",
    "mark": "DEM",
    "d-mark": "DEM",
    "dm": "DEM",
    "schilling": "ATS",
    "lire": "ITL",
    "pfund": "GBP",
    "rubel": "RUB",
    "yuan": "CNY",
    "prozent": "%",
    "%": "%",
    "prozentpunkte": "percentage points",
    "kilometer": "km",
    "km": "km",
    "meter": "m",
    "m": "m",
    "zentimeter": "cm",
    "cm": "cm",
    "quadratkilometer": "km2",
    "km²": "km2",
    "quadratmeter": "m2",
    "m²": "m2",
    "hektar": "ha",
    "tonnen": "t",
    "tonne": "t",
    "t": "t",
    "kilogramm": "kg",
    "kilo": "kg",
    "kg": "kg",
    "gramm": "g",
    "liter": "l",
    "grad": "°",
    "promille": "‰",
    "‰": "‰",
    "km/h": "km/h",
    "stundenkilometer": "km/h",
    "kilometer pro stunde": "km/h",
    "kilometern pro stunde": "km/h",
    "°c": "°C",
    "kilowattstunden": "kWh",
    "megawatt": "MW",
    "barrel": "barrel",
}
UNIT_WORDS = (
    r"(?:Kilometern? pro Stunde|km/h|Stundenkilometern?|Promille|‰|"
    r"US-Dollar|Dollar|Euro|EUR|USD|€|\$|Cent|Franken|D-Mark|Mark|DM|Schilling|Lire|Pfund|"
    r"Rubel|Yuan|Prozentpunkte|Prozent|"
    r"%|Quadratkilometern?|km²|Quadratmetern?|m²|Kilometern?|km|Zentimetern?|cm|Metern?|m|Hektar|"
    r"Tonnen|Tonne|t|Kilogramm|Kilo|kg|Gramm|Litern?|Grad|°C|Kilowattstunden|Megawatt|Barrel)"
)
MEASURE_UNITS = frozenset({"t", "kg", "g", "l", "barrel", "ha", "km2", "m2"})
# words before a number that make it an identifier or a name part
ID_BEFORE = re.compile(
    r"(?:Nr\.|Nummer|Resolution|Paragraf|Paragraph|§|Artikel|Art\.|Absatz|Abs\.|Kapitel|Seite|"
    r"S\.|Tel\.|Telefon|Fax|Linie|Flug|Zimmer|Raum|Haus|Block|Gleis|Kanal|Platz|Rang|Position|"
    r"Runde|Stufe|Level|Version|Band|Heft|Folge|Staffel|Teil|Tor|Punkt|Boeing|Airbus|Formel|"
    r"Jahrgang|Bundesstraße|Autobahn|Route|Nummern|Postfach|Gruppe|Klasse|"
    r"Liga|Kategorie|Stufe|Akte|Az\.|Aktenzeichen|Windows|iPhone|Kilometer|km|"
    r"[Ss]traße|str\.|gasse|platz|weg|allee)\s*$"
)
SENTENCE_STARTERS = frozenset(
    [
        "Der",
        "Die",
        "Das",
        "Den",
        "Dem",
        "Des",
        "Ein",
        "Eine",
        "Einer",
        "Er",
        "Sie",
        "Es",
        "Wir",
        "Ich",
        "Ihr",
        "In",
        "Im",
        "Am",
        "An",
        "Auch",
        "Nach",
        "Bei",
        "Mit",
        "Doch",
        "Aber",
        "Und",
        "Laut",
        "Zudem",
        "Dabei",
        "Damit",
        "Seit",
        "Von",
        "Vom",
        "Für",
        "Auf",
        "Als",
        "Wie",
        "So",
        "Diese",
        "Dieser",
        "Dieses",
        "Nun",
        "Jetzt",
        "Dort",
        "Hier",
        "Zum",
        "Zur",
        "Unter",
        "Über",
        "Vor",
        "Bis",
        "Zwar",
        "Außerdem",
        "Allerdings",
        "Insgesamt",
    ]
)

_NUMBER = (
    rf"(?P<digits>\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?![\d.,]\d)(?:,\d+)?|{DIGITS_PATTERN})"
    rf"|(?P<fraction>(?:(?i:eine[rn]?)\s+)?(?:Viertelmillion|Dreiviertelmillion|"
    rf"halben?\s+Million|Viertelmilliarde|halben?\s+Milliarde))"
    rf"|(?P<word>(?i:{NUMBER_WORD_PATTERN}))"
    rf"|(?P<vague>{VAGUE_WORDS})"
)
FRACTIONS: dict[str, float] = {
    "viertelmillion": 250_000,
    "dreiviertelmillion": 750_000,
    "million": 500_000,
    "viertelmilliarde": 250_000_000,
    "milliarde": 500_000_000,
}
_AMOUNT = re.compile(
    rf"(?<![\w.,:/-])"
    rf"(?:(?P<approx>(?i:{APPROXIMATORS}))\s+)?"
    rf"(?:(?P<pre_unit>€|\$|EUR|US-\$)\s?)?"
    rf"(?:{_NUMBER})"
    rf"(?![\w]|[.,:]\d|-\w)"
    rf"(?:\s+(?P<scale>{SCALE_WORDS})(?!\w))?"
    rf"(?:\s*(?P<unit>{UNIT_WORDS})(?![\w-]))?"
)
# what is counted: (adjectives) Noun (und|oder (adjectives) Noun)
_ADJECTIVE = (
    r"(?:(?!(?:der|die|das|den|dem|des|ein|kein|mein|dein|sein|ihr|unser|euer|dies|jen|jed|all)"
    r"\w*\s)[a-zäöüß][\w-]*(?:e|en|er|es|em)\s+)"
)
_NOUN = r"(?:[A-ZÄÖÜ][\w-]*[a-zäöüß][\w-]*)"
_OBJECT = re.compile(
    rf"\s+(?P<object>{_ADJECTIVE}{{0,2}}{_NOUN}(?:(?:,\s+{_ADJECTIVE}{{0,2}}{_NOUN})*"
    rf"\s+(?:und|oder|sowie)\s+{_ADJECTIVE}{{0,2}}{_NOUN}(?=[\s.,;:!?)]|$))?)"
)
_TIME_UNIT_AFTER = re.compile(
    r"\s+(?:[a-zäöü]\w*e[nr]?\s+)?(?:Sekunden?|Minuten?|Stunden?|Tage?n?|Wochen?|Monate?n?|"
    r"Jahre?n?|Jahrzehnte?n?|Uhr)(?!\w)"
)
_CODE_LETTER = re.compile(r"(?<![\w.])[A-Z]\s$")
_ID_RANGE = re.compile(ID_BEFORE.pattern[: -len(r"\s*$")] + r"\s*\d+\s*(?:und|bis|oder|-|–)\s*$")
# "zwischen 600 und 800 Beschäftigte": the first number counts what the second counts
_RANGE_TO = re.compile(
    rf"\s*(?:und|bis|oder|-|–)\s*(?:{DIGITS_PATTERN})(?:\s+(?:{SCALE_WORDS}))?(?=\s)"
)
# "19 und 24 Jahren": the first number shares the time unit
_COORDINATED_TIME = re.compile(
    rf"\s+(?:und|oder|bis|-|–)\s+(?:\d+|(?i:{NUMBER_WORD_PATTERN}))\s+"
    r"(?:Sekunden|Minuten|Stunden|Tage|Tagen|Wochen|Monate|Monaten|Jahre|Jahren|Uhr)(?!\w)"
)
# nouns that follow a number without being what it counts
NOT_OBJECTS = frozenset(
    [
        "Uhr",
        "Jahre",
        "Jahren",
        "Jahr",
        "Monate",
        "Monaten",
        "Tage",
        "Tagen",
        "Wochen",
        "Stunden",
        "Minuten",
        "Sekunden",
        "Mal",
        "Prozent",
        "Euro",
        "Dollar",
        *MONTH_NAMES,
    ]
)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: float
    unit: str | None
    object: str | None
    approximate: bool


class AmountTagger:
    """Finds figures in a text; ``blocked`` spans (dates, times) are skipped."""

    def tag(self, text: str, blocked: list[tuple[int, int]] | None = None) -> list[Amount]:
        blocked = sorted(blocked or [])
        amounts: list[Amount] = []
        for match in _matches(text):
            figure = self._figure(text, match)
            if figure is None:
                continue
            if any(figure.start < e and s < figure.end for s, e in blocked):
                number_start = match.start(_number_group(match))
                number_end = match.end(_number_group(match))
                if any(number_start < e and s < number_end for s, e in blocked):
                    continue
            amounts.append(
                Amount(
                    text=text[figure.start : figure.end],
                    start=figure.start,
                    end=figure.end,
                    value=figure.value,
                    object=figure.object,
                    unit=figure.unit,
                    approximate=figure.approximate,
                )
            )
        return amounts

    def _figure(self, text: str, m: re.Match[str]) -> Figure | None:
        group = _number_group(m)
        number_text = m[group]
        if group == "word" and number_text.lower() in ONE_FORMS and not m["scale"]:
            return None  # "ein", "eine": the article, not a figure ("eine Million" is one)
        if group == "digits":
            if re.match(r"0\d", number_text):
                return None  # "007", "000": codes, not figures
            plain = re.sub(r"[ \u00a0\u202f]", ".", number_text)
            value = parse_number(plain)
            digits_only = re.sub(r"\D", "", number_text.split(",")[0])
            if len(digits_only) >= 5 and not re.search(r"[.,\s]", number_text):
                return None  # postcodes, ids
            if ID_BEFORE.search(text, max(0, m.start(group) - 25), m.start(group)):
                return None
            if _CODE_LETTER.search(text, max(0, m.start(group) - 3), m.start(group)):
                return None  # "E 414", "A 7": a code
            if _ID_RANGE.search(text, max(0, m.start(group) - 40), m.start(group)):
                return None  # "Kilometer 310 und 318"
            # "der 3. Platz" (ordinal) vs "… waren es 300. Die …" (sentence end)
            if m.end(group) < len(text) and text[m.end(group)] == "." and not m["scale"]:
                following = re.match(r"\.\s*(\S+)", text[m.end(group) :])
                word = following[1] if following else ""
                if word and not (word in SENTENCE_STARTERS or word[:1] in '"„“«(['):
                    return None
        elif group == "fraction":
            value = FRACTIONS[number_text.split()[-1].lower()]
        else:
            value = parse_number(number_text.lower())
        if value is None:
            return None
        approx_text = (m["approx"] or "").lower()
        approximate = approx_text in APPROXIMATE_WORDS or group == "vague"
        if m["scale"]:
            value *= SCALES[m["scale"].lower()]
        unit_text = m["unit"] or m["pre_unit"]
        unit = _unit_code(unit_text) if unit_text else None
        if unit_text and unit is None:
            unit = "USD" if "$" in unit_text else unit_text
        if (
            group == "vague"
            and number_text.startswith(("Millionen", "Milliarden"))
            and not (unit or _OBJECT.match(text, m.end()))
        ):
            return None
        start = m.start()
        end = m.end()
        if not unit and (_TIME_UNIT_AFTER.match(text, end) or _COORDINATED_TIME.match(text, end)):
            return None  # "50 Jahre", "drei Stunden": a duration, not a figure
        obj: str | None = None
        if unit is None or unit in MEASURE_UNITS:
            found = _OBJECT.match(text, end)
            shared = _RANGE_TO.match(text, end) if found is None and unit is None else None
            ahead = _OBJECT.match(text, shared.end()) if shared else None
            if ahead and ahead["object"].split()[0] not in NOT_OBJECTS:
                obj = ahead["object"]
            if found and found["object"].split()[0] not in NOT_OBJECTS:
                obj = found["object"]
                # keep the noun phrase, drop a trailing capitalised word that starts the next one
                end = found.end("object")
        # a bare small number word without unit or object is rarely a figure worth keeping
        if group == "word" and unit is None and obj is None and not m["scale"]:
            return None
        if group == "digits" and unit is None and obj is None and value < 10 and not m["approx"]:
            return None
        return Figure(start, end, value, unit, obj, approximate)


# Every amount contains digits or one of these number-word pieces; the full pattern only runs in
# windows around them (running it over every character is the slow part).
_NUMBER_PIECES = (
    "zwei", "zwo", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
    "zwölf", "zig", "ßig", "hundert", "tausend", "dutzend", "million", "milliard", "billion",
    "halb", "eins", "null",
)  # fmt: skip
_DIGIT_RUN = re.compile(r"\d+")
_LEFT, _RIGHT = 32, 60  # "schätzungsweise mehr als" … "Milliarden US-Dollar"


def _matches(text: str) -> list[re.Match[str]]:
    """What ``_AMOUNT.finditer(text)`` finds, searched only near digits and number words."""
    lower = text.lower()
    if len(lower) != len(text):
        return list(_AMOUNT.finditer(text))
    size = len(text)
    hits = [(m.start(), m.end()) for m in _DIGIT_RUN.finditer(text)]
    for piece in _NUMBER_PIECES:
        at = lower.find(piece)
        while at >= 0:
            hits.append((at, at + len(piece)))
            at = lower.find(piece, at + 1)
    windows: list[tuple[int, int]] = []
    for start, end in sorted(hits):
        low, high = max(0, start - _LEFT), min(size, end + _RIGHT)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    found: list[re.Match[str]] = []
    for low, high in windows:
        found.extend(_AMOUNT.finditer(text, low, high))
    return found


def _unit_code(unit_text: str) -> str | None:
    key = re.sub(r"\s+", " ", unit_text.lower())
    if key not in UNITS and key.endswith("n") and key[:-1] in UNITS:
        key = key[:-1]  # "Kilometern", "Litern"
    return UNITS.get(key)


def _number_group(m: re.Match[str]) -> str:
    for group in ("digits", "word", "vague", "fraction"):
        if m[group]:
            return group
    return "digits"


class AmountStage:
    name = "amounts"

    def __init__(self, config: AnalyzeConfig | None = None):
        self.tagger = AmountTagger()
        self.timexes = TimexTagger()

    def __call__(self, article: Article) -> Article:
        if "timexes" in article.layers:
            timexes = article.timexes
        else:
            timexes = self.timexes.tag(article.text, None)
        blocked = [(t.start, t.end) for t in timexes]
        article.amounts = self.tagger.tag(article.text, blocked)
        return article
