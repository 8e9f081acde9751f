"""Exporters: the store as full JSONL records, Parquet tables, or a GDELT GKG 2.1-like TSV."""

from __future__ import annotations

import sqlite3
from pathlib import Path

FORMATS = ("jsonl", "parquet", "gkg")


def export(conn: sqlite3.Connection, fmt: str, out: str | Path) -> int:
    """Write the store in ``fmt`` to ``out`` ('-' is standard output for jsonl and gkg; a
    directory for parquet). Returns the number of articles (jsonl, gkg) or rows (parquet).
    """
    if fmt == "jsonl":
        from lagebild.export.jsonl import export_jsonl

        return export_jsonl(conn, out)
    if fmt == "parquet":
        from lagebild.export.parquet import export_parquet

        return sum(export_parquet(conn, out).values())
    if fmt == "gkg":
        from lagebild.export.gkg import export_gkg

        return export_gkg(conn, out)
    raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")


__all__ = ["FORMATS", "export"]
