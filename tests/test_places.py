"""The gazetteer, the place resolver and the places stage, on sentences we wrote ourselves."""

from __future__ import annotations

import argparse
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from lagebild.analyze.entities import EntityStage
from lagebild.analyze.gazetteer import load_adjectives, load_gazetteer
from lagebild.analyze.places import PlaceResolver, PlaceStage
from lagebild.article import Article, Entity
from lagebild.evaluate import places as eval_places
from lagebild.evaluate.entities import ner_article
from lagebild.evaluate.places import haversine_km

GOLD = Path(__file__).parent / "data" / "places_gold.jsonl"


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(load_gazetteer())


@pytest.fixture(scope="module")
def pipeline():
    entities, places = EntityStage(), PlaceStage()
    return lambda text, ner: places(entities(ner_article({"text": text, "ner": ner})))


def place_of(article: Article, surface: str) -> Entity:
    start = article.text.index(surface)
    for entity in article.entities:
        if any(m.start <= start < m.end for m in entity.mentions):
            return entity
    raise AssertionError(f"no entity covers {surface!r}")


@pytest.mark.parametrize(
    ("german", "geonames_id"),
    [("Genf", 2660646), ("Mailand", 3173435), ("Moskau", 524901), ("Den Haag", 2747373)],
)
def test_german_exonyms_are_in_the_gazetteer(german: str, geonames_id: int) -> None:
    ids = {c.place.geonames_id for c in load_gazetteer().lookup(german)}
    assert geonames_id in ids


def test_both_spellings_of_kyiv() -> None:
    gazetteer = load_gazetteer()
    kiew = {c.place.geonames_id for c in gazetteer.lookup("Kiew")}
    kyjiw = {c.place.geonames_id for c in gazetteer.lookup("Kyjiw")}
    assert kiew & kyjiw


def test_acronyms_match_case_sensitively() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("UN") == []
    assert {c.place.country_code for c in gazetteer.lookup("USA")} >= {"US"}


def test_countries_have_german_names_and_capital_coordinates() -> None:
    brazil = load_gazetteer().country("BR")
    assert brazil is not None and brazil.name == "Brasilien"
    assert haversine_km(brazil.lat, brazil.lon, -15.79, -47.88) < 30  # Brasília


def test_adjective_lexicon_inflects() -> None:
    lexicon = load_adjectives()
    assert lexicon.country_of("syrischen") == "SY"
    assert lexicon.country_of("Russische") == "RU"
    assert lexicon.country_of("Syrerinnen") == "SY"
    assert lexicon.country_of("Gesprächen") is None


def test_country_context_disambiguates(resolver: PlaceResolver) -> None:
    syria = resolver.resolve(["Palmyra"], Counter({"SY": 5}))
    assert syria is not None and syria.place.country_code == "SY"
    usa = resolver.resolve(["Palmyra"], Counter({"US": 5}))
    assert usa is None or usa.place.country_code == "US"


def test_population_prefers_the_big_city(resolver: PlaceResolver) -> None:
    paris = resolver.resolve(["Paris"], Counter())
    assert paris is not None and paris.place.country_code == "FR"


def test_short_form_of_a_qualified_name_and_home_country(resolver: PlaceResolver) -> None:
    halle = resolver.resolve(["Halle"], Counter())
    assert halle is not None and halle.place.name == "Halle (Saale)"
    frankfurt = resolver.resolve(["Frankfurt"], Counter())
    assert frankfurt is not None and frankfurt.place.name == "Frankfurt am Main"


def test_seas_and_lowercase_words_are_not_towns(resolver: PlaceResolver) -> None:
    assert resolver.resolve(["Mittelmeer"], Counter()) is None
    assert resolver.resolve(["baden"], Counter({"DE": 1})) is None


def test_dative_plural_names(resolver: PlaceResolver) -> None:
    netherlands = resolver.resolve(["Niederlanden"], Counter())
    assert netherlands is not None and netherlands.place.country_code == "NL"
    usa = resolver.resolve(["Vereinigten Staaten"], Counter())
    assert usa is not None and usa.place.country_code == "US"


