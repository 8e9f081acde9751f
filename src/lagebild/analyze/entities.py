"""The ``entities`` stage: one entity per person, place and organisation of an article.

It re-clusters the mentions that the ``ner`` stage found (one entity per type and surface text)
into real-world entities:

- **name part of a compound**: ``Assad-Truppen`` and ``UN-Sondergesandte`` become mentions of
  ``Assad`` and ``UN`` covering only the name (``US-geführten`` → ``US``); a direction prefix
  (``Ost-Aleppo``) and hyphenated names (``Baden-Württemberg``) stay whole;
- **German genitive**: ``Putins``, ``Russlands``, ``Frankreichs``, ``Paris'`` → nominative when the
  stem occurs elsewhere in the article or the gazetteer knows the stem better than the full form
  (so ``Paris`` stays ``Paris``);
- **surname → full name**: ``Putin`` joins ``Wladimir Putin``; ``Assad`` joins
  ``Baschar al-Assad`` (particles such as ``al-``, ``de``, ``von`` are skipped); with two full
  names sharing a surname the nearest preceding one wins; a first name alone joins the one
  full name that starts with it (``Tedros``), and stays apart when there are several;
- **acronyms** introduced as ``Islamischer Staat (IS)`` join their expansion (not after a
  person: ``Franz Josef Jung (CDU)``); where NER marked only the acronym, the words before it
  that spell it give the name (``Verband kommunaler Unternehmen (VKU)``);
- **inflected names**: ``des Bundeskriminalamtes`` → ``Bundeskriminalamt``, ``Vereinten
  Nationen`` = ``Vereinte Nationen``; titles in a person mention are dropped (``Dr.``,
  ``Präsident Putin``), a NER span one word too wide is cut (``Rebellenhochburg Idlib``);
- **names NER missed**: further occurrences of the article's person names and surnames (not
  after an article: ``der Koch``), of its known place names and acronyms, and of all country
  names are added as mentions (``Putins``, ``Assad-Truppen``, ``Frankreichs``);
- **public bodies NER missed** (``PUBLIC_BODIES``): ``dem Finanzministerium``, ``des Deutschen
  Wetterdienstes`` → ``Deutscher Wetterdienst`` (the noun's gender gives the adjective its
  nominative), ``Regierungspräsidium Gießen`` (a place after the noun is part of the name),
  ``Brüsseler Polizei``; a bare ``das Universitätsklinikum`` joins the one body of that noun
  named with a place or adjective;
- **country adjectives and demonyms** (``syrischen``, ``Syrer``; lexicon in
  ``lagebild/data/country_adjectives.tsv``) and city adjectives (``Genfer`` when ``Genf`` is named)
  become mentions of kind ``adjective`` of the place, creating the country entity when the
  article names only the adjective;
- **roles** stated next to a person's name (``Russlands Präsident Putin``, ``der
  UN-Sondergesandte Staffan de Mistura``, ``des syrischen Präsidenten Assad``), in an apposition
  (``Macron, Präsident Frankreichs``, ``Erdogan, der türkische Präsident``), and definite
  descriptions naming the same country as a stated role (``der türkische Präsident``).

Every entity gets a canonical nominative ``name`` (the fullest person name, the expansion of an
acronym, the German name of a country, an organisation's adjectives without an article:
``des Bayerischen Brauerbundes`` → ``Bayerischer Brauerbund``), a person's type when NER tagged
its full name one (``Karim Benali``, whose surname it took for a place), its mentions with
offsets, a ``salience`` (count, first offset, in title/lead) and the stable id
``entity_id(type, name)`` (e.g. ``per-wladimir-putin``).
The ``places`` stage later replaces the id of a resolved place by ``geo-<geonames_id>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lagebild.analyze.gazetteer import (
    AdjectiveLexicon,
    Gazetteer,
    fold,
    load_adjectives,
    load_gazetteer,
)
from lagebild.article import Article, Entity, Mention, Role, Salience, entity_id

WORD = re.compile(r"[^\W\d_](?:[\w'’]*[^\W_]|)(?:-[\w]+)*", re.UNICODE)
NAME_PARTICLES = {"al", "el", "ad", "as", "at", "ar", "an", "de", "da", "di", "del", "van", "von"}
PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|at|ar|an)-", re.IGNORECASE)
DIRECTION = re.compile(
    r"^(?:Nord|Süd|Ost|West|Nordost|Nordwest|Südost|Südwest|Zentral|Mittel|Inner|Groß|Alt|Neu)-"
)
TITLE = re.compile(
    r"^(?P<base>[\w-]*?(?:präsident|minister|kanzler|chef|sprecher|gesandte|botschafter|könig|"
    r"papst|sekretär|vorsitzende|meister|führer|kommandeur|general|senator|abgeordnete|"
    r"direktor|gouverneur|premier|diktator|machthaber|herrscher|kommissar|beauftragte|leiter|"
    r"oberhaupt|kandidat|kollege|anwalt|richter|bischof|kardinal|prinz|fürst|vize|trainer|"
    r"monarch|emir|scheich|sultan|ayatollah|ajatollah|imam|staatschef|regierungschef|vorstand))"
    r"(?P<suffix>in|innen|en|n|s|es)?$",
    re.IGNORECASE,
)
DESCRIPTOR = re.compile(
    r"(?:hochburg|stadt|metropole|provinz|region|gemeinde|dorf|insel|hafen|distrikt|bezirk)$",
    re.IGNORECASE,
)
GENITIVE_ARTICLE = re.compile(r"\b(?:des|eines|dieses|jenes)\s+$", re.IGNORECASE)
ADJECTIVE_ENDING = re.compile(r"(?<=[a-z]{3})(?:en|em|er|es|e)$")
INFLECTED = re.compile(r"^\S+(?:en|em) ")  # 'Vereinten Nationen', 'Deutschen Bundestag'
ACADEMIC_TITLE = re.compile(r"(?:Prof|Dr|Dipl\.-\w+|Ing|Mag)\.\s+")
DETERMINER_BEFORE = re.compile(
    r"\b(?:der|die|das|des|dem|den|ein|eine|einen|einem|einer)\s+$", re.I
)
SENTENCE_END = re.compile(r"[.!?:\n]\s")
# What the recogniser takes for a name but only describes someone or counts people: an age noun
# ("54-Jährige"), a number word opening a plural ("Hundert Streikenden", "Dutzenden Anrufen"),
# or a title or feminine noun of a person ending a mention of several words or right after an
# article ("so die Ministerin", "die Münchner Sportrechtlerin", "Österreichs Verkehrsministerin").
AGE_DESCRIPTION = re.compile(r"\d+-[Jj]ährige[nr]?\W*")
NUMBER_WORDS = re.compile(
    r"(?:hundert|tausend|dutzend|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf)\w*",
    re.IGNORECASE,
)
FEMININE_PERSON = re.compile(r"\w{3,}(?:er|or|ist|ent|ant|eur|og|ziell)in(?:nen)?", re.I)
APPOSITION = re.compile(
    r",\s+(?:(?:der|die)\s+)?(?:(?P<adj>[a-zäöü][\w-]+)\s+)?(?P<title>[A-ZÄÖÜ][\w-]+)"
    r"(?:\s+(?:(?:der|des)\s+)?(?P<of>[A-ZÄÖÜ][\w-]+))?"
)


# Public bodies the recogniser often misses, by the end of their noun: a compound names one
# ("Finanzministerium", "Kraftfahrt-Bundesamt", "Landgericht"); so does the bare noun after a
# capitalised adjective ("Deutscher Wetterdienst") or before a place ("Polizeipräsidium
# Nordhessen"). ``LOCAL_BODIES`` name one only with the adjective or the place ("Brüsseler
# Polizei", "Auswärtiges Amt", "Feuerwehr Kassel"; not "Ehrenamt"). Each noun's gender gives
# the name's adjective its nominative ("des Deutschen Wetterdienstes" → "Deutscher").
PUBLIC_BODIES = {
    "ministerium": "n", "wetterdienst": "m", "bundesamt": "n", "landesamt": "n",
    "kriminalamt": "n", "landratsamt": "n", "gesundheitsamt": "n", "jugendamt": "n",
    "finanzamt": "n", "zollamt": "n", "ordnungsamt": "n", "präsidium": "n",
    "polizeidirektion": "f", "polizeiinspektion": "f", "staatsanwaltschaft": "f", "gericht": "n",
    "gerichtshof": "m", "rechnungshof": "m", "klinikum": "n", "bundesanstalt": "f",
    "landesanstalt": "f", "bundesagentur": "f", "polizei": "f",
}  # fmt: skip
LOCAL_BODIES = {
    "amt": "n", "feuerwehr": "f", "stadtverwaltung": "f", "kreisverwaltung": "f",
    "bezirksregierung": "f",
}  # fmt: skip
# the body's noun at the end of a word, before a genitive ending ("Finanzministeriums")
BODY_NOUN = re.compile(
    "(?P<noun>" + "|".join(sorted({*PUBLIC_BODIES, *LOCAL_BODIES}, key=len, reverse=True)) + ")"
    "(?:e?s)?$",
    re.IGNORECASE,
)
BODY_ADJECTIVE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{2,}(?:e|er|es|en|em)")
NOT_ADJECTIVES = frozenset(
    {
        "der", "die", "das", "des", "dem", "den", "eine", "einer", "eines", "einem", "einen",
        "diese", "dieser", "dieses", "diesem", "diesen", "jene", "jener", "jenes", "jenem",
        "jenen", "seine", "seiner", "seines", "seinem", "seinen", "ihre", "ihrer", "ihres",
        "ihrem", "ihren", "unsere", "unserer", "unseres", "unserem", "unseren", "welche",
        "welcher", "welches", "welchem", "welchen", "beide", "beiden", "alle", "aller", "allen",
        "keine", "keiner", "keinen", "jede", "jeder", "jedes", "jedem", "jeden", "andere",
        "anderen", "mehrere", "einige", "viele", "sogenannte", "sogenannten",
    }
)  # fmt: skip


@dataclass
class RawMention:
    """One mention on its way into a cluster."""

    type: str
    start: int
    end: int
    key: str  # nominative form used to compare names
    kind: str = "name"
    label: str | None = None
    country: str | None = None  # ISO code of a country adjective or demonym
    place: str | None = None  # key of the place a city adjective ('Genfer') refers to


@dataclass
class Cluster:
    mentions: list[RawMention] = field(default_factory=list)
    expansion: str | None = None  # long form of an acronym


def salience_of(article: Article, mentions: list[Mention]) -> Salience:
    sections = {article.section_at(m.start) for m in mentions}
    return Salience(
        count=len(mentions),
        first=min((m.start for m in mentions), default=None),
        in_title="title" in sections,
        in_lead="lead" in sections,
    )


def tally(values: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def most_common(values: list[str]) -> str:
    """The most frequent value, the first one on a tie."""
    counts = tally(values)
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def covered(length: int, mentions: list[RawMention]) -> bytearray:
    """1 for every character of the text inside one of the mentions."""
    marks = bytearray(length)
    for m in mentions:
        marks[m.start : m.end] = b"\x01" * (m.end - m.start)
    return marks


def words_of(text: str) -> set[str]:
    return {m.group(0) for m in WORD.finditer(text)}


def match_key(key: str, type_: str) -> str:
    """Comparison key of a name: folded, and for organisations and places with the endings of
    leading adjectives removed ('Vereinten Nationen' = 'Vereinte Nationen')."""
    tokens = fold(key).split()
    if type_ != "PER" and len(tokens) > 1:
        tokens = [ADJECTIVE_ENDING.sub("", t) for t in tokens[:-1]] + tokens[-1:]
    return " ".join(tokens)


def name_tokens(key: str) -> list[str]:
    """Comparable name parts: 'Baschar al-Assad' → ['baschar', 'assad']."""
    tokens = [PARTICLE_PREFIX.sub("", t) for t in key.split()]
    return [fold(t) for t in tokens if t.lower() not in NAME_PARTICLES]


def title_of(word: str) -> str | None:
    """Base form of a title word ('Präsidenten' → 'Präsident'), None if it is not a title."""
    if not word[:1].isupper():
        return None
    match = TITLE.match(word)
    if match is None:
        return None
    suffix = (match.group("suffix") or "").lower()
    base = match.group("base")
    return base + "in" if suffix in ("in", "innen") else base


class MentionNormalizer:
    """Turns NER mentions into name-part, nominative mentions (compounds, genitive)."""

    def __init__(self, gazetteer: Gazetteer, text: str, known: set[str], persons: set[str]):
        self.gazetteer = gazetteer
        self.text = text
        self.words = words_of(text)
        self.known = known  # surface texts of all NER mentions in the article
        self.persons = persons  # folded name parts of the article's person mentions

    def is_known(self, name: str) -> bool:
        return name in self.known or name in self.gazetteer or is_acronym_like(name)

    def split_compound(
        self, start: int, end: int, type_: str, label: str | None
    ) -> tuple[int, int, str]:
        """Span and type of the name part of a hyphenated compound ('Assad-Truppen' → 'Assad').

        The last part is cut off when it is lower-case ('US-geführten'), when NER marked the
        mention as part of a compound (GermEval '...part' labels), when the part before the
        hyphen is a person's name of the article ('Assad-Regimes' beside 'Baschar al-Assad'
        becomes a mention of the person; 'Kramp-Karrenbauer' stays whole), or, without a NER
        label, when the part before the hyphen is a known name and the rest is not.
        'UN-Sicherheitsrat' tagged ORG stays whole.
        """
        surface = self.text[start:end]
        if "-" not in surface or " " in surface.rsplit("-", 1)[-1]:
            return start, end, type_
        if DIRECTION.match(surface) or surface in self.gazetteer:
            return start, end, type_
        part = bool(label and label.endswith("part"))
        while "-" in surface:
            prefix, head = surface.rsplit("-", 1)
            if not prefix or prefix.endswith(" ") or not head:
                break
            last = prefix.split()[-1]
            person = fold(PARTICLE_PREFIX.sub("", last)) in self.persons and last not in self.known
            standalone = type_ == "PER" and last in self.words
            unlabelled = label is None and self.is_known(prefix) and not self.is_known(head)
            if head[:1].islower() or part or standalone or person or unlabelled:
                surface = prefix
                end = start + len(prefix)
                type_ = "PER" if person else type_
                continue
            break
        return start, end, type_

    def trim_descriptor(self, start: int, end: int, type_: str) -> tuple[int, int, str]:
        """'Rebellenhochburg Idlib', 'Assad-Truppen Aleppo' (NER spans one word too wide): keep
        the place when the first word is a descriptor noun or a name compound."""
        surface = self.text[start:end]
        first, _, rest = surface.partition(" ")
        if not rest or surface in self.gazetteer or rest not in self.gazetteer:
            return start, end, type_
        head = first.split("-")[0]
        compound = "-" in first and (self.is_known(head) or fold(head) in self.persons)
        if DESCRIPTOR.search(first) or compound:
            return end - len(rest), end, "LOC"
        return start, end, type_

    def skip_titles(self, start: int, end: int) -> int | None:
        """Start of the name in a person mention that begins with a title ('Dr. Erdoğan Teziç',
        'Präsident Putin'); None when no name is left ('Außenminister Südkoreas')."""
        while True:
            surface = self.text[start:end]
            match = ACADEMIC_TITLE.match(surface)
            if match is None:
                first, _, rest = surface.partition(" ")
                if not rest or title_of(first) is None:
                    return start
                length = len(first) + 1
            else:
                length = match.end()
            rest = surface[length:].lstrip()
            start = end - len(rest)
            if not rest or not rest[:1].isupper():
                return None
            if " " not in rest and rest.endswith("s") and rest[:-1] in self.gazetteer:
                return None  # only a country's genitive left: 'Außenminister Südkoreas'

    def nominative(self, surface: str, type_: str, start: int | None = None) -> str:
        """Strip a genitive -s or apostrophe when the article or the gazetteer supports it, or
        -es/-s after a genitive article ('des Bundeskriminalamtes' → 'Bundeskriminalamt')."""
        if surface.endswith(("'", "’")) and len(surface) > 2:
            return surface[:-1]
        if not surface.endswith("s") or surface.endswith("ss") or len(surface) < 4:
            return surface
        if (
            start is not None
            and type_ != "PER"
            and GENITIVE_ARTICLE.search(self.text, max(0, start - 10), start)
        ):
            if surface.endswith("es") and surface[-3] not in "aeiouäöüy" and len(surface) > 5:
                return surface[:-2]
            return surface[:-1]
        stem = surface[:-1]
        last_stem = stem.split()[-1]
        if last_stem in self.words or stem in self.known:
            return stem
        if type_ == "LOC":
            stem_found = self.gazetteer.lookup(stem)
            if stem_found:
                full_found = self.gazetteer.lookup(surface)
                if not full_found:
                    return stem
                if min(c.match for c in stem_found) < min(c.match for c in full_found):
                    return stem
        return surface


def describes_someone(text: str, start: int, end: int) -> bool:
    """Whether a mention the recogniser found only describes or counts people (an age noun,
    a number word, or a person's title or feminine noun ending a mention of several words or
    right after an article) instead of naming someone."""
    surface = text[start:end]
    words = surface.split()
    if not words or AGE_DESCRIPTION.fullmatch(surface) or NUMBER_WORDS.fullmatch(words[0]):
        return True
    last = words[-1].rsplit("-", 1)[-1]
    if title_of(last) is not None or FEMININE_PERSON.fullmatch(last) is not None:
        # a name does not end in a title: "Österreichs Verkehrsministerin", "Ministerin"
        return (
            len(words) > 1 or DETERMINER_BEFORE.search(text, max(0, start - 8), start) is not None
        )
    return False


def is_acronym_like(name: str) -> bool:
    """'UN', 'IS', 'EuGH', 'NATO': mostly capitals, short, no spaces."""
    if not (2 <= len(name) <= 8) or " " in name or not name[0].isupper():
        return False
    return sum(ch.isupper() for ch in name) >= max(2, len(name) // 2)


def _body_word(word: str) -> tuple[str, bool, bool, str] | None:
    """For a word naming a public body: its nominative (without a genitive "-s"/"-es"),
    whether a compound names the body ("Finanzministerium", not "Ministerium"), whether the
    body is a local one (``LOCAL_BODIES``) and the noun's gender ("m", "f", "n"); None for
    other words."""
    match = BODY_NOUN.search(word) if word[:1].isupper() else None
    if match is None:
        return None
    noun = match.group("noun").lower()
    local = noun not in PUBLIC_BODIES
    gender = (LOCAL_BODIES if local else PUBLIC_BODIES)[noun]
    compound = bool(word[: match.start()].rstrip("-"))
    return word[: match.end("noun")], compound, local, gender


DECLINED = re.compile(r"(?P<stem>[\w-]*(?:isch|ig|[Dd]eutsch))(?:e|er|es|en|em)")
STRONG_ENDINGS = {"m": "er", "f": "e", "n": "es"}


def _strong(adjective: str, gender: str) -> str:
    """The adjective of a body's name as it stands without an article: "Deutschen" before a
    masculine noun → "Deutscher", "Bayerischen" before a neuter one → "Bayerisches"; an
    adjective of a city ("Brüsseler") does not change."""
    match = DECLINED.fullmatch(adjective)
    if match is None:
        return adjective
    return match.group("stem") + STRONG_ENDINGS[gender]


# words an acronym's letters may skip or take one letter of ("Gewerkschaft der Polizei (GdP)",
# "Bundesinstitut für Arzneimittel und Medizinprodukte (BfArM)")
ACRONYM_FILLERS = frozenset(
    {
        "der", "die", "das", "des", "dem", "den", "für", "und", "von", "vom", "zur", "zum", "im",
        "am", "in",
    }
)  # fmt: skip
# the end of a word naming a body, which no person's name has ("Robert Koch-Institut")
ORGANISATION_WORD = re.compile(
    r"(?:institut|stiftung|verband|verein|gesellschaft|zentrum|akademie|klinik|klinikum|"
    r"universität|hochschule|ministerium|gericht|amt|bund|werk)e?s?$",
    re.IGNORECASE,
)


# Nouns of an association or body (the end of a compound: "Fahrgastverband", "Mieterforum")
ASSOCIATION_NOUNS = (
    "verband", "bund", "forum", "verein", "initiative", "club", "klub", "kollektiv",
    "gewerkschaft", "bündnis", "stiftung", "netzwerk", "genossenschaft", "vereinigung",
)  # fmt: skip
_ASSOCIATION = r"[A-ZÄÖÜ][\w-]*(?:" + "|".join(ASSOCIATION_NOUNS) + r")"
_NAME_WORD = r"[A-ZÄÖÜ][\w-]+"
NAMED_BODY = re.compile(
    r"(?<![\w-])(?P<name>"
    # a capitalised adjective before the noun: "Deutsche Mieterbund"
    rf"(?P<adjective>[A-ZÄÖÜ][a-zäöüß]+(?:e|en|er|es|em))\s+(?P<noun>{_ASSOCIATION})"
    # the noun and a name of one or two words: "Fahrgastverband Pro Bahn"
    rf"|{_ASSOCIATION}(?P<after2>(?:\s+{_NAME_WORD}){{1,2}})(?![\w-])"
    # a name before a legal form: "Isarwohnen GmbH"
    rf"|{_NAME_WORD}(?:\s+{_NAME_WORD})?\s+(?:GmbH|AG|SE|KG|KGaA|e\.\s?V\.)"
    r")(?![\w-])"
)
# words after a body's noun that are no name: times and the nouns of a sentence
NOT_NAME_WORDS = frozenset(
    {
        "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
        "Oktober", "November", "Dezember", "Anfang", "Ende", "Mitte", "Sprecher", "Sprecherin",
        "Chef", "Chefin", "Präsident", "Präsidentin", "Vorsitzende", "Vorsitzender",
    }
)  # fmt: skip
COMMON_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "ität", "nis", "ismus")
# a capitalised word, then two more: a title and a name ("Fraktionschefin Leyla Demirci"),
# found at every word (a lookahead), so "Die Fraktionschefin Leyla Demirci" has it too
TITLED_NAME = re.compile(
    r"(?<![\w-])(?=[A-ZÄÖÜ][\w-]+[ ](?P<name>[A-ZÄÖÜ][\w-]+[ ][A-ZÄÖÜ][\w-]+)(?![\w-]))"
)
ACRONYM_IN_BRACKETS = re.compile(r"\(([A-ZÄÖÜ][\wÄÖÜäöü]{1,7})\)")
COMPOUND_MIN = 8  # a word this long may be a compound whose parts give letters


def spells(letters: str, parts: list[str], first: bool = True) -> bool:
    """Whether the (lower-case) ``letters`` of an acronym are the beginnings of the lower-case
    ``parts`` in order, each part giving one or more letters, a filler word (``ACRONYM_FILLERS``)
    other than the first also none: "vku" ~ verband kommunaler unternehmen, "bfarm" ~
    bundesinstitut für arzneimittel und medizinprodukte. A compound (``COMPOUND_MIN`` letters
    or more) gives its initial and letters from inside it ("ssb" ~ stadtsportbund)."""
    if not parts:
        return not letters
    part, rest = parts[0], parts[1:]
    if not first and part in ACRONYM_FILLERS and spells(letters, rest, False):
        return True
    if not letters or letters[0] != part[0]:
        return False
    if len(part) >= COMPOUND_MIN:
        # the initial, then letters found in order inside the word; the rest from the parts after
        at = 1
        for taken in range(1, len(letters) + 1):
            if spells(letters[taken:], rest, False) or (taken == len(letters) and not rest):
                return True
            if taken == len(letters):
                return False
            at = part.find(letters[taken], at) + 1
            if at <= 0:
                return False
        return False
    return any(
        letters[:n] == part[:n] and spells(letters[n:], rest, False)
        for n in range(1, min(len(part), len(letters)) + 1)
    )


def spelled_out_before(
    text: str,
    mention: RawMention,
    person_ends: set[int],
    is_place: Callable[[str], bool] = lambda word: False,
) -> str | None:
    """The words right before an acronym in parentheses whose initials spell it ("Verband
    kommunaler Unternehmen (VKU)", "Die Gewerkschaft Nahrung-Genuss-Gaststätten (NGG)" →
    "Nahrung-Genuss-Gaststätten"): the fewest words, opening with a capital, in the same
    clause; a place after them gives no letter ("Stadtsportbund Krefeld (SSB)"); None after a
    person ("Franz Josef Jung (CDU)") or when none spell it."""
    acronym = text[mention.start : mention.end]
    if (
        not is_acronym_like(acronym)
        or text[mention.start - 1 : mention.start] != "("
        or text[mention.end : mention.end + 1] != ")"
    ):
        return None
    clause = text[max(0, mention.start - 160) : mention.start - 1]
    last = clause.split()[-1:] or [""]
    if len(clause.rstrip()) + max(0, mention.start - 160) in person_ends and not (
        ORGANISATION_WORD.search(last[0])
    ):
        return None  # not after a person, unless NER took a body for one ("Koch-Institut")
    words = re.split(r"[.!?;:,()\n\"„“”»«]", clause)[-1].split()
    for k in range(1, min(len(words), 7) + 1):
        candidate = words[-k:]
        spelling = candidate[:-1] if k > 1 and is_place(candidate[-1]) else candidate
        parts = [p.lower() for word in spelling for p in word.split("-") if p]
        if candidate[0][:1].isupper() and spells(acronym.lower(), parts):
            return " ".join(candidate)
    return None


# The gender of a body's noun by its end, for the nominative of the adjectives before it
# ("Bayerischer Brauerbund", "Auswärtiges Amt", "Europäische Union"); besides
# ``PUBLIC_BODIES`` and ``LOCAL_BODIES``.
NOUN_GENDERS = {
    "bund": "m", "verband": "m", "verein": "m", "dienst": "m", "rat": "m", "tag": "m",
    "hof": "m", "konzern": "m", "kreis": "m", "ausschuss": "m", "senat": "m", "club": "m",
    "klub": "m", "rundfunk": "m", "staat": "m", "orden": "m",
    "institut": "n", "werk": "n", "haus": "n", "kreuz": "n", "zentrum": "n", "komitee": "n",
    "büro": "n", "museum": "n", "theater": "n", "forum": "n", "bündnis": "n",
    "unternehmen": "n", "kollegium": "n", "parlament": "n", "archiv": "n", "kabinett": "n",
    "ung": "f", "schaft": "f", "ion": "f", "tät": "f", "ei": "f", "kammer": "f", "behörde": "f",
    "bank": "f", "kasse": "f", "union": "f", "stiftung": "f", "initiative": "f",
    "akademie": "f", "schule": "f", "bahn": "f", "kirche": "f", "liga": "f", "börse": "f",
    "allianz": "f", "gruppe": "f", "hilfe": "f", "konferenz": "f",
}  # fmt: skip


BODY_GENDERS = {**NOUN_GENDERS, **PUBLIC_BODIES, **LOCAL_BODIES}


def noun_gender(noun: str) -> str | None:
    """The grammatical gender of a body's noun by its longest known end ("Brauerbund" m,
    "Landesamt" n, "Staatsregierung" f), None when unknown."""
    lower = noun.lower()
    ends = [end for end in BODY_GENDERS if lower.endswith(end)]
    return BODY_GENDERS[max(ends, key=len)] if ends else None


def strong_adjectives(name: str) -> str:
    """An organisation's name with the adjectives before its noun in the form they have
    without an article ("Bayerischen Brauerbund" → "Bayerischer Brauerbund", "Deutsche
    Leichtathletik-Verband" → "Deutscher …"); unchanged when a word before the noun is no
    such adjective ("Vereinten Nationen") or the noun's gender is unknown; a form in -er or
    -es stays ("Leipziger Volkszeitung": a city's adjective does not change)."""
    words = name.split(" ")
    if len(words) < 2 or not all(
        DECLINED.fullmatch(w) and w.endswith(("e", "en", "em")) for w in words[:-1]
    ):
        return name
    gender = noun_gender(words[-1].rsplit("-", 1)[-1])
    if gender is None:
        return name
    return " ".join([*(_strong(w, gender) for w in words[:-1]), words[-1]])


def named_in_full(names: list[RawMention]) -> bool:
    """Whether a cluster names a person in full: a mention of two words or more that NER
    tagged a person or that reads as a person's name, the cluster's other names words of it,
    and one of them tagged a person ("Karim Benali" with "Benali" that NER took for a place,
    "Gül Demirtaş" taken for a body with "Demirtaş" tagged a person)."""
    if not any(m.type == "PER" for m in names):
        return False
    full = [
        set(name_tokens(m.key))
        for m in names
        if " " in m.key.strip() and (m.type == "PER" or looks_like_a_full_name(m.key))
    ]
    return any(all(set(name_tokens(m.key)) <= tokens for m in names) for tokens in full)


def looks_like_a_full_name(key: str) -> bool:
    """Whether a name reads as a person's first name and surname: two or three capitalised
    words of letters ("Gül Demirtaş", "Malik Asante"), no acronym, no adjective in -er/-en
    ("Kasseler Sparkasse", "Deutschen Bahn") and no noun of a body ("Landgericht Bochum")."""
    words = key.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
        and not any(is_acronym_like(w) for w in words)
        and not any(w.endswith(("er", "en", "es", "em")) for w in words[:-1])
        and not any(BODY_NOUN.search(w) or DESCRIPTOR.search(w) for w in words)
    )


def title_right_before(text: str, start: int) -> bool:
    """Whether a person's title or function stands right before ``start`` ("400-Meter-Meister
    Malik Asante", "Staatssekretärin Ada Born")."""
    words = text[max(0, start - 40) : start].split(" ")
    if len(words) < 2 or words[-1] != "":
        return False
    last = words[-2].rsplit("-", 1)[-1]
    return title_of(last) is not None or FEMININE_PERSON.fullmatch(last) is not None


def _between(text: str, end: int, start: int) -> bool:
    """Whether only spaces lie between two words (no punctuation or line break)."""
    return 0 < start - end <= 2 and text[end:start].strip(" ") == ""


class EntityStage:
    """Clusters NER mentions into entities with canonical names, salience and roles."""

    name = "entities"

    def __init__(
        self,
        config: object = None,
        gazetteer: Gazetteer | None = None,
        adjectives: AdjectiveLexicon | None = None,
    ):
        self.gazetteer = gazetteer or load_gazetteer()
        self.adjectives = adjectives or load_adjectives()
        self.country_names = frozenset(c.name for c in self.gazetteer.countries())
        self.roles = RoleFinder(self.gazetteer, self.adjectives)

    # -- stage --------------------------------------------------------------------------------

    def __call__(self, article: Article) -> Article:
        text = article.text
        raw = self.collect(article)
        raw = self.scan_bodies(text, raw)
        raw += self.scan_acronyms(text, raw)
        raw += self.scan_named_bodies(text, raw)
        raw += self.scan_titled_persons(text, raw)
        raw += self.scan_names(text, raw)
        raw += self.scan_adjectives(text, raw)
        clusters = self.cluster(text, raw)
        entities = [self.build(article, c) for c in clusters]
        entities = self.merge_by_id(article, [e for e in entities if e is not None])
        self.roles(text, entities)
        article.entities = sorted(entities, key=lambda e: (e.salience.first or 0, e.id))
        return article

    # -- mentions -----------------------------------------------------------------------------

    def collect(self, article: Article) -> list[RawMention]:
        text = article.text
        known = {m.text for e in article.entities for m in e.mentions}
        persons = {
            token
            for e in article.entities
            if e.type == "PER"
            for m in e.mentions
            if m.kind == "name"
            for token in name_tokens(m.text)
        }
        normalizer = MentionNormalizer(self.gazetteer, text, known, persons)
        out: list[RawMention] = []
        seen: set[tuple[int, int]] = set()
        for entity in article.entities:
            for mention in entity.mentions:
                label = getattr(mention, "label", None)
                start, end = mention.start, mention.end
                if text[start:end] != mention.text:  # trust offsets, but never crash on bad ones
                    found = text.find(mention.text)
                    if found < 0:
                        continue
                    start, end = found, found + len(mention.text)
                if (start, end) in seen:
                    continue
                seen.add((start, end))
                single = " " not in mention.text and "-" not in mention.text
                if single and entity.type != "ORG" and not (label or "").endswith("part"):
                    adjective = self.adjective_mention(text, start, end, entity.type, known)
                    if adjective is not None and adjective.kind == "adjective":
                        out.append(adjective)  # 'Genfer' tagged PER, 'Syrer' tagged LOC
                        continue
                if mention.kind == "adjective" or (label or "").endswith("deriv"):
                    adjective = self.adjective_mention(text, start, end, entity.type, known)
                    if adjective is not None:
                        out.append(adjective)
                    continue
                start, end, type_ = normalizer.trim_descriptor(start, end, entity.type)
                if type_ == "PER":
                    start = normalizer.skip_titles(start, end)
                    if start is None:
                        continue  # 'Außenminister Südkoreas': a role, no name
                start, end, type_ = normalizer.split_compound(start, end, type_, label)
                if describes_someone(text, start, end):
                    continue
                key = normalizer.nominative(text[start:end], type_, start)
                if (
                    type_ != "PER"
                    and looks_like_a_full_name(key)
                    and title_right_before(text, start)
                ):
                    type_ = "PER"  # "der 400-Meter-Meister Malik Asante" tagged ORG
                out.append(RawMention(type_, start, end, key, "name", label))
        return out

    def adjective_mention(
        self, text: str, start: int, end: int, type_: str, known: set[str]
    ) -> RawMention | None:
        word = text[start:end]
        code = self.adjectives.country_of(word)
        if code is not None:
            return RawMention("LOC", start, end, word, "adjective", country=code)
        # city adjectives: 'Genfer', 'Berliner' when the article names 'Genf', 'Berlin'
        if word.endswith("er") and word[:1].isupper():
            stem = word[:-2]
            if stem in known:
                return RawMention("LOC", start, end, word, "adjective", place=stem)
        return None

    def scan_bodies(self, text: str, raw: list[RawMention]) -> list[RawMention]:
        """``raw`` with the public bodies NER missed (``PUBLIC_BODIES``): "des Deutschen
        Wetterdienstes" → ``Deutschen Wetterdienst``, "dem Finanzministerium", "das
        Regierungspräsidium Gießen". A country adjective or a place NER found inside such a
        name becomes part of it; a name overlapping any other mention is left to NER."""
        words = list(WORD.finditer(text))
        found: list[tuple[RawMention, str, bool]] = []  # a body, its noun, whether it is bare
        inside: list[RawMention] = []  # the adjectives and places the bodies take in
        for k, match in enumerate(words):
            body = _body_word(match.group(0))
            if body is None:
                continue
            base, compound, local, gender = body
            start, end = match.span()
            adjective = words[k - 1] if k and _between(text, words[k - 1].end(), start) else None
            if adjective is not None and not (
                BODY_ADJECTIVE.fullmatch(adjective.group(0))
                and adjective.group(0).lower() not in NOT_ADJECTIVES
            ):
                adjective = None
            place = words[k + 1] if k + 1 < len(words) else None
            if place is None or not (
                _between(text, end, place.start())
                and place.group(0)[:1].isupper()
                and place.group(0) in self.gazetteer
            ):
                place = None
            if not (adjective or place or (compound and not local)):
                continue
            first = adjective.start() if adjective else start
            last = place.end() if place else end
            within = [m for m in raw if m.start < last and first < m.end]
            if any(
                not (m.type == "LOC" and first <= m.start and m.end <= last and m.start != start)
                for m in within
            ):
                continue  # NER has a mention of its own there
            inside += within
            parts = [_strong(adjective.group(0), gender)] if adjective else []
            parts.append(base)
            if place:
                parts.append(place.group(0))
            mention = RawMention("ORG", first, last, " ".join(parts), "name")
            found.append((mention, base, not (adjective or place)))
        if not found:
            return raw
        # "das Universitätsklinikum" after "Universitätsklinikum Frankfurt": the same body
        named: dict[str, set[str]] = {}
        for mention, base, bare in found:
            if not bare:
                named.setdefault(base, set()).add(mention.key)
        for mention, base, bare in found:
            if bare and len(named.get(base, ())) == 1:
                mention.key = next(iter(named[base]))
        taken = {id(m) for m in inside}
        return [m for m in raw if id(m) not in taken] + [mention for mention, _, _ in found]

    def scan_named_bodies(self, text: str, raw: list[RawMention]) -> list[RawMention]:
        """Organisations NER missed that their words show: a noun of an association right
        before a name ("der Fahrgastverband Pro Bahn", "das Mieterforum Südbayern", "der
        Fanclub Westerwaldkurve"), a capitalised adjective before such a noun ("Der Deutsche
        Mieterbund"), and a name before a legal form ("Isarwohnen GmbH"). Not where any
        mention lies (places inside a name are left to NER)."""
        taken = covered(len(text), raw)
        out = []
        for match in NAMED_BODY.finditer(text):
            start, end = match.span("name")
            if any(taken[start:end]) or any(
                w in NOT_NAME_WORDS or w.lower().endswith(COMMON_NOUN_ENDINGS)
                for w in (match.group("after2") or "").split()
            ):
                continue
            key = match.group("name")
            if match.group("adjective") and match.group("adjective").lower() in NOT_ADJECTIVES:
                continue  # "Die Bürgerinitiative": an article, no name
            if match.group("adjective"):
                gender = noun_gender(match.group("noun"))
                if gender is None:
                    continue
                key = _strong(match.group("adjective"), gender) + " " + match.group("noun")
            out.append(RawMention("ORG", start, end, key, "name"))
        return out

    def scan_titled_persons(self, text: str, raw: list[RawMention]) -> list[RawMention]:
        """Persons NER missed right after a title or a person's noun ("Fraktionschefin Leyla
        Demirci", "Bürgermeister Jan Holt"): a first name and a surname that read as a
        person's name (``looks_like_a_full_name``)."""
        taken = covered(len(text), raw)
        out: list[RawMention] = []
        for match in TITLED_NAME.finditer(text):
            start, end = match.span("name")
            name = match.group("name")
            if (
                any(taken[start:end])
                or any(m.start < end and start < m.end for m in out)
                or not looks_like_a_full_name(name)
                or not title_right_before(text, start)
            ):
                continue
            out.append(RawMention("PER", start, end, name, "name"))
        return out

    def scan_acronyms(self, text: str, raw: list[RawMention]) -> list[RawMention]:
        """Acronyms in parentheses that NER missed, after the words that spell them out
        ("vom Mieterschutzverein Frankfurt-West (MFW)", "der Bund Naturschutz in Bayern (BN)"
        where NER marked a part): organisations. The cluster then takes
        the words before as the name, and ``scan_names`` finds the acronym's later uses."""
        taken = covered(len(text), raw)
        persons = covered(len(text), [m for m in raw if m.type == "PER"])  # bodies, places may be
        person_ends = {m.end for m in raw if m.type == "PER"}
        out = []
        for match in ACRONYM_IN_BRACKETS.finditer(text):
            start, end = match.span(1)
            if any(taken[start:end]) or not is_acronym_like(match.group(1)):
                continue
            mention = RawMention("ORG", start, end, match.group(1), "name")
            spelled = spelled_out_before(text, mention, person_ends, self._is_place)
            if spelled is not None and not any(persons[start - 2 - len(spelled) : start - 2]):
                out.append(mention)
        return out

    def _is_place(self, word: str) -> bool:
        """Whether the gazetteer knows a capitalised word as a place ("Krefeld")."""
        return word[:1].isupper() and word in self.gazetteer

    def scan_names(self, text: str, raw: list[RawMention]) -> list[RawMention]:
        """Occurrences of names that NER missed: the article's person names and surnames (also
        in the genitive and in compounds: 'Putins', 'Assad-Truppen'), its place names that the
        gazetteer knows, its acronyms, and the German names of all countries ('Frankreichs').
        A person's name after an article ('der Koch') is skipped."""
        surfaces: dict[str, tuple[str, str]] = {  # surface -> (type, key)
            name: ("LOC", name) for name in self.country_names
        }
        for m in raw:
            if m.kind != "name":
                continue
            searchable = (
                m.type == "PER"
                or (m.type == "LOC" and m.key in self.gazetteer)
                or is_acronym_like(m.key)
            )
            if not searchable:
                continue
            forms = [m.key]
            if m.type == "PER" and " " in m.key:
                forms.append(PARTICLE_PREFIX.sub("", m.key.split()[-1]))
            for form in forms:
                if len(form) >= 3 and form[:1].isupper():
                    surfaces.setdefault(form, (m.type, m.key if form == m.key else form))
        if not surfaces:
            return []
        taken = covered(len(text), raw)
        out = []
        for match in WORD.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            word = match.group(0)
            name, stop = word, end
            if name not in surfaces and name.endswith("s") and name[:-1] in surfaces:
                name = name[:-1]  # genitive: 'Putins'
            elif name not in surfaces and "-" in name and name.split("-")[0] in surfaces:
                name = name.split("-")[0]  # compound: 'Assad-Truppen'
                stop = start + len(name)
            found = surfaces.get(name)
            if found is None:
                continue
            type_, key = found
            compound = stop != end
            before = DETERMINER_BEFORE.search(text, max(0, start - 8), start)
            if type_ == "PER" and before and not compound:
                continue
            out.append(RawMention(type_, start, stop, key, "name", None))
        return out

    def scan_adjectives(self, text: str, raw: list[RawMention]) -> list[RawMention]:
        """Country adjectives/demonyms and city adjectives that NER did not tag."""
        taken = covered(len(text), raw)
        names = {m.key for m in raw if m.kind == "name" and m.type == "LOC"}
        out = []
        for match in WORD.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            found = self.adjective_mention(text, start, end, "LOC", names)
            if found is not None:
                out.append(found)
        return out

    # -- clustering ---------------------------------------------------------------------------

    def cluster(self, text: str, raw: list[RawMention]) -> list[Cluster]:
        raw = sorted(raw, key=lambda m: m.start)
        parent = list(range(len(raw)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            parent[find(j)] = find(i)

        names = [i for i, m in enumerate(raw) if m.kind == "name"]
        # same name (case, accents and adjective endings folded)
        by_key: dict[str, int] = {}
        for i in names:
            key = match_key(raw[i].key, raw[i].type)
            if key in by_key:
                union(by_key[key], i)
            else:
                by_key[key] = i
        # acronyms: 'Islamischer Staat (IS)'
        expansions: dict[str, str] = {}
        for i in names:
            acronym = self.acronym_after(text, raw[i])
            if acronym is None:
                continue
            expansions[fold(acronym)] = raw[i].key
            for j in names:
                if fold(raw[j].key) == fold(acronym):
                    union(i, j)
        # 'Verband kommunaler Unternehmen (VKU)', where NER marked only the acronym
        person_ends = {m.end for m in raw if m.type == "PER"}
        for i in names:
            if fold(raw[i].key) not in expansions:
                spelled = spelled_out_before(text, raw[i], person_ends, self._is_place)
                if spelled is not None:
                    expansions[fold(raw[i].key)] = spelled
                    for j in names:  # the acronym's other uses, whatever type NER gave them
                        if fold(raw[j].key) == fold(raw[i].key):
                            union(i, j)
        # persons: surname or shorter name → fuller name (nearest preceding on ambiguity)
        persons = [i for i in names if raw[i].type == "PER"]
        tokens_of = {i: name_tokens(raw[i].key) for i in persons}
        for i in persons:
            tokens = tokens_of[i]
            if not tokens:
                continue
            fuller = [
                j
                for j in persons
                if len(tokens_of[j]) > len(tokens) and tokens_of[j][-len(tokens) :] == tokens
            ]
            if not fuller and len(tokens) == 1:
                # a first name alone ('Tedros') when exactly one full name starts with it
                fuller = [
                    j for j in persons if len(tokens_of[j]) > 1 and tokens_of[j][0] == tokens[0]
                ]
                if len({fold(raw[j].key) for j in fuller}) != 1:
                    continue
            if not fuller:
                continue
            longest = {fold(raw[j].key) for j in fuller}
            if len({find(j) for j in fuller}) > 1 and len(longest) > 1:
                before = [j for j in fuller if raw[j].start < raw[i].start]
                target = before[-1] if before else fuller[0]
            else:
                target = fuller[0]
            union(target, i)
        # a surname alone whose full name NER took for a body or place ('Gül Demirtaş' tagged
        # ORG, 'Demirtaş' PER), when no person has that full name and one such name does
        for i in persons:
            tokens = tokens_of[i]
            if len(tokens) != 1 or any(
                len(tokens_of[j]) > 1 for j in persons if find(j) == find(i)
            ):
                continue
            full = [
                j
                for j in names
                if raw[j].type != "PER"
                and looks_like_a_full_name(raw[j].key)
                and name_tokens(raw[j].key)[-1] == tokens[0]
            ]
            if len({fold(raw[j].key) for j in full}) == 1:
                union(full[0], i)
        # adjectives: join the place they refer to
        clusters: dict[int, Cluster] = {}
        for i in names:
            clusters.setdefault(find(i), Cluster()).mentions.append(raw[i])
        country_root = self.country_roots(raw, names, find)
        place_root = {fold(raw[i].key): find(i) for i in names if raw[i].type == "LOC"}
        orphans: dict[str, Cluster] = {}
        for mention in raw:
            if mention.kind != "adjective":
                continue
            root = None
            if mention.country is not None:
                root = country_root.get(mention.country)
            elif mention.place is not None:
                root = place_root.get(fold(mention.place))
            if root is not None:
                clusters[root].mentions.append(mention)
            elif mention.country is not None:
                orphans.setdefault(mention.country, Cluster()).mentions.append(mention)
        for cluster in clusters.values():
            for mention in cluster.mentions:
                if fold(mention.key) in expansions:
                    cluster.expansion = expansions[fold(mention.key)]
        return list(clusters.values()) + list(orphans.values())

    def country_roots(self, raw: list[RawMention], names: list[int], find) -> dict[str, int]:
        """ISO code → cluster of a name mention that names that country."""
        roots: dict[str, int] = {}
        for i in names:
            if raw[i].type not in ("LOC", "ORG", "OTH"):
                continue
            for candidate in self.gazetteer.lookup(raw[i].key):
                place = candidate.place
                if place.feature == "country" and place.country_code and candidate.match < 2:
                    roots.setdefault(place.country_code, find(i))
        return roots

    @staticmethod
    def acronym_after(text: str, mention: RawMention) -> str | None:
        """'Islamischer Staat (IS)': the acronym in parentheses right after a name."""
        if mention.type == "PER":  # 'Franz Josef Jung (CDU)': a party, not an acronym
            return None
        match = re.match(r"\s*\(([A-ZÄÖÜ][\wÄÖÜäöü]{1,7})\)", text[mention.end : mention.end + 12])
        if match is None or " " not in mention.key and is_acronym_like(mention.key):
            return None
        acronym = match.group(1)
        if not is_acronym_like(acronym) or acronym[0] != mention.key[:1].upper():
            return None  # 'Region Basel (IGDRB)': NER found only a part of the long form
        return acronym

    # -- entities -----------------------------------------------------------------------------

    def build(self, article: Article, cluster: Cluster) -> Entity | None:
        text = article.text
        names = [m for m in cluster.mentions if m.kind == "name"]
        if names:
            type_ = most_common([m.type for m in names])
            if type_ != "PER" and named_in_full(names):
                type_ = "PER"  # 'Karim Benali', whose surname NER took for a place
            name = cluster.expansion or self.canonical(type_, names)
            if type_ == "ORG":
                name = strong_adjectives(name)  # 'des Bayerischen Brauerbundes'
        else:
            code = next(m.country for m in cluster.mentions if m.country)
            country = self.gazetteer.country(code)
            if country is None:
                return None
            type_, name = "LOC", country.name
        mentions = []
        for m in sorted(cluster.mentions, key=lambda m: m.start):
            mention = Mention(text=text[m.start : m.end], start=m.start, end=m.end, kind=m.kind)
            if m.label:
                mention.label = m.label
            mentions.append(mention)
        return Entity(
            id=entity_id(type_, name),
            type=type_,
            name=name,
            mentions=mentions,
            salience=salience_of(article, mentions),
        )

    @staticmethod
    def canonical(type_: str, names: list[RawMention]) -> str:
        counts = tally([m.key for m in names])
        first = {}
        for m in names:
            first.setdefault(m.key, m.start)
        if type_ == "PER":
            return max(counts, key=lambda k: (len(k.split()), counts[k], -first[k]))
        # 'Islamischer Staat' before 'Islamischen Staat': an uninflected adjective is nominative
        return max(counts, key=lambda k: (not INFLECTED.search(k), counts[k], -first[k]))

    @staticmethod
    def merge_by_id(article: Article, entities: list[Entity]) -> list[Entity]:
        merged: dict[str, Entity] = {}
        for entity in entities:
            known = merged.get(entity.id)
            if known is None:
                merged[entity.id] = entity
                continue
            known.mentions = sorted(known.mentions + entity.mentions, key=lambda m: m.start)
            known.salience = salience_of(article, known.mentions)
        return list(merged.values())


class RoleFinder:
    """Titles and functions stated next to a person's name, with the country or organisation."""

    def __init__(self, gazetteer: Gazetteer, adjectives: AdjectiveLexicon):
        self.gazetteer = gazetteer
        self.adjectives = adjectives

    def __call__(self, text: str, entities: list[Entity]) -> None:
        """Add the roles stated in ``text`` to the person entities."""
        persons = [e for e in entities if e.type == "PER"]
        for entity in persons:
            for mention in entity.mentions:
                if mention.kind != "name":
                    continue
                for role in (
                    self.role_before(text, mention.start),
                    self.role_after(text, mention.end),
                ):
                    if role is not None and role not in entity.roles:
                        entity.roles.append(role)
            # 'Präsident' alone is redundant beside 'Präsident' of Russland
            stated = {(r.title, r.of) for r in entity.roles}
            entity.roles = [
                r
                for r in entity.roles
                if r.of is not None or not any(t == r.title and o for t, o in stated)
            ]
        self.add_described_roles(text, persons)

    def role_before(self, text: str, start: int) -> Role | None:
        """'Russlands Präsident Putin', 'der UN-Sondergesandte de Mistura', 'des syrischen
        Präsidenten Assad', 'Präsident Baschar al-Assad'."""
        window = text[max(0, start - 80) : start]
        ends = list(SENTENCE_END.finditer(window))
        if ends:
            window = window[ends[-1].end() :]
        words = WORD.findall(window)
        if not words or not window.rstrip().endswith(words[-1]):
            return None
        word = words[-1]
        title, of = self.title_and_org(word)
        if title is None:
            return None
        stated = [word]
        if len(words) >= 2 and of is None:
            of = self.country_or_org_name(words[-2], genitive=True)
            if of is not None:
                stated.insert(0, words[-2])
        phrase_start = window.rfind(stated[0])
        return Role(title=title, of=of, text=window[phrase_start:].strip())

    def title_and_org(self, word: str) -> tuple[str | None, str | None]:
        """'Präsidenten' → ('Präsident', None); 'UN-Sondergesandte' → ('Sondergesandte', 'UN')."""
        if "-" not in word:
            return title_of(word), None
        prefix, _, rest = word.rpartition("-")
        rest = rest[:1].upper() + rest[1:]
        title = title_of(rest) if rest else None
        if title is None or not prefix:
            return None, None
        return title, self.country_or_org_name(prefix, genitive=False)

    def role_after(self, text: str, end: int) -> Role | None:
        """Apposition: 'Putin, der russische Präsident', 'Erdogan, Präsident der Türkei'."""
        match = APPOSITION.match(text, end)
        if match is None:
            return None
        adjective, word, of_word = match.group("adj"), match.group("title"), match.group("of")
        title, of = self.title_and_org(word)
        if title is None:
            return None
        if of is None and adjective:
            of = self.adjectives_country(adjective)  # None for 'der neue Kanzler'
        elif of is None and of_word:
            of = self.country_or_org_name(of_word, genitive=True)
            if of is None and of_word in self.gazetteer:
                of = self.country_or_org_name(of_word, genitive=False)
        phrase = match.group(0).lstrip(", ").rstrip()
        return Role(title=title, of=of, text=phrase)

    def adjectives_country(self, word: str) -> str | None:
        code = self.adjectives.country_of(word)
        country = self.gazetteer.country(code) if code else None
        return country.name if country else None

    def country_or_org_name(self, word: str, *, genitive: bool) -> str | None:
        """'syrischen' → 'Syrien', 'Russlands' → 'Russland', 'UN' → 'UN'."""
        code = self.adjectives.country_of(word)
        if code is not None:
            country = self.gazetteer.country(code)
            return country.name if country else None
        if genitive and word.endswith("s") and word[:1].isupper():
            for candidate in self.gazetteer.lookup(word[:-1]):
                if candidate.place.feature == "country" and candidate.match < 2:
                    return candidate.place.name
            return None
        if not genitive and word[:1].isupper():
            for candidate in self.gazetteer.lookup(word):
                if candidate.place.feature == "country":
                    return candidate.place.name
            return word
        return None

    def add_described_roles(self, text: str, persons: list[Entity]) -> None:
        """'der türkische Präsident' → the one person with a stated role of that country."""
        pattern = re.compile(r"\b(?:[Dd](?:er|ie|es|em|en))\s+(\w+)\s+([A-ZÄÖÜ][\w-]+)\b")
        for match in pattern.finditer(text):
            code = self.adjectives.country_of(match.group(1))
            title = title_of(match.group(2))
            if code is None or title is None:
                continue
            following = text[match.end() : match.end() + 2]
            if following[:1] == " " and following[1:2].isupper():
                continue  # a name follows: role_before handled it
            country = self.gazetteer.country(code)
            if country is None:
                continue
            holders = [
                p
                for p in persons
                if any(r.of == country.name for r in p.roles)
                and min(m.start for m in p.mentions) < match.start()
            ]
            if len(holders) != 1:
                continue
            role = Role(title=title, of=country.name, text=match.group(0))
            if all((r.title, r.of) != (role.title, role.of) for r in holders[0].roles):
                holders[0].roles.append(role)
