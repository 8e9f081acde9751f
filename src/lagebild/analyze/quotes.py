"""Stage `quotes`: who said what. Direct and reported speech with cue, speaker and entity.

The stage tokenises ``article.text`` with spaCy's rule-based German tokenizer (the tokenisation
of the SpkAtt corpus the taggers were trained on), groups tokens by ``article.sentences`` (or
splits sentences itself when that layer is missing), runs the :class:`QuoteExtractor` and turns
its token spans into :class:`Quote` records with character offsets. The speaker is linked to an
entity of ``article.entities``: the one whose mention overlaps the speaker span, or, for a pronoun
or a description ("er", "der türkische Präsident"), the entity that description names by a role
title, else the most recent person mentioned before.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

import spacy
from spacy.attrs import IDX, LENGTH

from lagebild.analyze.entities import is_acronym_like, noun_gender
from lagebild.analyze.gazetteer import load_adjectives
from lagebild.analyze.interviews import interview_answers
from lagebild.analyze.noun_phrases import INDEFINITE
from lagebild.analyze.quote_extract import QuoteExtractor, TokenQuote, pieces
from lagebild.article import Cue, Quote, Span, Speaker
from lagebild.german import AGE_NOUN, PERSON_NOUNS_IN_E, names_a_person

if TYPE_CHECKING:
    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.article import Article, Entity

# The corpus' medium labels; the two-letter ones mean the annotators could not decide.
MEDIA = {
    "Speech": "speech",
    "Writing": "writing",
    "Thought": "thought",
    "SW": "speech/writing",
    "ST": "speech/thought",
    "TW": "thought/writing",
}
PRONOUNS = frozenset({"er", "sie", "ihm", "ihr", "ihn", "dieser", "diese", "jener", "man"})
CLOSING_MARKS = frozenset({"“", "”", '"', "«", "»", "‘", "’"})
DEFINITE = frozenset({"der", "die", "das", "des", "dem", "den"})
AGE_NEAR = 40  # characters between an age and the name it belongs to ("Ole Brandt (44)")
# Nouns of a definite description that stands for the organisation named last ("das
# Unternehmen", "die Gewerkschaft", "das Kollektiv").
ORGANISATION_NOUNS = frozenset(
    {
        "unternehmen", "konzern", "firma", "gewerkschaft", "verband", "kollektiv", "verein",
        "klub", "club", "institut", "behörde", "partei", "bank", "sparkasse", "organisation",
        "gruppe", "stiftung", "initiative", "konzernleitung", "autobauer", "hersteller",
        "verbund", "museum", "zulieferer", "fraktion",
    }
)  # fmt: skip
# Kinds of organisation a description may name ("das Unternehmen", "des Vereins", "der
# Behörde"): the nouns naming that kind in a description, the nouns that show it as (the end of)
# a word of a name or as the noun right before a name ("Aeolis Energiepark GmbH", "der
# Autozulieferer Velmont", "der Regionalligist SV Blau-Gelb Hausen", "Bundeskartellamt"), and
# the abbreviations that show it as a whole word of a name (legal forms, club prefixes).
OrganisationKind = tuple[frozenset[str], tuple[str, ...], frozenset[str]]
ORGANISATION_KINDS: dict[str, OrganisationKind] = {
    "company": (
        frozenset({"unternehmen", "konzern", "firma", "hersteller", "autobauer", "zulieferer"}),
        (
            "unternehmen", "konzern", "firma", "hersteller", "autobauer", "zulieferer",
            "anbieter", "betreiber", "brauerei", "händler", "versorger", "reederei",
            "versicherer", "verlag",
        ),
        frozenset(
            {"gmbh", "ggmbh", "mbh", "ag", "se", "kg", "kgaa", "ohg", "ug", "inc", "ltd", "plc"}
        ),
    ),
    "club": (
        frozenset({"verein", "klub", "club"}),
        ("verein", "klub", "club", "ligist"),
        frozenset(
            {"sv", "fc", "tsv", "vfb", "vfl", "sc", "tsg", "hsg", "fsv", "ssv", "bsc", "spvgg"}
        ),
    ),
    "association": (frozenset({"verband"}), ("verband", "vereinigung"), frozenset()),
    "authority": (
        frozenset({"behörde"}),
        (
            "behörde", "amt", "ministerium", "präsidium", "direktion", "agentur", "anstalt",
            "bundesinstitut", "landesinstitut", "staatsanwaltschaft", "polizei",
        ),
        frozenset(),
    ),
}  # fmt: skip
# Nouns of a spokesperson or a body's head or administration ("ein Sprecher der Agentur", "ein
# Polizeisprecher", "die Universitätsleitung", "die Kreisverwaltung"): they speak for the body
# their genitive or first part names.
BODY_ROLES = ("sprecherin", "sprecher", "leitung", "verwaltung")
SPOKESPERSONS = frozenset({"sprecher", "sprecherin"})
# Possessive determiners: "Seine Fraktion", "Ihre Partei" name a body as a definite article does.
POSSESSIVES = frozenset(
    {
        "sein", "seine", "seines", "seinem", "seinen", "seiner",
        "ihr", "ihre", "ihres", "ihrem", "ihren", "ihrer",
    }
)  # fmt: skip
# Nouns of a town as a speaker ("ein Sprecher der Stadt", "die Gemeinde"): the place itself.
MUNICIPALITY_NOUNS = frozenset({"stadt", "gemeinde", "stadtverwaltung", "gemeindeverwaltung"})
# Nouns of a source whose genitive is the speaker ("Angaben der Polizei", "Einschätzung des
# Wetterdienstes").
SOURCE_NOUNS = frozenset(
    {
        "angaben", "angabe", "einschätzung", "einschätzungen", "schätzung", "schätzungen",
        "auskunft", "auskünften", "mitteilung", "informationen", "ansicht", "auffassung",
        "worten", "sicht", "darstellung", "aussage", "aussagen", "berechnungen", "prognose",
    }
)  # fmt: skip
# The part of an entity's name that shows which kind of body it is, for a description naming
# the body by that kind ("der Polizei" ~ "Polizeipräsidium Nordhessen", "ein Gerichtssprecher" ~
# "Landgericht Bochum", "der Initiative" ~ "Bürgerinitiative Nordpark").
BODY_STEM_MIN = 5
# words that open an attribute of a speaker's noun: its place, body or genitive
ATTRIBUTE_WORDS = frozenset(
    {"aus", "in", "im", "von", "vom", "bei", "beim", "des", "der", "eines", "einer"}
)
PLACE_WORDS = frozenset({"in", "im", "aus"})
# Grammatical gender of a person named by a title ("Außenministerin" f, "Amtskollege" m) or a
# description ("die Ministerin", "der Sprecher"); titles such as "Abgeordnete" tell none.
MASCULINE_TITLE_ENDINGS = (
    "er", "ent", "or", "ef", "eur", "ist", "ant", "at", "ar", "kollege", "arzt", "mann", "loge",
)  # fmt: skip
MASCULINE_PRONOUNS = frozenset({"er", "ihm", "ihn"})
# finite verbs that make "sie" plural next to them
PLURAL_AUXILIARIES = frozenset(
    {"sind", "waren", "haben", "hatten", "werden", "wurden", "wollen", "wollten", "können"}
)
# prepositions before a person's name that make it an object, not the one a later pronoun or
# description most likely means (not "laut", whose person speaks), and how far before such a
# name another person is still preferred (characters)
OBLIQUE_PREPOSITIONS = frozenset(
    {"von", "mit", "für", "gegen", "über", "an", "bei", "zu", "vor", "ohne", "um", "gegenüber"}
)
OBLIQUE_REACH = 400
# an indefinite phrase naming someone ("Ein Landwirt", "eine ältere Anwohnerin") and the nouns
# of people it may end in besides ``names_a_person``'s
UNNAMED_PERSON = re.compile(
    r"\b[Ee]in(?:e|er|em|en)?\s+(?:[a-zäöü][\w-]*\s+){0,2}(?P<noun>[A-ZÄÖÜ][\w-]+)"
)
UNNAMED_PERSON_ENDINGS = ("mann", "frau", "wirt", "kind", "betroffene", "betroffenen")


def title_gender(title: str) -> str | None:
    """The gender a title shows: "f" for a feminine one ("Ministerin", "Frau"), "m" for a
    masculine one ("Minister", "Amtskollege", "Arzt"), None when its form tells neither
    ("Abgeordnete")."""
    lower = title.lower().strip(",.")
    if (lower.endswith("in") and len(lower) > 4) or lower.endswith("frau"):
        return "f"
    if lower.endswith(MASCULINE_TITLE_ENDINGS):
        return "m"
    return None


def _word_before(text: str, at: int) -> str:
    """The word before character offset ``at`` of ``text``, lower-cased."""
    words = text[: max(at, 0)].split()
    return words[-1].lower() if words else ""


class Tokenizer:
    """Tokens of a text as (start, end) character offsets, without whitespace tokens.

    spaCy splits a text at whitespace into chunks and then each chunk on its own, so the tokens
    are spaCy's (tested on the SpkAtt train and dev texts). The one exception: spaCy's emoticon
    cases can pull apart a chunk after a colon and a space (`972: ):z`), where this tokenizer
    keeps the chunk's own tokens (`):`, `z`). A chunk of letters only is one token (no prefix,
    suffix or infix rule of the German tokenizer matches a letter, and its special cases of
    letters only, `XD`, are one token each): that is most chunks, and they skip spaCy. The
    others are split by spaCy once and kept. spaCy would also keep every word it has seen in
    its vocabulary (about 400 bytes each): past ``max_words`` chunks (or vocabulary entries)
    both start afresh (the tokens do not change)."""

    def __init__(self, max_words: int = 200_000) -> None:
        self.max_words = max_words
        self._nlp = self._blank()
        self._pieces: dict[str, list[tuple[int, int]]] = {}

    @staticmethod
    def _blank() -> spacy.language.Language:
        nlp = spacy.blank("de")
        # Only the token boundaries are used: computing lexical attributes (shape, flags) for
        # every new word in the vocabulary would cost a third of the tokenisation time.
        nlp.vocab.lex_attr_getters = {}
        return nlp

    def __call__(self, text: str) -> list[tuple[int, int]]:
        if len(self._pieces) > self.max_words or len(self._nlp.vocab) > self.max_words:
            self._nlp = self._blank()
            self._pieces = {}
        pieces = self._pieces
        offsets: list[tuple[int, int]] = []
        for match in _CHUNK.finditer(text):
            chunk = match.group()
            if chunk.isalpha():
                offsets.append(match.span())
                continue
            found = pieces.get(chunk)
            if found is None:
                found = pieces[chunk] = self._split(chunk)
            start = match.start()
            offsets += [(start + a, start + b) for a, b in found]
        return offsets

    def _split(self, chunk: str) -> list[tuple[int, int]]:
        """spaCy's tokens of a chunk without whitespace, as offsets into the chunk."""
        doc = self._nlp.make_doc(chunk)
        return [(start, start + length) for start, length in doc.to_array([IDX, LENGTH]).tolist()]


