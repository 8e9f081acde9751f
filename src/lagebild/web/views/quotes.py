"""Quotes: ``/quotes`` and ``/api/quotes``, filtered by speaker and text."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from lagebild.web import queries
from lagebild.web.deps import DEFAULT_PAGE, Limit, Name, Offset, Text, db_connection, render

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(db_connection)]


@router.get("/api/quotes", tags=["quotes"])
def api_quotes(
    conn: Conn,
    speaker: Name = None,
    q: Text = None,
    limit: Limit = DEFAULT_PAGE,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes, newest article first: ``{"items": [...], "total": N}``.

    ``speaker`` is an entity id or name (as in the search), ``q`` words the quote contains.
    """
    return queries.search_quotes(conn, speaker=speaker, q=q, limit=limit, offset=offset)


@router.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
def quotes_page(
    request: Request,
    conn: Conn,
    speaker: Name = None,
    q: Text = None,
    limit: Limit = DEFAULT_PAGE,
    offset: Offset = 0,
) -> HTMLResponse:
    result = queries.search_quotes(conn, speaker=speaker, q=q, limit=limit, offset=offset)
    return render(
        request,
        "quotes.html",
        {
            "result": result,
            "speaker": speaker,
            "q": q,
            "params": {"speaker": speaker, "q": q},
            "limit": limit,
            "offset": offset,
        },
    )
