"""Speed of the `timexes` and `amounts` stages together, on one core.

Usage (from the repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_timex_amounts.py [--data ../shared/data]

Text: the raw KRAUTS documents (``KRAUTS_*_raw-text``, German news), read from
``../shared/data/krauts``; the benchmark exits with status 0 and a message when they are absent.
Every document becomes an :class:`Article` anchored on its DCT; both stages run over all of them
``--rounds`` times (fresh articles each round). ``--texts DIR`` measures on the ``.txt`` files of
a folder instead (e.g. ``examples/text``: whole scraped pages of typical online length). Prints
articles per second, characters per second and the mean article length. The process runs
single-threaded; articles per CPU second (``time.process_time``) is the one-core figure,
wall-clock speed is shown beside it because a busy machine slows it down.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from lagebild.analyze.amounts import AmountStage  # noqa: E402
from lagebild.analyze.timexes import TimexStage  # noqa: E402
from lagebild.article import Article  # noqa: E402
from lagebild.evaluate.timex import read_timeml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def load_documents(data: Path) -> list[tuple[str, str | None]]:
    docs: list[tuple[str, str | None]] = []
    for folder in sorted((data / "krauts").glob("KRAUTS_*_raw-text")):
        for path in sorted(folder.glob("*.tml")):
            doc = read_timeml(path)
            docs.append((doc.text, doc.dct))
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--texts", type=Path, help="measure on the .txt files of this folder instead (no anchor)"
    )
    args = parser.parse_args()
    if args.texts:
        docs = [
            (path.read_text(encoding="utf-8", errors="replace"), None)
            for path in sorted(args.texts.glob("*.txt"))
        ]
    else:
        docs = load_documents(args.data)
    if not docs:
        print(f"no KRAUTS raw text under {args.data / 'krauts'}; nothing to measure")
        return 0
    timexes, amounts = TimexStage(None), AmountStage(None)
    # warm-up: compile and cache
    for text, dct in docs[:5]:
        article = timexes(Article(text=text, published=dct))
        article.layers.append("timexes")
        amounts(article)
    started, cpu_started = time.perf_counter(), time.process_time()
    count = chars = 0
    for _ in range(args.rounds):
        for text, dct in docs:
            article = timexes(Article(text=text, published=dct))
            article.layers.append("timexes")
            amounts(article)
            count += 1
            chars += len(text)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(
        f"{count} articles ({len(docs)} documents x {args.rounds} rounds), "
        f"mean {chars / count:.0f} characters"
    )
    print(
        f"timexes+amounts: {count / cpu:.0f} articles/s per CPU second "
        f"({chars / cpu / 1000:.0f}k characters/s; {cpu:.2f} s CPU), "
        f"{count / elapsed:.0f} articles/s wall clock ({elapsed:.2f} s; other load included)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
