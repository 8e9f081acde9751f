"""``lagebild ingest``: read, analyse in worker processes, write to the store in batches.

Safe to interrupt at any point (also ``kill -9``): articles are written in batches, one
transaction each, so a batch is either stored completely or not at all. Articles are keyed by
their content hash; an article already stored is skipped *before* analysis, so a second run
over the same inputs adds nothing and an interrupted run resumes where it stopped.

Reading happens in this process, analysis in ``workers`` processes (at most ``workers * 4``
small chunks in flight, so memory stays flat however large the corpus), writing again in
this process (SQLite has one writer).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from lagebild.analyze import AnalyzeConfig
from lagebild.analyze.runner import analyze_items
from lagebild.article import Article
from lagebild.read import DEFAULT_MAX_BYTES, ReadError, read_paths, walk
from lagebild.store.db import connect, now, transaction
from lagebild.store.dedup import DedupConfig, DuplicateFinder, signature
from lagebild.store.stories import StoryConfig, update_stories
from lagebild.store.write import article_exists, write_article, write_error

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200
COMMIT_SECONDS = 5.0  # commit at least this often, however slow the analysis


@dataclass
class IngestSummary:
    """What a run did; ``added + skipped + failed`` inputs were seen."""

    run_id: int = 0
    inputs: int = 0  # files read (an input file may hold many articles)
    added: int = 0
    skipped: int = 0  # already stored (or repeated within this run)
    failed: int = 0  # inputs that could not be read
    duplicates: int = 0  # added articles that are near-duplicates of a stored one
    stage_errors: int = 0  # added articles on which a stage failed
    stories: int = 0  # articles assigned to stories at the end of the run
    words: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # the first read errors, "PATH: reason"

    @property
    def rate(self) -> float:
        return self.added / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "errors"}
        data["articles_per_second"] = round(self.rate, 2)
        data["seconds"] = round(self.seconds, 2)
        data["errors"] = list(self.errors)
        return data

    def text(self) -> str:
        lines = [
            f"ingested {self.added} new article(s) from {self.inputs} input file(s) "
            f"in {self.seconds:.1f} s ({self.rate:.1f} articles/s)",
            f"  already stored: {self.skipped}; near-duplicates among the new: "
            f"{self.duplicates}; with stage errors: {self.stage_errors}",
        ]
        if self.failed:
            lines.append(f"  {self.failed} input(s) could not be read (see the errors table):")
            lines.extend(f"    {e}" for e in self.errors)
            if self.failed > len(self.errors):
                lines.append(f"    … and {self.failed - len(self.errors)} more")
        return "\n".join(lines)


# -- progress -------------------------------------------------------------------------------


class Progress:
    """Reports a run's progress; this one says nothing."""

    def update(self, done: int, total: int | None, summary: IngestSummary) -> None:
        pass

    def close(self) -> None:
        pass


class BarProgress(Progress):
    """A progress bar with rate and ETA (for a terminal)."""

    def __init__(self, stream: TextIO = sys.stderr):
        from tqdm import tqdm

        self._bar = tqdm(unit=" inputs", file=stream, smoothing=0.1)

    def update(self, done: int, total: int | None, summary: IngestSummary) -> None:
        if total is not None and self._bar.total != max(total, done):
            self._bar.total = max(total, done)
        self._bar.update(done - self._bar.n)
        self._bar.set_postfix(
            added=summary.added, skipped=summary.skipped, failed=summary.failed, refresh=False
        )

    def close(self) -> None:
        self._bar.close()


class LogProgress(Progress):
    """A plain line every ``every`` seconds (for logs and pipes)."""

    def __init__(self, stream: TextIO = sys.stderr, every: float = 10.0):
        self._stream = stream
        self._every = every
        self._start = time.monotonic()
        self._last = self._start

    def update(self, done: int, total: int | None, summary: IngestSummary) -> None:
        moment = time.monotonic()
        if moment - self._last < self._every:
            return
        self._last = moment
        elapsed = moment - self._start
        rate = done / elapsed if elapsed else 0.0
        eta = ""
        if total and rate and total > done:
            eta = f", ETA {_duration((total - done) / rate)}"
        of = f"/{total}" if total else ""
        print(
            f"ingest: {done}{of} inputs, {summary.added} added, {summary.skipped} skipped, "
            f"{summary.failed} failed, {summary.added / elapsed:.1f} articles/s{eta}",
            file=self._stream,
            flush=True,
        )


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def default_progress(stream: TextIO = sys.stderr) -> Progress:
    return BarProgress(stream) if stream.isatty() else LogProgress(stream)


# -- the run --------------------------------------------------------------------------------


@dataclass
class IngestOptions:
    workers: int = 1
    fmt: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    dedup: DedupConfig | None = field(default_factory=DedupConfig)  # None: no near-duplicates
    stories: StoryConfig | None = field(default_factory=StoryConfig)  # None: no stories
    max_listed_errors: int = 10


