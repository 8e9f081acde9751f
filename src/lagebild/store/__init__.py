"""The store: an ordinary SQLite file (WAL) with articles, their layers and a full-text index.

Schema and columns: ``docs/store.md``. Typical use::

    from lagebild.store import connect, search_articles, SearchFilters

    conn = connect("lagebild.db", readonly=True)
    page = search_articles(conn, SearchFilters(q="Waffenruhe", date_from="2024-03"), limit=10)
    for item in page.items:
        print(item["published"], item["title"], item["snippet"])
"""

from lagebild.store.db import SCHEMA_VERSION, StoreError, connect, transaction
from lagebild.store.ingest import IngestOptions, IngestSummary, ingest
from lagebild.store.queries import (
    Page,
    SearchFilters,
    entity_detail,
    entity_ids,
    get_article,
    get_entity,
    get_story,
    list_entities,
    list_places,
    list_quotes,
    list_stories,
    search_articles,
    stats,
)

__all__ = [
    "SCHEMA_VERSION",
    "IngestOptions",
    "IngestSummary",
    "Page",
    "SearchFilters",
    "StoreError",
    "connect",
    "entity_detail",
    "entity_ids",
    "get_article",
    "get_entity",
    "get_story",
    "ingest",
    "list_entities",
    "list_places",
    "list_quotes",
    "list_stories",
    "search_articles",
    "stats",
    "transaction",
]
