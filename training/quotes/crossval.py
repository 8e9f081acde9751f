"""Cross-validated scores of the quotation extractor on the train split.

Dev holds 150 documents and only 77 top-level direct quotations, so one of them moves the
direct-quote figures by more than a point. This script scores the 700 train documents: each
fold's documents (document ``n`` is in fold ``n % folds``, as in ``train.py``) are predicted by
the taggers ``train.py --fold-models`` trained without that fold (missing ones are trained).
The fold taggers learn from three quarters of train, so they are weaker than the shipped ones;
the message filter, sentence classifier and medium classifier are the shipped ones, which were
trained on these documents' cross-validated candidates, so they have seen the labels. The
figures are an estimate beside dev, not a replacement for the held-out test split.

    OMP_NUM_THREADS=1 .venv/bin/python training/quotes/crossval.py \\
        --data ../shared/data/spkatt2023/task2_news_2024_release --fold-models build/quote-folds
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

# the sibling script training/quotes/train.py
from train import FILTER_FOLDS, POS_MODEL, fold_models

from lagebild.analyze.quote_extract import MODEL_DIR, QuoteExtractor
from lagebild.evaluate.quotes import (
    format_scores,
    groups_of,
    predict_documents,
    read_documents,
    score_documents,
    speaker_of_form,
)

# the shipped files a fold folder takes besides its own lexicon and taggers
SHIPPED_FILES = ("message_filter.json", "sentences.json", "medium.json")


def cross_validated_predictions(
    documents: list[dict[str, Any]], folds: int, work_dir: Path, model_dir: Path
) -> list[dict[str, Any]]:
    """Every document predicted by the fold taggers trained without it, in input order."""
    predicted: list[dict[str, Any] | None] = [None] * len(documents)
    for k, (held_out, fold_dir) in enumerate(
        fold_models(documents, folds, work_dir, pos_model=model_dir / POS_MODEL.name)
    ):
        for name in SHIPPED_FILES:
            if (model_dir / name).exists():
                shutil.copy(model_dir / name, fold_dir / name)
        indices = [n for n in range(len(documents)) if n % folds == k]
        done = predict_documents(held_out, QuoteExtractor(fold_dir))
        for n, doc in zip(indices, done, strict=True):
            predicted[n] = doc
        print(f"fold {k + 1}/{folds} predicted", flush=True)
    return [doc for doc in predicted if doc is not None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="task2_news_2024_release folder")
    parser.add_argument("--fold-models", type=Path, required=True, help="train.py --fold-models")
    parser.add_argument("--model", type=Path, default=MODEL_DIR, help="the shipped model folder")
    parser.add_argument("--folds", type=int, default=FILTER_FOLDS)
    args = parser.parse_args(argv)
    train = list(read_documents(args.data / "train.jsonl.gz"))
    predicted = cross_validated_predictions(train, args.folds, args.fold_models, args.model)
    gold, system = groups_of(train), groups_of(predicted)
    print(f"train, {len(train)} documents, {args.folds}-fold cross-validation")
    print(format_scores(score_documents(gold, system), "full task:"))
    print(format_scores(score_documents(gold, system, simplified=True), "simplified task:"))
    direct = score_documents(gold, system, simplified=True, form="Direct")
    print(format_scores(direct, "direct quotes only:"))
    title = "speaker of each gold direct quote, any predicted form:"
    print(format_scores(speaker_of_form(gold, system, "Direct"), title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
