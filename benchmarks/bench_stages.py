"""Where the analysis time goes: milliseconds per article for each pipeline stage, one core.

Usage (from the repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_stages.py [--data ../shared/data] \\
        [--limit 100] [--min-words 300] [--max-words 600] [--repeat 2]

Text: the German Wikinews articles of SpkAtt-2023 (train, then dev; never test) that have
``--min-words`` to ``--max-words`` words, read from ``../shared/data``; exits with status 0 and
a message when the data is absent. Models are loaded and every stage is warmed up on one
article before timing; each stage's ``__call__`` is timed with ``time.perf_counter`` over
``--repeat`` passes (a fresh copy of every article per pass).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import DEFAULT_DATA, news_records  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--min-words", type=int, default=300)
    parser.add_argument("--max-words", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    if not (args.data / "spkatt2023").exists():
        print(f"skipped: {args.data / 'spkatt2023'} is not available")
        return 0

    from lagebild.analyze import AnalyzeConfig, Pipeline
    from lagebild.article import Article

    records = list(news_records(args.data, args.limit, args.min_words, args.max_words))
    pipeline = Pipeline(AnalyzeConfig())
    pipeline(Article.model_validate(records[0]))  # load lazily built resources
    spent = {stage.name: 0.0 for stage in pipeline.stages}
    for _ in range(args.repeat):
        for record in records:
            article = Article.model_validate(record)
            for stage in pipeline.stages:
                started = time.perf_counter()
                article = stage(article)
                spent[stage.name] += time.perf_counter() - started
    runs = len(records) * args.repeat
    words = sum(len(Article.model_validate(r).text.split()) for r in records) / len(records)
    total = sum(spent.values())
    print(f"{len(records)} articles, {words:.0f} words on average, {args.repeat} passes")
    print("| stage | ms/article | share |\n|---|---|---|")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"| {name} | {seconds / runs * 1000:.1f} | {seconds / total:.1%} |")
    print(f"| total | {total / runs * 1000:.1f} | {runs / total:.1f} articles/s per core |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
