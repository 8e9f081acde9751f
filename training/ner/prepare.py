"""Convert the German NER corpora in ../shared/data into spaCy DocBin files.

Usage (from the repository root)::

    .venv/bin/python training/ner/prepare.py --data ../shared/data --out training/ner/corpus

Writes ``train.spacy`` (every training source, GermEval fine-tuning half repeated
``--germeval-repeat`` times), ``finetune.spacy`` (the GermEval fine-tuning half twice plus a
sample of the other sources, for the second training phase), ``dev.spacy`` (GermEval 2014
dev, held-out half: model selection),
``germeval-dev-full.spacy`` (the whole dev file), the two halves as GermEval TSV
(``germeval-dev-tune.tsv``, ``germeval-dev-heldout.tsv``), ``raw.jsonl`` (the sentences of all
training sources plus SpkAtt 2023 news and debates, for ``spacy pretrain``; never the held-out
half) and ``stats.json`` (what went in).

Labels are the 12 GermEval 2014 outer labels: PER, LOC, ORG, OTH, each optionally with the
suffix ``deriv`` or ``part``. The silver and foreign-guideline corpora only know the coarse types;
they are mapped to PER/LOC/ORG/OTH and, where they cannot know GermEval's ``deriv``/``part``
decisions, tokens are relabelled or left unannotated (spaCy's "missing" value):

* a single-token MISC span that is a country/city adjective or demonym (``französischen``,
  ``Europäer``) becomes ``LOCderiv`` (CoNLL guidelines call these MISC, GermEval LOCderiv);
* a lower-case token outside any entity that matches the country-adjective lexicon (built from
  Babel's German territory names) becomes ``LOCderiv`` (``syrischen``, ``deutsche``);
* a hyphenated compound outside any entity with an upper-case part (``EU-Kommission``) is left
  missing, since GermEval may call it ``…part``;
* legal norms, laws and case references of the legal corpus are left missing (GermEval may call
  them OTH).

The GermEval dev file is split by sentence index: by default (``--fold even``) even sentences
are for fine-tuning and odd ones are held out; ``--fold odd`` swaps the halves (the second fold
of a two-fold cross-validation); ``--fold all`` fine-tunes on the whole file (for a final model
trained with step counts chosen on the folds; its ``dev.spacy`` is then the odd half, which is
trained on, so it cannot select anything).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from babel import Locale
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans
from spacy.vocab import Vocab

COARSE = ("PER", "LOC", "ORG", "OTH")
LABELS = tuple(f"{c}{s}" for c in COARSE for s in ("", "deriv", "part"))

ADJECTIVE_ENDING = re.compile(r"(?:e|en|er|es|em)?$")
DEMONYM = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:er|erin|erinnen|ern|en|ier|aner|äer|ese|esen)$")
HYPHEN_NAME = re.compile(r"^(?:[A-ZÄÖÜ][\wäöüß]*-[\wäöüß-]+|[\wäöüß]+-[A-ZÄÖÜ][\wäöüß-]*)$")


@dataclass
class Sentence:
    """Gold tokens with IOB tags over our labels; ``None`` marks a token left unannotated."""

    words: list[str]
    tags: list[str | None]


# -- country adjectives ----------------------------------------------------------------------


class AdjectiveLexicon:
    """Recognises German country/region adjectives (``syrischen``) from Babel territory names.

    A lower-case word is a country adjective when it is a form of ``deutsch`` or has the shape
    ``<root>isch<ending>`` and a word of a German territory name begins with the root's first
    four letters (three for short roots): ``syr|ischen`` ~ ``Syrien``, ``franz|ösisch`` ~
    ``Frankreich``. Regions Babel does not list as territories are added in ``EXTRA``.
    """

    EXTRA = (
        *("Europa", "Asiat", "England", "Schottland", "Bayern", "Preußen", "Korea", "Arabien"),
        *("Britannien", "Rom", "Poln", "Hessen", "Kalifornien", "Holland", "Zypr", "Sowjet"),
        "Palästina",
    )
    STOP = (
        *("islam", "komisch", "malerisch", "philosoph", "republikan", "nationalsozial"),
        *("automat", "algebra", "melanchol", "parlament"),
    )
    ISCH = re.compile(r"^([a-zäöüß]{3,}?)isch(?:e|en|er|es|em)?$")
    DEUTSCH = re.compile(r"^deutsch(?:e|en|er|es|em)?$")

    def __init__(self) -> None:
        names = [*Locale("de").territories.values(), *self.EXTRA]
        words = {
            word.lower()
            for name in names
            for word in re.split(r"[\s-]+", name)
            if word[:1].isupper() and "isch" not in word
        }
        self.prefixes = {word[:4] for word in words if len(word) >= 4}
        self.short = {word[:3] for word in words if len(word) >= 3}

    def __contains__(self, word: str) -> bool:
        if "-" in word:
            parts = word.split("-")
            return all(parts) and all(self._single(part) for part in parts)
        return self._single(word)

    def _single(self, word: str) -> bool:
        if self.DEUTSCH.match(word):
            return True
        match = self.ISCH.match(word)
        if match is None or word.startswith(self.STOP):
            return False
        root = match.group(1)
        return root[:4] in self.prefixes if len(root) >= 4 else root in self.short


# -- readers ---------------------------------------------------------------------------------


def read_columns(
    path: Path, token_col: int, tag_col: int, sep: str | None = "\t", comment: str | None = None
) -> Iterator[tuple[list[str], list[str]]]:
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if comment and line.startswith(comment):
                continue
            if line.startswith("-DOCSTART-"):
                continue
            if not line.strip():
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            cols = line.split(sep)
            words.append(cols[token_col])
            tags.append(cols[tag_col])
    if words:
        yield words, tags


def io_to_iob(tags: list[str]) -> list[str]:
    """IO tags (``PER``, ``O``) to IOB2: a run of the same label is one entity."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag == "O":
            out.append("O")
        else:
            out.append(("I-" if tag == prev else "B-") + tag)
        prev = tag
    return out


