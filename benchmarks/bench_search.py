"""Search latency (p50/p95) on a large store, and the store's size per article.

Usage (from the repository root; building the 100,000-article store takes a while)::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_search.py \\
        --articles 100000 --db /tmp/lagebild-bench-search.db

The store is built once (and reused when ``--db`` already holds enough articles) from
``benchmarks/gen_corpus.py`` (variations of our own articles, with an entities layer) through
the real ``ingest``, without analysis stages (the records carry their layers) and without
stories. Then every query below runs ``--repeat`` times through
``lagebild.store.search_articles`` (limit 20, with the total count and snippets, as the CLI
and web UI run it); the first run of each query warms the cache and is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

QUERIES: list[tuple[str, dict[str, object]]] = [
    ("word, frequent", {"q": "Waffenruhe"}),
    ("word, frequent", {"q": "Feuerwehr"}),
    ("word, frequent", {"q": "Polizei"}),
    ("word, inflected", {"q": "Verhandlungen"}),
    ("word, rare", {"q": "Trillerpfeifen"}),
    ("word, rare", {"q": "Ilzmündung"}),
    ("two words", {"q": "Hochwasser Passau"}),
    ("two words", {"q": "Streik Gewerkschaft"}),
    ("phrase", {"q": '"Vereinten Nationen"'}),
    ("prefix", {"q": "Verhand*"}),
    ("or", {"q": "Streik OR Warnstreik"}),
    ("word + entity", {"q": "Feuerwehr", "entity": "Hamburg"}),
    ("word + month", {"q": "Waffenruhe", "date_from": "2024-03", "date_to": "2024-03"}),
    ("word + source", {"q": "Polizei", "source": "elbbote.example"}),
    ("entity only", {"entity": "Genf"}),
    ("person only", {"entity": "Anna Albers"}),
    ("place + month", {"place": "Kairo", "date_from": "2023-06", "date_to": "2023-06"}),
    ("newest, no filter", {}),
    (
        "source + month",
        {"source": "donaubote.example", "date_from": "2024-01", "date_to": "2024-01"},
    ),
]


def build(db: Path, articles: int, corpus: Path) -> dict[str, float]:
    from gen_corpus import generate

    from lagebild.analyze import AnalyzeConfig
    from lagebild.store import IngestOptions, ingest

    started = time.monotonic()
    with open(corpus, "w", encoding="utf-8") as out:
        for record in generate(articles):
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    generated = time.monotonic() - started
    options = IngestOptions(stories=None, batch_size=1000)
    summary = ingest([str(corpus)], db, AnalyzeConfig(stages=()), options)
    return {
        "generate_seconds": round(generated, 1),
        "ingest_seconds": round(summary.seconds, 1),
        "ingest_articles_per_second": round(summary.rate, 1),
        "near_duplicates": summary.duplicates,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/lagebild-bench-search.db"))
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/lagebild-bench-corpus.jsonl"))
    parser.add_argument("--repeat", type=int, default=6)
    args = parser.parse_args(argv)

    from lagebild.store import SearchFilters, connect, search_articles

    built: dict[str, float] = {}
    count = 0
    if args.db.exists():
        with connect(args.db, readonly=True) as conn:
            count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if count < args.articles:
        built = build(args.db, args.articles, args.corpus)
    conn = connect(args.db, readonly=True)
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    size = args.db.stat().st_size
    print(f"store: {count} articles, {size / 1e6:.1f} MB, {size / count / 1024:.1f} KiB/article")
    if built:
        print(f"built: {built}")

    timings: list[float] = []
    print(f"{'query':<22} {'hits':>7} {'median ms':>10} {'max ms':>8}")
    for label, filters in QUERIES:
        runs = []
        page = None
        for attempt in range(args.repeat + 1):
            started = time.perf_counter()
            page = search_articles(conn, SearchFilters(**filters), limit=20)  # type: ignore[arg-type]
            elapsed = (time.perf_counter() - started) * 1000
            if attempt:
                runs.append(elapsed)
        timings.extend(runs)
        assert page is not None
        print(f"{label:<22} {page.total:>7} {statistics.median(runs):>10.1f} {max(runs):>8.1f}")
    result = {
        "articles": count,
        "store_bytes": size,
        "bytes_per_article": round(size / count),
        "queries": len(QUERIES),
        "runs": len(timings),
        "p50_ms": round(percentile(timings, 0.50), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
        **built,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
