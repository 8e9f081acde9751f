"""The German temporal-expression rules: regular expressions and what each match means.

Every rule is a compiled pattern and a handler. A handler turns one match into zero or more
:class:`Candidate` spans, each with a TIMEX3 type and a ``resolve`` function that computes the
value once the tagger knows the context (anchor date, the day last mentioned, the tense of the
sentence). Spans follow the KRAUTS/It-TimeML convention: determiners and modifiers such as
``den vergangenen`` belong to the expression, prepositions (``am``, ``im``, ``seit``) do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from lagebild.analyze.amount_numbers import NUMBER_WORD_PATTERN, format_number, parse_number
from lagebild.analyze.timex_calendar import (
    HOLIDAYS,
    Tense,
    add_months,
    day_value,
    infer_year,
    safe_date,
    week_value,
    weekday_date,
)
from lagebild.german import MONTHS


@dataclass
class Context:
    """What resolving a relative expression may look at."""

    anchor: date | None
    last_day: date | None = None  # the day most recently mentioned (times, "am Vortag")
    tense: Tense = "none"

    @property
    def reference_day(self) -> date | None:
        return self.last_day or self.anchor


Resolver = Callable[[Context], str | None]


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    resolve: Resolver
    rule: int = 0
    clock: bool = False  # a clock time: its day must be named in the same sentence

    @property
    def length(self) -> int:
        return self.end - self.start


Handler = Callable[[re.Match[str]], Iterator[Candidate]]


def cap(word: str) -> str:
    """``"heute"`` → ``"[Hh]eute"``: a word that may start a sentence."""
    return f"[{word[0].upper()}{word[0].lower()}]{word[1:]}"


# -- lexicon ------------------------------------------------------------------------------------

_MONTH_FULL = (
    r"(?:Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|"
    r"November|Dezember)s?"
)
_MONTH_ABBR = r"(?:Jan|Febr?|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\."
MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"

WEEKDAYS: dict[str, int] = {
    "montag": 1,
    "dienstag": 2,
    "mittwoch": 3,
    "donnerstag": 4,
    "freitag": 5,
    "samstag": 6,
    "sonnabend": 6,
    "sonntag": 7,
}
WEEKDAY = r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
PARTS_OF_DAY: dict[str, str] = {
    "morgen": "MO",
    "früh": "MO",
    "vormittag": "MO",
    "mittag": "MI",
    "nachmittag": "AF",
    "abend": "EV",
    "nacht": "NI",
    "morgenstunden": "MO",
    "abendstunden": "EV",
    "nachtstunden": "NI",
    "mittagsstunden": "MI",
}
PART_SUFFIX = r"(?:vormittag|nachmittag|morgen|mittag|abend|nacht)"
SEASONS: dict[str, str] = {
    "frühjahr": "SP",
    "frühling": "SP",
    "sommer": "SU",
    "herbst": "FA",
    "winter": "WI",
}
SEASON = (
    r"(?:Frühjahrs?|Frühlings?|(?:Früh|Spät|Hoch)?(?:Sommers?|Herbst(?:es|s)?)|"
    r"(?:Früh|Spät|Hoch)?[Ww]inters?|(?:Früh|Spät|Hoch)sommers?|(?:Früh|Spät)herbst(?:es|s)?)"
)

# duration units: word stem → (TIMEX3 unit, is a time unit (PT…))
UNITS: list[tuple[str, str, bool]] = [
    (r"Sekunden?", "S", True),
    (r"Minuten?", "M", True),
    (r"Stunden?", "H", True),
    (r"(?:Arbeits|Werk)?[Tt]age?n?", "D", False),
    (r"Tages", "D", False),
    (r"Nächte[n]?|Nacht", "NI", False),
    (r"Wochenenden?", "WE", False),
    (r"Wochen?", "W", False),
    (r"Monat(?:e|en|s|es)?", "M", False),
    (r"Jahrzehnt(?:e|en|s|es)?", "DE", False),
    (r"Jahrhundert(?:e|en|s|es)?", "CE", False),
    (r"Jahr(?:e|en|es|s)?", "Y", False),
]
UNIT = "(?:" + "|".join(stem for stem, _, _ in UNITS) + ")"
_UNIT_MATCHERS = [(re.compile(stem + "$"), unit, is_time) for stem, unit, is_time in UNITS]


def unit_of(word: str) -> tuple[str, bool] | None:
    for pattern, unit, is_time in _UNIT_MATCHERS:
        if pattern.match(word):
            return unit, is_time
    return None


def is_plural_unit(word: str) -> bool:
    return word.endswith(("en", "te", "re", "e")) and not word.endswith(("Woche", "Stunde"))


VAGUE = (
    r"(?:einige[nm]?|wenige[nr]?|mehrere[nr]?|viele[nr]?|etliche[nr]?|zahlreiche[nr]?|"
    r"lange|langen|paar|ein paar|einigen|manche[nr]?)"
)
APPROX = (
    r"(?:rund|etwa|gut|mehr als|weniger als|ungefähr|circa|ca\.|mindestens|höchstens|nahezu|"
    r"annähernd)"
)
NUM = rf"(?:\d+(?:,\d+)?|(?i:{NUMBER_WORD_PATTERN})|beiden|beide|zwei)"
DET = r"(?:[Dd](?:er|ie|as|en|em|es)|[Dd]ies(?:e|er|em|en|es)|[Jj]ene[nmrs]?)"
REL_PAST = r"(?:[Vv]ergangen|[Ll]etzt|[Vv]orig|[Zz]urückliegend|[Jj]üngst)(?:e|er|em|en|es)"
REL_FUT = r"(?:[Kk]ommend|[Nn]ächst|[Ff]olgend|[Kk]ünftig|[Bb]evorstehend)(?:e|er|em|en|es)"
REL_THIS = r"(?:[Dd]ies|[Ll]aufend|[Gg]leich|[Ss]elb|[Hh]eutig)(?:e|er|em|en|es)"
REL_ORD = r"(?:[Ee]rst|[Zz]weit|[Dd]ritt|[Vv]iert)(?:e|er|em|en|es)"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
# a bare number is not a year when a unit or a counted noun follows
NOT_YEAR_AFTER = re.compile(
    r"\s*(?:[-–]?\s*\d|(?:Mark|DM|D-Mark|Schilling|Lire|Rubel|Yuan|Cent)\b|"
    r"(?:bis|und|oder)\s+\d[\d.]*\s+(?:Grad|Euro|Meter|Kilometer|Prozent|Menschen|Personen|"
    r"Tonnen|Liter|Dollar|Franken)\b|"
    r"%|Prozent|Euro|EUR|€|Dollar|US-Dollar|Franken|Pfund|Meter|Kilometer|"
    r"km|m\b|Kilo|kg|Gramm|Tonnen|Liter|Hektar|ha\b|Quadratmeter|Einwohner|Menschen|Personen|"
    r"Mitglieder|Besucher|Teilnehmer|Stück|Stimmen|Punkte|Zuschauer|Soldaten|Tote|Opfer|Fälle|"
    r"Seiten|Mal|mal|Höhenmeter|Arbeitsplätze|Jobs|Schüler|Kinder|Patienten|Fahrzeuge|Autos|"
    r"Häuser|Wohnungen|Flüchtlinge|Migranten|Stunden|Minuten|Tage|Jahre|Unterschriften|Plätze|"
    r"PS|kW|Grad|Einheiten|Mitarbeiter|Beschäftigte|Exemplare|Demonstranten|Polizisten|Beamte|"
    r"Wähler|Verletzte|Festnahmen|Unfälle|Einsätze|Häftlinge|Gefangene|Betten|Ärzte|Lehrer|"
    r"Studenten|Studierende|Asylbewerber|Bewohner|Haushalte|Unternehmen|Firmen|Gemeinden|"
    r"Mitgliedern|Einwohnern|Teilnehmern|Besuchern|Zuschauern)"
)
NOT_YEAR_BEFORE = re.compile(
    r"(?:rund|etwa|über|mehr als|weniger als|knapp|fast|ca\.|circa|Nr\.|Nummer|Tel\.?|Fax|"
    r"Artikel|Art\.|§|Paragraph|Paragraf|Zimmer|Haus|Bus|Linie|Kilometer|km|Höhe|Punkt|"
    r"Straße|str\.|gasse|platz|weg|Postfach|Seite|S\.|von insgesamt|Sieger|Rang|Platz)\s*$"
)

PRESENT_WORDS = (
    r"(?:jetzt|derzeit|zurzeit|zur Zeit|momentan|gegenwärtig|heutzutage|heutigen?|aktuell|"
    r"im Moment|im Augenblick)"
)
PAST_WORDS = r"(?:damals|kürzlich|unlängst|vor kurzem|vor Kurzem|jüngst)"
FUTURE_WORDS = r"(?:in Kürze)"


# -- value helpers ------------------------------------------------------------------------------

_CONTRAST_PAST = re.compile(
    r"\b(?:[Dd]amals|[Ff]rüher|[Ee]inst|[Ee]hemals|[Vv]or (?:\w+ )?(?:Jahren|Jahrzehnten)|"
    r"[Ii]n den (?:\w+ )?(?:zwanziger|dreißiger|vierziger|fünfziger|sechziger|siebziger|"
    r"achtziger|neunziger)|\d0er)"
)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The stretch between the sentence ends around ``text[start:end]`` (at most 200 chars)."""
    left = text.rfind(". ", max(0, start - 200), start)
    right = text.find(". ", end, end + 200)
    return text[left + 1 if left >= 0 else max(0, start - 200) : right if right >= 0 else end + 200]


