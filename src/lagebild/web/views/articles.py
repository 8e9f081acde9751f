"""Search and articles: ``/`` and ``/articles/{id}``, ``/api/articles`` and its records."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from lagebild.store import queries as store
from lagebild.store.queries import SearchFilters
from lagebild.web import queries
from lagebild.web.charts import date_histogram
from lagebild.web.deps import DEFAULT_PAGE, Limit, Offset, article_filters, db_connection, render
from lagebild.web.highlight import article_blocks

router = APIRouter()

ARTICLE_ID = r"^[0-9A-Za-z_-]{1,64}$"
ArticleId = Annotated[str, Path(pattern=ARTICLE_ID, description="article id (content hash)")]
Conn = Annotated[sqlite3.Connection, Depends(db_connection)]
Filters = Annotated[SearchFilters, Depends(article_filters)]
ENTITY_TYPES = ("PER", "ORG", "LOC", "OTH")


@router.get("/api/articles", tags=["articles"])
def api_search(
    conn: Conn, filters: Filters, limit: Limit = DEFAULT_PAGE, offset: Offset = 0
) -> dict[str, Any]:
    """Articles matching the filters: ``{"items": [...], "total": N}``, best match first.

    Each item has id, title, published, source, url, duplicate_of, story_id, snippet (matching
    words marked «like this») and score (bm25, lower is better; null without ``q``).
    """
    return store.search_articles(conn, filters, limit=limit, offset=offset).as_dict()


@router.get("/api/articles/{article_id}", tags=["articles"])
def api_article(conn: Conn, article_id: ArticleId) -> dict[str, Any]:
    """The full Article record (plus ``story_id``, ``duplicate_of`` and ``duplicates``)."""
    record = store.get_article(conn, article_id)
    if record is None:
        raise HTTPException(404, "no such article")
    return record


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request, conn: Conn, filters: Filters, limit: Limit = DEFAULT_PAGE, offset: Offset = 0
) -> HTMLResponse:
    page = store.search_articles(conn, filters, limit=limit, offset=offset)
    facets = queries.article_facets(conn, filters)
    params = queries.filter_params(filters)
    labels = dict(params)  # what the filter chips say: names rather than entity ids
    for key in ("entity", "place", "speaker"):
        entity = store.get_entity(conn, params[key]) if key in params else None
        if entity is not None and entity["id"] == params[key]:
            labels[key] = entity["name"]
    return render(
        request,
        "search.html",
        {
            "filters": filters,
            "params": params,
            "labels": labels,
            "result": page.as_dict(),
            "facets": facets,
            "histogram": date_histogram(facets["dates"], value="articles"),
            "limit": limit,
            "offset": offset,
            "sources": queries.list_sources(conn),
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, conn: Conn, article_id: ArticleId) -> HTMLResponse:
    record = store.get_article(conn, article_id)
    if record is None:
        raise HTTPException(404, "no such article")
    entities = sorted(
        record.get("entities") or [],
        key=lambda e: (-len(e.get("mentions") or []), str(e.get("name") or "")),
    )
    by_type: dict[str, list[dict[str, Any]]] = {}
    for entity in entities:
        by_type.setdefault(str(entity.get("type") or "OTH"), []).append(entity)
    return render(
        request,
        "article.html",
        {
            "record": record,
            "blocks": article_blocks(record),
            "entities_by_type": [(t, by_type[t]) for t in ENTITY_TYPES if t in by_type],
            "entity_names": {str(e.get("id")): e.get("name") for e in entities},
        },
    )
