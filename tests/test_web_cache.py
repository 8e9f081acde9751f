"""The response cache: repeated API requests come from memory until the store changes."""

from __future__ import annotations

import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from conftest_web import build_store, make_article, sample_articles
from lagebild.store.db import connect, transaction
from lagebild.store.write import write_article
from lagebild.web import create_app
from lagebild.web.cache import ResponseCache


def cache_of(client: TestClient) -> ResponseCache:
    client.get("/api/articles")  # builds the middleware stack
    layer = client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer


def test_repeated_requests_are_served_from_memory(tmp_path: Path) -> None:
    client = TestClient(create_app(build_store(tmp_path / "store.db")))
    cache = cache_of(client)
    first = client.get("/api/articles", params={"q": "Waffenruhe"})
    hits = cache.hits
    second = client.get("/api/articles", params={"q": "Waffenruhe"})
    assert cache.hits == hits + 1
    assert second.json() == first.json()
    assert second.headers["content-security-policy"] == first.headers["content-security-policy"]
    other = client.get("/api/articles", params={"q": "Genf"})
    assert cache.hits == hits + 1 and other.json() != first.json()
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    assert cache.hits == hits + 1  # errors are never cached


def test_a_change_of_the_store_is_seen_at_once(tmp_path: Path) -> None:
    path = build_store(tmp_path / "store.db")
    client = TestClient(create_app(path))
    before = client.get("/api/articles").json()["total"]
    assert client.get("/api/articles").json()["total"] == before
    extra = make_article(
        title="Neue Meldung über eine Waffenruhe",
        lead="Die Lage bleibt angespannt, berichten Helfer vor Ort.",
        paragraphs=["Ein weiterer Absatz über die Lage im Grenzgebiet."],
        published="2026-04-20",
        source="neu.example",
    )
    conn = connect(path)
    try:
        with transaction(conn):
            write_article(conn, extra)
    finally:
        conn.close()
    assert client.get("/api/articles").json()["total"] == before + 1
    assert len(sample_articles()) == before
