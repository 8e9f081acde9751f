"""Answers of a printed interview: paragraphs that open with the speaker's name and a colon.

German news prints interviews as question paragraphs and answer paragraphs, each answer opening
with the person's name ("Sandvoss: Nicht allein. …", "Anna Berger: Das sehe ich anders."), with
no quotation marks and no verb of speech. The quotation taggers learned from running text and
miss them. An answer is taken as a direct quotation of that person when the name before the
colon is a person the article names (the whole name or the surname) and the rest of the
paragraph reads as speech (at least ``MIN_WORDS`` words, ending like a sentence): a heading
such as "Merz: Keine Steuererhöhungen" or a label such as "Hinweis: …" is no answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lagebild.article import Entity

# a paragraph opening with one to four capitalised words and a colon, then the answer
ANSWER = re.compile(
    r"(?P<name>[A-ZÄÖÜ][\w.'’-]*(?:[ \t]+(?:von|van|de|al|zu|[A-ZÄÖÜ][\w.'’-]*)){0,3})"
    r"[ \t]*:[ \t]+(?P<answer>\S[\s\S]*\S)"
)
MIN_WORDS = 5
SENTENCE_END = (".", "!", "?", "…", "“", '"', "«", "»", ")")


@dataclass(frozen=True)
class Answer:
    """An interview answer: the speaker's name and the answer as character offsets."""

    speaker_start: int
    speaker_end: int
    start: int
    end: int


def interview_answers(text: str, entities: Sequence[Entity]) -> Iterator[Answer]:
    """The answers of interviews in ``text`` whose speaker is a person of ``entities``."""
    names = _person_names(entities)
    if not names:
        return
    for paragraph in _paragraphs(text):
        match = ANSWER.match(text, paragraph[0], paragraph[1])
        if match is None or match.end() != paragraph[1]:
            continue
        answer = match.group("answer")
        if len(answer.split()) < MIN_WORDS or not answer.endswith(SENTENCE_END):
            continue
        name = match.group("name")
        if name in names or name.split()[-1] in names:
            yield Answer(match.start("name"), match.end("name"), *match.span("answer"))


def _person_names(entities: Sequence[Entity]) -> set[str]:
    """Every name of a person: their full names and surnames, as the text gives them."""
    names: set[str] = set()
    for entity in entities:
        if entity.type != "PER":
            continue
        for name in (entity.name, *(m.text for m in entity.mentions if m.kind == "name")):
            words = name.split()
            if words and words[-1][:1].isupper():
                names.add(name)
                names.add(words[-1])
    return names


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of each paragraph of ``text`` (lines between blank lines),
    without the whitespace around it."""
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        start, end = match.span()
        chunk = match.group()
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        if start < end:
            yield start, end