def map_tags(tags: list[str], mapping: dict[str, str | None]) -> list[str | None]:
    """Map IOB2 types through ``mapping`` (type -> label, ``None`` = missing, absent = O)."""
    out: list[str | None] = []
    for tag in tags:
        if tag == "O":
            out.append("O")
            continue
        prefix, _, kind = tag.partition("-")
        if prefix not in ("B", "I"):
            raise ValueError(f"bad tag {tag!r}")
        if kind not in mapping:
            out.append("O")
        elif mapping[kind] is None:
            out.append(None)
        else:
            out.append(f"{prefix}-{mapping[kind]}")
    # an I- tag after O or missing becomes B-
    for i, tag in enumerate(out):
        if tag and tag.startswith("I-") and (i == 0 or out[i - 1] in ("O", None)):
            out[i] = "B-" + tag[2:]
    return out


def entity_runs(tags: list[str | None]) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        if tag is None or tag == "O" or tag.startswith("B-"):
            if start >= 0:
                runs.append((start, i, label))
                start = -1
            if tag and tag.startswith("B-"):
                start, label = i, tag[2:]
    return runs


class NameLexicon:
    """Capitalised words that are mostly part of a name wherever the corpora mark names.

    Wikipedia-derived silver data marks only linked mentions, so a surname repeated later in
    an article (``Hitler``, ``McCain``) is often tagged O. Such O tokens are left unannotated
    instead, so the model is not taught that they are no names.
    """

    def __init__(self, sentences: Iterable[Sentence], min_count: int = 3, share: float = 0.3):
        inside: Counter[str] = Counter()
        outside: Counter[str] = Counter()
        for sentence in sentences:
            for i, (word, tag) in enumerate(zip(sentence.words, sentence.tags, strict=True)):
                if not word[:1].isupper() or len(word) < 2:
                    continue
                if tag is None:
                    continue
                if tag == "O":
                    if i > 0:  # sentence-initial words are capitalised anyway
                        outside[word] += 1
                else:
                    inside[word] += 1
        self.words = {
            word
            for word, n in inside.items()
            if n >= min_count and n / (n + outside[word]) >= share
        }

    def __contains__(self, word: str) -> bool:
        return word in self.words


