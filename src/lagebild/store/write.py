"""Writing analysed articles into the store: the record whole, plus normalised layer tables.

Every layer item is split generically: the fields with a column of their own go there, any
other field (one a newer stage added) goes into the row's ``extra`` JSON, and the complete
record stays in ``records.record``. New layers or fields therefore need no schema change to be
kept; a migration can later give them columns.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from lagebild.article import Article
from lagebild.store.db import now
from lagebild.store.text import fold, meta_tokens, stem_text, words

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

# layer -> (table, {column: field in the layer item})
_SPAN_COLUMNS = {"start": "start", "end": "end", "text": "text"}
LAYER_TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "timexes": ("timexes", {**_SPAN_COLUMNS, "type": "type", "value": "value"}),
    "amounts": (
        "amounts",
        {
            **_SPAN_COLUMNS,
            "value": "value",
            "object": "object",
            "unit": "unit",
            "approximate": "approximate",
        },
    ),
    "quotes": ("quotes", {**_SPAN_COLUMNS, "form": "form", "medium": "medium"}),
}


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else None


def _extra(item: Mapping[str, Any], used: Iterable[str]) -> str | None:
    """The item's fields that have no column, as JSON (None when there are none)."""
    used = set(used)
    rest = {k: v for k, v in item.items() if k not in used and v not in (None, [], {}, "")}
    return _json(rest)


def published_date(published: str | None) -> str | None:
    """The YYYY-MM-DD of an ISO date or datetime; None for anything else (or no real day)."""
    if published and _DATE.match(published):
        try:
            return date.fromisoformat(published[:10]).isoformat()
        except ValueError:
            return None
    return None


def body_text(record: Mapping[str, Any]) -> str:
    return "\n\n".join(p.get("text", "") for p in record.get("paragraphs") or [])


def fts_row(record: Mapping[str, Any]) -> tuple[str, str, str]:
    """(title, lead, body) in their stemmed, folded form for the full-text index."""
    title = " ".join(x for x in (record.get("kicker"), record.get("title")) if x)
    body = body_text(record) if record.get("paragraphs") else record.get("text") or ""
    return stem_text(title), stem_text(record.get("lead")), stem_text(body)


