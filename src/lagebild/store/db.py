"""Opening a store: connection settings (WAL, foreign keys) and schema migrations.

The schema version lives in ``PRAGMA user_version``. A new database gets ``schema.sql``
(version 1) and then every migration in :data:`MIGRATIONS`, in order; an existing one only the
migrations above its version. A migration is a list of SQL statements run in one transaction,
so a database is never left half-migrated. Add a migration, never edit an applied one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

BASE_VERSION = 1

# version -> statements that take a database from version-1 to version
MIGRATIONS: dict[int, tuple[str, ...]] = {}

SCHEMA_VERSION = max([BASE_VERSION, *MIGRATIONS])
CACHE_KIB = 65_536  # page cache per connection (allocated as used)
MMAP_BYTES = 1 << 30  # read through memory mapping, up to 1 GiB of the file


class StoreError(Exception):
    """The file is not a lagebild store this version can open."""


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _schema_sql() -> str:
    return resources.files("lagebild.store").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(
    path: str | Path, *, readonly: bool = False, migrate: bool = True
) -> sqlite3.Connection:
    """Open (and create or migrate, unless ``readonly``) the store at ``path``.

    The connection is in autocommit mode; group writes with :func:`transaction`. Rows are
    :class:`sqlite3.Row`. The connection may be used from other threads (the web server), but
    not concurrently.
    """
    path = Path(path)
    if readonly:
        if not path.exists():
            raise StoreError(f"{path}: no such database")
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{path}: database has tables but no lagebild schema version")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not an SQLite database ({exc})") from None
    except StoreError:
        conn.close()
        raise
    conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: schema version {version} is newer than this lagebild ({SCHEMA_VERSION})"
        )
    if version < SCHEMA_VERSION:
        if readonly or not migrate:
            conn.close()
            raise StoreError(f"{path}: schema version {version}, expected {SCHEMA_VERSION}")
        _migrate(conn, version)
    return conn


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    with transaction(conn):
        if version == 0:
            for statement in _statements(_schema_sql()):
                conn.execute(statement)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('created_at', ?)", (now(),)
            )
            version = BASE_VERSION
        for target in sorted(v for v in MIGRATIONS if v > version):
            for statement in MIGRATIONS[target]:
                conn.execute(statement)
            version = target
        conn.execute(f"PRAGMA user_version = {int(version)}")


def _statements(script: str) -> Iterator[str]:
    """Split a script into statements (sqlite3.complete_statement knows where one ends)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement:
                yield statement
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


@contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool = True) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
