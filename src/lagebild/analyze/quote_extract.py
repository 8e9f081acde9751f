"""Quotation extraction on a tokenised document: messages with cue, speaker, frame, addressee.

Two CRF taggers (python-crfsuite, trained on the SpkAtt 2023 news train split by
``training/quotes/train.py``): one marks message tokens over the whole document; the other,
run once per message over the sentences around it, marks that message's cue, speaker,
addressee and frame (their state scores are summed with numpy, ``crf_scores``, and crfsuite
finds the labels). Rules around them: an attribution inside a message is cut out of it,
quotations in quotation marks inside a reported message become nested direct messages, the
form follows from quotation marks, cue and subjunctive, the medium from a classifier (or the cue
word's most frequent medium in the training data). Last, a message filter (logistic regression
trained on cross-validated predictions on train, ``message_filter.json``) scores each message and
drops those below its threshold (quoted titles and names, narration taken for speech).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from lagebild.analyze.crf_scores import CrfWeights, ScoreTagger, SharedScores
from lagebild.analyze.noun_phrases import (
    APPOSITION_ENDS,
    DEMONSTRATIVE_SPEAKERS,
    DETERMINERS,
    FINITE,
    GENITIVE_ARTICLES,
    INDEFINITE,
    NON_ARTICLE_DETERMINERS,
    NOUNS,
    PASSIVE,
    SPEAKER_PRONOUNS,
    SUBJECT_STARTS,
    addresses_a_medium,
    age_unit_at,
    attached,
    ends_speaker,
    is_nominative,
    noun_phrase,
    phrase_after_verb,
    subject_speaker,
)
from lagebild.analyze.pos import PosTagger
from lagebild.analyze.quote_features import (
    ATTRIBUTION,
    CLOSERS,
    MARKS,
    PARAGRAPH_QUOTE_ENDS,
    PUNCT,
    SUBJUNCTIVE,
    BinaryClassifier,
    DocumentScorer,
    FilterInput,
    Lexicon,
    LinearClassifier,
    RoleFeatures,
    RoleGroups,
    RoleScores,
    WordCache,
    attributions,
    document_features_and_keys,
    medium_features,
    message_filter_features,
    quote_depths,
    sentence_cue,
    sentence_features,
    typographic_marks,
)
from lagebild.analyze.speech_acts import reported_speech_acts
from lagebild.analyze.timex_rules import PARTS_OF_DAY, WEEKDAYS
from lagebild.german import MONTHS, names_a_person

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "quotes-de"
# Taggers: "message" runs over the whole document; "roles" (cue C, speaker S, addressee A and
# the rest of the frame F) runs once per message over a window of sentences around it.
ROLE_CODES = {"C": "cue", "S": "speaker", "A": "addressee", "F": "frame"}
SENTENCES_BEFORE, SENTENCES_AFTER = 2, 1
# at most this many tokens before and after the message (fewer features to tag, same scores)
WINDOW_BEFORE, WINDOW_AFTER = 30, 30
CARRY_SENTENCES = 1
# a direct quotation continues the speaker of the direct quotation before it across one
# sentence of narration (`„…“, sagte sie. Der Rat tagt. „…“`; trCV and dev both gain)
DIRECT_CARRY_SENTENCES = 2
MERGE_SLACK = 0  # gap tokens outside the attribution allowed when joining pieces ("jetzt")
NESTED_MIN_TOKENS = 3  # quotation marks included
NAME_MAX_WORDS = 3  # a quoted name or title: „IG Bau“
LEADING_PREPOSITIONS = frozenset({"in", "im", "auf", "bei"})
# an object pronoun the tagger drew into a speaker: "nannte ihn der Sprecher …"
OBJECT_PRONOUNS = frozenset({"ihn", "ihm", "ihnen", "sich", "mich", "mir", "uns", "dich", "dir"})
# closing bracket or quotation mark -> the marks that open it
OPENERS = {")": "(", "]": "[", "“": "„“", "”": "“", "«": "»", "»": "«", '"': '"', "‘": "‚"}
TRAILING = frozenset({",", ":", ";", "–", "-"})
# The sentence classifier: its label for a sentence without a message, the forms it adds, the
# shortest sentence it looks at, how far back free indirect speech finds its speaker.
NO_MESSAGE = "none"
SENTENCE_FORMS = frozenset({"Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect"})
SENTENCE_MIN_TOKENS = 4
CARRY_FREE_SENTENCES = 2
# How the release names the medium of a message whose cue gives none.
DEFAULT_MEDIUM = "Speech"


@dataclass
class TokenQuote:
    """One message and its roles as sorted token indices of one document."""

    message: list[int]
    cue: list[int] = field(default_factory=list)
    speaker: list[int] = field(default_factory=list)
    frame: list[int] = field(default_factory=list)
    addressee: list[int] = field(default_factory=list)
    form: str = "Indirect"
    medium: str = DEFAULT_MEDIUM
    nested: bool = False
    score: float = 1.0  # the message filter's probability that this is a message


def bio_spans(labels: Sequence[str]) -> list[list[int]]:
    """Token index lists of the spans in B/I(/C) labels; C continues the previous span."""
    spans: list[list[int]] = []
    current: list[int] | None = None
    for i, label in enumerate(labels):
        if label == "B" or (label == "I" and current is None):
            current = [i]
            spans.append(current)
        elif label == "I" and current is not None:
            current.append(i)
        elif label == "C":
            if spans:
                current = spans[-1]
                current.append(i)
            else:
                current = [i]
                spans.append(current)
        else:
            current = None
    return spans


def pieces(span: Sequence[int]) -> list[list[int]]:
    """The contiguous runs of sorted token indices."""
    runs: list[list[int]] = []
    for i in span:
        if runs and runs[-1][-1] + 1 == i:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _distance(a: Sequence[int], b: Sequence[int]) -> int:
    if not a or not b:
        return 10**6
    if a[-1] < b[0]:
        return b[0] - a[-1]
    if b[-1] < a[0]:
        return a[0] - b[-1]
    return 0


class QuoteExtractor:
    """Finds quotations in a tokenised document with the shipped taggers and lexicon."""

    def __init__(
        self,
        model_dir: Path = MODEL_DIR,
        message_threshold: float = 0.5,
        role_threshold: float = 0.2,
        filter_threshold: float | None = None,
        sentence_threshold: float | None = None,
    ):
        """``filter_threshold`` overrides the message filter's own (``message_filter.json``;
        without that file every message is kept)."""
        self.message_threshold = message_threshold
        self.role_threshold = role_threshold
        with open(model_dir / "lexicon.json", encoding="utf-8") as handle:
            data = json.load(handle)
        self.lexicon = Lexicon.from_json(data)
        # The taggers' state scores are summed here (``crf_scores``): the document features
        # once per token for both taggers, and crfsuite only finds the labels and marginals.
        message_weights = CrfWeights.read(model_dir / "message.crfsuite")
        role_weights = CrfWeights.read(model_dir / "roles.crfsuite")
        self.message_tagger = ScoreTagger(message_weights)
        self.role_tagger = ScoreTagger(role_weights)
        self.role_groups = RoleGroups(role_weights)
        self.document_scores = DocumentScorer(
            SharedScores([(message_weights, ""), (role_weights, "d")])
        )
        self.word_cache = WordCache()
        pos_path = model_dir / "pos.crfsuite"
        self.pos = PosTagger(pos_path) if pos_path.exists() else None
        self.medium: LinearClassifier | None = None
        if (model_dir / "medium.json").exists():
            with open(model_dir / "medium.json", encoding="utf-8") as handle:
                self.medium = LinearClassifier.from_json(json.load(handle))
        self.filter: BinaryClassifier | None = None
        if (model_dir / "message_filter.json").exists():
            with open(model_dir / "message_filter.json", encoding="utf-8") as handle:
                self.filter = BinaryClassifier.from_json(json.load(handle))
        default = self.filter.threshold if self.filter is not None else 0.0
        self.filter_threshold = default if filter_threshold is None else filter_threshold
        self.sentences: LinearClassifier | None = None
        default = 1.0
        if (model_dir / "sentences.json").exists():
            with open(model_dir / "sentences.json", encoding="utf-8") as handle:
                data = json.load(handle)
            self.sentences = LinearClassifier.from_json(data)
            default = float(data["threshold"])
        self.sentence_threshold = default if sentence_threshold is None else sentence_threshold

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR) -> QuoteExtractor:
        return _cached_extractor(model_dir)

    def extract(
        self,
        tokens: Sequence[str],
        sentence_ids: Sequence[int],
        paragraph_starts: Collection[int] = (),
        speech_acts: bool = False,
    ) -> list[TokenQuote]:
        """The quotations of a document: token texts, a sentence id per token and, optionally,
        the indices of tokens that begin a paragraph (no message runs across a paragraph).
        Messages the message filter finds unlikely are left out. After the taggers, the filter
        and the sentence classifier, sentences opening with their source (`Laut X …`) become
        indirect speech, and rules on the part-of-speech tags add quoted sentences no message
        covers and "Dies teilte X mit" messages, cut quoted sentences out of the message the
        tagger ran into them, and keep attributions out of messages
        (the clause introducing an indirect message, the attribution after it, a source or
        `wie` clause opening the sentence); complete cues (`wie`, the finite verb, separable
        particles); give a message without a speaker the subject of its sentence or the source
        before it; replace speakers that are fronted phrases, objects, function words or in
        another sentence or name no one by the subject; give speakers their attributes and end
        them before an object; drop relative clauses taken for indirect speech; join the pieces
        of an indirect message that its attribution parts. Last, the spans are made to follow the
        annotation conventions of the release the models learned from (whole frames, sentence stops,
        indirect speech split at a stop, direct quotations from mark to mark), a run of direct
        quotations keeps its speaker, a quoted phrase whose cue ends a relative clause takes its
        pronoun as speaker, an object after the verb before a colon gives way to the subject,
        a quoted phrase said to hold "für" someone is theirs, a speaker carried from
        the tagger's messages settles on the nearest message before it, a quoted name inside or
        right after its speaker goes, and nested quotations take their parent's roles. Speakers
        are one phrase (no colon or unclosed bracket in them), indirect speech does not hold
        its own speaker (the speaker's part is split off), a message without a speaker takes a
        source phrase of its sentence, and a direct quotation without speaker or cue takes the
        speaker of the message in the sentence before it or, unclosed at a paragraph's end, of
        the quotation going on after it, or the subject of a speech act reported in the
        sentence before; free indirect speech without a speaker takes the subject of the
        sentence before when it is a speaker word; a short quotation after a colon that names a
        title goes. With ``speech_acts``, sentences no message touches
        that report a speech act ("Die Gewerkschaft forderte einen Baustopp",
        ``speech_acts.py``) are added as Reported speech:
        the release annotates them only now and then, so ``eval quotes`` runs without them."""
        if not tokens:
            return []
        tokens = typographic_marks(tokens)
        quotes, doc = self.filtered(tokens, sentence_ids, paragraph_starts)
        if self.sentences is not None:
            quotes += self.sentence_messages(doc, quotes)
        quotes += self._source_sentences(doc, quotes)
        depths = doc.depths if doc.depths is not None else quote_depths(tokens)
        pos = doc.pos
        if pos is not None:
            # the rules see the capitalised words the tagger misses as nouns; the taggers'
            # features, computed above, keep the tagger's own tags
            pos = nouns_by_their_capitals(tokens, pos, doc.rank_of)
            pos = finite_participles(pos, doc.rank_of, depths)
            pos = verbs_taken_for_adjectives(tokens, pos, self.lexicon)
            doc = replace(doc, pos=pos)
        quotes += self._missed_quotations(doc, quotes, paragraph_starts)
        if pos is not None:
            quotes = _quoted_phrase_out_of_its_attribution(quotes, tokens, pos, doc.rank_of, depths)
            quotes = _quoted_sentences_out_of_their_message(
                quotes, tokens, pos, doc.rank_of, depths
            )
            _message_after_its_cue_clause(quotes, tokens, pos, doc.rank_of, self.lexicon)
            _attribution_tail_out(quotes, tokens, pos, doc.rank_of)
            _attribution_tail_found(quotes, tokens, pos, doc.rank_of, self.lexicon)
        for quote in quotes:
            quote.cue = _with_wie(tokens, doc.rank_of, quote.cue)
            if pos is not None:
                quote.cue = _complete_cue(tokens, pos, doc.rank_of, quote)
        if pos is None:
            return quotes
        attributed = pronoun_attributions(tokens, pos, doc.rank_of, quotes, paragraph_starts)
        for quote in attributed:
            quote.medium = self._medium(tokens, quote)
        quotes += attributed
        _messages_a_pronoun_attributes(quotes, tokens, pos, doc.rank_of)
        _direct_subjects(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _colon_quotations_end_with_their_stop(quotes, tokens, pos, doc.rank_of)
        _speaker_after_the_attribution(quotes, tokens, pos, doc.rank_of, depths, self.lexicon)
        _continue_after_attribution(quotes, tokens, pos, doc.rank_of)
        _source_takes_its_genitive(quotes, tokens, pos, doc.rank_of)
        _message_from_the_verb_after_a_source(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _message_after_a_wie_clause(quotes, tokens, pos, doc.rank_of)
        _source_before_the_message(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _speaker_in_the_cue_sentence(quotes, tokens, pos, doc.rank_of)
        _speaker_takes_its_attributes(quotes, tokens, pos, doc.rank_of)
        _speaker_ends_before_a_time(quotes, tokens, pos, depths)
        _subject_after_fronted_phrase(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _subject_of_als_predicates(quotes, tokens, pos, doc.rank_of)
        _subject_before_the_verb(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _reported_subjects(quotes, tokens, pos, doc.rank_of)
        _cue_next_to_speaker(quotes, tokens, pos, doc.rank_of)
        _source_adverbs_speak(quotes, tokens)
        _documents_speak_through_heisst_es(quotes, tokens, pos, doc.rank_of)
        _texts_speak_through_their_words(quotes, tokens, pos, doc.rank_of)
        _speaker_of_a_wie_clause(quotes, tokens, pos)
        _cue_takes_its_particle(quotes, tokens, pos, doc.rank_of)
        _no_speaker_of_function_words(quotes, tokens, pos)
        _speaker_ends_before_an_object(quotes, tokens, pos, depths)
        _speaker_ends_before_a_relative_clause(quotes, tokens, pos, depths)
        _zufolge_takes_its_phrase(quotes, tokens, pos)
        _speaker_without_a_verb(quotes, tokens, pos)
        quotes = _no_relative_clauses(quotes, tokens, pos)
        quotes = _pieces_around_their_attribution_join(quotes, tokens, doc.rank_of)
        _no_speaker_inside_another_message(quotes)
        quotes = _direct_quotes_to_their_marks(quotes, tokens, depths)
        _no_speaker_inside_another_message(quotes)
        # a quotation grown to its opening mark may now start the sentence that names its
        # speaker; that sentence's subject may lie inside the quotation before it
        _direct_subjects(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _no_speaker_inside_another_message(quotes)
        _whole_frames(quotes, tokens, doc.rank_of)
        _addressee_after_gegenueber(quotes, tokens, pos, doc.rank_of)
        _addressees_of_cues(quotes, tokens, pos, doc.rank_of, self.lexicon)
        quotes += _split_at_sentence_stops(quotes, tokens, depths, pos, doc.rank_of, self.lexicon)
        _sentence_stops(quotes, tokens)
        _speaker_after_the_quotation(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _direct_runs_keep_their_speaker(quotes, doc.rank_of)
        _quoted_phrase_takes_its_subject(quotes, tokens, pos, doc.rank_of, depths, self.lexicon)
        _quoted_phrase_in_a_relative_clause(quotes, tokens, pos, doc.rank_of, depths)
        _object_after_the_verb_before_a_colon(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _object_after_a_coordinated_verb(quotes, tokens, pos, doc.rank_of)
        _last_of_listed_speakers(quotes, tokens, pos, doc.rank_of, self.lexicon)
        quotes += _fuer_whom_a_phrase_holds(quotes, tokens, pos, doc.rank_of, depths)
        _free_speech_continues_its_speaker(quotes, doc.rank_of)
        _carried_speakers_settle(quotes, doc.rank_of)
        _subjunctive_clauses_are_reported(quotes, tokens, pos, doc.rank_of)
        quotes += _speakers_outside_their_speech(quotes, tokens, doc.rank_of)
        _source_phrase_in_the_sentence(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _speakers_are_one_phrase(quotes, tokens)
        _speakers_end_in_a_word(quotes, tokens, pos)
        _conclusions_speak_for_their_authors(quotes, tokens, pos, self.lexicon)
        _speakers_start_with_their_determiner(quotes, tokens, pos, doc.rank_of)
        quotes = _no_names_of_their_speakers(quotes, tokens, pos)
        quotes = _no_titles_after_a_colon(quotes, tokens, doc.rank_of)
        _no_speaker_inside_a_direct_quotation(quotes)
        if speech_acts:
            quotes += self._speech_acts(tokens, pos, doc.rank_of, depths, quotes)
        _lone_quotations_continue_the_sentence_before(
            quotes, tokens, pos, doc.rank_of, self.lexicon
        )
        _unclosed_quotations_take_the_next_speaker(quotes, tokens)
        _free_speech_takes_the_subject_before(quotes, tokens, pos, doc.rank_of, self.lexicon)
        _free_speech_continues_its_speaker(quotes, doc.rank_of)
        _nested_take_their_roles(quotes)
        return quotes

    def _speech_acts(
        self,
        tokens: Sequence[str],
        pos: Sequence[str],
        rank_of: Sequence[int],
        depths: Sequence[int],
        quotes: Sequence[TokenQuote],
    ) -> list[TokenQuote]:
        """Reported speech acts (``speech_acts.py``) in the sentences no message touches and
        no quotation marks hold."""
        covered = {rank_of[i] for q in quotes for i in q.message}
        sentences = []
        start = 0
        while start < len(tokens):
            sentence = _sentence_of(rank_of, start)
            if rank_of[start] not in covered and not any(depths[i] for i in sentence):
                sentences.append(sentence)
            start = sentence.stop
        acts = reported_speech_acts(
            tokens,
            pos,
            sentences,
            lambda span: (
                _names_someone(tokens, pos, span, self.lexicon, ("hi", "mid"))
                or _two_capitalised(tokens, span)
            ),
        )
        return [
            TokenQuote(message=message, speaker=speaker, form="Reported", medium="Speech")
            for message, speaker in acts
        ]

    def filtered(
        self,
        tokens: Sequence[str],
        sentence_ids: Sequence[int],
        paragraph_starts: Collection[int] = (),
    ) -> tuple[list[TokenQuote], FilterInput]:
        """The quotations the message filter keeps (before reported speech is added), and
        what is known of the document."""
        quotes, doc = self.candidates(tokens, sentence_ids, paragraph_starts)
        if self.filter is not None:
            for quote in quotes:
                quote.score = self.filter.probability(filter_features(doc, quote, len(quotes)))
            quotes = keep_likely(quotes, self.filter_threshold)
        return quotes, doc

    def sentence_messages(self, doc: FilterInput, quotes: Sequence[TokenQuote]) -> list[TokenQuote]:
        """Messages the message tagger leaves out, a sentence at a time: each sentence no found
        message touches gets a form, or none, from the sentence classifier
        (``sentences.json``); one whose probability of holding a message reaches the threshold
        becomes a message as the release annotates that form. Reported speech is the whole
        sentence, speaker inside, no cue; free indirect speech is the whole sentence and
        continues the speaker of the message before it; indirect speech is the sentence without
        the cue, speaker and frame the roles tagger finds in it."""
        if self.sentences is None:
            return []
        found: list[TokenQuote] = []
        tokens = doc.tokens
        candidates = sentence_candidates(doc, quotes)
        each = self.sentences.probabilities_of(
            [sentence_features(doc, *candidate) for candidate in candidates]
        )
        for (sentence, cue, _), probabilities in zip(candidates, each, strict=True):
            score = 1.0 - probabilities.get(NO_MESSAGE, 0.0)
            if score < self.sentence_threshold:
                continue
            form = max(
                (label for label in probabilities if label != NO_MESSAGE),
                key=probabilities.__getitem__,
            )
            if form not in SENTENCE_FORMS:
                continue
            quote = TokenQuote(message=list(sentence), form=form, score=score)
            if form in ("FreeIndirect", "IndirectFreeIndirect"):
                quote.speaker = _previous_speaker(quotes, found, sentence, doc.rank_of)
                quote.message = _strip(tokens, quote.message)
            else:
                self._sentence_roles(doc, quote, cue)
            if cue is not None:
                quote.medium = _medium(tokens, [sentence[cue[0]]], self.lexicon)
            if cue is not None and not quote.speaker and _nach_a_time(tokens, sentence[cue[0]]):
                continue  # "Nach Monaten erbitterter Kämpfe kommt Bewegung …": a time, no source
            if quote.message:
                found.append(quote)
        return found

    def _source_sentences(self, doc: FilterInput, quotes: Sequence[TokenQuote]) -> list[TokenQuote]:
        """A sentence opening with an attribution (`Laut der Zeitung …`, `Nach Angaben des
        Amtes …`, `Nach UNHCR-Angaben …`) that no message touches is indirect speech of that
        source: the roles tagger finds cue, speaker and frame as for a sentence the sentence
        classifier accepts (train gold: 174 such sentences of 179 hold a message; the taggers
        and the classifier missed 6 of them in cross-validation, and 4 of 32 on dev)."""
        tokens, rank_of = doc.tokens, doc.rank_of
        covered = {rank_of[i] for q in quotes for i in q.message}
        found = []
        start = 0
        while start < len(tokens):
            sentence = _sentence_of(rank_of, start)
            first = tokens[start].lower()
            if (
                rank_of[start] not in covered
                and len(sentence) >= SENTENCE_MIN_TOKENS
                and (
                    first == "laut"
                    or (
                        first == "nach"
                        and self.lexicon.names_a_source(
                            [t.lower() for t in tokens[start + 1 : start + 4]]
                        )
                    )
                )
            ):
                quote = TokenQuote(message=list(sentence), form="Indirect")
                self._sentence_roles(doc, quote, (0, 1.0))
                quote.medium = _medium(tokens, [start], self.lexicon)
                if quote.message:
                    found.append(quote)
            start = sentence.stop
        return found

    def _missed_quotations(
        self,
        doc: FilterInput,
        quotes: Sequence[TokenQuote],
        paragraph_starts: Collection[int] = (),
    ) -> list[TokenQuote]:
        """Quotations the taggers and the filter left out: a stretch in quotation marks of at
        least ``MISSED_QUOTE_WORDS`` tokens with a finite verb that no message touches is a
        direct quotation (in the train split 97 % of such stretches lie in a gold message,
        83 % are a top-level direct one); its roles come from the roles tagger."""
        if doc.pos is None or doc.roles is None:
            return []
        tokens, pos, rank_of = doc.tokens, doc.pos, doc.rank_of
        covered = {i for q in quotes for i in q.message}
        depths = doc.depths if doc.depths is not None else quote_depths(tokens)
        found: list[TokenQuote] = []
        for span in pieces([i for i, depth in enumerate(depths) if depth]):
            inner = span[1:-1]
            if not inner or covered & set(span):
                continue
            cue: list[int] = []
            if len(inner) < MISSED_QUOTE_WORDS or not any(pos[k] in FINITE for k in inner):
                cue = _cue_of_a_quoted_phrase(tokens, pos, rank_of, depths, span)
                # "„…“, mit diesen Worten meldete er sich": the speaker follows
                words = _with_these_words(tokens, span[-1] + 2) or _with_these_words(
                    tokens, span[0] - 3
                )
                if not cue and not words:
                    continue
            if span[0] and tokens[span[0] - 1].lower() in TITLE_NOUNS:
                continue  # a title: "Unter dem Motto „…“", "sein Buch „…“"
            if len({rank_of[k] for k in span}) > 1 and tokens[span[-1]] not in MARKS:
                continue
            quote = TokenQuote(message=span, form="Direct")
            window = message_window(span, rank_of)
            roles = role_spans(self.role_tagger.tag(doc.roles(window, span, True)), window)
            _take_roles(quote, roles, tokens, rank_of, span, paragraph_starts)
            if cue:
                # the cue verb's subject, not the tagger's guess (it often takes the object)
                quote.cue = cue
                sentence = _sentence_of(rank_of, span[0])
                verb = next(i for i in cue if pos[i].startswith("V"))
                if pos[verb] in FINITE and verb > sentence.start and tokens[verb - 1] == ",":
                    # "Nachdem …, rechtfertigte das Ministerium …": the subject follows the verb
                    sentence = range(verb, sentence.stop)
                subject = subject_speaker(tokens, pos, sentence, set(span))
                if not subject and pos[verb] in FINITE:
                    subject = reported_speaker(tokens, sentence, verb - sentence.start)
                quote.speaker = subject or quote.speaker
            quote.medium = self._medium(tokens, quote)
            found.append(quote)
        return found

    def _sentence_roles(
        self, doc: FilterInput, quote: TokenQuote, cue: tuple[int, float] | None
    ) -> None:
        """Speaker (and for indirect speech cue and frame, cut out of the message) of a
        sentence found by the sentence classifier; the roles tagger sees the sentence without
        its cue word as the message."""
        sentence = quote.message
        window = range(sentence[0], sentence[-1] + 1)
        seen = [i for k, i in enumerate(sentence) if cue is None or k != cue[0]]
        if doc.roles is not None:
            roles = role_spans(self.role_tagger.tag(doc.roles(window, seen, False)), window)
        else:
            roles = {name: [] for name in ROLE_CODES.values()}
        anchor = [sentence[cue[0]]] if cue is not None else sentence
        quote.speaker = _trim(doc.tokens, _nearest(roles["speaker"], anchor) or [], [])
        if not quote.speaker and cue is not None:
            quote.speaker = reported_speaker(doc.tokens, sentence, cue[0])
        if quote.form != "Indirect":
            return
        quote.cue = cue_tokens(roles["cue"], sentence, doc.rank_of)
        if not quote.cue and cue is not None:
            quote.cue = [sentence[cue[0]]]
        quote.frame = frame_tokens(roles, quote.cue, quote.speaker)
        attribution = set(quote.cue) | set(quote.speaker) | set(quote.frame)
        quote.message = _strip(doc.tokens, [i for i in sentence if i not in attribution])

    def candidates(
        self,
        tokens: Sequence[str],
        sentence_ids: Sequence[int],
        paragraph_starts: Collection[int] = (),
    ) -> tuple[list[TokenQuote], FilterInput]:
        """The quotations before the message filter, and what the filter needs to know of the
        document."""
        pos = self.pos.tag(tokens, sentence_ids) if self.pos is not None else None
        features, keys = document_features_and_keys(
            tokens, sentence_ids, self.lexicon, self.word_cache, pos
        )
        message_scores, document = self.document_scores(features)
        labels, in_message = self._message_labels(message_scores)
        rank_of = sentence_ranks(sentence_ids)
        depths = quote_depths(tokens)
        messages = _quotation_pieces_join(tokens, depths, bio_spans(labels))
        featurize = RoleScores(RoleFeatures(features, rank_of, keys), self.role_groups, document)
        quotes = []
        for message in messages:
            message = _end_at_closing_mark(tokens, depths, message, rank_of)
            message = _within_paragraph(message, paragraph_starts)
            if not message:
                continue
            quote = TokenQuote(message=message)
            window = message_window(message, rank_of)
            quoted = is_quoted(tokens, depths, message)
            feats = featurize(window, message, quoted)
            tagger = self.role_tagger
            roles = role_spans(tagger.tag(feats), window)
            span = range(message[0], message[-1] + 1)  # with the gaps of a discontinuous message
            inside = [i for i in span if ATTRIBUTION in features.own[i]]  # nach Angaben, laut
            if not (roles["cue"] and roles["speaker"]) and inside:
                # "Die Brücke sei nach Angaben der Stadt baufällig" as one message: the tagger,
                # which never saw an attribution inside a message, misses its cue or speaker; it
                # tags again with the attribution phrase outside the message, and when it still
                # finds no speaker the phrase's noun phrase is the speaker ("Angaben der Stadt");
                # the attribution is then cut out of the message
                phrase = {k for i in inside for k in _attribution_phrase(tokens, i)}
                seen = [i for i in message if i not in phrase]
                if not seen:
                    continue  # nothing but the attribution ("laut „Welt“" tagged as a message)
                quote.message = seen
                feats = featurize(window, seen, quoted)
                roles = role_spans(tagger.tag(feats), window)
                if not roles["speaker"]:
                    # the noun phrase of the attribution is its speaker ("Angaben der Polizei")
                    source = sorted(phrase - set(inside))
                    roles["speaker"] = [source] if source else []
                    roles["cue"] = roles["cue"] or [inside]
            for name, code in (("cue", "C"), ("speaker", "S")):
                if not roles[name] and self.role_threshold < 0.5:
                    roles[name] = likely_spans(tagger, code, window, self.role_threshold)
            _take_roles(quote, roles, tokens, rank_of, message, paragraph_starts)
            _cut_attribution(quote)
            while quote.message and tokens[quote.message[-1]] in TRAILING:
                quote.message.pop()
            if quote.message:
                quotes.append(quote)
        quotes = _merge_around_attributions(_drop_role_fragments(quotes), rank_of)
        _carry_speakers(quotes, rank_of)
        for quote in quotes:
            quote.form = _form(tokens, depths, quote.message, quote.cue)
            quote.medium = self._medium(tokens, quote)
        nested = _nested_direct(tokens, depths, quotes)
        # Without a cue, quotation marks or a subjunctive, a tagged message is too often plain
        # narration (on dev, dropping them gains precision and loses little recall); what it
        # quotes stays, as a direct quotation of its own.
        kept = [
            q
            for q in quotes
            if q.form != "FreeIndirect"
            and not _names_something(tokens, q)
            and not _is_named(tokens, q)
            and not _what_something_is_known_as(tokens, pos, rank_of, q, self.lexicon)
        ]
        nested = [q for q in nested if not _names_something(tokens, q) and not _is_named(tokens, q)]
        for quote in nested:
            quote.nested = any(set(quote.message) <= set(q.message) for q in kept)
        return kept + nested, FilterInput(
            tokens, rank_of, in_message, self.lexicon, featurize, pos, depths
        )

    def _medium(self, tokens: Sequence[str], quote: TokenQuote) -> str:
        """The medium from the classifier, or the cue word's most frequent medium."""
        if self.medium is None:
            return _medium(tokens, quote.cue, self.lexicon)
        features = medium_features(
            tokens,
            quote.message,
            quote.cue,
            quote.speaker,
            quote.frame,
            quote.addressee,
            quote.form,
            self.lexicon,
        )
        return self.medium.predict(features)

    def _message_labels(self, scores: np.ndarray) -> tuple[list[str], list[float]]:
        """Viterbi labels, plus tokens whose marginal of being in a message is high enough;
        except a run of such tokens right before a later piece (C) of a discontinuous message,
        which would take that piece from its message ("Die Prüfung werde | nach Angaben *des
        Verbands* | mehrere Wochen dauern"). Also each token's probability of being in a
        message."""
        tagger = self.message_tagger
        viterbi = tagger.tag(scores)
        marginal = tagger.marginal
        in_message = [1.0 - marginal("O", i) for i in range(len(viterbi))]
        if self.message_threshold >= 0.5:
            return viterbi, in_message
        labels = list(viterbi)
        threshold = self.message_threshold
        run: list[int] = []
        for i, label in enumerate(viterbi):
            if label == "O" and in_message[i] >= threshold:
                labels[i] = "I" if i and labels[i - 1] != "O" else "B"
                run.append(i)
                continue
            if run and label == "C" and labels[run[0]] == "B":
                for k in run:
                    labels[k] = "O"
            run = []
        return labels, in_message


def filter_features(doc: FilterInput, quote: TokenQuote, count: int) -> dict[str, float]:
    """The message filter's features of one of ``count`` messages found in a document."""
    return message_filter_features(
        doc,
        quote.message,
        quote.cue,
        quote.speaker,
        quote.addressee,
        quote.form,
        quote.nested,
        count,
    )


def keep_likely(quotes: Sequence[TokenQuote], threshold: float) -> list[TokenQuote]:
    """The quotes whose filter score reaches ``threshold`` (copies); a nested quote whose
    enclosing messages are all gone becomes a top-level one."""
    kept = [replace(q) for q in quotes if q.score >= threshold]
    tops = [set(q.message) for q in kept if not q.nested]
    for quote in kept:
        if quote.nested:
            quote.nested = any(set(quote.message) <= top for top in tops)
    return kept


@lru_cache(maxsize=4)
def _cached_extractor(model_dir: Path) -> QuoteExtractor:
    return QuoteExtractor(model_dir)


def sentence_ranks(sentence_ids: Sequence[int]) -> list[int]:
    rank = {sid: r for r, sid in enumerate(dict.fromkeys(sentence_ids))}
    return [rank[s] for s in sentence_ids]


def message_window(message: Sequence[int], rank_of: Sequence[int]) -> range:
    """The tokens of the sentences around a message where its roles are looked for."""
    low = rank_of[min(message)] - SENTENCES_BEFORE
    high = rank_of[max(message)] + SENTENCES_AFTER
    start = min(message)
    first = max(0, start - WINDOW_BEFORE)
    while start > first and rank_of[start - 1] >= low:
        start -= 1
    end = max(message) + 1
    last = min(len(rank_of), end + WINDOW_AFTER)
    while end < last and rank_of[end] <= high:
        end += 1
    return range(start, end)


def is_quoted(tokens: Sequence[str], depths: Sequence[int], message: Sequence[int]) -> bool:
    quoted = sum(1 for i in message if depths[i] > 0)
    return quoted >= 0.8 * len(message) and any(tokens[i] in MARKS for i in message)


def role_spans(labels: Sequence[str], window: range) -> dict[str, list[list[int]]]:
    """Cue, speaker and addressee spans (document token indices) from B-X/I-X labels."""
    out: dict[str, list[list[int]]] = {name: [] for name in ROLE_CODES.values()}
    current: list[int] | None = None
    current_code = ""
    for k, label in enumerate(labels):
        tag, _, code = label.partition("-")
        if tag == "B" or (tag == "I" and (current is None or code != current_code)):
            current = [window[k]]
            current_code = code
            out[ROLE_CODES[code]].append(current)
        elif tag == "I" and current is not None:
            current.append(window[k])
        else:
            current = None
    return out


def _quotation_pieces_join(
    tokens: Sequence[str], depths: Sequence[int], messages: list[list[int]]
) -> list[list[int]]:
    """Two tagged messages that are pieces of one quotation, the first opening at its mark
    and the second ending at the mark that closes it, become one message with the quoted words
    between them (`„… Selbstbestimmung. | So halten wir … für nicht hinnehmbar“, so Gall`)."""
    out: list[list[int]] = []
    for message in messages:
        if out and _same_quotation(tokens, depths, out[-1][0], message[-1]):
            out[-1] = list(range(out[-1][0], message[-1] + 1))
        else:
            out.append(message)
    return out


def _same_quotation(tokens: Sequence[str], depths: Sequence[int], start: int, end: int) -> bool:
    """Whether ``start`` opens a quotation whose closing mark is ``end``, with no other mark of
    its level in between."""
    if tokens[start] not in MARKS or tokens[end] not in MARKS:
        return False
    if depths[start] != 1 or depths[end] != 1:
        return False
    return all(
        depths[k] > 1 or (depths[k] == 1 and tokens[k] not in MARKS) for k in range(start + 1, end)
    )


def _end_at_closing_mark(
    tokens: Sequence[str], depths: Sequence[int], message: list[int], rank_of: Sequence[int]
) -> list[int]:
    """A message that opens with a quotation mark ends with the mark that closes it when what
    follows lies in a later sentence."""
    first = message[0]
    if tokens[first] not in MARKS or depths[first] != 1:
        return message
    for k, i in enumerate(message[1:], start=1):
        if depths[i] == 1 and tokens[i] in MARKS and (k + 1 == len(message) or depths[i + 1] == 0):
            rest = message[k + 1 :]
            if rest and rank_of[rest[0]] > rank_of[i]:
                return message[: k + 1]
            return message
    return message


NOUN_PHRASE_WORDS = frozenset(
    {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "von"}
)
NOUN_PHRASE_ENDINGS = ("e", "en", "er", "es", "em")  # inflected adjectives: "türkischen"


def _attribution_phrase(tokens: Sequence[str], at: int) -> list[int]:
    """The attribution word at ``at`` and the noun phrase it attaches: the words after it
    ("nach den Worten von Präsident X", "laut Polizei", "so der türkische Präsident"), or before
    it for "zufolge" ("der Polizei zufolge"): capitalised words, articles, "von" and inflected
    adjectives."""
    step = -1 if tokens[at].lower() == "zufolge" else 1
    phrase = [at]
    k = at + step
    while 0 <= k < len(tokens):
        word = tokens[k]
        lower = word.lower()
        if not (
            word[:1].isupper()
            or lower in NOUN_PHRASE_WORDS
            or (word.isalpha() and lower.endswith(NOUN_PHRASE_ENDINGS))
        ):
            break
        phrase.append(k)
        k += step
    return sorted(phrase)


def _within_paragraph(message: list[int], starts: Collection[int]) -> list[int]:
    """The message up to the first paragraph start at or before one of its tokens after the
    first (a later piece of a discontinuous message in the next paragraph goes too)."""
    later = sorted(p for p in starts if p > message[0]) if starts else []
    if not later or later[0] > message[-1]:
        return message
    return [i for i in message if i < later[0]]


def _split_at(span: list[int], starts: Collection[int]) -> list[list[int]]:
    """A span cut into pieces at the given token indices (paragraph starts)."""
    out: list[list[int]] = []
    for i in span:
        if not out or i in starts:
            out.append([])
        out[-1].append(i)
    return out


def _trim(tokens: Sequence[str], span: list[int], message: Sequence[int]) -> list[int]:
    """A role span outside a quotation mark that opens the message, without a leading
    preposition ("In einer Stellungnahme") and without punctuation at its edges, except a
    closing bracket or mark whose opener is in the span ("NEMA )", "„ Silverbird “")."""
    opening = message[0] if message and tokens[message[0]] in MARKS else None
    kept = [i for i in span if opening is None or i < opening or i > message[-1]]
    while kept and (
        tokens[kept[0]] in MARKS
        or tokens[kept[0]] in PUNCT
        or tokens[kept[0]].lower() in LEADING_PREPOSITIONS
        or (len(kept) > 1 and tokens[kept[0]].lower() in OBJECT_PRONOUNS)
    ):
        kept.pop(0)
    while kept and (tokens[kept[-1]] in MARKS or tokens[kept[-1]] in PUNCT):
        last = tokens[kept[-1]]
        opener = OPENERS.get(last)
        if opener is not None and any(tokens[i] in opener for i in kept[:-1]):
            break
        kept.pop()
    return kept


def _cut_attribution(quote: TokenQuote) -> None:
    """An attribution inside a message ("Die Brücke sei nach Angaben der Stadt baufällig") is
    not part of it: the message becomes discontinuous around its cue and speaker."""
    message = set(quote.message)
    if not message & set(quote.cue):
        return
    attribution = set(quote.cue) | set(quote.speaker)
    low, high = min(attribution), max(attribution)
    attribution |= {i for i in quote.frame if low <= i <= high}
    quote.message = sorted(message - attribution)


def _merge_around_attributions(
    quotes: list[TokenQuote], rank_of: Sequence[int]
) -> list[TokenQuote]:
    """Join "Die Prüfung werde | nach Angaben des Verbands | mehrere Wochen dauern": two pieces
    of one sentence around an attribution, one of them without a cue of its own, become one
    discontinuous message with the attribution's roles."""
    merged: list[TokenQuote] = []
    for quote in quotes:
        if merged:
            previous = merged[-1]
            gap = set(range(previous.message[-1] + 1, quote.message[0]))
            same_sentence = rank_of[previous.message[-1]] == rank_of[quote.message[0]]
            if gap and same_sentence and bool(previous.cue) != bool(quote.cue):
                owner = quote if quote.cue else previous
                attribution = set(owner.cue) | set(owner.speaker) | set(owner.frame)
                if len(gap - attribution) <= MERGE_SLACK and gap & attribution:
                    owner.message = sorted(set(previous.message) | set(quote.message))
                    merged[-1] = owner
                    continue
        merged.append(quote)
    return merged


def _carry_speakers(quotes: list[TokenQuote], rank_of: Sequence[int]) -> None:
    """A message without a speaker of its own continues the previous one's speaker when it
    follows within ``CARRY_SENTENCES`` sentences (a run of quotes by one person; on dev, longer
    reaches, also only for messages without a cue, cost more precision than they gained)."""
    for previous, quote in pairwise(quotes):
        if _carries(previous, quote, rank_of):
            quote.speaker = list(previous.speaker)


def _carries(
    previous: TokenQuote,
    quote: TokenQuote,
    rank_of: Sequence[int],
    reach: int = CARRY_SENTENCES,
) -> bool:
    """Whether ``quote``, without a speaker, may continue the speaker of ``previous``: it starts
    at most ``reach`` sentences after ``previous`` ends."""
    return (
        not quote.speaker
        and bool(previous.speaker)
        and 0 <= rank_of[quote.message[0]] - rank_of[previous.message[-1]] <= reach
    )


def _drop_role_fragments(quotes: list[TokenQuote]) -> list[TokenQuote]:
    """Drop a message that is mostly another message's cue or speaker."""
    kept = []
    for quote in quotes:
        message = set(quote.message)
        fragment = any(
            len(message & (set(o.cue) | set(o.speaker))) * 2 >= len(message)
            for o in quotes
            if o is not quote
        )
        if not fragment:
            kept.append(quote)
    return kept


def likely_spans(
    tagger: ScoreTagger, code: str, window: range, threshold: float
) -> list[list[int]]:
    """The most probable run of tokens whose marginal probability of role ``code`` reaches
    ``threshold`` (the tagger must have just tagged the window), or none."""
    runs: list[tuple[float, list[int]]] = []
    current: list[int] | None = None
    begin, inside = "B-" + code, "I-" + code
    for k, i in enumerate(window):
        p = tagger.marginal(begin, k) + tagger.marginal(inside, k)
        if p >= threshold:
            if current is None:
                current = []
                runs.append((0.0, current))
            current.append(i)
            runs[-1] = (runs[-1][0] + p, current)
        else:
            current = None
    return [span for _, span in sorted(runs, key=lambda r: -r[0])[:1]]


def cue_tokens(spans: list[list[int]], message: Sequence[int], rank_of: Sequence[int]) -> list[int]:
    """The cue span nearest the message, with the cue pieces close to it in its sentence
    ("teilten … mit", "wies … zurück")."""
    nearest = _nearest(spans, message)
    if nearest is None:
        return []
    rank = rank_of[nearest[0]]
    cue = set(nearest)
    for span in spans:
        if rank_of[span[0]] == rank and _distance(span, nearest) <= 8:
            cue.update(span)
    return sorted(cue)


def _take_roles(
    quote: TokenQuote,
    roles: dict[str, list[list[int]]],
    tokens: Sequence[str],
    rank_of: Sequence[int],
    message: Sequence[int],
    paragraph_starts: Collection[int] = (),
) -> None:
    """A message's cue, speaker, addressee and frame from the roles tagger's spans: the cue
    nearest the message, the speaker (not across a paragraph) and addressee nearest the cue."""
    quote.cue = cue_tokens(roles["cue"], message, rank_of)
    anchor = quote.cue or message
    speaker = _nearest(roles["speaker"], anchor) or []
    speaker = _nearest(_split_at(speaker, paragraph_starts), anchor) or []
    quote.speaker = _trim(tokens, speaker, message)
    quote.addressee = _nearest(roles["addressee"], anchor) or []
    quote.frame = frame_tokens(roles, quote.cue, quote.speaker)


def frame_tokens(
    roles: dict[str, list[list[int]]], cue: Sequence[int], speaker: Sequence[int]
) -> list[int]:
    """The frame: the runs of role tokens that have a plain frame (F) token in them, and the cue
    with its speaker (a message with a cue nearly always has a frame, often just "X sagte")."""
    plain = {i for span in roles["frame"] for i in span}
    marked = sorted({i for spans in roles.values() for span in spans for i in span})
    frame = {i for run in pieces(marked) if plain.intersection(run) for i in run}
    if cue:
        frame.update(cue)
        if _distance(sorted(speaker), sorted(cue)) <= 3:
            frame.update(speaker)
    return sorted(frame)


def _nearest(candidates: list[list[int]], anchor: Sequence[int]) -> list[int] | None:
    best: tuple[int, list[int]] | None = None
    for span in candidates:
        d = _distance(span, anchor)
        if best is None or d < best[0]:
            best = (d, span)
    return best[1] if best else None


def _form(
    tokens: Sequence[str], depths: Sequence[int], message: Sequence[int], cue: Sequence[int]
) -> str:
    if is_quoted(tokens, depths, message):
        # A word outside the marks makes it a partial quotation: in the train split such
        # messages are indirect (31 of 32), with the quoted stretch a nested direct message.
        if all(depths[i] > 0 or tokens[i] in MARKS or tokens[i] in PUNCT for i in message):
            return "Direct"
        return "Indirect"
    if cue:
        return "Indirect"
    if any(tokens[i].lower() in SUBJUNCTIVE for i in message):
        return "IndirectFreeIndirect"
    return "FreeIndirect"


def _names_something(tokens: Sequence[str], quote: TokenQuote) -> bool:
    """A direct "quotation" without a cue of at most ``NAME_MAX_WORDS`` capitalised words or
    numbers is nearly always a name or title in quotation marks („Shenzhou 5“, „IG Bau“): in
    the train split 4 % of such stretches are direct quotations, 81 % are no message at all."""
    if quote.form != "Direct" or quote.cue:
        return False
    words = [tokens[i] for i in quote.message if tokens[i] not in MARKS]
    return 0 < len(words) <= NAME_MAX_WORDS and all(
        w[:1].isupper() or w[:1].isdigit() for w in words
    )


# Nouns a quoted name or title follows: "unter dem Motto „…“", "ein Buch mit dem Titel „…“",
# "unter dem Namen „…“"; in the train split 3 of 28 such phrases are (part of) a message.
NAMING_NOUNS = frozenset({"motto", "titel", "namen", "name"})


# Verbs that name what stands in quotation marks before them: "„…“, so heißt das Projekt"
NAMING_VERBS = frozenset({"heißt", "hieß", "lautet", "lautete"})


def _is_named(tokens: Sequence[str], quote: TokenQuote) -> bool:
    """A direct "quotation" right after a noun that names it (``NAMING_NOUNS``), or right
    before ", so" and a verb that names it ("„…“, so lautet der Titel einer Studie")."""
    first, last = quote.message[0], quote.message[-1]
    if quote.form != "Direct" or tokens[first] not in MARKS:
        return False
    if first > 0 and tokens[first - 1].lower() in NAMING_NOUNS:
        return True
    after = [t.lower() for t in tokens[last + 1 : last + 4]]
    return after[:2] == [",", "so"] and len(after) == 3 and after[2] in NAMING_VERBS


# Verbs that put a quoted name after "als" without anyone saying it: what something is known
# as, counts as or serves as („gilt als „Störfall““, „wurde als „Stadt der Literatur“
# ausgezeichnet“, „präsentiert sich als „…““); the train split marks none of these as a message.
KNOWN_AS = frozenset(
    {
        "gilt", "galt", "gelten", "galten", "gelte", "gegolten", "bekannt",
        "ausgezeichnet", "dient", "diente", "dienen", "dienten", "präsentiert", "präsentierte",
        "präsentieren", "präsentierten", "firmiert", "firmierte", "fungiert", "fungierte",
    }
)  # fmt: skip


def _what_something_is_known_as(
    tokens: Sequence[str],
    pos: Sequence[str] | None,
    rank_of: Sequence[int],
    quote: TokenQuote,
    lexicon: Lexicon,
) -> bool:
    """A quoted phrase after "als" in a sentence whose verb is one of ``KNOWN_AS`` and that
    has no cue or attribution besides ("Die Krankheit gilt nach Angaben des Amtes als „…“"
    stays)."""
    if quote.form != "Direct" or tokens[quote.message[0]] not in MARKS:
        return False
    k = _als_before(tokens, pos, quote.message[0], ("ART", "ADJA"))
    if k is None:
        return False
    inside = set(quote.message)
    sentence = [i for i in _sentence_of(rank_of, k) if i not in inside]
    words = [tokens[i] for i in sentence]
    lowers = [w.lower() for w in words]
    if not any(w in KNOWN_AS for w in lowers):
        return False
    return not any(map(lexicon.speaks, lowers)) and not any(attributions(words, lowers, lexicon))


def _als_before(
    tokens: Sequence[str], pos: Sequence[str] | None, start: int, lead: Collection[str]
) -> int | None:
    """The index of the "als" before the quoted phrase opening at ``start``, past at most two
    tokens with a tag of ``lead`` ("als einen „…“"); None when no "als" is there."""
    k = start - 1
    while pos is not None and k > 0 and start - k <= 2 and pos[k] in lead:
        k -= 1
    return k if k >= 0 and tokens[k].lower() == "als" else None


def _medium(tokens: Sequence[str], cue: Sequence[int], lexicon: Lexicon) -> str:
    for i in cue:
        medium = lexicon.medium(tokens[i].lower())
        if medium:
            return medium
    return DEFAULT_MEDIUM


def _nested_direct(
    tokens: Sequence[str], depths: Sequence[int], quotes: list[TokenQuote]
) -> list[TokenQuote]:
    """Quoted stretches inside a non-direct message: nested direct messages, same roles."""
    nested: list[TokenQuote] = []
    for quote in quotes:
        if quote.form == "Direct":
            continue
        run: list[int] = []
        for i in [*quote.message, -1]:
            if i >= 0 and depths[i] > 0:
                run.append(i)
                continue
            if (
                len(run) >= NESTED_MIN_TOKENS
                and tokens[run[0]] in MARKS
                and tokens[run[-1]] in MARKS
            ):
                nested.append(
                    TokenQuote(
                        message=list(run),
                        cue=list(quote.cue),
                        speaker=list(quote.speaker),
                        frame=list(quote.frame),
                        addressee=list(quote.addressee),
                        form="Direct",
                        medium=quote.medium,
                        nested=True,
                    )
                )
            run = []
    return nested


def _cue_next_to_speaker(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A top-level direct or indirect message with a speaker outside it but no cue takes the
    finite verb right before or after its speaker, in the speaker's sentence, as its cue
    (`„…“, erklärte Oliver Zille`, `Dabei nannte Reinhard Jung … die Kartoffel „…“`)."""
    for quote in quotes:
        if quote.nested or quote.cue or not quote.speaker or quote.form not in FRAME_FORMS:
            continue
        if set(quote.speaker) & set(quote.message):
            continue
        speaker, message = quote.speaker, set(quote.message)
        after = speaker[-1] + 1
        if after + 1 < len(tokens) and tokens[after] == ",":
            after += 1  # "Klaus Stöhr, Leiter des Programms, sagte"
        for k in (speaker[0] - 1, after):
            if not 0 <= k < len(tokens) or k in message or rank_of[k] != rank_of[speaker[0]]:
                continue
            if pos[k] in FINITE:
                quote.cue = [k]
                break


def _speaker_in_the_cue_sentence(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A direct or indirect message whose speaker lies in another sentence than its cue (or,
    without a cue, than its start) takes the subject of the cue's sentence instead, when that
    sentence has one (`Zu Guttenberg hatte … angegeben, er habe …` after a sentence naming
    the commission). When the cue is that of another message in its sentence, the speaker is
    that message's (`Vor Jahren habe die Union das gefordert, sagte Roth. „…“`: not the
    subject inside the other message)."""
    for quote in quotes:
        if quote.nested or not quote.speaker or quote.form not in FRAME_FORMS:
            continue
        anchor = quote.cue[0] if quote.cue else quote.message[0]
        if rank_of[quote.speaker[0]] == rank_of[anchor]:
            continue
        shared = quote.cue and next(
            (
                other.speaker
                for other in quotes
                if other is not quote
                and not other.nested
                and anchor in other.cue
                and other.speaker
                and rank_of[other.speaker[0]] == rank_of[anchor]
            ),
            None,
        )
        if shared:
            quote.speaker = list(shared)
            continue
        subject = subject_speaker(tokens, pos, _sentence_of(rank_of, anchor), set(quote.message))
        if subject:
            quote.speaker = subject
        elif quote.cue and tokens[quote.cue[0]].lower() in PASSIVE:
            quote.speaker = []  # "Unterdessen wurde bekannt, dass …": no one is named


CONSECUTIVE = frozenset({"so", "derart", "dermaßen", "solche", "solchen", "solcher"})


def _message_after_its_cue_clause(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """An indirect message that opens with the clause introducing it (`Die Forscher vermuten,
    | dass …`, `Auch X argumentierte, | Y habe …`), or with the rest of a clause whose finite
    verb lies just before it (`Als Begründung gaben | die USA an, | …`), starts after that
    clause's comma. What follows must open with `dass`/`ob`, hold a subjunctive, or be a
    `zu` infinitive (not `um … zu`) after a clause with a cue-lexicon word (`Sie drängten
    den Premier, | seine Bemühungen zu verstärken`). Indirect free indirect speech does so
    when the clause's verb is a verb of speech (`Sie warnte vor Hunger, | wenn … werde`).
    A speaker from another sentence goes: the clause's subject is the speaker."""
    for quote in quotes:
        if quote.nested or quote.form not in ("Indirect", "IndirectFreeIndirect"):
            continue
        message = quote.message
        comma = next((k for k, i in enumerate(message) if tokens[i] == ","), None)
        if comma is None or comma == 0 or len(message) - comma - 1 < 3:
            continue
        clause, rest = message[:comma], message[comma + 1 :]
        if rest[0] != message[comma] + 1:
            continue  # what follows the comma is not the message ("…, wie X mitteilten")
        roles = set(quote.cue) | set(quote.speaker)
        gaps = set(range(clause[0], clause[-1] + 1)) - set(clause)
        if gaps - roles or rank_of[clause[0]] != rank_of[rest[0]]:
            continue  # one clause in the sentence of what follows, broken only by its own roles
        if any(
            tokens[i].lower() in SUBJUNCTIVE
            or tokens[i].lower() in CONSECUTIVE
            or tokens[i] in MARKS
            for i in clause
        ):
            continue  # a subjunctive, quoted words or "so …, dass": the clause is reported too
        finite = [i for i in clause if pos[i] in FINITE]
        if not finite:
            # a verb of speech the tagger took for an infinitive or participle: "Die Kanadier
            # sagen, …", "BASF argumentiert, …", "Die Organisatoren gestanden ein, dass …"
            finite = [
                i for i in clause if pos[i] in ("VVINF", "VVPP") and lexicon.speaks(tokens[i])
            ][-1:]
        if any(_konjunktiv_one(tokens[i]) for i in finite):
            continue  # "Die Regierung verlange Garantien, dass …": reported too
        before = clause[0] - 1  # "Als Begründung gaben | die USA an, …": the verb before it
        if (
            not finite
            and before >= 0
            and pos[before] in FINITE
            and rank_of[before] == rank_of[clause[0]]
        ):
            finite = [before]
        if not finite or any(pos[i] in ("PTKZU", "KOUS", "PRELS", "PWAV") for i in clause):
            continue
        if quote.form != "Indirect" and not lexicon.speaks(tokens[finite[0]].lower()):
            continue
        zu = (
            pos[rest[0]] != "KOUI"
            and any(
                pos[i] == "PTKZU" or (pos[i] == "VVIZU" and "zu" in tokens[i].lower())
                for i in _first_clause(tokens, rest)
            )
            and (
                set(quote.cue) & set(clause)
                or any(lexicon.cue_level(tokens[i].lower()) is not None for i in clause)
            )
        )
        if (
            tokens[rest[0]].lower() not in ("dass", "ob")
            and not zu
            and not any(
                tokens[i].lower() in SUBJUNCTIVE
                or (pos[i] in FINITE and _konjunktiv_one(tokens[i]) and tokens[i] != "wurde")
                for i in rest[:8]
            )
        ):
            continue
        quote.message = rest
        if not quote.cue:
            quote.cue = finite[:1]
        elif (
            gaps
            and finite[0] not in quote.cue
            and all(clause[0] < i < clause[-1] for i in quote.cue)
        ):  # "Offiziell geht | die Regierung davon | aus, …": the clause's verb joins the cue
            quote.cue = sorted({*quote.cue, finite[0]})
        if set(quote.speaker) & set(rest) or any(
            rank_of[i] != rank_of[clause[0]] for i in quote.speaker
        ):
            quote.speaker = []
        if not quote.speaker and pos[finite[0]] not in FINITE:
            # the subject before a verb the tagger did not take for finite: "BASF argumentiert"
            phrase = noun_phrase(tokens, pos, clause[0], finite[0])
            if phrase and is_nominative(tokens, pos, phrase):
                quote.speaker = phrase


def _cue_takes_its_particle(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A finite cue verb takes its separable particle at the end of its clause (`gab … bekannt`,
    `geht … davon aus`, with the pronominal adverb right before it; in the train gold 183 of
    202 such particles belong to the cue, the rest are `weiter`)."""
    for quote in quotes:
        message = set(quote.message)
        taken = message | set(quote.speaker) | set(quote.cue)
        for verb in [i for i in quote.cue if pos[i] == "VVFIN"]:
            k = verb + 1
            while (
                k < len(tokens)
                and rank_of[k] == rank_of[verb]
                and tokens[k] not in (",", ":", ".", ";")
                and k not in message
            ):
                if pos[k] == "PTKVZ":
                    if tokens[k].lower() != "weiter" and k not in taken:
                        extra = [k]
                        if pos[k - 1] == "PAV" and k - 1 not in taken:
                            extra.append(k - 1)  # "geht … davon aus"
                        quote.cue = sorted({*quote.cue, *extra})
                    break
                k += 1


ATTRIBUTION_TAIL_WORDS = 12  # at most this many words after the cue (trCV: 4 → 71.09, 8 → 71.13)


def _attribution_tail_out(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """An indirect message that runs on into the attribution after it (`… sei ernst, | so Karl
    Harb von der Zeitung`, `…, stellten die Forscher | außerdem fest`) ends before that
    attribution's comma: what follows the cue up to the sentence's end is a few words without a
    finite verb or subjunctive."""
    for quote in quotes:
        if quote.nested or quote.form != "Indirect" or not quote.cue:
            continue
        message = quote.message
        cue = min(quote.cue)
        if cue <= message[0] or cue > message[-1]:
            continue
        start = cue - 1 if tokens[cue - 1] == "," else cue
        if tokens[start] != ",":
            continue
        if pos[cue] in ("APPR", "APPO", "PRELS") or pos[start + 1] == "PRELS":
            continue  # "…, nach Berichten des Amtes weiterhin …": a source inside the message
        head = [i for i in message if i < start]
        tail = [i for i in message if i >= start and i not in quote.cue]
        if len(head) < 3 or rank_of[message[-1]] != rank_of[start]:
            continue
        words = [i for i in tail if tokens[i] not in PUNCT]
        if len(words) > ATTRIBUTION_TAIL_WORDS:
            continue
        if any(pos[i] in FINITE or tokens[i].lower() in SUBJUNCTIVE for i in words):
            continue
        if any(pos[i] == "PTKZU" for i in words):
            continue
        quote.message = head


def _attribution_tail_found(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A message without a cue that runs on into an attribution ending its sentence (`Das Land
    sei einer der größten Geber, | sagte Stahlberg.`) ends before that attribution's comma,
    takes its verb of speech as cue and the noun phrase after it as speaker (over one carried
    from the message before); with a subjunctive before the comma it is indirect speech."""
    for quote in quotes:
        if quote.nested or quote.cue or quote.form == "Direct":
            continue
        message = quote.message
        sentence = _sentence_of(rank_of, message[-1])
        commas = [i for i in message if tokens[i] == "," and i + 2 < sentence.stop]
        if not commas or commas[-1] - message[0] < 3:
            continue
        comma = commas[-1]
        verb = comma + 1
        # the tagger takes some such verbs for adjectives ("warnte"): the lexicon decides
        if not tokens[verb].islower() or not lexicon.speaks(tokens[verb]):
            continue
        stop = sentence.stop
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, verb + 1, stop), stop)
        if not phrase or not is_nominative(tokens, pos, phrase):
            continue
        rest = [k for k in range(phrase[-1] + 1, stop) if tokens[k] not in PUNCT]
        if rest:
            continue  # more follows: not a closing attribution
        head = [i for i in message if i < comma]
        quote.message = _strip(tokens, head)
        quote.cue = [verb]
        quote.speaker = phrase
        if any(tokens[i].lower() in SUBJUNCTIVE or _konjunktiv_one(tokens[i]) for i in head):
            quote.form = "Indirect"


def _message_from_the_verb_after_a_source(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A sentence opening with a source (`Nach Angaben des Amtes in Flensburg fahren …`) puts
    its whole attribution before the finite verb: a message that starts inside it starts at the
    verb; the words it gives up continue the speaker when they follow it directly, else they
    go to the frame (`gegenüber dem Weser-Kurier`)."""
    for quote in quotes:
        if quote.nested or not quote.cue or quote.form == "Direct":
            continue
        cue = quote.cue[0]
        if tokens[cue].lower() not in ATTRIBUTION_PREPOSITIONS:
            continue
        sentence = _sentence_of(rank_of, cue)
        if cue != sentence.start or quote.message[0] <= cue or quote.message[0] not in sentence:
            continue
        verb = next((i for i in sentence if i > cue and pos[i] in FINITE), None)
        if verb is None or not quote.message[0] < verb or verb not in quote.message:
            continue
        words = [tokens[i].lower() for i in range(cue + 1, verb)]
        if tokens[cue].lower() == "nach" and not lexicon.names_a_source(words):
            continue  # "Nach der Auszählung liegt …": a time, not a source
        moved = [i for i in quote.message if i < verb]
        if moved != list(range(moved[0], verb)):
            continue
        quote.message = [i for i in quote.message if i >= verb]
        if (
            quote.speaker
            and quote.speaker[-1] + 1 == moved[0]
            and tokens[moved[0]].lower() != "gegenüber"
        ):
            quote.speaker = list(range(quote.speaker[0], verb))
        else:
            quote.frame = sorted({*quote.frame, *moved})


def _message_after_a_wie_clause(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A message that starts inside or with the `wie` clause opening its sentence (`Wie ein
    Sprecher | der Feuerwehr mitteilte, | wurde …`, `| Wie sich aus dem Bericht ergab, hatte …`)
    starts after that clause's comma; the clause's finite verb (and its `wie`) joins the cue and
    the noun phrase's rest the speaker; a message that held the whole clause and has no speaker
    in its sentence takes the clause's noun phrase."""
    for quote in quotes:
        if quote.nested or quote.form == "Direct" or not quote.message:
            continue
        first = quote.message[0]
        sentence = _sentence_of(rank_of, first)
        opening = sentence.start
        if first > opening and tokens[first - 1] == ":":
            opening = first  # "Ein Umstand kommt hinzu: | Wie sich aus … ergab, hatte …"
        if tokens[opening].lower() != "wie" or not opening <= first:
            continue
        verb = next((i for i in sentence if i > opening and pos[i] in FINITE), None)
        if verb is None or verb + 1 >= len(tokens) or tokens[verb + 1] != ",":
            continue  # the clause ends with its finite verb and a comma
        comma = verb + 1
        if not first <= comma or not any(i > comma for i in quote.message):
            continue
        moved = [i for i in quote.message if i <= comma]
        if not set(moved) <= set(range(first, comma + 1)) or (
            opening < first and moved != list(range(first, comma + 1))
        ):
            continue
        quote.message = [i for i in quote.message if i > comma]
        if verb not in quote.cue:
            quote.cue = sorted({*quote.cue, verb})
        if opening == first:
            quote.cue = sorted({*quote.cue, opening})
            if not quote.speaker or rank_of[quote.speaker[0]] != rank_of[first]:
                start = opening + 2 if tokens[opening + 1].lower() == "sich" else opening + 1
                phrase = attached(tokens, pos, noun_phrase(tokens, pos, start, verb), verb)
                if not phrase and tokens[start].lower() in ("aus", "in"):
                    phrase = attached(tokens, pos, noun_phrase(tokens, pos, start + 1, verb), verb)
                quote.speaker = phrase or quote.speaker
        elif quote.speaker and quote.speaker[-1] + 1 == first:
            stop = verb
            phrase = attached(tokens, pos, noun_phrase(tokens, pos, quote.speaker[0], stop), stop)
            if phrase and phrase[0] == quote.speaker[0] and phrase[-1] >= first:
                quote.speaker = phrase


def _first_clause(tokens: Sequence[str], indices: Sequence[int]) -> list[int]:
    """The indices up to the first comma or stop."""
    out = []
    for i in indices:
        if tokens[i] in (",", ".", ";", ":"):
            break
        out.append(i)
    return out


def _reported_subjects(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A reported message still without a speaker takes the nominative noun phrase opening its
    sentence right before the finite verb (`Ein Militärsprecher verwies auf …`), not before a
    passive auxiliary."""
    for quote in quotes:
        if quote.nested or quote.form != "Reported" or quote.speaker:
            continue
        sentence = _sentence_of(rank_of, quote.message[0])
        stop = sentence.stop
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, sentence.start, stop), stop)
        if phrase and phrase[-1] + 1 < stop:
            verb = phrase[-1] + 1
            lower = tokens[verb].lower()
            if pos[verb] in FINITE and lower not in PASSIVE and is_nominative(tokens, pos, phrase):
                quote.speaker = phrase
                continue
        colon = next((i for i in sentence[: HEADING_WORDS + 1] if tokens[i] == ":"), None)
        if colon is not None:
            sentence = range(colon + 1, stop)  # "Gesundheitsreform: Die SPD will …"
        if len(sentence):
            quote.speaker = _passive_agent(tokens, pos, sentence) or subject_speaker(
                tokens, pos, sentence, ()
            )


HEADING_WORDS = 3  # a heading before a colon that opens a sentence
# participles whose "von" names what is spoken of, not who speaks ("Von X wird gesprochen")
TOPIC_PARTICIPLES = frozenset({"gesprochen", "berichtet", "ausgegangen", "abgeraten"})


def _passive_agent(tokens: Sequence[str], pos: Sequence[str], sentence: range) -> list[int]:
    """The agent of a passive sentence: the noun phrase after a "von" that opens it or follows
    the auxiliary's clause ("Von der Opposition wurde der Besuch als unangemessen kritisiert",
    "wurde die Aktion von den Veranstaltern als Erfolg gewertet"); none after an indefinite
    article or with a participle whose "von" names a topic ("Von einer Gefahr wird berichtet")."""
    if not any(tokens[i].lower() in PASSIVE and pos[i] in FINITE for i in sentence):
        return []
    if any(tokens[i].lower() in TOPIC_PARTICIPLES for i in sentence):
        return []
    for i in sentence:
        if tokens[i].lower() not in ("von", "vom") or pos[i] not in ("APPR", "APPRART"):
            continue
        if i > sentence.start and pos[i - 1] in NOUNS:
            continue  # "der Bericht von X": X belongs to a noun
        start = i if tokens[i].lower() == "vom" else i + 1
        phrase = noun_phrase(tokens, pos, start, sentence.stop)
        if phrase and tokens[phrase[0]].lower() == "vom":
            phrase = phrase[1:]
        if phrase and tokens[phrase[0]].lower() not in INDEFINITE:
            return phrase
    return []


# nouns of time that open a sentence as an adverbial, not a subject ("Vergangene Woche …")
TIME_NOUNS = frozenset(
    {"woche", "wochen", "jahr", "jahren", "monat", "monaten", "tag", "tagen", "wochenende"}
    | {"zeit", "mal"}
    | set(WEEKDAYS)
    | set(PARTS_OF_DAY)
)


# endings of adjectives used as adverbs, which the tagger takes for nouns when they open a
# sentence ("Relativierend", "Abschließend", "Ergänzend")
ADVERB_ENDINGS = ("end", "ig", "lich", "isch")


def _subject_before_the_verb(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A speaker in the middle field after the cue's finite verb (`Die BVG begegnet | der
    Kritik mit …`, `X hatte | Anfang Juli berichtet`) gives way to the nominative noun phrase
    opening the sentence right before that verb: in a main clause it is the subject. Not for a
    pronoun, a name, a source (`nach Angaben …`, `… zufolge`) or an opening time phrase."""
    for quote in quotes:
        if quote.nested or quote.form not in SUBJECT_FORMS or not quote.speaker or not quote.cue:
            continue
        message = set(quote.message)
        sentence = _sentence_of(rank_of, quote.speaker[0])
        stop = sentence.stop
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, sentence.start, stop), stop)
        if not phrase or phrase[0] != sentence.start or set(phrase) & message:
            continue
        verb = phrase[-1] + 1
        if verb + 1 < stop and tokens[verb] == "," and any(tokens[k] == "," for k in phrase):
            verb += 1  # the comma closing an apposition: "Der Senator, Jan Kurz (SPD), warnte"
        if verb >= stop or pos[verb] not in FINITE:
            continue
        lower = tokens[verb].lower()
        if lower in PASSIVE or lower in SUBJUNCTIVE:
            continue
        if not is_nominative(tokens, pos, phrase):
            continue
        if pos[phrase[0]] == "ADV" or tokens[phrase[-1]].lower() in TIME_NOUNS:
            continue  # "Erst vergangene Woche kündigte der Konzern an": a time, not a subject
        if len(phrase) == 1 and tokens[phrase[0]].lower().endswith(ADVERB_ENDINGS):
            continue  # "Relativierend fügt Gall hinzu": an adjective, capitalised at the start
        if not quote.speaker[0] > verb or quote.speaker[-1] >= stop or set(quote.speaker) & message:
            continue
        if any(tokens[k] in (",", ":") for k in range(verb, quote.speaker[0])):
            continue
        speaker = quote.speaker
        if pos[speaker[0]] == "PPER" or tokens[speaker[0] - 1].lower() in ATTRIBUTION_PREPOSITIONS:
            continue  # "Der Politik schlug er vor", "… war nach Angaben des TÜV …"
        if speaker[-1] + 1 < stop and tokens[speaker[-1] + 1].lower() == "zufolge":
            continue
        if any(lexicon.is_source(tokens[i].lower()) for i in speaker):
            continue
        if any(pos[i] == "NE" for i in speaker) and not any(pos[i] == "NE" for i in phrase):
            continue  # "Der Zeitung sagte Filep Karma": the name is the subject
        first_cue = min(quote.cue)
        if first_cue != verb and not (
            first_cue > verb and not any(tokens[k] in (",", ":") for k in range(verb, first_cue))
        ):
            continue
        quote.speaker = phrase


def _konjunktiv_one(word: str) -> bool:
    """A finite verb form ending in -e but not in the past tense's -te (`verlange`, `fordere`):
    the third person singular subjunctive, which the closed list `SUBJUNCTIVE` misses."""
    lower = word.lower()
    return len(lower) > 3 and lower.endswith("e") and not lower.endswith("te")


def _source_before_the_message(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A message without a speaker that follows a source opening its sentence takes that
    source: `Nach Angaben des USGS | fand das Beben …`, `Laut den Organisatoren | wird …`
    (the words after the preposition), `Wie t-online.de berichtet, | ist …` (the words between
    `Wie` and the verb); the preposition, or `Wie` and the verb, become the cue if it has none."""
    for quote in quotes:
        if quote.nested or quote.speaker or quote.form not in FRAME_FORMS:
            continue
        first = quote.message[0]
        sentence = _sentence_of(rank_of, first)
        opening = sentence.start
        if not opening < first - 1:
            continue
        lower = tokens[opening].lower()
        if lower in ATTRIBUTION_PREPOSITIONS:
            words = list(range(opening + 1, first))
            while words and tokens[words[-1]] in PUNCT:
                words.pop()
            if not words or any(pos[i] in FINITE for i in words):
                continue
            if lower == "nach" and not lexicon.names_a_source([tokens[i].lower() for i in words]):
                continue
            cue = [opening]
        elif lower == "wie" and tokens[first - 1] == "," and pos[first - 2] in FINITE:
            verb = first - 2
            words = list(range(opening + 1, verb))
            if not words or any(pos[i] in FINITE for i in words):
                continue
            cue = [opening, verb]
        else:
            continue
        quote.speaker = words
        if not quote.cue:
            quote.cue = cue


FUNCTION_TAGS = frozenset({"ADV", "PAV", "PWAV", "KOUS", "APPR", "APPRART", "ADJD", "KON", "PTKVZ"})


def _no_speaker_of_function_words(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str]
) -> None:
    """A speaker made only of adverbs, prepositions and conjunctions (`Darüber hinaus wurde
    beschlossen`, `Wie gestern bekannt wurde`) or of an article alone is none; `Demnach` and
    its kin stay (the release makes them the speaker). So is one right after a preposition of
    ``NO_SPEAKER_AFTER``, and the agent of an attributive participle or a relative clause (`der
    vom Minister vorgelegte Plan`, `die von der Stadt gegründet wurde`)."""
    for quote in quotes:
        if not quote.speaker or tokens[quote.speaker[0]].lower() in SOURCE_ADVERBS:
            continue
        first = quote.speaker[0]
        after = first > 0 and tokens[first - 1].lower() in NO_SPEAKER_AFTER
        agent = (
            first > 1
            and tokens[first - 1].lower() in ("von", "vom")
            and pos[first - 2] in ("ART", "PRELS")
        )
        article = len(quote.speaker) == 1 and pos[first] == "ART"  # "wonach die …"
        if after or agent or article or all(pos[i] in FUNCTION_TAGS for i in quote.speaker):
            quote.speaker = []


# Prepositions whose object is never the speaker (`angesichts der Lage`, `gegenüber der
# Zeitung`): in train no gold speaker follows them but one `wegen`; the taggers put 8 there.
NO_SPEAKER_AFTER = frozenset({"angesichts", "gegenüber", "wegen", "trotz", "am"})


def _pieces_around_their_attribution_join(
    quotes: list[TokenQuote], tokens: Sequence[str], rank_of: Sequence[int]
) -> list[TokenQuote]:
    """Two indirect messages of one sentence with the same speaker and cue that only their
    attribution parts (`Bei dem Unfall sind | nach Angaben von AFP und Reuters | drei Menschen
    verletzt worden`) are one discontinuous message, without the role words (trCV: 6 of 6 such
    pairs lie in one gold message, dev 1 of 1)."""
    dropped: set[int] = set()
    tops = [q for q in quotes if not q.nested and q.form == "Indirect" and q.message]
    for first in tops:
        if id(first) in dropped or not (first.speaker or first.cue):
            continue
        roles = {*first.speaker, *first.cue}
        for second in tops:
            if second is first or id(second) in dropped:
                continue
            if second.speaker != first.speaker or second.cue != first.cue:
                continue
            end, start = first.message[-1], second.message[0]
            if start <= first.message[0] or rank_of[start] != rank_of[end]:
                continue
            between = range(end + 1, start)
            if not roles & {*between, *second.message}:
                continue  # the attribution must part them
            if any(i not in roles and tokens[i] != "," for i in between):
                continue
            first.message = sorted({*first.message, *(i for i in second.message if i not in roles)})
            inside = set(first.message)
            first.frame = [i for i in first.frame if i not in inside]
            first.addressee = [i for i in first.addressee if i not in inside]
            dropped.add(id(second))
    return [q for q in quotes if id(q) not in dropped]


# Determiners that cannot open a genitive: after a noun they open the next phrase (an object),
# not an attribute of the noun ("der Geschäftsführer | alle Vorwürfe"), unlike "des", "der".
NON_GENITIVE_DETERMINERS = frozenset(
    {
        "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "alle", "allen", "alles",
        "diese", "diesen", "jede", "jeden", "jedes", "kein", "keine", "keinen", "sein", "seine",
        "seinen", "ihr", "ihre", "ihren",
    }
)  # fmt: skip


def _speaker_without_a_verb(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str]
) -> None:
    """A speaker that holds a finite verb (and no comma or quotation mark, which would make it a
    relative clause or a quoted name) is a stretch of its sentence taken for one: it becomes the
    noun phrase after the verb when that runs to its end (`Am Montag hat | eine Sprecherin der
    Stadt`), else the noun phrase before the verb (`Die Anwohner | hatten`), else none (`Dazu
    wurde`). Of 34 predicted speakers with a finite verb and no comma on cross-validated
    train, 32 were wrong; the two right ones (a quoted name, a noun tagged as a verb) stay."""
    for quote in quotes:
        speaker = quote.speaker
        verb = next((i for i in speaker if pos[i] in FINITE and tokens[i].islower()), None)
        if verb is None or any(tokens[i] == "," or tokens[i] in MARKS for i in speaker):
            continue
        stop = speaker[-1] + 1
        after = attached(tokens, pos, noun_phrase(tokens, pos, verb + 1, stop), stop)
        before = noun_phrase(tokens, pos, speaker[0], verb)
        if after and after[-1] == speaker[-1]:
            quote.speaker = after
        elif before and before[-1] == verb - 1:
            quote.speaker = before
        else:
            quote.speaker = []


def _zufolge_takes_its_phrase(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str]
) -> None:
    """A speaker that runs up to `zufolge` over a finite verb or over a second noun phrase is
    cut in two: the noun phrase `zufolge` governs is the source, the words before the verb go
    back to the message ("Die Stadt schließt | neuen Berichten zufolge | das Bad"; train gold
    annotates the phrase alone as the speaker), but when the quote's cue is a verb of speech
    before both, its speaker is the first phrase, the verb's subject, and `zufolge` leaves the
    cue ("betonte die Ministerin | einigen Teilnehmern zufolge"). Genitives, prepositions and
    coordinations stay ("Berichten der Sender X und Y zufolge")."""
    for quote in quotes:
        speaker = quote.speaker
        end = speaker[-1] + 1 if speaker else 0
        if len(speaker) < 2 or end >= len(tokens) or tokens[end].lower() != "zufolge":
            continue
        head = noun_phrase(tokens, pos, speaker[0], end)
        for start in speaker[1:]:
            phrase = attached(tokens, pos, noun_phrase(tokens, pos, start, end), end)
            if not phrase or phrase[-1] != end - 1:
                continue
            if any(pos[k] in FINITE for k in range(speaker[0], start)):
                if end + 1 in quote.message:
                    # the words before are the message's: "Die Stadt schließt"
                    before = set(range(speaker[0], start))
                    quote.message = sorted(before.union(quote.message))
                    quote.frame = [i for i in quote.frame if i not in before]
                quote.speaker = phrase
            elif (
                head
                and head[-1] == start - 1
                and tokens[start].lower() not in GENITIVE_ARTICLES
                and (
                    pos[start] in DETERMINERS
                    or pos[head[-1]] == "NE"
                    # a dative, not a genitive: "örtlichen Medien", "verschiedener Medien"
                    or (
                        pos[start] == "ADJA"
                        and tokens[start].endswith("en")
                        and pos[head[-1]] in NOUNS
                    )
                )
            ):
                if quote.cue and quote.cue[0] < speaker[0]:
                    quote.speaker = head
                    quote.cue = [i for i in quote.cue if i != end]
                else:
                    quote.speaker = phrase
            break


def _speaker_ends_before_an_object(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], depths: Sequence[int]
) -> None:
    """A speaker in which a noun is followed right away by a determiner that cannot open a
    genitive ends with that noun: the rest is the object or addressee after the subject
    (`wies der Geschäftsführer | alle Vorwürfe als „haltlos“ zurück`, `sagte die Anwältin |
    dem Richter`). Not inside quotation marks (`Die Wochenzeitung „Die Zeit“`) nor for a
    capitalised determiner, which opens a name (`der Tageszeitung DIE WELT`). ``depths``: the
    quotation-mark depth per token (``quote_depths``)."""
    for quote in quotes:
        speaker = quote.speaker
        for k in range(len(speaker) - 1):
            noun, after = speaker[k], speaker[k + 1]
            if after != noun + 1 or pos[noun] not in NOUNS or depths[after]:
                continue
            if tokens[after].islower() and tokens[after] in NON_GENITIVE_DETERMINERS:
                quote.speaker = speaker[: k + 1]
                break
            # "der …" after a name before a medium is the addressee: "sagte Sabine Kroll | der
            # Deutschen Presse-Agentur" (not "der Sprecher der Zeitung")
            if tokens[after] == "der" and addresses_a_medium(
                tokens, pos, after, speaker[0], len(tokens)
            ):
                quote.speaker = speaker[: k + 1]
                break


def _speaker_ends_before_a_relative_clause(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], depths: Sequence[int]
) -> None:
    """A speaker ends before a relative clause (`Miroslav Klose | , der wegen … Gelb-Rot sah`)
    or `gegenüber` (`der Mitarbeiter der Firma | gegenüber der Zeitung`), outside quotation
    marks. In train gold no speaker holds `gegenüber`; of the speakers holding a comma and a
    relative pronoun, most have an apposition (`Günther Platter, der Verteidigungsminister`,
    tagged ART), and the tagger's speakers running into a relative clause (PRELS) match gold
    in 1 of 9 (trCV)."""
    for quote in quotes:
        speaker = quote.speaker
        for k, at in enumerate(speaker[1:], start=1):
            if depths[at] or at != speaker[k - 1] + 1:
                continue
            relative = tokens[at] == "," and at + 1 in speaker and pos[at + 1] == "PRELS"
            if relative or tokens[at] == "gegenüber":
                quote.speaker = speaker[:k]
                break


def _no_relative_clauses(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str]
) -> list[TokenQuote]:
    """An indirect message that is a relative clause after a comma (`sagte Arturo Arauz, | der
    das Gesetz entworfen hatte`) without a subjunctive is no message (trCV: 11 such messages
    match no gold message, 6 do; with a subjunctive 18 of 21 do), and neither are the
    quotations nested in it."""

    def relative(quote: TokenQuote) -> bool:
        first = quote.message[0]
        if quote.nested or quote.form != "Indirect" or pos[first] != "PRELS":
            return False
        if not first or tokens[first - 1] != ",":
            return False
        return not any(
            tokens[i].lower() in SUBJUNCTIVE or (pos[i] in FINITE and _konjunktiv_one(tokens[i]))
            for i in quote.message
        )

    dropped = [q for q in quotes if relative(q)]
    if not dropped:
        return list(quotes)
    spans = [set(q.message) for q in dropped]
    return [
        q
        for q in quotes
        if not any(q is d for d in dropped)
        and not (q.nested and any(set(q.message) <= span for span in spans))
    ]


PLACE_PREPOSITIONS = frozenset({"in", "im", "aus", "von", "vom"})
ADDRESSEE_WORDS = frozenset({"zur", "zum", "gegenüber"})
LEADING_WORDS = frozenset({"KON", "KOKOM", "PWAV", "ADV"})  # tags a speaker does not open with


# words that end a speaker's noun phrase: a time adverb, or a preposition before a time
TIME_ADVERBS = frozenset({"gestern", "heute", "morgen", "vorgestern", "zuvor", "bereits", "jetzt"})
# not "vom": "eine Erklärung vom vergangenen Freitag" names the document (as the release has it)
TIME_PREPOSITIONS = frozenset({"am", "im", "seit", "bis", "an", "in"})
TIME_ADJECTIVES = ("kommend", "vergangen", "nächst", "letzt", "dies")  # "kommende Woche"


def _speaker_ends_before_a_time(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], depths: Sequence[int]
) -> None:
    """A speaker ends before a time the tagger ran on into ("der Sondergesandte Henrik Aalstad
    | am Montag in New York", "die Ministerin | gestern"); not inside quotation marks (`„BILD
    am Sonntag“`) or a relative clause (`eine Studie, die heute … vorgestellt wurde`). What is
    left without a noun or pronoun is no speaker (the rules after this one look again)."""
    for quote in quotes:
        speaker = quote.speaker
        for k in range(1, len(speaker)):
            if depths[speaker[k]] or pos[speaker[k - 1]] in ("PRELS", "PRELAT"):
                break
            word = tokens[speaker[k]].lower()
            after = tokens[speaker[k + 1]] if k + 1 < len(speaker) else ""
            timed = word in TIME_PREPOSITIONS or word.startswith(TIME_ADJECTIVES)
            if word in TIME_ADVERBS or (timed and _is_time_word(after)):
                if tokens[speaker[k - 1]].lower() == "vom":
                    break
                if pos[speaker[k - 1]] in ("APPR", "APPRART") and k > 1:
                    k -= 1  # "Angaben von Diplomaten | in der kommenden Woche"
                kept = speaker[:k]
                named = any(pos[i] in NOUNS or pos[i] in ("PPER", "PDS", "PIS") for i in kept)
                quote.speaker = kept if named else []
                break


def _nach_a_time(tokens: Sequence[str], at: int) -> bool:
    """Whether the word at ``at`` is "nach" before a time ("Nach Monaten erbitterter Kämpfe …",
    "nach zwei Wochen"), which attributes nothing."""
    return tokens[at].lower() == "nach" and any(map(_is_time_word, tokens[at + 1 : at + 3]))


def _is_time_word(word: str) -> bool:
    lower = word.lower()
    return lower in WEEKDAYS or lower in MONTHS or lower in TIME_NOUNS or lower in PARTS_OF_DAY


def _a_name(tokens: Sequence[str], pos: Sequence[str], phrase: Sequence[int]) -> bool:
    """Whether a noun phrase holds a name: a word tagged as one, or capitalised words only
    (the tagger takes first names for adjectives: "Volker/ADJA Ratzmann/NN")."""
    return any(pos[k] == "NE" for k in phrase) or (
        len(phrase) > 1 and all(tokens[k][:1].isupper() and pos[k] != "ART" for k in phrase)
    )


def _speaker_takes_its_attributes(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A speaker ending in a noun takes the genitive attributes after it and, after a common
    noun or a genitive, the place or body it is of (`ein Sprecher | des Amtes in Koblenz`,
    `das Exilparlament | im indischen Dharamshala`); not after a name (`Seibert in Berlin`:
    where he spoke), nor a `der` after a name (`nach Auskunft der NASA | der größte Teil`). A
    name takes the rest of it that the tagger took for a common noun (`Chen | Qigang`), the
    title before it (`RTL-Chefin | Anke Schäferkordt`; in train, 64 of 65 such titles belong to
    the speaker) and its apposition (`Eva Kern, Chefin der Bahn,`); a speaker stops before `zur`,
    `zum` or `gegenüber` (`sagte Georg Ratzinger | zur Nachrichtenagentur`: the addressee) and
    keeps the quotation marks around it (`laut „Die Zeit“`)."""
    for quote in quotes:
        if not quote.speaker or pos[quote.speaker[-1]] not in NOUNS:
            continue
        taken = set(quote.cue) if quote.form == "Reported" else set(quote.message) | set(quote.cue)
        end = quote.speaker[-1] + 1
        sentence = rank_of[quote.speaker[-1]]
        first = quote.speaker[0]
        if (
            end + 1 < len(tokens)
            and age_unit_at(tokens, pos, end - 1)
            and rank_of[end + 1] == sentence
            and not taken & {end, end + 1}
            and pos[end + 1] in NOUNS
        ):  # an age before the noun: "der 24 Jahre | alte Däne"
            end += 2
        if (
            pos[first] == "NE"
            and first > 0
            and pos[first - 1] == "NN"
            and tokens[first - 1][:1].isupper()
            and tokens[first - 1].lower() not in ATTRIBUTION_PREPOSITIONS
            and rank_of[first - 1] == sentence
            and first - 1 not in taken
        ):  # the title before a name: "RTL-Chefin | Anke Schäferkordt"
            quote.speaker = [first - 1, *quote.speaker]
        while (
            pos[end - 1] == "NE"
            and end + 1 < len(tokens)
            and rank_of[end] == sentence
            and end not in taken
            and pos[end] in NOUNS
            and tokens[end][:1].isupper()
            and tokens[end].isalpha()
        ):  # the rest of a name: "sagte Chen | Qigang"
            end += 1
        genitive = False
        while end + 1 < len(tokens) and rank_of[end + 1] == sentence and end not in taken:
            lower = tokens[end].lower()
            more: list[int] = []
            if lower in GENITIVE_ARTICLES and pos[end] == "ART":
                if not (lower == "der" and pos[end - 1] == "NE"):
                    more = noun_phrase(tokens, pos, end, len(tokens))
            elif lower in PLACE_PREPOSITIONS and pos[end] in ("APPR", "APPRART"):
                k = end + 1
                while k < len(tokens) and pos[k] in ("ADJA", "ART"):
                    k += 1
                if k < len(tokens) and pos[k] == "NE" and (genitive or pos[end - 1] == "NN"):
                    more = list(range(end, k + 1))
            elif tokens[end] == "(":  # a bracketed abbreviation: "der Direktor der Behörde (IAEO)"
                close = next(
                    (k for k in range(end + 2, min(end + 7, len(tokens))) if tokens[k] == ")"),
                    None,
                )
                if close is not None:
                    more = list(range(end, close + 1))
            if not more or taken & set(more) or rank_of[more[-1]] != sentence:
                break
            genitive = genitive or tokens[end].lower() in GENITIVE_ARTICLES
            end = more[-1] + 1
        if (
            end + 1 < len(tokens)
            and tokens[end] == ","
            and pos[end - 1] in NOUNS
            and end not in taken
        ):  # an apposition after a name: "Eva Kern, Chefin der Bahn,"; a name after a role:
            # "Der Chef der Grünen, Jan Roth,"
            stop = next(
                (k for k in range(end + 1, len(tokens)) if rank_of[k] != sentence or k in taken),
                len(tokens),
            )
            apposition = noun_phrase(tokens, pos, end + 1, stop)
            if (
                apposition
                and pos[apposition[0]] != "PPER"
                and (pos[end - 1] == "NE" or _a_name(tokens, pos, apposition))
            ):
                close = attached(tokens, pos, apposition, stop)[-1] + 1
                if (
                    close >= stop
                    or tokens[close] in APPOSITION_ENDS
                    # a name apposition the object follows without a comma: "beurteilte der
                    # Sprecher der Grünen, Volker Beck | das Pontifikat"
                    or (pos[close] in OBJECT_OPENERS and _a_name(tokens, pos, apposition))
                ):
                    end = close
        if end > quote.speaker[-1] + 1:
            quote.speaker = list(range(quote.speaker[0], end))
        first, last = quote.speaker[0], quote.speaker[-1]
        if (
            first
            and last + 1 < len(tokens)
            and tokens[last + 1] in CLOSERS.get(tokens[first - 1], "")
            and not taken & {first - 1, last + 1}
        ):  # a quoted name: "die „ Zeit “"
            quote.speaker = list(range(first - 1, last + 2))
        # "Wie | die Bank mitteilte", "Aber | Zeitungen berichten": not part of the speaker
        k = 0
        while k + 1 < len(quote.speaker) and pos[quote.speaker[k]] in LEADING_WORDS:
            k += 1
        if k and pos[quote.speaker[k]] in SUBJECT_STARTS:
            quote.speaker = quote.speaker[k:]
        # "sagte Georg Ratzinger | zur Nachrichtenagentur": to whom, not who
        cut = next(
            (k for k, i in enumerate(quote.speaker) if k and tokens[i].lower() in ADDRESSEE_WORDS),
            None,
        )
        if cut is not None:
            quote.speaker = quote.speaker[:cut]


# what opens an object right after a speaker's name apposition
OBJECT_OPENERS = frozenset({"ART", "PPOSAT", "PDAT"})


def _subject_of_als_predicates(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A quotation that is what someone calls something (`Die Ministerin bezeichnete den Plan
    als „…“`) is said by the subject opening the sentence, not by the object between the verb
    and `als`; in a passive, by the agent (`Der Plan wurde von der Ministerin als „…“
    bezeichnet`)."""
    for quote in quotes:
        if quote.nested or quote.form != "Direct":
            continue
        k = _als_before(tokens, pos, quote.message[0], ("ART", "ADJA", "PIAT"))
        if not k:  # none, or "Als" opening the text
            continue
        agent = _passive_agent(tokens, pos, _sentence_of(rank_of, k))
        if agent and agent[-1] < k:
            quote.speaker = agent
            continue
        if not quote.speaker or not quote.speaker[-1] < k:
            continue
        opening = _sentence_of(rank_of, k).start
        verb = next((i for i in range(opening, k) if pos[i] in FINITE), None)
        if verb is None or not verb < quote.speaker[0] or rank_of[quote.speaker[0]] != rank_of[k]:
            continue
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, opening, verb), verb)
        if phrase and is_nominative(tokens, pos, phrase) and phrase[-1] + 1 == verb:
            quote.speaker = phrase


OBJECT_ARTICLES = frozenset({"den", "dem", "einen", "einem"})


NOMINATIVE_ONLY = frozenset({"der", "ein"})  # before a masculine noun
COPULA = frozenset({"ist", "sind", "war", "waren", "sei", "seien", "wäre", "wären"})


def _names_someone(
    tokens: Sequence[str],
    pos: Sequence[str],
    span: Sequence[int],
    lexicon: Lexicon,
    levels: Collection[str],
) -> bool:
    """Whether a span holds a name, a personal pronoun, an indefinite pronoun for people
    (`Einige`, `Viele`) or a word whose speaker-lexicon level is one of ``levels``, or a
    compound ending in such a word of at least ``SPEAKER_HEAD_CHARS`` letters
    ("Airbus-Vorstandsvorsitzende": "vorsitzende")."""
    return any(
        pos[i] in ("NE", "PPER")
        or (pos[i] == "PIS" and tokens[i].lower() in PEOPLE_PRONOUNS)
        or _speaker_word(lexicon, tokens[i].lower(), levels)
        for i in span
    )


# indefinite pronouns that stand for people ("Einige vertreten die Auffassung, …")
PEOPLE_PRONOUNS = frozenset(
    {"einige", "viele", "manche", "andere", "beide", "mehrere", "jemand", "niemand", "alle"}
)


SPEAKER_HEAD_CHARS = 7


def _speaker_word(lexicon: Lexicon, lower: str, levels: Collection[str]) -> bool:
    """Whether a word, or the last part of a compound, has a speaker-lexicon level of
    ``levels``."""
    if lexicon.speaker_level(lower) in levels:
        return True
    return any(
        lexicon.speaker_level(lower[k:]) in levels
        for k in range(1, len(lower) - SPEAKER_HEAD_CHARS + 1)
    )


def _two_capitalised(tokens: Sequence[str], span: Sequence[int]) -> bool:
    """Whether a span holds two capitalised words in a row after its first: a name the
    tagger took for common nouns ("Die Bürgerinitiative Altstadt")."""
    return any(
        tokens[a][:1].isupper() and tokens[b][:1].isupper() and tokens[b].isalpha()
        for a, b in pairwise(span[1:])
    )


def _subject_after_fronted_phrase(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A speaker that is a prepositional phrase or an object opening its sentence right before
    the finite verb gives way to the nominative noun phrase after that verb (`Bei der
    Chrisammesse sagte der Papst, …`, `Am Freitag hatte Serbiens Präsident … versichert, …`,
    `Den Vorwurf wies die Ministerin zurück: „…“`); so does a speaker of direct or indirect
    speech that names no one (no name, pronoun or speaker word) when that noun phrase names
    someone (`Die Anwendung der Regel stellte der Vorsitzende in Frage: „…“`)."""
    for quote in quotes:
        if quote.nested or not quote.speaker or quote.form == "FreeIndirect":
            continue
        speaker, message = quote.speaker, set(quote.message)
        first, verb = speaker[0], speaker[-1] + 1
        if quote.form == "Reported":
            message = set()  # the speaker of reported speech lies inside the message
        if verb + 1 < len(tokens) and tokens[verb] == "," and pos[verb + 1] == "PRELS":
            # "In einem Bericht, der danach erschien, rechtfertigte das Ministerium …"
            end = _sentence_of(rank_of, first).stop
            verb = next((k + 1 for k in range(verb + 2, end) if tokens[k] == ","), verb)
        if message & set(speaker) or verb >= len(tokens) or verb in message:
            continue
        if tokens[verb].lower() in PASSIVE:
            continue  # "In diesem Zusammenhang wurde der Name … genannt"
        if rank_of[verb] != rank_of[first] or pos[verb] not in FINITE:
            continue
        opening = _sentence_of(rank_of, first).start  # the speaker lies before its verb
        if any(pos[k] in FINITE or tokens[k] in PUNCT for k in range(opening, first)):
            continue
        lower = tokens[opening].lower()
        fronted = (
            (pos[opening] in ("APPR", "APPRART") and lower not in SOURCE_PREPOSITIONS)
            or (pos[opening] == "ART" and lower in OBJECT_ARTICLES)
            # "Der englischen Zeitung sagte X": "der" with an "-en" adjective, no nominative
            or (
                lower == "der"
                and first == opening
                and opening + 2 < verb
                and pos[opening + 1] == "ADJA"
                and tokens[opening + 1].lower().endswith("en")
            )
            or lower == "als"
            # the object of a preposition inside the fronted phrase: "Jede Schuld an [der Affäre]
            # weist sie von sich"
            or (
                first > opening
                and pos[first - 1] in ("APPR", "APPRART")
                and tokens[first - 1].lower() not in SOURCE_PREPOSITIONS
            )
            # an adverb as the whole speaker: "Gleichzeitig sprach er …", "Bereits im Januar …"
            or (pos[opening] in ("ADJD", "ADV") and first == opening)
            # "Nach der Sitzung sagte …", unlike "Nach Angaben der Polizei"
            or (
                lower == "nach"
                and not lexicon.names_a_source([t.lower() for t in tokens[opening + 1 : verb]])
            )
        )
        # a phrase that names no one before a verb whose subject follows and names someone
        # (`Die Anwendung der Regel stellte der Vorsitzende in Frage: „…“`)
        anonymous = (
            not fronted
            and quote.form in ("Direct", "Indirect")
            and lower not in NOMINATIVE_ONLY
            and tokens[verb].lower() not in COPULA
            and not _names_someone(tokens, pos, speaker, lexicon, ("hi", "mid"))
            and not any(len(tokens[i]) > 1 and tokens[i].isupper() for i in speaker)  # "Die CCE"
        )
        if not (fronted or anonymous):
            continue
        start = verb + 1
        while start < len(tokens) and pos[start] in ("ADV", "PAV", "PRF") and start - verb <= 2:
            start += 1
        stop = next(
            (k for k in range(start, len(tokens)) if rank_of[k] != rank_of[verb] or k in message),
            len(tokens),
        )
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, start, stop), stop)
        if not phrase or message & set(phrase) or pos[phrase[0]] in NON_ARTICLE_DETERMINERS:
            continue
        if not is_nominative(tokens, pos, phrase):
            continue
        if anonymous and not _names_someone(tokens, pos, phrase, lexicon, ("hi",)):
            continue
        if lower == "nach" and not any(
            pos[i] == "NE" or lexicon.speaker_level(tokens[i].lower()) in ("hi", "mid")
            for i in phrase
        ):
            continue  # "Nach einer Reporterin waren zahlreiche Rettungswagen …"
        quote.speaker = phrase


def _speaker_of_a_wie_clause(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str]
) -> None:
    """A message without a speaker whose cue opens with "wie" takes the noun phrase right after
    "wie" as its speaker when only adverbs lie between it and the next cue word ("Wie
    t-online.de berichtet, …", "…, wie sein Anwalt am Montag mitteilte"); the whole clause is
    attribution, so the phrase leaves the message if the tagger put it there."""
    for quote in quotes:
        if quote.speaker and quote.speaker[0] in quote.cue and tokens[quote.speaker[0]] == "Wie":
            quote.speaker = quote.speaker[1:]  # the cue's "Wie" is no part of the speaker
        if quote.nested or quote.speaker or len(quote.cue) < 2:
            continue
        first, verb = quote.cue[0], quote.cue[1]
        if tokens[first].lower() != "wie":
            continue
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, first + 1, verb), verb)
        if phrase and all(pos[k] in ("ADV", "ADJD", "PAV") for k in range(phrase[-1] + 1, verb)):
            quote.speaker = phrase
            quote.message = _strip(tokens, [i for i in quote.message if not first <= i <= verb])


# "In dem Antrag heißt es", "Es hieß in einer Erklärung": the document is the source
HEISST = frozenset({"heißt", "hieß"})
DOCUMENT_PREPOSITIONS = frozenset({"in", "auf", "bei"})


def _documents_speak_through_heisst_es(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A top-level message whose cue is "heißt es" has as its speaker the noun phrase after
    "in", "auf" or "bei" that opens the sentence right before "heißt" ("In dem Antrag heißt es
    wörtlich: „…“") or follows "heißt es" ("Es hieß in einer Erklärung der Behörde, …"),
    without the preposition, as the release mostly annotates it (train: 15 of 23), or the
    phrase after "aus" with its "aus" ("hieß es aus Verhandlungskreisen"), when the message
    has no speaker or one that does not overlap that phrase."""
    for quote in quotes:
        if quote.nested or quote.form not in FRAME_FORMS:
            continue
        verb = next((i for i in quote.cue if tokens[i].lower() in HEISST), None)
        if verb is None:
            continue
        sentence = _sentence_of(rank_of, verb)
        message = set(quote.message)
        found: list[int] = []
        phrase = _document_phrase(tokens, pos, sentence.start, verb)
        if phrase and phrase[-1] + 1 == verb:
            found = phrase
        at = verb + 1
        if not found and at < sentence.stop and tokens[at].lower() == "es":
            at += 1
        if not found and at < sentence.stop:
            found = _document_phrase(tokens, pos, at, sentence.stop)
        if not found and at + 1 < sentence.stop and tokens[at].lower() == "aus":
            # "hieß es aus Verhandlungskreisen": with its "aus", as the release has it
            phrase = noun_phrase(tokens, pos, at + 1, sentence.stop)
            found = [at, *phrase] if phrase else []
        if not found or message & set(found):
            continue
        if not quote.speaker or not set(quote.speaker) & set(found):
            quote.speaker = found


# verbs by which a text holds words ("In der Zeitung fand sich die Feststellung „…“", "In dem
# Entwurf steht: „…“"), besides "heißt es"
TEXT_VERBS = frozenset(
    {"steht", "stand", "stehen", "standen", "findet", "fand", "finden", "fanden"}
)


def _document_phrase(tokens: Sequence[str], pos: Sequence[str], at: int, stop: int) -> list[int]:
    """The noun phrase (with what ``attached`` adds) after a preposition of
    ``DOCUMENT_PREPOSITIONS`` at ``at``, before ``stop``; empty when none is there."""
    if at + 1 >= stop or tokens[at].lower() not in DOCUMENT_PREPOSITIONS:
        return []
    return attached(tokens, pos, noun_phrase(tokens, pos, at + 1, stop), stop)


def _texts_speak_through_their_words(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A top-level direct quotation without a speaker in the sentence that introduces it, in
    which a text holds it ("In der Zeitung fand sich dazu die Feststellung „…“", "Derzeit
    steht in dem Entwurf der Passus: „…“"), has that text for its speaker, without the preposition
    as in ``_documents_speak_through_heisst_es``, and the verb as its cue when it has none."""
    for quote in quotes:
        if quote.nested or quote.form != "Direct" or not quote.message or not quote.message[0]:
            continue
        first = quote.message[0]
        intro = _sentence_of(rank_of, first - 1 if tokens[first - 1] == ":" else first)
        if quote.speaker and quote.speaker[0] in intro:
            continue
        verb = next(
            (
                i
                for i in range(intro.start, first)
                if tokens[i].lower() in TEXT_VERBS | HEISST and pos[i] in FINITE
            ),
            None,
        )
        if verb is None:
            continue
        found: list[int] = []
        if intro.start + 1 < verb and tokens[intro.start].lower() in DOCUMENT_PREPOSITIONS:
            phrase = _document_phrase(tokens, pos, intro.start, verb)
            if phrase and phrase[-1] + 1 == verb:
                found = phrase  # "In der Zeitung fand sich"
        else:
            at = verb + 1
            while at < first and (pos[at] in ("ADV", "PRF", "PAV") or tokens[at].lower() == "es"):
                at += 1
            found = _document_phrase(tokens, pos, at, first)
        if found:
            quote.speaker = found
            quote.cue = quote.cue or [verb]


def _source_adverbs_speak(quotes: Sequence[TokenQuote], tokens: Sequence[str]) -> None:
    """A cue that is only an adverb pointing back to a source (`Demnach`, `Danach`,
    `Demzufolge`: "according to it") is the message's speaker too, as the release annotates it
    (train gold: 21 of the 25 messages with such a cue)."""
    for quote in quotes:
        if len(quote.cue) == 1 and tokens[quote.cue[0]].lower() in SOURCE_ADVERBS:
            quote.speaker = list(quote.cue)


def _no_speaker_inside_another_message(quotes: Sequence[TokenQuote]) -> None:
    """A speaker the tagger found inside another top-level direct quotation or free indirect
    speech is no speaker (`„… geht das Elend der Tiere weiter“, so die Sprecherin. „…“`: the
    release never has one there; it has speakers inside reported speech); the subject rules
    and the runs of direct quotations then give the message its speaker. So is one inside the
    direct quotation it speaks (the quotation grown to its marks over it)."""
    quoting = [
        (q, set(q.message))
        for q in quotes
        if not q.nested and q.message and q.form in ("Direct", *FREE_FORMS)
    ]
    for quote in quotes:
        if quote.nested or not quote.message or not quote.speaker:
            continue
        speaker = set(quote.speaker)
        if any(
            (other is not quote or quote.form == "Direct") and speaker <= message
            for other, message in quoting
        ):
            quote.speaker = []


def _direct_quotes_to_their_marks(
    quotes: list[TokenQuote], tokens: Sequence[str], depths: Sequence[int]
) -> list[TokenQuote]:
    """A top-level direct quotation that has only one of its quotation marks grows over the
    quoted tokens to the other one, as long as no other message holds them (the release's
    top-level direct messages run from mark to mark: 366 of 366 in train). A message of
    another form that ends in the quotation's opening (`X nennt den Plan „ein Vorbild. …“`,
    the quotation split at its stop) is its attribution: the quotation takes the quoted tokens,
    and looks for its speaker again; the rest of that message is dropped."""
    owner = {i: q for q in quotes for i in q.message}
    dropped: list[TokenQuote] = []
    for quote in quotes:
        if quote.nested or quote.form != "Direct":
            continue
        first, last = quote.message[0], quote.message[-1]
        if (tokens[first] in MARKS) == (tokens[last] in MARKS):
            continue
        step, at = (1, last) if tokens[first] in MARKS else (-1, first)
        grown: list[int] = []
        k = at + step
        while 0 <= k < len(tokens) and depths[k] and k not in owner:
            grown.append(k)
            k += step
        other = owner.get(k) if 0 <= k < len(tokens) and depths[k] else None
        if other is not None and step == -1:
            opening = _opening_in_its_tail(other, k, tokens, depths)
            if opening is not None:
                grown += other.message[opening:]
                dropped.append(other)
                quote.speaker, quote.cue = [], []
        elif other is not None and _closes_the_quotation(other, k, tokens, depths):
            # the quotation's later sentences, which the taggers took for a message of their
            # own ("„… . Ich wollte nur wissen, | ob ich … kann“, sagte sie"): the quotation's
            grown += other.message
            dropped.append(other)
        if grown and tokens[max(grown) if step == 1 else min(grown)] in MARKS:
            quote.message = sorted([*quote.message, *grown])
    return [q for q in quotes if all(q is not d for d in dropped)]


def _closes_the_quotation(
    other: TokenQuote, at: int, tokens: Sequence[str], depths: Sequence[int]
) -> bool:
    """Whether ``other``, a top-level message of another form than Direct, starts at ``at``
    inside a quotation and runs, contiguous and quoted, to the quotation's closing mark."""
    if other.nested or other.form == "Direct" or other.message[0] != at:
        return False
    run = other.message
    return (
        run == list(range(run[0], run[-1] + 1))
        and all(depths[i] for i in run)
        and tokens[run[-1]] in MARKS
    )


def _opening_in_its_tail(
    other: TokenQuote, at: int, tokens: Sequence[str], depths: Sequence[int]
) -> int | None:
    """The index in ``other.message`` of the opening mark of the quotation that ``other``, a
    top-level message of another form than Direct ending at ``at``, ends in: from that mark on,
    its tokens are contiguous and quoted. None otherwise."""
    if other.nested or other.form == "Direct" or other.message[-1] != at:
        return None
    k = len(other.message) - 1
    while k >= 0 and depths[other.message[k]] and tokens[other.message[k]] not in MARKS:
        k -= 1
    if k <= 0 or tokens[other.message[k]] not in MARKS:
        return None
    run = other.message[k:]
    return k if run == list(range(run[0], run[-1] + 1)) else None


def _speaker_after_the_quotation(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A top-level direct quotation followed by `so` and a noun phrase (`„…“, so der Minister.`,
    `„…“, so letztere.`) takes that phrase as its speaker and `so` as its cue; so does one
    followed by a finite verb of speech and its subject (`„…“, äußerte sich die Ministerin`,
    `„…“, wird der Minister zitiert`) with the verb as its cue, or by any finite verb and its
    subject when "mit den Worten" stands before or after it (`„…“, mit diesen Worten betrat
    er den Saal`, `Mit den Worten „…“, öffnete sie`). Unless its speaker already
    overlaps the phrase (the taggers know better where such a speaker ends: `so der Mitarbeiter
    der Firma „X“`)."""
    for quote in quotes:
        if quote.nested or quote.form != "Direct" or tokens[quote.message[-1]] not in MARKS:
            continue
        at = quote.message[-1] + 1
        if at < len(tokens) and tokens[at] == ",":
            at += 1
        if at + 1 >= len(tokens):
            continue
        stop = _sentence_of(rank_of, at).stop
        words = _with_these_words(tokens, at) or _with_these_words(tokens, quote.message[0] - 3)
        if words and tokens[at].lower() == "mit":
            at += 3  # "„…“, mit diesen Worten meldete er sich"
            if at + 1 >= len(tokens):
                continue
        word = tokens[at].lower()
        participle = _quoted_passive(tokens, at, stop)
        if word == "so":
            if at + 1 < stop and tokens[at + 1].lower() in DEMONSTRATIVE_SPEAKERS:
                phrase = [at + 1]  # the tagger takes "letztere" for an adjective
            else:
                phrase = attached(tokens, pos, noun_phrase(tokens, pos, at + 1, stop), stop)
        elif (pos[at] in FINITE and (lexicon.speaks(word) or participle is not None or words)) or (
            words and words[0] == at - 3 and tokens[at].isalpha() and tokens[at].islower()
        ):  # after a fronted "mit diesen Worten" the finite verb follows, whatever its tag
            phrase = phrase_after_verb(tokens, pos, at, stop)
            if not phrase or not is_nominative(tokens, pos, phrase):
                continue
        else:
            continue
        if phrase and not set(phrase) & set(quote.speaker):
            quote.speaker = phrase
            quote.cue = [at] if participle is None else [at, participle]
            if words:
                quote.cue = sorted({*words, *quote.cue})


WORDS_DETERMINERS = frozenset(
    {"den", "diesen", "seinen", "ihren", "folgenden", "dem", "diesem", "seinem", "ihrem"}
)
WORDS_NOUNS = frozenset({"worten", "satz", "sätzen"})


def _with_these_words(tokens: Sequence[str], at: int) -> list[int]:
    """The three tokens of "mit den/diesen/seinen/ihren Worten" or "mit diesem Satz" starting
    at ``at``, if there."""
    if at < 0 or at + 2 >= len(tokens):
        return []
    lowers = [t.lower() for t in tokens[at : at + 3]]
    if lowers[0] == "mit" and lowers[1] in WORDS_DETERMINERS and lowers[2] in WORDS_NOUNS:
        return [at, at + 1, at + 2]
    return []


def _quoted_passive(tokens: Sequence[str], at: int, stop: int) -> int | None:
    """The `zitiert` of a passive whose auxiliary is the finite verb at ``at`` (`wird X
    zitiert`), if any."""
    if tokens[at].lower() not in PASSIVE:
        return None
    return next((k for k in range(at + 1, min(stop, at + 8)) if tokens[k] == "zitiert"), None)


def _whole_frames(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], rank_of: Sequence[int]
) -> None:
    """The frame of a top-level direct or indirect message is the whole stretch of words around
    its cue (without a cue, around its speaker outside the message) up to a message, the end
    of the sentence or a sentence-final stop, as the release annotates it (`Im September hatte
    X angekündigt ,`), joined to the frame the roles tagger found, which is often only cue and
    speaker. Only when that cue or speaker lies in the message's sentences or next to them."""
    taken = {i for q in quotes if not q.nested for i in q.message}
    for quote in quotes:
        if quote.nested or quote.form not in FRAME_FORMS or not quote.message:
            continue
        anchor = quote.cue
        if not anchor and not set(quote.speaker) & set(quote.message):
            anchor = quote.speaker
        if not anchor:
            continue
        first, last = min(anchor), max(anchor)
        if not rank_of[quote.message[0]] - 1 <= rank_of[first] <= rank_of[quote.message[-1]] + 1:
            continue
        sentence = _sentence_of(rank_of, first)
        start = _frame_edge(tokens, sentence, taken, first, -1)
        end = _frame_edge(tokens, sentence, taken, last, 1)
        while end > start and tokens[end] in SENTENCE_STOPS:
            end -= 1
        stretch = {i for i in range(start, end + 1) if i not in taken}
        quote.frame = sorted(stretch | set(quote.frame))


def _frame_edge(
    tokens: Sequence[str], sentence: range, taken: Collection[int], at: int, step: int
) -> int:
    """The last token from ``at`` in direction ``step`` before a message token, the sentence's
    end or a sentence-final stop."""
    while True:
        following = at + step
        if following not in sentence or following in taken or tokens[following] in SENTENCE_STOPS:
            return at
        at = following


def _addressee_after_gegenueber(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A top-level message without an addressee whose frame holds `gegenüber` takes the noun
    phrase after it as addressee (`sagte er gegenüber der Zeitung X`; in the train gold the
    word after a framing `gegenüber` opens the addressee 34 times of 39)."""
    for quote in quotes:
        if quote.nested or quote.addressee:
            continue
        at = next((i for i in quote.frame if tokens[i].lower() == "gegenüber"), None)
        if at is None:
            continue
        phrase = noun_phrase(tokens, pos, at + 1, _sentence_of(rank_of, at).stop)
        if phrase and not set(phrase) & set(quote.message):
            quote.addressee = phrase


# Addressees the cue's construction names (train gold, top-level messages):
# - the object between a separable cue verb and its particle: "warf der Regierung vor", "forderte
#   die SPD auf" (a cue ending in "vor" holds an addressee between its parts 16 times of 18, "auf"
#   9 of 13; "liegt … vor", "stellte … vor/auf" never do);
ADDRESSEE_PARTICLES = frozenset({"vor", "auf"})
NO_ADDRESSEE_VERBS = ("lieg", "lag", "stell")
# - the subject or fronted dative of a passive cue: "Ihm wird vorgeworfen", "Die Männer werden
#   beschuldigt" (vorgeworfen 9 of 10, aufgefordert 8 of 8, beschuldigt 3 of 4, angewiesen 2 of 2;
#   "zitiert", "bekannt gegeben", "bezeichnet" never);
ADDRESSEE_PARTICIPLES = frozenset(
    {"vorgeworfen", "aufgefordert", "beschuldigt", "angewiesen", "gebeten", "nachgesagt"}
)
# - the partner of "in einem Interview mit X", "in einem Brief an X", and "appellierte an X";
CONVERSATION_NOUNS = frozenset(
    {"interview", "gespräch", "telefonat", "telefoninterview", "brief", "schreiben", "appell"}
)
APPEAL_VERBS = ("appellier", "wandte", "wendet")
# - a speech verb's "zur/zum X" or "vor X" right after the attribution ("sagte er zur
#   Nachrichtenagentur dpa", "sagte vor der Presse"), and its dative object right after it
#   ("sagte der US-Zeitschrift", "erklärte einem Angestellten") when the speaker stands before it.
SPEECH_PREPOSITIONS = frozenset({"zur", "zum", "vor"})
DATIVE_OPENERS = frozenset({"dem", "einem", "der", "einer"})
# the object pronouns, and "ihr"/"sie" that are also nominative ("forderte sie auf")
ADDRESSEE_PRONOUNS = (OBJECT_PRONOUNS - {"sich"}) | {"ihr", "sie"}
# heads that make "zum Abschluss", "vor zwei Wochen", "vor allem" no addressee
NOT_ADDRESSEE_WORDS = TIME_NOUNS | frozenset(
    """stunden kurzem allem hintergrund ort beginn ende abschluss schluss auftakt
    thema""".split()  # noqa: SIM905
)
PREPOSITION_OPENERS = frozenset(
    "aufgrund wegen trotz nach in im am bei beim seit vor während durch für gegen mit von vom zu zur zum".split()  # noqa: E501, SIM905
)


def _addressees_of_cues(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A top-level message without an addressee takes the one its cue's construction names (see
    ``ADDRESSEE_PARTICLES`` and what follows it); the roles tagger finds few addressees (on
    cross-validated train 45 of about 240)."""
    for quote in quotes:
        if quote.nested or quote.addressee or not quote.cue:
            continue
        sentence = _sentence_of(rank_of, quote.cue[0])
        for find in (_object_in_the_cue, _subject_of_a_passive_cue, _partner_of_the_attribution):
            phrase = set(find(quote, tokens, pos, sentence, lexicon))
            if not phrase or phrase & set(quote.message):
                continue
            if phrase & set(quote.speaker):
                if find is not _subject_of_a_passive_cue:
                    continue
                quote.speaker = []  # the passive's subject is no speaker ("Die Männer werden …")
            quote.addressee = sorted(phrase)
            break


def _object_phrase(tokens: Sequence[str], pos: Sequence[str], start: int, stop: int) -> list[int]:
    """The noun phrase or object pronoun at ``start`` with a quoted title after it ("der Zeitung
    „Neues Deutschland“"); empty for a time or topic phrase ("vor zwei Wochen", "zum Thema")."""
    if tokens[start].lower() in ADDRESSEE_PRONOUNS:
        return [start]
    phrase = noun_phrase(tokens, pos, start, stop)
    if not phrase or pos[phrase[0]] == "CARD" or tokens[start].lower() in NOT_ADDRESSEE_WORDS:
        return []
    head = tokens[phrase[-1]].lower()
    if head in NOT_ADDRESSEE_WORDS or (
        head.endswith(("ung", "heit", "keit")) and not head.endswith("zeitung")
    ):
        return []  # "zur Beendigung", "zur Zurückhaltung"
    after = phrase[-1] + 1
    if after < stop and tokens[after] in CLOSERS:
        ends = range(after + 1, min(stop, after + 8))
        close = next((k for k in ends if tokens[k] in MARKS), None)
        if close is not None:
            phrase = list(range(phrase[0], close + 1))
    return phrase


def _object_in_the_cue(
    quote: TokenQuote,
    tokens: Sequence[str],
    pos: Sequence[str],
    sentence: range,
    lexicon: Lexicon,
) -> list[int]:
    """ "warf | der Regierung | vor": the first noun phrase between a separable verb and its
    particle that is not the speaker, unless a prepositional phrase comes first."""
    first, last = quote.cue[0], quote.cue[-1]
    if (
        tokens[last].lower() not in ADDRESSEE_PARTICLES
        or not 1 < last - first <= 12
        or last not in sentence
        or tokens[first].lower().startswith(NO_ADDRESSEE_VERBS)
    ):
        return []
    for i in range(first + 1, last):
        if i in quote.cue:
            return []
        if i in quote.speaker or pos[i] in ("ADV", "PAV", "PTKNEG", "ADJD", "KON", "$,"):
            continue
        if pos[i] in ("APPR", "APPRART"):
            return []
        return _object_phrase(tokens, pos, i, last)
    return []


def _subject_of_a_passive_cue(
    quote: TokenQuote,
    tokens: Sequence[str],
    pos: Sequence[str],
    sentence: range,
    lexicon: Lexicon,
) -> list[int]:
    """ "Ihm | wird vorgeworfen", "Darin wird | der Ex-Minister | aufgefordert": the noun phrase
    opening the sentence right before the auxiliary, else the one after it."""
    first, last = quote.cue[0], quote.cue[-1]
    if (
        len(quote.cue) < 2
        or tokens[first].lower() not in PASSIVE
        or tokens[last].lower() not in ADDRESSEE_PARTICIPLES
        or last not in sentence
    ):
        return []
    start = sentence.start
    if start < first and tokens[start].lower() not in PREPOSITION_OPENERS:
        phrase = _object_phrase(tokens, pos, start, first)
        if phrase and phrase[-1] + 1 == first:
            return phrase
    i = first + 1
    while i < last and pos[i] in ("ADV", "PAV", "ADJD"):
        i += 1
    return _object_phrase(tokens, pos, i, last) if i < last else []


def _partner_of_the_attribution(
    quote: TokenQuote,
    tokens: Sequence[str],
    pos: Sequence[str],
    sentence: range,
    lexicon: Lexicon,
) -> list[int]:
    """ "in einem Interview mit X", "appellierte an X" in the cue's sentence; after a speech
    verb and its speaker, "zur/zum X" or "vor X" within the attribution, or a dative article
    right after the verb ("sagte der US-Zeitschrift")."""
    message = set(quote.message)
    verb = tokens[quote.cue[0]].lower()
    found = None
    for i in range(sentence.start + 1, sentence.stop - 1):
        if i in message or i + 1 in message:
            continue
        word = tokens[i].lower()
        if (word in ("mit", "an") and tokens[i - 1].lower() in CONVERSATION_NOUNS) or (
            word == "an" and verb.startswith(APPEAL_VERBS)
        ):
            found = i + 1
            break
    speech = any(lexicon.medium(tokens[c].lower()) == "Speech" for c in quote.cue)
    if found is None and speech:
        anchor = max(i for i in (*quote.cue, *quote.speaker) if i in sentence)
        for i in range(anchor + 1, min(sentence.stop, anchor + 8)):
            word = tokens[i].lower()
            if i in message or word in (",", ":", ";") or tokens[i] in MARKS:
                break
            if word in SPEECH_PREPOSITIONS and not (word == "vor" and verb.startswith("warn")):
                found = i + 1
                break
    if found is None and speech and quote.speaker and max(quote.speaker) < quote.cue[0]:
        after = quote.cue[0] + 1
        if (
            pos[quote.cue[0]] == "VVFIN"
            and after in sentence
            and after not in message
            and tokens[after].lower() in DATIVE_OPENERS
        ):
            found = after
    if found is None or found not in sentence:
        return []
    stop = next((k for k in range(found, sentence.stop) if k in message), sentence.stop)
    return _object_phrase(tokens, pos, found, stop)


def _split_at_sentence_stops(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    depths: Sequence[int],
    pos: Sequence[str] | None = None,
    rank_of: Sequence[int] = (),
    lexicon: Lexicon | None = None,
) -> list[TokenQuote]:
    """An indirect message that runs over the stop of a sentence (outside quotation marks)
    ends there; the sentences after it become one message of indirect free indirect speech by
    the same speaker, without a cue, as the release annotates a report that goes on (in train
    gold 35 top-level indirect messages span a stop; on cross-validated train we made 84). A
    rest shorter than a sentence, or one that does not follow the stop directly (a later piece
    of a discontinuous message), is left on. The new messages are returned."""
    added: list[TokenQuote] = []
    for quote in quotes:
        if quote.nested or quote.form != "Indirect":
            continue
        stop = next(
            (i for i in quote.message[:-1] if tokens[i] in SENTENCE_STOPS and not depths[i]),
            None,
        )
        if stop is None:
            continue
        rest = [i for i in quote.message if i > stop]
        if len(rest) < SENTENCE_MIN_TOKENS or rest[0] != stop + 1:
            continue  # "… beschlossen. Dies" of "Dies gab …"; a later piece of the message
        quote.message = [i for i in quote.message if i <= stop]
        own = None
        if pos is not None and lexicon is not None:
            own = _own_attribution(quote, tokens, pos, rank_of, lexicon)
        if own is not None and quote.cue and min(quote.cue) > stop:
            # the cue and speaker belong to the sentence after the stop ("Y habe … gefragt. Z
            # lebten dort …, sagte die Frau"); the sentence before has an attribution of its own
            added.append(replace(quote, message=rest, nested=False))
            quote.cue, quote.speaker = own
            quote.frame = []
            continue
        added.append(_split_off(quote, rest, "IndirectFreeIndirect"))
    return added


def _split_off(quote: TokenQuote, message: list[int], form: str) -> TokenQuote:
    """A message split off ``quote``: its speaker, medium and score, no other role."""
    return TokenQuote(
        message=message,
        speaker=list(quote.speaker),
        form=form,
        medium=quote.medium,
        score=quote.score,
    )


def _own_attribution(
    quote: TokenQuote,
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> tuple[list[int], list[int]] | None:
    """The cue (a verb of speech before the message, in its sentence) and its subject, when
    the message's sentence has both ("Eine Aktivistin berichtete, | Y habe …")."""
    sentence = _sentence_of(rank_of, quote.message[0])
    message = set(quote.message)
    verbs = [
        i
        for i in sentence
        if i < quote.message[0] and tokens[i].islower() and lexicon.speaks(tokens[i])
    ]
    if not verbs:
        return None
    subject = subject_speaker(tokens, pos, sentence, message)
    return ([verbs[-1]], subject) if subject else None


def _sentence_stops(quotes: Sequence[TokenQuote], tokens: Sequence[str]) -> None:
    """The release ends an indirect message before the stop that ends its sentence, and a
    reported or free indirect one with it (train gold: Indirect without 1,212 times of 1,217;
    Reported with 237 of 250, IndirectFreeIndirect 298 of 302, FreeIndirect 108 of 112):
    top-level messages are made to agree. Free indirect speech also loses any frame."""
    taken = {i for q in quotes for i in q.message}
    for quote in quotes:
        if quote.nested or not quote.message:
            continue
        last = quote.message[-1]
        if quote.form in FREE_FORMS:
            quote.frame = []  # the release gives free indirect speech no frame (0 of 429)
        if quote.form == "Indirect":
            if tokens[last] in SENTENCE_STOPS and len(quote.message) > 1:
                quote.message.pop()
        elif quote.form in STOP_FORMS:
            after = last + 1
            if after < len(tokens) and tokens[after] in SENTENCE_STOPS and after not in taken:
                quote.message.append(after)


def _direct_runs_keep_their_speaker(quotes: Sequence[TokenQuote], rank_of: Sequence[int]) -> None:
    """A top-level direct quotation still without a speaker continues the speaker of the
    direct quotation right before it when that one ends in the same or the previous sentence
    (`„…“, erklärte die Direktorin. „…“`): the carrying in ``candidates`` only sees the
    tagger's messages, not the quotations the rules add later. Free indirect speech without a
    cue, itself continuing a speaker, passes it on too (`„…“, sagte er. Er habe … . „…“`;
    trCV speaker of each gold direct quote +0.07, dev unchanged). After any other kind of
    message the speaker is not carried (on dev that cost more than it gained)."""
    tops = sorted((q for q in quotes if not q.nested and q.message), key=lambda q: q.message[0])
    for previous, quote in pairwise(tops):
        continues = previous.form == "Direct" or (
            previous.form in FREE_FORMS and not previous.cue  # itself continuing a speaker
        )
        if (
            quote.form == "Direct"
            and continues
            and _carries(previous, quote, rank_of, DIRECT_CARRY_SENTENCES)
        ):
            quote.speaker = list(previous.speaker)


def _free_speech_continues_its_speaker(
    quotes: Sequence[TokenQuote], rank_of: Sequence[int]
) -> None:
    """Free indirect speech still without a speaker or cue continues the speaker of the
    message before it (``_previous_speaker``)."""
    tops = [q for q in quotes if not q.nested and q.message]
    for quote in tops:
        if quote.form in FREE_FORMS and not quote.speaker and not quote.cue:
            # the quotation itself does not end before it starts, so it is never its own source
            quote.speaker = _previous_speaker(tops, [], quote.message, rank_of)


def _free_speech_takes_the_subject_before(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """Free indirect speech still without a speaker or cue that opens its sentence takes the
    subject of the sentence right before it when that holds a word of the speaker lexicon
    ("Russlands Präsident Putin will eine Feuerpause. | Dies sei der nächste Schritt."; a name
    or pronoun alone is not enough: trCV 6 right, 2 wrong, dev 2 and 2)."""
    for quote in quotes:
        if quote.nested or quote.form not in FREE_FORMS or quote.speaker or quote.cue:
            continue
        first = quote.message[0]
        if first == 0 or _sentence_of(rank_of, first).start != first:
            continue
        previous = _sentence_of(rank_of, first - 1)
        subject = subject_speaker(tokens, pos, previous, ())
        if subject and any(
            _speaker_word(lexicon, tokens[i].lower(), ("hi", "mid")) for i in subject
        ):
            quote.speaker = subject


def _speakers_outside_their_speech(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], rank_of: Sequence[int]
) -> list[TokenQuote]:
    """Indirect and free indirect speech does not hold its own speaker (train gold: 0 of
    1,774): a message that does gives up the part naming the speaker. Over several sentences
    the sentence with the speaker becomes reported speech of its own, the message keeps the
    other sentences before it or, when the speaker is in its first sentence, after it ("Der
    Wetterdienst warnte vor Sturm. | Da …"); within a sentence the message keeps the side of a
    comma without the speaker ("So betonte Sarkozy, | sein Land habe …", "… | , forderte
    er"), as indirect speech. Returns the reported speech split off."""
    added: list[TokenQuote] = []
    for quote in quotes:
        if quote.nested or quote.form not in INDIRECT_FORMS or not quote.speaker:
            continue
        message, speaker = quote.message, set(quote.speaker)
        if not speaker & set(message):
            continue
        at = next(k for k, i in enumerate(message) if i in speaker)
        first, own = rank_of[message[0]], rank_of[message[at]]
        kept: list[int] = []
        reported: list[int] = []
        if first != rank_of[message[-1]]:
            reported = [i for i in message if rank_of[i] == own]
            if own != first:
                kept = [i for i in message if rank_of[i] < own]
            else:
                kept = [i for i in message if rank_of[i] > own]
        else:
            last = max(k for k, i in enumerate(message) if i in speaker)
            before = [k for k in range(at) if tokens[message[k]] == ","]
            after = [k for k in range(last + 1, len(message)) if tokens[message[k]] == ","]
            if after:
                kept = message[after[0] + 1 :]
            elif before:
                kept = message[: before[-1]]
        kept = _strip(tokens, kept)
        if not kept or speaker & set(kept):
            continue
        if reported:
            added.append(_split_off(quote, reported, "Reported"))
        else:
            quote.form = "Indirect"
        quote.cue = [i for i in quote.cue if i not in kept]
        quote.message = kept
    return added


INDIRECT_FORMS = frozenset({"Indirect", "FreeIndirect", "IndirectFreeIndirect"})


def _subjunctive_clauses_are_reported(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A clause in the subjunctive between a verb of the cue and the message ("Ratzinger sagte,
    | er spüre, | dass …", "X erklärte, | die Regierung erkenne an, | was …") is reported
    speech, not the cue: the message starts with it, its verb leaves the cue, and its subject,
    taken for the speaker, gives way to the subject of the cue's verb."""
    for quote in quotes:
        if quote.nested or quote.form not in INDIRECT_FORMS or len(quote.cue) < 2:
            continue
        start = quote.message[0]
        verbs = [
            i
            for i in quote.cue
            if i < start
            and pos[i] in FINITE
            and tokens[i] != "wurde"
            and (tokens[i].lower() in SUBJUNCTIVE or _konjunktiv_one(tokens[i]))
        ]
        if not verbs:
            continue
        verb = verbs[0]
        comma = next((k for k in range(verb - 1, -1, -1) if tokens[k] == ","), None)
        if comma is None or rank_of[comma] != rank_of[start]:
            continue
        said = [i for i in quote.cue if i < comma]
        if not said or any(tokens[k] in (",", ":") for k in range(verb + 1, start - 1)):
            continue  # no verb of the cue before the clause, or more than one clause between
        clause = list(range(comma + 1, start))
        quote.message = clause + quote.message
        quote.cue = said
        if set(quote.speaker) & set(clause) or not quote.speaker:
            sentence = _sentence_of(rank_of, comma)
            quote.speaker = subject_speaker(
                tokens, pos, range(sentence.start, comma), set(quote.message)
            )


def _unclosed_quotations_take_the_next_speaker(
    quotes: Sequence[TokenQuote], tokens: Sequence[str]
) -> None:
    """A direct quotation without a speaker that a paragraph ends without its closing mark,
    the next paragraph going on with an opening mark ("„… persönlich. ¶ „Aber …“, erklärte
    sie"), is the first part of the quotation that follows: it takes that one's speaker."""
    tops = {q.message[0]: q for q in quotes if not q.nested and q.message and q.form == "Direct"}
    for quote in tops.values():
        if quote.speaker or tokens[quote.message[0]] not in MARKS:
            continue
        last = quote.message[-1]
        if tokens[last] not in PARAGRAPH_QUOTE_ENDS:
            continue  # closed, or not ended by a paragraph's last sentence
        nxt = tops.get(last + 1)
        if nxt is not None and nxt.speaker and tokens[last + 1] == tokens[quote.message[0]]:
            quote.speaker = list(nxt.speaker)


def _lone_quotations_continue_the_sentence_before(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A direct quotation opening its sentence with neither speaker nor cue continues the
    speaker of the message in the sentence right before it ("Okonkwo schloss weitere Streiks
    nicht aus. „…“", a reported speech act), or, when no message lies there, the subject of a
    speech act that sentence reports ("Khan verurteilte die Haltung der Regierung. „…“",
    ``speech_acts.py``)."""
    tops = [q for q in quotes if not q.nested and q.message]
    covered = {rank_of[i] for q in tops for i in q.message}
    for quote in tops:
        if quote.form != "Direct" or quote.speaker or quote.cue:
            continue
        first = quote.message[0]
        if first == 0 or _sentence_of(rank_of, first).start != first:
            continue
        if rank_of[first - 1] not in covered:
            acts = reported_speech_acts(
                tokens,
                pos,
                [_sentence_of(rank_of, first - 1)],
                lambda span: _names_someone(tokens, pos, span, lexicon, ("hi", "mid")),
            )
            if acts:
                quote.speaker = acts[0][1]
            continue
        before = [
            q
            for q in tops
            if q.speaker
            and q.message[-1] < first
            and rank_of[q.message[-1]] == rank_of[first] - 1
            and rank_of[q.speaker[0]] == rank_of[first] - 1
        ]
        if before:
            quote.speaker = list(max(before, key=lambda q: q.message[-1]).speaker)


def _carried_speakers_settle(quotes: Sequence[TokenQuote], rank_of: Sequence[int]) -> None:
    """A top-level message without a cue in its sentence whose speaker lies before it (carried
    by ``_carry_speakers`` from the tagger's messages, maybe with the cue next to it)
    continues the speaker of the nearest message before it as the messages stand now: the
    rules have since added quotations in between ("„…“, wird Panetta zitiert. Die
    Entscheidung wolle er … . „…“") and changed speakers that were carried on. The reach
    counts from the end of that message or of its speaker, whichever comes later."""
    tops = sorted((q for q in quotes if not q.nested and q.message), key=lambda q: q.message[0])
    for n, quote in enumerate(tops):
        if not quote.speaker:
            continue
        start = _sentence_of(rank_of, quote.message[0]).start
        if quote.speaker[-1] >= start or (quote.cue and quote.cue[0] >= start):
            continue
        before = [q for q in tops[:n] if q.speaker and q.message[-1] < quote.message[0]]
        if not before:
            continue
        nearest = max(before, key=lambda q: q.message[-1])
        end = max(nearest.message[-1], nearest.speaker[-1])
        if rank_of[quote.message[0]] - rank_of[end] <= CARRY_SENTENCES:
            quote.speaker = list(nearest.speaker)


def _no_names_of_their_speakers(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str]
) -> list[TokenQuote]:
    """A top-level direct quotation inside its own speaker ("Die „Kampagne für X“ berichtete")
    or right after an article or adjective that ends its speaker ("erklärte der neue „Oberste
    Rat …“", "ein Schiff der Firma „…“") is part of a noun phrase, a name: it goes, with the
    nested quotations no other message holds."""
    names = set()
    for quote in quotes:
        if quote.nested or quote.form != "Direct" or not quote.speaker:
            continue
        first, speaker = quote.message[0], quote.speaker
        inside = speaker[0] < first and speaker[-1] >= quote.message[-1] - 1
        before = (
            speaker[-1] == first - 1
            and pos[speaker[-1]] in ("ART", "ADJA")
            and tokens[speaker[-1]][:1].islower()
        )
        if inside or before:
            names.add(id(quote))
    return _without(quotes, names)


def _without(quotes: Sequence[TokenQuote], dropped: Collection[int]) -> list[TokenQuote]:
    """The quotations but those whose ``id`` is in ``dropped``, and but the nested ones no
    top-level message left holds."""
    kept = [q for q in quotes if id(q) not in dropped]
    tops = [q.message for q in kept if not q.nested]
    return [q for q in kept if not q.nested or any(set(q.message) <= set(t) for t in tops)]


# determiners a speaker cut inside its noun phrase starts with, and what may stand between
SPEAKER_DETERMINERS = frozenset({"ART", "PPOSAT", "PDAT", "PIAT"})
INSIDE_A_PHRASE = frozenset({"ADV", "ADJA", "ADJD"})


def _speakers_start_with_their_determiner(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A speaker the tagger cut inside its noun phrase ("einer gestern | verbreiteten
    Erklärung") starts with the phrase's determiner, when only adverbs and adjectives stand
    between."""
    for quote in quotes:
        if not quote.speaker or pos[quote.speaker[0]] not in ("ADJA", "NN"):
            continue
        taken = set(quote.message) | set(quote.cue)
        k = quote.speaker[0] - 1
        while k >= 0 and pos[k] in INSIDE_A_PHRASE and k not in taken:
            k -= 1
        if (
            k >= 0
            and k < quote.speaker[0] - 1
            and pos[k] in SPEAKER_DETERMINERS
            and k not in taken
            and rank_of[k] == rank_of[quote.speaker[0]]
        ):
            quote.speaker = list(range(k, quote.speaker[0])) + quote.speaker


# nouns for what someone concludes, which give way to whose conclusion it is as speaker
CONCLUSION_NOUNS = frozenset({"fazit", "bilanz", "resümee"})


def _conclusions_speak_for_their_authors(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], lexicon: Lexicon
) -> None:
    """A speaker that is someone's conclusion ("Das Fazit von Sandra Boser nach fünf Jahren",
    "das Fazit der Betreiber von Abgeordnetenwatch") is that someone, as the release has it
    when the conclusion is a person's or a body's (2 of 3 such speakers in train; "Das Fazit
    des Vorabberichts" stays)."""
    for quote in quotes:
        speaker = quote.speaker
        k = next((n for n, i in enumerate(speaker) if pos[i] != "ART"), None)
        if k is None or k + 2 >= len(speaker) or tokens[speaker[k]].lower() not in CONCLUSION_NOUNS:
            continue
        rest = speaker[k + 1 :]
        if tokens[rest[0]].lower() in ("von", "vom"):
            rest = rest[1:]
        elif tokens[rest[0]].lower() not in GENITIVE_ARTICLES:
            continue
        cut = next((n for n, i in enumerate(rest) if _nach_a_time(tokens, i)), len(rest))
        rest = rest[:cut]
        if rest and (
            _names_someone(tokens, pos, rest, lexicon, ("hi", "mid"))
            or any(pos[i] in NOUNS and names_a_person(tokens[i].lower()) for i in rest)
        ):
            quote.speaker = rest


# nouns for what has a title, which a colon and the title in quotation marks may follow
# ("stellte die neue CD vor: „…“", "(Motto: „…“)")
TITLED_NOUNS = NAMING_NOUNS | {
    "buch", "film", "roman", "album", "lied", "song", "stück", "sendung", "cd", "überschrift",
    "schlagzeile",
}  # fmt: skip
TITLE_MAX_WORDS = 8


def _no_titles_after_a_colon(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], rank_of: Sequence[int]
) -> list[TokenQuote]:
    """A top-level direct quotation after a colon whose clause names something with a title
    (``TITLED_NOUNS``: "Das Buch … ist ihr Erstwerk: „Sie befinden sich hier“", "(Motto:
    „…“)") is that title when it is short (at most ``TITLE_MAX_WORDS`` words) and holds no
    sentence stop: it goes, with the nested quotations no other message holds. In the train
    and dev gold 5 of 6 quotations after such a clause are no message (the sixth quotes a law)."""
    titles = set()
    for quote in quotes:
        first = quote.message[0]
        if quote.nested or quote.form != "Direct" or first < 2 or tokens[first - 1] != ":":
            continue
        if tokens[first] not in MARKS:
            continue
        words = [tokens[i] for i in quote.message if tokens[i] not in MARKS]
        if len(words) > TITLE_MAX_WORDS or any(w in (".", "!", "?") for w in words):
            continue
        k = first - 2
        while k > 0 and rank_of[k - 1] == rank_of[first - 2] and tokens[k - 1] not in ("(", "."):
            k -= 1
        if any(tokens[i].lower() in TITLED_NOUNS for i in range(k, first - 1)):
            titles.add(id(quote))
    return _without(quotes, titles)


# tags a speaker does not end in ("so der Vereinschef zu den Gründen": "zu")
DANGLING_TAGS = frozenset({"APPR", "APPRART"})


def _speakers_end_in_a_word(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str]
) -> None:
    """A speaker ends in a word of its phrase, not in a preposition the taggers or rules left
    at its end (articles, conjunctions and commas stay: they end quoted names), and does not
    open with the "man" of "zitierte man X"."""
    for quote in quotes:
        while len(quote.speaker) > 1 and pos[quote.speaker[-1]] in DANGLING_TAGS:
            quote.speaker = quote.speaker[:-1]
        if len(quote.speaker) > 1 and tokens[quote.speaker[0]] == "man":
            quote.speaker = quote.speaker[1:]  # "„…“, zitierte man Eva Kern": who is quoted


def _speakers_are_one_phrase(quotes: Sequence[TokenQuote], tokens: Sequence[str]) -> None:
    """A speaker is one phrase: it starts after a colon in it ("Europapolitik: Die SPD will")
    and a bracket it opens closes in it: right after it ("des Rundfunks (SWR" takes its ")"),
    else it ends before the bracket ("der Homepage (Überschrift auf …"); punctuation left at
    either end goes. A colon inside brackets stays ("(kurz: „Fed“)")."""
    for quote in quotes:
        speaker = quote.speaker
        if not speaker:
            continue
        start, opened = 0, []  # the positions of the brackets open so far
        for k, i in enumerate(speaker):
            if tokens[i] == "(":
                opened.append(k)
            elif tokens[i] == ")" and opened:
                opened.pop()
            elif tokens[i] == ":" and not opened and k + 1 < len(speaker):
                start = k + 1
        end = len(speaker)
        if opened:
            last = speaker[-1]
            close = next(
                (
                    k
                    for k in range(last + 1, min(last + 1 + BRACKET_REACH, len(tokens)))
                    if tokens[k] in (")", "(", ",", ".", ":", "„", "“")
                ),
                None,
            )
            if len(opened) == 1 and close is not None and tokens[close] == ")":
                speaker = [*speaker, *range(last + 1, close + 1)]
                end = len(speaker)
            else:
                end = opened[0]
        while start < end and tokens[speaker[start]] in SPEAKER_EDGE_PUNCT:
            start += 1
        while end > start and tokens[speaker[end - 1]] in SPEAKER_EDGE_PUNCT:
            end -= 1
        if end > start:
            quote.speaker = speaker[start:end]


BRACKET_REACH = 3  # words after a speaker up to the bracket it opened: "(SWR | )"
SPEAKER_EDGE_PUNCT = frozenset({",", ":", ";", "-", "–"})


def _no_speaker_inside_a_direct_quotation(quotes: Sequence[TokenQuote]) -> None:
    """A direct quotation is not said by someone it names: a speaker inside its own marks goes
    (the release never has one there)."""
    for quote in quotes:
        if quote.form == "Direct" and not quote.nested and set(quote.speaker) & set(quote.message):
            quote.speaker = []


def _nested_take_their_roles(quotes: Sequence[TokenQuote]) -> None:
    """A nested direct quotation has the roles of the smallest top-level message around it,
    as the rules may have changed those after the nesting was found (the release gives a
    quotation inside indirect speech the speaker and cue of that speech)."""
    tops = [q for q in quotes if not q.nested]
    for quote in quotes:
        if not quote.nested:
            continue
        inside = set(quote.message)
        around = [q for q in tops if inside <= set(q.message)]
        if not around:
            continue
        parent = min(around, key=lambda q: len(q.message))
        quote.cue, quote.speaker = list(parent.cue), list(parent.speaker)
        quote.frame, quote.addressee = list(parent.frame), list(parent.addressee)


def annotations_for_release(
    quotes: Sequence[TokenQuote], tokens: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The quotes as 2024-release annotations (``tokenIds`` index the document's tokens)."""

    def role(ids: Sequence[int]) -> dict[str, Any]:
        ids = sorted(set(ids))
        spans = [
            {
                "begin": p[0],
                "end": p[-1] + 1,
                "charBegin": tokens[p[0]]["charBegin"],
                "charEnd": tokens[p[-1]]["charEnd"],
            }
            for p in pieces(ids)
        ]
        text = " ".join(tokens[i]["text"] for i in ids)
        return {"spans": spans, "text": text, "tokenIds": ids}

    out = []
    for n, quote in enumerate(quotes):
        has_nested = any(
            o.nested and set(o.message) <= set(quote.message) for o in quotes if o is not quote
        )
        out.append(
            {
                "id": n,
                "quote": role(quote.message),
                "cue": role(quote.cue),
                "speaker": role(quote.speaker),
                "frame": role(quote.frame),
                "addressee": role(quote.addressee),
                "type": quote.form,
                "medium": quote.medium,
                "isNested": quote.nested,
                "hasNested": has_nested and not quote.nested,
            }
        )
    return out


def sentence_candidates(
    doc: FilterInput, quotes: Sequence[TokenQuote]
) -> list[tuple[list[int], tuple[int, float] | None, dict[str, bool]]]:
    """Sentences of at least ``SENTENCE_MIN_TOKENS`` tokens that no found message touches, each
    with its best cue word (position in the sentence, precision; or None) and its context."""
    tokens, rank_of = doc.tokens, doc.rank_of
    if not tokens:
        return []
    covered = {i for q in quotes for i in q.message}
    roles = {i for q in quotes for part in (q.cue, q.speaker) for i in part}
    covered_ranks = {rank_of[i] for i in covered}
    form_at: dict[int, str] = {}
    for quote in quotes:
        for i in quote.message:
            form_at[rank_of[i]] = quote.form
    sentences: list[list[int]] = [[] for _ in range(rank_of[-1] + 1)]
    for i, rank in enumerate(rank_of):
        sentences[rank].append(i)
    out = []
    for rank, sentence in enumerate(sentences):
        if len(sentence) < SENTENCE_MIN_TOKENS or rank in covered_ranks:
            continue
        cue = sentence_cue([tokens[i].lower() for i in sentence], doc.lexicon)
        context = {
            "prev_msg": rank - 1 in covered_ranks,
            "prev2_msg": rank - 2 in covered_ranks,
            "next_msg": rank + 1 in covered_ranks,
            "has_role": any(i in roles for i in sentence),
            "sent=" + str(min(rank, 3)): True,
            "prevform=" + form_at.get(rank - 1, "none"): True,
        }
        out.append((sentence, cue, context))
    return out


def _previous_speaker(
    quotes: Sequence[TokenQuote],
    found: Sequence[TokenQuote],
    sentence: Sequence[int],
    rank_of: Sequence[int],
) -> list[int]:
    """The speaker of the nearest message with a speaker that ends before the sentence, at most
    ``CARRY_FREE_SENTENCES`` sentences back (free indirect speech continues it)."""
    before = [
        q
        for q in (*quotes, *found)
        if q.speaker
        and q.message[-1] < sentence[0]
        and rank_of[sentence[0]] - rank_of[q.message[-1]] <= CARRY_FREE_SENTENCES
    ]
    if not before:
        return []
    return list(max(before, key=lambda q: q.message[-1]).speaker)


def _strip(tokens: Sequence[str], message: list[int]) -> list[int]:
    """The message without punctuation at its edges."""
    start, end = 0, len(message)
    while start < end and tokens[message[start]] in PUNCT:
        start += 1
    while end > start and tokens[message[end - 1]] in PUNCT:
        end -= 1
    return message[start:end]


ARTICLES = frozenset({"der", "die", "das", "ein", "eine"})
SUBJECT_MAX_TOKENS = 6


def reported_speaker(tokens: Sequence[str], sentence: Sequence[int], at: int) -> list[int]:
    """A simple subject of a reported sentence when the roles tagger finds none: a pronoun
    right after the cue ("Dabei forderte er …"), else the words before the cue when they look
    like a noun phrase ("Die Kommission forderte …", not "Dabei forderte der Minister …")."""
    after = sentence[at + 1 :]
    next_word = tokens[after[0]].lower() if after else ""
    if next_word in SPEAKER_PRONOUNS:
        return [after[0]]
    before = sentence[:at]
    if not before or len(before) > SUBJECT_MAX_TOKENS:
        return []
    if not all(tokens[i][:1].isalnum() for i in before) or not tokens[before[0]][:1].isupper():
        return []
    if len(before) == 1 and next_word in ARTICLES:
        return []  # "Dabei forderte der …": the subject follows the cue
    return list(before)


# -- quotation rules on part-of-speech tags (noun phrases and subjects: noun_phrases.py) -------

SUBJECT_FORMS = frozenset({"Direct", "Indirect"})
# in the train split a message goes on after such an attribution's noun phrase 146 times of 155
ATTRIBUTION_PREPOSITIONS = frozenset({"nach", "laut", "gemäß"})
# prepositions whose phrase can be the speaker when it opens a sentence before its finite verb
# ("Nach Angaben der Polizei", "Laut X", "Von Seiten X"), unlike "Bei der Messe sagte der Papst"
SOURCE_PREPOSITIONS = ATTRIBUTION_PREPOSITIONS | {"zufolge", "von", "vom", "seitens"}
SENTENCE_END = frozenset({".", "!", "?", "“", "”", "»", "«", '"'})
MISSED_QUOTE_WORDS = 4
TITLE_NOUNS = frozenset(
    {"motto", "buch", "titel", "film", "roman", "album", "lied", "song", "stück", "sendung"}
)


# A short quoted phrase is a direct quotation when a cue takes it up as what someone called
# something, spoke of or warned of: the word the phrase follows (past articles and adjectives)
# decides which cue verbs count ("als „falsch“ zurückgewiesen", "sprach von einer „…“",
# "warnte vor den „…“", "rechnen mit „…“", "skandierte Parolen wie „…“", "nannte den Bericht
# eine „…“", "warfen der Regierung „…“ vor", "empfiehlt allen Reisenden einen „…“").
QUOTED_PHRASE_CUES = {
    "als": (
        "bezeichn",
        "beschr",
        "beurteil",
        "wertet",
        "gewertet",
        "kritisier",
        "zurückgewiesen",
        "verurteil",
        "lobt",
        "gelobt",
        "charakterisier",
        "rechtfertig",
        "sieht",
        "sah",
    ),
    "von": ("sprach", "sprech", "spricht", "gesprochen"),
    "vor": ("warn", "gewarnt"),
    "mit": ("rechn", "gerechnet"),  # "rechnen mit „…“"
    "wie": ("skandier", "rief", "ruf"),  # "skandierte Parolen wie „…“"
    "": (
        "nannt",
        "nennt",
        "nenn",
        "sieht",
        "sah",
        "warf",
        "wirft",
        "vorgeworfen",
        "attestier",
        "verurteil",
        "empfiehl",
        "empfahl",
        "versprech",
        "versprach",
        "verspricht",
    ),
}
NAMING_CUES = ("nannt", "nennt", "nenn", "bezeichn")
QUOTED_PHRASE_MAX_WORDS = 8
# between the cue's preposition (or the object's start) and the opening mark
PHRASE_LEAD = frozenset({"ART", "ADJA", "PIAT", "PPOSAT", "PIS", "ADV", "PDAT"})


def _cue_of_a_quoted_phrase(
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    depths: Sequence[int],
    span: Sequence[int],
) -> list[int]:
    """The cue that takes up a short quoted phrase (``QUOTED_PHRASE_CUES``): its verb, with
    "als", "von" or "vor" when the phrase follows one; empty when there is none. A
    phrase right after its verb or after "sich" or "man" is a name ("wirft der
    „Arbeitskreis …“ … vor", "das sich „…“ nennt"), and so is one before a bare object cue."""
    if not 0 < len(span) - 2 <= QUOTED_PHRASE_MAX_WORDS or span[0] == 0:
        return []
    k = span[0] - 1
    while k >= 0 and pos[k] in PHRASE_LEAD and tokens[k][:1].islower():
        if tokens[k].lower() in QUOTED_PHRASE_CUES:
            break
        k -= 1
    if k < 0:
        return []
    lead = tokens[k].lower()
    stems = QUOTED_PHRASE_CUES.get(lead, QUOTED_PHRASE_CUES[""])
    if lead not in QUOTED_PHRASE_CUES:
        if lead in ("sich", "man"):
            return []
        if pos[k].startswith("V") and tokens[k + 1].lower() not in OBJECT_ARTICLES:
            return []  # "wirft der „Arbeitskreis …“ … vor": the subject, a name
        if k == span[0] - 1:
            # right after the object: only a predicate ("nannte diese Zahlen „aus der Luft
            # gegriffen“", "nannte sie „fahrlässig“"), not a name ("nennt die Modelle „Golf“")
            if not tokens[span[1]][:1].islower() or pos[k] not in ("NN", "NE", "PPER", "PDS"):
                return []
            stems = NAMING_CUES
        lead = ""
    sentence = [i for i in _sentence_of(rank_of, span[0]) if not depths[i]]
    passive = any(tokens[i].lower() in PASSIVE for i in sentence)
    for i in sentence:
        if not pos[i].startswith("V") or (not lead and i > span[0]):
            continue
        if tokens[i].lower().startswith(stems):
            if i + 1 < len(tokens) and tokens[i + 1].lower() in ("sich", "man"):
                continue
            if passive and pos[i] == "VVPP":
                return []  # "als „…“ bezeichnet worden": the subject is what was called so
            between = range(min(i, span[0]) + 1, max(i, span[-1]))
            if any(pos[j] in FINITE and not depths[j] for j in between):
                continue  # "spricht von … und fordert eine Rücknahme von „…“": another verb's
            return sorted({i, k}) if lead else [i]
    return []


def _quoted_phrase_out_of_its_attribution(
    quotes: list[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    depths: Sequence[int],
) -> list[TokenQuote]:
    """A top-level indirect or reported message that holds a short quoted phrase together with
    the phrase's cue (``_cue_of_a_quoted_phrase``) and that cue's subject ("Der Verband nannte
    den Plan „fahrlässig“ und …") is the attribution of that phrase, not speech: the phrase
    becomes the direct message, with that cue and the subject as its speaker."""
    out: list[TokenQuote] = []
    taken: set[tuple[int, ...]] = set()
    for quote in quotes:
        if quote.nested or quote.form == "Direct":
            out.append(quote)
            continue
        message = set(quote.message)
        replaced = None
        for span in pieces([i for i in quote.message if depths[i] == 1]):
            if not _same_quotation(tokens, depths, span[0], span[-1]):
                continue
            cue = _cue_of_a_quoted_phrase(tokens, pos, rank_of, depths, span)
            if not cue or not set(cue) <= message:
                continue
            sentence = _sentence_of(rank_of, span[0])
            # its speaker may be the phrase's subject, or another source in the sentence, which
            # leaves it alone ("Nach Angaben von X sollen … als „…“ bezeichnet worden sein")
            own = [i for i in quote.speaker if i in sentence and i not in message]
            subject = subject_speaker(tokens, pos, sentence, set(span))
            if not subject or not set(subject) <= message | set(own):
                continue
            if own and not set(own) & set(subject):
                continue
            after = subject[-1] + 1
            if after + 1 < sentence.stop and pos[after + 1] == "NE":
                continue  # a fronted object: "Die Äußerungen bezeichnete Müller als „…“"
            replaced = TokenQuote(
                message=list(span),
                cue=cue,
                speaker=subject,
                form="Direct",
                medium=quote.medium,
                score=quote.score,
            )
            break
        if replaced is None:
            out.append(quote)
        else:
            out.append(replaced)
            taken.add(tuple(replaced.message))
    return [q for q in out if not (q.nested and tuple(q.message) in taken)]


# words after a quotation's closing mark and a comma that go on with the sentence the
# quotation is part of ("„…“, allerdings sei …"), unlike an attribution ("„…“, sagte sie")
SENTENCE_GOES_ON = frozenset({"ADV", "KON", "KOUS", "PAV", "ADJD", "PTKNEG", "PWAV"})
MESSAGE_MIN_WORDS = 3


def _quoted_sentences_out_of_their_message(
    quotes: list[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    depths: Sequence[int],
) -> list[TokenQuote]:
    """A quotation of whole sentences (opening a sentence or after a colon, its first word
    capitalised, from mark to mark) nested in one top-level indirect or reported message that
    the tagger ran into it or out of it ("Dem Pegel zufolge … wie 1997. „Wir haben …“, so X")
    is a direct quotation of its own, with that message's roles until the rules find its
    own. The message keeps what stands before the quotation, else what follows it in the
    next sentence, when that has at least ``MESSAGE_MIN_WORDS`` words; else it goes."""
    for quote in quotes:
        if not quote.nested or quote.form != "Direct":
            continue
        start, end = quote.message[0], quote.message[-1]
        if (
            start > 0
            and rank_of[start - 1] == rank_of[start]
            and tokens[start - 1] != ":"
            and not tokens[start - 1].endswith(".")  # a stop the splitter missed: "wie 1997."
            and not _with_these_words(tokens, start - 3)  # "Mit den Worten „…“, …"
            # "„…“ und „Wenn wir … werden.“": a quoted sentence after another quotation
            and not (_after_another_quotation(tokens, depths, start) and tokens[end - 1] in ".!?")
        ):
            continue  # inside a sentence
        if not tokens[start + 1][:1].isupper() or not _same_quotation(tokens, depths, start, end):
            continue
        after = end + 1
        if (
            after + 1 < len(tokens)
            and tokens[after] == ","
            and pos[after + 1] in SENTENCE_GOES_ON
            and tokens[after + 1].lower() != "so"  # "„…“, so der Minister"
        ):
            continue  # part of a longer sentence
        parents = [
            q
            for q in quotes
            if not q.nested and q.form != "Direct" and set(quote.message) <= set(q.message)
        ]
        if len(parents) != 1:
            continue
        parent = parents[0]
        head = _strip(tokens, [i for i in parent.message if i < start])
        tail = _strip(tokens, [i for i in parent.message if i > end])
        new_sentence = bool(tail) and (
            rank_of[tail[0]] != rank_of[end] or tokens[end - 1] in (".", "!", "?")
        )
        if _words(tokens, head) >= MESSAGE_MIN_WORDS:
            parent.message = head
        elif new_sentence and _words(tokens, tail) >= MESSAGE_MIN_WORDS:
            parent.message = tail
        else:
            parent.message = []
        quote.nested = False
    return [q for q in quotes if q.message]


def _after_another_quotation(tokens: Sequence[str], depths: Sequence[int], start: int) -> bool:
    """Whether the quotation opening at ``start`` follows another one's closing mark with only
    "und"/"oder" between them ("„Ich rechne damit …“ und „Wenn wir …“")."""
    return (
        start >= 2
        and tokens[start - 1] in ("und", "oder")
        and tokens[start - 2] in MARKS
        and depths[start - 2] > depths[start - 1]
    )


def _words(tokens: Sequence[str], span: Sequence[int]) -> int:
    return sum(tokens[i] not in PUNCT for i in span)


def _is_quoted_phrase(tokens: Sequence[str], depths: Sequence[int], quote: TokenQuote) -> bool:
    """Whether a quotation is a top-level direct one of a short quoted phrase
    (``_short_quotation``)."""
    if quote.nested or quote.form != "Direct" or not quote.message:
        return False
    return _short_quotation(tokens, depths, quote.message)


def _short_quotation(tokens: Sequence[str], depths: Sequence[int], span: Sequence[int]) -> bool:
    """Whether a stretch is one quotation from mark to mark of at most
    ``QUOTED_PHRASE_MAX_WORDS`` words."""
    if not 0 < len(span) - 2 <= QUOTED_PHRASE_MAX_WORDS or span[-1] - span[0] + 1 != len(span):
        return False
    return _same_quotation(tokens, depths, span[0], span[-1])


def _quoted_phrase_takes_its_subject(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    depths: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A top-level direct quotation that is a short quoted phrase inside a sentence ("Die
    Demonstranten zogen vom Bahnhof zum Rathaus und riefen „…“") whose speaker lies in another
    sentence or after a preposition takes the subject of its sentence, when there is one."""
    for quote in quotes:
        if not _is_quoted_phrase(tokens, depths, quote):
            continue
        span = quote.message
        sentence = _sentence_of(rank_of, span[0])
        if span[0] == sentence.start:
            continue
        speaker = quote.speaker
        if speaker and speaker[0] in sentence:
            before = speaker[0] - 1
            if before < 0 or pos[before] not in ("APPR", "APPRART"):
                continue
            if tokens[before].lower() in ("laut", "gemäß") or lexicon.is_source(
                tokens[speaker[0]].lower()
            ):
                continue  # "laut X „…“", "nach Angaben von X": a source, unlike "nach Brasilien"
        subject = subject_speaker(tokens, pos, sentence, set(span))
        if subject and not set(subject) & set(speaker):
            quote.speaker = subject


def _object_after_the_verb_before_a_colon(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A direct quotation after a colon whose speaker is the phrase right after the finite
    verb of the sentence before ("Der Vorsitzende, Max Roth, kritisierte die Entscheidung der
    Aufsicht scharf: „…“") has the subject before that verb for its speaker, when that subject
    names someone and the phrase after the verb, opening neither with a name, a pronoun nor a
    nominative-only article, may be the object; also after a "sich" ("schloss sich dieser
    Einschätzung mit den Worten an:")."""
    for quote in quotes:
        if quote.nested or quote.form != "Direct" or not quote.speaker:
            continue
        first, speaker = quote.message[0], quote.speaker
        verb = speaker[0] - 1
        if verb > 0 and tokens[verb].lower() == "sich":
            verb -= 1
        if not (first > 0 and tokens[first - 1] == ":") or verb < 0 or speaker[-1] >= first:
            continue
        if pos[verb] not in FINITE or pos[speaker[0]] in ("NE", "PPER"):
            continue
        if tokens[speaker[0]].lower() in NOMINATIVE_ONLY:
            continue  # "kritisierte der Minister": the subject
        subject = subject_speaker(tokens, pos, _sentence_of(rank_of, verb), set(quote.message))
        if (
            subject
            and subject[-1] < verb
            and _names_someone(tokens, pos, subject, lexicon, ("hi", "mid"))
        ):
            quote.speaker = subject


def _object_after_a_coordinated_verb(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
) -> None:
    """A direct quotation's speaker right after a finite verb that follows "und" or "oder" is
    that verb's object, the verb shares the sentence's subject ("Die Firma bestätigte das nicht
    und nannte sie „reine Spekulation“", "zogen Demonstranten vor das Rathaus und skandierten
    Sprüche wie „…“"): the subject is the speaker."""
    for quote in quotes:
        if quote.nested or quote.form != "Direct" or not quote.speaker:
            continue
        verb = quote.speaker[0] - 1
        if verb < 1 or pos[verb] not in FINITE or tokens[verb - 1].lower() not in ("und", "oder"):
            continue
        if rank_of[quote.message[0]] != rank_of[verb]:
            continue
        subject = subject_speaker(tokens, pos, _sentence_of(rank_of, verb), set(quote.message))
        if subject and subject[-1] < verb - 1:
            quote.speaker = subject


def _last_of_listed_speakers(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A direct quotation after a colon that follows "und" and a noun phrase naming someone
    ("Gratuliert haben X („…“) und der norwegische Ministerpräsident Jens Stoltenberg: „…“") is
    that last listed speaker's, not the speaker the list began with."""
    for quote in quotes:
        first = quote.message[0]
        if quote.nested or quote.form != "Direct" or first < 3 or tokens[first - 1] != ":":
            continue
        if quote.speaker and quote.speaker[-1] >= first - 1:
            continue
        und = next(
            (k for k in range(first - 2, max(first - 12, 0), -1) if tokens[k] == "und"), None
        )
        if und is None or rank_of[und] != rank_of[first - 1]:
            continue
        phrase = noun_phrase(tokens, pos, und + 1, first - 1)
        if (
            phrase
            and phrase[-1] == first - 2
            and is_nominative(tokens, pos, phrase)
            and _names_someone(tokens, pos, phrase, lexicon, ("hi", "mid"))
        ):
            quote.speaker = phrase


# a relative pronoun that may be the subject of its clause, and the words that open another
# subject after it ("der sie als „…“ bezeichnete")
RELATIVE_SUBJECTS = frozenset({"der", "die"})
NOMINATIVE_OPENERS = frozenset(
    {"der", "die", "das", "ein", "eine", "er", "sie", "es", "wir", "ich", "man"}
)


def _quoted_phrase_in_a_relative_clause(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    depths: Sequence[int],
) -> None:
    """A top-level direct quotation that is a short quoted phrase whose cue ends a relative
    clause ("Der Minister, der den Plan zunächst als „…“ bezeichnet hatte, lenkte ein") has
    the relative pronoun for its speaker, as the release annotates it, not the subject of the
    main clause; not when another subject follows the pronoun ("die sie als „…“ …")."""
    for quote in quotes:
        if not _is_quoted_phrase(tokens, depths, quote):
            continue
        span = quote.message
        cue = _cue_of_a_quoted_phrase(tokens, pos, rank_of, depths, span)
        verbs = [i for i in cue if pos[i].startswith("V")]
        if not verbs or verbs[-1] < span[-1]:
            continue  # the verb ends the clause, after the phrase
        if any(tokens[i] in (",", ";", ":") for i in range(span[-1] + 1, verbs[-1])):
            continue
        start = _sentence_of(rank_of, span[0]).start
        k = span[0] - 1
        while k > start and not (tokens[k] == "," and pos[k + 1] == "PRELS"):
            if pos[k] in FINITE and not depths[k]:
                break
            k -= 1
        pronoun = k + 1
        if not (k > start and tokens[k] == "," and pos[pronoun] == "PRELS"):
            continue
        if tokens[pronoun].lower() not in RELATIVE_SUBJECTS:
            continue
        if pos[pronoun + 1] == "NE" or tokens[pronoun + 1].lower() in NOMINATIVE_OPENERS:
            continue
        quote.speaker = [pronoun]


# what stands before a "für" that says for whom a phrase holds
FUER_AFTER = COPULA | {",", "was"}
# nouns of bodies that hold a view, besides persons and names ("für die Lehrerverbände")
BODY_NOUN_ENDS = ("verband", "verbände", "behörde", "behörden")


def _fuer_whom_a_phrase_holds(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    depths: Sequence[int],
) -> list[TokenQuote]:
    """A short quoted phrase in a sentence that says for whom it holds ("Für den Minister ist
    die Lage „alarmierend“", "…, war für die Verbände „Wortbruch“") is that person's or
    body's view: the message around it takes them as its speaker when its own lies in another
    sentence or is missing, and a phrase no message holds becomes a direct quotation. The
    "für" opens the sentence or follows a comma, "was" or the copula; the copula follows the
    phrase after "für", or ends the clause ("Was für X eine „…“ ist")."""
    added: list[TokenQuote] = []
    opening = [i for i, depth in enumerate(depths) if depth == 1 and (i == 0 or not depths[i - 1])]
    for first in opening:
        sentence = _sentence_of(rank_of, first)
        end = first
        while end + 1 < sentence.stop and depths[end + 1]:
            end += 1
        span = list(range(first, end + 1))
        if not _short_quotation(tokens, depths, span):
            continue
        fuer = [
            k
            for k in range(sentence.start, first)
            if tokens[k].lower() == "für"
            and pos[k] == "APPR"
            and not depths[k]
            and (k == sentence.start or tokens[k - 1].lower() in FUER_AFTER)
        ]
        if not fuer:
            continue
        k = fuer[-1]
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, k + 1, first), first)
        if not phrase:
            continue
        nouns = [tokens[j].lower() for j in phrase if pos[j] == "NN"]
        if not any(pos[j] == "NE" for j in phrase) and not any(
            names_a_person(noun) or noun.endswith(BODY_NOUN_ENDS) for noun in nouns
        ):
            continue  # "Für die Zukunft ist „…“ geplant"
        after = phrase[-1] + 1
        if not (
            (k > sentence.start and tokens[k - 1].lower() in COPULA)
            or (after < first and tokens[after].lower() in COPULA)
            or any(tokens[j].lower() in COPULA for j in range(end + 1, sentence.stop))
        ):
            continue
        holders = [q for q in quotes if not q.nested and set(span) <= set(q.message)]
        for quote in holders:
            if not quote.speaker or quote.speaker[0] not in sentence:
                quote.speaker = phrase
        if not holders:
            added.append(TokenQuote(message=span, speaker=phrase, form="Direct", medium="Speech"))
    return added


# tags a capitalised word keeps inside a sentence: nouns, names, adjectives in names
# ("der Europäischen Union"), truncations ("Bau- und Verkehrsminister"), foreign words
CAPITAL_TAGS = frozenset({"NN", "NE", "ADJA", "TRUNC", "FM", "XY", ""})
# capitalised inside a sentence, yet no noun: the polite pronouns, and articles after a
# sentence boundary the splitter missed
CAPITAL_FUNCTION_WORDS = frozenset(
    {"sie", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres"}
    | {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer"}
)
COMPOUND_NOUN = re.compile(r"^[^\W\d_][\w.&]*(?:-[\w.&]+)*-[A-ZÄÖÜ]\w*$")


# a noun opening with a number: "41-Jährige", "3-Zimmer-Wohnung"
NUMBER_COMPOUND = re.compile(r"\d[\d.,]*(?:-\w+)*-[A-ZÄÖÜ]\w*")


NOUNS_IN_END = ("abend", "jugend", "gegend", "tugend", "elend")  # not present participles


def nouns_by_their_capitals(
    tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> list[str]:
    """The tags with nouns the tagger (trained on 19th-century fiction) misses made nouns, for
    the rules: a hyphenated compound ending in a capitalised part ("RTL-Chefin", "VW-Chef",
    which it tags as a preposition or a number; "41-Jährige", an adjective to it;
    "documenta-Homepage", whatever its first letter), and a
    capitalised word inside a sentence with a tag of a word that is never capitalised there.
    A present participle opening a sentence before its verb ("Relativierend fügt er hinzu"),
    which the tagger takes for a name, becomes an adverbial adjective."""
    out = list(pos)
    for i, (word, tag) in enumerate(zip(tokens, pos, strict=True)):
        if tag in NOUNS:
            if (
                (i == 0 or rank_of[i - 1] != rank_of[i])
                and len(word) > 6
                and word.endswith("end")
                and not word.lower().endswith(NOUNS_IN_END)
                and i + 1 < len(pos)
                and pos[i + 1] in FINITE
            ):  # a present participle opening the sentence: "Relativierend fügt er hinzu"
                out[i] = "ADJD"
            continue
        if word[:1].isdigit() and NUMBER_COMPOUND.fullmatch(word):
            out[i] = "NN"
            continue
        compound = tag != "TRUNC" and COMPOUND_NOUN.match(word) is not None
        if not word[:1].isupper() and not compound:
            continue
        inside = (
            i > 0
            and rank_of[i - 1] == rank_of[i]
            and tokens[i - 1] not in MARKS
            and tokens[i - 1] not in (":", "(", "–", "-")
        )
        if compound or (
            inside
            and tag not in CAPITAL_TAGS
            and word.lower() not in CAPITAL_FUNCTION_WORDS
            and not word.isupper()
        ):
            out[i] = "NN"
    return out


def finite_participles(
    pos: Sequence[str], rank_of: Sequence[int], depths: Sequence[int]
) -> list[str]:
    """The tags with the first participle of a sentence that has no finite verb outside
    quotation marks made finite, for the rules: the tagger takes a present tense in -t for a
    participle ("Der Verband bezeichnet die Reform als „…“", "Die Polizei ermittelt")."""
    out = list(pos)
    start = 0
    for end in range(1, len(pos) + 1):
        if end < len(pos) and rank_of[end] == rank_of[start]:
            continue
        outside = [i for i in range(start, end) if not depths[i]]
        if not any(pos[i] in FINITE for i in outside):
            first = next((i for i in outside if pos[i] == "VVPP"), None)
            if first is not None:
                out[first] = "VVFIN"
        start = end
    return out


# tags before a verb of speech the tagger took for an adjective ("Amtszeit warnte Kluncker",
# "„…“, betonte Struck"): an attributive adjective follows an article or another attribute
VERB_NEIGHBOURS = frozenset({"NN", "NE", "PPER", "PIS", "PDS", "ADV", "$,"})


def verbs_taken_for_adjectives(
    tokens: Sequence[str], pos: Sequence[str], lexicon: Lexicon
) -> list[str]:
    """The tags with a verb of speech or a cue word of the lexicon that the tagger took for an
    attributive adjective made finite, for the rules, when it follows a noun, a pronoun, a
    comma or an adverb opening the clause rather than an article or attribute."""
    out = list(pos)
    for i in range(1, len(pos)):
        word = tokens[i]  # lower case, as checked first
        if pos[i] != "ADJA" or not word.islower() or tokens[i - 1] in MARKS:
            continue
        if pos[i - 1] == "ADV" and i > 1 and pos[i - 2] not in ("$.", "$,"):
            continue  # an adverb inside a phrase: "nicht weiter bezeichnete Quellen"
        if pos[i - 1] in VERB_NEIGHBOURS and (
            lexicon.speaks(word) or lexicon.cue_level(word) in ("hi", "mid")
        ):
            out[i] = "VVFIN"
    return out


def _sentence_of(rank_of: Sequence[int], at: int) -> range:
    """The token indices of the sentence that holds token ``at``."""
    start, end = at, at + 1
    while start > 0 and rank_of[start - 1] == rank_of[at]:
        start -= 1
    while end < len(rank_of) and rank_of[end] == rank_of[at]:
        end += 1
    return range(start, end)


def _direct_subjects(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A top-level direct or indirect message without a speaker takes the subject of its
    sentence (``subject_speaker``), or of the sentence before when it opens its sentence right
    after a colon. A direct quotation after a colon whose speaker was carried from before
    that sentence takes its subject too ("…, erklärte die Leiterin. Sie warnte vor …: „…“").
    Before either, such a quotation after a subordinate or relative clause with a verb of
    speech takes that clause's subject (``_speaker_of_the_clause_before_a_colon``)."""
    for quote in quotes:
        if quote.form not in SUBJECT_FORMS or quote.nested:
            continue
        first = quote.message[0]
        sentence = _sentence_of(rank_of, first)
        after_colon = first > 0 and tokens[first - 1] == ":"
        if sentence.start == first and after_colon:
            # "Er begründete es so: | „…“" split into two sentences at the colon
            sentence = _sentence_of(rank_of, first - 1)
        carried = bool(quote.speaker) and quote.speaker[-1] < sentence.start
        if quote.form == "Direct" and after_colon and (carried or not quote.speaker):
            speaker, cue = _speaker_of_the_clause_before_a_colon(
                tokens, pos, sentence, first, lexicon
            )
            if speaker:
                quote.speaker = speaker
                quote.cue = quote.cue or cue
                continue
        if quote.speaker:
            if quote.form == "Direct" and after_colon and carried:
                quote.speaker = (
                    subject_speaker(tokens, pos, sentence, set(quote.message)) or quote.speaker
                )
            continue
        quote.speaker = subject_speaker(tokens, pos, sentence, set(quote.message))
        if not quote.speaker and quote.form == "Direct":
            _speaker_after(quote, tokens, pos, rank_of, lexicon)


# what ends the clause before a colon, looking back from it
CLAUSE_STOPS = frozenset({",", ";", ":", "–", "-"})
# the verbs of a subordinate clause: finite, participles, infinitives
VERBS_OF_A_CLAUSE = frozenset({"VVFIN", "VVPP", "VVINF", "VVIZU"})
# separable particles a verb of speech may carry joined to it ("aufforderte")
SPEECH_PARTICLES = ("auf", "an", "aus", "ab", "mit", "vor", "hinzu", "zu", "ein", "her")


def _speaks_with_particle(lexicon: Lexicon, lower: str) -> bool:
    """Whether a verb, or the verb after a separable particle joined to it ("aufforderte"),
    is a verb of speech or a cue word of the lexicon at least of middle precision."""
    stems = [lower, *(lower[len(p) :] for p in SPEECH_PARTICLES if lower.startswith(p))]
    return any(lexicon.speaks(w) or lexicon.cue_level(w) == "mid" for w in stems)


def _speaker_of_the_clause_before_a_colon(
    tokens: Sequence[str], pos: Sequence[str], sentence: range, quotation: int, lexicon: Lexicon
) -> tuple[list[int], list[int]]:
    """The speaker and cue of a direct quotation after a colon whose sentence ends in a
    subordinate or relative clause with a verb of speech: the subject right after the clause's
    opener ("…, indem sie den Aufsichtsrat aufforderte: „…“", "…, die Gerhard Schröder zum
    Ziel erklärt hatte: „…“"), else the relative pronoun itself ("…, die skandierten: „…“"),
    and that verb with the finite verb ending the clause. In the train and dev gold 3 of 3
    such quotations (7 other subordinate clauses before a colon have no verb of speech:
    "…, dass … sei: „…“")."""
    colon = quotation - 1
    if colon - 1 < sentence.start or pos[colon - 1] not in FINITE:
        return [], []
    opener = next(
        (k + 1 for k in range(colon - 1, sentence.start, -1) if tokens[k] in CLAUSE_STOPS), None
    )
    if opener is None or tokens[opener - 1] != "," or pos[opener] not in ("KOUS", "PRELS"):
        return [], []
    verb = next(
        (
            i
            for i in range(opener + 1, colon)
            if pos[i] in VERBS_OF_A_CLAUSE and _speaks_with_particle(lexicon, tokens[i].lower())
        ),
        None,
    )
    if verb is None:
        return [], []
    cue = sorted({verb, colon - 1})  # "erklärt hatte"
    phrase = noun_phrase(tokens, pos, opener + 1, colon)
    if phrase and phrase[0] == opener + 1 and is_nominative(tokens, pos, phrase):
        return phrase, cue
    return ([opener], cue) if pos[opener] == "PRELS" else ([], [])


def _colon_quotations_end_with_their_stop(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
) -> None:
    """A direct quotation after a colon that ends with a full stop or "!" inside its marks and
    no comma after them ("…: „Sie haben uns geholfen.“ Hilfe haben auch die USA angeboten.")
    is not attributed by what follows it: a cue and speaker the tagger found there give way to
    the speaker of the message holding the sentence before the colon, else to that sentence's
    subject ("?" is left alone: "„…?“ fragen sich Experten")."""
    for quote in quotes:
        first, last = quote.message[0], quote.message[-1]
        if quote.nested or quote.form != "Direct" or not quote.cue or first < 2:
            continue
        if tokens[first - 1] != ":" or tokens[last] not in MARKS or last + 1 >= len(tokens):
            continue
        if tokens[last - 1] not in (".", "!") or tokens[last + 1] == ",":
            continue
        if min(quote.cue) < last or (quote.speaker and min(quote.speaker) < last):
            continue
        holder = next(
            (
                q
                for q in quotes
                if not q.nested and q.form != "Direct" and q.speaker and first - 2 in q.message
            ),
            None,
        )
        if holder is not None:
            quote.speaker, quote.cue = list(holder.speaker), list(holder.cue)
        else:
            sentence = _sentence_of(rank_of, first - 2)
            quote.speaker = subject_speaker(tokens, pos, sentence, set(quote.message))
            quote.cue = []


def _speaker_after(
    quote: TokenQuote,
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A direct quotation that ends its sentence takes the subject after the finite verb
    opening the next sentence, and the verb as its cue ("„…“ | erklärte die Ministerin.",
    also after `Das`, `Dies` or `So`: "„…“. | Das versprach die Ministerin.")."""
    last = quote.message[-1]
    after = last + 1
    if after + 1 < len(tokens) and tokens[after] == "." and rank_of[after + 1] != rank_of[last]:
        after += 1  # the stop after the closing mark: "„…“. | Das sagte die Ministerin"
    if after >= len(tokens) or rank_of[after] == rank_of[last]:
        return
    if tokens[after] == "," and after + 1 < len(tokens) and rank_of[after + 1] == rank_of[after]:
        after += 1  # the sentence split after the closing mark: "„…“ | , schreibt die Zeitung"
    elif (
        tokens[after].lower() in ("das", "dies", "so")
        and after + 1 < len(tokens)
        and rank_of[after + 1] == rank_of[after]
        and pos[after + 1] in FINITE
    ):
        after += 1  # "„…“ | Das sagte die Ministerin"
    if pos[after] not in FINITE and not lexicon.speaks(tokens[after].lower()):
        return  # the tagger takes "erklärte" after a quotation for an adjective
    stop = _sentence_of(rank_of, after).stop
    phrase = attached(tokens, pos, noun_phrase(tokens, pos, after + 1, stop), stop)
    if not phrase or pos[phrase[0]] in NON_ARTICLE_DETERMINERS:
        return
    if not is_nominative(tokens, pos, phrase):
        return
    quote.speaker = phrase
    if not quote.cue:
        quote.cue = [after]


def _speaker_after_the_attribution(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    depths: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A message whose cue is an attribution ("nach Angaben der Organisation", "laut
    Polizei") but whose speaker lies before it (the tagger took the object before the
    attribution: "Ein Konvoi verließ | die Stadt | nach Angaben der Organisation …") takes the
    attribution's noun phrase as speaker; the object goes back to the message. Not for an
    attribution inside quotation marks ("„… – nach unserer Einschätzung – …“"); one in the
    sentence after the message is no cue of it ("Man stehe dazu. | Laut einer Umfrage …")."""
    for quote in quotes:
        if quote.nested or quote.form == "Direct" or not quote.cue or not quote.speaker:
            continue
        cue = quote.cue[0]
        if depths[cue]:
            continue
        word = tokens[cue].lower()
        if word not in ATTRIBUTION_PREPOSITIONS or quote.speaker[-1] >= cue:
            continue
        if rank_of[cue] > rank_of[quote.message[-1]]:
            # "Laut …" opens the next sentence: that attribution is not this message's
            quote.cue = [i for i in quote.cue if rank_of[i] <= rank_of[quote.message[-1]]]
            continue
        after = [t.lower() for t in tokens[cue + 1 : cue + 4]]
        if word == "nach" and not lexicon.names_a_source(after):
            continue
        stop = _sentence_of(rank_of, cue).stop
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, cue + 1, stop), stop)
        if not phrase or set(phrase) & set(quote.message):
            continue
        old = quote.speaker
        if old[-1] + 1 == cue and quote.message[-1] + 1 == old[0]:
            quote.message = quote.message + old
        quote.speaker = phrase


def _continue_after_attribution(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A message that stops at an attribution inside its sentence ("Die Firma plant | nach
    Angaben der Gewerkschaft | den Abbau von Stellen") goes on after the attribution's noun
    phrase to the end of the sentence, as a second piece."""
    taken = {i for q in quotes for part in (q.message, q.cue, q.speaker) for i in part}
    for quote in quotes:
        if quote.nested or quote.form == "Direct" or not quote.cue or not quote.speaker:
            continue
        last, cue, speaker = quote.message[-1], quote.cue, quote.speaker
        rank = rank_of[last]
        if tokens[cue[0]].lower() not in ATTRIBUTION_PREPOSITIONS or cue[0] != last + 1:
            continue
        if speaker[0] <= cue[-1] or tokens[last] in SENTENCE_END:
            continue
        if rank_of[speaker[-1]] != rank:
            continue
        stop = _sentence_of(rank_of, last).stop
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, speaker[0], stop), stop)
        if phrase and phrase[-1] > speaker[-1] and not taken & set(phrase[len(speaker) :]):
            speaker = phrase  # "Angaben | der Gewerkschaft NGG"
        elif phrase:
            # the tagger ran on into the message: "Angaben des Ministeriums | keine Steuern"
            cut = next(
                (
                    i
                    for i in speaker
                    if i > phrase[-1]
                    and (ends_speaker(tokens, pos, i) or pos[i] in QUANTITY_OPENERS)
                ),
                None,
            )
            if cut is not None:
                taken.difference_update(i for i in speaker if i >= cut)
                old_speaker = list(speaker)
                speaker = [i for i in speaker if i < cut]
                for other in quotes:  # the messages that carried this speaker on
                    if other is not quote and other.speaker == old_speaker:
                        other.speaker = list(speaker)
        rest = list(range(speaker[-1] + 1, stop))
        while rest and tokens[rest[-1]] in PUNCT:
            rest.pop()
        if not rest or tokens[rest[0]] in PUNCT or taken & set(rest):
            continue
        quote.speaker = list(speaker)
        quote.message = quote.message + rest
        taken.update(speaker, rest)


# a number or quantifier after an attribution's noun phrase opens the message's subject
# ("nach Angaben des Programms | 47 Lastwagen", "laut Polizei | viele Menschen")
QUANTITY_OPENERS = frozenset({"CARD", "PIAT"})


# -- "… . Dies teilte die Polizei mit.": the sentence before is the message ----------------------

PRONOUNS_OF_REPORT = frozenset({"Dies", "Das", "Dieses", "Davon", "Daraus"})
REPORT_VERBS = frozenset(
    {
        "bestätigte",
        "bestätigt",
        "bestätigten",
        "berichtete",
        "berichtet",
        "berichten",
        "berichteten",
        "erklärte",
        "erklärt",
        "erklärten",
        "meldete",
        "meldet",
        "melden",
        "meldeten",
        "schrieb",
        "schreibt",
        "schrieben",
        "sagte",
        "sagt",
        "sagten",
        "betonte",
        "verkündete",
    }
)
# verb -> the particle that must close the sentence: "teilte … mit", "gab … bekannt"
PARTICLE_VERBS = {
    "teilte": "mit",
    "teilt": "mit",
    "teilten": "mit",
    "gab": "bekannt",
    "gibt": "bekannt",
    "gaben": "bekannt",
    "geht": "hervor",
    "ging": "hervor",
    "gehen": "hervor",
}


def pronoun_attributions(
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    quotes: Sequence[TokenQuote],
    paragraph_starts: Collection[int] = (),
) -> list[TokenQuote]:
    """A sentence that attributes the one before by a pronoun ("Dies gab das Komitee bekannt",
    "Das berichtete die Zeitung"): the sentence before and the pronoun are the message, as the
    release annotates it (train: 33 of 37 such sentences), when no found message touches the
    sentence before; speaker the subject after the verb, frame the rest of the sentence."""
    taken = {i for q in quotes for i in q.message}
    found: list[TokenQuote] = []
    starts = _sentence_starts(rank_of)
    for k, start in enumerate(starts):
        if k == 0 or start in paragraph_starts:
            continue  # (the sentence before lies in another paragraph)
        end = starts[k + 1] if k + 1 < len(starts) else len(tokens)
        cue = _report_by_pronoun(tokens, start, end)
        if not cue:
            continue
        before = list(range(starts[k - 1], start))
        if taken & set(before) or taken & set(range(start, end)):
            continue
        sentence = range(start, end)
        speaker = _speaker_of_a_report_by_pronoun(tokens, pos, start, end, cue)
        frame = [i for i in sentence if i != start and tokens[i] not in PUNCT]
        found.append(TokenQuote(message=[*before, start], cue=cue, speaker=speaker, frame=frame))
    return found


def _sentence_starts(rank_of: Sequence[int]) -> list[int]:
    """The index of each sentence's first token."""
    return [i for i in range(len(rank_of)) if i == 0 or rank_of[i] != rank_of[i - 1]]


def _report_by_pronoun(tokens: Sequence[str], start: int, end: int) -> list[int]:
    """The cue of the sentence from ``start`` to ``end`` when it attributes the sentence before
    by a pronoun ("Dies bestätigte X", "Das teilte X mit"), else nothing."""
    if tokens[start] not in PRONOUNS_OF_REPORT or start + 1 >= end:
        return []
    verb = start + 1
    word = tokens[verb].lower()
    if word in PARTICLE_VERBS:
        last = end - 1
        while last > verb and tokens[last] in PUNCT:
            last -= 1
        return [verb, last] if tokens[last].lower() == PARTICLE_VERBS[word] else []
    return [verb] if word in REPORT_VERBS else []


def _speaker_of_a_report_by_pronoun(
    tokens: Sequence[str], pos: Sequence[str], start: int, end: int, cue: Sequence[int]
) -> list[int]:
    """The subject after the verb of a report by pronoun ("Dies bestätigte | der Parteichef"),
    or the source after "aus" in "Dies geht aus | einer Mitteilung des Konzerns | hervor"."""
    if tokens[cue[-1]].lower() == "hervor" and tokens[start + 2].lower() == "aus":
        return attached(tokens, pos, noun_phrase(tokens, pos, start + 3, cue[-1]), cue[-1])
    return subject_speaker(tokens, pos, range(start, end), {start})


def _messages_a_pronoun_attributes(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """A message ending the sentence before one that attributes it by a pronoun ("Die
    Liberalen schließen eine Ampel aus. | Dies bestätigte der Parteichef X") has that
    sentence's subject for its speaker and its verb for its cue, unless its speaker stands
    after it."""
    starts = _sentence_starts(rank_of)
    for k, start in enumerate(starts[1:], 1):
        end = starts[k + 1] if k + 1 < len(starts) else len(tokens)
        cue = _report_by_pronoun(tokens, start, end)
        if not cue:
            continue
        speaker = _speaker_of_a_report_by_pronoun(tokens, pos, start, end, cue)
        if not speaker:
            continue
        for quote in quotes:
            if quote.nested or rank_of[quote.message[-1]] != rank_of[start] - 1:
                continue
            if quote.speaker and quote.speaker[0] > quote.message[-1]:
                continue  # "…, sagte X. Dies bestätigte …": its own attribution follows it
            quote.speaker, quote.cue = list(speaker), list(cue)


FRAME_FORMS = frozenset({"Direct", "Indirect"})
SOURCE_ADVERBS = frozenset({"demnach", "danach", "demzufolge"})
SENTENCE_STOPS = frozenset({".", "!", "?"})
FREE_FORMS = frozenset({"FreeIndirect", "IndirectFreeIndirect"})
STOP_FORMS = FREE_FORMS | {"Reported"}
CLAUSE_BREAKS = frozenset({",", ":", ";", "(", ")", ".", "!", "?"})


def _with_wie(tokens: Sequence[str], rank_of: Sequence[int], cue: list[int]) -> list[int]:
    """A cue in a clause opened by "wie" takes it in, as the release does ("Wie die Polizei
    mitteilte": cue "Wie … mitteilte"; train: 48 of 71 such clauses)."""
    if not cue:
        return cue
    first = cue[0]
    k = first - 1
    while k >= 0 and first - k <= 10 and rank_of[k] == rank_of[first]:
        word = tokens[k]
        if word.lower() == "wie":
            opens = k == 0 or rank_of[k - 1] != rank_of[k] or tokens[k - 1] in CLAUSE_BREAKS
            return [k, *cue] if opens else cue
        if word in CLAUSE_BREAKS or word in MARKS:
            return cue
        k -= 1
    return cue


def _clause_of(tokens: Sequence[str], rank_of: Sequence[int], at: int) -> range:
    """The tokens around ``at`` up to a clause break or quotation mark, within its sentence."""
    low = at
    while (
        low > 0 and rank_of[low - 1] == rank_of[at] and tokens[low - 1] not in CLAUSE_BREAKS | MARKS
    ):
        low -= 1
    high = at
    while (
        high + 1 < len(tokens)
        and rank_of[high + 1] == rank_of[at]
        and tokens[high + 1] not in CLAUSE_BREAKS | MARKS
    ):
        high += 1
    return range(low, high + 1)


def _complete_cue(
    tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int], quote: TokenQuote
) -> list[int]:
    """A cue of a participle or separable particle without its finite verb takes the finite
    verb of its clause, as the release annotates it ("hatte … erklärt", "ging davon aus"; in
    the train gold 427 such cues hold their finite verb, 6 leave it out). The other way round,
    a finite verb taking its particle, lost on dev (−0.02)."""
    cue = quote.cue
    if not cue or any(pos[i] in FINITE for i in cue):
        return cue
    if not any(pos[i] in ("VVPP", "PTKVZ") for i in cue):
        return cue
    message = set(quote.message)
    finite = [
        i for i in _clause_of(tokens, rank_of, cue[0]) if i not in message and pos[i] in FINITE
    ]
    if not finite:
        return cue
    return sorted({*cue, min(finite, key=lambda i: abs(i - cue[0]))})


SOURCE_PHRASE_WORDS = 3  # words after "nach" up to the source noun: "nach den bisherigen Angaben"


def _source_phrase_in_the_sentence(
    quotes: Sequence[TokenQuote],
    tokens: Sequence[str],
    pos: Sequence[str],
    rank_of: Sequence[int],
    lexicon: Lexicon,
) -> None:
    """A message without a speaker whose sentence names its source inside it ("Vor Tagen soll
    nach Berichten britischer Zeitungen ein Netz gehackt worden sein", "…, geht es ihm nach
    Angaben der Zentrale gut") has that source for its speaker and the preposition for its
    cue (the tagger may have found the preposition alone); the message gives up the words of
    both."""
    for quote in quotes:
        if quote.nested or quote.speaker or not quote.message or quote.form == "Direct":
            continue
        sentence = _sentence_of(rank_of, quote.message[0])
        roles = {*quote.cue, *quote.frame, *quote.addressee}
        for k in sentence:
            if (
                tokens[k].lower() not in ATTRIBUTION_PREPOSITIONS
                or (k in roles and k not in quote.cue)
                or not lexicon.names_a_source(
                    [
                        t.lower()
                        for t in tokens[k + 1 : min(k + 1 + SOURCE_PHRASE_WORDS, sentence.stop)]
                    ]
                )
            ):
                continue
            phrase = attached(
                tokens, pos, noun_phrase(tokens, pos, k + 1, sentence.stop), sentence.stop
            )
            if not phrase or {*quote.cue, *quote.addressee} & set(phrase):
                break  # (the tagger's frame may hold the phrase)
            taken = {k, *phrase}
            message = [i for i in quote.message if i not in taken]
            if message:
                quote.speaker, quote.message = phrase, message
                quote.cue = quote.cue or [k]
            break


def _source_takes_its_genitive(
    quotes: Sequence[TokenQuote], tokens: Sequence[str], pos: Sequence[str], rank_of: Sequence[int]
) -> None:
    """An attribution opening a message whose speaker stops at the source noun ("Nach Angaben |
    der Vereinten Nationen wurden …"): the noun phrase's rest moves from the message to the
    speaker; a rest no role holds joins it too ("Nach Ansicht | von Max Roth (SPD) ist …")."""
    for quote in quotes:
        if quote.nested or not quote.cue or not quote.speaker or not quote.message:
            continue
        cue, speaker, first = quote.cue, quote.speaker, quote.message[0]
        if tokens[cue[0]].lower() not in ATTRIBUTION_PREPOSITIONS:
            continue
        stop = _sentence_of(rank_of, speaker[0]).stop
        phrase = attached(tokens, pos, noun_phrase(tokens, pos, speaker[0], stop), stop)
        if not phrase or phrase[-1] <= speaker[-1] or phrase[0] != speaker[0]:
            continue
        more = set(range(speaker[-1] + 1, phrase[-1] + 1))
        if more & set(quote.message):
            if (
                speaker[-1] + 1 != first
                or not more <= set(quote.message)
                or len(more) >= len(quote.message)
            ):
                continue
            quote.message = [i for i in quote.message if i not in more]
        elif more & {*quote.cue, *quote.addressee}:
            continue
        quote.speaker = list(phrase)
