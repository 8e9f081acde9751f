"""The entities stage on articles we wrote ourselves, with a hand-made NER layer."""

from __future__ import annotations

import pytest

from lagebild.analyze.entities import EntityStage, title_of
from lagebild.analyze.places import PlaceStage
from lagebild.article import Article, Entity, Paragraph, entity_id
from lagebild.evaluate.entities import ner_article


@pytest.fixture(scope="module")
def stage() -> EntityStage:
    return EntityStage()


@pytest.fixture(scope="module")
def places() -> PlaceStage:
    return PlaceStage()


def analysed(stage: EntityStage, text: str, ner: list[list[str]]) -> Article:
    return stage(ner_article({"text": text, "ner": ner}))


def entity_with(article: Article, surface: str) -> Entity:
    start = article.text.index(surface)
    for entity in article.entities:
        if any(m.start <= start < m.end for m in entity.mentions):
            return entity
    raise AssertionError(f"no entity covers {surface!r}")


def test_surname_and_genitive_join_the_full_name(stage: EntityStage) -> None:
    text = (
        "Wladimir Putin empfing den Gast im Kreml. Putins Sprecher nannte das Treffen "
        "konstruktiv. Putin selbst äußerte sich nicht."
    )
    article = analysed(
        stage, text, [["Wladimir Putin", "PER"], ["Putins", "PER"], ["Putin", "PER"]]
    )
    persons = [e for e in article.entities if e.type == "PER"]
    assert len(persons) == 1
    putin = persons[0]
    assert putin.name == "Wladimir Putin"
    assert putin.id == "per-wladimir-putin"
    assert [m.text for m in putin.mentions] == ["Wladimir Putin", "Putins", "Putin"]
    assert putin.salience.count == 3
    assert putin.salience.first == 0


def test_two_people_with_one_surname_stay_apart(stage: EntityStage) -> None:
    text = "Bill Clinton und Hillary Clinton reisten nach Kenia. Dort sprach Hillary Clinton."
    article = analysed(stage, text, [["Bill Clinton", "PER"], ["Hillary Clinton", "PER"]])
    names = sorted(e.name for e in article.entities if e.type == "PER")
    assert names == ["Bill Clinton", "Hillary Clinton"]


def test_genitive_of_a_country_but_not_of_paris(stage: EntityStage) -> None:
    text = "Frankreichs Regierung tagte in Paris. Paris liegt an der Seine."
    article = analysed(stage, text, [["Frankreichs", "LOC"], ["Paris", "LOC"]])
    assert entity_with(article, "Frankreichs").name == "Frankreich"
    assert entity_with(article, "Paris").name == "Paris"


def test_genitive_stripped_when_the_stem_occurs_in_the_article(stage: EntityStage) -> None:
    text = "Im Zentrum stand Moskau. Moskaus Bürgermeister lobte die Polizei."
    article = analysed(stage, text, [["Moskau", "LOC"], ["Moskaus", "LOC"]])
    moscow = entity_with(article, "Moskaus")
    assert moscow.name == "Moskau"
    assert len(moscow.mentions) == 2


def test_genitive_after_des_and_inflected_adjectives(stage: EntityStage) -> None:
    text = (
        "Ein Sprecher des Bundeskriminalamtes (BKA) bestätigte das. Die Vereinten Nationen "
        "und die Vereinte Nationen genannte Organisation sind eins."
    )
    ner = [
        ["Bundeskriminalamtes", "ORG"],
        ["BKA", "ORG"],
        ["Vereinten Nationen", "ORG"],
        ["Vereinte Nationen", "ORG"],
    ]
    article = analysed(stage, text, ner)
    names = {e.name: len(e.mentions) for e in article.entities}
    assert names == {"Bundeskriminalamt": 2, "Vereinte Nationen": 2}


