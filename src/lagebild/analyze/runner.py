"""Running the pipeline over many inputs, in one process or several, keeping input order."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator

from lagebild.analyze.pipeline import AnalyzeConfig, Pipeline
from lagebild.article import Article
from lagebild.read import DEFAULT_MAX_BYTES, ReadError, read_paths

_worker_pipeline: Pipeline | None = None  # one per worker process, built by _init_worker


def _init_worker(config: AnalyzeConfig) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(config)


def _analyze_in_worker(item: Article | ReadError) -> Article | ReadError:
    if isinstance(item, ReadError):
        return item
    assert _worker_pipeline is not None
    return _worker_pipeline(item)


def analyze_items(
    items: Iterable[Article | ReadError], config: AnalyzeConfig, workers: int = 1
) -> Iterator[Article | ReadError]:
    """Analyse articles (read errors pass through) in input order, with ``workers`` processes."""
    if workers <= 1:
        pipeline = Pipeline(config)
        for item in items:
            yield item if isinstance(item, ReadError) else pipeline(item)
        return
    context = multiprocessing.get_context("spawn" if _threads_loaded() else "fork")
    with context.Pool(workers, initializer=_init_worker, initargs=(config,)) as pool:
        yield from pool.imap(_analyze_in_worker, items, chunksize=4)


def _threads_loaded() -> bool:
    """Fork is fast but unsafe once threads exist (e.g. a loaded BLAS); then spawn."""
    import threading

    return threading.active_count() > 1


def analyze_paths(
    paths: Iterable[str],
    config: AnalyzeConfig,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 1,
) -> Iterator[Article | ReadError]:
    yield from analyze_items(read_paths(paths, fmt=fmt, max_bytes=max_bytes), config, workers)
