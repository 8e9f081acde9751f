from __future__ import annotations

from lagebild.analyze.sentences import SentenceStage, split_sentences
from lagebild.article import Article


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_dates_and_ordinals_do_not_end_sentences() -> None:
    text = "Die Gespräche beginnen am 3. März in Genf. Sie dauern bis zum 12. Dezember an."
    assert sentences(text) == [
        "Die Gespräche beginnen am 3. März in Genf.",
        "Sie dauern bis zum 12. Dezember an.",
    ]


def test_a_number_at_the_end_still_ends_the_sentence() -> None:
    assert sentences("Gezählt wurden 30. Dann ging es weiter.") == [
        "Gezählt wurden 30.",
        "Dann ging es weiter.",
    ]


def test_sentences_ending_inside_quotation_marks() -> None:
    text = "Sie sagte: „Wir handeln jetzt.“ Die Gespräche gehen weiter. »Nein!« Ende."
    assert sentences(text) == [
        "Sie sagte: „Wir handeln jetzt.“",
        "Die Gespräche gehen weiter.",
        "»Nein!«",
        "Ende.",
    ]
    # a quotation followed by its attribution stays one sentence
    assert sentences("„Gut“, sagte sie. „Wir warten ab.“, fügte er hinzu.") == [
        "„Gut“, sagte sie.",
        "„Wir warten ab.“, fügte er hinzu.",
    ]


def test_paragraphs_end_sentences_and_stage_fills_the_layer() -> None:
    article = Article(text="Titel ohne Punkt\n\nErster Satz. Zweiter Satz.")
    SentenceStage()(article)
    assert [article.text[s.start : s.end] for s in article.sentences] == [
        "Titel ohne Punkt",
        "Erster Satz.",
        "Zweiter Satz.",
    ]