class SilverCleaner:
    """Adapts coarse-label sentences to GermEval's deriv/part decisions (see module doc)."""

    def __init__(self, lexicon: AdjectiveLexicon, names: NameLexicon | None = None) -> None:
        self.lexicon = lexicon
        self.names = names
        self.counts: Counter[str] = Counter()

    def __call__(self, sentence: Sentence, misc_is_oth: bool = True) -> Sentence:
        words, tags = sentence.words, list(sentence.tags)
        for start, end, label in entity_runs(tags):
            if label == "OTH" and misc_is_oth and end - start == 1:
                word = words[start]
                if word.islower() or word in self.lexicon or DEMONYM.match(word):
                    tags[start] = "B-LOCderiv"
                    self.counts["misc->LOCderiv"] += 1
        for i, (word, tag) in enumerate(zip(words, tags, strict=True)):
            if tag != "O":
                continue
            if word in self.lexicon:
                tags[i] = "B-LOCderiv"
                self.counts["lexicon->LOCderiv"] += 1
            elif HYPHEN_NAME.match(word):
                tags[i] = None
                self.counts["hyphen->missing"] += 1
            elif self.names is not None and word in self.names:
                tags[i] = None
                self.counts["name-word->missing"] += 1
        return Sentence(words, tags)


def drop_first_names(sentence: Sentence, rng: random.Random, rate: float) -> Sentence:
    """Augmentation: keep only the surname of some multi-word person names.

    Silver Wikipedia data mostly marks full names (``Adolf Hitler``), while news text refers to
    people by surname (``Hitler``) after the first mention. With probability ``rate`` a person
    span of capitalised words (``Johann Sebastian Bach``, not ``Ursula von der Leyen``) loses
    all but its last word.
    """
    drop: set[int] = set()
    for start, end, label in entity_runs(sentence.tags):
        names = sentence.words[start:end]
        if (
            label == "PER"
            and end - start >= 2
            and all(w[:1].isupper() and w.isalpha() for w in names)
            and len(names[-1]) >= 3
            and rng.random() < rate
        ):
            drop.update(range(start, end - 1))
    if not drop:
        return sentence
    words = [w for i, w in enumerate(sentence.words) if i not in drop]
    tags: list[str | None] = []
    for i, tag in enumerate(sentence.tags):
        if i in drop:
            continue
        if i - 1 in drop and tag and tag.startswith("I-"):
            tag = "B-" + tag[2:]
        tags.append(tag)
    return Sentence(words, tags)


MISC = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "OTH"}
SMARTDATA = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
    "location-route": "LOC",
}
LEGAL: dict[str, str | None] = {
    **dict.fromkeys(("PER", "RR", "AN"), "PER"),
    **dict.fromkeys(("LD", "ST", "STR", "LDS"), "LOC"),
    **dict.fromkeys(("ORG", "UN", "INN", "GRT", "MRK"), "ORG"),
    **dict.fromkeys(("GS", "VO", "EUN", "VS", "VT", "RS", "LIT"), None),
}


def conllu_corpus(paths: Iterable[Path]) -> Iterator[Sentence]:
    for path in paths:
        for words, tags in read_columns(path, 1, 2):
            yield Sentence(words, map_tags(tags, MISC))


def mobie_corpus(paths: Iterable[Path]) -> Iterator[Sentence]:
    for path in paths:
        for words, tags in read_columns(path, 0, 3):
            yield Sentence(words, map_tags(tags, SMARTDATA))


def europarl_corpus(path: Path) -> Iterator[Sentence]:
    for words, tags in read_columns(path, 0, 4, sep=None):
        yield Sentence(words, map_tags(io_to_iob(tags), MISC))


def legal_corpus(paths: Iterable[Path]) -> Iterator[Sentence]:
    """Only sentences with a person, place or organisation: the rest is far from news."""
    for path in paths:
        for words, tags in read_columns(path, 0, 1, sep=" "):
            mapped = map_tags(tags, LEGAL)
            if any(t and t != "O" for t in mapped):
                yield Sentence(words, mapped)


