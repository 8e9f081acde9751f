"""Small pieces of German that several parts of lagebild need (one copy of each)."""

from __future__ import annotations

import re

# month names and their usual abbreviations (lower case) → month number
MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan": 1,
    "februar": 2, "feber": 2, "feb": 2, "febr": 2,
    "märz": 3, "mär": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}  # fmt: skip

# the full month names as written in running text
MONTH_NAMES: tuple[str, ...] = (
    "Januar", "Jänner", "Februar", "Feber", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember",
)  # fmt: skip


VOWELS = "aeiouäöüy"


def _needs_e(stem: str) -> bool:
    """Whether a weak verb's stem takes an "e" before the ending "t": after "t" or "d", and
    after "m" or "n" that follow a consonant other than "l", "r", "m", "n" or a vowel's "h"
    ("antwortet", "entgegnet", "atmet", "zeichnet"; but "warnt", "mahnt", "lernt")."""
    if stem.endswith(("t", "d")):
        return True
    if len(stem) < 3 or stem[-1] not in "mn" or stem[-2] in VOWELS + "lrmn":
        return False
    return not (stem[-2] == "h" and stem[-3] in VOWELS)


def _weak_forms(stems: str) -> set[str]:
    """Third-person present and past forms of weak verbs from their stems ("erzähl" →
    erzählt, erzählen, erzählte, erzählten; "antwort" → antwortet, antwortete; "jubel" →
    jubeln)."""
    forms: set[str] = set()
    for stem in stems.split():
        e = "e" if _needs_e(stem) else ""
        unstressed = stem.endswith(("el", "er")) and not stem.endswith("ier")
        plural = stem + ("n" if unstressed else "en")
        forms.update({f"{stem}{e}t", plural, f"{stem}{e}te", f"{stem}{e}ten"})
    return forms


# Finite forms of verbs of saying (third person, present and past) for the quotation rules'
# attributions ("…, erzählte Benali."), besides the cues the tagger's lexicon learned from the
# SpkAtt train split, which lacks many common ones (ergänzte, erzählte, gestand, lobte).
# Separable verbs are left out: their finite part alone ("gab", "wies") says nothing.
SPEECH_VERBS: frozenset[str] = frozenset(
    _weak_forms(
        "sag erklär beton ergänz erzähl bericht klag beklag lob jubel schwärm bekräftig "
        "beteuer bestätig erläuter präzisier entgegn erwider antwort konter bemängel mahn "
        "appellier warn resümier bilanzier scherz spott läster seufz flüster frag kommentier "
        "twitter schilder versicher kritisier verteidig bedauer prophezei vermut mutmaß "
        "fürcht hoff glaub bezweifel folger argumentier insistier"
    )
    | {
        "schrieb", "schrieben", "schreibt", "schreiben", "sprach", "sprachen", "spricht",
        "rief", "riefen", "ruft", "schrie", "schrien", "schreit", "gestand", "gestanden",
        "gesteht", "verriet", "verrieten", "verrät", "versprach", "versprachen", "verspricht",
        "widersprach", "widersprachen", "widerspricht", "unterstrich", "unterstrichen",
        "unterstreicht", "meinte", "meinten", "meint", "wusste", "wussten", "weiß",
        "befand", "befanden", "befindet", "riet", "rieten", "rät", "empfahl", "empfahlen",
        "empfiehlt",
    }
)  # fmt: skip


# Nouns that name where a statement comes from after "nach" ("nach Angaben der Polizei", "nach
# eigenem Bekunden", "Berechnungen eines Forschers zufolge"), for the quotation rules besides
# the few the tagger's lexicon learned from the SpkAtt train split; compounds ending in one
# count too ("Polizeiangaben", "Medienberichten").
SOURCE_NOUNS: frozenset[str] = frozenset(
    """angaben auskunft auskünften aussage aussagen ansicht auffassung ankündigung bekunden
    berechnung berechnungen bericht berichte berichten darstellung darstellungen einschätzung
    einschätzungen erkenntnis erkenntnissen hochrechnung hochrechnungen informationen meinung
    mitteilung prognose prognosen quellen quellenlage recherchen schätzung schätzungen
    schilderung schilderungen studie studien umfrage umfragen vernehmen worten""".split()  # noqa: SIM905
)


# Endings of nouns naming people: Sprecher, Ministerin, Präsident, Direktor, Chef, Journalist,
# Arzt.
PERSON_ENDINGS = ("er", "in", "ent", "or", "ef", "ist", "eur", "te", "arzt")
# Descriptions naming a person by age ("der 44-Jährige", "die 58-Jährige") or by a noun of
# another ending ("der Meteorologe", "der Franzose", "die Vorsitzende").
AGE_NOUN = re.compile(r"(\d+)-jährige[nr]?", re.IGNORECASE)
PERSON_NOUNS_IN_E = frozenset(
    {
        "kollege", "experte", "zeuge", "kunde", "vorsitzende", "franzose", "brite", "pole",
        "russe", "türke", "grieche", "chinese", "schwede", "däne", "ire", "schotte", "jude",
        "portugiese", "senegalese", "libanese", "kongolese", "neffe", "junge", "laie",
    }
)  # fmt: skip
# Ends of nouns of people besides ``PERSON_ENDINGS`` ("der Diplomat", "die Spitzenkandidatin"
# is caught by "in", "ein Parteimitglied", "der Praktikant").
PERSON_NOUN_ENDS = (
    "diplomat", "kandidat", "soldat", "advokat", "demokrat", "bürokrat", "praktikant",
    "intendant", "kommandant", "doktorand", "mitglied",
)  # fmt: skip


def names_a_person(noun: str) -> bool:
    """Whether a description's (lower-case) noun names a person: "sprecher", "ministerin",
    "44-jährige", "meteorologe", "franzose"."""
    return (
        noun.endswith(PERSON_ENDINGS)
        or noun.endswith("loge")
        or noun.endswith(PERSON_NOUN_ENDS)
        or noun in PERSON_NOUNS_IN_E
        # inflected: "des SPD-Vorsitzenden", "dem Kollegen"
        or (noun.endswith("en") and noun[:-1].rsplit("-", 1)[-1] in PERSON_NOUNS_IN_E)
        or AGE_NOUN.fullmatch(noun) is not None
    )