def _month_number(word: str) -> int:
    key = word.lower().rstrip(".")
    if key.endswith("s") and key[:-1] in MONTHS and key not in MONTHS:
        key = key[:-1]
    return MONTHS[key]


def _year_of(two_or_four: str) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _date_or_unknown(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    found = safe_date(year, month, day)
    return day_value(found) if found else None


def _calendar_day(year: int | None, month: int, day: int) -> Callable[[Context], str | None]:
    """A day of a month; without a year, the year the anchor and the tense point to."""

    def resolve(ctx: Context) -> str | None:
        y = year
        if y is None and ctx.anchor:
            y = infer_year(ctx.anchor, month, ctx.tense)
        return _date_or_unknown(y, month, day)

    return resolve


def _weekday_index(word: str) -> int:
    return WEEKDAYS[word.lower()]


def _relative_direction(modifier: str | None) -> int:
    if not modifier:
        return 0
    m = modifier.lower()
    if m.startswith(("vergangen", "letzt", "vorig", "zurückliegend", "jüngst")):
        return -1
    if m.startswith(("kommend", "nächst", "folgend", "künftig", "bevorstehend")):
        return 1
    return 0


def _duration_value(number: float | None, unit: str, is_time: bool) -> str:
    amount = "X" if number is None else format_number(number)
    if unit == "NI":
        return f"P{amount}D" if amount != "X" else "PXD"
    return f"PT{amount}{unit}" if is_time else f"P{amount}{unit}"


# -- rules --------------------------------------------------------------------------------------


_MONTH_KEYS = ("jan", "jän", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov",
               "dez")  # fmt: skip
_UNIT_KEYS = ("sekunde", "minute", "stunde", "tag", "woche", "monat", "jahr", "nacht", "nächte")
_REL_KEYS = (
    "vergangen", "letzt", "vorig", "zurückliegend", "jüngst", "kommend", "nächst", "folgend",
    "künftig", "bevorstehend", "dies", "laufend", "gleich", "selb", "heutig",
)  # fmt: skip
# Cheap pre-checks: a rule runs only when one of its trigger strings occurs in the lower-cased
# text ("#": a digit). Regular expressions are the expensive part of tagging.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "_day_month": _MONTH_KEYS,
    "_day_list": _MONTH_KEYS,
    "_year_range": ("#",),
    "_numeric_date": ("#",),
    "_month": _MONTH_KEYS,
    "_edge_of_period": ("anfang", "mitte", "ende", "beginn"),
    "_year": ("jahr", "wahljahr"),
    "_bare_year": ("#",),
    "_decade": ("0er", "ziger"),
    "_century": ("jahrhundert",),
    "_season": ("frühjahr", "frühling", "sommer", "herbst", "winter"),
    "_quarter": ("quartal", "hälfte", "halbjahr", "trimester"),
    "_relative_day": ("gestern", "heute", "morgen"),
    "_relative_adjective_day": ("heutig", "gestrig", "morgig"),
    "_present": (
        "jetzt",
        "derzeit",
        "zurzeit",
        "zur zeit",
        "momentan",
        "gegenwärtig",
        "heut",
        "aktuell",
        "im moment",
        "im augenblick",
    ),  # fmt: skip
    "_past": ("damals", "kürzlich", "unlängst", "kurzem", "einst", "jüngst"),
    "_future": ("in kürze", "zukunft", "morgen"),
    "_weekday": (
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonnabend",
        "sonntag",
    ),  # fmt: skip
    "_night_before": ("nacht",),
    "_weekend": ("wochenende",),
    "_relative_period": _REL_KEYS,
    "_relative_word": (
        "vorjahr",
        "vormonat",
        "vorwoche",
        "vortag",
        "folgetag",
        "folgejahr",
        "tag",
        "heuer",
        "jahres",
    ),  # fmt: skip
    "_duration": _UNIT_KEYS,
    "_whole_period": ("ganze",),
    "_fraction_duration": ("halbe", "viertel", "jahrhundert", "jahrtausend"),
    "_per_unit": ("jahr", "monat", "tag", "woche", "stunde"),
    "_vague_period": _UNIT_KEYS,
    "_these_days": ("diese",),
    "_bare_plural": ("jahre", "monate", "wochen", "tagen", "stunden", "minuten"),
    "_vague_adjective": ("lang", "jährig", "wöchig", "tägig", "monatig"),
    "_number_adjective": ("tägig", "wöchig", "monatig", "stündig", "minütig"),
    "_set_adjective": ("täglich", "wöchentlich", "monatlich", "jährlich", "stündlich"),
    "_every": ("jede",),
    "_weekday_set": ("tags",),
    "_times_per": ("mal",),
    "_every_n": ("alle", "für"),
    "_clock": ("#",),
    "_part_of_day": ("morgen", "mittag", "abend", "nacht", "stunden"),
    "_midnight": ("mitternacht",),
    "_holiday": (
        "neujahr",
        "könig",
        "valentin",
        "freitag",
        "ostern",
        "oster",
        "himmelfahrt",
        "pfingst",
        "fronleichnam",
        "tag der",
        "ferragosto",
        "allerheiligen",
        "allerseelen",
        "nikolaus",
        "heilig",
        "weihnacht",
        "christtag",
        "stefan",
        "stephan",
        "silvester",
    ),  # fmt: skip
}


_DIGITS = re.compile(r"\d+")
# a figure before "im Jahr", "am Tag": "300 Patienten am Tag", "Millionen Mark im Jahr"
_FIGURE = re.compile(r"\d|illion|illiard|tausend|hundert|Euro|Mark|Dollar|Franken|Prozent")
# characters an expression may reach to the left and right of its trigger
# ("den vergangenen fünf ehrenamtlichen Jahren", "Anfang der neunziger Jahre")
WINDOW_LEFT, WINDOW_RIGHT = 60, 40
# digits are everywhere: rules triggered by them start at most a weekday before the number
DIGIT_WINDOWS: dict[str, tuple[int, int]] = {
    "_year_range": (2, 12),
    "_numeric_date": (15, 16),
    "_bare_year": (2, 4),
    "_clock": (8, 24),
}


