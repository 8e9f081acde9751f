"""German noun phrases and clause subjects from STTS part-of-speech tags (``pos.py``).

Small rules the quotation stage uses where its taggers find no speaker or cut one badly: the
noun phrase starting at a token ("der Sprecher der Polizei", "VW-Chef Winterkorn"), with what the
quotation corpus counts as part of a speaker (a body after "von"/"aus", an apposition), and the
subject of a sentence (before its finite verb, or the nominative noun phrase right after it).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from lagebild.analyze.quote_features import MARKS, PUNCT

SPEAKER_PRONOUNS = frozenset({"er", "sie", "wir", "ich", "ihr", "man"})
# pronouns that open "one of a group" before a genitive plural: "Einer der Helfer"
PARTITIVES = frozenset({"einer", "eine", "eines", "keiner", "keine", "jeder", "jede"})
# demonstratives that name a speaker on their own
DEMONSTRATIVE_SPEAKERS = frozenset({"dieser", "diese", "letzterer", "letztere", "jener", "jene"})
# only ever a subject right after a finite verb ("sie" and "ihr" may be objects there)
SUBJECT_PRONOUNS = frozenset({"er", "wir", "ich"})
FINITE = frozenset({"VVFIN", "VAFIN", "VMFIN"})
DETERMINERS = frozenset({"ART", "PPOSAT", "PIAT", "PDAT"})
# after a verb they open an object ("seine Position"), never the subject that follows it
NON_ARTICLE_DETERMINERS = DETERMINERS - {"ART"}
MODIFIERS = frozenset({"ADJA", "CARD", "ADV", "ADJD"})
NOUNS = frozenset({"NN", "NE"})
NOMINATIVE_ARTICLES = frozenset({"der", "die", "das", "ein", "eine", "kein", "keine"})
GENITIVE_ARTICLES = frozenset({"des", "der", "eines", "einer"})
SUBJECT_STARTS = DETERMINERS | NOUNS | {"PPER", "ADJA"}
PASSIVE = frozenset({"wird", "werden", "wurde", "wurden", "worden"})
INDEFINITE = frozenset({"ein", "eine", "einem", "einen", "einer", "eines"})
ATTACHING = frozenset({"von", "aus"})
APPOSITION_ENDS = frozenset({",", ":", ".", "“", "("})


# an age given before the noun ("der 24 Jahre alte Däne", "eine 71 Jahre alte Anwohnerin")
AGE_UNITS = frozenset({"jahre", "monate", "wochen", "tage"})


def age_unit_at(tokens: Sequence[str], pos: Sequence[str], i: int) -> bool:
    """Whether token ``i`` is the unit of an age before a noun, after a number and before
    "alte" ("24 | Jahre | alte"); ``i + 1`` must be a token."""
    return (
        i > 0
        and pos[i - 1] == "CARD"
        and tokens[i].lower() in AGE_UNITS
        and tokens[i + 1].lower().startswith("alt")
    )


def _skip_modifiers(tokens: Sequence[str], pos: Sequence[str], i: int, stop: int) -> int:
    while i < stop:
        if pos[i] in MODIFIERS and tokens[i][:1].isalnum():
            i += 1
        elif i < stop - 2 and age_unit_at(tokens, pos, i):
            i += 2  # the unit and "alte": a modifier, not the head noun
        else:
            break
    return i


def _skip_nouns(tokens: Sequence[str], pos: Sequence[str], i: int, stop: int) -> int:
    # the tagger leaves a few words untagged ("EADS-Vorstandsvorsitzender"): capitalised, a noun
    while (
        i < stop
        and tokens[i][:1].isalnum()
        and (pos[i] in NOUNS or (not pos[i] and tokens[i][:1].isupper()))
    ):
        i += 1
    return i


EXTENDED_ATTRIBUTE_MAX = 8
# what opens an extended attribute between the article and its participle ("die das Unglück
# überlebende Frau", "der sich selbst als X inszenierende Unternehmer"), never a plain noun
# phrase's second word
ATTRIBUTE_OPENERS = frozenset({"ART", "PRF", "ADV", "APPR", "APPRART", "PAV", "PTKNEG"})


def _past_extended_attribute(tokens: Sequence[str], pos: Sequence[str], i: int, stop: int) -> int:
    """The index of the participle that ends an extended attribute starting at ``i`` right
    after an article, or ``i`` when none starts there."""
    if i >= stop or pos[i] not in ATTRIBUTE_OPENERS:
        return i
    for k in range(i + 1, min(stop, i + EXTENDED_ATTRIBUTE_MAX + 1)):
        if tokens[k] in PUNCT or pos[k].startswith("V"):
            return i
        if pos[k] == "ADJA" and k + 1 < stop and pos[k + 1] in NOUNS:
            return k
    return i


def noun_phrase(tokens: Sequence[str], pos: Sequence[str], start: int, stop: int) -> list[int]:
    """The noun phrase beginning at ``start`` (before ``stop``): a personal pronoun, or
    determiner, modifiers and nouns ("der brasilianische Präsident", "VW-Chef Winterkorn"),
    with genitive attributes ("der Sprecher der Polizei"); empty when none begins there."""
    if start >= stop:
        return []
    if pos[start] == "PPER":
        return [start] if tokens[start].lower() in SPEAKER_PRONOUNS else []
    if pos[start] in ("PDS", "PIS") and tokens[start].lower() in DEMONSTRATIVE_SPEAKERS:
        return [start]  # "Dieser behauptete, …", "Letztere sagte"
    if start + 1 < stop and _one_of_a_group(tokens, start) and pos[start + 1] == "ART":
        # "Einer der beteiligten Feuerwehrleute sagte"
        group = noun_phrase(tokens, pos, start + 1, stop)
        return [start, *group] if group else []
    i = start
    if pos[i] in DETERMINERS:
        i += 1
        i = _past_extended_attribute(tokens, pos, i, stop)
    elif (
        pos[i] == "NE"
        and tokens[i].endswith("s")
        and i + 1 < stop
        and pos[i + 1] in ("ADJA", "NN")
        and tokens[i + 1][:1].isalpha()
    ):
        i += 1  # a genitive name as determiner: "Mannheims oberster Bürgermeister"
    i = _skip_modifiers(tokens, pos, i, stop)
    head = i
    i = _skip_nouns(tokens, pos, i, stop)
    if i > start or pos[start] in DETERMINERS:
        # a quoted name as or after the noun: "die „Computerwoche“", "die Zeitung „Sana“"
        i = _past_quoted_name(tokens, i, stop)
    if i == head:
        return []
    while i + 1 < stop and tokens[i] == "und" and pos[i + 1] in NOUNS:
        i = _skip_nouns(tokens, pos, i + 1, stop)  # "der frühere Bürgermeister und Senator"
    # a genitive after a noun ("der Sprecher der Polizei"), not after a name, where "der …"
    # is a dative object ("sagte Adam Bashar der Nachrichtenagentur"): a name is tagged so, or
    # is the second of two capitalised nouns before a medium ("Sabine Kroll der Zeitung")
    head_end = i
    while (
        i + 1 < stop
        and tokens[i].lower() in GENITIVE_ARTICLES
        and pos[i] == "ART"
        and pos[i - 1] != "NE"
        and not addresses_a_medium(tokens, pos, i, start, stop)
    ):
        k = _skip_modifiers(tokens, pos, i + 1, stop)
        end = _skip_nouns(tokens, pos, k, stop)
        if end == k:
            if k == i + 1 and pos[k] == "PIS":
                i = k + 1  # a pronoun as the genitive: "der Ältere der beiden"
            elif i == head_end and _past_quoted_name(tokens, k, stop, any_case=True) > k:
                # a quoted name as the first genitive: "ein Vertreter der „con energy ag“"
                i = _past_quoted_name(tokens, k, stop, any_case=True)
            break
        i = end
    return list(range(start, i))


QUOTED_NAME_WORDS = 5  # "die „Aktion Deutschland hilft“", "„Reporter ohne Grenzen“"


def _past_quoted_name(tokens: Sequence[str], i: int, stop: int, any_case: bool = False) -> int:
    """After a quoted name of at most ``QUOTED_NAME_WORDS`` words opening at ``i`` (its first
    word capitalised unless ``any_case``, no punctuation inside), else ``i``."""
    if i + 2 >= stop or tokens[i] not in MARKS:
        return i
    if not (tokens[i + 1][:1].isupper() or (any_case and tokens[i + 1][:1].isalnum())):
        return i
    for k in range(i + 2, min(stop, i + QUOTED_NAME_WORDS + 2)):
        if tokens[k] in MARKS:
            return k + 1
        if tokens[k] in PUNCT:
            break
    return i


# nouns of news media, to which a speaker says something ("sagte X der Zeitung")
MEDIA_NOUNS = ("zeitung", "agentur", "sender", "magazin", "blatt", "zeitschrift", "fernsehen")


def addresses_a_medium(
    tokens: Sequence[str], pos: Sequence[str], article: int, start: int, stop: int
) -> bool:
    """Whether the article at ``article`` follows a name (two nouns, the first capitalised,
    from ``start`` on) and opens a news medium within three words ("Sabine Kroll | der
    Deutschen Presse-Agentur"): then it is the addressee, not a genitive."""
    medium = tokens[article + 1 : min(stop, article + 4)]
    return (
        article - 2 >= start
        and pos[article - 2] in NOUNS
        and tokens[article - 2][:1].isupper()
        and any(t.lower().endswith(MEDIA_NOUNS) for t in medium)
    )


def subject_speaker(
    tokens: Sequence[str], pos: Sequence[str], sentence: Sequence[int], message: Collection[int]
) -> list[int]:
    """The subject of a sentence that frames a direct quotation: "er", "wir" or "ich" right
    after the first finite verb ("Das Angebot lehnt er ab: „…“"), else a noun phrase opening
    the sentence before its finite verb or a colon ("Die Firma empfindet …: „…“", "Wolfgang
    Hürter, Vorsitzender von X, nennt …"), else the nominative noun phrase right after the
    first finite verb or a "sich" after it ("Dabei sprach der Präsident von der „…“", "„…“,
    hatte VW-Chef Winterkorn erklärt", "hatte sich Pieper … hinreißen lassen: „…“")."""
    outside = [i for i in sentence if i not in message]
    if not outside:
        return []
    if any(pos[i] == "VVPP" for i in outside) and any(
        pos[i] == "VAFIN" and tokens[i].lower() in PASSIVE for i in outside
    ):
        return []  # a passive: "Darin wird der Minister aufgefordert, „…“"
    stop = sentence[-1] + 1
    first = outside[0]
    misread = -1  # a main verb the tagger took for a subordinator
    if pos[first] == "KOUS":
        # a sentence opening with a subordinate clause has its main verb right after the
        # clause's comma: "Als ein Gast half, packte der Mann ihn und rief: „…“"
        comma = next((i for i in outside if tokens[i] == "," and i + 1 < stop), None)
        if (
            comma is not None
            and _finite_after_clause(tokens, pos, comma + 1)
            and comma + 1 not in message
        ):
            outside = [i for i in outside if i > comma]
            first = outside[0]
            misread = first if pos[first] == "KOUS" else -1
    verb = next((i for i in outside if pos[i] in FINITE or i == misread), None)
    after = verb + 1 if verb is not None else stop
    if after < stop and after not in message and tokens[after].lower() in SUBJECT_PRONOUNS:
        return [after]  # "Das Angebot der Stadt lehnt er jedoch ab: „…“": the object is fronted
    phrase = attached(tokens, pos, noun_phrase(tokens, pos, first, stop), stop)
    end = phrase[-1] + 1 if phrase else first
    if (
        phrase
        and end + 1 < stop
        and tokens[end] == ":"
        and end + 1 not in message
        and tokens[end + 1] not in MARKS
    ):
        # a label before a colon that a clause follows ("Europapolitik: Die SPD will …"): the
        # subject is that clause's
        return subject_speaker(tokens, pos, range(end + 1, stop), message)
    if phrase and not any(i in message for i in phrase) and is_nominative(tokens, pos, phrase):
        after = phrase[-1] + 1
        if after + 1 < stop and tokens[after] == "," and pos[after + 1] == "PRELS":
            # a relative clause: "Der Ermittler, der als Zeuge gilt, will …"
            after = next((k + 1 for k in range(after + 2, stop) if tokens[k] == ","), stop)
        elif after + 1 < stop and tokens[after] == "," and pos[after + 1] in FINITE:
            after += 1  # "Wolfgang Hürter, Vorsitzender von X, nennt"
        if after < stop and (pos[after] in FINITE or tokens[after] == ":"):
            return phrase
        if len(phrase) > 1 and verb is not None and _postmodifiers(tokens, pos, range(after, verb)):
            # the prefield before the finite verb is one phrase: "Der Leiter der Polizei in
            # Dortmund erklärte", "Das Komitee im norwegischen Oslo würdigte" (not one word,
            # which may be an adverb the tagger takes for a noun: "Passend zu … warnte")
            return [*phrase, *range(after, verb)]
        if (
            verb is not None
            and tokens[verb - 1] == ","
            and _modified_apposition(tokens, pos, range(after, verb - 1))
            and not (verb + 1 < stop and pos[verb + 1] == "NE")
        ):
            # appositions the noun phrase does not take, up to the comma before the verb
            # ("Renate Kunz, Chefin von Bündnis 90/Die Grünen, kritisierte"); a name after the
            # verb would be the subject of a fronted object
            return [*phrase, *range(after, verb - 1)]
    if verb is None:
        return []
    if verb > first and pos[first] in SUBJECT_STARTS:
        return []  # the words before the verb are the subject, if any: "X, Chef von Y (Z) nannte"
    last = max(message, default=verb)
    if verb > last and any(tokens[k] not in PUNCT for k in range(last + 1, verb)):
        return []  # a verb after the quotation only right after it: "„…“, sagte"
    phrase = phrase_after_verb(tokens, pos, verb, stop)
    if not phrase or any(i in message for i in phrase) or pos[phrase[0]] in NON_ARTICLE_DETERMINERS:
        return []  # after the verb, "seine Position" is an object
    return phrase if is_nominative(tokens, pos, phrase) else []


# the subordinators German has; a word tagged as one that is none of them is a misread verb
# ("Als der Steward eilte, biss der Mann …": "biss")
SUBORDINATORS = frozenset(
    {
        "als", "bevor", "bis", "da", "damit", "dass", "daß", "ehe", "falls", "indem", "nachdem",
        "ob", "obgleich", "obwohl", "seit", "seitdem", "sobald", "sodass", "solange", "sofern",
        "soweit", "während", "weil", "wenn", "wie", "wo", "wobei", "wohingegen", "zumal",
    }
)  # fmt: skip


def _finite_after_clause(tokens: Sequence[str], pos: Sequence[str], at: int) -> bool:
    """Whether the word after a subordinate clause's comma is the main clause's finite verb."""
    return pos[at] in FINITE or (pos[at] == "KOUS" and tokens[at].lower() not in SUBORDINATORS)


# tags of the prepositional phrases and names that can follow a noun inside a prefield
POSTMODIFIER_TAGS = frozenset({"APPR", "APPRART", "ART", "ADJA", "NN", "NE", "CARD", "FM", "XY"})
POSTMODIFIER_MAX = 10
# and of appositions: also commas, slashes, parentheses, "und", "nicht"
APPOSITION_TAGS = POSTMODIFIER_TAGS | {"$,", "$(", "KON", "PTKNEG"}
APPOSITION_MAX = 25


def _postmodifiers(tokens: Sequence[str], pos: Sequence[str], stretch: range) -> bool:
    """Whether the words between a noun phrase and the finite verb ending the prefield are
    prepositional phrases, genitives or names attached to it ("in Dortmund", "des BPI", whose
    name the tagger may take for a number)."""
    if not 0 < len(stretch) <= POSTMODIFIER_MAX:
        return False
    first = stretch[0]
    if pos[first] not in ("APPR", "APPRART", "NE", "CARD") and not (
        pos[first] == "ART" and tokens[first].lower() in GENITIVE_ARTICLES
    ):
        return False
    return all(pos[k] in POSTMODIFIER_TAGS and tokens[k] not in MARKS for k in stretch)


def _apposition(tokens: Sequence[str], pos: Sequence[str], stretch: range) -> bool:
    """Whether the words between a noun phrase and the comma before the finite verb are
    appositions: opening with a comma, naming something, made of noun phrases, prepositional
    phrases, commas, slashes and parentheses only."""
    if not 1 < len(stretch) <= APPOSITION_MAX or tokens[stretch[0]] != ",":
        return False
    if len(stretch) == 2 and pos[stretch[1]] == "CARD":
        return True  # an age: "Alice Kakamara, 30, beschrieb"
    if not any(pos[k] in NOUNS for k in stretch):
        return False
    return all(pos[k] in APPOSITION_TAGS and tokens[k] not in MARKS for k in stretch)


def _modified_apposition(tokens: Sequence[str], pos: Sequence[str], stretch: range) -> bool:
    """Appositions (``_apposition``), after prepositional phrases or genitives when the
    noun phrase has them ("Der Vorsitzende des Verbands in Bayern, Max Roth, kritisierte")."""
    if _apposition(tokens, pos, stretch):
        return True
    comma = next((k for k in stretch if tokens[k] == ","), None)
    if comma is None or comma == stretch.start:
        return False
    return _postmodifiers(tokens, pos, range(stretch.start, comma)) and _apposition(
        tokens, pos, range(comma, stretch.stop)
    )


def phrase_after_verb(tokens: Sequence[str], pos: Sequence[str], verb: int, stop: int) -> list[int]:
    """The noun phrase (with what ``attached`` adds) right after the verb at ``verb`` or after a
    "sich" following it ("äußerte sich die Ministerin"); empty when none begins there."""
    start = verb + 2 if verb + 2 < stop and tokens[verb + 1].lower() == "sich" else verb + 1
    return attached(tokens, pos, noun_phrase(tokens, pos, start, stop), stop)


def is_nominative(tokens: Sequence[str], pos: Sequence[str], phrase: Sequence[int]) -> bool:
    """Whether a noun phrase can be a subject: it does not open with a dative, accusative or
    genitive-only article."""
    if len(phrase) > 1 and _one_of_a_group(tokens, phrase[0]):
        return True  # "Einer der Helfer", "Eines der Kinder"
    return pos[phrase[0]] != "ART" or tokens[phrase[0]].lower() in NOMINATIVE_ARTICLES


def _one_of_a_group(tokens: Sequence[str], at: int) -> bool:
    """Whether a partitive pronoun with a genitive plural opens at ``at`` ("Einer der …";
    the tagger takes the pronoun for an article). ``at + 1`` must be a token."""
    return tokens[at].lower() in PARTITIVES and tokens[at + 1].lower() == "der"


def attached(
    tokens: Sequence[str], pos: Sequence[str], phrase: list[int], stop: int, apposition: bool = True
) -> list[int]:
    """A noun phrase with what the corpus counts as part of a speaker: a place or body it is
    of ("ein Sprecher aus Washington", "John Sifton von Human Rights Watch") and an apposition
    ("Jon Bon Jovi, Gründer der Band:")."""
    if not phrase:
        return phrase
    end = phrase[-1] + 1
    while end + 1 < stop and tokens[end] in ATTACHING and pos[end] == "APPR":
        more = noun_phrase(tokens, pos, end + 1, stop)
        if not more or tokens[more[0]].lower() in INDEFINITE:
            break  # "sprach … von einem Erfolg" is no speaker's body
        end = more[-1] + 1
    end = _past_brackets(tokens, end, stop)
    if apposition and end + 1 < stop and tokens[end] == "," and pos[end + 1] != "PRELS":
        second = noun_phrase(tokens, pos, end + 1, stop)
        if second and pos[second[0]] != "PPER":
            close = attached(tokens, pos, second, stop, apposition=False)[-1] + 1
            if close >= stop or tokens[close] in APPOSITION_ENDS or pos[close] in FINITE:
                end = close
    return list(range(phrase[0], end))


BRACKETED_WORDS = 4  # "Henning Scherf (SPD)", "die Internationale Energieagentur (IEA)"


def _past_brackets(tokens: Sequence[str], end: int, stop: int) -> int:
    """After a short bracketed addition right at ``end`` (a party, an abbreviation), else
    ``end``."""
    if end < stop and tokens[end] == "(":
        for k in range(end + 1, min(stop, end + BRACKETED_WORDS + 2)):
            if tokens[k] == ")":
                return k + 1 if k > end + 1 else end
            if tokens[k] in ("(", ",", ".", ":"):
                break
    return end


def ends_speaker(tokens: Sequence[str], pos: Sequence[str], i: int) -> bool:
    """A word that cannot continue a speaker's noun phrase: a verb, a predicative adjective, a
    non-genitive article ("einen", "keine") or a preposition other than "von"/"aus"."""
    tag = pos[i]
    lower = tokens[i].lower()
    if tag.startswith("V") or tag == "ADJD":
        return True
    if tag in DETERMINERS:
        return lower not in GENITIVE_ARTICLES
    return tag in ("APPR", "APPRART") and lower not in ATTACHING and lower != "vom"
