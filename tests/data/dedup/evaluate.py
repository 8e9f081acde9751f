"""Near-duplicate and story evaluation set: our own articles and generated variations of them.

``articles.jsonl`` (beside this file) holds short articles written for lagebild, each with the
event it reports. Every base article (and every article of ``examples/text``, when given)
gets variations: an agency copy (new title and source, same body), a trimmed copy (last
paragraph dropped), and an edited copy (a few words replaced, a sentence added). Two
articles of one event also give a "round-up": the lead and first paragraph of one and the
last paragraph of the other, a new article that shares text with both but copies neither. Gold:

- near-duplicates: a base article and its variations form one group;
- stories: all articles (and variations) of one event form one story (examples/text is left
  out of the story gold: its events were not labelled by us).

Scores are pairwise precision/recall/F1 over all pairs of articles.

    .venv/bin/python tests/data/dedup/evaluate.py [--examples examples/text] [--sweep]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from lagebild.analyze import AnalyzeConfig
from lagebild.article import Article, Paragraph
from lagebild.read import read_paths
from lagebild.store.dedup import DedupConfig
from lagebild.store.ingest import IngestOptions, ingest
from lagebild.store.stories import StoryConfig

HERE = Path(__file__).resolve().parent
BASE = HERE / "articles.jsonl"
LIGHT = AnalyzeConfig(stages=("sentences",))

SUBSTITUTIONS = {
    "sagte": "erklärte",
    "rund": "etwa",
    "Menschen": "Personen",
    "bislang": "bisher",
    "mehrere": "einige",
    "Stadt": "Kommune",
    "am Morgen": "in der Früh",
    "Angaben": "Informationen",
    "Die": "Diese",
    "nach": "laut",
}
CLOSINGS = [
    "Weitere Einzelheiten waren zunächst nicht bekannt.",
    "Die Lage wird weiter beobachtet.",
    "Eine offizielle Stellungnahme stand am Abend noch aus.",
]
AGENCY_SOURCES = ["agenturdienst.example", "regionalzeitung.example", "newsportal.example"]


@dataclass(frozen=True)
class Item:
    article: Article
    group: str  # near-duplicate group (the base article)
    event: str | None  # story gold; None: not labelled


def base_articles(examples: Path | None = None) -> list[Item]:
    items = []
    for line in BASE.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        article = Article(
            title=data["title"],
            lead=data["lead"],
            paragraphs=[Paragraph(text=p) for p in data["paragraphs"]],
            published=data["published"],
            source=data["source"],
            format="json",
        )
        article.assemble_text()
        items.append(Item(article, data["key"], data["event"]))
    if examples is not None:
        for n, article in enumerate(read_paths([str(examples)])):
            if isinstance(article, Article):
                if not article.published:
                    article.published = (date(2024, 7, 1) + timedelta(days=n)).isoformat()
                items.append(Item(article, f"example-{n}", None))
    return items


def _copy(article: Article, **changes: object) -> Article:
    data = article.to_dict()
    data.update(changes)
    data.pop("id", None)
    data.pop("text", None)
    copy = Article.from_dict(data)
    copy.assemble_text()
    return copy


def _later(published: str | None, days: int) -> str | None:
    if not published:
        return published
    return (date.fromisoformat(published[:10]) + timedelta(days=days)).isoformat()


def agency_copy(article: Article, rng: random.Random) -> Article:
    title = f"{article.title} – {rng.choice(['Überblick', 'Die Lage', 'Aktuell'])}"
    return _copy(article, title=title, source=rng.choice(AGENCY_SOURCES), kicker=None)


def trimmed(article: Article, rng: random.Random) -> Article:
    paragraphs = [p.model_dump() for p in article.paragraphs]
    if len(paragraphs) > 1:
        paragraphs = paragraphs[:-1]
    else:
        sentences = paragraphs[0]["text"].split(". ")
        paragraphs[0]["text"] = ". ".join(sentences[:-1]) + "."
    return _copy(
        article,
        paragraphs=paragraphs,
        source=rng.choice(AGENCY_SOURCES),
        published=_later(article.published, rng.randint(0, 1)),
    )


def edited(article: Article, rng: random.Random) -> Article:
    paragraphs = []
    for paragraph in article.paragraphs:
        text = paragraph.text
        for old, new in SUBSTITUTIONS.items():
            if old in text and rng.random() < 0.5:
                text = text.replace(old, new, 1)
        paragraphs.append({"kind": paragraph.kind, "text": text})
    paragraphs.append({"kind": "paragraph", "text": rng.choice(CLOSINGS)})
    title = (article.title or "").replace(":", " –", 1)
    return _copy(article, title=title, paragraphs=paragraphs, source=rng.choice(AGENCY_SOURCES))


VARIATIONS = (agency_copy, trimmed, edited)


def roundup(article: Article, sibling: Article, rng: random.Random) -> Article:
    """A new article of the same event built from parts of two: a duplicate of neither."""
    paragraphs = [article.paragraphs[0].model_dump(), sibling.paragraphs[-1].model_dump()]
    return _copy(
        sibling,
        title=f"{sibling.title} – Zusammenfassung",
        lead=article.lead,
        paragraphs=paragraphs,
        source=rng.choice(AGENCY_SOURCES),
        published=_later(sibling.published, 1),
    )


def evaluation_set(examples: Path | None = None, seed: int = 7) -> list[Item]:
    """The base articles and their variations, in a shuffled (but date-respecting) order."""
    rng = random.Random(seed)
    items = []
    bases = base_articles(examples)
    for item in bases:
        items.append(item)
        for vary in VARIATIONS:
            items.append(replace(item, article=vary(item.article, rng)))
    by_event = defaultdict(list)
    for item in bases:
        if item.event is not None:
            by_event[item.event].append(item)
    for event, members in by_event.items():
        for first, second in itertools.pairwise(members):
            article = roundup(first.article, second.article, rng)
            items.append(Item(article, f"roundup-{first.group}-{second.group}", event))
    rng.shuffle(items)
    return items


def pairwise(predicted: dict[str, str], gold: dict[str, str | None]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering against gold labels."""
    ids = [i for i in gold if gold[i] is not None]
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same_pred = predicted[a] == predicted[b]
        same_gold = gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": tp + fn}