class _Run:
    """One ingest run over one store: owns the connection and the batch being built."""

    def __init__(self, conn: sqlite3.Connection, config: AnalyzeConfig, options: IngestOptions):
        self.conn = conn
        self.config = config
        self.options = options
        self.summary = IngestSummary()
        self.pending: set[str] = set()  # ids read and not yet committed
        self.batch: list[Article | ReadError] = []
        self.finder = DuplicateFinder(conn, options.dedup) if options.dedup else None
        self.files_read = 0
        self.total_files: int | None = None

    def start(self, paths: list[str]) -> None:
        with transaction(self.conn):
            self.conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            self.summary.run_id = self.conn.execute(
                """INSERT INTO runs (started_at, status, paths, stages, workers)
                   VALUES (?, 'running', ?, ?, ?)""",
                (
                    now(),
                    json.dumps(paths, ensure_ascii=False),
                    ",".join(self.config.stages),
                    self.options.workers,
                ),
            ).lastrowid

    def inputs(self, paths: list[str]) -> Iterator[str]:
        for path in walk(paths):
            self.files_read += 1
            yield path

    def new_articles(self, items: Iterable[Article | ReadError]) -> Iterator[Article]:
        """Articles not stored yet; read errors go straight into the batch."""
        for item in items:
            if isinstance(item, ReadError):
                self.batch.append(item)
                if len(self.batch) >= self.options.batch_size:  # a long run of bad inputs
                    self.write_batch()
                continue
            if item.id in self.pending or article_exists(self.conn, item.id):
                self.summary.skipped += 1
                continue
            self.pending.add(item.id)
            yield item

    def write_batch(self) -> None:
        if not self.batch:
            return
        summary = self.summary
        added = duplicates = stage_errors = failed = words = 0
        listed: list[str] = []
        with transaction(self.conn):
            for item in self.batch:
                if isinstance(item, ReadError):
                    failed += 1
                    if len(summary.errors) + len(listed) < self.options.max_listed_errors:
                        listed.append(str(item))
                    write_error(
                        self.conn,
                        path=item.path,
                        stage="read",
                        reason=item.reason,
                        run_id=summary.run_id,
                    )
                    continue
                original = None
                minhash = None
                if self.finder is not None:
                    minhash = signature(item.text, self.finder.config)
                    original = self.finder.find(minhash)
                if write_article(self.conn, item, duplicate_of=original):
                    added += 1
                    duplicates += original is not None
                    stage_errors += bool(item.errors)
                    words += len(item.text.split())
                    if minhash is not None and self.finder is not None:
                        self.finder.add(self.conn, item.id, minhash, original)
            self.conn.execute(
                """UPDATE runs SET seen = seen + ?, added = added + ?, skipped = ?,
                       failed = failed + ? WHERE id = ?""",
                (len(self.batch), added, summary.skipped, failed, summary.run_id),
            )
        summary.added += added
        summary.duplicates += duplicates
        summary.stage_errors += stage_errors
        summary.failed += failed
        summary.words += words
        summary.errors.extend(listed)
        for item in self.batch:
            if isinstance(item, Article):
                self.pending.discard(item.id)
        self.batch = []

    def finish(self, status: str) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE runs SET status = ?, finished_at = ?, skipped = ? WHERE id = ?",
                (status, now(), self.summary.skipped, self.summary.run_id),
            )


def ingest(
    paths: Iterable[str],
    db: str | Path,
    config: AnalyzeConfig | None = None,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    count_inputs: Callable[[list[str]], int | None] | None = None,
) -> IngestSummary:
    """Read, analyse and store every article under ``paths``; return what was done."""
    config = config or AnalyzeConfig()
    options = options or IngestOptions()
    progress = progress or Progress()
    paths = list(paths)
    started = time.monotonic()
    conn = connect(db)
    try:
        run = _Run(conn, config, options)
        run.start(paths)
        count = count_inputs or _count_files
        run.total_files = count(paths)
        last_commit = time.monotonic()
        items = read_paths(run.inputs(paths), fmt=options.fmt, max_bytes=options.max_bytes)
        status = "failed"
        try:
            for article in analyze_items(run.new_articles(items), config, options.workers):
                run.batch.append(article)
                moment = time.monotonic()
                if len(run.batch) >= options.batch_size or moment - last_commit > COMMIT_SECONDS:
                    run.write_batch()
                    last_commit = moment
                    progress.update(run.files_read, run.total_files, run.summary)
            run.write_batch()  # the rest, and read errors after the last article
            progress.update(run.files_read, run.total_files, run.summary)
            if options.stories is not None:
                run.summary.stories = update_stories(conn, options.stories)
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            progress.close()
            run.summary.inputs = run.files_read
            run.summary.seconds = time.monotonic() - started
            try:
                run.finish(status)
            except sqlite3.Error:  # pragma: no cover - the database itself failed
                log.warning("could not record the end of run %s", run.summary.run_id)
        return run.summary
    finally:
        conn.close()


def _count_files(paths: list[str]) -> int | None:
    if "-" in paths:
        return None
    return sum(1 for _ in walk(paths))
