"""Trains the sentence classifier (``sentences.json``) of the quotation extractor.

The message tagger misses whole sentences of speech: reported speech ("Die Kommission
forderte ein Verbot": in the release the message is the whole sentence, speaker inside, no
cue), indirect speech it does not recognise ("Nach Angaben der Polizei wurde niemand
verletzt"), and free indirect speech that continues an earlier message without a cue. Every
sentence that no message found by the taggers, rules and filter touches is a candidate
(``sentence_candidates``); its label is the form of the gold message that covers at least
``COVER`` of its tokens, else ``none``. A multinomial logistic regression (scikit-learn) is
trained on cross-validated candidates of train: the train split is cut into ``--folds`` parts
as for the message filter (``train.py --fold-models`` keeps those fold taggers and this script
reuses them; missing ones are trained), each part's candidates come from taggers trained
without it. The threshold on the probability of a message is chosen on dev (best dev joint F1
averaged with the neighbouring thresholds), so dev figures are somewhat optimistic.

    OMP_NUM_THREADS=1 .venv/bin/python training/quotes/train_sentences.py \\
        --data ../shared/data/spkatt2023/task2_news_2024_release --fold-models build/quote-folds
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

# the sibling script training/quotes/train.py
from train import FILTER_FOLDS, POS_MODEL, fold_models, steady_best

from lagebild.analyze.quote_extract import (
    MODEL_DIR,
    NO_MESSAGE,
    QuoteExtractor,
    sentence_candidates,
)
from lagebild.analyze.quote_features import sentence_features
from lagebild.evaluate.quotes import (
    format_scores,
    groups_of,
    predict_documents,
    read_documents,
    score_documents,
)

COVER = 0.3  # share of a sentence's tokens a gold message must cover to label it
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 15))
# the extractor's files a fold folder needs besides its own taggers
SHARED_FILES = ("message_filter.json", "medium.json")

Row = tuple[dict[str, float], str]


def sentence_label(sentence: list[int], annotations: list[dict[str, Any]]) -> str:
    """The form of the gold message with most tokens in the sentence when it covers at least
    ``COVER`` of it, else ``NO_MESSAGE``."""
    tokens = set(sentence)
    best, form = 0, NO_MESSAGE
    for annotation in annotations:
        inside = len(tokens & set(annotation["quote"]["tokenIds"]))
        if inside > best:
            best, form = inside, annotation["type"]
    return form if best >= COVER * len(sentence) else NO_MESSAGE


def candidate_rows(documents: list[dict[str, Any]], extractor: QuoteExtractor) -> list[Row]:
    """Features and label of every candidate sentence of the documents."""
    rows: list[Row] = []
    for doc in documents:
        tokens = [t["text"] for t in doc["tokens"]]
        sentence_ids = [t["sentence"] for t in doc["tokens"]]
        quotes, info = extractor.filtered(tokens, sentence_ids)
        for sentence, cue, context in sentence_candidates(info, quotes):
            features = sentence_features(info, sentence, cue, context)
            rows.append((features, sentence_label(sentence, doc.get("annotations") or [])))
    return rows


def cross_validated_rows(
    documents: list[dict[str, Any]], folds: int, work_dir: Path, model_dir: Path
) -> list[Row]:
    """``candidate_rows`` of every train document from taggers trained without its fold (and
    the shipped message filter and medium classifier)."""
    rows: list[Row] = []
    for k, (held_out, fold_dir) in enumerate(
        fold_models(documents, folds, work_dir, pos_model=model_dir / POS_MODEL.name)
    ):
        for name in SHARED_FILES:
            if (model_dir / name).exists():
                shutil.copy(model_dir / name, fold_dir / name)
        (fold_dir / "sentences.json").unlink(missing_ok=True)
        rows.extend(candidate_rows(held_out, QuoteExtractor(fold_dir)))
        print(f"sentences: fold {k + 1}/{folds}, {len(rows)} candidates", flush=True)
    return rows


def fit(rows: list[Row], c: float) -> tuple[dict[str, Any], DictVectorizer, LogisticRegression]:
    """A multinomial logistic regression as JSON weights for ``LinearClassifier``."""
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for f, _ in rows])
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(x, [label for _, label in rows])
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): [round(float(w), 4) for w in model.coef_[:, k]]
        for k, name in enumerate(names)
        if np.abs(model.coef_[:, k]).max() >= 1e-4
    }
    data = {
        "source": "SpkAtt 2023 task 2 news, 2024 release: cross-validated candidates on train",
        "c": c,
        "counts": dict(Counter(label for _, label in rows)),
        "labels": [str(label) for label in model.classes_],
        "bias": [round(float(b), 4) for b in model.intercept_],
        "weights": weights,
        "threshold": 0.5,
    }
    return data, vectorizer, model


def dev_scores(dev: list[dict[str, Any]], out: Path, threshold: float) -> dict[str, float]:
    extractor = QuoteExtractor(out, sentence_threshold=threshold)
    return score_documents(groups_of(dev), groups_of(predict_documents(dev, extractor)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="task2_news_2024_release folder")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 regularisation")
    parser.add_argument("--folds", type=int, default=FILTER_FOLDS)
    parser.add_argument(
        "--fold-models",
        type=Path,
        default=None,
        help="fold taggers of train.py --fold-models (missing ones are trained)",
    )
    args = parser.parse_args(argv)
    train_docs = list(read_documents(args.data / "train.jsonl.gz"))
    dev_docs = list(read_documents(args.data / "dev.jsonl.gz"))
    target = args.out / "sentences.json"
    target.unlink(missing_ok=True)
    extractor = QuoteExtractor(args.out)
    baseline = score_documents(
        groups_of(dev_docs), groups_of(predict_documents(dev_docs, extractor))
    )
    with tempfile.TemporaryDirectory() as scratch:
        work_dir = args.fold_models or Path(scratch)
        train_rows = cross_validated_rows(train_docs, args.folds, work_dir, args.out)
    dev_rows = candidate_rows(dev_docs, extractor)
    for name, rows in (("train", train_rows), ("dev", dev_rows)):
        print(f"{name}: {dict(Counter(label for _, label in rows))}", flush=True)
    data, vectorizer, model = fit(train_rows, args.c)
    probabilities = model.predict_proba(vectorizer.transform([f for f, _ in dev_rows]))
    message = 1.0 - probabilities[:, list(model.classes_).index(NO_MESSAGE)]
    truth = [label != NO_MESSAGE for _, label in dev_rows]
    print(f"dev AUC (message or none) {roc_auc_score(truth, message):.3f}", flush=True)
    print(format_scores(baseline, "dev without the sentence classifier:"))
    sweep = []
    for threshold in THRESHOLDS:
        data["threshold"] = threshold
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, sort_keys=True)
        scores = dev_scores(dev_docs, args.out, threshold)
        print(
            f"threshold {threshold:.2f}: {int((message >= threshold).sum())} dev sentences; "
            f"joint F1 {100 * scores['joint_f1']:.2f}, messages {100 * scores['message_f1']:.2f}"
            f", speaker {100 * scores['speaker_f1']:.2f}, form {100 * scores['form_f1']:.2f}",
            flush=True,
        )
        sweep.append((threshold, scores))
    data["threshold"] = steady_best(sweep)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, sort_keys=True)
    print(f"threshold {data['threshold']} (chosen on dev)")
    print(format_scores(dev_scores(dev_docs, args.out, data["threshold"]), "dev with it:"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
