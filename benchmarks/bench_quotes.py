"""Speed of the `quotes` stage on German news articles, on one core.

Usage (from the repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_quotes.py [--data ../shared/data]

Articles: the plain texts (``originalText``) of the SpkAtt 2023 news dev documents (2024
release), read from ``../shared/data``; the benchmark exits with status 0 and a message when the
data is absent. Sentences are split by the `sentences` stage beforehand (not timed); the timed part
is ``QuoteStage`` alone: tokenisation, the CRF taggers, grouping and entity linking. Speed is
reported per CPU second of this process (``time.process_time``; one thread) and per wall-clock
second, which is lower on a busy machine; the rate of each pass and their median show how much
the machine's speed varies between passes (compare two versions of the code by alternating
runs, not by one run each).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEV = Path("spkatt2023") / "task2_news_2024_release" / "dev.jsonl.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the articles")
    args = parser.parse_args(argv)
    path = args.data / DEV
    if not path.exists():
        print(f"skipped: {path} is not available")
        return 0

    from lagebild.analyze.quotes import QuoteStage
    from lagebild.analyze.sentences import SentenceStage
    from lagebild.article import Article

    with gzip.open(path, "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["originalText"] for line in handle if line.strip()]
    sentences = SentenceStage()
    articles = [sentences(Article(text=t)) for t in texts]

    started = time.perf_counter()
    stage = QuoteStage()
    load = time.perf_counter() - started
    stage(articles[0])  # warm-up

    started, cpu_started = time.perf_counter(), time.process_time()
    quotes = 0
    passes = []  # articles per CPU second of each pass
    for _ in range(args.repeat):
        pass_started = time.process_time()
        for article in articles:
            quotes += len(stage(article.model_copy()).quotes)
        passes.append(len(articles) / (time.process_time() - pass_started))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    n = len(articles) * args.repeat
    chars = sum(len(t) for t in texts) * args.repeat
    print(f"articles: {len(articles)} x {args.repeat}, {chars / n:.0f} characters on average")
    print(f"model load: {load:.2f} s")
    print(f"quotes stage, CPU time: {n / cpu:.1f} articles/s ({chars / cpu / 1000:.0f} k chars/s)")
    print(f"quotes stage, wall clock: {n / elapsed:.1f} articles/s")
    # a shared machine slows some passes down: the spread shows how far to trust a difference
    print(
        "per pass, CPU time: "
        + ", ".join(f"{rate:.1f}" for rate in passes)
        + f" articles/s (median {statistics.median(passes):.1f})"
    )
    print(f"quotes found: {quotes / args.repeat:.0f} per pass")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
