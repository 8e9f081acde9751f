"""Search and articles: ``/`` and ``/articles/{id}``, ``/api/articles`` and its records."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from lagebild.store import queries as store
from lagebild.web import queries
from lagebild.web.charts import date_histogram
from lagebild.web.deps import SearchQuery, db_connection, render
from lagebild.web.highlight import article_blocks
from lagebild.web.pool import ConnectionPool

router = APIRouter()

ARTICLE_ID = r"^[0-9A-Za-z_-]{1,64}$"
ArticleId = Annotated[str, Path(pattern=ARTICLE_ID, description="article id (content hash)")]
Conn = Annotated[sqlite3.Connection, Depends(db_connection)]
Search = Annotated[SearchQuery, Query()]
SEARCH_PATH = "/api/articles"
ENTITY_TYPES = ("PER", "ORG", "LOC", "OTH")


class ArticleHit(BaseModel):
    """One search result (the API's documented shape)."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    duplicate_of: str | None
    story_id: int | None
    snippet: str = Field(description="text around the first matching words, marked «like this»")
    score: float | None = Field(description="bm25, lower is better; null without q")


class ArticlePage(BaseModel):
    items: list[ArticleHit]
    total: int = Field(description="all matching articles")
    limit: int
    offset: int


@router.get("/api/articles", tags=["articles"], response_model=ArticlePage)
async def api_search(request: Request, query: Search) -> Response:
    """Articles matching the filters: ``{"items": [...], "total": N}``, best match first.

    Each item has id, title, published, source, url, duplicate_of, story_id, snippet (matching
    words marked «like this») and score (bm25, lower is better; null without ``q``).
    """
    # valid requests are answered by SearchFastPath before they get here; this route answers
    # the invalid ones (422) and describes the API
    return await search_answer(request.app.state.pool, query)


async def search_answer(pool: ConnectionPool, query: SearchQuery) -> Response:
    """The search API's answer: no response model validation (the store builds exactly the
    documented items); search and encoding run in one trip to a worker thread (SQLite releases
    the GIL), so the event loop keeps serving other connections meanwhile."""
    filters = query.filters()

    def answer(conn: sqlite3.Connection) -> Response:
        page = store.search_articles(conn, filters, limit=query.limit, offset=query.offset)
        return JSONResponse(page.as_dict())

    try:
        return await pool.run(answer)
    except ValueError as exc:  # a date like 2026-13
        raise HTTPException(422, str(exc)) from None


class SearchFastPath:
    """ASGI middleware: answers valid ``GET /api/articles`` requests without FastAPI's routing.

    FastAPI resolves and validates every query parameter one by one: about 0.15 ms of CPU per
    request more than this (some 5 % of a whole uncached search). Here the same
    :class:`SearchQuery` model validates the parameters in one call; a request it does not
    accept goes on to the route, which answers with FastAPI's usual 422.
    """

    def __init__(self, app: ASGIApp, pool: ConnectionPool) -> None:
        self.app = app
        self.pool = pool

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == SEARCH_PATH:
            try:
                # the last value of a repeated parameter, as FastAPI takes it
                query = SearchQuery.model_validate(dict(QueryParams(scope["query_string"])))
                response = await search_answer(self.pool, query)
            except (ValidationError, HTTPException):
                pass
            else:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


@router.get("/api/articles/{article_id}", tags=["articles"])
def api_article(conn: Conn, article_id: ArticleId) -> dict[str, Any]:
    """The full Article record (plus ``story_id``, ``duplicate_of`` and ``duplicates``)."""
    record = store.get_article(conn, article_id)
    if record is None:
        raise HTTPException(404, "no such article")
    return record


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, conn: Conn, query: Search) -> HTMLResponse:
    filters, limit, offset = query.filters(), query.limit, query.offset
    try:
        page = store.search_articles(conn, filters, limit=limit, offset=offset)
    except ValueError as exc:  # a date like 2026-13
        raise HTTPException(400, str(exc)) from None
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
