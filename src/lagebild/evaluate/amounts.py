"""`lagebild eval amounts`: precision and recall of the ``amounts`` stage on annotated articles.

The gold file is JSON Lines, one article per line::

    {"file": "tests/data/amounts_articles/01_hochwasser.txt", "published": "2026-03-02",
     "amounts": [{"text": "etwa 50.000 Menschen", "start": 120, "end": 140, "value": 50000,
                  "object": "Menschen", "unit": null, "approximate": true}, ...]}

``file`` is relative to the gold file's repository root (the folder holding ``tests/``) or
absolute; offsets are into the file's text as read (UTF-8). The whole file is tagged, so
numbers in photo credits and source lines count too. A prediction matches a gold amount when
the spans overlap and the values are equal; ``object``, ``unit`` and ``approximate`` are
reported as accuracies over the matches, the exact span as a separate figure.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

from lagebild.analyze.amounts import AmountStage
from lagebild.article import Amount, Article
from lagebild.evaluate.metrics import f1, repository_root, run_on_gold

# the test set in the repository (src/lagebild/evaluate/amounts.py → repository root)
DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "amounts_gold.jsonl"


@dataclass
class GoldArticle:
    path: Path
    published: str | None
    text: str
    amounts: list[Amount]
    stale: int = 0  # gold amounts whose text is no longer in the (edited) article


def load_gold(gold_path: Path, root: Path | None = None) -> list[GoldArticle]:
    root = root or repository_root(gold_path)
    articles: list[GoldArticle] = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        path = Path(record["file"])
        path = path if path.is_absolute() else root / path
        text = path.read_text(encoding="utf-8")
        located = [_locate(Amount.model_validate(a), text) for a in record["amounts"]]
        amounts = [a for a in located if a is not None]
        stale = len(located) - len(amounts)
        articles.append(GoldArticle(path, record.get("published"), text, amounts, stale))
    return articles


def _locate(amount: Amount, text: str) -> Amount | None:
    """Trust the offsets if they still point at the text, else find the nearest occurrence
    (``None`` when the article was edited and the text is gone)."""
    if text[amount.start : amount.end] == amount.text:
        return amount
    positions: list[int] = []
    index = text.find(amount.text)
    while index >= 0:
        positions.append(index)
        index = text.find(amount.text, index + 1)
    if not positions:
        return None
    start = min(positions, key=lambda p: abs(p - amount.start))
    return amount.model_copy(update={"start": start, "end": start + len(amount.text)})


@dataclass
class AmountCounts:
    gold: int = 0
    system: int = 0
    matched: int = 0
    exact_span: int = 0
    object_correct: int = 0
    unit_correct: int = 0
    approximate_correct: int = 0
    stale: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, gold: list[Amount], system: list[Amount]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        used: set[int] = set()
        for g in gold:
            match = next(
                (
                    i
                    for i, s in enumerate(system)
                    if i not in used and s.start < g.end and g.start < s.end and s.value == g.value
                ),
                None,
            )
            if match is None:
                self.errors.append(f"{name}\tMISS\t{g.text!r} {g.value}")
                continue
            used.add(match)
            s = system[match]
            self.matched += 1
            self.exact_span += (s.start, s.end) == (g.start, g.end)
            self.object_correct += s.object == g.object
            self.unit_correct += s.unit == g.unit
            self.approximate_correct += s.approximate == g.approximate
            if (s.start, s.end) != (g.start, g.end) or s.object != g.object or s.unit != g.unit:
                self.errors.append(
                    f"{name}\tDIFF\t{g.text!r} obj={g.object} unit={g.unit}\t"
                    f"{s.text!r} obj={s.object} unit={s.unit}"
                )
        for i, s in enumerate(system):
            if i not in used:
                self.errors.append(f"{name}\tEXTRA\t{s.text!r} {s.value}")

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def evaluate(gold_path: Path) -> AmountCounts:
    stage = AmountStage(None)
    counts = AmountCounts()
    for gold in load_gold(gold_path):
        article = Article(text=gold.text, published=gold.published)
        predicted = stage(article).amounts
        counts.add(gold.path.name, gold.amounts, predicted)
        counts.stale += gold.stale
    return counts


def format_report(counts: AmountCounts, label: str) -> str:
    m = counts.matched or 1
    stale = (
        [f"warning: {counts.stale} gold amounts no longer occur in their edited articles"]
        if counts.stale
        else []
    )
    return "\n".join(
        stale
        + [
            f"{label}: {counts.gold} gold, {counts.system} system amounts, "
            f"{counts.matched} matched",
            f"precision {counts.precision:.3f}  recall {counts.recall:.3f}  F1 {counts.f1:.3f}"
            "  (overlapping span and equal value)",
            f"over matches: exact span {counts.exact_span / m:.3f}, object "
            f"{counts.object_correct / m:.3f}, unit {counts.unit_correct / m:.3f}, approximate "
            f"{counts.approximate_correct / m:.3f}",
        ]
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gold", type=Path, default=DEFAULT_GOLD, help=f"gold JSONL (default {DEFAULT_GOLD})"
    )
    parser.add_argument("--errors", action="store_true", help="list misses and extras")


def run(args: argparse.Namespace) -> int:
    return run_on_gold(args.gold, evaluate, format_report, args.errors)