# a whitespace-separated word; spaCy splits at the same characters (those for which isspace()
# holds)
_CHUNK = re.compile(r"\S+")


class QuoteStage:
    name = "quotes"

    def __init__(self, config: AnalyzeConfig | None = None):
        self.extractor = QuoteExtractor.load()
        self.tokenizer = Tokenizer()

    def __call__(self, article: Article) -> Article:
        text = article.text
        offsets = self.tokenizer(text)
        if not offsets:
            article.quotes = []
            return article
        tokens = [text[s:e] for s, e in offsets]
        sentence_ids = _sentence_ids(article, offsets)
        paragraph_starts = _paragraph_starts(text, offsets)
        found = self.extractor.extract(tokens, sentence_ids, paragraph_starts, speech_acts=True)
        linker = SpeakerLinker(article.entities, text)
        quotes = [_to_quote(text, offsets, q, linker) for q in found]
        article.quotes = _with_interview_answers(text, quotes, article.entities, linker)
        article.quotes.sort(key=lambda q: (q.start, -q.end))
        return article


def _with_interview_answers(
    text: str, quotes: list[Quote], entities: Sequence[Entity], linker: SpeakerLinker
) -> list[Quote]:
    """``quotes`` with the answers of a printed interview ("Name: …") as direct quotations of
    that person. What the taggers found inside an answer is another speaker's words the answer
    reports, kept as nested, or (without a speaker, or "ich"/"wir") a piece of the answer, left
    out."""
    answers = list(interview_answers(text, entities))
    if not answers:
        return quotes
    kept: list[Quote] = []
    for quote in quotes:
        inside = next((a for a in answers if a.start <= quote.start < a.end), None)
        if inside is None:
            kept.append(quote)
        elif quote.speaker is not None and quote.speaker.text.lower() not in ("ich", "wir"):
            kept.append(quote.model_copy(update={"nested": True}))
    for a in answers:
        name = text[a.speaker_start : a.speaker_end]
        entity = linker.link(name, a.speaker_start, a.speaker_end)
        kept.append(
            Quote(
                text=text[a.start : a.end],
                start=a.start,
                end=a.end,
                form="Direct",
                speaker=Speaker(
                    text=name, start=a.speaker_start, end=a.speaker_end, entity_id=entity
                ),
                medium="speech",
            )
        )
    return kept


