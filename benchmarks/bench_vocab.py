"""Memory of the spaCy-based stages over a long run of new words, on one core.

Usage (from the repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_vocab.py [--words 600000]
        [--max-new-words 100000] [--stage ner|quotes]

spaCy keeps every word it has seen in its vocabulary, so a process that analyses millions of
articles would keep growing. The `ner` stage (``max_new_words``) and the `quotes` stage's
tokenizer (``max_words``) start afresh past a limit. This benchmark feeds the stage made-up
capitalised words (no data needed), a text of 5,000 at a time. After every 100,000 words it prints
the vocabulary's size and the process's current resident memory (from ``/proc/self/statm``),
and at the end the CPU time. Run it once with the default limit and once with a huge one
(``--max-new-words 1000000000``) to see what the limit saves.
"""

from __future__ import annotations

import argparse
import os
import random
import string
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

CHUNK = 5_000


def resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=600_000)
    parser.add_argument("--max-new-words", type=int, default=None, help="the stage's limit")
    parser.add_argument("--stage", choices=("ner", "quotes"), default="ner")
    args = parser.parse_args(argv)

    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.article import Article

    if args.stage == "ner":
        from lagebild.analyze.ner import MAX_NEW_WORDS, NerStage

        limit = MAX_NEW_WORDS if args.max_new_words is None else args.max_new_words
        stage = NerStage(AnalyzeConfig(options={"ner": {"max_new_words": limit}}))

        def run(text: str) -> int:
            article = Article(title=None, paragraphs=[])
            article.text = text
            stage(article)
            return len(stage.nlp.vocab)
    else:
        from lagebild.analyze.quotes import Tokenizer

        limit = 200_000 if args.max_new_words is None else args.max_new_words
        tokenizer = Tokenizer(max_words=limit)

        def run(text: str) -> int:
            tokenizer(text)
            return len(tokenizer._nlp.vocab)

    print(f"stage {args.stage}, limit {limit:,} words; resident memory {resident_mb():.0f} MB")
    rng = random.Random(0)
    started = time.process_time()
    done = 0
    while done < args.words:
        words = [
            "".join(rng.choices(string.ascii_lowercase, k=9)).capitalize() for _ in range(CHUNK)
        ]
        size = run(" ".join(words))
        done += CHUNK
        if done % 100_000 == 0:
            memory = resident_mb()
            print(f"{done:>9,} words: vocabulary {size:>8,}, resident memory {memory:.0f} MB")
    print(f"CPU time {time.process_time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
