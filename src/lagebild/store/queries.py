"""Reading the store: the query functions the CLI and the web UI share.

Every function takes an open connection (:func:`lagebild.store.connect`) and returns plain
dicts and lists, ready for JSON. Lists that can be long come as a :class:`Page` with ``items``
and ``total`` (the count without ``limit``/``offset``). User input only ever reaches SQL as a
parameter; full-text queries go through :func:`lagebild.store.text.parse_query`.

Names (``entity``, ``place``, ``speaker``) are matched case- and diacritic-insensitively
against canonical entity names, whole name or one of its words ("Selenskyj" finds
"Wolodymyr Selenskyj"), or as an exact entity id.
"""

from __future__ import annotations

import calendar
import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lagebild.store.text import (
    ORIGINAL_TOKEN,
    ParsedQuery,
    date_tokens,
    entity_token,
    fold,
    parse_query,
    snippet,
    source_token,
)

DATE_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_LIMIT = 1000
RANK_WINDOW = 10_000  # a text query ranks at most this many hits, the most recently stored
MAX_DATE_TOKENS = 200  # a date range as index terms; a longer one is checked on the rows
# min and max apart: each is one step in the index, both in one SELECT a scan of all articles
DATE_RANGE = (
    "SELECT (SELECT min(published_date) FROM articles), (SELECT max(published_date) FROM articles)"
)


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def as_dict(self) -> dict[str, Any]:
        # the items are fresh dicts already: no deep copy (dataclasses.asdict) needed
        return {
            "items": self.items,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


@dataclass
class SearchFilters:
    """What :func:`search_articles` filters on; every field is optional."""

    q: str | None = None
    entity: str | None = None
    place: str | None = None
    speaker: str | None = None
    date_from: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD (inclusive)
    date_to: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD (inclusive)
    source: str | None = None
    story: int | None = None
    include_duplicates: bool = True


@dataclass
class _Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _limit(limit: int) -> int:
    return max(0, min(int(limit), MAX_LIMIT))


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Inclusive bounds comparable with ``published_date``; ValueError for a malformed one."""
    for value in (date_from, date_to):
        if value is not None and not DATE_BOUND.match(value):
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    upper = None
    if date_to is not None:
        upper = date_to + "-99" * (2 - date_to.count("-"))  # the last day of a year or month
    return date_from, upper


# -- entities by name -----------------------------------------------------------------------


def entity_ids(
    conn: sqlite3.Connection, name: str, *, types: tuple[str, ...] = (), limit: int = 50
) -> list[str]:
    """Ids of the entities called ``name`` (see the module docstring), most frequent first."""
    folded = fold(name.strip())
    if not folded:
        return []
    escaped = _like_escape(folded)
    where = _Where()
    where.add(
        "(id = ? OR name_folded = ? OR name_folded LIKE ? ESCAPE '\\' "
        "OR name_folded LIKE ? ESCAPE '\\')",
        name.strip(),
        folded,
        f"{escaped} %",
        f"% {escaped}",
    )
    if types:
        where.add(f"type IN ({','.join('?' for _ in types)})", *types)
    rows = conn.execute(
        f"SELECT id FROM entities{where.sql()} ORDER BY name_folded = ? DESC, "
        "article_count DESC LIMIT ?",
        (*where.params, folded, limit),
    )
    return [r[0] for r in rows]


def _in(ids: list[str]) -> str:
    return ",".join("?" for _ in ids) or "NULL"


# -- articles -------------------------------------------------------------------------------


def day_range(date_from: str | None, date_to: str | None) -> tuple[date | None, date | None]:
    """The first and last day (inclusive) of a ``--from``/``--to`` pair; ValueError if bad."""
    first = last = None
    for value in (date_from, date_to):
        if value is not None and not DATE_BOUND.match(value):
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    try:
        if date_from:
            parts = [int(p) for p in date_from.split("-")] + [1, 1]
            first = date(parts[0], parts[1], parts[2])
        if date_to:
            parts = [int(p) for p in date_to.split("-")]
            year, month = parts[0], parts[1] if len(parts) > 1 else 12
            day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
            last = date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a date: {exc}") from None
    return first, last


@dataclass
class _Filters:
    """A search split by how each filter is answered fastest."""

    entity_sets: list[list[str]]  # AND across sets, OR within one (names matching many ids)
    first: date | None
    last: date | None
    articles: _Where  # filters only the articles table (or quotes) can answer


def _resolve(conn: sqlite3.Connection, filters: SearchFilters) -> _Filters | None:
    """Look the names up; None when one matches nothing (so nothing can match)."""
    entity_sets = []
    for name, types in ((filters.entity, ()), (filters.place, ("LOC",))):
        if name:
            ids = entity_ids(conn, name, types=types)
            if not ids:
                return None
            entity_sets.append(ids)
    first, last = day_range(filters.date_from, filters.date_to)
    where = _Where()
    if filters.speaker:
        ids = entity_ids(conn, filters.speaker, types=("PER", "ORG"))
        if ids:
            where.add(
                f"a.id IN (SELECT article_id FROM quotes WHERE speaker_entity_id IN ({_in(ids)}))",
                *ids,
            )
        else:  # no such entity: the speaker's words as written
            where.add(
                "a.id IN (SELECT article_id FROM quotes WHERE lower(speaker) = lower(?))",
                filters.speaker.strip(),
            )
    if filters.story is not None:
        where.add("a.story_id = ?", int(filters.story))
    return _Filters(entity_sets, first, last, where)


def _quoted(tokens: list[str]) -> str:
    return "(" + " OR ".join(f'"{t}"' for t in tokens) + ")"


def _text_matches(
    conn: sqlite3.Connection,
    parsed: ParsedQuery,
    filters: SearchFilters,
    plan: _Filters,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[int, float | None]]]:
    """A text query: dates, source, entities and originals are index terms (``meta``)."""
    parts = [parsed.text_match]
    where = _Where(list(plan.articles.clauses), list(plan.articles.params))
    if plan.first or plan.last:
        low, high = conn.execute(DATE_RANGE).fetchone()
        if low is None:
            return 0, []
        first = max(plan.first or date.min, date.fromisoformat(low))
        last = min(plan.last or date.max, date.fromisoformat(high))
        if first > last:
            return 0, []
        tokens = date_tokens(first, last, limit=MAX_DATE_TOKENS)
        if tokens is not None:
            parts.append(f"meta : {_quoted(tokens)}")
        else:  # centuries of dates: cheaper as a condition on the rows
            _article_clauses(SearchFilters(include_duplicates=True), plan, where)
    if filters.source:
        parts.append(f"meta : {_quoted([source_token(filters.source)])}")
    for ids in plan.entity_sets:
        parts.append(f"meta : {_quoted([entity_token(i) for i in ids])}")
    if not filters.include_duplicates:
        parts.append(f'meta : "{ORIGINAL_TOKEN}"')
    expression = " AND ".join(parts)
    score = "bm25(articles_fts, 3.0, 2.0, 1.0, 0.0)"
    if where.clauses:
        sql = f"FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid{where.sql()}"
        sql += " AND articles_fts MATCH ?"
    else:  # the index alone: no need to visit the articles
        sql = "FROM articles_fts WHERE articles_fts MATCH ?"
    params: tuple[Any, ...] = (*where.params, expression)
    total = conn.execute(f"SELECT count(*) {sql}", params).fetchone()[0]
    if total > RANK_WINDOW and offset + limit <= RANK_WINDOW:
        # ranking every hit of a very broad query costs ~2 µs each: rank the most recently
        # stored RANK_WINDOW hits only (the total stays exact)
        bound = conn.execute(
            f"SELECT articles_fts.rowid {sql} ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET ?",
            (*params, RANK_WINDOW - 1),
        ).fetchone()[0]
        sql += " AND articles_fts.rowid >= ?"
        params = (*params, bound)
    rows = conn.execute(
        f"SELECT articles_fts.rowid, {score} AS score {sql} "
        "ORDER BY score, articles_fts.rowid LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    return total, [tuple(r) for r in rows]


def _article_clauses(filters: SearchFilters, plan: _Filters, where: _Where) -> None:
    if plan.first:
        where.add("a.published_date >= ?", plan.first.isoformat())
    if plan.last:
        where.add("a.published_date <= ?", plan.last.isoformat())
    if filters.source:
        where.add("a.source = ? COLLATE NOCASE", filters.source.strip())
    if not filters.include_duplicates:
        where.add("a.duplicate_of IS NULL")


def _entity_matches(
    conn: sqlite3.Connection, filters: SearchFilters, plan: _Filters, limit: int, offset: int
) -> tuple[int, list[tuple[int, float | None]]]:
    """No text query but an entity or place: newest first, from ``article_entities``."""
    ids, *others = plan.entity_sets
    where = _Where()
    where.add(f"ae.entity_id IN ({_in(ids)})", *ids)
    if plan.first:
        where.add("ae.published_date >= ?", plan.first.isoformat())
    if plan.last:
        where.add("ae.published_date <= ?", plan.last.isoformat())
    for other in others:
        where.add(
            f"ae.article_id IN (SELECT article_id FROM article_entities "
            f"WHERE entity_id IN ({_in(other)}))",
            *other,
        )
    source = "article_entities ae"
    article_where = _Where(list(plan.articles.clauses), list(plan.articles.params))
    _article_clauses(filters, _Filters([], None, None, _Where()), article_where)
    if article_where.clauses:
        source += " JOIN articles a ON a.id = ae.article_id"
        where.clauses += article_where.clauses
        where.params += article_where.params
    sql = f"FROM {source}{where.sql()}"
    if len(ids) == 1:
        total = conn.execute(f"SELECT count(*) {sql}", where.params).fetchone()[0]
        page = conn.execute(
            f"SELECT ae.article_id {sql} ORDER BY ae.published_date DESC, ae.article_id "
            "LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        ).fetchall()
    else:  # an article may name several of the entities
        total = conn.execute(
            f"SELECT count(DISTINCT ae.article_id) {sql}", where.params
        ).fetchone()[0]
        page = conn.execute(
            f"SELECT ae.article_id, max(ae.published_date) AS day {sql} "
            "GROUP BY ae.article_id ORDER BY day DESC, ae.article_id LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        ).fetchall()
    rows = []
    for row in page:
        seq = conn.execute("SELECT seq FROM articles WHERE id = ?", (row[0],)).fetchone()[0]
        rows.append((seq, None))
    return total, rows


def _article_matches(
    conn: sqlite3.Connection, filters: SearchFilters, plan: _Filters, limit: int, offset: int
) -> tuple[int, list[tuple[int, float | None]]]:
    """No text query, no entity: newest first, from ``articles``."""
    where = _Where(list(plan.articles.clauses), list(plan.articles.params))
    _article_clauses(filters, plan, where)
    sql = f"FROM articles a{where.sql()}"
    total = conn.execute(f"SELECT count(*) {sql}", where.params).fetchone()[0]
    rows = conn.execute(
        f"SELECT a.seq, NULL {sql} ORDER BY a.published_date DESC, a.seq DESC LIMIT ? OFFSET ?",
        (*where.params, limit, offset),
    ).fetchall()
    return total, [tuple(r) for r in rows]


def search_articles(
    conn: sqlite3.Connection,
    filters: SearchFilters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    snippet_words: int = 30,
) -> Page:
    """Articles matching ``filters``: best match first for a text query, else newest first.

    Each item: id, title, published, source, url, duplicate_of, story_id, snippet (the text
    around the first matching words, which are marked «like this»), score (bm25, lower is
    better; null without a text query). Raises ValueError for a malformed date.
    """
    filters = filters or SearchFilters()
    limit, offset = _limit(limit), max(0, int(offset))
    plan = _resolve(conn, filters)
    parsed = parse_query(filters.q) if filters.q else None
    if plan is None or (filters.q and parsed is None):
        return Page([], 0, limit, offset)
    if parsed is not None:
        total, rows = _text_matches(conn, parsed, filters, plan, limit, offset)
    elif plan.entity_sets:
        total, rows = _entity_matches(conn, filters, plan, limit, offset)
    else:
        total, rows = _article_matches(conn, filters, plan, limit, offset)
    stems = parsed.stems if parsed else frozenset()
    seqs = [seq for seq, _ in rows]
    found = {
        row["seq"]: row
        for row in conn.execute(
            f"""SELECT a.seq, a.id, a.title, a.published, a.source, a.url, a.duplicate_of,
                       a.story_id, json_extract(r.record, '$.text') AS text
                FROM articles a JOIN records r ON r.seq = a.seq WHERE a.seq IN ({_in(seqs)})""",
            seqs,
        )
    }
    items = []
    for seq, score_value in rows:
        row = found[seq]
        items.append(
            {
                "id": row["id"],
                "title": row["title"],
                "published": row["published"],
                "source": row["source"],
                "url": row["url"],
                "duplicate_of": row["duplicate_of"],
                "story_id": row["story_id"],
                "snippet": snippet(_body(row), stems, snippet_words),
                "score": round(score_value, 4) if score_value is not None else None,
            }
        )
    return Page(items, total, limit, offset)


def _body(row: sqlite3.Row) -> str:
    text = row["text"] or ""
    title = row["title"] or ""
    # the snippet shows the lead and body: the title is shown anyway
    start = text.find(title) + len(title) if title and title in text else 0
    return text[start:].lstrip()


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The full record of one article, with the store's ``duplicate_of`` and ``story_id``."""
    row = conn.execute(
        "SELECT r.record, a.duplicate_of, a.story_id, a.ingested_at FROM articles a "
        "JOIN records r ON r.seq = a.seq WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    record = json.loads(row["record"])
    record["duplicate_of"] = row["duplicate_of"]
    record["story_id"] = row["story_id"]
    record["ingested_at"] = row["ingested_at"]
    record["duplicates"] = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY seq", (article_id,)
        )
    ]
    return record