def _paragraph_starts(text: str, offsets: Sequence[tuple[int, int]]) -> set[int]:
    """The indices of the tokens that follow a blank line (tokens never hold one)."""
    starts = [start for start, _ in offsets]
    found = set()
    at = text.find("\n\n")
    while at >= 0:
        k = bisect_left(starts, at + 2)
        if 0 < k < len(starts):
            found.add(k)
        at = text.find("\n\n", at + 2)
    return found


def _sentence_ids(article: Article, offsets: Sequence[tuple[int, int]]) -> list[int]:
    """A sentence number per token, from ``article.sentences`` (or split here), with a new
    sentence also after a quotation that ends one ("… ziehen.“ Die Prüfung …")."""
    if article.sentences:
        bounds = [(s.start, s.end) for s in article.sentences]
    else:
        from lagebild.analyze.sentences import split_sentences

        bounds = split_sentences(article.text)
    text = article.text
    ids: list[int] = []
    k = 0
    extra = 0
    for n, (start, end) in enumerate(offsets):
        while k + 1 < len(bounds) and start >= bounds[k + 1][0]:
            k += 1
        if (
            n >= 2
            and text[offsets[n - 1][0] : offsets[n - 1][1]] in CLOSING_MARKS
            and text[offsets[n - 2][0] : offsets[n - 2][1]] in (".", "!", "?")
            and offsets[n - 2][1] == offsets[n - 1][0]  # ."  closes, . "  would open
            and text[start:end][:1].isupper()
        ):
            extra += 1
        ids.append(k + extra)
    return ids


def _span(text: str, offsets: Sequence[tuple[int, int]], ids: Sequence[int]) -> Span | None:
    if not ids:
        return None
    start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
    return Span(text=text[start:end], start=start, end=end)


def _words(text: str, offsets: Sequence[tuple[int, int]], ids: Sequence[int]) -> str:
    """The text of possibly discontinuous tokens: "Wie … mitteilte"."""
    return " … ".join(text[offsets[p[0]][0] : offsets[p[-1]][1]] for p in pieces(ids))


def _to_quote(
    text: str, offsets: Sequence[tuple[int, int]], found: TokenQuote, linker: SpeakerLinker
) -> Quote:
    message = sorted(found.message)
    whole = _span(text, offsets, message)
    assert whole is not None
    runs = pieces(message)
    parts = [_span(text, offsets, p) for p in runs] if len(runs) > 1 else []
    speaker = None
    if found.speaker:
        s = _span(text, offsets, sorted(found.speaker))
        assert s is not None
        speaker = Speaker(
            text=s.text, start=s.start, end=s.end, entity_id=linker.link(s.text, s.start, s.end)
        )
    cue = None
    if found.cue:
        c = _span(text, offsets, sorted(found.cue))
        assert c is not None
        cue = Cue(text=_words(text, offsets, sorted(found.cue)), start=c.start, end=c.end)
    return Quote(
        text=whole.text,
        start=whole.start,
        end=whole.end,
        form=found.form,  # type: ignore[arg-type]
        speaker=speaker,
        cue=cue,
        addressee=_span(text, offsets, sorted(found.addressee)),
        frame=_span(text, offsets, sorted(found.frame)),
        medium=MEDIA.get(found.medium, found.medium.lower()),
        parts=[p for p in parts if p is not None],
        nested=found.nested,
    )


