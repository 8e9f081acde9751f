"""A small pool of read-only store connections, kept open between requests.

Opening a connection costs more than many queries (pragmas, schema check) and starts with a
cold page cache; the pool hands each request a connection that is already warm. Connections
are opened read-only (SQLite ``mode=ro``) and in autocommit mode, so every query sees the
latest committed state of the store even while ``lagebild ingest`` writes to it.

:meth:`ConnectionPool.run` runs a function with a pooled connection in a worker thread, a
few at once: SQLite releases the GIL while it works, so a few threads keep the CPU busy while
the event loop goes on serving other connections, and no more connections are opened than
the pool keeps.
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

from lagebild.store.db import connect

T = TypeVar("T")
# searches at once per process: enough to keep two cores busy while the event loop parses
# requests; more only add thread switches and contention for the GIL
THREADS = 4


class ConnectionPool:
    """Up to ``size`` idle read-only connections to one store; more are opened when needed.

    :meth:`run` uses at most ``threads`` worker threads at once (fewer than ``size``, so its
    connections always come from the pool).
    """

    def __init__(self, db_path: str | Path, size: int = 16, threads: int = THREADS) -> None:
        self.db_path = Path(db_path)
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=size)
        self._idle.put_nowait(connect(self.db_path, readonly=True))  # fails now if unusable
        self._limiter = CapacityLimiter(max(1, min(threads, size)))

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = connect(self.db_path, readonly=True)
        reusable = True
        try:
            yield conn
        except sqlite3.Error:
            reusable = False  # its state is unknown after a database error: do not reuse it
            raise
        finally:
            self._release(conn, reusable)

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """``work(connection)`` in a worker thread, at most ``threads`` at once."""

        def with_connection() -> T:
            with self.connection() as conn:
                return work(conn)

        return await anyio.to_thread.run_sync(with_connection, limiter=self._limiter)

    def _release(self, conn: sqlite3.Connection, reusable: bool) -> None:
        if reusable:
            try:
                self._idle.put_nowait(conn)
                return
            except queue.Full:
                pass
        conn.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
