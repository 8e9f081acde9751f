"""`lagebild eval structure`: how well the readers recover an article's structure.

The gold file is a JSON list with one object per article (our example corpus has one:
``tests/data/examples_manifest.json``): ``path`` (relative to ``--root``), ``record`` (position
inside the file), and the expected ``title``, ``kicker``, ``category``, ``lead`` (its first 60
characters), ``source``, ``contributors``, ``n_paragraphs``, ``n_subheadings``, ``n_images`` and
``published`` (date part compared). Prints per-field accuracy and the share of articles with
every field right; ``--errors`` lists each wrong field.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from lagebild.article import Article
from lagebild.read import ReadError, read_paths

FIELDS = (
    "title",
    "kicker",
    "category",
    "lead",
    "source",
    "contributors",
    "n_paragraphs",
    "n_subheadings",
    "n_images",
    "published",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, required=True, help="JSON list of expected fields")
    parser.add_argument(
        "--root", type=Path, help="folder the gold paths are relative to (default: examples/)"
    )
    parser.add_argument("--errors", action="store_true", help="list every wrong field")


def observed(article: Article) -> dict[str, Any]:
    kinds = [p.kind for p in article.paragraphs]
    return {
        "title": article.title,
        "kicker": article.kicker,
        "category": article.category,
        "lead": (article.lead or "")[:60],
        "source": article.source,
        "contributors": article.contributors,
        "n_paragraphs": kinds.count("paragraph"),
        "n_subheadings": kinds.count("subheading"),
        "n_images": len(article.images),
        "published": (article.published or "")[:10] or None,
    }


def score(gold: list[dict[str, Any]], root: Path) -> tuple[Counter[str], int, list[str]]:
    right: Counter[str] = Counter()
    complete = 0
    errors: list[str] = []
    cache: dict[str, list[Article | ReadError]] = {}
    for entry in gold:
        path = str(root / entry["path"])
        items = cache.setdefault(path, list(read_paths([path])))
        articles = [i for i in items if isinstance(i, Article)]
        where = f"{entry['path']}[{entry.get('record', 0)}]"
        if entry.get("record", 0) >= len(articles):
            errors.append(
                f"{where}: not read ({[str(i) for i in items if isinstance(i, ReadError)]})"
            )
            continue
        got = observed(articles[entry.get("record", 0)])
        wrong = 0
        for field in FIELDS:
            expected = entry.get(field)
            if field == "published" and expected:
                expected = expected[:10]
            if got[field] == expected:
                right[field] += 1
            else:
                wrong += 1
                errors.append(f"{where} {field}: expected {expected!r}, got {got[field]!r}")
        complete += wrong == 0
    return right, complete, errors


def run(args: argparse.Namespace) -> int:
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    root = args.root or Path(__file__).resolve().parents[3] / "examples"
    right, complete, errors = score(gold, root)
    total = len(gold)
    print(f"{args.gold}: {total} articles")
    print(f"{'field':14} {'accuracy':>9}")
    for field in FIELDS:
        print(f"{field:14} {right[field] / total:>9.3f}")
    print(f"{'all fields':14} {complete / total:>9.3f}")
    if args.errors:
        for line in errors:
            print(line)
    return 0
