"""Load on the search API: N concurrent clients for T seconds against a large store.

Starts ``lagebild serve`` on 127.0.0.1 on a free port over the store, then runs ``--clients``
closed-loop clients (aiohttp, one keep-alive connection each, all in one asyncio loop) that
each send ``GET /api/articles`` requests one after another for ``--seconds``. Reports
requests/s, latency percentiles, errors, the CPU the server and the load generator used, and
how many articles the searches matched, as JSON.

Two query mixes, both like a person using the search page (words, a phrase, ``OR``, a prefix,
date ranges, a source, paging, no query):

* default: ten fixed searches, repeated; the server's response cache answers most of them.
* ``--cold``: every request is a different real search, so the cache never answers. Each one
  is built from the store itself: the words of a randomly chosen article's title and lead
  (nouns and names: capitalised words past the first), its publication day, month or year, its
  source, so every search matches at least that article, and frequent topics are drawn as
  often as they occur. The generator remembers every request it sent and draws again when a
  search repeats.

The store must hold at least ``--min-articles`` articles; build one with the store's
generator (it varies our own example articles and carries an entities layer), e.g.::

    python benchmarks/gen_corpus.py --articles 10000 --out /tmp/corpus10k.jsonl
    lagebild ingest /tmp/corpus10k.jsonl --db /tmp/bench10k.db --stages language
    OMP_NUM_THREADS=1 python benchmarks/bench_web_load.py --db /tmp/bench10k.db --cold

A response counts as an error unless it is 200 with ``items`` (a list of at most ``limit``
items with ``id``, ``title``, ``published``, ``source`` and ``snippet``) and an integer
``total``. Loopback only; every request has a timeout; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

Params = dict[str, str]
PAGE = "20"
ITEM_KEYS = ("id", "title", "published", "source", "snippet")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def count_status(self, status: str) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1


# -- the store: what the query mixes are made of ------------------------------------------


@dataclass(frozen=True)
class StoreArticle:
    words: tuple[str, ...]  # capitalised words of title and lead past the first: nouns, names
    title_words: tuple[str, ...]
    day: str  # YYYY-MM-DD
    source: str


_WORD = re.compile(r"[^\W\d_]+")


def read_store(db: Path) -> tuple[int, list[StoreArticle], str, str]:
    """Article count, the articles to draw searches from, and the store's last month and year."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        count = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        rows = conn.execute(
            "SELECT title, lead, published_date, source FROM articles "
            "WHERE published_date IS NOT NULL AND source IS NOT NULL AND title IS NOT NULL"
        ).fetchall()
        last = conn.execute("SELECT max(published_date) FROM articles").fetchone()[0]
    finally:
        conn.close()
    articles = []
    for title, lead, day, source in rows:
        title_words = tuple(_WORD.findall(title))
        words = tuple(
            dict.fromkeys(
                w
                for text in (title, lead or "")
                for w in _WORD.findall(text)[1:]
                if len(w) >= 4 and w[0].isupper()
            )
        )
        if words and len(title_words) >= 2:
            articles.append(StoreArticle(words, title_words, day, source))
    if not articles or last is None:
        raise SystemExit("the store has no dated articles with titles to search for")
    return count, articles, last[:7], last[:4]


def fixed_mix(last_month: str, last_year: str) -> list[Params]:
    """Ten searches (the default, repeating mix); the dates are the store's last month/year."""
    return [
        {"q": "Waffenruhe"},
        {"q": "Genf"},
        {"q": '"humanitäre Hilfe"'},
        {"q": "Sudan Armee"},
        {"q": "Waffenstillstand", "from": last_year, "to": last_year},
        {"q": "Flüchtlinge OR Geflüchtete"},
        {"q": "Verhandlungen", "offset": PAGE},
        {},
        {"from": last_month, "to": last_month},
        {"q": "Rotes Meer"},
    ]


