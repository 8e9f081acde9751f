"""Reader throughput: articles/s and MB/s per format on the bundled examples, repeated.

    .venv/bin/python benchmarks/bench_read.py [--repeat 20]

Reads every example file ``--repeat`` times in one process (one core) and prints, per format,
articles per second and input megabytes per second, plus peak memory.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import defaultdict
from pathlib import Path

from lagebild.read import ReadError, read_paths, walk

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = list(walk([str(EXAMPLES)]))
    seconds: dict[str, float] = defaultdict(float)
    articles: dict[str, int] = defaultdict(int)
    size: dict[str, int] = defaultdict(int)
    for _ in range(args.repeat):
        for path in files:
            started = time.perf_counter()
            items = list(read_paths([path]))
            elapsed = time.perf_counter() - started
            good = [i for i in items if not isinstance(i, ReadError)]
            kind = good[0].format if good else "error"
            seconds[kind] += elapsed
            articles[kind] += len(good)
            size[kind] += Path(path).stat().st_size
    print(f"{'format':8} {'articles':>9} {'articles/s':>11} {'MB/s':>7}")
    for kind in sorted(seconds):
        print(
            f"{kind:8} {articles[kind]:>9} {articles[kind] / seconds[kind]:>11.1f} "
            f"{size[kind] / seconds[kind] / 1e6:>7.2f}"
        )
    total = sum(articles.values()) / sum(seconds.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"all      {sum(articles.values()):>9} {total:>11.1f}   peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
