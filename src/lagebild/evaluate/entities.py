"""`lagebild eval entities`: mention clustering precision/recall on must/must-not pairs.

``tests/data/clustering_pairs.jsonl`` holds short German texts written by us. Each gives the
NER layer (surface text and GermEval label; every occurrence of a surface becomes a mention of
one NER entity, as the ``ner`` stage produces them) and pairs of surfaces that must or must not
end in the same entity after the ``entities`` and ``places`` stages (the first occurrence of
each surface is looked up; adjectives such as ``syrischen`` are found by the stage itself).

A must-merge pair that is merged is a true positive, one left apart a false negative; a
must-not pair that is merged is a false positive. Precision = TP / (TP + FP),
recall = TP / (TP + FN).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from lagebild.article import Article, Entity, Mention, entity_id
from lagebild.evaluate.metrics import Counts

DEFAULT_GOLD = Path("tests/data/clustering_pairs.jsonl")


@dataclass(frozen=True)
class PairResult:
    example: str
    a: str
    b: str
    must_merge: bool
    merged: bool


def ner_article(example: dict[str, Any]) -> Article:
    """The example text with its NER layer: one entity per (label, surface), all occurrences."""
    text = example["text"]
    entities = []
    taken: list[tuple[int, int]] = []
    for surface, label in sorted(example["ner"], key=lambda item: -len(item[0])):
        coarse = label[:3]
        entity = Entity(id=entity_id(coarse, surface), type=coarse, name=surface)
        for start, end in occurrences(text, surface):
            if any(s < end and start < e for s, e in taken):
                continue  # part of a longer name: NER tags the outermost span only
            taken.append((start, end))
            kind = "adjective" if label.endswith("deriv") else "name"
            mention = Mention(text=surface, start=start, end=end, kind=kind)
            mention.label = label
            entity.mentions.append(mention)
        if entity.mentions:
            entities.append(entity)
    return Article(text=text, entities=entities)


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = r"(?<![\w-])" + re.escape(surface) + r"(?![\w'’-])"
    return [m.span() for m in re.finditer(pattern, text)]


def entity_at(article: Article, start: int, end: int) -> str | None:
    for entity in article.entities:
        if any(m.start < end and start < m.end for m in entity.mentions):
            return entity.id
    return None


def evaluate(examples: list[dict[str, Any]]) -> list[PairResult]:
    from lagebild.analyze.entities import EntityStage
    from lagebild.analyze.places import PlaceStage

    entities, places = EntityStage(), PlaceStage()
    results = []
    for example in examples:
        article = places(entities(ner_article(example)))
        text = example["text"]
        for a, b, must_merge in example["pairs"]:
            ids = []
            for surface in (a, b):
                spans = [
                    (start, end)
                    for start, end in occurrences(text, surface)
                    if not any(
                        len(other) > len(surface) and s <= start and end <= e
                        for other, _ in example["ner"]
                        for s, e in occurrences(text, other)
                    )
                ]
                if not spans:
                    raise ValueError(f"{example['id']}: {surface!r} not in the text")
                ids.append(entity_at(article, *spans[0]))
            merged = ids[0] is not None and ids[0] == ids[1]
            results.append(PairResult(example["id"], a, b, bool(must_merge), merged))
    return results


def score(results: list[PairResult]) -> dict[str, float]:
    tp = sum(r.must_merge and r.merged for r in results)
    fn = sum(r.must_merge and not r.merged for r in results)
    fp = sum(not r.must_merge and r.merged for r in results)
    counts = Counts(tp, fp, fn)
    return {
        "pairs": len(results),
        "must_merge": tp + fn,
        "must_not_merge": len(results) - tp - fn,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="pairs JSONL")
    parser.add_argument("--errors", action="store_true", help="list the pairs got wrong")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    lines = args.gold.read_text(encoding="utf-8").splitlines()
    examples = [json.loads(line) for line in lines if line.strip()]
    results = evaluate(examples)
    scores = score(results)
    if args.json:
        json.dump(scores, out, indent=2)
        out.write("\n")
        return 0
    out.write(
        f"{args.gold}: {len(examples)} texts, {scores['pairs']} pairs "
        f"({scores['must_merge']} must merge, {scores['must_not_merge']} must not)\n"
        f"  precision {100 * scores['precision']:6.2f}  recall {100 * scores['recall']:6.2f}"
        f"  F1 {100 * scores['f1']:6.2f}\n"
    )
    if args.errors:
        for r in results:
            if r.must_merge != r.merged:
                wanted = "merge" if r.must_merge else "stay apart"
                out.write(f"  {r.example}: {r.a!r} / {r.b!r} should {wanted}\n")
    return 0
