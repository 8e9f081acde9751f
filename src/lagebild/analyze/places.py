"""The ``places`` stage: resolve LOC entities against the offline gazetteer into ``geo``.

For every LOC entity (and every other entity named exactly like a country, which NER tags ORG
when the country acts and sometimes PER: it becomes LOC) the names it is mentioned by
(canonical name first) are looked up in the gazetteer (:mod:`lagebild.analyze.gazetteer`).
Candidates are scored by

- feature type (a country or continent before a city of the same name, a city before a US
  state: ``Washington``),
- population (log scale),
- how the name matched (the place's main name or its first words, ``Frankfurt`` for
  ``Frankfurt am Main``; an alternate name; an ASCII-folded spelling),
- country context: candidates in a country that the article names, or in which another place of
  the article lies unambiguously, get a bonus (two passes: context first, then final choice),
- a small bonus for Germany, Austria and Switzerland (German news).

A region name without coordinates (ISO 3166-2, e.g. ``Bayern``) competes too and, when it wins,
leaves the entity unresolved rather than placing it in a same-named small town; one named like
a big city of its country (``Berlin``) is that city. Seas and lakes are matched only by a
place's main name. Nominative forms of dative names (``den Niederlanden``) and the name after
a direction prefix (``Ost-Aleppo``, lower confidence; a country's region is never placed at the
capital) are tried when the name itself is not found.

The confidence is the softmax share of the best candidate. A place is resolved only when it
reaches ``threshold`` (measured on the tuning part of ``tests/data/places_gold.jsonl``, see
``docs/quality.md``); otherwise the entity keeps ``geo = None``. A resolved entity gets
``geo = {lat, lon, country_code, geonames_id, feature, confidence}`` and the stable id
``geo-<geonames_id>`` (GeoNames id of the city, country, continent or US state), so every
article refers to the same place by the same id. Entities resolved to the same place are
merged. Countries are located at their capital and named by their German CLDR name
(``Russland``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lagebild.analyze.entities import salience_of
from lagebild.analyze.gazetteer import (
    Candidate,
    Gazetteer,
    Place,
    is_acronym,
    load_gazetteer,
)
from lagebild.article import Article, Entity, Geo

FEATURE_PRIOR = {"country": 4.0, "continent": 3.0, "region": -1.0, "city": 0.0}
SUBDIVISION_SCORE = 5.0  # a region name without population: scored like a city of 300,000
REGION_CITY_POPULATION = 50_000  # "Berlin", "Genf": a region named like a big city in it
MATCH_PENALTY = (0.0, 1.0, 2.0)
POPULATION_WEIGHT = 0.8
CONTEXT_BONUS = 2.5
# German news: without other evidence 'Halle' is Halle (Saale), 'Baden' is not in Switzerland
HOME_BONUS = {"DE": 1.0, "AT": 0.5, "CH": 0.5}
FALLBACK_PENALTY = 0.9  # confidence factor when only a part of the name was found
FALLBACK_COUNTRY_PENALTY = 0.5  # "Nordmalaysia" is far from the capital of Malaysia
DEFAULT_THRESHOLD = 0.2  # measured on the tune split: see docs/quality.md

Context = Counter  # ISO country code -> mentions of the article's places in that country

NATURAL_FEATURE = re.compile(
    r"(?:meer|see|ozean|gebirge|fluss|golf|bucht|kanal|wüste|alpen|inseln)$", re.IGNORECASE
)
# 'Ost-Aleppo', 'Nord-Syrien', 'Südtürkei' are found by the name after the direction word.
DIRECTION_PREFIX = re.compile(
    r"^(?:Nord|Süd|Ost|West|Nordost|Nordwest|Südost|Südwest|Zentral|Mittel|Inner|Groß)-?(?=\w)"
)


@dataclass(frozen=True, slots=True)
class Resolution:
    place: Place
    confidence: float


class PlaceResolver:
    """Chooses one gazetteer place for a name, given the countries of the article's context."""

    def __init__(self, gazetteer: Gazetteer, threshold: float = DEFAULT_THRESHOLD):
        self.gazetteer = gazetteer
        self.threshold = threshold

    def lookup(self, name: str) -> list[Candidate]:
        """Gazetteer candidates; a sea, lake or mountain range ('Mittelmeer', 'Bodensee') only
        by the main name of a place, never by some town's alternate name."""
        found = self.gazetteer.lookup(name)
        if NATURAL_FEATURE.search(name):
            found = [c for c in found if c.match == 0]
        return found

    def candidates(self, names: Iterable[str]) -> tuple[list[Candidate], float]:
        """Candidates for the first name that has any, and the factor for a partial match."""
        names = [n for n in dict.fromkeys(names) if n and n[:1].isupper()]
        for name in names:
            found = self.lookup(name)
            if found:
                return found, 1.0
        for name in names:
            for variant in dative_variants(name):
                found = self.lookup(variant)
                if found:
                    return found, 1.0
        for name in names:
            stripped = DIRECTION_PREFIX.sub("", name)
            if stripped != name and len(stripped) > 2:
                found = self.lookup(stripped[0].upper() + stripped[1:])
                if found:
                    return found, FALLBACK_PENALTY
        return [], 0.0

    @staticmethod
    def score(candidate: Candidate, context: Context) -> float:
        place = candidate.place
        value = FEATURE_PRIOR.get(place.feature, 0.0)
        if place.feature == "subdivision":
            value += SUBDIVISION_SCORE
        else:
            value += POPULATION_WEIGHT * math.log10(max(place.population, 1))
        value -= MATCH_PENALTY[candidate.match]
        value += HOME_BONUS.get(place.country_code or "", 0.0)
        weight = context.get(place.country_code or "", 0)
        if weight:
            value += CONTEXT_BONUS * (0.5 + 0.5 * weight / max(context.values()))
        return value

    def best(self, names: Iterable[str], context: Context) -> Resolution | None:
        """The best place for these names with its confidence, whatever the threshold."""
        found, factor = self.candidates(names)
        if not found:
            return None
        big_cities = {
            c.place.country_code
            for c in found
            if c.place.feature == "city" and c.place.population >= REGION_CITY_POPULATION
        }
        # a region named like a big city of its country is that city for the map
        found = [
            c
            for c in found
            if c.place.feature != "subdivision" or c.place.country_code not in big_cities
        ]
        by_place: dict[int | str, tuple[float, Candidate]] = {}
        for candidate in found:
            value = self.score(candidate, context)
            key = candidate.place.code or candidate.place.geonames_id
            known = by_place.get(key)
            if known is None or value > known[0]:
                by_place[key] = (value, candidate)
        ranked = sorted(by_place.values(), key=lambda item: -item[0])
        top, best = ranked[0][0], ranked[0][1].place
        total = sum(math.exp(value - top) for value, _ in ranked)
        if factor < 1.0 and best.feature == "country":
            factor = FALLBACK_COUNTRY_PENALTY
        return Resolution(best, factor / total)

    def resolve(self, names: Iterable[str], context: Context) -> Resolution | None:
        """The best place if its confidence reaches the threshold, else None."""
        found = self.best(names, context)
        if found is None or found.confidence < self.threshold:
            return None
        if found.place.feature == "subdivision":
            return None  # no coordinates for regions outside the US
        return found

    def context_of(self, name_lists: list[tuple[list[str], int]]) -> Context:
        """Countries named, or holding a place resolved without any context, in the article,
        weighted by their number of mentions."""
        context: Context = Counter()
        for names, count in name_lists:
            found = self.best(names, Counter())
            if found and found.confidence >= self.threshold and found.place.country_code:
                context[found.place.country_code] += count
        return context