def test_name_part_of_hyphenated_compounds(stage: EntityStage) -> None:
    text = (
        "Die Assad-Truppen rückten vor. Präsident Baschar al-Assad schwieg. "
        "Der UN-Sondergesandte reiste ab, der UN-Sicherheitsrat tagte, die UN blieben skeptisch."
    )
    ner = [
        ["Assad-Truppen", "PERpart"],
        ["Baschar al-Assad", "PER"],
        ["UN-Sondergesandte", "ORGpart"],
        ["UN-Sicherheitsrat", "ORG"],
        ["UN", "ORG"],
    ]
    article = analysed(stage, text, ner)
    assad = entity_with(article, "Assad-Truppen")
    assert assad.name == "Baschar al-Assad"
    first = assad.mentions[0]
    assert text[first.start : first.end] == "Assad"
    un = entity_with(article, "UN-Sondergesandte")
    assert un.name == "UN"
    assert "UN-Sondergesandte" not in [m.text for m in un.mentions]
    council = entity_with(article, "UN-Sicherheitsrat")
    assert council.name == "UN-Sicherheitsrat"  # an organisation of its own, tagged whole


def test_person_compound_tagged_as_organisation_counts_for_the_person(stage: EntityStage) -> None:
    text = "Präsident Baschar al-Assad blieb hart. Gegner des Assad-Regimes flohen."
    ner = [["Baschar al-Assad", "PER"], ["Assad-Regimes", "ORG"]]
    article = analysed(stage, text, ner)
    (person,) = article.entities
    assert person.name == "Baschar al-Assad"
    assert [m.text for m in person.mentions] == ["Baschar al-Assad", "Assad"]


def test_too_wide_ner_span_keeps_the_place(stage: EntityStage) -> None:
    text = "Die Kämpfer zogen sich in die Rebellenhochburg Idlib zurück."
    article = analysed(stage, text, [["Rebellenhochburg Idlib", "ORG"]])
    (place,) = article.entities
    assert (place.type, place.name) == ("LOC", "Idlib")


def test_double_surname_stays_whole(stage: EntityStage) -> None:
    text = "Annegret Kramp-Karrenbauer sprach. Kramp-Karrenbauer lobte die Truppe."
    ner = [["Annegret Kramp-Karrenbauer", "PER"], ["Kramp-Karrenbauer", "PER"]]
    article = analysed(stage, text, ner)
    (person,) = [e for e in article.entities if e.type == "PER"]
    assert person.name == "Annegret Kramp-Karrenbauer"
    assert [m.text for m in person.mentions][-1] == "Kramp-Karrenbauer"


def test_acronym_joins_its_expansion(stage: EntityStage) -> None:
    text = "Die Terrormiliz Islamischer Staat (IS) verlor Gebiete. Der IS zog sich zurück."
    article = analysed(stage, text, [["Islamischer Staat", "ORG"], ["IS", "ORG"]])
    (group,) = [e for e in article.entities if e.type == "ORG"]
    assert group.name == "Islamischer Staat"
    assert group.id == "org-islamischer-staat"
    assert [m.text for m in group.mentions] == ["Islamischer Staat", "IS", "IS"]


def test_party_in_parentheses_is_not_an_acronym_of_the_person(stage: EntityStage) -> None:
    text = "Franz Josef Jung (CDU) widersprach. Die Region Basel (IGDRB) schwieg."
    ner = [["Franz Josef Jung", "PER"], ["CDU", "ORG"], ["Basel", "LOC"], ["IGDRB", "ORG"]]
    article = analysed(stage, text, ner)
    assert sorted(e.name for e in article.entities) == ["Basel", "CDU", "Franz Josef Jung", "IGDRB"]


def test_titles_are_not_part_of_a_person_name(stage: EntityStage) -> None:
    text = "Prof. Dr. Erdoğan Teziç traf Präsident Putin und den Außenminister Südkoreas."
    ner = [
        ["Prof. Dr. Erdoğan Teziç", "PER"],
        ["Präsident Putin", "PER"],
        ["Außenminister Südkoreas", "PER"],
    ]
    article = analysed(stage, text, ner)
    people = {
        e.name: [(r.title, r.of) for r in e.roles] for e in article.entities if e.type == "PER"
    }
    assert people == {"Erdoğan Teziç": [], "Putin": [("Präsident", None)]}
    assert "Südkorea" in {e.name for e in article.entities}  # the genitive, found by name


