"""The language stage on text we wrote: German, English and French news, and empty text."""

from __future__ import annotations

import pytest

from lagebild.analyze.language import SAMPLE_CHARS, LanguageStage
from lagebild.article import Article

GERMAN = (
    "Die Regierung in Khartum hat am Montag eine Waffenruhe angekündigt. Nach Angaben des "
    "Außenministeriums sollen die Gespräche in der kommenden Woche fortgesetzt werden."
)
ENGLISH = (
    "The government in Khartoum announced a ceasefire on Monday. According to the foreign "
    "ministry, the talks are to continue next week."
)
FRENCH = (
    "Le gouvernement de Khartoum a annoncé un cessez-le-feu lundi. Selon le ministère des "
    "Affaires étrangères, les discussions doivent reprendre la semaine prochaine."
)


@pytest.fixture(scope="module")
def stage() -> LanguageStage:
    return LanguageStage()


@pytest.mark.parametrize(("text", "expected"), [(GERMAN, "de"), (ENGLISH, "en"), (FRENCH, "fr")])
def test_identifies_the_language(stage: LanguageStage, text: str, expected: str) -> None:
    assert stage(Article(text=text)).language == expected


def test_empty_text_gets_no_language(stage: LanguageStage) -> None:
    assert stage(Article(text="  \n ")).language is None


def test_only_the_start_of_a_long_text_counts(stage: LanguageStage) -> None:
    text = GERMAN * (SAMPLE_CHARS // len(GERMAN) + 1) + ENGLISH * 200
    assert stage(Article(text=text)).language == "de"