def dative_variants(name: str) -> list[str]:
    """Nominative guesses for a dative/genitive place name: 'den Niederlanden' → 'Niederlande',
    'den Vereinigten Staaten' → 'Vereinigte Staaten', 'Vereinigten Arabischen Emiraten'."""
    words = name.split()
    if not any(w.endswith("en") for w in words):
        return []
    leading = [w[:-1] if w.endswith("en") and w[:1].isupper() else w for w in words[:-1]]
    last = words[-1]
    lasts = [last, last[:-1]] if last.endswith("en") else [last]
    variants = [" ".join([*leading, end]) for end in lasts]
    return [v for v in dict.fromkeys(variants) if v != name]


def entity_names(entity: Entity) -> list[str]:
    """The names to look up: canonical name, then the name mentions' texts."""
    names = [entity.name]
    names += [m.text for m in entity.mentions if m.kind == "name"]
    return list(dict.fromkeys(names))


class PlaceStage:
    """Adds ``geo`` to LOC entities that the gazetteer resolves with enough confidence."""

    name = "places"

    def __init__(self, config: object = None, gazetteer: Gazetteer | None = None):
        options = config.stage_options(self.name) if hasattr(config, "stage_options") else {}
        threshold = float(options.get("threshold", DEFAULT_THRESHOLD))
        self.resolver = PlaceResolver(gazetteer or load_gazetteer(), threshold)

    def names_a_country(self, entity: Entity) -> bool:
        """An ORG/OTH entity called exactly like a country ('Deutschland' as an actor), or a PER
        entity called exactly by a country's German name ('China': a NER error)."""
        best_match = 0 if entity.type == "PER" and not is_acronym(entity.name) else 1
        return any(
            c.place.feature == "country" and c.match <= best_match
            for c in self.resolver.gazetteer.lookup(entity.name)
        )

    def __call__(self, article: Article) -> Article:
        for entity in article.entities:
            if entity.type != "LOC" and self.names_a_country(entity):
                entity.type = "LOC"  # the country as an actor is the country
        places = [e for e in article.entities if e.type == "LOC"]
        named = [(entity_names(e), len(e.mentions)) for e in places]
        context = self.resolver.context_of(named)
        for entity in places:
            found = self.resolver.resolve(entity_names(entity), context)
            if found is None:
                continue
            place = found.place
            entity.geo = Geo(
                lat=place.lat,
                lon=place.lon,
                country_code=place.country_code,
                geonames_id=place.geonames_id,
                feature=place.feature,
                confidence=round(found.confidence, 3),
            )
            entity.id = f"geo-{place.geonames_id}"
            if place.feature == "country":
                entity.name = place.name
        article.entities = merge_same_place(article)
        return article


def merge_same_place(article: Article) -> list[Entity]:
    """One entity per resolved place: entities with the same geo id join the first one.

    The merged entity keeps the plainest name: one without a direction prefix ('Aleppo', not
    'Ost-Aleppo'), else the one mentioned most often.
    """
    merged: dict[str, Entity] = {}
    out: list[Entity] = []
    for entity in article.entities:
        if entity.geo is None:
            out.append(entity)
            continue
        first = merged.get(entity.id)
        if first is None:
            merged[entity.id] = entity
            out.append(entity)
            continue
        if name_rank(entity) < name_rank(first) and first.geo.feature != "country":
            first.name = entity.name
        first.mentions = sorted(first.mentions + entity.mentions, key=lambda m: m.start)
        first.roles += [r for r in entity.roles if r not in first.roles]
        first.salience = salience_of(article, first.mentions)
    return out


def name_rank(entity: Entity) -> tuple[bool, int]:
    return bool(DIRECTION_PREFIX.match(entity.name)), -len(entity.mentions)
