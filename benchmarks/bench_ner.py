"""Speed and memory of the `ner` stage on real German news text, on one core.

Usage (from the repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_ner.py [--data ../shared/data]

Text: the news documents of the DFKI SmartData corpus (v1 test), read from ``../shared/data``;
the benchmark exits with status 0 and a message when the data is absent. Prints the model load
time, tokens per second of ``NerStage`` (spaCy tokenizer + tok2vec + NER, entity grouping
included) and the process's peak resident memory (``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def smartdata_news(data: Path) -> Iterator[str]:
    """Texts of the news documents in SmartData v1 test (concatenated JSON objects)."""
    path = data / "smartdata" / "v1_20180119_test.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = handle.read()
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            return
        obj, pos = decoder.raw_decode(raw, pos)
        if obj.get("refids", {}).get("map", {}).get("source") == "news":
            yield obj["text"]["string"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=2, help="passes over the texts")
    args = parser.parse_args(argv)
    if not (args.data / "smartdata").exists():
        print(f"skipped: {args.data / 'smartdata'} is not available")
        return 0

    from lagebild.analyze.ner import NerStage, load_model
    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.article import Article

    texts = list(smartdata_news(args.data))
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    stage = NerStage(AnalyzeConfig())
    load_seconds = time.perf_counter() - started
    nlp = load_model()
    tokens = sum(len(nlp.tokenizer(text)) for text in texts)

    stage(Article(text=texts[0]))  # warm-up
    started = time.perf_counter()
    entities = 0
    for _ in range(args.repeat):
        for text in texts:
            entities += len(stage(Article(text=text)).entities)
    seconds = time.perf_counter() - started
    total = tokens * args.repeat
    print(f"texts: {len(texts)} SmartData v1 test news documents, {tokens} tokens, x{args.repeat}")
    print(f"model load: {load_seconds:.2f} s")
    print(f"ner stage: {total / seconds:,.0f} tokens/s ({seconds:.2f} s, {entities} entities)")
    print(f"peak memory: {peak_rss_mb():.0f} MB (before loading: {rss_before:.0f} MB)")
    print(f"threads: OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