class SpeakerLinker:
    """Finds the entity a speaker span refers to.

    In order: a person named inside the span ("Präsident Putin"), or the one person whose
    surname a name inside it is (the recogniser takes some surnames for places: "…, sagte
    Stahlberg"), then an organisation ("ein Sprecher der Polizei"); an entity whose role
    title the span names ("der türkische Präsident"), preferring the one whose role is of the
    country the span names by adjective; for a pronoun or a short definite description of a
    person ("der Sprecher"), the most recent person mentioned before; finally a place named
    inside the span ("Moskau"). A span opening with an indefinite article skips the titles and
    the persons before ("ein Sprecher der Hafenwirtschaft" is not the association's spokesman
    named earlier), and one of a person who does not speak for a body is not the body named
    after it ("Eine Lehrerin der Lindenschule"). A description of an organisation ("das
    Unternehmen", "des Vereins", "Seine Fraktion") stands for the body whose name has its noun,
    else the one of its kind (``ORGANISATION_KINDS``) named in the paragraph or alone before,
    else the organisation named last in the paragraph; a spokesperson without a body ("Eine
    Sprecherin") speaks for the organisation named last in the paragraph.
    """

    def __init__(self, entities: Sequence[Entity], text: str = ""):
        """``text``, the article's, lets descriptions find an unnamed antecedent ("Ein Sprecher
        des Ministeriums … so der Sprecher") and persons their gender from "Frau"/"Herr"."""
        self.entities = list(entities)
        self.text = text
        self.mentions = sorted(
            [
                *((m.start, m.end, m.kind, e) for e in entities for m in e.mentions),
                *self._written_again(),
            ],
            key=lambda x: x[0],
        )
        # the title nouns right before a person's mentions ("Kreisbrandmeister Jonas Reichert",
        # "Bürgermeisterin Leyla | Öztürk-Sommer" where the recogniser missed the first name)
        self.titles = {e.id: self._titles_before(e) for e in self.entities if e.type == "PER"}
        self.adjectives = load_adjectives()
        self.genders = {e.id: self._gender(e) for e in self.entities if e.type == "PER"}
        # the persons a pronoun or description may stand for: named with a first name or a
        # title at least once (a single word the recogniser took for a person, "Gummi" of
        # "Gummi arabicum" or a sentence-initial "Problematisch", is not one)
        self.named_persons = {
            e.id
            for e in self.entities
            if e.type == "PER"
            and (e.roles or self.titles[e.id] or any(len(m.text.split()) > 1 for m in e.mentions))
        }
        # the persons by surname, when one person alone has it
        by_surname: dict[str, list[str]] = {}
        for e in self.entities:
            *first, last = e.name.split() or [""]
            if e.type == "PER" and first:
                by_surname.setdefault(last, []).append(e.id)
        self.surnames = {name: ids[0] for name, ids in by_surname.items() if len(ids) == 1}
        # what the recogniser took for a name across a sentence's end or a colon ("Instituts.
        # Kundinnen") or with an indefinite article ("Ein Museum") names no body
        self.garbled = {
            e.id for e in self.entities if e.type != "PER" and not _reads_as_a_name(e.name)
        }
        # the kinds of organisation each other entity shows ("Aeolis GmbH": a company)
        self.kinds = {e.id: self._kinds(e) for e in self.entities if e.type != "PER"}

    def _written_again(self) -> list[tuple[int, int, str, Entity]]:
        """Where the text spells out the name (of two words or more) of an organisation or
        place again and the recogniser marked no mention ("Die Kasseler Sparkasse kündigte …"
        after "der Kasseler Sparkasse"), as mentions of that entity."""
        marked = [(m.start, m.end) for e in self.entities for m in e.mentions if m.kind == "name"]
        found = []
        for entity in self.entities:
            if entity.type == "PER" or len(entity.name.split()) < 2:
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(entity.name)}(?!\w)", self.text):
                if not any(s < match.end() and match.start() < t for s, t in marked):
                    found.append((match.start(), match.end(), "name", entity))
        return found

    def _gender(self, entity: Entity) -> str | None:
        """The person's gender when its titles or a "Frau"/"Herr" before it agree on one."""
        found = {title_gender(role.title) for role in entity.roles}
        found.update(title_gender(title) for title in self.titles.get(entity.id, ()))
        if self.text:
            for mention in entity.mentions:
                word = _word_before(self.text, mention.start)
                found.add("f" if word == "frau" else "m" if word in ("herr", "herrn") else None)
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def _titles_before(self, entity: Entity) -> set[str]:
        """The person nouns right before the entity's mentions, lower case, the last part of a
        compound ("DWD-Meteorologe" → "meteorologe"); a capitalised word between them is taken
        for a first name the recogniser left out."""
        found: set[str] = set()
        for mention in entity.mentions:
            words = self.text[max(0, mention.start - 60) : mention.start].split()[-2:]
            for k, word in enumerate(reversed(words)):
                if not word.replace("-", "").isalpha() or not word[:1].isupper():
                    break  # punctuation (another clause or sentence) or a lower-case word
                noun = word.rsplit("-", 1)[-1].lower()
                if _is_title(noun):
                    found.add(noun)
                    break
                if k:
                    break  # one first name at most lies between
        return found

    def link(self, text: str, start: int, end: int) -> str | None:
        inside = [(kind, s, t, e) for s, t, kind, e in self.mentions if s < end and start < t]
        # a name after "in"/"aus" inside the span is where the speaker is, even when the
        # recogniser took it for a person ("der Koordinator in Adré, Jonas Wiedemeyer")
        named = [
            (s - start, t - start, e)
            for kind, s, t, e in inside
            if kind == "name"
            and not (e.type == "PER" and _word_before(text, s - start) in PLACE_WORDS)
            and not _opens_a_person_noun(text, t - start)
            and _reads_as_a_name(self.text[s:t] if self.text else text[s - start : t - start])
            # "der Niederländer", which the recogniser took for a body, describes a person
            and self.adjectives.country_of(text[s - start : t - start]) is None
        ]
        # of several persons the one named in most words: "Merkels Sprecher Steffen Seibert",
        # "Der UN-Sondergesandte Henrik Aalstad" (where "UN" was taken for a person)
        named = [(s, t, e) for s, t, e in named if not self._describes(e, text, s)]
        persons = [(len(text[s:t].split()), -s, e) for s, t, e in named if e.type == "PER"]
        if persons:
            return max(persons, key=lambda p: p[:2])[2].id
        # a surname the recogniser took for a place or body ("…, sagte Stahlberg" after
        # "die Abgeordnete Friederike Stahlberg"): the person of that surname
        for s, t, _ in named:
            person = self.surnames.get(text[s:t])
            if person is not None:
                return person
        words_at = _words_at(text)
        member = _member_end(words_at)
        for at, _, entity in named:
            # "Eine Lehrerin der Fördeblick-Schule" is someone unnamed, not the school
            if entity.type == "ORG" and (member is None or at < member):
                return entity.id
        written = self._name_written_in(text, start) or self._name_part_in(words_at)
        if written is not None:
            return written  # "Die Kasseler Sparkasse", where the recogniser missed this mention
        if len(words_at) > 1 and words_at[0][1].lower() in SOURCE_NOUNS:
            rest = words_at[1][0]  # "Angaben | der Polizei": the source is the genitive
            return self.link(text[rest:], start + rest, end)
        # "Ein Sprecher der Hafenwirtschaft" is someone unnamed, not a namesake with that title
        indefinite = words_at[0][1].lower() in INDEFINITE
        words = {w.strip(".,;:()").lower() for _, w in words_at}
        countries = {e.name for _, _, _, e in inside if e.type == "LOC"}
        before = [e for s, _, _, e in reversed(self.mentions) if s < start]
        order = {e.id: e for e in [*before, *self.entities]}
        candidates = list(order.values())
        titled = [
            (e, any(role.of in countries for role in e.roles))
            for e in candidates
            if any(role.title.lower() in words for role in e.roles)
            or self.titles.get(e.id, set()) & words
        ]
        if titled and not indefinite:
            return max(titled, key=lambda pair: pair[1])[0].id
        body = _body_noun(words_at)
        if body is not None:  # "ein Polizeisprecher", "Eine Sprecherin des Unternehmens"
            return self._body(body, start)
        if indefinite and _is_bare_spokesperson(words_at):
            # "Die Organisation X rief auf. Eine Sprecherin sagte, …": she speaks for X
            return self._last_organisation(start)
        # the head of the span, before an attribute: "der Arzt | aus Freiburg", "der Leiter |
        # eines Unternehmens aus Y"
        cut = next(
            (
                k
                for k, (_, w) in enumerate(words_at)
                if k and w.lower().strip(",") in ATTRIBUTE_WORDS
            ),
            len(words_at),
        )
        head = [w for _, w in words_at[:cut]]
        noun = head[-1].lower().strip(",")
        article = head[0].lower()
        definite = len(head) <= 4 and article in DEFINITE
        head_end = words_at[cut][0] if cut < len(words_at) else len(text)
        in_head = [e for at, _, e in named if at < head_end]
        kind = _without_genitive_s(noun) if article == "des" else noun
        organisation = _organisation_noun(kind)
        # "der Bonner Behörde": a city's adjective before a noun of a kind of organisation (but
        # "Die Kasseler Sparkasse" is a name the recogniser missed)
        placed = all(w.islower() or _is_city_adjective(w) for w in head[1:-1])
        described = all(w.islower() for w in head[1:-1]) or (
            placed and _organisation_kind(kind) is not None
        )
        if (
            (definite or (article in POSSESSIVES and len(head) <= 3))  # "Seine Fraktion"
            and (organisation or not names_a_person(noun))
            and described
            and not in_head
        ):
            # "der Polizei", "dem Innenministerium", "das Unternehmen": the body of that kind
            body = self._body(kind, start)
            if body is not None or organisation:
                return body
        description = definite and names_a_person(noun)
        if definite and not in_head and len(head) == 2:
            country = self.adjectives.country_of(noun)
            if country is not None:  # "der Franzose": the person in a French role named last
                person = self._person_of_country(country, start)
                if person is not None:
                    return person
        age = AGE_NOUN.fullmatch(noun) if description and not in_head else None
        if age is not None:
            given = self._ages_given(age.group(1), start)
            if given:  # the person named next to the age, else someone unnamed
                return next((person for person in reversed(given) if person), None)
        pronoun = words & PRONOUNS
        if pronoun == {"sie"} and len(words_at) == 1:
            if self._plural_verb_next_to(start, end):
                return None  # "Sie forderten …", "riefen sie": several people, no one person
            body = self._feminine_body_before(start, end)
            if body is not None:  # "Die Gewerkschaft Verdi streikt. Sie fordert …"
                return body
        if not indefinite and (pronoun or (description and not in_head)):
            if pronoun:
                gender = "m" if pronoun & MASCULINE_PRONOUNS else "f" if "sie" in pronoun else None
            else:
                gender = _description_gender(head)
            unnamed = self._unnamed_antecedent(head[-1], start) if description else -1
            if description:  # "Ein Wirt aus X sagte, … , sagte der Gastwirt": someone unnamed
                unnamed = max(unnamed, self._unnamed_person(start, gender))
            # a person named after a preposition ("die Forderung von Villalobos", "die Arbeit
            # mit Wójcik") is rarely the one referred to when a person named otherwise comes
            # shortly before: "Cárdenas wies die Forderung von Villalobos zurück. …, sagte er"
            oblique: tuple[int, str] | None = None
            for at, _, _, entity in reversed(self.mentions):
                if at >= start or entity.type != "PER" or entity.id not in self.named_persons:
                    continue
                if at < unnamed or (oblique is not None and oblique[0] - at > OBLIQUE_REACH):
                    break
                if gender is None or self.genders.get(entity.id) in (None, gender):
                    if _word_before(self.text, at) not in OBLIQUE_PREPOSITIONS:
                        return entity.id
                    if oblique is None:
                        oblique = (at, entity.id)
            if oblique is not None:
                return oblique[1]
            if unnamed >= 0:
                # "Ein Sprecher des Ministeriums … , so der Sprecher": the unnamed one speaks
                # for the body he was introduced with
                phrase = _words_at(self.text[unnamed : unnamed + 80].split("\n")[0])
                body = _body_noun(phrase)
                if body is not None:
                    return self._body(body, unnamed)
                if phrase and phrase[0][1].strip(",.;:").lower() in SPOKESPERSONS:
                    return self._last_organisation(unnamed)  # "Eine Sprecherin sagte"
                return None
        # a place only when it is the speaker ("Moskau"), not its attribute ("der Arzt | aus
        # Freiburg")
        return in_head[0].id if in_head else None

    def _name_written_in(self, text: str, start: int) -> str | None:
        """The organisation or person whose name (of two words or more) the span spells out
        where the recogniser marked no mention ("Die Kasseler Sparkasse" after it found "der
        Kasseler Sparkasse" earlier); the longest name wins."""
        found = [
            (len(e.name), e.id)
            for e in self.entities
            if e.type in ("ORG", "PER")
            and len(e.name.split()) > 1
            and re.search(rf"(?<!\w){re.escape(e.name)}(?!\w)", text)
        ]
        return max(found)[1] if found else None

    def _describes(self, person: Entity, text: str, at: int) -> bool:
        """Whether a person the recogniser found in a span at ``at`` is a description's noun,
        not a name: one word after an article, of a "person" never named with a first name or
        a title ("der Gastwirt")."""
        return (
            person.type == "PER"
            and person.id not in self.named_persons
            and _word_before(text, at) in (DEFINITE | INDEFINITE)
        )

    def _plural_verb_next_to(self, start: int, end: int) -> bool:
        """Whether the word right after or right before a pronoun at ``start``–``end`` is a
        verb in the plural past ("Sie forderten", "erklärten sie") or a plural auxiliary."""
        after = self.text[end : end + 30].split()[:1]
        before = self.text[max(0, start - 30) : start].split()[-1:]
        return any(
            w.lower() in PLURAL_AUXILIARIES or (w.islower() and w.endswith("ten") and len(w) > 5)
            for w in (*after, *before)
        )

    def _feminine_body_before(self, start: int, end: int) -> str | None:
        """The organisation a sentence-opening "Sie" of a verb in the singular stands for when
        the sentence before names it with a feminine noun and names no person ("Hinter dem
        Streik steht die Gewerkschaft Verdi. Sie fordert …", "Die Bürgerinitiative Nordpark
        übergab Listen. Sie fordert …"); None otherwise ("Sie fordern": plural)."""
        verb = self.text[end : end + 30].split()[:1]
        if not verb or verb[0].endswith("en"):
            return None
        opened = max(self.text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n"))
        if opened < 0 or self.text[opened + 1 : start].strip():
            return None  # the pronoun does not open its sentence
        previous = max(self.text.rfind(mark, 0, opened) for mark in (". ", "! ", "? ", "\n"))
        inside = [
            (at, stop, entity) for at, stop, _, entity in self.mentions if previous < at < opened
        ]
        if any(entity.type == "PER" for _, _, entity in inside):
            return None
        sentence = self.text[previous + 1 : opened]
        for match in re.finditer(r"\b[Dd]ie\s+(?:[a-zäöü][\w-]*\s+)?([A-ZÄÖÜ][\w-]*)", sentence):
            noun = match.group(1).lower()
            if _organisation_noun(noun) is None or noun_gender(noun) != "f":
                continue
            # the body's name right after its noun ("die Gewerkschaft | Verdi") or with it
            # ("die | Bürgerinitiative Nordpark")
            noun_at = previous + 1 + match.start(1)
            after = noun_at + len(noun) + 1
            named = [entity for at, stop, entity in inside if at <= noun_at < stop or at == after]
            if named:
                return named[0].id
        return None

    def _name_part_in(self, words_at: Sequence[tuple[int, str]]) -> str | None:
        """The organisation one of whose names' words the span is ("VitaPuls" after "der
        App-Anbieter VitaPuls Health") or has after an article ("der TSV" after "TSV Hausen
        1890"), where the recogniser marked no mention; only when one organisation has it."""
        words = [w.strip(",.;:()") for _, w in words_at]
        if len(words) == 2 and words[0].lower() in DEFINITE and is_acronym_like(words[1]):
            word = words[1]
        elif len(words) == 1 and words[0][:1].isupper():
            word = words[0]
        else:
            return None
        bodies = [e for e in self.entities if e.type != "PER" and e.id not in self.garbled]
        for found in (
            {e.id for e in bodies if e.name == word},
            {e.id for e in bodies if word in e.name.split()},
        ):
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    def _body(self, noun: str, before: int) -> str | None:
        """The entity a body's noun stands for ("polizei", "gericht", "unternehmen"): the last
        one named before ``before`` with a word that starts or ends with that noun
        ("Polizeipräsidium Nordhessen", "Landgericht Bochum", "Bürgerinitiative Nordpark", not
        "Bundesgerichtshof"); else, for a noun of a kind of organisation, the organisation of
        that kind (``_organisation_of_kind``); else, for a noun of ``ORGANISATION_NOUNS``, the
        organisation named last in the paragraph."""
        if noun in MUNICIPALITY_NOUNS:
            return self._last_city(before)  # "ein Sprecher der Stadt": the town, no body
        # with the "s" that may have been taken for a joint ("Kreisverwaltung" → "krei(s)")
        forms = [form for form in (noun, noun + "s") if len(form) >= BODY_STEM_MIN]
        if forms:
            found = [
                entity
                for at, _, _, entity in reversed(self.mentions)
                if at < before
                and entity.id not in self.garbled
                and any(
                    part.startswith(form) or part.endswith(form)
                    for part in re.split(r"[\s-]+", entity.name.lower())
                    for form in forms
                )
            ]
            if found:
                # of several, one the title or lead names: the article's ("Das Landgericht
                # X verurteilte …" before "Das Amtsgericht hatte … abgewiesen")
                lead = [
                    e for e in found if e.salience and (e.salience.in_title or e.salience.in_lead)
                ]
                return (lead or found)[0].id
        kind = _organisation_kind(noun)
        if kind is not None:
            found = self._organisation_of_kind(kind, before)
            if found is not None:
                return found
        if _organisation_noun(noun) is not None:
            return self._last_organisation(before)
        return None

    def _kinds(self, entity: Entity) -> set[str]:
        """The kinds of organisation (``ORGANISATION_KINDS``) the entity's name shows, or the
        noun right before one of its mentions ("der Autozulieferer Velmont")."""
        words = re.split(r"[\s-]+", entity.name.lower())
        for mention in entity.mentions:
            before = self.text[max(0, mention.start - 40) : mention.start].split()[-1:]
            if before and before[0][:1].isupper() and before[0].replace("-", "").isalpha():
                words.append(before[0].rsplit("-", 1)[-1].lower())
        words = [w.strip(".,;:()&") for w in words]
        return {
            kind
            for kind, (_, nouns, abbreviations) in ORGANISATION_KINDS.items()
            if any(w in abbreviations or (w and w.endswith(nouns)) for w in words)
        }

    def _organisation_of_kind(self, kind: str, before: int) -> str | None:
        """The organisation of that kind a description before ``before`` stands for: the one
        named last in the paragraph, else the one of that kind named before, when the text
        named only one ("Die Brauerei Moosgrund GmbH … | Nach Angaben des Unternehmens");
        when it named none yet, the first named in the next paragraph ("Dem Unternehmen
        zufolge …" in a lead before the company's name)."""
        paragraph = self.text.rfind("\n\n", 0, before)
        earlier: set[str] = set()
        for at, _, _, entity in reversed(self.mentions):
            if at >= before or kind not in self.kinds.get(entity.id, ()):
                continue
            if entity.id in self.garbled:
                continue
            if at > paragraph:
                return entity.id
            earlier.add(entity.id)
        if earlier:
            return earlier.pop() if len(earlier) == 1 else None
        this_end = self.text.find("\n\n", before)
        next_end = self.text.find("\n\n", this_end + 2) if this_end >= 0 else -1
        for at, _, _, entity in self.mentions:
            if (
                before < at
                and (next_end < 0 or at < next_end)
                and kind in self.kinds.get(entity.id, ())
                and entity.id not in self.garbled
            ):
                return entity.id
        return None

    def _ages_given(self, age: str, before: int) -> list[str | None]:
        """Where the text gives an age before ``before`` ("Joachim Banke (52)", "die
        58-jährige Ministerin Eva Roth", "ein 39 Jahre alter Mann"): for each place, the named
        person right next to it, or None (someone unnamed). An earlier description by the age
        away from any name ("legt dem 52-Jährigen zur Last") does not give it: the one meant
        may be named only later ("Rainer B."), nor does an unnamed one in an earlier paragraph
        when a person is named after it (``_named_later``)."""
        persons = [
            (at, end, entity.id)
            for at, end, _, entity in self.mentions
            if entity.type == "PER" and entity.id in self.named_persons
        ]
        given: list[str | None] = []
        for match in re.finditer(rf"(?<!\d){age}(?:-[Jj]ährig|\)| Jahre)", self.text[:before]):
            # a definite noun ("Die 34-Jährige arbeitet …") describes someone named before it
            described = (
                match.group().endswith("-Jährig")
                and _word_before(self.text, match.start()) in DEFINITE
            )
            gaps = [
                (min(abs(match.start() - end), abs(at - match.end())), person)
                for at, end, person in persons
                if not described or end <= match.start()
            ]
            gap, person = min(gaps, default=(AGE_NEAR, None))
            if gap < AGE_NEAR:
                given.append(person)
            elif not described and not self._named_later(match.end(), before, persons):
                given.append(None)
        return given

    def _named_later(self, at: int, before: int, persons: Sequence[tuple[int, int, str]]) -> bool:
        """Whether an unnamed person given an age at ``at`` may be named later: the age is in
        an earlier paragraph than ``before`` (a lead's "einer 71 Jahre alten Mieterin") and a
        person is named between the two."""
        if self.text.find("\n\n", at, before) < 0:
            return False
        return any(at < start < before for start, _, _ in persons)

    def _last_city(self, before: int) -> str | None:
        """The town or city named last before ``before``: a place resolved to a city, or one
        the gazetteer did not resolve that is no acronym."""
        for at, _, kind, entity in reversed(self.mentions):
            if (
                at < before
                and kind == "name"
                and entity.type == "LOC"
                and (entity.geo is None or entity.geo.feature == "city")
                and not is_acronym_like(entity.name)  # "BN", a body NER took for a place
            ):
                return entity.id
        return None

    def _last_organisation(self, before: int) -> str | None:
        """The organisation named last before ``before`` in the same paragraph ("Der
        Autozulieferer Velmont … , teilte das Unternehmen mit"); none when the paragraph names
        none (the recogniser may have missed the one meant)."""
        paragraph = self.text.rfind("\n\n", 0, before)
        for at, _, kind, entity in reversed(self.mentions):
            if (
                paragraph < at < before
                and entity.type == "ORG"
                and kind == "name"
                and entity.id not in self.garbled
            ):
                return entity.id
        return None

    def _person_of_country(self, country: str, before: int) -> str | None:
        """The person named last before ``before`` whose role is of that country (its code):
        "der französische Außenminister Julien Marchetti" for "der Franzose"."""
        of_country = {
            e.id
            for e in self.entities
            if e.type == "PER"
            and any(
                self.adjectives.country_of(word) == country
                for role in e.roles
                for word in role.text.split()
            )
        }
        for at, _, _, entity in reversed(self.mentions):
            if at < before and entity.id in of_country:
                return entity.id
        return None

    def _unnamed_person(self, before: int, gender: str | None) -> int:
        """Where the last indefinite phrase naming a person of that gender (None: any) that
        opens a sentence in the paragraph before ``before`` begins ("Ein Landwirt aus dem
        Ortsteil sagte", "Eine ältere Anwohnerin"), or -1."""
        paragraph = self.text.rfind("\n\n", 0, before) + 1
        found = -1
        for match in UNNAMED_PERSON.finditer(self.text, paragraph, before):
            article = match.group().split()[0].lower()
            if (gender == "f" and article == "ein") or (gender == "m" and article == "eine"):
                continue
            noun = match.group("noun").lower()
            prefix = self.text[paragraph : match.start()]
            opens = prefix.rstrip()[-1:] in ("", ".", "!", "?") and not _in_quotation(prefix)
            if opens and (names_a_person(noun) or noun.endswith(UNNAMED_PERSON_ENDINGS)):
                found = match.start()
        return found

    def _unnamed_antecedent(self, noun: str, before: int) -> int:
        """Where the last indefinite phrase with this noun before ``before`` begins ("Ein
        Sprecher", "einer Sprecherin"), or -1."""
        noun = noun.strip(",.").lower()
        found = -1
        for match in _CHUNK.finditer(self.text[:before]):
            if match.group().lower().strip(",.").endswith(noun):
                words = self.text[max(0, match.start() - 40) : match.start()].split()[-2:]
                if any(w.lower() in INDEFINITE for w in words):
                    found = match.start()
        return found


def _reads_as_a_name(name: str) -> bool:
    """Whether what the recogniser took for a name may be one: not when it runs over a
    sentence's end or a colon ("Instituts. Kundinnen", "Windpark: Bürgerinitiative") or opens
    with an indefinite article ("Ein Museum"); "Wiesentaler GmbH & Co. KG" may."""
    words = name.split()
    if not words or words[0].lower() in INDEFINITE:
        return False
    return re.search(r"[a-zäöüß]{3}[.:]\s", name) is None


def _organisation_noun(noun: str) -> str | None:
    """The noun of ``ORGANISATION_NOUNS`` a (lower-case) description's noun is or ends in:
    "unternehmen", "klinikverbund" → "verbund", "autozulieferer" → "zulieferer"; else None."""
    if noun in ORGANISATION_NOUNS:
        return noun
    return next(
        (n for n in ORGANISATION_NOUNS if noun.endswith(n) and len(noun) - len(n) >= 3), None
    )


def _organisation_kind(noun: str) -> str | None:
    """The kind of organisation (``ORGANISATION_KINDS``) a description's noun names:
    "unternehmen", "arzneimittelhersteller" → "company", "vereins" → None (inflected)."""
    for kind, (nouns, _, _) in ORGANISATION_KINDS.items():
        if noun in nouns or any(noun.endswith(n) and len(noun) - len(n) >= 3 for n in nouns):
            return kind
    return None


def _is_city_adjective(word: str) -> bool:
    """Whether a capitalised word may be a city's adjective ("Bonner", "Münchner")."""
    return word[:1].isupper() and word.endswith("er") and len(word) > 4 and word.isalpha()


def _is_bare_spokesperson(words_at: Sequence[tuple[int, str]]) -> bool:
    """Whether a span is an article and a spokesperson's noun alone ("Eine Sprecherin", "ein
    Sprecher"), naming no body."""
    words = [w.strip(",.;:").lower() for _, w in words_at]
    return len(words) == 2 and words[1] in SPOKESPERSONS


def _member_end(words_at: Sequence[tuple[int, str]]) -> int | None:
    """Where the head of an indefinite description of a person who does not speak for a body
    ends ("Eine Lehrerin | der Fördeblick-Schule", "ein Anwohner | aus X"): a body named after
    it is not the speaker; None for other spans ("Ein Sprecher der Agentur", "Die Polizei")."""
    if len(words_at) < 2 or words_at[0][1].lower() not in INDEFINITE:
        return None
    for k, (_, word) in enumerate(words_at[1:], 1):
        noun = word.strip(",.;:").lower()
        if not word[:1].isupper():
            continue  # an adjective: "ein langjähriges"
        if noun.endswith(BODY_ROLES) or noun.endswith(("vertreter", "vertreterin")):
            return None
        if names_a_person(noun):
            return words_at[k + 1][0] if k + 1 < len(words_at) else words_at[k][0] + len(word)
        return None
    return None


def _in_quotation(before: str) -> bool:
    """Whether a paragraph's text up to here leaves a quotation open („…, "…, »…)."""
    opened = before.count("„") + before.count("»") - before.count("“") - before.count("«")
    return opened > 0 or before.count('"') % 2 == 1


def _words_at(text: str) -> list[tuple[int, str]]:
    """The whitespace-separated words of ``text`` with their offsets."""
    return [(m.start(), m.group()) for m in _CHUNK.finditer(text)]


def _body_noun(words_at: Sequence[tuple[int, str]]) -> str | None:
    """The body a spokesperson or head speaks for, as a lower-case noun without its genitive
    ending: the first part of a compound ("Polizeisprecher" → "polizei",
    "Unternehmenssprecherin" → "unternehmen", "Universitätsleitung" → "universität") or the
    genitive after the noun ("eine Sprecherin des Instituts" → "institut"); None when the span
    names no spokesperson."""
    words = [w.strip(",.;:()").lower() for _, w in words_at]
    for k, word in enumerate(words):
        role = next((r for r in BODY_ROLES if word.endswith(r)), None)
        if role is None:
            continue
        compound = word[: -len(role)].rstrip("-")
        if len(compound) >= 4:
            return _without_genitive_s(compound)
        if k + 2 < len(words) and words[k + 1] in ("des", "der"):
            # the genitive's noun: the last of its first run of capitalised words ("des
            # bayerischen Innenministeriums", "des Deutschen Wetterdienstes")
            raw = [w.strip(",.;:()") for _, w in words_at[k + 2 :]]
            capital = next((j for j, w in enumerate(raw) if w[:1].isupper()), None)
            if capital is None:
                return None
            run = list(itertools.takewhile(lambda w: w[:1].isupper(), raw[capital:]))
            noun = run[-1].lower()
            return _without_genitive_s(noun) if words[k + 1] == "des" else noun
        return None
    return None


def _without_genitive_s(word: str) -> str:
    """ "unternehmens" → "unternehmen", "gerichts" → "gericht", "ministeriums" → "ministerium";
    words that end in -s of themselves keep it ("verbands" → "verband", but "haus" stays)."""
    if word.endswith("es") and len(word) > 6:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "os")):
        return word[:-1]
    return word