class RuleSet:
    """All rules; :meth:`candidates` runs them over a text.

    Running some forty patterns over every character is the expensive part of tagging, so one
    scan for the trigger strings (and digits) first decides which rule runs where: a rule only
    searches windows of :data:`WINDOW_LEFT` and :data:`WINDOW_RIGHT` characters around its
    triggers.
    """

    def __init__(self) -> None:
        self.rules: list[tuple[re.Pattern[str], Handler]] = []
        by_trigger: dict[str, set[int]] = {}
        self._margins: dict[int, tuple[int, int]] = {}
        for index, (pattern, handler) in enumerate(self._definitions()):
            self.rules.append((re.compile(pattern), handler))
            self._margins[index] = DIGIT_WINDOWS.get(handler.__name__, (WINDOW_LEFT, WINDOW_RIGHT))
            for trigger in TRIGGERS[handler.__name__]:
                by_trigger.setdefault(trigger, set()).add(index)
        self._literal_rules: list[tuple[str, frozenset[int]]] = [
            (trigger, frozenset(rules)) for trigger, rules in by_trigger.items() if trigger != "#"
        ]
        self._digit_rules = frozenset(by_trigger.get("#", ()))

    def candidates(self, text: str) -> list[Candidate]:
        lower = text.lower()
        if len(lower) != len(text):  # rare letters whose lower case is longer: scan everything
            windows = {index: [(0, len(text))] for index in range(len(self.rules))}
        else:
            windows = self._windows(lower)
        found: list[Candidate] = []
        for index in sorted(windows):
            pattern, handler = self.rules[index]
            for low, high in windows[index]:
                for match in pattern.finditer(text, low, high):
                    for candidate in handler(match):
                        if candidate.end > candidate.start:
                            candidate.rule = index
                            found.append(candidate)
        return found

    def _windows(self, lower: str) -> dict[int, list[tuple[int, int]]]:
        spans: dict[int, list[tuple[int, int]]] = {}
        size = len(lower)
        hits: list[tuple[int, int, frozenset[int]]] = [
            (m.start(), m.end(), self._digit_rules) for m in _DIGITS.finditer(lower)
        ]
        for literal, rules in self._literal_rules:  # str.find is far cheaper than a regex
            at = lower.find(literal)
            while at >= 0:
                hits.append((at, at + len(literal), rules))
                at = lower.find(literal, at + 1)
        for start, end, rules in hits:
            for index in rules:
                left, right = self._margins[index]
                spans.setdefault(index, []).append((max(0, start - left), min(size, end + right)))
        merged: dict[int, list[tuple[int, int]]] = {}
        for index, windows in spans.items():
            out: list[tuple[int, int]] = []
            for low, high in sorted(windows):
                if out and low <= out[-1][1]:
                    out[-1] = (out[-1][0], max(out[-1][1], high))
                else:
                    out.append((low, high))
            merged[index] = out
        return merged

    # Each entry: (pattern, handler). Earlier rules win ties of equal length.
    def _definitions(self) -> list[tuple[str, Handler]]:
        b = r"(?<![\w.,/:-])"  # left boundary: not inside a word or number
        e = r"(?![\w/]|[.,:]\d)"  # right boundary
        return [
            # Donnerstag, 18. Dezember 2014 / den 3. Mai / 1. Jänner 1990
            (
                rf"{b}(?:(?P<wd>{WEEKDAY}),?\s+(?:(?:de[nm])\s+)?)?"
                rf"(?P<day>[0-3]?\d)\.\s*(?P<month>{MONTH})(?:\s+(?P<year>{YEAR}))?(?!\w)",
                self._day_month,
            ),
            # "14. bis 17. Jänner", "am 3., 4. und 5. Oktober": the days before the last
            (
                rf"{b}(?P<days>[0-3]?\d\.(?:,?\s*(?:(?:und|bis|oder|sowie)\s+(?:am\s+|zum\s+)?|"
                rf"[-–/]\s*)?[0-3]?\d\.)*),?\s*(?:(?:und|bis|oder|sowie)\s+(?:am\s+|zum\s+)?|"
                rf"[-–/]\s*)[0-3]?\d\.\s*(?P<month>{MONTH})(?:\s+(?P<year>{YEAR}))?(?!\w)",
                self._day_list,
            ),
            # 1898-1976, 2005/2010, 2014/15: each year
            (rf"{b}(?P<y1>{YEAR})\s*[-–/]\s*(?P<y2>{YEAR}|\d\d)(?![\d\w])", self._year_range),
            # 16.12.2016 / 16.12.16 / 2016-12-16
            (
                rf"{b}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\."
                rf"\s?(?P<year>\d{{4}}|\d{{2}}){e}",
                self._numeric_date,
            ),
            (
                rf"{b}(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])",
                self._numeric_date,
            ),
            # am 16.12. (no year)
            (
                r"\b[Aa]m\s+(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?!\d)",
                self._numeric_date,
            ),
            # Anfang/Mitte/Ende März 2015, Mai 2014, März
            (
                rf"{b}(?:(?P<mod>Anfang|Mitte|Ende|Beginn|Ausgang)\s+)?(?P<month>{_MONTH_FULL})"
                rf"(?:\s+(?P<year>{YEAR})(?!\d)|\s+(?P<rel>dieses|des\s+vergangenen|des\s+"
                rf"kommenden|vorigen|letzten|nächsten|kommenden|des\s+Vorjahres|des\s+"
                rf"Jahres)(?:\s+Jahres)?)?(?!\w)",
                self._month,
            ),
            # Anfang 2015, Ende des Jahres, Mitte des nächsten Monats
            (
                rf"{b}(?P<mod>{cap('anfang')}|{cap('mitte')}|{cap('ende')}|{cap('beginn')})\s+"
                rf"(?:(?P<year>{YEAR})(?!\d)|(?P<rel>des|dieses|des\s+vergangenen|des\s+"
                rf"kommenden|des\s+nächsten|vergangenen|nächsten|kommenden|letzten|vorigen)\s+"
                rf"(?P<unit>Jahres|Monats|Jahrzehnts|Jahrhunderts|Woche))",
                self._edge_of_period,
            ),
            # (das / im) Jahr 2014, 2014
            (
                rf"{b}(?:(?P<det>[Dd](?:as|em|es))\s+)?(?P<noun>Jahre?s?|Gesamtjahr|Wahljahr|"
                rf"Geschäftsjahr|Kalenderjahr)\s+(?P<year>1?\d{{3}}|20\d\d){e}",
                self._year,
            ),
            (rf"{b}(?P<year>{YEAR}){e}", self._bare_year),
            # 1990er-Jahre, 80er Jahren, Neunzigerjahre, achtziger Jahre
            (
                rf"{b}(?:(?P<mod>{cap('anfang')}|{cap('mitte')}|{cap('ende')})\s+)?"
                rf"(?:(?P<det>[Dd](?:ie|en|er))\s+)?(?:(?P<century>1[0-9]|20)?(?P<decade>\d)0er"
                rf"(?:-|\s)?[Jj]ahre[n]?|(?P<word>[Zz]wanziger|[Dd]reißiger|[Vv]ierziger|"
                rf"[Ff]ünfziger|[Ss]echziger|[Ss]iebziger|[Aa]chtziger|[Nn]eunziger)(?:-|\s)?"
                rf"[Jj]ahre[n]?|(?<=\b[dD]e[rn]\s)(?P<word2>[Zz]wanziger|[Dd]reißiger|[Vv]ierziger|"
                rf"[Ff]ünfziger|[Ss]echziger|[Ss]iebziger|[Aa]chtziger|[Nn]eunziger)n?(?!\w))",
                self._decade,
            ),
            # (des) 15. Jahrhunderts
            (
                rf"{b}(?:(?P<mod>{cap('anfang')}|{cap('mitte')}|{cap('ende')})\s+)?"
                rf"(?:(?P<det>[Dd](?:as|em|es))\s+)?(?P<n>\d{{1,2}})\.\s*Jahrhunderts?",
                self._century,
            ),
            # Frühjahr 2015, im Sommer, diesem Winter
            (
                rf"{b}(?:(?P<det>{DET})\s+)?(?:(?P<rel>{REL_PAST}|{REL_FUT}|{REL_THIS})\s+)?"
                rf"(?:(?P<adj>[a-zäöü]+e[nrm]?)\s+)?(?P<season>{SEASON})"
                rf"(?:\s+(?P<year>{YEAR})(?!\d)|\s+(?P<yrel>dieses|nächsten|kommenden|vergangenen|"
                rf"letzten|vorigen)\s+Jahres)?(?![\w-])",
                self._season,
            ),
            # im dritten Quartal 2014, der zweiten Jahreshälfte
            (
                rf"{b}(?:(?P<det>{DET})\s+)?(?P<ord>ersten|zweiten|dritten|vierten|letzten)\s+"
                rf"(?P<unit>Quartals?|Jahreshälfte|Halbjahr(?:es)?|Trimesters?)"
                rf"(?:\s+(?P<year>{YEAR})(?!\d))?",
                self._quarter,
            ),
            # heute, gestern Abend, morgen früh, vorgestern
            (
                rf"{b}(?P<rel>{cap('vorgestern')}|{cap('gestern')}|{cap('heute')}|"
                rf"{cap('übermorgen')}|morgen|Morgen)"
                rf"(?:\s+(?P<part>[Ff]rüh|[Mm]orgen|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|"
                rf"[Aa]bend|[Nn]acht))?(?!\w)",
                self._relative_day,
            ),
            # am heutigen Samstag, am gestrigen Montag
            (
                rf"{b}(?P<rel>heutig|gestrig|morgig)(?:e|en|er|es|em)\s+(?P<wd>{WEEKDAY}|Tag)",
                self._relative_adjective_day,
            ),
            # jetzt, derzeit / damals, kürzlich / künftig
            (rf"{b}(?P<w>(?i:{PRESENT_WORDS}))(?!\w)", self._present),
            (
                rf"{b}(?P<w>{PAST_WORDS}|Damals|Kürzlich|Unlängst|Vor kurzem)(?!\w)",
                self._past,
            ),
            (
                rf"{b}(?P<w>{FUTURE_WORDS}|"
                rf"(?:(?:der|naher|ferner|nächster)\s+)?Zukunft|(?<=von\s)morgen)(?!\w)",
                self._future,
            ),
            # (am) vergangenen Freitag, Donnerstagabend, Freitag
            (
                rf"{b}(?:(?P<rel>{REL_PAST}|{REL_FUT}|[Dd]iese[nm])\s+)?(?P<wd>{WEEKDAY})"
                rf"(?P<part>{PART_SUFFIX})?(?![\w-])",
                self._weekday,
            ),
            # in der Nacht zum Samstag
            (
                rf"{b}(?P<night>Nacht)\s+(?:zum|zu|auf)\s+(?P<wd>{WEEKDAY})(?![\w-])",
                self._night_before,
            ),
            # das Wochenende, vergangenes Wochenende
            (
                rf"{b}(?:(?P<rel>{REL_PAST}|{REL_FUT}|{REL_THIS})\s+)?(?P<we>Wochenende)(?![\w-])",
                self._weekend,
            ),
            # diese Woche, vergangenen Monat, im nächsten Jahr, des laufenden Jahres
            (
                rf"{b}(?:(?P<det>{DET})\s+)?(?P<rel>{REL_PAST}|{REL_FUT}|{REL_THIS})\s+"
                rf"(?P<unit>Woche|Monats?|Jahr(?:es|s)?|Tag(?:es)?|Jahrzehnts?)(?!\w)",
                self._relative_period,
            ),
            # Vorjahr, Vorwoche, Vortag, Folgetag, heuer
            (
                rf"{b}(?:(?P<det>[Dd](?:as|em|es))\s+)?(?P<w>Vorjahr(?:es|s)?|Vormonat(?:s)?|"
                rf"Vorwoche|Vortag(?:es|s)?|Folgetag(?:es|s)?|Folgejahr(?:es|s)?|"
                rf"Tag(?:es)?\s+(?:zuvor|davor|danach|darauf)|{cap('heuer')}|Jahresende|"
                rf"Jahresbeginn|Jahresanfang|Jahresmitte)(?!\w)",
                self._relative_word,
            ),
            # durations: (die) (letzten) (rund) zwölf (ehrenamtliche) Monate(n)
            (
                rf"{b}(?:(?P<det>{DET})\s+)?(?:(?P<rel>{REL_PAST}|{REL_FUT}|{REL_ORD})\s+)?"
                rf"(?:(?P<approx>(?i:{APPROX}))\s+)?(?P<num>{NUM}|{VAGUE}|(?i:ein\s+paar))\s+"
                rf"(?:(?P<adj>[a-zäöü]+e[nr]?)\s+)?(?P<unit>{UNIT})(?!\w)",
                self._duration,
            ),
            # den ganzen Tag, die ganze Nacht
            (
                rf"{b}(?P<w>[Dd](?:en|ie|as)\s+ganzen?\s+(?P<unit>Tag|Woche|Monat|Jahr|Nacht|"
                rf"Wochenende|Sommer|Winter))(?!\w)",
                self._whole_period,
            ),
            # ein halbes Jahr, eine halbe Stunde, ein Vierteljahrhundert
            (
                rf"{b}(?P<w>(?i:ein(?:e|em|en|er|es)?)\s+(?:halbe[nrms]?\s+"
                rf"(?:Jahrhundert(?:s)?|Jahr(?:es|e|en)?|Stunde|"
                rf"Tag(?:es)?|Monat(?:s|es)?|Minute)|Vierteljahrhundert(?:s)?|Vierteljahr(?:es)?|"
                rf"Jahrhundert(?:s)?|Jahrtausend(?:s)?))(?!\w)",
                self._fraction_duration,
            ),
            # 300 Patienten im Jahr, 5000 Euro pro Monat
            (
                rf"{b}(?P<w>(?:pro|im|am|je)\s+(?P<what>Jahr|Monat|Tag|Woche|Stunde))(?![\w-])",
                self._per_unit,
            ),
            # den vergangenen Jahren / den kommenden Jahren
            (
                rf"{b}(?:(?P<det>{DET})\s+)?(?P<rel>{REL_PAST}|{REL_FUT})\s+(?P<unit>{UNIT})(?!\w)",
                self._vague_period,
            ),
            # in diesen Tagen, dieser Tage
            (
                rf"{b}(?P<w>[Dd]iese[rn]?\s+(?P<unit>Tage|Tagen|Wochen|Monate|Monaten|Jahre|Jahren))"
                rf"(?!\w)",
                self._these_days,
            ),
            # seit Monaten, vor Jahren, über Jahre
            (
                r"\b(?:[Ss]eit|[Nn]ach|über|Über|[Ff]ür|[Vv]or|[Bb]innen)\s+"
                r"(?P<unit>Jahren|Jahre|Jahrzehnten|Jahrzehnte|Monaten|Monate|Wochen|Tagen|"
                r"Stunden|Minuten)(?!\w)",
                self._bare_plural,
            ),
            # jahrelang, monatelange, langjährigen, einwöchigen, 14-tägig
            (
                rf"{b}(?P<w>(?i:jahrzehntelang|jahrelang|monatelang|wochenlang|tagelang|"
                rf"stundenlang|langjährig|mehrjährig|mehrwöchig|mehrtägig|mehrmonatig)"
                rf"(?:e|en|er|es|em)?)(?!\w)",
                self._vague_adjective,
            ),
            (
                rf"{b}(?P<num>\d+|{NUMBER_WORD_PATTERN})-?(?P<u>tägig|wöchig|monatig|stündig|"
                rf"minütig)(?:e|en|er|es|em)?(?!\w)",
                self._number_adjective,
            ),
            # täglich, wöchentlich, jährlich / jeden Montag / montags / zweimal im Monat
            (
                rf"{b}(?P<w>(?i:(?:all|halb|viertel)?(?:täglich|wöchentlich|monatlich|jährlich|"
                rf"stündlich))(?:e|en|er|es|em)?)(?!\w)",
                self._set_adjective,
            ),
            (
                rf"{b}(?P<every>[Jj]ede[nmrs]?)\s+(?:(?P<ord>zweiten|dritten|vierten|letzten)\s+)?"
                rf"(?P<what>{WEEKDAY}{PART_SUFFIX}?|Tag|Woche|Monat|Jahr|Morgen|Abend|Nacht|"
                rf"Wochenende|Frühjahr|Frühling|Sommer|Herbst|Winter)(?:\s+im\s+Monat)?(?!\w)",
                self._every,
            ),
            (
                rf"{b}(?P<w>(?i:montags|dienstags|mittwochs|donnerstags|freitags|samstags|"
                rf"sonntags|wochentags|werktags))(?!\w)",
                self._weekday_set,
            ),
            (
                rf"{b}(?P<n>(?i:ein|zwei|drei|vier|fünf|mehr|\d+)mal|(?i:einmal|mehrmals|mehrfach))\s+"
                rf"(?:im|pro|in\s+der|die|am|je)\s+(?P<what>Tag|Woche|Monat|Jahr)(?!\w)",
                self._times_per,
            ),
            # alle zwei Jahre, Jahr für Jahr
            (
                rf"{b}(?:{cap('alle')}\s+(?P<num>\d+|paar|(?i:{NUMBER_WORD_PATTERN}))\s+"
                rf"(?P<unit>Sekunden|Minuten|Stunden|Tage|Wochen|Monate|Jahre)|"
                rf"(?P<unit2>Tag|Woche|Monat|Jahr|Abend|Nacht)\s+für\s+(?P=unit2))(?!\w)",
                self._every_n,
            ),
            # 14 bis 18 Uhr, 10-15 Uhr, 8.30-12 Uhr: the first time
            (
                rf"{b}(?P<h>[0-2]?\d)(?:[.:](?P<m>[0-5]\d))?(?=\s*(?:-|–|bis|und|/)\s*"
                rf"[0-2]?\d(?:[.:][0-5]\d)?\s*Uhr)",
                self._clock,
            ),
            # 20.30 Uhr, 18 Uhr
            (
                r"(?<![\w.,/:])(?P<h>[0-2]?\d)(?:[.:](?P<m>[0-5]\d))?\s*Uhr(?:\s+(?P<m2>[0-5]\d)(?!\d))?",
                self._clock,
            ),
            # um 17.30 (no "Uhr")
            (
                r"\b(?:um|ab|gegen|bis)\s+(?P<h>[0-2]?\d)[.:](?P<m>[0-5]\d)(?![\d.,:]\d)",
                self._clock,
            ),
            # am Abend, am frühen Nachmittag, in den frühen Morgenstunden
            (
                r"\b(?:[Aa]m|[Gg]egen|bis|[Ii]n der|[Ii]n den|im Laufe des)\s+"
                r"(?:(?P<det>den|der)\s+)?(?:(?P<adj>frühen|späten|späteren)\s+)?"
                r"(?P<part>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht|Morgenstunden|"
                r"Abendstunden|Nachtstunden|Mittagsstunden)(?!\w)",
                self._part_of_day,
            ),
            (rf"{b}(?P<w>Mitternacht)(?!\w)", self._midnight),
            # Weihnachten, Ostern, Silvester
            (
                rf"{b}(?P<h>"
                + "|".join(
                    "(?i:" + name.replace(" ", r"\s+") + ")"
                    for name in sorted(HOLIDAYS, key=len, reverse=True)
                )
                + rf")(?:\s+(?P<year>{YEAR})(?!\d))?(?![\w-])",
                self._holiday,
            ),
        ]

    # -- handlers: each yields Candidates ---------------------------------------------------

    @staticmethod
    def _span_from(m: re.Match[str], *groups: str) -> int:
        for group in groups:
            if m.group(group):
                return m.start(group)
        return m.start()

    def _day_month(self, m: re.Match[str]) -> Iterator[Candidate]:
        day, month = int(m["day"]), _month_number(m["month"])
        year = int(m["year"]) if m["year"] else None
        if not 1 <= day <= 31:
            return
        groups = m.groupdict()
        start = self._span_from(m, *(g for g in ("wd", "day") if g in groups))

        yield Candidate(start, m.end(), "DATE", _calendar_day(year, month, day))

    def _day_list(self, m: re.Match[str]) -> Iterator[Candidate]:
        month = _month_number(m["month"])
        year = int(m["year"]) if m["year"] else None
        for day_match in re.finditer(r"[0-3]?\d", m["days"]):
            day = int(day_match[0])
            if not 1 <= day <= 31:
                continue
            start = m.start("days") + day_match.start()
            end = start + len(day_match[0])
            yield Candidate(start, end, "DATE", _calendar_day(year, month, day))

    def _year_range(self, m: re.Match[str]) -> Iterator[Candidate]:
        for group in ("y1", "y2"):
            if len(m[group]) == 4:
                year = int(m[group])
                yield Candidate(m.start(group), m.end(group), "DATE", lambda ctx, y=year: str(y))

    def _numeric_date(self, m: re.Match[str]) -> Iterator[Candidate]:
        day, month = int(m["day"]), int(m["month"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return
        year = _year_of(m["year"]) if m.groupdict().get("year") else None
        start = self._span_from(m, *(g for g in ("wd", "day", "year") if g in m.groupdict()))

        yield Candidate(start, m.end(), "DATE", _calendar_day(year, month, day))

    def _month(self, m: re.Match[str]) -> Iterator[Candidate]:
        month = _month_number(m["month"])
        year = int(m["year"]) if m["year"] else None
        rel = (m["rel"] or "").lower()
        if m["month"].startswith(("August", "Mai")) and not (year or rel or m["mod"]):
            before = m.string[max(0, m.start() - 12) : m.start()]
            if not re.search(r"\b(?:im|Im|seit|bis|ab|vom|zum|Monat|den|des|dem)\s+$", before):
                return

        def resolve(ctx: Context) -> str | None:
            y = year
            if y is None and ctx.anchor:
                if "vergangen" in rel or "vorig" in rel or "letzt" in rel or "vorjahr" in rel:
                    y = ctx.anchor.year - 1
                elif "kommend" in rel or "nächst" in rel:
                    y = ctx.anchor.year + 1
                elif rel:
                    y = ctx.anchor.year
                else:
                    y = infer_year(ctx.anchor, month, ctx.tense)
            return f"{y:04d}-{month:02d}" if y else f"XXXX-{month:02d}"

        yield Candidate(m.start(), m.end(), "DATE", resolve)

    def _edge_of_period(self, m: re.Match[str]) -> Iterator[Candidate]:
        year = int(m["year"]) if m["year"] else None
        rel = (m["rel"] or "").lower()
        unit = (m["unit"] or "Jahres").lower()

        def resolve(ctx: Context) -> str | None:
            if year is not None:
                return str(year)
            if not ctx.anchor:
                return "XXXX" if unit.startswith("jahr") else "XXXX-XX"
            if unit.startswith("jahrhundert"):
                shift = -1 if ("vergangen" in rel or "vorig" in rel or "letzt" in rel) else 0
                return f"{ctx.anchor.year // 100 + shift:02d}"
            if unit.startswith("woche") and not rel.startswith(
                ("dies", "vergangen", "nächst", "kommend", "letzt", "vorig")
            ):
                return week_value(ctx.anchor)
            shift = -1 if ("vergangen" in rel or "vorig" in rel or "letzt" in rel) else 0
            shift = 1 if ("kommend" in rel or "nächst" in rel) else shift
            if unit.startswith("jahrzehnt"):
                return str(ctx.anchor.year // 10 + shift)
            if unit.startswith("woche"):
                return week_value(ctx.anchor + timedelta(weeks=shift))
            if unit.startswith("jahr"):
                return str(ctx.anchor.year + shift)
            y, mo = add_months(ctx.anchor, shift)
            return f"{y:04d}-{mo:02d}"

        yield Candidate(m.start(), m.end(), "DATE", resolve)

    def _year(self, m: re.Match[str]) -> Iterator[Candidate]:
        year = int(m["year"])
        noun = m["noun"]
        if noun == "Gesamtjahr":
            yield Candidate(m.start(), m.end(), "DURATION", lambda ctx: "P1Y")
            return
        yield Candidate(m.start(), m.end(), "DATE", lambda ctx: f"{year:04d}")

    def _bare_year(self, m: re.Match[str]) -> Iterator[Candidate]:
        text = m.string
        if NOT_YEAR_AFTER.match(text, m.end()) or NOT_YEAR_BEFORE.search(
            text, max(0, m.start() - 20), m.start()
        ):
            return
        year = int(m["year"])
        if year < 1800 and not re.search(
            r"(?:[Jj]ahre?|im|seit|bis|ab|um|von|nach|vor)\s+$",
            text[max(0, m.start() - 8) : m.start()],
        ):
            return
        yield Candidate(m.start(), m.end(), "DATE", lambda ctx: str(year))

    def _decade(self, m: re.Match[str]) -> Iterator[Candidate]:
        words = {
            "zwanziger": 2,
            "dreißiger": 3,
            "vierziger": 4,
            "fünfziger": 5,
            "sechziger": 6,
            "siebziger": 7,
            "achtziger": 8,
            "neunziger": 9,
        }
        if m["word"] or m["word2"]:
            decade, century = words[(m["word"] or m["word2"]).lower()], None
        else:
            decade, century = int(m["decade"]), m["century"]

        def resolve(ctx: Context) -> str | None:
            c = century or (
                "19"
                if not ctx.anchor or decade > (ctx.anchor.year % 100) // 10 + 1
                else str(ctx.anchor.year // 100)
            )
            return f"{c}{decade}"

        yield Candidate(m.start(), m.end(), "DATE", resolve)

    def _century(self, m: re.Match[str]) -> Iterator[Candidate]:
        n = int(m["n"])
        if not 1 <= n <= 21:
            return
        yield Candidate(m.start(), m.end(), "DATE", lambda ctx: f"{n - 1:02d}")

    def _season(self, m: re.Match[str]) -> Iterator[Candidate]:
        season_word = re.sub(
            r"^(?:früh|spät|hoch)(?=sommer|herbst|winter)", "", m["season"].lower()
        )
        season_word = season_word.rstrip("s")
        key = next(k for k in SEASONS if season_word.startswith(k))
        code = SEASONS[key]
        year = int(m["year"]) if m["year"] else None
        adj = m["adj"]
        # "im Sommer" yes; "der heiße Sommer" yes; a lone "Herbst" as a name is rare enough
        if adj and not (m["det"] or m["rel"]):
            return
        before = m.string[max(0, m.start() - 8) : m.start()]
        if not (
            year
            or m["det"]
            or m["rel"]
            or m["yrel"]
            or re.search(r"\b(?:im|Im|bis|seit|ab)\s+$", before)
        ):
            return
        direction = _relative_direction(m["rel"] or m["yrel"])
        start = m.start("det") if m["det"] and not m["det"].lower().startswith("dies") else None
        start = m.start() if start is None else start
        if (
            m["det"]
            and m["det"].lower() in {"der", "die", "das", "den", "dem", "des"}
            and not (m["rel"] or adj)
        ):
            start = m.start("season")

        def resolve(ctx: Context) -> str | None:
            if year is not None:
                return f"{year:04d}-{code}"
            if not ctx.anchor:
                return f"XXXX-{code}"
            y = ctx.anchor.year + direction
            return f"{y:04d}-{code}"

        yield Candidate(start, m.end(), "DATE", resolve)

    def _quarter(self, m: re.Match[str]) -> Iterator[Candidate]:
        ordinal = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "letzten": 4}[m["ord"]]
        unit = m["unit"].lower()
        if unit.startswith(("jahreshälfte", "halbjahr")):
            code = f"H{min(ordinal, 2)}"
        elif unit.startswith("trimester"):
            code = f"Q{ordinal}"
        else:
            code = f"Q{ordinal}"
        year = int(m["year"]) if m["year"] else None

        def resolve(ctx: Context) -> str | None:
            y = year or (ctx.anchor.year if ctx.anchor else None)
            return f"{y:04d}-{code}" if y else f"XXXX-{code}"

        yield Candidate(m.start(), m.end(), "DATE", resolve)

    def _relative_day(self, m: re.Match[str]) -> Iterator[Candidate]:
        rel = m["rel"]
        text = m.string
        before = text[max(0, m.start() - 25) : m.start()]
        if rel == "Morgen":
            # "am Morgen", "jeden Morgen", "Guten Morgen": the part of day, not tomorrow
            if re.search(
                r"(?:\b(?:am|Am|den|der|jeden|eines|diesen|Guten|guten|frühen|"
                r"Am frühen|am frühen|bis|zum|vom|vom|einen|dem)\s+)$",
                before,
            ):
                return
            if not re.search(r"(?:^|[.!?:\"„“]\s*|\n)$", before):
                return
        offsets = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}
        offset = offsets[rel.lower()]
        part = (m["part"] or "").lower()
        after = text[m.end() : m.end() + 12]
        present_sense = (
            rel.lower() == "heute"
            and not part
            and (
                re.search(r"\b(?:[Bb]is|[Nn]och|[Vv]on|[Aa]uch|[Ss]chon|[Ww]ie)\s+$", before[-10:])
                or re.match(r"\s+(?:noch|wie|mehr)\b", after)
                # "damals …, heute …": today set against the past means the present
                or _CONTRAST_PAST.search(_sentence_around(text, m.start(), m.end()))
            )
        )
        if part == "morgen" and rel.lower() == "morgen":
            part = ""
        code = PARTS_OF_DAY.get(part) if part else None
        end = m.end() if part else m.end("rel")

        def resolve(ctx: Context) -> str | None:
            if present_sense:
                return "PRESENT_REF"
            if not ctx.anchor:
                return "XXXX-XX-XX" + (f"T{code}" if code else "")
            value = day_value(ctx.anchor + timedelta(days=offset))
            return f"{value}T{code}" if code else value

        yield Candidate(m.start(), end, "TIME" if code else "DATE", resolve)

    def _relative_adjective_day(self, m: re.Match[str]) -> Iterator[Candidate]:
        offset = {"heutig": 0, "gestrig": -1, "morgig": 1}[m["rel"]]

        def resolve(ctx: Context) -> str | None:
            if not ctx.anchor:
                return "XXXX-XX-XX"
            return day_value(ctx.anchor + timedelta(days=offset))

        yield Candidate(m.start(), m.end(), "DATE", resolve)

    def _present(self, m: re.Match[str]) -> Iterator[Candidate]:
        word = m["w"].lower()
        if word == "aktuell":
            return
        yield Candidate(m.start(), m.end(), "DATE", lambda ctx: "PRESENT_REF")

    def _past(self, m: re.Match[str]) -> Iterator[Candidate]:
        yield Candidate(m.start(), m.end(), "DATE", lambda ctx: "PAST_REF")

    def _future(self, m: re.Match[str]) -> Iterator[Candidate]:
        word = m["w"]
        start = m.start()
        if word == "morgen":
            yield Candidate(start, m.end(), "DATE", lambda ctx: "FUTURE_REF")
            return
        if word.endswith("Zukunft"):
            start = m.end() - len("Zukunft") if not word.startswith("der") else m.start()
        yield Candidate(start, m.end(), "DATE", lambda ctx: "FUTURE_REF")

    def _weekday(self, m: re.Match[str]) -> Iterator[Candidate]:
        weekday = _weekday_index(m["wd"])
        rel = m["rel"]
        direction = _relative_direction(rel)
        part = (m["part"] or "").lower()
        code = PARTS_OF_DAY.get(part) if part else None
        this = bool(rel and rel.lower().startswith("dies"))
        start = m.start("wd") if this else m.start()

        def resolve(ctx: Context) -> str | None:
            if not ctx.anchor:
                value = f"XXXX-WXX-{weekday}"
                return value + (f"T{code}" if code else "")
            tense: Tense = "none" if this else ctx.tense
            value = day_value(weekday_date(ctx.anchor, weekday, direction, tense))
            return f"{value}T{code}" if code else value

        yield Candidate(start, m.end(), "TIME" if code else "DATE", resolve)

    def _night_before(self, m: re.Match[str]) -> Iterator[Candidate]:
        weekday = _weekday_index(m["wd"])

        def resolve(ctx: Context) -> str | None:
            if not ctx.anchor:
                return "XXXX-XX-XXTNI"
            day = weekday_date(ctx.anchor, weekday, 0, ctx.tense) - timedelta(days=1)
            return f"{day_value(day)}TNI"

        yield Candidate(m.start(), m.end(), "TIME", resolve)

    def _weekend(self, m: re.Match[str]) -> Iterator[Candidate]:
        direction = _relative_direction(m["rel"])

        def resolve(ctx: Context) -> str | None:
            if not ctx.anchor:
                return "XXXX-WXX-WE"
            if direction or ctx.tense != "future":
                shift = direction if direction else 0
                saturday = weekday_date(ctx.anchor, 6, -1 if shift <= 0 else 1, ctx.tense)
                if shift == 0 and ctx.anchor.isoweekday() in (6, 7):
                    saturday = ctx.anchor - timedelta(days=ctx.anchor.isoweekday() - 6)
            else:
                saturday = weekday_date(ctx.anchor, 6, 0, "future")
            return week_value(saturday) + "-WE"

        yield Candidate(m.start(), m.end(), "DATE", resolve)

    def _relative_period(self, m: re.Match[str]) -> Iterator[Candidate]:
        rel = m["rel"].lower()
        unit = m["unit"].lower()
        direction = _relative_direction(rel)
        if rel.startswith(("gleich", "selb")) and not unit.startswith("tag"):
            return
        if rel.startswith("heutig") and not unit.startswith("tag"):
            return
        start = m.start()

        def resolve(ctx: Context) -> str | None:
            if unit.startswith("tag"):
                ref = ctx.reference_day
                if not ref:
                    return "XXXX-XX-XX"
                return day_value(ref + timedelta(days=direction))
            if not ctx.anchor:
                return "XXXX"
            if unit.startswith("woche"):
                return week_value(ctx.anchor + timedelta(weeks=direction))
            if unit.startswith("monat"):
                y, mo = add_months(ctx.anchor, direction)
                return f"{y:04d}-{mo:02d}"
            if unit.startswith("jahrzehnt"):
                return str(ctx.anchor.year // 10 + direction)
            return str(ctx.anchor.year + direction)

        yield Candidate(start, m.end(), "DATE", resolve)

    def _relative_word(self, m: re.Match[str]) -> Iterator[Candidate]:
        word = m["w"].lower()

        def resolve(ctx: Context) -> str | None:
            if word.startswith(("heuer", "jahres")):
                return str(ctx.anchor.year) if ctx.anchor else "XXXX"
            if word.startswith("vorjahr"):
                return str(ctx.anchor.year - 1) if ctx.anchor else "XXXX"
            if word.startswith("folgejahr"):
                return str(ctx.anchor.year + 1) if ctx.anchor else "XXXX"
            if word.startswith("vormonat"):
                if not ctx.anchor:
                    return "XXXX-XX"
                y, mo = add_months(ctx.anchor, -1)
                return f"{y:04d}-{mo:02d}"
            if word.startswith("vorwoche"):
                return week_value(ctx.anchor - timedelta(weeks=1)) if ctx.anchor else "XXXX-WXX"
            ref = ctx.reference_day
            if not ref:
                return "XXXX-XX-XX"
            back = word.startswith("vortag") or word.endswith(("zuvor", "davor"))
            return day_value(ref + timedelta(days=-1 if back else 1))

        yield Candidate(m.start(), m.end(), "DATE", resolve)

    def _duration(self, m: re.Match[str]) -> Iterator[Candidate]:
        num_text = m["num"]
        unit_word = m["unit"]
        found = unit_of(unit_word)
        if not found:
            return
        unit, is_time = found
        text = m.string
        after = text[m.end() : m.end() + 8]
        before = text[max(0, m.start() - 20) : m.start()]
        # ages: "31 Jahre alt", "im Alter von 50 Jahren", "zwischen sechs und elf Jahren"
        if unit == "Y" and (
            re.match(r"\s+(?:alt|jünger|älter)", after)
            or re.search(r"(?:Alter von|[Aa]b|unter|zwischen \S+ und|bis|[Mm]it)\s+$", before)
        ):
            return
        if re.match(r"(?i:ein\s+paar|paar)$", num_text) or re.fullmatch(VAGUE, num_text):
            number = None
        else:
            number = (
                parse_number(num_text.lower()) if not num_text.lower().startswith("beide") else 2
            )
            if number is None:
                return
            if (
                m["num"].lower() in {"ein", "eine"}
                and unit_word.endswith(("en", "e"))
                and (unit_word not in ("Woche", "Stunde", "Minute", "Sekunde"))
            ):
                return  # "eine Jahre"? not a duration
        rel = (m["rel"] or "").lower()
        approx = m["approx"]
        start = m.start()
        if m["det"] and not (m["rel"] or approx):
            # "die zwei Jahre": keep the determiner, as KRAUTS does
            start = m.start("det")
        if m["adj"] and (m["adj"] in {"und", "oder", "bis"} or m["adj"].startswith("halb")):
            return
        if unit == "WE":
            value_unit, value_is_time = "WE", False
        else:
            value_unit, value_is_time = unit, is_time

        def resolve(ctx: Context) -> str | None:
            if number is None and rel.startswith(("kommend", "nächst", "künftig")):
                return "FUTURE_REF"
            return _duration_value(number, value_unit, value_is_time)

        kind = "DATE" if number is None and rel.startswith(("kommend", "nächst")) else "DURATION"
        # "einen Tag" alone is often a date ("eines Tages"): a duration only after a signal
        if (
            unit_word.startswith("Tag")
            and number == 1
            and not (rel or approx or m["det"])
            and not re.search(r"(?:für|seit|nach|binnen|innerhalb|vor|über|nur|noch)\s+$", before)
        ):
            return
        yield Candidate(start, m.end(), kind, resolve)

    def _vague_period(self, m: re.Match[str]) -> Iterator[Candidate]:
        unit_word = m["unit"]
        if not is_plural_unit(unit_word) or unit_word in ("Woche", "Stunde", "Minute"):
            return
        found = unit_of(unit_word)
        if not found:
            return
        unit, is_time = found
        future = _relative_direction(m["rel"]) > 0
        if future:
            yield Candidate(m.start(), m.end(), "DATE", lambda ctx: "FUTURE_REF")
        else:
            yield Candidate(
                m.start(), m.end(), "DURATION", lambda ctx: _duration_value(None, unit, is_time)
            )

    def _whole_period(self, m: re.Match[str]) -> Iterator[Candidate]:
        value = {
            "Tag": "P1D",
            "Woche": "P1W",
            "Monat": "P1M",
            "Jahr": "P1Y",
            "Nacht": "P1D",
            "Wochenende": "P1WE",
            "Sommer": "P1SU",
            "Winter": "P1WI",
        }[m["unit"]]
        yield Candidate(m.start(), m.end(), "DURATION", lambda ctx: value)

    def _fraction_duration(self, m: re.Match[str]) -> Iterator[Candidate]:
        word = m["w"].lower()
        if "halb" in word and "jahrhundert" in word:
            value = "P50Y"
        elif "vierteljahrhundert" in word:
            value = "P25Y"
        elif "vierteljahr" in word:
            value = "P3M"
        elif "jahrtausend" in word:
            value = "P1ML"
        elif "jahrhundert" in word:
            value = "P1CE"
        elif "stunde" in word:
            value = "PT30M"
        elif "minute" in word:
            value = "PT30S"
        elif "monat" in word:
            value = "P0.5M"
        elif "tag" in word:
            value = "P0.5D"
        else:
            value = "P6M"
        yield Candidate(m.start(), m.end(), "DURATION", lambda ctx: value)

    def _per_unit(self, m: re.Match[str]) -> Iterator[Candidate]:
        text = m.string
        before = text[max(0, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 12]
        # "im/am/je": only after a figure ("300 Patienten am Tag", not "im Jahr 2014")
        if m["w"].startswith(("im", "am", "je")) and (
            not _FIGURE.search(before.split(". ")[-1])
            or re.match(r"\s*(?:\d|[A-ZÄÖÜ]|zuvor|davor|danach|darauf|nach|vor|des|der)", after)
        ):
            return
        value = {"Jahr": "P1Y", "Monat": "P1M", "Tag": "P1D", "Woche": "P1W", "Stunde": "PT1H"}[
            m["what"]
        ]
        yield Candidate(m.start(), m.end(), "SET", lambda ctx: value)

    def _these_days(self, m: re.Match[str]) -> Iterator[Candidate]:
        found = unit_of(m["unit"])
        if not found:
            return
        unit, is_time = found
        value = _duration_value(None, unit, is_time)
        yield Candidate(m.start(), m.end(), "DURATION", lambda ctx: value)

    def _bare_plural(self, m: re.Match[str]) -> Iterator[Candidate]:
        found = unit_of(m["unit"])
        if not found:
            return
        unit, is_time = found
        yield Candidate(
            m.start("unit"), m.end(), "DURATION", lambda ctx: _duration_value(None, unit, is_time)
        )

    def _vague_adjective(self, m: re.Match[str]) -> Iterator[Candidate]:
        word = m["w"].lower()
        if word.startswith("jahrzehnt"):
            value = "PXDE"
        elif word.startswith(("jahre", "langjähr", "mehrjähr")):
            value = "PXY"
        elif word.startswith(("monat", "mehrmonat")):
            value = "PXM"
        elif word.startswith(("woche", "mehrwöch")):
            value = "PXW"
        elif word.startswith(("tage", "mehrtäg")):
            value = "PXD"
        else:
            value = "PTXH"
        yield Candidate(m.start(), m.end(), "DURATION", lambda ctx: value)

    def _number_adjective(self, m: re.Match[str]) -> Iterator[Candidate]:
        number = parse_number(m["num"].lower())
        if number is None:
            return
        unit, is_time = {
            "tägig": ("D", False),
            "wöchig": ("W", False),
            "monatig": ("M", False),
            "stündig": ("H", True),
            "minütig": ("M", True),
        }[m["u"]]
        value = _duration_value(number, unit, is_time)
        yield Candidate(m.start(), m.end(), "DURATION", lambda ctx: value)

    def _set_adjective(self, m: re.Match[str]) -> Iterator[Candidate]:
        word = m["w"].lower()
        if word.startswith("alltäglich"):
            return  # "alltäglich" mostly means "ordinary"
        if "halbjähr" in word:
            value = "P6M"
        elif "vierteljähr" in word:
            value = "P3M"
        elif "stündlich" in word:
            value = "PT1H"
        elif "täglich" in word:
            value = "P1D"
        elif "wöchentlich" in word:
            value = "P1W"
        elif "monatlich" in word:
            value = "P1M"
        else:
            value = "P1Y"
        yield Candidate(m.start(), m.end(), "SET", lambda ctx: value)

    def _every(self, m: re.Match[str]) -> Iterator[Candidate]:
        what = m["what"]
        lower = what.lower()
        wd = next((WEEKDAYS[k] for k in WEEKDAYS if lower.startswith(k)), None)
        if wd is not None:
            suffix = lower[len(next(k for k in WEEKDAYS if lower.startswith(k))) :]
            code = PARTS_OF_DAY.get(suffix)
            value = f"XXXX-WXX-{wd}" + (f"T{code}" if code else "")
            if m.group(0).endswith("Monat"):
                value = "P1M"
        else:
            value = {
                "tag": "P1D",
                "woche": "P1W",
                "monat": "P1M",
                "jahr": "P1Y",
                "morgen": "XXXX-XX-XXTMO",
                "abend": "XXXX-XX-XXTEV",
                "nacht": "XXXX-XX-XXTNI",
                "wochenende": "XXXX-WXX-WE",
                "frühjahr": "XXXX-SP",
                "frühling": "XXXX-SP",
                "sommer": "XXXX-SU",
                "herbst": "XXXX-FA",
                "winter": "XXXX-WI",
            }[lower]
        yield Candidate(m.start(), m.end(), "SET", lambda ctx: value)

    def _weekday_set(self, m: re.Match[str]) -> Iterator[Candidate]:
        word = m["w"].lower()
        if word in ("wochentags", "werktags"):
            value = "XXXX-WXX-WD"
        else:
            value = f"XXXX-WXX-{WEEKDAYS[word[:-1]]}"
        yield Candidate(m.start(), m.end(), "SET", lambda ctx: value)

    def _every_n(self, m: re.Match[str]) -> Iterator[Candidate]:
        if m["unit2"] in ("Abend", "Nacht"):
            part = PARTS_OF_DAY[m["unit2"].lower()]
            yield Candidate(m.start(), m.end(), "SET", lambda ctx: f"XXXX-XX-XXT{part}")
            return
        found = unit_of(m["unit"] or m["unit2"])
        if not found:
            return
        unit, is_time = found
        if m["num"] == "paar":
            value = _duration_value(None, unit, is_time)
        else:
            number = parse_number(m["num"].lower()) if m["num"] else 1
            if number is None:
                return
            value = _duration_value(number, unit, is_time)
        yield Candidate(m.start(), m.end(), "SET", lambda ctx: value)

    def _times_per(self, m: re.Match[str]) -> Iterator[Candidate]:
        value = {"Tag": "P1D", "Woche": "P1W", "Monat": "P1M", "Jahr": "P1Y"}[m["what"]]
        yield Candidate(m.start(), m.end(), "SET", lambda ctx: value)

    def _clock(self, m: re.Match[str]) -> Iterator[Candidate]:
        hour = int(m["h"])
        minute_text = m["m"] or m.groupdict().get("m2")
        minute = int(minute_text) if minute_text else 0
        if hour > 24 or minute > 59:
            return
        before = m.string[max(0, m.start("h") - 3) : m.start("h")]
        if re.search(r"[\d/]\s?$", before):
            return

        def resolve(ctx: Context) -> str | None:
            ref = ctx.reference_day
            clock = f"T{hour:02d}:{minute:02d}"
            return f"{day_value(ref)}{clock}" if ref else f"XXXX-XX-XX{clock}"

        yield Candidate(m.start("h"), m.end(), "TIME", resolve, clock=True)

    def _part_of_day(self, m: re.Match[str]) -> Iterator[Candidate]:
        code = PARTS_OF_DAY[m["part"].lower()]

        def resolve(ctx: Context) -> str | None:
            ref = ctx.reference_day
            return f"{day_value(ref)}T{code}" if ref else f"XXXX-XX-XXT{code}"

        start = self._span_from(m, "det", "adj", "part")
        yield Candidate(start, m.end(), "TIME", resolve)

    def _midnight(self, m: re.Match[str]) -> Iterator[Candidate]:
        def resolve(ctx: Context) -> str | None:
            ref = ctx.reference_day
            return f"{day_value(ref)}T24:00" if ref else "XXXX-XX-XXT24:00"

        yield Candidate(m.start(), m.end(), "TIME", resolve)

    def _holiday(self, m: re.Match[str]) -> Iterator[Candidate]:
        name = re.sub(r"\s+", " ", m["h"]).lower()
        holiday = HOLIDAYS[name]
        year = int(m["year"]) if m["year"] else None

        def resolve(ctx: Context) -> str | None:
            y = year or (ctx.anchor.year if ctx.anchor else None)
            if y is None:
                if holiday.easter_offset is not None:
                    return "XXXX-XX-XX"
                return f"XXXX-{holiday.month:02d}-{holiday.day:02d}"
            return day_value(holiday.on(y))

        yield Candidate(m.start(), m.end(), "DATE", resolve)
