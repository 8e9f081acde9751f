"""Reported speech acts: sentences whose subject does something with words to an object.

German news reports much of what people said as a speech act with an object, no quotation and
no subjunctive: "Die Gewerkschaft forderte einen Baustopp", "Der Minister wies die Vorwürfe
zurück", "Sie kündigte eine Kundgebung an", "Die Veranstalter sprachen von 12.000 Teilnehmern".
The corpus the quotation taggers learned from annotates such sentences as Reported speech only
now and then, so the taggers rarely find them. ``reported_speech_acts`` takes a sentence it is
given (the extractor gives those no message touches and no quotation marks hold) as Reported
speech (the whole sentence, the speaker inside, as the corpus writes it) when its first finite
verb is one of ``SPEECH_ACTS`` (with its particle or preposition where the verb needs one) and
its subject names someone (the extractor's test: a name, a personal pronoun, a word the
speaker lexicon knows, or two capitalised words).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from lagebild.analyze.noun_phrases import FINITE, PASSIVE, subject_speaker

# Finite forms (present and past, third person) of verbs of a speech act, with the word that
# must follow later in the clause: a separable particle or the preposition the verb takes in
# this sense ("warnte vor", "sprach von"); None when the verb alone is the act.
_PLAIN = (
    "fordert forderte forderten fordern verlangt verlangte verlangten verlangen "
    "kritisiert kritisierte kritisierten kritisieren lobt lobte lobten loben "
    "begrüßt begrüßte begrüßten begrüßen verurteilt verurteilte verurteilten verurteilen "
    "verteidigt verteidigte verteidigten verteidigen bestätigt bestätigte bestätigten "
    "dementiert dementierte dementierten bestreitet bestritt bestritten bestreiten "
    "verspricht versprach versprachen versprechen beklagt beklagte beklagten beklagen "
    "bemängelt bemängelte bemängelten bemängeln "
    "mahnt mahnte mahnten widerspricht widersprach widersprachen widersprechen "
    "gratuliert gratulierte gratulierten dankt dankte dankten bedankte bedankten "
    "beantragt beantragte "
    "beantragten beantragen empfiehlt empfahl empfahlen empfehlen"
)
_WITH = {
    "an": "kündigt kündigte kündigten kündigen appelliert appellierte appellierten appellieren",
    "zurück": "weist wies wiesen weisen",
    "ab": "lehnt lehnte lehnten lehnen",
    "ein": "räumt räumte räumten räumen",
    "vor": "wirft warf warfen werfen schlägt schlug schlugen schlagen "
    "warnt warnte warnten warnen",  # the particle ("warf … vor") or preposition ("warnte vor")
    "aus": "schließt schloss schlossen schließen",
    "auf": "ruft rief riefen rufen verweist verwies verwiesen verweisen",
    "von": "spricht sprach sprachen sprechen",
    "für": "plädiert plädierte plädierten plädieren",
    "als": "bezeichnet bezeichnete bezeichneten bezeichnen",
}
SPEECH_ACTS: dict[str, str | None] = {
    **{form: word for word, forms in _WITH.items() for form in forms.split()},
    **dict.fromkeys(_PLAIN.split()),
}
MIN_TOKENS = 5  # "Sie dementierte das." is too little to say what was said


def speech_act_verb(
    tokens: Sequence[str], pos: Sequence[str], sentence: Sequence[int]
) -> int | None:
    """The first finite verb of ``sentence`` if it is a speech act whose particle or
    preposition follows it in the sentence; None otherwise (also for a question or a passive:
    "Die Pläne wurden kritisiert")."""
    verb = next((i for i in sentence if pos[i] in FINITE), None)
    if verb is None or tokens[sentence[-1]] == "?":
        return None
    needs = SPEECH_ACTS.get(tokens[verb].lower(), "")
    if needs == "":
        return None
    rest = [tokens[i].lower() for i in sentence if i > verb]
    if any(w in PASSIVE for w in rest) or (needs is not None and needs not in rest):
        return None
    if tokens[verb].lower().startswith("verurteil") and ("zu" in rest or "zur" in rest):
        return None  # a court's sentence ("verurteilte den Mann zu drei Jahren Haft")
    return verb


def reported_speech_acts(
    tokens: Sequence[str],
    pos: Sequence[str],
    sentences: Iterable[Sequence[int]],
    names_someone: Callable[[Sequence[int]], bool],
) -> list[tuple[list[int], list[int]]]:
    """(message, speaker) token lists of the ``sentences`` that report a speech act: a
    speech-act verb and a subject that ``names_someone``."""
    found = []
    for sentence in sentences:
        if len(sentence) < MIN_TOKENS or speech_act_verb(tokens, pos, sentence) is None:
            continue
        speaker = subject_speaker(tokens, pos, sentence, ())
        if speaker and names_someone(speaker):
            found.append((list(sentence), speaker))
    return found
