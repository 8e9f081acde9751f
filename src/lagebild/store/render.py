"""Plain-text views of query results for the terminal (the CLI prints these or JSON)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any

from lagebild.store.queries import Page

QUOTE_MARKS = "„“”\"«»‹›‚‘’' "


def search_text(page: Page) -> Iterator[str]:
    for item in page.items:
        day = (item.get("published") or "")[:10] or "undated"
        source = item.get("source") or "?"
        mark = "  [duplicate]" if item.get("duplicate_of") else ""
        yield f"{day}  {source}  {item.get('title') or '(untitled)'}{mark}"
        yield f"  id {item['id']}"
        if item.get("snippet"):
            yield from textwrap.wrap(
                item["snippet"], width=96, initial_indent="  ", subsequent_indent="  "
            )
        yield ""
    shown = f"{page.offset + 1}–{page.offset + len(page.items)}" if page.items else "0"
    yield f"{shown} of {page.total} article(s)"


def stats_text(data: dict[str, Any]) -> Iterator[str]:
    width = max(len(k) for k in data)
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in sorted(value.items())) or "-"
        yield f"{key:<{width}}  {value if value is not None else '-'}"


def entity_text(detail: dict[str, Any]) -> Iterator[str]:
    entity = detail["entity"]
    yield f"{entity['name']}  ({entity['type']}, id {entity['id']})"
    yield (
        f"  {entity['article_count']} article(s), {entity['mention_count']} mention(s), "
        f"first {entity['first_seen'] or '-'}, last {entity['last_seen'] or '-'}"
    )
    if entity.get("lat") is not None:
        yield f"  at {entity['lat']:.4f}, {entity['lon']:.4f} ({entity.get('country_code') or '?'})"
    if detail["timeline"]:
        yield ""
        yield "Mentions over time (day: articles / mentions)"
        peak = max(t["mentions"] or 0 for t in detail["timeline"]) or 1
        for point in detail["timeline"]:
            bar = "█" * max(1, round(20 * (point["mentions"] or 0) / peak))
            yield f"  {point['date']}  {point['articles']:>4} / {point['mentions']:>5}  {bar}"
    if detail["quotes"]:
        yield ""
        yield "Quotes"
        for quote in detail["quotes"]:
            day = (quote.get("published") or "")[:10] or "undated"
            yield from textwrap.wrap(
                f"„{quote['text'].strip(QUOTE_MARKS)}“ "
                f"({day}, {quote.get('title') or quote['article_id']})",
                width=96,
                initial_indent="  - ",
                subsequent_indent="    ",
            )
    if detail["cooccurring"]:
        yield ""
        yield "Named together with (articles)"
        for other in detail["cooccurring"]:
            yield f"  {other['articles']:>4}  {other['name']} ({other['type']})"
    if detail["articles"]:
        yield ""
        yield "Latest articles"
        for article in detail["articles"]:
            day = (article.get("published") or "")[:10] or "undated"
            yield f"  {day}  {article.get('title') or article['id']}"
