"""`lagebild eval ner`: strict outer-chunk precision/recall/F1 on GermEval 2014 TSV.

The gold file has comment lines (``#``), then ``index<TAB>token<TAB>outer<TAB>inner`` per token
and a blank line after each sentence. The NER pipeline tags the *given* tokens (no re-tokenising)
and predicted chunks are matched against the outer-column chunks the way conlleval does: a chunk
counts only when its first token, last token and label are all right. Scores are printed overall
(micro), per GermEval label (12 labels) and per coarse type (deriv/part folded away).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lagebild.analyze.ner import MODEL_PATH, coarse_type, load_model
from lagebild.evaluate.metrics import Counts

if TYPE_CHECKING:
    from spacy.language import Language

FINE_LABELS = tuple(f"{c}{s}" for c in ("PER", "LOC", "ORG", "OTH") for s in ("", "deriv", "part"))
COARSE_LABELS = ("PER", "LOC", "ORG", "OTH")

Chunk = tuple[int, int, str]  # (first token, end token exclusive, label)


@dataclass
class GoldSentence:
    comment: str
    tokens: list[str]
    outer: list[str]
    inner: list[str] = field(default_factory=list)


def read_germeval(lines: Iterable[str]) -> Iterator[GoldSentence]:
    """Sentences of a GermEval 2014 TSV file."""
    comment = ""
    tokens: list[str] = []
    outer: list[str] = []
    inner: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.startswith("#"):
            comment = line
            continue
        if not line.strip():
            if tokens:
                yield GoldSentence(comment, tokens, outer, inner)
            comment, tokens, outer, inner = "", [], [], []
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise ValueError(f"expected index, token and outer tag: {line!r}")
        tokens.append(cols[1])
        outer.append(cols[2])
        inner.append(cols[3] if len(cols) > 3 else "O")
    if tokens:
        yield GoldSentence(comment, tokens, outer, inner)


def chunks(tags: Sequence[str]) -> set[Chunk]:
    """conlleval chunks of an IOB tag sequence (an I- tag after O or another type starts one)."""
    found: set[Chunk] = set()
    start = -1
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and kind != label)
        if start >= 0 and (tag == "O" or begins):
            found.add((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and begins:
            start, label = i, kind
    return found


@dataclass
class Scores:
    overall: Counts = field(default_factory=Counts)
    fine: dict[str, Counts] = field(default_factory=dict)
    coarse: dict[str, Counts] = field(default_factory=dict)
    coarse_overall: Counts = field(default_factory=Counts)

    def add(self, gold_tags: Sequence[str], predicted_tags: Sequence[str]) -> None:
        gold, predicted = chunks(gold_tags), chunks(predicted_tags)
        self._count(self.overall, self.fine, gold, predicted)
        fold = {(s, e, coarse_type(label)) for s, e, label in gold}
        fold_pred = {(s, e, coarse_type(label)) for s, e, label in predicted}
        self._count(self.coarse_overall, self.coarse, fold, fold_pred)

    @staticmethod
    def _count(
        total: Counts, per_label: dict[str, Counts], gold: set[Chunk], predicted: set[Chunk]
    ) -> None:
        for chunk in gold & predicted:
            total.tp += 1
            per_label.setdefault(chunk[2], Counts()).tp += 1
        for chunk in predicted - gold:
            total.fp += 1
            per_label.setdefault(chunk[2], Counts()).fp += 1
        for chunk in gold - predicted:
            total.fn += 1
            per_label.setdefault(chunk[2], Counts()).fn += 1


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Scores:
    scores = Scores()
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        scores.add(gold_tags, predicted_tags)
    return scores


def tag_sentences(nlp: Language, sentences: Sequence[GoldSentence]) -> list[list[str]]:
    """Predicted IOB tags for the given tokens of each sentence."""
    from spacy.tokens import Doc

    docs: Iterable[Doc] = (Doc(nlp.vocab, words=s.tokens) for s in sentences)
    for _name, component in nlp.pipeline:
        docs = component.pipe(docs, batch_size=256)
    return [[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc] for doc in docs]


def write_predictions(
    out: TextIO, sentences: Sequence[GoldSentence], predicted: Sequence[Sequence[str]]
) -> None:
    """The gold file's layout with the predicted outer tag in column 3 and ``O`` in column 4."""
    for sentence, tags in zip(sentences, predicted, strict=True):
        if sentence.comment:
            out.write(sentence.comment + "\n")
        for i, (token, tag) in enumerate(zip(sentence.tokens, tags, strict=True), start=1):
            out.write(f"{i}\t{token}\t{tag}\tO\n")
        out.write("\n")


def format_scores(scores: Scores) -> str:
    lines = [f"{'label':<10} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6}"]

    def row(name: str, c: Counts) -> str:
        return (
            f"{name:<10} {100 * c.precision:7.2f} {100 * c.recall:7.2f} {100 * c.f1:7.2f} "
            f"{c.tp + c.fn:6d} {c.tp + c.fp:6d}"
        )

    lines.append(row("overall", scores.overall))
    lines.append("-- 12 GermEval labels (strict outer chunks)")
    lines.extend(row(label, scores.fine.get(label, Counts())) for label in FINE_LABELS)
    lines.append("-- 4 coarse types (deriv/part folded into their type)")
    lines.append(row("overall", scores.coarse_overall))
    lines.extend(row(label, scores.coarse.get(label, Counts())) for label in COARSE_LABELS)
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, required=True, help="GermEval 2014 TSV file")
    parser.add_argument("--predictions", type=Path, help="write the predicted TSV here")
    parser.add_argument(
        "--model", type=Path, default=MODEL_PATH, help="spaCy pipeline (default: shipped model)"
    )


def run(args: argparse.Namespace) -> int:
    with args.gold.open(encoding="utf-8") as handle:
        sentences = list(read_germeval(handle))
    nlp = load_model(str(args.model))
    predicted = tag_sentences(nlp, sentences)
    scores = score((s.outer for s in sentences), predicted)
    tokens = sum(len(s.tokens) for s in sentences)
    labels = Counter(label for s in sentences for *_, label in chunks(s.outer))
    print(
        f"gold: {args.gold} ({len(sentences)} sentences, {tokens} tokens, "
        f"{sum(labels.values())} outer chunks)"
    )
    print(format_scores(scores))
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            write_predictions(out, sentences, predicted)
        print(f"predictions: {args.predictions}", file=sys.stderr)
    return 0