def test_country_adjectives_and_demonyms_count_for_the_country(stage: EntityStage) -> None:
    text = (
        "Die syrischen Regierungstruppen rückten vor. In Syrien fliehen viele, "
        "Hunderttausende Syrern fehlt es an Wasser."
    )
    article = analysed(stage, text, [["Syrien", "LOC"]])
    syria = entity_with(article, "Syrien")
    kinds = {m.text: m.kind for m in syria.mentions}
    assert kinds == {"syrischen": "adjective", "Syrien": "name", "Syrern": "adjective"}
    assert syria.salience.count == 3


def test_adjective_alone_creates_the_country(stage: EntityStage) -> None:
    text = "Die kasachische Regierung lud zu Gesprächen ein."
    article = analysed(stage, text, [])
    (country,) = article.entities
    assert country.type == "LOC"
    assert country.name == "Kasachstan"
    assert country.mentions[0].kind == "adjective"


def test_adjective_inside_an_organisation_name_is_not_a_country(stage: EntityStage) -> None:
    text = "Die Deutsche Bahn erhöht die Preise."
    article = analysed(stage, text, [["Deutsche Bahn", "ORG"]])
    assert [e.name for e in article.entities] == ["Deutsche Bahn"]


def test_city_adjective_joins_the_city(stage: EntityStage) -> None:
    text = "In Genf wurde verhandelt. Die Genfer Gespräche gehen weiter."
    article = analysed(stage, text, [["Genf", "LOC"], ["Genfer", "LOCderiv"]])
    geneva = entity_with(article, "Genf")
    assert [(m.text, m.kind) for m in geneva.mentions] == [
        ("Genf", "name"),
        ("Genfer", "adjective"),
    ]


def test_roles_stated_beside_the_name(stage: EntityStage) -> None:
    text = (
        "Russlands Präsident Wladimir Putin telefonierte mit dem syrischen Präsidenten Assad. "
        "Der UN-Sondergesandte Staffan de Mistura begrüßte das. Putin sprach auch mit seinem "
        "türkischen Kollegen Recep Tayyip Erdogan. Das sei gut, so der türkische Präsident."
    )
    ner = [
        ["Russlands", "LOC"],
        ["Wladimir Putin", "PER"],
        ["Assad", "PER"],
        ["UN-Sondergesandte", "ORGpart"],
        ["Staffan de Mistura", "PER"],
        ["Putin", "PER"],
        ["Recep Tayyip Erdogan", "PER"],
    ]
    article = analysed(stage, text, ner)
    roles = {e.name: {(r.title, r.of) for r in e.roles} for e in article.entities}
    assert roles["Wladimir Putin"] == {("Präsident", "Russland")}
    assert roles["Assad"] == {("Präsident", "Syrien")}
    assert roles["Staffan de Mistura"] == {("Sondergesandte", "UN")}
    assert ("Präsident", "Türkei") in roles["Recep Tayyip Erdogan"]


def test_roles_in_appositions(stage: EntityStage) -> None:
    text = (
        "Emmanuel Macron, Präsident Frankreichs, reiste an. Joe Biden, Präsident der USA, "
        "fehlte. Olaf Scholz, der neue Kanzler, lachte. Anna Schmidt, eine Lehrerin, kam."
    )
    names = ["Emmanuel Macron", "Joe Biden", "Olaf Scholz", "Anna Schmidt"]
    article = analysed(stage, text, [[name, "PER"] for name in names])
    roles = {e.name: [(r.title, r.of) for r in e.roles] for e in article.entities}
    assert roles["Emmanuel Macron"] == [("Präsident", "Frankreich")]
    assert roles["Joe Biden"] == [("Präsident", "Vereinigte Staaten")]
    assert roles["Olaf Scholz"] == [("Kanzler", None)]
    assert roles["Anna Schmidt"] == []


def test_title_base_forms() -> None:
    assert title_of("Präsidenten") == "Präsident"
    assert title_of("Außenministerin") == "Außenministerin"
    assert title_of("Regierungschefs") == "Regierungschef"
    assert title_of("Haus") is None
    assert title_of("präsident") is None  # not a noun


