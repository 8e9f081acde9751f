"""Ingest throughput with the full pipeline at 1 and 2 workers, peak memory, store size.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_ingest.py [--data ../shared/data] [--limit 400] \\
        [--workers 1 2] [--stages language,sentences,…] [--min-words 300 --max-words 600]

Text: German Wikinews articles of SpkAtt-2023 (``task2_news_2024_release``, train and dev
splits, never test), read from ``../shared/data`` and written to a temporary JSONL file (never
into the repository); the benchmark exits with status 0 and a message when the data is
absent. For each worker count a fresh process runs ``lagebild.store.ingest`` into a new store
(default stages: the full pipeline) and reports articles/s and words/s (wall clock of the whole
run, model loading and story grouping included), the steady rate (articles committed between the
first and the last committed batch over the time between them: start-up left out), the peak
resident memory of the main process and of the largest worker process, and the store size per
article. Batches of ``--batch-size`` articles (default 20, so that the steady rate has points to
measure between; ``ingest`` itself commits 200 at a time). Every process is limited to one
BLAS/OpenMP thread.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
NAME = re.compile(r"^\d+ - (?P<title>.+) \((?P<date>\d{4}-\d{2}-\d{2})\)")


def news_records(
    data: Path, limit: int, min_words: int = 0, max_words: int = 10**9
) -> Iterator[dict]:
    """Wikinews articles as Article records (title and date from the document name), keeping
    those whose text has ``min_words`` to ``max_words`` words."""
    from lagebild.article import Article, Paragraph

    count = 0
    for split in ("train", "dev"):
        path = data / "spkatt2023" / "task2_news_2024_release" / f"{split}.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                doc = json.loads(line)
                name = NAME.match(doc.get("documentName") or doc.get("FileName") or "")
                parts = [p.strip() for p in doc["originalText"].split("\n\n") if p.strip()]
                article = Article(
                    title=name.group("title") if name else None,
                    published=name.group("date") if name else None,
                    paragraphs=[Paragraph(text=p) for p in parts],
                    source="de.wikinews.org",
                    format="json",
                )
                article.assemble_text()
                if not min_words <= len(article.text.split()) <= max_words:
                    continue
                yield article.to_dict()
                count += 1
                if count >= limit:
                    return


def run_one(args: argparse.Namespace) -> int:
    """Child mode: one ingest run, result as JSON on stdout."""
    from lagebild.analyze import AnalyzeConfig
    from lagebild.store import IngestOptions, ingest
    from lagebild.store.ingest import Progress

    class Moments(Progress):
        """(seconds since start, articles added) at every committed batch."""

        def __init__(self) -> None:
            self.points: list[tuple[float, int]] = []

        def update(self, done: int, total: int | None, summary: object) -> None:
            self.points.append((time.monotonic() - started, summary.added))  # type: ignore[attr-defined]

    config = AnalyzeConfig()
    if args.stages:
        config.stages = tuple(s for s in args.stages.split(",") if s)
    moments = Moments()
    options = IngestOptions(workers=args.run_workers, batch_size=args.batch_size)
    started = time.monotonic()
    summary = ingest([str(args.input)], args.db, config, options, progress=moments)
    seconds = time.monotonic() - started
    # Steady state: from the first committed batch (models loaded, pool warm) to the last one
    # (before story grouping), so start-up costs are left out.
    written = [(t, n) for t, n in moments.points if n > 0]
    first, last = written[0], written[-1]
    steady = (last[1] - first[1]) / (last[0] - first[0]) if last[0] > first[0] else None
    size = sum(p.stat().st_size for p in args.db.parent.glob(args.db.name + "*"))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "workers": args.run_workers,
                "stages": ",".join(config.stages),
                "articles": summary.added,
                "words": summary.words,
                "stage_errors": summary.stage_errors,
                "seconds": round(seconds, 1),
                "articles_per_second": round(summary.added / seconds, 1),
                "first_batch_after_s": round(first[0], 1),
                "steady_articles_per_second": round(steady, 1) if steady else None,
                "words_per_second": round(summary.words / seconds),
                "peak_rss_main_mb": round(own),
                "peak_rss_worker_mb": round(children) if args.run_workers > 1 else None,
                "store_bytes_per_article": round(size / max(summary.added, 1)),
            }
        )
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=400, help="articles (train first, then dev)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--min-words", type=int, default=0, help="skip shorter articles")
    parser.add_argument("--max-words", type=int, default=10**9, help="skip longer articles")
    parser.add_argument("--stages", help="comma-separated stages (default: the full pipeline)")
    parser.add_argument(
        "--batch-size", type=int, default=20, help="articles per transaction (ingest default: 200)"
    )
    parser.add_argument("--run-workers", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_workers:
        return run_one(args)
    if not (args.data / "spkatt2023").exists():
        print(f"skipped: {args.data / 'spkatt2023'} is not available")
        return 0
    with tempfile.TemporaryDirectory(prefix="lagebild-bench-ingest-") as tmp:
        corpus = Path(tmp) / "news.jsonl"
        with open(corpus, "w", encoding="utf-8") as out:
            for record in news_records(args.data, args.limit, args.min_words, args.max_words):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for workers in args.workers:
            command = [
                sys.executable,
                __file__,
                "--run-workers",
                str(workers),
                "--input",
                str(corpus),
                "--db",
                str(Path(tmp) / f"store-{workers}.db"),
            ]
            if args.stages:
                command += ["--stages", args.stages]
            command += ["--batch-size", str(args.batch_size)]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return result.returncode
            print(result.stdout.strip().splitlines()[-1], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
