"""Queries the web app needs beyond :mod:`lagebild.store.queries`, against docs/store.md.

The store's query API serves search, records, entities, places and stories. This module adds
what only the web pages need: facet counts over all matching articles, the links between the
entities around one entity (its network), and quotes filtered by their text.

Filters mean exactly what they mean in the store: names are resolved with the store's public
:func:`~lagebild.store.queries.entity_ids` and dates with
:func:`~lagebild.store.queries.date_bounds`. Every statement is a constant SQL string with
``?`` parameters; full-text queries go through :func:`lagebild.store.text.parse_query`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from lagebild.store.queries import SearchFilters, date_bounds, entity_ids
from lagebild.store.text import parse_query

FACET_SIZE = 10


def filter_params(filters: SearchFilters) -> dict[str, str]:
    """The filters as URL query parameters (for links that keep them)."""
    pairs = {
        "q": filters.q,
        "entity": filters.entity,
        "place": filters.place,
        "speaker": filters.speaker,
        "from": filters.date_from,
        "to": filters.date_to,
        "source": filters.source,
        "story": str(filters.story) if filters.story is not None else None,
    }
    return {k: v for k, v in pairs.items() if v}


@dataclass
class _Matching:
    """``SELECT a.id FROM … WHERE …`` for the articles the filters match, with parameters."""

    sources: str = "articles a"
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    nothing: bool = False

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def where(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1"


def _marks(count: int) -> str:
    return ",".join("?" for _ in range(count)) or "NULL"


def _matching(conn: sqlite3.Connection, filters: SearchFilters) -> _Matching:
    m = _Matching()
    if filters.q:
        parsed = parse_query(filters.q)
        if parsed is None:
            m.nothing = True
            return m
        m.sources = "articles_fts f JOIN articles a ON a.seq = f.rowid"
        m.add("articles_fts MATCH ?", parsed.text_match)
    for name, types in ((filters.entity, ()), (filters.place, ("LOC",))):
        if name:
            ids = entity_ids(conn, name, types=types)
            if not ids:
                m.nothing = True
                return m
            m.add(
                "EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id "
                f"AND ae.entity_id IN ({_marks(len(ids))}))",
                *ids,
            )
    if filters.speaker:
        ids = entity_ids(conn, filters.speaker, types=("PER", "ORG"))
        m.add(
            "EXISTS (SELECT 1 FROM quotes qu WHERE qu.article_id = a.id AND "
            f"(qu.speaker_entity_id IN ({_marks(len(ids))}) OR lower(qu.speaker) = lower(?)))",
            *ids,
            filters.speaker.strip(),
        )
    lower, upper = date_bounds(filters.date_from, filters.date_to)
    if lower:
        m.add("a.published_date >= ?", lower)
    if upper:
        m.add("a.published_date <= ?", upper)
    if filters.source:
        m.add("lower(a.source) = lower(?)", filters.source.strip())
    if filters.story is not None:
        m.add("a.story_id = ?", int(filters.story))
    if not filters.include_duplicates:
        m.add("a.duplicate_of IS NULL")
    return m


def article_facets(
    conn: sqlite3.Connection, filters: SearchFilters, *, size: int = FACET_SIZE
) -> dict[str, list[dict[str, Any]]]:
    """Counts over all matching articles: sources, people and organisations, places, days."""
    m = _matching(conn, filters)
    if m.nothing:
        return {"sources": [], "entities": [], "places": [], "dates": []}
    ids = f"SELECT a.id FROM {m.sources} WHERE {m.where()}"
    sources = conn.execute(
        f"SELECT a.source AS value, count(*) AS articles FROM {m.sources} "
        f"WHERE {m.where()} AND a.source IS NOT NULL "
        "GROUP BY a.source ORDER BY articles DESC, value LIMIT ?",
        [*m.params, size],
    ).fetchall()
    dates = conn.execute(
        f"SELECT a.published_date AS date, count(*) AS articles FROM {m.sources} "
        f"WHERE {m.where()} AND a.published_date IS NOT NULL "
        "GROUP BY a.published_date ORDER BY a.published_date",
        m.params,
    ).fetchall()
    facets: dict[str, list[dict[str, Any]]] = {
        "sources": [dict(r) for r in sources],
        "dates": [dict(r) for r in dates],
    }
    for key, types in (("entities", ("PER", "ORG")), ("places", ("LOC",))):
        if m.clauses:
            # count within the matching articles first, then name the few that are shown
            rows = conn.execute(
                "SELECT e.id, e.name, e.type, top.articles FROM ("
                "  SELECT ae.entity_id, count(*) AS articles FROM article_entities ae "
                f"  WHERE ae.article_id IN ({ids}) AND ae.type IN ({_marks(len(types))}) "
                "  GROUP BY ae.entity_id ORDER BY articles DESC, ae.entity_id LIMIT ?"
                ") AS top JOIN entities e ON e.id = top.entity_id "
                "ORDER BY top.articles DESC, e.name",
                [*m.params, *types, size],
            ).fetchall()
        else:  # every article matches: the store keeps these counts
            rows = conn.execute(
                "SELECT e.id, e.name, e.type, e.article_count AS articles FROM entities e "
                f"WHERE e.type IN ({_marks(len(types))}) "
                "ORDER BY e.article_count DESC, e.name LIMIT ?",
                [*types, size],
            ).fetchall()
        facets[key] = [dict(r) for r in rows]
    return facets


def network_edges(
    conn: sqlite3.Connection, entity_id: str, node_ids: list[str]
) -> list[dict[str, Any]]:
    """How many articles naming ``entity_id`` also name both of two ``node_ids``."""
    if not node_ids:
        return []
    marks = _marks(len(node_ids))
    rows = conn.execute(
        "SELECT x.entity_id AS source, y.entity_id AS target, count(*) AS articles "
        "FROM article_entities mine "
        "JOIN article_entities x ON x.article_id = mine.article_id "
        "JOIN article_entities y ON y.article_id = mine.article_id AND x.entity_id < y.entity_id "
        f"WHERE mine.entity_id = ? AND x.entity_id IN ({marks}) AND y.entity_id IN ({marks}) "
        "GROUP BY x.entity_id, y.entity_id",
        [entity_id, *node_ids, *node_ids],
    ).fetchall()
    return [dict(r) for r in rows]


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None,
    q: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """Quotes by speaker (name or id, as in the store) and by words in their text."""
    clauses: list[str] = []
    params: list[Any] = []
    if speaker:
        ids = entity_ids(conn, speaker, types=("PER", "ORG"))
        clauses.append(
            f"(q.speaker_entity_id IN ({_marks(len(ids))}) OR lower(q.speaker) = lower(?))"
        )
        params += [*ids, speaker.strip()]
    if q:
        clauses.append("q.text LIKE ? ESCAPE '\\'")
        params.append("%" + _like_escape(q.strip()) + "%")
    where = " AND ".join(clauses) if clauses else "1"
    base = (
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"LEFT JOIN entities se ON se.id = q.speaker_entity_id WHERE {where}"
    )
    total = conn.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    rows = conn.execute(
        "SELECT q.text, q.form, q.speaker, q.speaker_entity_id, se.name AS speaker_name, q.cue, "
        f'q.start, q."end", q.article_id, a.title, a.published, a.source {base} '
        "ORDER BY a.published_date IS NULL, a.published_date DESC, a.seq DESC, q.start "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return {"items": [dict(r) for r in rows], "total": total, "limit": limit, "offset": offset}


def list_sources(conn: sqlite3.Connection, *, limit: int = 200) -> list[str]:
    """Site names in the store, for the source filter."""
    rows = conn.execute(
        "SELECT source FROM articles WHERE source IS NOT NULL GROUP BY source "
        "ORDER BY count(*) DESC, source LIMIT ?",
        (limit,),
    ).fetchall()
    return [r[0] for r in rows]