def test_salience_knows_title_and_lead(stage: EntityStage) -> None:
    article = Article(
        title="Merkel reist nach Rom",
        lead="Die Kanzlerin trifft den Papst.",
        paragraphs=[Paragraph(text="In Rom spricht Merkel über Migration.")],
    )
    article.assemble_text()
    with_ner = ner_article({"text": article.text, "ner": [["Merkel", "PER"], ["Rom", "LOC"]]})
    with_ner.sections = article.sections
    article = stage(with_ner)
    merkel = entity_with(article, "Merkel")
    assert merkel.salience.in_title is True
    assert merkel.salience.in_lead is False
    assert merkel.salience.count == 2


def test_ids_are_stable_across_articles(stage: EntityStage, places: PlaceStage) -> None:
    first = places(
        analysed(
            stage, "Wladimir Putin besuchte Aleppo.", [["Wladimir Putin", "PER"], ["Aleppo", "LOC"]]
        )
    )
    second = places(
        analysed(
            stage,
            "In Aleppo wird gekämpft. Aleppos Altstadt ist zerstört, sagte Putin, "
            "und Wladimir Putin schwieg danach.",
            [["Aleppo", "LOC"], ["Aleppos", "LOC"], ["Putin", "PER"], ["Wladimir Putin", "PER"]],
        )
    )
    assert {e.id for e in first.entities} == {e.id for e in second.entities}
    assert entity_id("PER", "Wladimir Putin") in {e.id for e in first.entities}


def test_names_missed_by_ner_are_found_again(stage: EntityStage) -> None:
    text = (
        "Putin droht. Wladimir Putin sprach in Moskau, Putins Berater schwiegen. Die "
        "Assad-Truppen rückten vor, Baschar al-Assad jubelte. Der Koch kochte. Auf Drängen "
        "Frankreichs tagte der Rat."
    )
    article = analysed(stage, text, [["Wladimir Putin", "PER"], ["Baschar al-Assad", "PER"]])
    putin = entity_with(article, "Wladimir Putin")
    assert [m.text for m in putin.mentions] == ["Putin", "Wladimir Putin", "Putins"]
    assad = entity_with(article, "Baschar al-Assad")
    assert [m.text for m in assad.mentions] == ["Assad", "Baschar al-Assad"]
    assert entity_with(article, "Frankreichs").name == "Frankreich"
    with_koch = analysed(stage, "Roland Koch lobte. Der Koch kochte.", [["Roland Koch", "PER"]])
    (koch,) = with_koch.entities
    assert len(koch.mentions) == 1  # 'der Koch' is a cook


def test_public_bodies_the_recogniser_missed_are_organisations(stage: EntityStage) -> None:
    text = (
        "Nach Angaben des Deutschen Wetterdienstes fiel Hagel. Das Regierungspräsidium Gießen "
        "prüft den Antrag, dem Finanzministerium liegt er vor. Die Brüsseler Polizei sperrte "
        "die Straße. Das Universitätsklinikum Frankfurt warnte, das Universitätsklinikum sei "
        "voll. Ein Ehrenamt ist kein Amt, das Ministerium schwieg. Das Kraftfahrt-Bundesamt "
        "(KBA) ordnete einen Rückruf an. Das KBA prüft."
    )
    article = analysed(stage, text, [["Gießen", "LOC"], ["Brüssel", "LOC"], ["KBA", "ORG"]])
    bodies = {
        "Deutschen Wetterdienstes": "Deutscher Wetterdienst",  # nominative of the genitive
        "Regierungspräsidium Gießen": "Regierungspräsidium Gießen",  # the place is its name's
        "Finanzministerium": "Finanzministerium",
        "Brüsseler Polizei": "Brüsseler Polizei",
        "Universitätsklinikum Frankfurt": "Universitätsklinikum Frankfurt",
        "Kraftfahrt-Bundesamt": "Kraftfahrt-Bundesamt",
    }
    for surface, name in bodies.items():
        entity = entity_with(article, surface)
        assert (entity.type, entity.name) == ("ORG", name)
    clinic = entity_with(article, "Universitätsklinikum Frankfurt")
    assert len(clinic.mentions) == 2  # "das Universitätsklinikum" is the same one
    assert len(entity_with(article, "Kraftfahrt-Bundesamt").mentions) == 3  # and the KBA
    assert not [e for e in article.entities if e.name == "Gießen"]
    for word in ("Ehrenamt", "Amt,", "Ministerium"):  # a word alone names no body
        with pytest.raises(AssertionError):
            entity_with(article, word)


