"""What every view shares: limits, the read-only connection per request, templates, filters."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel

from lagebild.store.queries import SearchFilters
from lagebild.web.pool import ConnectionPool

# sensible limits on what one request may ask for
DEFAULT_PAGE = 20
MAX_PAGE = 100
MAX_OFFSET = 10_000
MAX_QUERY = 200
MAX_NAME = 200
MAX_PLACES = 2_000
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty: no bound (a blank form field)
ENTITY_TYPE_PATTERN = r"^(PER|ORG|LOC|OTH)$"

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
Text = Annotated[str | None, Query(max_length=MAX_QUERY)]
Name = Annotated[str | None, Query(max_length=MAX_NAME)]


def db_connection(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection (``mode=ro``) from the app's pool for one request."""
    pool: ConnectionPool = request.app.state.pool
    with pool.connection() as conn:
        yield conn


class SearchQuery(BaseModel):
    """The parameters of a search (``GET /api/articles`` and the search page), with limits."""

    q: Annotated[str | None, Query(max_length=MAX_QUERY, description="full-text query")] = None
    entity: Annotated[str | None, Query(max_length=MAX_NAME, description="entity id or name")] = (
        None
    )
    place: Annotated[str | None, Query(max_length=MAX_NAME, description="place id or name")] = None
    speaker: Annotated[
        str | None, Query(max_length=MAX_NAME, description="speaker entity id or name")
    ] = None
    date_from: Annotated[
        str | None, Query(alias="from", pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")
    ] = None
    date_to: Annotated[
        str | None, Query(alias="to", pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")
    ] = None
    source: Annotated[str | None, Query(max_length=MAX_NAME, description="site name")] = None
    story: Annotated[int | None, Query(ge=0, description="story id")] = None
    limit: Limit = DEFAULT_PAGE
    offset: Offset = 0

    def filters(self) -> SearchFilters:
        def clean(value: str | None) -> str | None:
            value = (value or "").strip()
            return value or None

        return SearchFilters(
            q=clean(self.q),
            entity=clean(self.entity),
            place=clean(self.place),
            speaker=clean(self.speaker),
            date_from=self.date_from or None,
            date_to=self.date_to or None,
            source=clean(self.source),
            story=self.story,
        )


_MARKED = re.compile(r"«([^«»\s]+)»")


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """Split a store snippet into (text, is_match) pieces; the template escapes each."""
    parts: list[tuple[str, bool]] = []
    pos = 0
    text = snippet or ""
    for match in _MARKED.finditer(text):
        if match.start() > pos:
            parts.append((text[pos : match.start()], False))
        parts.append((match.group(1), True))
        pos = match.end()
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from ``params`` with ``changes`` applied (None removes a key)."""
    merged = {**params, **changes}
    clean = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(clean) if clean else "?"


def when(value: str | None) -> str:
    """A publication date for people: '2026-03-20T18:55:00' -> '2026-03-20 18:55'."""
    if not value:
        return "ohne Datum"
    return value[:16].replace("T", " ") if len(value) > 10 else value


def build_templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("lagebild.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = lambda value: quote(str(value), safe="")
    env.filters["snippet_parts"] = snippet_parts
    env.filters["when"] = when
    env.globals["query_string"] = query_string
    return Jinja2Templates(env=env)


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status_code)