class ColdMix:
    """Distinct real searches drawn from the store's articles (see the module docstring)."""

    def __init__(self, articles: list[StoreArticle], seed: int = 8) -> None:
        self.articles = articles
        self.rng = random.Random(seed)
        self.sent: set[tuple[tuple[str, str], ...]] = set()
        self.redrawn = 0
        self.kinds: list[Callable[[StoreArticle], Params]] = [
            self.word,
            self.word,
            self.phrase,
            self.two_words,
            self.word_in_period,
            self.either,
            self.next_page,
            self.day,
            self.source_month,
            self.prefix_and_source,
        ]
        self.turn = 0

    def pick(self, seq: tuple[str, ...]) -> str:
        return seq[self.rng.randrange(len(seq))]

    def word(self, a: StoreArticle) -> Params:
        return {"q": self.pick(a.words)}

    def phrase(self, a: StoreArticle) -> Params:
        i = self.rng.randrange(len(a.title_words) - 1)
        return {"q": f'"{a.title_words[i]} {a.title_words[i + 1]}"'}

    def two_words(self, a: StoreArticle) -> Params:
        return {"q": f"{self.pick(a.words)} {self.pick(a.words)}"}

    def word_in_period(self, a: StoreArticle) -> Params:
        period = a.day[:7] if self.rng.random() < 0.5 else a.day[:4]
        return {"q": self.pick(a.words), "from": period, "to": period}

    def either(self, a: StoreArticle) -> Params:
        other = self.articles[self.rng.randrange(len(self.articles))]
        return {"q": f"{self.pick(a.words)} OR {self.pick(other.words)}"}

    def next_page(self, a: StoreArticle) -> Params:
        return {"q": self.pick(a.words), "offset": PAGE}

    def day(self, a: StoreArticle) -> Params:
        return {"from": a.day, "to": a.day}

    def source_month(self, a: StoreArticle) -> Params:
        return {"source": a.source, "from": a.day[:7], "to": a.day[:7]}

    def prefix_and_source(self, a: StoreArticle) -> Params:
        return {"q": self.pick(a.words)[:5] + "*", "source": a.source}

    def __call__(self) -> Params:
        kind = self.kinds[self.turn % len(self.kinds)]
        self.turn += 1
        for _ in range(1000):
            params = kind(self.articles[self.rng.randrange(len(self.articles))])
            key = tuple(sorted(params.items()))
            if key not in self.sent:
                self.sent.add(key)
                return params
            self.redrawn += 1
            kind = self.kinds[self.rng.randrange(len(self.kinds))]
        raise RuntimeError("no new search left to draw: the store is too small for --cold")


class FixedMix:
    def __init__(self, queries: list[Params], start: int) -> None:
        self.queries = queries
        self.turn = start

    def __call__(self) -> Params:
        params = self.queries[self.turn % len(self.queries)]
        self.turn += 1
        return params


