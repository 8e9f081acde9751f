"""Places: the offline map ``/map`` and ``/api/places``."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from lagebild.store import queries as store
from lagebild.web.deps import DATE_PATTERN, MAX_PLACES, db_connection, render
from lagebild.web.worldmap import WORLD, country_outlines, graticule, place_dots

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(db_connection)]
PlaceLimit = Annotated[int, Query(ge=1, le=MAX_PLACES, description=f"at most {MAX_PLACES}")]
DateFrom = Annotated[
    str | None, Query(alias="from", pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")
]
DateTo = Annotated[
    str | None, Query(alias="to", pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")
]

# regions the map can zoom to: (label, west, south, east, north)
REGIONS = (
    ("Welt", -180.0, WORLD.south, 180.0, WORLD.north),
    ("Europa", -25.0, 34.0, 45.0, 71.0),
    ("Nahost & Nordafrika", -18.0, 5.0, 63.0, 42.0),
)


@router.get("/api/places", tags=["places"])
def api_places(
    conn: Conn, date_from: DateFrom = None, date_to: DateTo = None, limit: PlaceLimit = 500
) -> dict[str, Any]:
    """Entities with coordinates and the number of articles naming them (in the period)."""
    places = store.list_places(
        conn, date_from=date_from or None, date_to=date_to or None, limit=limit
    )
    return {"items": places, "total": len(places)}


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(
    request: Request,
    conn: Conn,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: PlaceLimit = 500,
) -> HTMLResponse:
    places = store.list_places(
        conn, date_from=date_from or None, date_to=date_to or None, limit=limit
    )
    return render(
        request,
        "map.html",
        {
            "projection": WORLD,
            "countries": country_outlines(WORLD),
            "graticule": graticule(WORLD),
            "dots": place_dots(places, WORLD),
            "places": places,
            "regions": [(label, WORLD.view_box(w, s, e, n)) for label, w, s, e, n in REGIONS],
            "date_from": date_from,
            "date_to": date_to,
        },
    )
