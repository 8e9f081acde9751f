"""Load on the search API: N concurrent clients for T seconds against a large store.

Starts ``lagebild serve`` (uvicorn, one process) on 127.0.0.1 on a free port over the store,
then runs ``--clients`` asyncio clients (httpx, keep-alive) that each send search requests one
after another for ``--seconds``, cycling through a fixed mix of queries and filters. Reports
requests/s, latency percentiles and errors (non-200 answers and failed requests) as JSON.

The store must hold at least ``--min-articles`` articles; build one with the store's
generator (it varies our own example articles and carries an entities layer), e.g.::

    python benchmarks/gen_corpus.py --articles 10000 --out /tmp/corpus10k.jsonl
    lagebild ingest /tmp/corpus10k.jsonl --db /tmp/bench10k.db --stages language
    OMP_NUM_THREADS=1 python benchmarks/bench_web_load.py --db /tmp/bench10k.db

Loopback only; every request has a timeout; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

# a mix like a person using the search page: words, a phrase, filters, paging
QUERIES: tuple[dict[str, str], ...] = (
    {"q": "Waffenruhe"},
    {"q": "Genf"},
    {"q": '"humanitäre Hilfe"'},
    {"q": "Sudan Armee"},
    {"q": "Waffenstillstand", "from": "2026-01", "to": "2026-12"},
    {"q": "Flüchtlinge OR Geflüchtete"},
    {"q": "Verhandlungen", "offset": "20"},
    {},
    {"from": "2026-03-01", "to": "2026-03-31"},
    {"q": "Rotes Meer"},
)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def count_articles(db: Path) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


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
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited: {process.stderr.read().decode() if process.stderr else ''}"
            )
        try:
            answer = httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        if answer.status_code == 200:
            return process
        process.terminate()
        raise RuntimeError(f"server answered {answer.status_code}: {answer.text[:200]}")
    process.terminate()
    raise RuntimeError("server did not answer within 30 s")


async def client(
    http: httpx.AsyncClient, url: str, start: int, stop_at: float, tally: Tally, cold: bool
) -> None:
    i = start
    sent = 0
    while time.monotonic() < stop_at:
        params = {"limit": "20", **QUERIES[i % len(QUERIES)]}
        i += 1
        if cold:  # a parameter the API ignores makes every request a cache miss
            sent += 1
            params["nocache"] = f"{start}-{sent}"
        began = time.perf_counter()
        try:
            response = await http.get(url, params=params)
            elapsed = time.perf_counter() - began
            tally.statuses[str(response.status_code)] = (
                tally.statuses.get(str(response.status_code), 0) + 1
            )
            if response.status_code != 200:
                tally.errors += 1
            tally.latencies.append(elapsed)
        except httpx.HTTPError:
            tally.errors += 1


async def run_load(port: int, clients: int, seconds: float, cold: bool) -> tuple[Tally, float]:
    """Every client has its own connection (and httpx client: a shared pool serialises them)."""
    url = f"http://127.0.0.1:{port}/api/articles"
    tally = Tally()
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    https = [httpx.AsyncClient(timeout=30.0, limits=limits) for _ in range(clients)]
    try:
        began = time.monotonic()
        stop_at = began + seconds
        await asyncio.gather(
            *(client(h, url, n, stop_at, tally, cold) for n, h in enumerate(https))
        )
        wall = time.monotonic() - began
    finally:
        await asyncio.gather(*(h.aclose() for h in https))
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
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--cold", action="store_true", help="defeat the response cache: every request is new"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 1 <= args.seconds <= 300:
        parser.error("keep it bounded: 1-200 clients, 1-300 seconds")
    articles = count_articles(args.db)
    if articles < args.min_articles:
        parser.error(f"{args.db} holds {articles} articles, fewer than {args.min_articles}")
    port = free_port()
    server = start_server(args.db, port, args.workers)
    try:
        tally, wall = asyncio.run(run_load(port, args.clients, args.seconds, args.cold))
    finally:
        server.terminate()
        server.wait(timeout=15)
    ms = [v * 1000 for v in tally.latencies]
    report = {
        "articles": articles,
        "clients": args.clients,
        "server_workers": args.workers,
        "cache": "defeated (--cold)" if args.cold else "on (repeating query mix)",
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
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