def smartdata_corpus(paths: Iterable[Path], nlp: spacy.Language) -> Iterator[Sentence]:
    """SmartData v1: raw text with character spans; tokenised here, one line per sentence."""
    decoder = json.JSONDecoder()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = handle.read()
        pos = 0
        while True:
            while pos < len(data) and data[pos].isspace():
                pos += 1
            if pos >= len(data):
                break
            obj, pos = decoder.raw_decode(data, pos)
            text = obj["text"]["string"]
            doc = nlp.make_doc(text)
            spans = []
            for mention in obj.get("conceptMentions", {}).get("array", []):
                label = SMARTDATA.get(mention["type"])
                if label is None:
                    continue
                span = doc.char_span(
                    mention["span"]["start"], mention["span"]["end"], label, "expand"
                )
                if span is not None:
                    spans.append(span)
            doc.set_ents(filter_spans(spans), default="outside")
            tags = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc]
            words = [t.text for t in doc]
            # one sentence per line of text, whitespace tokens dropped
            current_w: list[str] = []
            current_t: list[str | None] = []
            for token, word, tag in zip(doc, words, tags, strict=True):
                if token.is_space:
                    if "\n" in word and current_w:
                        yield Sentence(current_w, _fix_b(current_t))
                        current_w, current_t = [], []
                    continue
                current_w.append(word)
                current_t.append(tag)
                if "\n" in token.whitespace_ and current_w:
                    yield Sentence(current_w, _fix_b(current_t))
                    current_w, current_t = [], []
            if current_w:
                yield Sentence(current_w, _fix_b(current_t))


def _fix_b(tags: list[str | None]) -> list[str | None]:
    out = list(tags)
    for i, tag in enumerate(out):
        if tag and tag.startswith("I-") and (i == 0 or (out[i - 1] or "O")[2:] != tag[2:]):
            out[i] = "B-" + tag[2:]
    return out


def germeval_blocks(path: Path) -> list[str]:
    """The raw text of each sentence (comment and token lines) of a GermEval TSV file."""
    text = path.read_text(encoding="utf-8")
    return [block.strip("\n") + "\n" for block in re.split(r"\n\s*\n", text) if block.strip()]


def germeval_corpus(path: Path) -> list[Sentence]:
    return [Sentence(words, list(tags)) for words, tags in read_columns(path, 1, 2, comment="#")]


# -- output ----------------------------------------------------------------------------------


def to_doc(vocab: Vocab, sentence: Sentence) -> Doc:
    return Doc(vocab, words=sentence.words, ents=sentence.tags)


def write(path: Path, vocab: Vocab, sentences: Iterable[Sentence]) -> int:
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    n = 0
    for sentence in sentences:
        docbin.add(to_doc(vocab, sentence))
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return n


