"""Trains the part-of-speech tagger the quotation taggers use for features (``pos.crfsuite``).

Data: the Corpus REDEWIEDERGABE main release (``../shared/data/redewiedergabe``, CC BY-NC-SA
4.0): its normalised tokens (``normtok``; the token where there is none) and their automatic
STTS tags (``pos``), news, magazine and fiction samples. Every tenth sample (sorted by file name)
is held out to measure the accuracy; the tagger is then trained on the rest. A CRF
(python-crfsuite, L-BFGS with L1 and L2, features of ``lagebild.analyze.pos.pos_features``;
deterministic: the same data give the same file). About 10 minutes on one core.

    OMP_NUM_THREADS=1 .venv/bin/python training/quotes/train_pos.py \\
        --data ../shared/data/redewiedergabe
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pycrfsuite

from lagebild.analyze.pos import PosTagger, pos_features
from lagebild.analyze.quote_extract import MODEL_DIR

FILES = ("main_newspapers_magazines.tsv.gz", "main_fiction_digbib.tsv.gz")
# A coarser tag set (25 tags instead of 54; Viterbi time grows with the square of the tag count)
# that keeps what matters for reported speech: finite verbs by kind (a modal "soll", an auxiliary
# "sei", a full verb), infinitives, participles, subordinators, "zu", relative pronouns.
COARSE = {
    **dict.fromkeys(("ADJA", "ADJD"), "ADJ"),
    **dict.fromkeys(("ADV", "PAV", "PROAV"), "ADV"),
    **dict.fromkeys(("PWAV", "PWS", "PWAT"), "PW"),
    **dict.fromkeys(("APPR", "APPRART", "APPO", "APZR"), "APPR"),
    **dict.fromkeys(("FM", "XY", "TRUNC", "ITJ"), "X"),
    **dict.fromkeys(("KOUI", "KOUS"), "KOUS"),
    **dict.fromkeys(("KON", "KOKOM"), "KON"),
    **dict.fromkeys(
        ("PDS", "PDAT", "PIS", "PIAT", "PIDAT", "PPOSS", "PPOSAT", "PRELAT", "PRF"), "PRO"
    ),
    **dict.fromkeys(("PTKNEG", "PTKANT", "PTKA"), "PTK"),
    **dict.fromkeys(("VVFIN", "VVIMP", "VAIMP"), "VVFIN"),
    **dict.fromkeys(("VVINF", "VAINF", "VMINF", "VVIZU"), "VINF"),
    **dict.fromkeys(("VVPP", "VAPP", "VMPP"), "VPP"),
    **{tag: tag for tag in ("NN", "NE", "ART", "CARD", "PRELS", "PPER", "PTKZU", "PTKVZ")},
    **{tag: tag for tag in ("VAFIN", "VMFIN", "$,", "$.", "$(")},
}
HELD_OUT_EVERY = 10

Sentence = list[tuple[str, str]]  # (word, STTS tag)


def read_samples(path: Path, coarse: bool = False) -> dict[str, list[Sentence]]:
    """The sentences of each sample of one of the corpus' TSV files (columns file, tok,
    normtok, lemma, pos, rfpos, sentstart, …; no quoting) as (normalised word, tag); with
    ``coarse`` the tags are mapped to ``COARSE`` (X for any other tag)."""
    samples: dict[str, list[Sentence]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        handle.readline()  # header
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 7:
                continue
            name, token, normal, _, tag, _, start = fields[:7]
            sentences = samples.setdefault(name, [])
            if start == "yes" or not sentences:
                sentences.append([])
            # the normalised token, except where it is missing or an HTML entity: the corpus
            # normalises every quotation mark („ “ " » «) to "&quot;", which news text never
            # holds, so a tagger trained on it guesses a tag for each mark
            word = normal if normal and normal != "--" and "&" not in normal else token
            sentences[-1].append((word, COARSE.get(tag, "X") if coarse else tag))
    return samples


def accuracy(tag: Callable[[list[str]], list[str]], sentences: list[Sentence]) -> float:
    """The share of tokens whose tag ``tag`` (words -> tags) gets right."""
    right = total = 0
    for sentence in sentences:
        predicted = tag([w for w, _ in sentence])
        right += sum(p == g for p, (_, g) in zip(predicted, sentence, strict=True))
        total += len(sentence)
    return right / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="redewiedergabe folder")
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "pos.crfsuite")
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument(
        "--tagset", choices=("coarse", "stts"), default="stts", help="coarse: see COARSE"
    )
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    args = parser.parse_args(argv)
    samples: dict[str, list[Sentence]] = {}
    for name in FILES:
        samples.update(read_samples(args.data / name, coarse=args.tagset == "coarse"))
    names = sorted(samples)
    held_out = set(names[::HELD_OUT_EVERY])
    train = [s for n in names if n not in held_out for s in samples[n]]
    test = [s for n in names if n in held_out for s in samples[n]]
    print(f"{len(train)} train sentences ({sum(map(len, train))} tokens), {len(test)} held out")
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in train:
        trainer.append(pos_features([w for w, _ in sentence]), [t for _, t in sentence])
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.minfreq": 2,
        }
    )
    started = time.time()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(f"trained in {time.time() - started:.0f}s", flush=True)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(args.out))
    full = accuracy(lambda words: tagger.tag(pos_features(words)), test)
    pruned_tagger = PosTagger(args.out)  # what the quotation stage runs: a pruned search
    pruned = accuracy(lambda words: pruned_tagger.tag(words, [0] * len(words)), test)
    print(f"held-out samples: accuracy {100 * full:.2f} % (PosTagger: {100 * pruned:.2f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