def write_inputs(items: Iterable[Item], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for n, item in enumerate(items):
        (directory / f"{n:04d}.json").write_text(item.article.to_json(), encoding="utf-8")


def score_store(db: Path, items: list[Item]) -> dict[str, dict[str, float]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, coalesce(duplicate_of, id), story_id FROM articles")
        stored = {r[0]: (r[1], str(r[2])) for r in rows}
    missing = [i.article.id for i in items if i.article.id not in stored]
    if missing:
        raise AssertionError(f"{len(missing)} articles were not stored")
    duplicates = pairwise(
        {i.article.id: stored[i.article.id][0] for i in items},
        {i.article.id: i.group for i in items},
    )
    stories = pairwise(
        {i.article.id: stored[i.article.id][1] for i in items},
        {i.article.id: i.event for i in items},
    )
    return {"near_duplicates": duplicates, "stories": stories}


def run(
    items: list[Item],
    workdir: Path,
    dedup: DedupConfig | None = None,
    stories: StoryConfig | None = None,
) -> dict[str, dict[str, float]]:
    dedup, stories = dedup or DedupConfig(), stories or StoryConfig()
    inputs = workdir / "in"
    if not inputs.exists():
        write_inputs(items, inputs)
    db = workdir / f"store-{dedup.threshold}-{stories.threshold}.db"
    options = IngestOptions(dedup=dedup, stories=stories)
    ingest([str(inputs)], db, LIGHT, options)
    return score_store(db, items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, help="also vary the articles in this directory")
    parser.add_argument("--sweep", action="store_true", help="try several thresholds")
    args = parser.parse_args(argv)
    items = evaluation_set(args.examples)
    labelled = sum(i.event is not None for i in items)
    print(f"{len(items)} articles ({labelled} with a story label)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        settings = [(DedupConfig(), StoryConfig())]
        if args.sweep:
            settings = [
                (DedupConfig(threshold=d), StoryConfig(threshold=s))
                for d, s in itertools.product((0.3, 0.4, 0.5, 0.6, 0.7, 0.8), (0.1, 0.15, 0.2, 0.3))
            ]
        results = defaultdict(dict)
        for dedup, story in settings:
            scores = run(items, Path(tmp), dedup, story)
            key = f"dedup {dedup.threshold} / story {story.threshold}"
            results[key] = scores
            nd, st = scores["near_duplicates"], scores["stories"]
            print(
                f"{key}: near-duplicates P {nd['precision']:.3f} R {nd['recall']:.3f} "
                f"F1 {nd['f1']:.3f} ({nd['pairs']} pairs); stories P {st['precision']:.3f} "
                f"R {st['recall']:.3f} F1 {st['f1']:.3f} ({st['pairs']} pairs)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
