"""Running the pipeline over many inputs, in one process or several, keeping input order."""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from lagebild.analyze.pipeline import AnalyzeConfig, Pipeline
from lagebild.article import Article
from lagebild.read import DEFAULT_MAX_BYTES, ReadError, read_paths

CHUNK = 4  # items per task sent to a worker
IN_FLIGHT = 4  # chunks in flight per worker

_worker_pipeline: Pipeline | None = None  # one per worker process, built by _init_worker


def _init_worker(config: AnalyzeConfig) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(config)


def _analyze_chunk(items: list[Article | ReadError]) -> list[Article | ReadError]:
    assert _worker_pipeline is not None
    return [item if isinstance(item, ReadError) else _worker_pipeline(item) for item in items]


def _chunks(items: Iterable[Article | ReadError], size: int) -> Iterator[list[Article | ReadError]]:
    chunk: list[Article | ReadError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyze_items(
    items: Iterable[Article | ReadError], config: AnalyzeConfig, workers: int = 1
) -> Iterator[Article | ReadError]:
    """Analyse articles (read errors pass through) in input order, with ``workers`` processes.

    The input iterator is consumed in the calling thread (so it may use the caller's database
    connection), and only as fast as the workers keep up: at most ``workers * IN_FLIGHT`` chunks
    are in flight.
    """
    if workers <= 1:
        pipeline = Pipeline(config)
        for item in items:
            yield item if isinstance(item, ReadError) else pipeline(item)
        return
    # Fork is fast but unsafe once threads exist (e.g. a loaded BLAS); then spawn.
    method = "spawn" if threading.active_count() > 1 else "fork"
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=_init_worker, initargs=(config,)) as pool:
        pending: deque[Any] = deque()
        for chunk in _chunks(items, CHUNK):
            pending.append(pool.apply_async(_analyze_chunk, (chunk,)))
            while len(pending) >= workers * IN_FLIGHT:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def analyze_paths(
    paths: Iterable[str],
    config: AnalyzeConfig,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 1,
) -> Iterator[Article | ReadError]:
    yield from analyze_items(read_paths(paths, fmt=fmt, max_bytes=max_bytes), config, workers)
