"""Counting and scoring shared by the evaluations: precision, recall and F1; where the paths
in a gold file of the repository start; the run of an evaluation over such a gold file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def f1(p: float, r: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def repository_root(gold_path: Path) -> Path:
    """The repository holding a gold file (the folder with ``tests/`` and ``src/``), against
    which its relative article paths are read; the working directory when there is none."""
    for parent in gold_path.resolve().parents:
        if (parent / "tests").is_dir() and (parent / "src").is_dir():
            return parent
    return Path.cwd()


def run_on_gold(
    gold: Path,
    evaluate: Callable[[Path], Any],
    report: Callable[[Any, str], str],
    errors: bool,
) -> int:
    """Evaluates ``gold`` (a gold file of the repository), prints the report and, with
    ``errors``, the counts' ``errors`` lines; 2 when the file is missing."""
    if not gold.is_file():
        print(f"error: {gold} not found", file=sys.stderr)
        return 2
    counts = evaluate(gold)
    print(report(counts, gold.name))
    if errors:
        print("\n".join(counts.errors))
    return 0
