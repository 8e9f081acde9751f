"""Stories (articles about one event): ``/stories``, ``/stories/{id}`` with a time line."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from lagebild.store import queries as store
from lagebild.web.charts import timeline
from lagebild.web.deps import DEFAULT_PAGE, Limit, Offset, db_connection, render

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(db_connection)]
StoryId = Annotated[int, Path(ge=0, le=2**62, description="story id")]


@router.get("/api/stories", tags=["stories"])
def api_stories(conn: Conn, limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict[str, Any]:
    """Stories, most recent first: ``{"items": [...], "total": N}``."""
    return store.list_stories(conn, limit=limit, offset=offset).as_dict()


@router.get("/api/stories/{story_id}", tags=["stories"])
def api_story(conn: Conn, story_id: StoryId) -> dict[str, Any]:
    """One story with its articles in time order."""
    story = store.get_story(conn, story_id)
    if story is None:
        raise HTTPException(404, "no such story")
    return story


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(
    request: Request, conn: Conn, limit: Limit = DEFAULT_PAGE, offset: Offset = 0
) -> HTMLResponse:
    result = store.list_stories(conn, limit=limit, offset=offset).as_dict()
    return render(
        request, "stories.html", {"result": result, "limit": limit, "offset": offset, "params": {}}
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, conn: Conn, story_id: StoryId) -> HTMLResponse:
    story = store.get_story(conn, story_id)
    if story is None:
        raise HTTPException(404, "no such story")
    points, height = timeline(story["articles"])
    return render(
        request,
        "story.html",
        {"story": story, "points": points, "timeline_height": height, "timeline_width": 700},
    )