def label_counts(sentences: Iterable[Sentence]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    tokens = 0
    for s in sentences:
        tokens += len(s.words)
        for _, _, label in entity_runs(s.tags):
            counts[label] += 1
    return {"tokens": tokens, **dict(sorted(counts.items()))}


def lexicon_check(lexicon: AdjectiveLexicon, sentences: list[Sentence]) -> dict[str, int]:
    """How the lexicon agrees with GermEval LOCderiv on lower-case words."""
    tp = fp = fn = 0
    for s in sentences:
        for word, tag in zip(s.words, s.tags, strict=True):
            gold = tag == "B-LOCderiv" and word.islower()
            pred = word in lexicon
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
    return {"tp": tp, "fp": fp, "fn": fn}


def spkatt_sentences(data: Path) -> Iterator[list[str]]:
    """Token lists of the SpkAtt 2023 news and debate training documents (raw text only)."""
    for path in (
        data / "spkatt2023" / "task2_news" / "train.jsonl",
        data / "spkatt2023" / "task1_debates" / "train.jsonl",
    ):
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                for sentence in json.loads(line).get("Sentences", []):
                    yield sentence["Tokens"]


def write_raw_text(path: Path, token_lists: Iterable[list[str]]) -> int:
    """JSONL ``{"text": …}`` per sentence, unique, for ``spacy pretrain``."""
    seen: set[str] = set()
    with path.open("w", encoding="utf-8") as out:
        for words in token_lists:
            text = " ".join(words)
            if len(words) < 5 or text in seen:
                continue
            seen.add(text)
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return len(seen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("training/ner/corpus"))
    parser.add_argument("--germeval-repeat", type=int, default=4)
    parser.add_argument(
        "--sources",
        default="wikiann,wikineural,smartdata,mobie,europarl,legal",
        help="comma-separated silver/auxiliary sources to include",
    )
    parser.add_argument(
        "--finetune-silver",
        type=int,
        default=3000,
        help="silver sentences mixed into finetune.spacy (with the GermEval fine-tuning half)",
    )
    parser.add_argument("--no-clean", action="store_true", help="skip deriv/part relabelling")
    parser.add_argument(
        "--surname-rate",
        type=float,
        default=0.0,
        help="share of multi-word person names cut to the surname in the other corpora",
    )
    parser.add_argument(
        "--name-missing",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="leave O tokens that are mostly names elsewhere unannotated (default: off)",
    )
    parser.add_argument(
        "--fold",
        choices=("even", "odd", "all"),
        default="even",
        help="GermEval dev sentences to fine-tune on (the other half is held out; 'all': none)",
    )
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    data: Path = args.data
    nlp = spacy.blank("de")
    lexicon = AdjectiveLexicon()
    cleaner = SilverCleaner(lexicon)

    germeval_path = data / "germeval2014" / "NER-de-dev.tsv"
    germeval = germeval_corpus(germeval_path)
    blocks = germeval_blocks(germeval_path)
    if len(blocks) != len(germeval):
        raise ValueError(f"{germeval_path}: {len(blocks)} blocks but {len(germeval)} sentences")
    first = 1 if args.fold == "odd" else 0
    tune_blocks = blocks if args.fold == "all" else blocks[first::2]
    held_out_blocks = blocks[1 - first :: 2]
    tune = germeval if args.fold == "all" else germeval[first::2]
    held_out = germeval[1 - first :: 2]

    readers = {
        "wikiann": lambda: conllu_corpus(
            [data / "wikiann_de" / "train.conllu", data / "wikiann_de" / "val.conllu"]
        ),
        "wikineural": lambda: conllu_corpus(
            [data / "wikineural_de" / "val.conllu", data / "wikineural_de" / "test.conllu"]
        ),
        "smartdata": lambda: smartdata_corpus(
            sorted((data / "smartdata").glob("v1_*.json.gz")), nlp
        ),
        "mobie": lambda: mobie_corpus(sorted((data / "mobie").glob("*.conll2003"))),
        "europarl": lambda: europarl_corpus(
            data / "europarl_ner_de" / "ep-96-04-15_pado_annotated.tsv"
        ),
        "legal": lambda: legal_corpus(sorted((data / "legal_ner_de").glob("ler_*.conll"))),
    }
    stats: dict[str, object] = {}
    corpora = {name: list(readers[name]()) for name in args.sources.split(",") if name}
    if args.name_missing:
        cleaner.names = NameLexicon([s for c in corpora.values() for s in c] + tune)
        stats["name-lexicon-words"] = len(cleaner.names.words)
    train: list[Sentence] = []
    augment_rng = random.Random(args.seed)
    for name, sentences in corpora.items():
        if not args.no_clean:
            sentences = [cleaner(s) for s in sentences]
        if args.surname_rate > 0:
            sentences = [drop_first_names(s, augment_rng, args.surname_rate) for s in sentences]
        stats[name] = {"sentences": len(sentences), **label_counts(sentences)}
        train.extend(sentences)
    rng = random.Random(args.seed)
    silver = list(train)
    finetune = [*tune, *tune, *rng.sample(silver, min(args.finetune_silver, len(silver)))]
    rng.shuffle(finetune)
    for _ in range(args.germeval_repeat):
        train.extend(tune)
    stats["germeval-tune"] = {
        "sentences": len(tune),
        "repeat": args.germeval_repeat,
        **label_counts(tune),
    }
    stats["germeval-fold"] = args.fold
    stats["germeval-held-out"] = {"sentences": len(held_out), **label_counts(held_out)}
    stats["cleaning"] = dict(cleaner.counts)
    stats["lexicon-vs-germeval-tune"] = lexicon_check(lexicon, tune)
    random.Random(args.seed).shuffle(train)

    out: Path = args.out
    write(out / "train.spacy", nlp.vocab, train)
    write(out / "finetune.spacy", nlp.vocab, finetune)
    write(out / "dev.spacy", nlp.vocab, held_out)
    write(out / "germeval-tune.spacy", nlp.vocab, tune)
    write(out / "germeval-dev-full.spacy", nlp.vocab, germeval)
    (out / "germeval-dev-heldout.tsv").write_text("\n".join(held_out_blocks), encoding="utf-8")
    (out / "germeval-dev-tune.tsv").write_text("\n".join(tune_blocks), encoding="utf-8")
    raw = [s.words for c in corpora.values() for s in c] + [s.words for s in tune]
    stats["raw-text-sentences"] = write_raw_text(out / "raw.jsonl", [*raw, *spkatt_sentences(data)])
    (out / "stats.json").write_text(json.dumps(stats, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(stats, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
