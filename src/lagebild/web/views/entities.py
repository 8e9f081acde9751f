"""People, organisations and places: ``/entities``, ``/entities/{id}`` and their API."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from lagebild.store import queries as store
from lagebild.web import queries
from lagebild.web.charts import date_histogram, network
from lagebild.web.deps import (
    DEFAULT_PAGE,
    ENTITY_TYPE_PATTERN,
    MAX_NAME,
    Limit,
    Offset,
    Text,
    db_connection,
    render,
)

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(db_connection)]
EntityId = Annotated[str, Path(max_length=MAX_NAME, description="entity id")]
EntityType = Annotated[
    str | None, Query(alias="type", pattern=ENTITY_TYPE_PATTERN, description="PER, ORG, LOC, OTH")
]
NETWORK_SIZE = 14
DETAIL_ITEMS = 20


def _with_count(entity: dict[str, Any]) -> dict[str, Any]:
    """The API's ``count`` (articles naming the entity) beside the store's own columns."""
    return {**entity, "count": entity.get("article_count", 0)}


def _detail(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any]:
    detail = store.entity_detail(conn, entity_id, limit=DETAIL_ITEMS)
    if detail is None:
        raise HTTPException(404, "no such entity")
    detail["entity"] = _with_count(detail["entity"])
    return detail


@router.get("/api/entities", tags=["entities"])
def api_entities(
    conn: Conn,
    q: Text = None,
    entity_type: EntityType = None,
    limit: Limit = DEFAULT_PAGE,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Entities across all articles, most frequent first: ``{"items": [...], "total": N}``.

    ``count`` is the number of articles naming the entity; ``q`` matches the start of a word
    of the name.
    """
    page = store.list_entities(conn, type=entity_type, q=q, limit=limit, offset=offset)
    result = page.as_dict()
    result["items"] = [_with_count(e) for e in page.items]
    return result


@router.get("/api/entities/{entity_id:path}", tags=["entities"])
def api_entity(conn: Conn, entity_id: EntityId) -> dict[str, Any]:
    """One entity: mentions over time, quotes, co-occurring entities and places, articles."""
    return _detail(conn, entity_id)


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(
    request: Request,
    conn: Conn,
    q: Text = None,
    entity_type: EntityType = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    page = store.list_entities(conn, type=entity_type, q=q, limit=limit, offset=offset)
    return render(
        request,
        "entities.html",
        {
            "result": page.as_dict(),
            "q": q,
            "type": entity_type,
            "params": {"q": q, "type": entity_type},
            "limit": limit,
            "offset": offset,
        },
    )


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, conn: Conn, entity_id: EntityId) -> HTMLResponse:
    detail = _detail(conn, entity_id)
    neighbours = detail["cooccurring"][:NETWORK_SIZE]
    links = queries.network_edges(conn, entity_id, [str(n["id"]) for n in neighbours])
    return render(
        request,
        "entity.html",
        {
            **detail,
            "histogram": date_histogram(detail["timeline"], value="mentions"),
            "network": network(detail["entity"], neighbours, links),
        },
    )