def test_region_name_is_not_guessed_as_a_small_town(resolver: PlaceResolver) -> None:
    assert resolver.resolve(["Guerrero"], Counter({"MX": 3})) is None
    assert resolver.resolve(["Bayern"], Counter({"DE": 3})) is None
    berlin = resolver.resolve(["Berlin"], Counter({"DE": 3}))
    assert berlin is not None and berlin.place.feature == "city"


def test_places_on_the_map(pipeline) -> None:
    text = (
        "Nach der Rückeroberung von Aleppo sollen in Astana Gespräche beginnen. "
        "Die Verhandlungen in Genf stocken, und in Idlib wird weiter gekämpft. "
        "Syriens Führung und die Türkei äußerten sich nicht."
    )
    ner = [["Aleppo", "LOC"], ["Astana", "LOC"], ["Genf", "LOC"], ["Idlib", "LOC"]]
    ner += [["Syriens", "LOC"], ["Türkei", "LOC"]]
    article = pipeline(text, ner)
    truth = {
        "Aleppo": (36.20, 37.16),
        "Astana": (51.17, 71.43),
        "Genf": (46.20, 6.15),
        "Idlib": (35.93, 36.63),
    }
    for name, (lat, lon) in truth.items():
        entity = place_of(article, name)
        assert entity.geo is not None, name
        assert haversine_km(entity.geo.lat, entity.geo.lon, lat, lon) < 50, name
        assert entity.id == f"geo-{entity.geo.geonames_id}"
    syria = place_of(article, "Syriens")
    assert syria.name == "Syrien" and syria.geo.feature == "country"
    assert syria.geo.country_code == "SY"


def test_invented_village_stays_unresolved(pipeline) -> None:
    text = "In Oberkleinwiesenhausen am Glimmsee feierten die Bewohner ihr Dorffest."
    article = pipeline(text, [["Oberkleinwiesenhausen am Glimmsee", "LOC"]])
    (village,) = article.entities
    assert village.geo is None
    assert village.id == "loc-oberkleinwiesenhausen-am-glimmsee"


def test_same_place_same_id_and_merged(pipeline) -> None:
    first = pipeline("In Kiew heulten die Sirenen.", [["Kiew", "LOC"]])
    second = pipeline(
        "Kyjiw meldete Angriffe. Auch in Kiew fiel der Strom aus.",
        [["Kyjiw", "LOC"], ["Kiew", "LOC"]],
    )
    (kyiv,) = second.entities
    assert len(kyiv.mentions) == 2
    assert first.entities[0].id == kyiv.id
    assert kyiv.id.startswith("geo-")


def test_country_tagged_as_organisation_is_placed(pipeline) -> None:
    text = "Deutschland lehnte den Vorschlag ab, die Deutsche Bank begrüßte ihn."
    article = pipeline(text, [["Deutschland", "ORG"], ["Deutsche Bank", "ORG"]])
    country = place_of(article, "Deutschland")
    assert (country.type, country.geo.country_code) == ("LOC", "DE")
    bank = place_of(article, "Deutsche Bank")
    assert (bank.type, bank.geo) == ("ORG", None)
    person = pipeline("China protestierte, Jordan lachte.", [["China", "PER"], ["Jordan", "PER"]])
    assert place_of(person, "China").geo.country_code == "CN"
    assert place_of(person, "Jordan").type == "PER"  # English name of Jordanien: a person


def test_country_from_an_adjective_gets_a_place(pipeline) -> None:
    article = pipeline("Die kasachische Regierung lud ein.", [])
    (country,) = article.entities
    assert country.geo is not None and country.geo.country_code == "KZ"


def test_gold_set_stores_no_text() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len([r for r in rows if r["split"] == "dev"]) >= 200
    keys = {"split", "file", "doc", "start", "end", "length", "sha1", "geonames_id", "lat", "lon"}
    for row in rows:
        assert set(row) == keys
        assert row["end"] - row["start"] == row["length"]
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180


def test_eval_places_explains_when_the_data_is_absent(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    eval_places.add_arguments(parser)
    args = parser.parse_args(["--data", str(tmp_path / "missing")])
    out = io.StringIO()
    assert eval_places.run(args, out) == 0
    assert "skipped" in out.getvalue()


def test_haversine() -> None:
    # Berlin - Munich is about 504 km
    assert 490 < haversine_km(52.52, 13.405, 48.137, 11.575) < 515
