"""Reported speech acts ("Die Gewerkschaft forderte einen Baustopp") in the article stage."""

from __future__ import annotations

import pytest

from lagebild.analyze.quotes import QuoteStage, SpeakerLinker
from lagebild.analyze.sentences import SentenceStage
from lagebild.analyze.speech_acts import speech_act_verb
from lagebild.article import Article, Entity, Mention


def tagged(words_and_tags: str) -> tuple[list[str], list[str], list[int]]:
    pairs = [w.rsplit("/", 1) for w in words_and_tags.split()]
    return [w for w, _ in pairs], [t for _, t in pairs], list(range(len(pairs)))


@pytest.mark.parametrize(
    ("sentence", "is_act"),
    [
        ("Die/ART Gewerkschaft/NN forderte/VVFIN einen/ART Baustopp/NN ./$.", True),
        ("Der/ART Minister/NN wies/VVFIN die/ART Vorwürfe/NN zurück/PTKVZ ./$.", True),
        ("Die/ART Veranstalter/NN sprachen/VVFIN von/APPR 900/CARD Gästen/NN ./$.", True),
        # without its particle "wies" is no speech act: "wies den Weg"
        ("Der/ART Förster/NN wies/VVFIN den/ART Weg/NN ./$.", False),
        # a passive, a question, a court's sentence
        ("Die/ART Pläne/NN wurden/VAFIN kritisiert/VVPP ./$.", False),
        ("Kritisierte/VVFIN sie/PPER den/ART Plan/NN ?/$.", False),
        (
            "Das/ART Gericht/NN verurteilte/VVFIN den/ART Mann/NN zu/APPR zwei/CARD Jahren/NN ./$.",
            False,
        ),
        ("Die/ART Stadt/NN baute/VVFIN eine/ART Brücke/NN ./$.", False),
    ],
)
def test_speech_act_verbs(sentence: str, is_act: bool) -> None:
    tokens, pos, sentence_ids = tagged(sentence)
    assert (speech_act_verb(tokens, pos, sentence_ids) is not None) is is_act


TEXT = (
    "Der Stadtrat von Hollwede beschloss am Dienstag neue Parkgebühren. Die Bürgerinitiative "
    "Altstadt kritisierte die Pläne als unsozial. Bürgermeisterin Ilka Voss wies die Kritik "
    "zurück. Am Abend regnete es in der ganzen Stadt."
)


@pytest.fixture(scope="module")
def article() -> Article:
    article = Article(text=TEXT)
    article.entities = [
        Entity(
            id="bi",
            type="ORG",
            name="Bürgerinitiative Altstadt",
            mentions=[
                Mention(
                    text="Bürgerinitiative Altstadt",
                    start=TEXT.index("Bürgerini"),
                    end=TEXT.index("Bürgerini") + 25,
                )
            ],
        ),
        Entity(
            id="voss",
            type="PER",
            name="Ilka Voss",
            mentions=[
                Mention(text="Ilka Voss", start=TEXT.index("Ilka"), end=TEXT.index("Ilka") + 9)
            ],
        ),
    ]
    return QuoteStage()(SentenceStage()(article))


def test_the_stage_reports_speech_acts_with_their_speakers(article: Article) -> None:
    reported = {q.text: q for q in article.quotes if q.form == "Reported"}
    criticism = next(q for t, q in reported.items() if "kritisierte die Pläne" in t)
    assert criticism.speaker is not None and criticism.speaker.entity_id == "bi"
    answer = next(q for t, q in reported.items() if "wies die Kritik" in t)
    assert answer.speaker is not None and answer.speaker.entity_id == "voss"
    # a decision and the weather are no speech
    assert not any("regnete" in t or "Parkgebühren" in t for t in reported)


def test_plural_sie_is_no_single_person() -> None:
    text = "Anna Roth kam mit Kollegen. Sie forderten mehr Geld. Danach sagte sie, es reiche."
    roth = Entity(
        id="roth",
        type="PER",
        name="Anna Roth",
        mentions=[Mention(text="Anna Roth", start=0, end=9)],
    )
    linker = SpeakerLinker([roth], text)
    plural = text.index("Sie forderten")
    assert linker.link("Sie", plural, plural + 3) is None
    single = text.index("sie, es")
    assert linker.link("sie", single, single + 3) == "roth"
