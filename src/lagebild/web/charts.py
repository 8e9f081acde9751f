"""Small charts as SVG geometry: a date histogram, a time line of points, a network.

These functions only compute coordinates; the templates draw them as inline SVG, so the pages
need no chart library and no JavaScript.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_DAY_BUCKETS = 120
MAX_BAR_WIDTH = 24.0


@dataclass(frozen=True)
class Bar:
    label: str
    date_from: str
    date_to: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Histogram:
    bars: tuple[Bar, ...]
    width: float
    height: float
    peak: int
    first: str
    last: str


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def _month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def date_histogram(
    days: list[dict[str, Any]],
    *,
    value: str = "articles",
    width: float = 600.0,
    height: float = 60.0,
) -> Histogram | None:
    """Counts per day (``[{"date": "2024-05-03", value: n}]``) as bars; by month if long."""
    counts: dict[date, int] = {}
    for row in days:
        day = _parse_day(str(row.get("date") or ""))
        if day is not None:
            counts[day] = counts.get(day, 0) + int(row.get(value) or 0)
    if not counts:
        return None
    first, last = min(counts), max(counts)
    buckets: list[tuple[str, date, date, int]] = []
    if (last - first).days < MAX_DAY_BUCKETS:
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = date.fromordinal(ordinal)
            buckets.append((day.isoformat(), day, day, counts.get(day, 0)))
    else:
        months: dict[tuple[int, int], int] = {}
        for day, n in counts.items():
            months[(day.year, day.month)] = months.get((day.year, day.month), 0) + n
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            start = date(year, month, 1)
            buckets.append(
                (f"{year}-{month:02d}", start, _month_end(start), months.get((year, month), 0))
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    peak = max(b[3] for b in buckets) or 1
    step = width / len(buckets)
    gap = min(2.0, step * 0.2)
    bar_width = min(max(step - gap, 0.5), MAX_BAR_WIDTH)
    bars = tuple(
        Bar(
            label=label,
            date_from=lo.isoformat(),
            date_to=hi.isoformat(),
            count=n,
            x=i * step + (step - bar_width) / 2,
            y=height - height * n / peak,
            width=bar_width,
            height=height * n / peak,
        )
        for i, (label, lo, hi, n) in enumerate(buckets)
    )
    return Histogram(bars, width, height, peak, first.isoformat(), last.isoformat())


@dataclass(frozen=True)
class TimelinePoint:
    id: str
    title: str
    day: str
    x: float
    y: float


def timeline(
    articles: list[dict[str, Any]], *, width: float = 700.0, row: float = 16.0
) -> tuple[list[TimelinePoint], float]:
    """Articles on a time axis; articles of the same day stack upwards. Returns (points, height)."""
    dated = [
        (a, _parse_day(str(a.get("published_date") or a.get("published") or ""))) for a in articles
    ]
    dated = [(a, d) for a, d in dated if d is not None]
    if not dated:
        return [], 0.0
    first = min(d for _, d in dated).toordinal()
    span = max(max(d for _, d in dated).toordinal() - first, 1)
    stacks: dict[int, int] = {}
    points: list[TimelinePoint] = []
    margin = 10.0
    for article, day in dated:
        level = stacks.get(day.toordinal(), 0)
        stacks[day.toordinal()] = level + 1
        x = margin + (width - 2 * margin) * (day.toordinal() - first) / span
        points.append(
            TimelinePoint(
                str(article["id"]), str(article.get("title") or ""), day.isoformat(), x, level
            )
        )
    levels = max(stacks.values())
    height = levels * row + 2 * margin
    placed = [
        TimelinePoint(p.id, p.title, p.day, p.x, height - margin - p.y * row - row / 2)
        for p in points
    ]
    return placed, height


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    type: str
    articles: int
    x: float
    y: float
    r: float
    centre: bool = False


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    weight: float


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    size: float


def network(
    centre: dict[str, Any],
    neighbours: list[dict[str, Any]],
    links: list[dict[str, Any]],
    *,
    size: float = 460.0,
    max_links: int = 30,
) -> Network:
    """The entity in the middle, co-occurring entities on a circle, links between all of them.

    Neighbours sharing more articles sit on an inner ring; line width grows with shared articles;
    of the links between neighbours only the ``max_links`` strongest are drawn.
    """
    c = size / 2
    top = max([int(n.get("articles") or 1) for n in neighbours] or [1])
    nodes = [
        Node(
            str(centre["id"]), str(centre["name"]), str(centre.get("type") or ""), 0, c, c, 14, True
        )
    ]
    positions: dict[str, tuple[float, float]] = {nodes[0].id: (c, c)}
    edges: list[Edge] = []
    for i, n in enumerate(neighbours):
        angle = 2 * math.pi * i / max(len(neighbours), 1) - math.pi / 2
        strength = int(n.get("articles") or 1) / top
        radius = c * (0.78 - 0.28 * strength)
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        positions[str(n["id"])] = (x, y)
        nodes.append(
            Node(
                str(n["id"]),
                str(n["name"]),
                str(n.get("type") or ""),
                int(n.get("articles") or 0),
                x,
                y,
                6 + 8 * math.sqrt(strength),
            )
        )
        edges.append(Edge(c, c, x, y, 0.5 + 3.5 * strength))
    links = sorted(links, key=lambda link: -int(link.get("articles") or 0))[:max_links]
    link_top = max([int(link.get("articles") or 1) for link in links] or [1])
    for link in links:
        a, b = positions.get(str(link["source"])), positions.get(str(link["target"]))
        if a and b:
            edges.append(Edge(a[0], a[1], b[0], b[1], 0.3 + 1.5 * int(link["articles"]) / link_top))
    return Network(tuple(nodes), tuple(edges), size)
