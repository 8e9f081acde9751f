"""Trains the reported-speech classifier (``reported.json``) of the quotation extractor.

Reported speech in the SpkAtt 2023 news release ("Die Kommission forderte ein Verbot") is a
whole sentence whose speaker lies inside it and which has, as annotated, no cue; the message
tagger rarely finds it. Candidates are sentences no message found by the shipped taggers, rules
and filter touches that hold a cue word of the lexicon (``reported_candidates``); label: more
than half of the sentence lies in a gold Reported message. A logistic regression (scikit-learn)
is trained on train only; its threshold is chosen on dev (best dev joint F1 averaged with the
neighbouring thresholds), so dev figures are somewhat optimistic.

    .venv/bin/python training/quotes/train_reported.py \\
        --data ../shared/data/spkatt2023/task2_news_2024_release
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from train import fit_logistic  # the sibling script training/quotes/train.py

from lagebild.analyze.quote_extract import MODEL_DIR, QuoteExtractor, reported_candidates
from lagebild.analyze.quote_features import reported_features
from lagebild.evaluate.quotes import (
    format_scores,
    groups_of,
    predict_documents,
    read_documents,
    score_documents,
)

THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 19))

Row = tuple[dict[str, float], bool]


def candidate_rows(
    documents: list[dict[str, Any]], extractor: QuoteExtractor, forms: frozenset[str]
) -> list[Row]:
    """Features and label (more than half in a gold message of one of ``forms``) of every
    candidate sentence of the documents."""
    rows: list[Row] = []
    for doc in documents:
        tokens = [t["text"] for t in doc["tokens"]]
        sentence_ids = [t["sentence"] for t in doc["tokens"]]
        reported = set()
        for annotation in doc.get("annotations") or []:
            if annotation["type"] in forms:
                reported.update(annotation["quote"]["tokenIds"])
        quotes, info = extractor.filtered(tokens, sentence_ids)
        for sentence, cue, context in reported_candidates(info, quotes):
            features = reported_features(tokens, sentence, info.lexicon, cue, context)
            inside = sum(1 for i in sentence if i in reported)
            rows.append((features, inside > 0.5 * len(sentence)))
    return rows


def train(rows: list[Row], c: float) -> tuple[dict[str, Any], DictVectorizer, LogisticRegression]:
    fields, vectorizer, model = fit_logistic(rows, c)
    data = {"source": "SpkAtt 2023 task 2 news, 2024 release: train split", "c": c, **fields}
    return data, vectorizer, model


def dev_joint(dev: list[dict[str, Any]], out: Path, threshold: float) -> dict[str, float]:
    extractor = QuoteExtractor(out, reported_threshold=threshold)
    return score_documents(groups_of(dev), groups_of(predict_documents(dev, extractor)))


def steady_best(sweep: list[tuple[float, float]]) -> float:
    """The threshold whose joint F1, averaged with its neighbours', is best."""
    values = [f for _, f in sweep]
    smooth = [
        sum(values[max(0, k - 1) : k + 2]) / len(values[max(0, k - 1) : k + 2])
        for k in range(len(values))
    ]
    return sweep[max(range(len(sweep)), key=smooth.__getitem__)][0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="task2_news_2024_release folder")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 regularisation")
    parser.add_argument(
        "--label-forms",
        default="Reported",
        help="comma-separated gold forms a positive sentence lies in (default: Reported)",
    )
    args = parser.parse_args(argv)
    forms = frozenset(args.label_forms.split(","))
    train_docs = list(read_documents(args.data / "train.jsonl.gz"))
    dev_docs = list(read_documents(args.data / "dev.jsonl.gz"))
    target = args.out / "reported.json"
    if target.exists():
        target.unlink()
    extractor = QuoteExtractor(args.out)
    baseline = score_documents(
        groups_of(dev_docs), groups_of(predict_documents(dev_docs, extractor))
    )
    train_rows = candidate_rows(train_docs, extractor, forms)
    dev_rows = candidate_rows(dev_docs, extractor, forms)
    for name, rows in (("train", train_rows), ("dev", dev_rows)):
        print(f"{name}: {len(rows)} candidates, {sum(y for _, y in rows)} positive", flush=True)
    data, vectorizer, model = train(train_rows, args.c)
    probs = model.predict_proba(vectorizer.transform([f for f, _ in dev_rows]))[:, 1]
    print(f"dev AUC {roc_auc_score([y for _, y in dev_rows], probs):.3f}", flush=True)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, sort_keys=True, indent=0)
    print(format_scores(baseline, "dev without reported speech:"))
    sweep = []
    for threshold in THRESHOLDS:
        scores = dev_joint(dev_docs, args.out, threshold)
        kept = sum(1 for p in probs if p >= threshold)
        hits = sum(1 for p, (_, y) in zip(probs, dev_rows, strict=True) if p >= threshold and y)
        print(
            f"threshold {threshold:.2f}: {kept} kept, {hits} right; dev joint F1 "
            f"{100 * scores['joint_f1']:.2f}, messages {100 * scores['message_f1']:.2f}, "
            f"speaker {100 * scores['speaker_f1']:.2f}, form {100 * scores['form_f1']:.2f}",
            flush=True,
        )
        sweep.append((threshold, scores["joint_f1"]))
    data["threshold"] = steady_best(sweep)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, sort_keys=True, indent=0)
    print(f"threshold {data['threshold']} (chosen on dev)")
    print(format_scores(dev_joint(dev_docs, args.out, data["threshold"]), "dev with reported:"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