def test_article_without_ner_layer_is_left_alone(stage: EntityStage) -> None:
    article = stage(Article(text="Ein Text ohne Namen."))
    assert article.entities == []


def test_entity_id_is_an_ascii_slug() -> None:
    assert entity_id("LOC", "Türkei") == "loc-turkei"
    assert entity_id("PER", "Recep Tayyip Erdoğan") == "per-recep-tayyip-erdogan"
    assert entity_id("ORG", "Straße & Co.") == "org-strasse-co"


def test_descriptions_the_recogniser_took_for_names_are_no_entities(stage: EntityStage) -> None:
    text = (
        "Umweltministerin Jana Ohm besuchte den Hof. Das sei ein Anfang, so die Ministerin. "
        "Vor Hundert Streikenden sprach die Münchner Sportrechtlerin. Das sagte der 54-Jährige. "
        "Der UN-Sondergesandte kam spät."
    )
    ner = [
        ["Jana Ohm", "PER"],
        ["Ministerin", "PER"],
        ["Hundert Streikenden", "PER"],
        ["Münchner Sportrechtlerin", "ORG"],
        ["54-Jährige", "OTH"],
        ["UN-Sondergesandte", "ORGpart"],
    ]
    article = analysed(stage, text, ner)
    names = sorted(e.name for e in article.entities)
    # a person, and the UN of the compound: the compound's name is kept, though the whole
    # compound is a description after an article
    assert names == ["Jana Ohm", "UN"]


def test_acronym_spelt_out_before_it_gives_the_name(stage: EntityStage) -> None:
    # NER marked only the acronyms; the words before each spell them
    text = (
        "Der Bund kommunaler Bäder (BKB) warnte vor Schließungen. Die Gewerkschaft der Gärtner "
        "(GdG) schwieg. Landrätin Sabine Paula Dorn (SPD) widersprach. Der BKB bleibt dabei."
    )
    ner = [["BKB", "ORG"], ["GdG", "ORG"], ["Sabine Paula Dorn", "PER"], ["SPD", "ORG"]]
    article = analysed(stage, text, ner)
    names = {e.name for e in article.entities}
    assert {"Bund kommunaler Bäder", "Gewerkschaft der Gärtner"} <= names
    assert entity_with(article, "BKB bleibt").name == "Bund kommunaler Bäder"
    # after a person, a party in parentheses stays itself, whatever the name's initials
    assert "SPD" in names


def test_acronyms_of_compounds_and_acronyms_ner_missed_get_their_names(
    stage: EntityStage,
) -> None:
    # "SSB" takes letters from inside "Stadtsportbund", and the town after it gives none; NER
    # marked neither "MBV" nor its words, and saw "Stadtsportbund" not at all
    text = (
        "Der Stadtsportbund Wittlich (SSB) protestierte. Auch der Mieterbund Vulkaneifel (MBV) "
        "kritisierte die Pläne. Der MBV kündigte Widerstand an. Ein Sprecher (CDU) schwieg."
    )
    ner = [["Wittlich", "LOC"], ["SSB", "ORG"], ["Vulkaneifel", "LOC"]]
    article = analysed(stage, text, ner)
    assert entity_with(article, "SSB)").name == "Stadtsportbund Wittlich"
    assert entity_with(article, "MBV kündigte").name == "Mieterbund Vulkaneifel"
    assert entity_with(article, "MBV kündigte").type == "ORG"
    # an acronym the words before do not spell is no new entity
    assert not any(e.name in ("CDU", "Sprecher") for e in article.entities)


def test_an_acronym_takes_its_name_where_ner_marked_a_part_or_took_it_for_a_person(
    stage: EntityStage,
) -> None:
    text = (
        "Auch der Bund Vogelschutz in Hessen (BVH) klagt. Der BVH sammelt Geld. Das Fritz "
        "Haber-Institut (FHI) prüft. Laut FHI ist alles in Ordnung."
    )
    ner = [
        ["Bund Vogelschutz", "ORG"],
        ["Hessen", "LOC"],
        ["BVH", "ORG"],
        ["BVH", "LOC"],
        ["Fritz Haber-Institut", "PER"],
        ["FHI", "ORG"],
        ["FHI", "ORG"],
    ]
    article = analysed(stage, text, ner)
    # "in" gives no letter, the place after it none; the later use joins whatever its type
    assert entity_with(article, "BVH sammelt").name == "Bund Vogelschutz in Hessen"
    assert entity_with(article, "BVH sammelt").type == "ORG"
    # a body NER took for a person still spells its acronym
    assert entity_with(article, "FHI ist").name == "Fritz Haber-Institut"