def article_exists(conn: sqlite3.Connection, article_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row is not None


def write_article(
    conn: sqlite3.Connection,
    article: Article,
    *,
    duplicate_of: str | None = None,
) -> bool:
    """Insert one analysed article and its layers; False (and no change) if already stored.

    Call inside a transaction (:func:`lagebild.store.db.transaction`).
    """
    record = article.to_dict()
    published = record.get("published")
    day = published_date(published)
    cursor = conn.execute(
        """INSERT OR IGNORE INTO articles (id, published, published_date, source, url, language,
               category, kicker, title, lead, word_count, source_path, format, duplicate_of,
               ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            article.id,
            published,
            day,
            record.get("source"),
            record.get("url"),
            record.get("language"),
            record.get("category"),
            record.get("kicker"),
            record.get("title"),
            record.get("lead"),
            len(words(article.text)),
            record.get("source_path"),
            record.get("format"),
            duplicate_of,
            now(),
        ),
    )
    if cursor.rowcount == 0:
        return False
    seq = cursor.lastrowid
    conn.execute(
        "INSERT INTO records (seq, record) VALUES (?, ?)",
        (seq, json.dumps(record, ensure_ascii=False, separators=(",", ":"))),
    )
    entities = record.get("entities") or []
    meta = meta_tokens(
        day, record.get("source"), [e["id"] for e in entities], original=duplicate_of is None
    )
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, lead, body, meta) VALUES (?, ?, ?, ?, ?)",
        (seq, *fts_row(record), meta),
    )
    _write_entities(conn, article.id, day, entities)
    for layer, (table, columns) in LAYER_TABLES.items():
        _write_layer(conn, article.id, table, columns, record.get(layer) or [], layer)
    for error in record.get("errors") or []:
        write_error(
            conn,
            path=record.get("source_path") or "",
            stage=error.get("stage") or "analyze",
            reason=error.get("reason") or "",
            article_id=article.id,
        )
    return True


def _write_entities(
    conn: sqlite3.Connection, article_id: str, day: str | None, entities: list[dict[str, Any]]
) -> None:
    for entity in entities:
        mentions = entity.get("mentions") or []
        geo = entity.get("geo") or {}
        salience = entity.get("salience") or {}
        count = len(mentions) or int(salience.get("count") or 0)
        conn.execute(
            """INSERT INTO entities (id, type, name, name_folded, lat, lon, country_code,
                   geonames_id, feature, article_count, mention_count, first_seen, last_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET
                   article_count = article_count + 1,
                   mention_count = mention_count + excluded.mention_count,
                   lat = coalesce(lat, excluded.lat),
                   lon = coalesce(lon, excluded.lon),
                   country_code = coalesce(country_code, excluded.country_code),
                   geonames_id = coalesce(geonames_id, excluded.geonames_id),
                   feature = coalesce(feature, excluded.feature),
                   first_seen = min(coalesce(first_seen, excluded.first_seen),
                                    coalesce(excluded.first_seen, first_seen)),
                   last_seen = max(coalesce(last_seen, excluded.last_seen),
                                   coalesce(excluded.last_seen, last_seen))""",
            (
                entity["id"],
                entity.get("type") or "OTH",
                entity.get("name") or "",
                fold(entity.get("name") or ""),
                geo.get("lat"),
                geo.get("lon"),
                geo.get("country_code"),
                geo.get("geonames_id"),
                geo.get("feature"),
                count,
                day,
                day,
            ),
        )
        conn.execute(
            """INSERT OR IGNORE INTO article_entities (article_id, entity_id, type, name,
                   published_date, mention_count, in_title, in_lead, roles, extra)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article_id,
                entity["id"],
                entity.get("type") or "OTH",
                entity.get("name") or "",
                day,
                count,
                int(bool(salience.get("in_title"))),
                int(bool(salience.get("in_lead"))),
                _json(entity.get("roles")),
                _extra(entity, ("id", "type", "name", "mentions", "geo", "salience", "roles")),
            ),
        )
        conn.executemany(
            """INSERT INTO mentions (article_id, entity_id, start, "end", text, kind, extra)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    article_id,
                    entity["id"],
                    m.get("start", 0),
                    m.get("end", 0),
                    m.get("text", ""),
                    m.get("kind"),
                    _extra(m, ("start", "end", "text", "kind")),
                )
                for m in mentions
            ],
        )


def _write_layer(
    conn: sqlite3.Connection,
    article_id: str,
    table: str,
    columns: dict[str, str],
    items: list[dict[str, Any]],
    layer: str,
) -> None:
    if not items:
        return
    names = list(columns)
    special: list[str] = []
    if layer == "quotes":
        special = ["speaker", "speaker_entity_id", "cue"]
    all_columns = ["article_id", *names, *special, "extra"]
    sql = (
        f"INSERT INTO {table} ({', '.join(_ident(c) for c in all_columns)}) "
        f"VALUES ({', '.join('?' for _ in all_columns)})"
    )
    rows = []
    for item in items:
        values: list[Any] = [article_id]
        values += [_scalar(item.get(columns[c])) for c in names]
        if layer == "quotes":
            speaker = item.get("speaker") or {}
            cue = item.get("cue") or {}
            values += [speaker.get("text"), speaker.get("entity_id"), cue.get("text")]
        values.append(_extra(item, columns.values()))
        rows.append(values)
    conn.executemany(sql, rows)


def _ident(name: str) -> str:
    """Quote a column name from the fixed tables above (never from input)."""
    return f'"{name}"'


def _scalar(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list):
        return _json(value)
    return value


def write_error(
    conn: sqlite3.Connection,
    *,
    path: str,
    stage: str,
    reason: str,
    article_id: str | None = None,
    run_id: int | None = None,
) -> bool:
    """Record a failure once (the same path, stage and reason is kept only the first time)."""
    cursor = conn.execute(
        """INSERT OR IGNORE INTO errors (path, stage, reason, article_id, run_id, first_seen)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (path, stage, reason, article_id, run_id, now()),
    )
    return cursor.rowcount > 0
