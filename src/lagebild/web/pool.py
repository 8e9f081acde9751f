"""A small pool of read-only store connections, kept open between requests.

Opening a connection costs more than many queries (pragmas, schema check) and starts with a
cold page cache; the pool hands each request a connection that is already warm. Connections
are opened read-only (SQLite ``mode=ro``) and in autocommit mode, so every query sees the
latest committed state of the store even while ``lagebild ingest`` writes to it.
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lagebild.store.db import connect


class ConnectionPool:
    """Up to ``size`` idle read-only connections to one store; more are opened when needed."""

    def __init__(self, db_path: str | Path, size: int = 16) -> None:
        self.db_path = Path(db_path)
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=size)
        self._idle.put_nowait(connect(self.db_path, readonly=True))  # fails now if unusable

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
