"""Parquet: one file per store table, typed from the SQLite schema (pyarrow)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TABLES = (
    "articles",
    "records",
    "entities",
    "article_entities",
    "mentions",
    "quotes",
    "timexes",
    "amounts",
    "stories",
    "errors",
)
BATCH_ROWS = 10_000
_TYPES = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string(), "BLOB": pa.binary()}


def arrow_schema(conn: sqlite3.Connection, table: str) -> pa.Schema:
    columns = conn.execute("SELECT name, type FROM pragma_table_info(?)", (table,)).fetchall()
    return pa.schema([(name, _TYPES.get(kind.upper(), pa.string())) for name, kind in columns])


def export_table(conn: sqlite3.Connection, table: str, path: Path) -> int:
    if table not in TABLES:  # table names come from the list above, never from input
        raise ValueError(f"not an exportable table: {table!r}")
    schema = arrow_schema(conn, table)
    names = ", ".join(f'"{name}"' for name in schema.names)
    cursor = conn.execute(f"SELECT {names} FROM {table}")
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        while rows := cursor.fetchmany(BATCH_ROWS):
            columns = list(zip(*rows, strict=True))
            writer.write_table(
                pa.Table.from_arrays(
                    [
                        pa.array(col, type=field.type)
                        for col, field in zip(columns, schema, strict=True)
                    ],
                    schema=schema,
                )
            )
            count += len(rows)
    return count


def export_parquet(conn: sqlite3.Connection, out: str | Path) -> dict[str, int]:
    """Write ``<out>/<table>.parquet`` for every table; returns rows per table."""
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    return {table: export_table(conn, table, directory / f"{table}.parquet") for table in TABLES}