# -- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "lagebild.cli",
        "serve",
        "--db",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    url = f"http://127.0.0.1:{port}/api/articles?limit=1"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited: {process.stderr.read().decode() if process.stderr else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (loopback)
                if answer.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
            continue
    process.terminate()
    raise RuntimeError("server did not answer within 30 s")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process and its children (uvicorn's workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    try:
        while pending:
            current = pending.pop()
            with open(f"/proc/{current}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending += [int(c) for c in children.read().split()]
    except (OSError, ValueError, IndexError):
        return None
    return total


# -- the load --------------------------------------------------------------------------------


def well_formed(answer: Any) -> int | None:
    """The answer's ``total`` if it is a full search answer, else None."""
    if not isinstance(answer, dict) or not isinstance(answer.get("total"), int):
        return None
    items = answer.get("items")
    if not isinstance(items, list) or len(items) > int(PAGE):
        return None
    if not all(isinstance(i, dict) and all(k in i for k in ITEM_KEYS) for i in items):
        return None
    return int(answer["total"])


async def client(
    http: aiohttp.ClientSession,
    url: str,
    next_params: Callable[[], Params],
    stop_at: float,
    tally: Tally,
) -> None:
    while time.monotonic() < stop_at:
        params = {"limit": PAGE, **next_params()}
        began = time.perf_counter()
        try:
            async with http.get(url, params=params) as response:
                body = await response.read()
                elapsed = time.perf_counter() - began
                status = response.status
        except (TimeoutError, aiohttp.ClientError):
            tally.errors += 1
            tally.count_status("failed")
            continue
        tally.latencies.append(elapsed)
        tally.count_status(str(status))
        try:
            total = well_formed(json.loads(body)) if status == 200 else None
        except ValueError:  # not JSON
            total = None
        if total is None:
            tally.errors += 1
        else:
            tally.totals.append(total)


async def run_load(
    port: int, mixes: list[Callable[[], Params]], seconds: float
) -> tuple[Tally, float]:
    """One client per mix, each with its own keep-alive connection from a shared pool."""
    url = f"http://127.0.0.1:{port}/api/articles"
    tally = Tally()
    connector = aiohttp.TCPConnector(limit=len(mixes), force_close=False)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        began = time.monotonic()
        stop_at = began + seconds
        await asyncio.gather(*(client(http, url, mix, stop_at, tally) for mix in mixes))
        wall = time.monotonic() - began
    return tally, wall


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the store to serve")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--min-articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument(
        "--cold", action="store_true", help="every request a new search: the cache never answers"
    )
    parser.add_argument("--seed", type=int, default=8, help="of the --cold draws")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 1 <= args.seconds <= 300:
        parser.error("keep it bounded: 1-200 clients, 1-300 seconds")
    articles, pool, last_month, last_year = read_store(args.db)
    if articles < args.min_articles:
        parser.error(f"{args.db} holds {articles} articles, fewer than {args.min_articles}")
    cold = ColdMix(pool, seed=args.seed) if args.cold else None
    queries = fixed_mix(last_month, last_year)
    mixes: list[Callable[[], Params]] = [
        cold if cold is not None else FixedMix(queries, n) for n in range(args.clients)
    ]
    port = free_port()
    server = start_server(args.db, port, args.workers)
    try:
        server_cpu = cpu_seconds(server.pid)
        own_cpu = time.process_time()
        tally, wall = asyncio.run(run_load(port, mixes, args.seconds))
        own_cpu = time.process_time() - own_cpu
        after = cpu_seconds(server.pid)
        server_cpu = after - server_cpu if after is not None and server_cpu is not None else None
    finally:
        server.terminate()
        server.wait(timeout=15)
    ms = [v * 1000 for v in tally.latencies]
    done = max(1, len(ms))
    report = {
        "articles": articles,
        "clients": args.clients,
        "server_workers": args.workers,
        "mix": "cold: every request a new search (--cold)" if cold else "ten fixed searches",
        "seconds": round(wall, 1),
        "requests": len(ms),
        "requests_per_s": round(len(ms) / wall, 1),
        "latency_ms": {
            "p50": round(percentile(ms, 50), 1),
            "p95": round(percentile(ms, 95), 1),
            "p99": round(percentile(ms, 99), 1),
            "mean": round(statistics.fmean(ms), 1) if ms else None,
            "max": round(max(ms), 1) if ms else None,
        },
        "errors": tally.errors,
        "statuses": tally.statuses,
        "matches_per_search": {
            "mean": round(statistics.fmean(tally.totals), 1) if tally.totals else None,
            "median": statistics.median(tally.totals) if tally.totals else None,
            "none": sum(1 for t in tally.totals if t == 0),
        },
        "cpu": {
            "server_cores": round(server_cpu / wall, 2) if server_cpu is not None else None,
            "server_ms_per_request": (
                round(server_cpu * 1000 / done, 2) if server_cpu is not None else None
            ),
            "generator_cores": round(own_cpu / wall, 2),
        },
    }
    if cold is not None:
        report["distinct_searches"] = len(cold.sent)
        report["redrawn"] = cold.redrawn
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
