"""Build the quotation model (src/lagebild/models/quotes-de/) from the SpkAtt 2023 news data.

    OMP_NUM_THREADS=1 .venv/bin/python training/quotes/train.py \
        --data ../shared/data/spkatt2023/task2_news_2024_release

1. grows the lexicon from the train split (``lexicon.json``: each word seen as a cue at least
   twice, with its precision as a cue and its most frequent medium; each word seen in speakers
   at least three times, with its smoothed precision as a speaker word; and the nouns naming
   the source next to a cue "nach", as in "nach Angaben");
2. trains the two CRF taggers on train (python-crfsuite, L-BFGS, deterministic: the same data
   gives byte-identical files): ``message.crfsuite`` over whole documents and
   ``roles.crfsuite`` (cue, speaker, addressee, frame) over the sentences around each gold
   top-level message;
3. trains the medium classifier (``medium.json``, logistic regression) on the gold messages;
4. trains the message filter (``message_filter.json``, logistic regression) on cross-validated
   predictions on train: the train split is cut into ``--folds`` parts, the lexicon and both
   taggers are trained on all but one and predict that one; each predicted message is labelled
   by whether it overlaps a gold message; the threshold is chosen on dev (best joint F1
   averaged with its neighbouring thresholds);
5. scores the extractor on dev with the shared task's metric and prints the figures.

``--taggers`` picks what to retrain (``message,roles,medium,filter``; the rest is kept from
``--out``). About 12 minutes on one core (the filter's cross-validation about 8 of them).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from lagebild.analyze.pos import PosTagger
from lagebild.analyze.quote_extract import (
    MODEL_DIR,
    QuoteExtractor,
    TokenQuote,
    annotations_for_release,
    filter_features,
    is_quoted,
    keep_likely,
    message_window,
    sentence_ranks,
)
from lagebild.analyze.quote_features import (
    Lexicon,
    RoleFeatures,
    document_features,
    medium_features,
    quote_depths,
)
from lagebild.evaluate.quotes import (
    format_scores,
    groups_of,
    overlap_f1,
    predict_documents,
    read_documents,
    score_documents,
)

MIN_CUE_COUNT = 2
MIN_MEDIUM_COUNT = 20  # Thought, TW and messages without a medium are too rare to learn
MEDIUM_C = 1.0
MIN_SPEAKER_COUNT = 3
FILTER_C = 1.0
FILTER_FOLDS = 4
POS_MODEL = MODEL_DIR / "pos.crfsuite"  # train_pos.py writes it
ITERATIONS, C1, C2 = 300, 0.05, 0.1  # L-BFGS iterations, L1 and L2 regularisation
FILTER_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(17))


def build_lexicon(documents: list[dict[str, Any]]) -> dict[str, Any]:
    as_cue: Counter[str] = Counter()
    as_speaker: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    media: dict[str, Counter[str]] = defaultdict(Counter)
    after_nach: Counter[str] = Counter()
    for doc in documents:
        texts = [t["text"] for t in doc["tokens"]]
        words = [t.lower() for t in texts]
        seen.update(words)
        cue_ids: set[int] = set()
        speaker_ids: set[int] = set()
        for ann in doc["annotations"]:
            ids = ann["cue"]["tokenIds"]
            cue_ids.update(ids)
            speaker_ids.update(ann["speaker"]["tokenIds"])
            if [words[i] for i in ids] == ["nach"]:
                # the noun naming the source: "nach (eigenen) *Angaben*", "*Worten* nach"
                nouns = [i for i in ann["speaker"]["tokenIds"] if texts[i][:1].isupper()]
                after = [i for i in nouns if i > ids[0]]
                before = [i for i in nouns if i < ids[0]]
                if after:
                    after_nach[words[after[0]]] += 1
                elif before:
                    after_nach[words[before[-1]]] += 1
            for i in ids:
                if ann.get("medium"):
                    media[words[i]][ann["medium"]] += 1
        as_cue.update(words[i] for i in cue_ids)
        as_speaker.update(words[i] for i in speaker_ids)
    cues = {
        w: [round(c / seen[w], 4), media[w].most_common(1)[0][0] if media[w] else None]
        for w, c in sorted(as_cue.items())
        if c >= MIN_CUE_COUNT and not w.isdigit()
    }
    speakers = {  # smoothed, so that a name seen twice as a speaker is not a sure sign
        w: round(c / (seen[w] + 1), 4)
        for w, c in sorted(as_speaker.items())
        if c >= MIN_SPEAKER_COUNT and not w.isdigit()
    }
    return {
        "source": "SpkAtt 2023 task 2 news, 2024 release, train split",
        "cues": cues,
        "speakers": speakers,
        "sources": sorted(w for w, c in after_nach.items() if c >= MIN_CUE_COUNT),
    }


def message_labels(doc: dict[str, Any]) -> list[str]:
    """B/I/C/O over the document: C starts a later piece of a discontinuous message."""
    labels = ["O"] * len(doc["tokens"])
    for ann in doc["annotations"]:
        if ann.get("isNested"):
            continue
        previous = None
        for i in sorted(set(ann["quote"]["tokenIds"])):
            if previous is None:
                labels[i] = "B"
            elif previous + 1 == i:
                labels[i] = "I"
            else:
                labels[i] = "C"
            previous = i
    return labels


def span_labels(ids: set[int], window: range, code: str, labels: list[str]) -> None:
    for k, i in enumerate(window):
        if i in ids and labels[k] == "O":
            labels[k] = ("I-" if k and window[k - 1] in ids else "B-") + code


ROLE_CODES_BY_PRIORITY = (("cue", "C"), ("speaker", "S"), ("addressee", "A"), ("frame", "F"))


def role_examples(
    doc: dict[str, Any], features: list[list[str]]
) -> list[tuple[list[list[str]], list[str]]]:
    """Per top-level message: window features and role labels (B-C, I-S, …, F: rest of frame)."""
    tokens = [t["text"] for t in doc["tokens"]]
    rank_of = sentence_ranks([t["sentence"] for t in doc["tokens"]])
    depths = quote_depths(tokens)
    featurize = RoleFeatures(features, rank_of)
    out = []
    for ann in doc["annotations"]:
        message = sorted(set(ann["quote"]["tokenIds"]))
        if ann.get("isNested") or not message:
            continue
        window = message_window(message, rank_of)
        feats = featurize(window, message, is_quoted(tokens, depths, message))
        roles = ["O"] * len(window)
        for name, code in ROLE_CODES_BY_PRIORITY:
            span_labels(set(ann[name]["tokenIds"]), window, code, roles)
        out.append((feats, roles))
    return out


def train_crf(
    sequences: list[tuple[list[list[str]], list[str]]],
    path: Path,
    iterations: int,
    c1: float = 0.05,
    c2: float = 0.01,
) -> None:
    started = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels in sequences:
        if feats:
            trainer.append(feats, labels)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(path))
    print(f"trained {path.stem} in {time.time() - started:.0f}s", flush=True)


def train_taggers(
    documents: list[dict[str, Any]],
    lexicon: Lexicon,
    out_dir: Path,
    iterations: int,
    c1: float,
    c2: float,
    taggers: tuple[str, ...] = ("message", "roles"),
) -> None:
    pos_path = out_dir / POS_MODEL.name  # the model folder holds its part-of-speech tagger
    pos = PosTagger(pos_path) if pos_path.exists() else None
    features = []
    for d in documents:
        tokens = [t["text"] for t in d["tokens"]]
        sentence_ids = [t["sentence"] for t in d["tokens"]]
        tags = pos.tag(tokens, sentence_ids) if pos is not None else None
        features.append(document_features(tokens, sentence_ids, lexicon, tags))
    if "message" in taggers:
        train_crf(
            [(f, message_labels(d)) for d, f in zip(documents, features, strict=True)],
            out_dir / "message.crfsuite",
            iterations,
            c1,
            c2,
        )
    if "roles" in taggers:
        examples = [
            ex for d, f in zip(documents, features, strict=True) for ex in role_examples(d, f)
        ]
        train_crf(examples, out_dir / "roles.crfsuite", iterations, c1, c2)


def medium_examples(
    documents: list[dict[str, Any]], lexicon: Lexicon
) -> tuple[list[list[str]], list[str]]:
    """Features and gold medium of every message with a medium in the documents."""
    features, labels = [], []
    for doc in documents:
        tokens = [t["text"] for t in doc["tokens"]]
        for ann in doc["annotations"]:
            if not ann.get("medium") or not ann["quote"]["tokenIds"]:
                continue
            ids = {name: sorted(set(ann[name]["tokenIds"])) for name in ROLE_NAMES}
            features.append(
                medium_features(
                    tokens,
                    ids["quote"],
                    ids["cue"],
                    ids["speaker"],
                    ids["frame"],
                    ids["addressee"],
                    ann["type"],
                    lexicon,
                )
            )
            labels.append(ann["medium"])
    return features, labels


ROLE_NAMES = ("quote", "cue", "speaker", "frame", "addressee")


def train_medium(
    documents: list[dict[str, Any]], lexicon: Lexicon, c: float = MEDIUM_C
) -> dict[str, Any]:
    """A logistic regression for the medium of a message, trained on the gold messages and
    roles, as JSON weights (labels seen fewer than ``MIN_MEDIUM_COUNT`` times are left out)."""
    features, labels = medium_examples(documents, lexicon)
    counts = Counter(labels)
    keep = [k for k, label in enumerate(labels) if counts[label] >= MIN_MEDIUM_COUNT]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(features[k], 1) for k in keep])
    y = [labels[k] for k in keep]
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): [round(float(w), 4) for w in model.coef_[:, j]]
        for j, name in enumerate(names)
        if np.abs(model.coef_[:, j]).max() >= 1e-3
    }
    return {
        "source": "SpkAtt 2023 task 2 news, 2024 release, train split (gold messages)",
        "labels": [str(label) for label in model.classes_],
        "bias": [round(float(b), 4) for b in model.intercept_],
        "weights": weights,
    }


def write_lexicon(documents: list[dict[str, Any]], out_dir: Path) -> Lexicon:
    data = build_lexicon(documents)
    with open(out_dir / "lexicon.json", "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=0, sort_keys=True)
    return Lexicon.from_json(data)


def scored_candidates(
    documents: list[dict[str, Any]], extractor: QuoteExtractor
) -> list[list[tuple[TokenQuote, dict[str, float], float]]]:
    """Per document: each message the extractor finds before its filter, with the filter's
    features and the best overlap F1 with a gold message (nested ones included)."""
    out = []
    for doc in documents:
        tokens = [t["text"] for t in doc["tokens"]]
        quotes, data = extractor.candidates(tokens, [t["sentence"] for t in doc["tokens"]])
        golds = [frozenset(a["quote"]["tokenIds"]) for a in doc["annotations"]]
        out.append(
            [
                (
                    q,
                    filter_features(data, q, len(quotes)),
                    max((overlap_f1(g, frozenset(q.message)) for g in golds), default=0.0),
                )
                for q in quotes
            ]
        )
    return out


def fold_models(
    documents: list[dict[str, Any]],
    folds: int,
    work_dir: Path,
    iterations: int = ITERATIONS,
    c1: float = C1,
    c2: float = C2,
    pos_model: Path = POS_MODEL,
) -> Iterator[tuple[list[dict[str, Any]], Path]]:
    """For each fold (document ``n`` is in fold ``n % folds``): its documents and a folder with
    the lexicon and taggers trained on the other folds; fold models already in
    ``work_dir/fold<k>`` are reused."""
    for k in range(folds):
        fold_dir = work_dir / f"fold{k}"
        fold_dir.mkdir(parents=True, exist_ok=True)
        rest = [d for n, d in enumerate(documents) if n % folds != k]
        held_out = [d for n, d in enumerate(documents) if n % folds == k]
        if pos_model.exists():
            shutil.copy(pos_model, fold_dir / POS_MODEL.name)
        if not all((fold_dir / f"{t}.crfsuite").exists() for t in ("message", "roles")):
            lexicon = write_lexicon(rest, fold_dir)
            train_taggers(rest, lexicon, fold_dir, iterations, c1, c2)
        yield held_out, fold_dir


def cross_validated_candidates(
    documents: list[dict[str, Any]],
    folds: int,
    work_dir: Path,
    iterations: int,
    c1: float,
    c2: float,
    pos_model: Path = POS_MODEL,
) -> list[list[tuple[TokenQuote, dict[str, float], float]]]:
    """``scored_candidates`` of every document by taggers trained without its fold."""
    out: list[list[tuple[TokenQuote, dict[str, float], float]]] = []
    for k, (held_out, fold_dir) in enumerate(
        fold_models(documents, folds, work_dir, iterations, c1, c2, pos_model)
    ):
        out.extend(scored_candidates(held_out, QuoteExtractor(fold_dir)))
        print(f"filter: fold {k + 1}/{folds} predicted", flush=True)
    return out


def train_filter(
    candidates: list[list[tuple[TokenQuote, dict[str, float], float]]],
    min_overlap: float = 0.0,
    c: float = FILTER_C,
) -> dict[str, Any]:
    """A logistic regression for whether a predicted message is a message (overlap F1 with a
    gold message above ``min_overlap``), as JSON weights (threshold 0.5 until ``choose``)."""
    rows = [(f, overlap > min_overlap) for doc in candidates for _, f, overlap in doc]
    fields, _, _ = fit_logistic(rows, c)
    source = "SpkAtt 2023 task 2 news, 2024 release: cross-validated predictions on train"
    return {"source": source, **fields}


def fit_logistic(
    rows: list[tuple[dict[str, float], bool]], c: float
) -> tuple[dict[str, Any], DictVectorizer, LogisticRegression]:
    """A logistic regression on (feature dict, label) rows; its fields for a JSON model file
    (counts, bias, weights, threshold 0.5), the fitted vectorizer and the model."""
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for f, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(x, y)
    names = vectorizer.get_feature_names_out()
    fields = {
        "positives": int(sum(y)),
        "examples": len(y),
        "bias": round(float(model.intercept_[0]), 4),
        "weights": {
            str(name): round(float(w), 4)
            for name, w in zip(names, model.coef_[0], strict=True)
            if abs(w) >= 1e-4
        },
        "threshold": 0.5,
    }
    return fields, vectorizer, model


def filter_sweep(
    documents: list[dict[str, Any]],
    candidates: list[list[tuple[TokenQuote, dict[str, float], float]]],
    model: dict[str, Any],
    thresholds: tuple[float, ...] = FILTER_THRESHOLDS,
) -> list[tuple[float, dict[str, float]]]:
    """Scores of the documents when the filter drops messages below each threshold."""
    from lagebild.analyze.quote_features import BinaryClassifier

    classifier = BinaryClassifier.from_json(model)
    for doc in candidates:
        for quote, features, _ in doc:
            quote.score = classifier.probability(features)
    gold = groups_of(documents)
    out = []
    for threshold in thresholds:
        predicted = []
        for doc, found in zip(documents, candidates, strict=True):
            kept = keep_likely([q for q, _, _ in found], threshold)
            predicted.append({**doc, "annotations": annotations_for_release(kept, doc["tokens"])})
        out.append((threshold, score_documents(gold, groups_of(predicted))))
    return out


def steady_best(sweep: list[tuple[float, dict[str, float]]]) -> float:
    """The threshold with the best mean joint F1 over itself and its neighbours in the sweep
    (steadier than the single best one on dev)."""
    joint = [scores["joint_f1"] for _, scores in sweep]
    smoothed = [
        sum(joint[max(0, k - 1) : k + 2]) / len(joint[max(0, k - 1) : k + 2])
        for k in range(len(joint))
    ]
    return sweep[max(range(len(sweep)), key=smoothed.__getitem__)][0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="task2_news_2024_release folder")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--iterations", type=int, default=ITERATIONS, help="L-BFGS iterations")
    parser.add_argument("--c1", type=float, default=C1, help="L1 regularisation")
    parser.add_argument("--c2", type=float, default=C2, help="L2 regularisation")
    parser.add_argument("--folds", type=int, default=FILTER_FOLDS, help="for the filter")
    parser.add_argument(
        "--fold-models",
        type=Path,
        default=None,
        help="keep the filter's fold taggers here (and reuse them); a temporary folder if unset",
    )
    parser.add_argument(
        "--pos-model",
        type=Path,
        default=POS_MODEL,
        help="part-of-speech tagger (train_pos.py) to copy into --out and use for features",
    )
    parser.add_argument(
        "--taggers",
        default="message,roles,medium,filter",
        help="comma-separated taggers to train (the others are kept from --out)",
    )
    args = parser.parse_args(argv)
    train = list(read_documents(args.data / "train.jsonl.gz"))
    dev = list(read_documents(args.data / "dev.jsonl.gz"))
    args.out.mkdir(parents=True, exist_ok=True)
    pos_model = args.out / POS_MODEL.name
    if args.pos_model.exists() and args.pos_model.resolve() != pos_model.resolve():
        shutil.copy(args.pos_model, pos_model)
    lexicon = write_lexicon(train, args.out)
    print(f"lexicon: {len(lexicon.cues)} cue words", flush=True)
    taggers = tuple(args.taggers.split(","))
    train_taggers(train, lexicon, args.out, args.iterations, args.c1, args.c2, taggers)
    if "medium" in taggers:
        with open(args.out / "medium.json", "w", encoding="utf-8") as handle:
            json.dump(train_medium(train, lexicon), handle, ensure_ascii=False, sort_keys=True)
        print("trained medium classifier", flush=True)
    if "filter" in taggers:
        with tempfile.TemporaryDirectory() as scratch:
            work_dir = args.fold_models or Path(scratch)
            folds = cross_validated_candidates(
                train, args.folds, work_dir, args.iterations, args.c1, args.c2, pos_model
            )
        model = train_filter(folds)
        dev_candidates = scored_candidates(dev, QuoteExtractor(args.out, filter_threshold=0.0))
        sweep = filter_sweep(dev, dev_candidates, model)
        for threshold, scores in sweep:
            print(
                f"filter threshold {threshold:.2f}: dev joint F1 {100 * scores['joint_f1']:.2f}"
                f", messages F1 {100 * scores['message_f1']:.2f}",
                flush=True,
            )
        model["threshold"] = steady_best(sweep)
        with open(args.out / "message_filter.json", "w", encoding="utf-8") as handle:
            json.dump(model, handle, ensure_ascii=False, sort_keys=True, indent=0)
        print(f"trained message filter, threshold {model['threshold']} (chosen on dev)")
    extractor = QuoteExtractor(args.out)
    predicted = predict_documents(dev, extractor)
    gold, system = groups_of(dev), groups_of(predicted)
    print(format_scores(score_documents(gold, system), "dev, full task:"))
    print(format_scores(score_documents(gold, system, simplified=True), "dev, simplified task:"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