# -- entities -------------------------------------------------------------------------------

_ENTITY_COLUMNS = (
    "id, type, name, lat, lon, country_code, geonames_id, feature, article_count, "
    "mention_count, first_seen, last_seen"
)


def _entity_dict(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data.pop("name_folded", None)
    return data


def list_entities(
    conn: sqlite3.Connection,
    *,
    type: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Entities by number of articles (most first); ``q`` matches the start of a name word."""
    limit, offset = _limit(limit), max(0, int(offset))
    where = _Where()
    if type:
        where.add("type = ?", type)
    if q:
        folded = _like_escape(fold(q.strip()))
        where.add(
            "(name_folded LIKE ? ESCAPE '\\' OR name_folded LIKE ? ESCAPE '\\')",
            f"{folded}%",
            f"% {folded}%",
        )
    total = conn.execute(f"SELECT count(*) FROM entities{where.sql()}", where.params).fetchone()[0]
    rows = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM entities{where.sql()} "
        "ORDER BY article_count DESC, mention_count DESC, name LIMIT ? OFFSET ?",
        (*where.params, limit, offset),
    )
    return Page([_entity_dict(r) for r in rows], total, limit, offset)


def get_entity(conn: sqlite3.Connection, name_or_id: str) -> dict[str, Any] | None:
    """The entity with this id, else the most frequent one with this name."""
    ids = entity_ids(conn, name_or_id, limit=1)
    if not ids:
        return None
    row = conn.execute(f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE id = ?", (ids[0],))
    return _entity_dict(row.fetchone())


def entity_detail(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 20
) -> dict[str, Any] | None:
    """One entity with its mentions over time, quotes, co-occurring entities and places.

    Keys: ``entity``; ``timeline`` [{date, articles, mentions}] by publication day;
    ``quotes`` [{text, form, article_id, title, published}] spoken by it; ``cooccurring``
    [{id, type, name, articles}] entities named in the same articles; ``places`` (the
    co-occurring ones with coordinates); ``articles`` [{id, title, published, source}].
    """
    row = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        return None
    limit = _limit(limit)
    timeline = [
        dict(r)
        for r in conn.execute(
            """SELECT a.published_date AS date, count(*) AS articles,
                      sum(ae.mention_count) AS mentions
               FROM article_entities ae JOIN articles a ON a.id = ae.article_id
               WHERE ae.entity_id = ? AND a.published_date IS NOT NULL
               GROUP BY a.published_date ORDER BY a.published_date""",
            (entity_id,),
        )
    ]
    quotes = [
        dict(r)
        for r in conn.execute(
            """SELECT q.text, q.form, q.article_id, a.title, a.published
               FROM quotes q JOIN articles a ON a.id = q.article_id
               WHERE q.speaker_entity_id = ?
               ORDER BY a.published_date DESC, q.article_id, q.start LIMIT ?""",
            (entity_id, limit),
        )
    ]
    cooccurring = [
        dict(r)
        for r in conn.execute(
            """SELECT e.id, e.type, e.name, e.lat, e.lon, count(*) AS articles
               FROM article_entities mine
               JOIN article_entities other
                 ON other.article_id = mine.article_id AND other.entity_id != mine.entity_id
               JOIN entities e ON e.id = other.entity_id
               WHERE mine.entity_id = ?
               GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ?""",
            (entity_id, limit * 5),
        )
    ]
    articles = [
        dict(r)
        for r in conn.execute(
            """SELECT a.id, a.title, a.published, a.source, ae.mention_count AS mentions
               FROM article_entities ae JOIN articles a ON a.id = ae.article_id
               WHERE ae.entity_id = ?
               ORDER BY a.published_date DESC, a.seq DESC LIMIT ?""",
            (entity_id, limit),
        )
    ]
    places = [c for c in cooccurring if c["lat"] is not None][:limit]
    return {
        "entity": _entity_dict(row),
        "timeline": timeline,
        "quotes": quotes,
        "cooccurring": [
            {k: v for k, v in c.items() if k not in ("lat", "lon")} for c in cooccurring[:limit]
        ],
        "places": places,
        "articles": articles,
    }


# -- quotes, places, stories ----------------------------------------------------------------


def list_quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    article_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Quotes, newest articles first: text, form, speaker, speaker_entity_id, cue, article."""
    limit, offset = _limit(limit), max(0, int(offset))
    where = _Where()
    if speaker:
        ids = entity_ids(conn, speaker, types=("PER", "ORG"))
        where.add(
            f"(q.speaker_entity_id IN ({_in(ids)}) OR lower(q.speaker) = lower(?))",
            *ids,
            speaker.strip(),
        )
    if article_id:
        where.add("q.article_id = ?", article_id)
    source = "quotes q JOIN articles a ON a.id = q.article_id"
    total = conn.execute(f"SELECT count(*) FROM {source}{where.sql()}", where.params).fetchone()[0]
    rows = conn.execute(
        f"""SELECT q.text, q.form, q.speaker, q.speaker_entity_id, q.cue, q.start, q."end",
                   q.article_id, a.title, a.published, a.source
            FROM {source}{where.sql()}
            ORDER BY a.published_date IS NULL, a.published_date DESC, a.seq DESC, q.start
            LIMIT ? OFFSET ?""",
        (*where.params, limit, offset),
    )
    return Page([dict(r) for r in rows], total, limit, offset)


def list_places(
    conn: sqlite3.Connection,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Entities with coordinates and the number of articles naming them (in the period)."""
    lower, upper = date_bounds(date_from, date_to)
    if lower is None and upper is None:
        rows = conn.execute(
            """SELECT id, name, type, lat, lon, country_code, feature, article_count AS articles
               FROM entities WHERE lat IS NOT NULL AND lon IS NOT NULL
               ORDER BY article_count DESC, name LIMIT ?""",
            (_limit(limit),),
        )
        return [dict(r) for r in rows]
    where = _Where()
    where.add("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    if lower:
        where.add("a.published_date >= ?", lower)
    if upper:
        where.add("a.published_date <= ?", upper)
    rows = conn.execute(
        f"""SELECT e.id, e.name, e.type, e.lat, e.lon, e.country_code, e.feature,
                   count(*) AS articles
            FROM entities e JOIN article_entities ae ON ae.entity_id = e.id
            JOIN articles a ON a.id = ae.article_id{where.sql()}
            GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ?""",
        (*where.params, _limit(limit)),
    )
    return [dict(r) for r in rows]


def list_stories(
    conn: sqlite3.Connection, *, min_articles: int = 1, limit: int = 50, offset: int = 0
) -> Page:
    """Stories, most recent first: id, label, first_published, last_published, article_count."""
    limit, offset = _limit(limit), max(0, int(offset))
    total = conn.execute(
        "SELECT count(*) FROM stories WHERE article_count >= ?", (min_articles,)
    ).fetchone()[0]
    rows = conn.execute(
        """SELECT id, label, first_published, last_published, article_count FROM stories
           WHERE article_count >= ?
           ORDER BY last_published IS NULL, last_published DESC, article_count DESC, id
           LIMIT ? OFFSET ?""",
        (min_articles, limit, offset),
    )
    return Page([dict(r) for r in rows], total, limit, offset)


def get_story(conn: sqlite3.Connection, story_id: int) -> dict[str, Any] | None:
    """A story and its articles (oldest first)."""
    row = conn.execute(
        "SELECT id, label, first_published, last_published, article_count FROM stories "
        "WHERE id = ?",
        (story_id,),
    ).fetchone()
    if row is None:
        return None
    story = dict(row)
    story["articles"] = [
        dict(r)
        for r in conn.execute(
            """SELECT id, title, published, source, duplicate_of FROM articles
               WHERE story_id = ? ORDER BY published_date IS NULL, published_date, seq""",
            (story_id,),
        )
    ]
    return story


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of everything in the store, plus the date range and the schema version."""

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    first, last = conn.execute(DATE_RANGE).fetchone()
    by_type = {
        r[0]: r[1] for r in conn.execute("SELECT type, count(*) FROM entities GROUP BY type")
    }
    return {
        "articles": count("SELECT count(*) FROM articles"),
        "duplicates": count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "stories": count("SELECT count(*) FROM stories WHERE article_count > 1"),
        "sources": count("SELECT count(DISTINCT source) FROM articles"),
        "entities": count("SELECT count(*) FROM entities"),
        "entities_by_type": by_type,
        "mentions": count("SELECT count(*) FROM mentions"),
        "quotes": count("SELECT count(*) FROM quotes"),
        "timexes": count("SELECT count(*) FROM timexes"),
        "amounts": count("SELECT count(*) FROM amounts"),
        "errors": count("SELECT count(*) FROM errors"),
        "runs": count("SELECT count(*) FROM runs"),
        "first_published": first,
        "last_published": last,
        "schema_version": int(conn.execute("PRAGMA user_version").fetchone()[0]),
    }