def _is_title(noun: str) -> bool:
    """Whether a (lower-case) noun before a name is a person's title or function whose form
    tells a gender ("bürgermeisterin", "kreisbrandmeister", "meteorologe"), unlike "sorte" of
    "die Sorte Hashab"; or a deputy's ("Fraktionsvize"), which tells none."""
    return len(noun) > 3 and (
        title_gender(noun) is not None or noun in PERSON_NOUNS_IN_E or noun.endswith("vize")
    )


def _opens_a_person_noun(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` only opens a compound naming a person ("CDU-|
    Politikerin", "UN-|Mitarbeiter"), which then describes that person, not the name's body;
    "UN-|Schätzungen" stays the UN's."""
    if text[end : end + 1] != "-":
        return False
    rest = re.match(r"[\w-]*", text[end + 1 :]).group().lower()  # matches, if only ""
    return bool(rest) and names_a_person(rest)


def _description_gender(head: Sequence[str]) -> str | None:
    """The gender a description gives its person: "die Ministerin", "die Abgeordnete" f; "der
    Sprecher", "der Abgeordnete" m; None for a plural or unknown form."""
    noun = head[-1]
    gender = title_gender(noun)
    if gender == "f":
        return gender
    article = head[0].lower()  # one of ``DEFINITE``
    if article in ("der", "dem"):
        return "m"
    if article == "die" and noun.lower().strip(",.").endswith("e"):
        return "f"
    return None
