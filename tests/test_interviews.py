"""Answers of printed interviews ("Name: …") as direct quotations of that person."""

from __future__ import annotations

import pytest

from lagebild.analyze.interviews import interview_answers
from lagebild.analyze.quotes import QuoteStage
from lagebild.analyze.sentences import SentenceStage
from lagebild.article import Article, Entity, Mention

PARAGRAPHS = [
    "Bauamt plant neue Radwege",
    "Die Stadt Gerolzheim will bis 2029 zwölf Kilometer Radwege bauen. Baudezernentin Carla "
    "Wendt stellte die Pläne am Montag vor.",
    "Wir haben mit Carla Wendt über die Pläne gesprochen.",
    "Frau Wendt, warum gerade jetzt?",
    "Wendt: Weil die Zuschüsse des Landes nur noch zwei Jahre fließen. Wer jetzt nicht plant, "
    "geht leer aus.",
    "Was sagen die Händler in der Innenstadt?",
    "Carla Wendt: Viele sind skeptisch, das verstehe ich. Der Bürgermeister sagte mir, die "
    "Händler wollten vor allem Parkplätze behalten. Wir suchen deshalb gemeinsam nach Lösungen.",
    "Hinweis: Die Pläne liegen bis Ende Mai im Rathaus aus und können dort eingesehen werden.",
    "Wendt: Radwege für alle",
]
INTERVIEW = "\n\n".join(PARAGRAPHS) + "\n"


def mentions(text: str, name: str) -> list[Mention]:
    found, start = [], text.find(name)
    while start >= 0:
        found.append(Mention(text=name, start=start, end=start + len(name)))
        start = text.find(name, start + 1)
    return found


ENTITIES = [
    Entity(id="wendt", type="PER", name="Carla Wendt", mentions=mentions(INTERVIEW, "Wendt")),
    Entity(id="stadt", type="LOC", name="Gerolzheim", mentions=mentions(INTERVIEW, "Gerolzheim")),
]


def test_answers_open_with_a_persons_name_and_read_as_speech():
    answers = list(interview_answers(INTERVIEW, ENTITIES))
    texts = [INTERVIEW[a.start : a.end] for a in answers]
    assert [INTERVIEW[a.speaker_start : a.speaker_end] for a in answers] == [
        "Wendt",
        "Carla Wendt",
    ]
    assert texts[0] == (
        "Weil die Zuschüsse des Landes nur noch zwei Jahre fließen. Wer jetzt nicht plant, "
        "geht leer aus."
    )
    assert texts[1].startswith("Viele sind skeptisch") and texts[1].endswith("Lösungen.")
    # a label ("Hinweis:") is no person, a heading ("Wendt: Radwege für alle") no speech
    assert not any("Pläne liegen" in t or "Radwege für alle" in t for t in texts)
    # without the person among the entities there is no answer
    assert not list(interview_answers(INTERVIEW, ENTITIES[1:]))


@pytest.fixture(scope="module")
def interview() -> Article:
    article = Article(text=INTERVIEW)
    article.entities = list(ENTITIES)
    return QuoteStage()(SentenceStage()(article))


def test_the_stage_gives_answers_as_direct_quotations_of_the_person(interview: Article):
    answers = [q for q in interview.quotes if not q.nested and q.text.startswith(("Weil", "Viele"))]
    assert len(answers) == 2
    for quote in answers:
        assert quote.form == "Direct"
        assert quote.speaker is not None and quote.speaker.entity_id == "wendt"
        assert INTERVIEW[quote.start : quote.end] == quote.text
    # what the answer reports someone else said stays, as a nested quotation
    reported = [q for q in interview.quotes if "Parkplätze" in q.text and q != answers[1]]
    assert [(q.nested, q.speaker.text if q.speaker else None) for q in reported] == [
        (True, "Der Bürgermeister")
    ]
