"""The offline map: country outlines and places drawn as SVG on the server.

The outlines are Natural Earth's 1:110m admin-0 countries (public domain) as shipped inside the
``geopandas`` package (versions before 1.0, ``datasets/naturalearth_lowres``), read with pyshp;
install them with ``pip install 'lagebild[map]'``. Without them the map still draws a graticule
and the places. Nothing is fetched from the network: no tiles, no CDN.

The projection is equirectangular (plate carrée), cropped to the inhabited latitudes.
"""

from __future__ import annotations

import importlib.util
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_SHAPEFILE = Path("datasets", "naturalearth_lowres", "naturalearth_lowres.shp")


@dataclass(frozen=True)
class Projection:
    """Equirectangular: longitude and latitude scale linearly to x and y."""

    width: float = 1000.0
    north: float = 84.0
    south: float = -58.0

    @property
    def scale(self) -> float:
        return self.width / 360.0

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        lat = min(max(lat, self.south), self.north)
        return (lon + 180.0) * self.scale, (self.north - lat) * self.scale

    def view_box(self, west: float, south: float, east: float, north: float) -> str:
        """The SVG viewBox that shows the given longitude/latitude box."""
        x0, y0 = self.point(west, north)
        x1, y1 = self.point(east, south)
        return f"{x0:.1f} {y0:.1f} {x1 - x0:.1f} {y1 - y0:.1f}"


WORLD = Projection()


@dataclass(frozen=True)
class Country:
    name: str
    iso_a3: str
    path: str  # SVG path data


@dataclass(frozen=True)
class PlaceDot:
    id: str
    name: str
    articles: int
    x: float
    y: float
    r: float


def natural_earth_file() -> Path | None:
    """Where the bundled Natural Earth countries shapefile is, without importing geopandas."""
    spec = importlib.util.find_spec("geopandas")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / _SHAPEFILE
        if candidate.is_file():
            return candidate
    return None


def _ring_path(points: list[tuple[float, float]], projection: Projection) -> str:
    coords = [projection.point(lon, lat) for lon, lat in points]
    head = "M{:.1f},{:.1f}".format(*coords[0])
    tail = "".join("L{:.1f},{:.1f}".format(*xy) for xy in coords[1:])
    return head + tail + "Z"


@lru_cache(maxsize=4)
def country_outlines(projection: Projection = WORLD) -> tuple[Country, ...]:
    """All country outlines as SVG paths (empty when the map data is not installed)."""
    path = natural_earth_file()
    if path is None:
        log.info("no country outlines: install lagebild[map] for the Natural Earth data")
        return ()
    try:
        import shapefile  # pyshp
    except ImportError:
        log.info("no country outlines: pyshp is not installed")
        return ()
    countries: list[Country] = []
    with shapefile.Reader(str(path)) as reader:
        names = [f[0] for f in reader.fields[1:]]
        for shape_record in reader.iterShapeRecords():
            record = dict(zip(names, shape_record.record, strict=False))
            shape = shape_record.shape
            parts = [*shape.parts, len(shape.points)]
            rings = [
                _ring_path([tuple(p) for p in shape.points[a:b]], projection)
                for a, b in zip(parts, parts[1:], strict=False)
                if b - a > 2
            ]
            countries.append(
                Country(str(record.get("name", "")), str(record.get("iso_a3", "")), "".join(rings))
            )
    return tuple(countries)


def graticule(projection: Projection = WORLD, step: int = 30) -> list[str]:
    """Meridians and parallels every ``step`` degrees as SVG path data."""
    lines: list[str] = []
    for lon in range(-180, 181, step):
        (x0, y0), (x1, y1) = (
            projection.point(lon, projection.north),
            projection.point(lon, projection.south),
        )
        lines.append(f"M{x0:.1f},{y0:.1f}L{x1:.1f},{y1:.1f}")
    for lat in range(-step * (90 // step), 91, step):
        if projection.south <= lat <= projection.north:
            (x0, y0), (x1, y1) = projection.point(-180, lat), projection.point(180, lat)
            lines.append(f"M{x0:.1f},{y0:.1f}L{x1:.1f},{y1:.1f}")
    return lines


def place_dots(
    places: list[dict[str, Any]],
    projection: Projection = WORLD,
    *,
    min_r: float = 2.5,
    max_r: float = 16.0,
) -> list[PlaceDot]:
    """Places as circles whose area grows with the articles naming them; biggest drawn first."""
    usable = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not usable:
        return []
    top = max(int(p.get("articles") or 1) for p in usable)
    dots: list[PlaceDot] = []
    for p in usable:
        articles = int(p.get("articles") or 1)
        x, y = projection.point(float(p["lon"]), float(p["lat"]))
        r = min_r + (max_r - min_r) * math.sqrt(articles / top)
        dots.append(PlaceDot(str(p["id"]), str(p["name"]), articles, x, y, r))
    dots.sort(key=lambda d: -d.r)
    return dots