def test_associations_and_companies_ner_missed_are_found_by_their_words(
    stage: EntityStage,
) -> None:
    text = (
        "Der Radfahrerverband Grüne Welle kritisierte die Pläne. Auch der Deutsche Imkerbund "
        "war dagegen. Die Kanalbau Oberweser GmbH schwieg. Die Bürgerinitiative sammelte "
        "Unterschriften, der Verband Montag für Montag Spenden."
    )
    names = {e.name: e.type for e in analysed(stage, text, []).entities}
    assert names.get("Radfahrerverband Grüne Welle") == "ORG"
    assert names.get("Deutscher Imkerbund") == "ORG"  # in the nominative without the article
    assert names.get("Kanalbau Oberweser GmbH") == "ORG"
    # an article is no adjective, a weekday no name
    assert not any(n.startswith(("Die Bürger", "Verband")) for n in names)


def test_a_name_after_a_title_ner_missed_is_a_person(stage: EntityStage) -> None:
    text = (
        "Die Fraktionschefin Leyla Korkut widersprach. Am Montag tagte der Ausschuss "
        "Neue Medien. Stadtrat Jan Holt schwieg."
    )
    names = {e.name: e.type for e in analysed(stage, text, [["Jan Holt", "PER"]]).entities}
    assert names.get("Leyla Korkut") == "PER"
    assert names.get("Jan Holt") == "PER"
    # after a noun that is no title, two capitalised words are no person
    assert "Neue Medien" not in names


def test_adjectives_in_an_organisation_name_take_the_nominative(stage: EntityStage) -> None:
    text = (
        "Ein Sprecher des Bayerischen Imkerbundes warnte. Die Leipziger Volkszeitung berichtete, "
        "die Stiftung sei beim Niedersächsischen Landesmuseum zu Gast."
    )
    ner = [
        ["Bayerischen Imkerbundes", "ORG"],
        ["Leipziger Volkszeitung", "ORG"],
        ["Niedersächsischen Landesmuseum", "ORG"],
    ]
    names = {e.name for e in analysed(stage, text, ner).entities}
    # masculine "Bund", neuter "Museum"; a city's adjective does not change
    assert names == {
        "Bayerischer Imkerbund",
        "Niedersächsisches Landesmuseum",
        "Leipziger Volkszeitung",
    }


def test_a_full_name_tagged_a_person_makes_a_person(stage: EntityStage) -> None:
    # NER took the surname alone for a place three times
    text = (
        "Karim Benali traf in der Nachspielzeit. Benali jubelte. Benali lachte. Benali winkte. "
        "Benalis Familie saß auf der Tribüne."
    )
    article = analysed(stage, text, [["Karim Benali", "PER"], ["Benali", "LOC"]])
    person = entity_with(article, "Karim Benali")
    assert person.type == "PER" and person.name == "Karim Benali"
    assert entity_with(article, "Benali lachte") is person


def test_a_full_name_taken_for_a_body_joins_its_surname(stage: EntityStage) -> None:
    text = (
        "Eine Zeugin ist Dana Okafor. Später sagte Okafor aus. Der 400-Meter-Meister Timo "
        "Lindqvist trat an. Lindqvist lief allein."
    )
    ner = [["Dana Okafor", "ORG"], ["Okafor", "PER"], ["Timo Lindqvist", "ORG"]]
    article = analysed(stage, text, ner)
    witness = entity_with(article, "Dana Okafor")
    assert (witness.type, witness.name) == ("PER", "Dana Okafor")
    assert entity_with(article, "Okafor aus") is witness
    # a name after a person's title is a person's, and its surname is found again
    runner = entity_with(article, "Timo Lindqvist")
    assert runner.type == "PER"
    assert entity_with(article, "Lindqvist lief") is runner
