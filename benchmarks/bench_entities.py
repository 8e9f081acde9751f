"""Time the `entities` and `places` stages against the whole analysis, on one core.

Usage (from the repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_entities.py [--data ../shared/data]

Text: the 150 dev documents of the SpkAtt 2024 news release (German Wikinews), read from
``../shared/data``; the benchmark exits with status 0 and a message when the data is absent or
the ``ner`` stage (whose output the two stages consume) cannot be built. ``--ner-model`` names
another spaCy pipeline; while ``ner`` is not registered it runs right before ``entities``.
Runs the default pipeline with every stage timed; prints the construction time of each stage
(model and gazetteer loading, once per process), the analysis time per stage, and the share of
the analysis time taken by ``entities`` + ``places`` (construction excluded).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
OURS = ("entities", "places")


def news_articles(data: Path) -> Iterator[object]:
    from lagebild.article import Article, Paragraph

    path = data / "spkatt2023" / "task2_news_2024_release" / "dev.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            parts = [p.strip() for p in doc["originalText"].split("\n\n") if p.strip()]
            article = Article(paragraphs=[Paragraph(text=p) for p in parts])
            article.assemble_text()
            yield article


def ner_stage(config: object) -> object:
    from lagebild.analyze.ner import NerStage

    return NerStage(config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--ner-model", type=Path, help="spaCy NER pipeline (default: packaged)")
    args = parser.parse_args(argv)
    if not (args.data / "spkatt2023").exists():
        print(f"skipped: {args.data / 'spkatt2023'} is not available")
        return 0
    from lagebild.analyze.pipeline import DEFAULT_STAGES, AnalyzeConfig, build_stage

    names = list(DEFAULT_STAGES)
    if "ner" not in names:  # not registered yet: run it right before `entities`
        names.insert(names.index("entities"), "ner")
    options = {"ner": {"model": str(args.ner_model)}} if args.ner_model else {}
    config = AnalyzeConfig(stages=tuple(names), options=options)
    stages = []
    for name in config.stages:
        started = time.perf_counter()
        try:
            stage = build_stage(name, config) if name != "ner" else ner_stage(config)
        except Exception as exc:  # a missing model: say so and stop
            print(f"skipped: stage {name} cannot be built ({type(exc).__name__}: {exc})")
            return 0
        print(f"build {name:<10} {time.perf_counter() - started:7.2f} s")
        stages.append(stage)
    spent: dict[str, float] = defaultdict(float)
    failures: dict[str, int] = defaultdict(int)
    last_error: dict[str, str] = {}
    articles = list(news_articles(args.data))
    for article in articles:
        for stage in stages:
            started = time.perf_counter()
            try:
                article = stage(article)
            except Exception as exc:  # as the Pipeline does: note it and go on
                failures[stage.name] += 1
                last_error[stage.name] = f"{type(exc).__name__}: {exc}"
            spent[stage.name] += time.perf_counter() - started
    for name, count in failures.items():
        print(f"stage {name} failed on {count} articles, e.g. {last_error[name]}")
    total = sum(spent.values())
    print(f"{len(articles)} articles, {sum(len(a.text) for a in articles)} characters")
    for name, seconds in spent.items():
        print(f"  {name:<10} {seconds:8.3f} s  {1000 * seconds / len(articles):8.2f} ms/article")
    ours = sum(spent[name] for name in OURS)
    rest = total - ours
    print(f"entities + places: {ours:.3f} s = {100 * ours / total:.1f} % of the analysis time")
    if rest > 0:
        print(f"added to the other stages' time: {100 * ours / rest:.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
