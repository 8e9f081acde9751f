"""The web app through FastAPI's test client: JSON API, pages, escaping, limits, safety."""

from __future__ import annotations

import re
import sqlite3
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette: httpx in the test client is deprecated
    from fastapi.testclient import TestClient

from conftest_web import XSS_BODY, XSS_TITLE, build_store, make_article, sample_articles
from lagebild.store.db import connect
from lagebild.web import create_app
from lagebild.web.charts import date_histogram, network
from lagebild.web.deps import MAX_PAGE, MAX_QUERY, snippet_parts
from lagebild.web.highlight import article_blocks
from lagebild.web.worldmap import WORLD, country_outlines, natural_earth_file, place_dots


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "store.db")


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store))


def ids_by_title(client: TestClient) -> dict[str, str]:
    items = client.get("/api/articles", params={"limit": 100}).json()["items"]
    return {item["title"]: item["id"] for item in items}


# -- JSON API ---------------------------------------------------------------------------------


def test_search_lists_all_articles_newest_first(client: TestClient) -> None:
    data = client.get("/api/articles").json()
    assert data["total"] == 4
    dates = [item["published"] for item in data["items"]]
    assert dates == sorted(dates, reverse=True)
    assert {"id", "title", "published", "source", "snippet"} <= set(data["items"][0])


def test_search_query_finds_inflected_word_and_marks_it(client: TestClient) -> None:
    data = client.get("/api/articles", params={"q": "Waffenruhen"}).json()
    titles = {item["title"] for item in data["items"]}
    assert data["total"] == 2
    assert "Gespräche über eine Waffenruhe beginnen in Genf" in titles
    assert "Hilfskonvoi erreicht das Lager" in titles
    assert any("«Waffenruhe»" in item["snippet"] for item in data["items"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"entity": "per-weber"},
            {
                "Gespräche über eine Waffenruhe beginnen in Genf",
                "Bundestag debattiert über Aufnahmeprogramm",
            },
        ),
        (
            {"entity": "Anna Weber"},
            {
                "Gespräche über eine Waffenruhe beginnen in Genf",
                "Bundestag debattiert über Aufnahmeprogramm",
            },
        ),
        ({"place": "Kairo"}, {"Hilfskonvoi erreicht das Lager"}),
        ({"speaker": "Samuel Okafor"}, {"Hilfskonvoi erreicht das Lager"}),
        ({"source": "zeitung.example"}, {"Hilfskonvoi erreicht das Lager"}),
        ({"from": "2026-04", "to": "2026-04-10"}, {"Bundestag debattiert über Aufnahmeprogramm"}),
        (
            {"q": "Waffenruhe", "place": "Genf", "to": "2026-03-03"},
            {"Gespräche über eine Waffenruhe beginnen in Genf"},
        ),
        ({"entity": "' OR 1=1 --"}, set()),
    ],
)
def test_search_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    data = client.get("/api/articles", params=params).json()
    assert {item["title"] for item in data["items"]} == expected
    assert data["total"] == len(expected)


def test_search_pages_through_results(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 4
    assert len(first["items"]) == len(second["items"]) == 2
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


@pytest.mark.parametrize("q", ['"', "NEAR(a b", "a OR", "-", "*", "title:x", "') --", "\x00"])
def test_search_odd_queries_never_fail(client: TestClient, q: str) -> None:
    response = client.get("/api/articles", params={"q": q})
    assert response.status_code == 200
    assert response.json()["total"] >= 0


def test_article_record_is_complete(client: TestClient) -> None:
    article_id = ids_by_title(client)["Gespräche über eine Waffenruhe beginnen in Genf"]
    record = client.get(f"/api/articles/{article_id}").json()
    assert record["id"] == article_id
    assert record["text"].startswith("Diplomatie")
    assert {e["id"] for e in record["entities"]} >= {"per-weber", "loc-genf"}
    quote = record["quotes"][0]
    assert record["text"][quote["start"] : quote["end"]] == quote["text"]
    assert record["timexes"][0]["value"] == "2026-03-02"


def test_unknown_and_malformed_article_ids(client: TestClient) -> None:
    assert client.get("/api/articles/0123456789abcdef0123").status_code == 404
    assert client.get("/api/articles/not;an-id").status_code == 422
    assert client.get("/articles/0123456789abcdef0123").status_code == 404


def test_entities_by_type_with_counts(client: TestClient) -> None:
    data = client.get("/api/entities", params={"type": "LOC"}).json()
    assert data["total"] == 4
    assert {e["type"] for e in data["items"]} == {"LOC"}
    sudan = next(e for e in data["items"] if e["id"] == "loc-sudan")
    assert sudan["count"] == 3
    assert data["items"][0]["count"] >= data["items"][-1]["count"]
    named = client.get("/api/entities", params={"q": "web"}).json()
    assert [e["id"] for e in named["items"]] == ["per-weber"]


def test_entity_detail(client: TestClient) -> None:
    data = client.get("/api/entities/per-weber").json()
    assert data["entity"]["name"] == "Anna Weber"
    assert [t["date"] for t in data["timeline"]] == ["2026-03-02", "2026-04-10"]
    assert {q["text"] for q in data["quotes"]} == {
        "Wir brauchen eine Waffenruhe, bevor der Regen einsetzt.",
        "Jede Woche zählt.",
    }
    cooccurring = {c["id"]: c["articles"] for c in data["cooccurring"]}
    assert cooccurring["loc-berlin"] == 2
    assert {p["id"] for p in data["places"]} == {"loc-berlin", "loc-sudan", "loc-genf"}
    assert client.get("/api/entities/nobody").status_code == 404


def test_quotes_filtered_by_speaker_and_text(client: TestClient) -> None:
    everything = client.get("/api/quotes").json()
    assert everything["total"] == 3
    weber = client.get("/api/quotes", params={"speaker": "Anna Weber"}).json()
    assert weber["total"] == 2
    assert {q["speaker_entity_id"] for q in weber["items"]} == {"per-weber"}
    text = client.get("/api/quotes", params={"q": "Lastwagen"}).json()
    assert [q["speaker"] for q in text["items"]] == ["Samuel Okafor"]
    assert client.get("/api/quotes", params={"q": "100%"}).json()["total"] == 0


def test_places_have_coordinates_and_counts(client: TestClient) -> None:
    items = client.get("/api/places").json()["items"]
    assert [p["id"] for p in items][0] == "loc-sudan"
    assert all(p["lat"] is not None and p["lon"] is not None for p in items)
    berlin = next(p for p in items if p["id"] == "loc-berlin")
    assert (round(berlin["lat"], 2), berlin["articles"]) == (52.52, 2)
    march = client.get("/api/places", params={"from": "2026-03", "to": "2026-03"}).json()
    assert "loc-kairo" in {p["id"] for p in march["items"]}
    assert next(p for p in march["items"] if p["id"] == "loc-berlin")["articles"] == 1


def test_stories_and_their_time_line(client: TestClient) -> None:
    data = client.get("/api/stories").json()
    assert data["total"] == 3
    genf = next(s for s in data["items"] if s["article_count"] == 2)
    story = client.get(f"/api/stories/{genf['id']}").json()
    assert [a["title"] for a in story["articles"]] == [
        "Gespräche über eine Waffenruhe beginnen in Genf",
        "Hilfskonvoi erreicht das Lager",
    ]
    page = client.get(f"/stories/{genf['id']}").text
    assert page.count('<circle class="point"') == 2
    listing = client.get("/stories").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing and "<script>alert" not in listing
    search = client.get("/", params={"story": genf["id"]}).text
    assert '<strong id="total">2</strong>' in search
    assert client.get("/api/stories/987654").status_code == 404
    assert client.get("/stories/x").status_code == 400


# -- limits and safety ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"limit": MAX_PAGE + 1},
        {"limit": 0},
        {"offset": -1},
        {"offset": 10_001},
        {"q": "x" * (MAX_QUERY + 1)},
        {"entity": "y" * 1000},
        {"from": "gestern"},
        {"to": "2026-13-01'"},
    ],
)
def test_limits_are_enforced(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/api/articles", params=params).status_code == 422


def test_impossible_dates_are_refused_not_failed(client: TestClient) -> None:
    response = client.get("/api/articles", params={"from": "2026-13"})
    assert response.status_code == 422 and "month" in response.json()["detail"]
    assert client.get("/", params={"to": "2026-02-30"}).status_code == 400


def test_search_answers_as_documented(client: TestClient) -> None:
    """The search API skips response validation: its answer must still match its schema."""
    answer = client.get("/api/articles", params={"q": "Waffenruhe", "limit": 2}).json()
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    documented = set(schema["ArticleHit"]["properties"])
    assert (
        set(answer)
        == set(schema["ArticlePage"]["properties"])
        == {
            "items",
            "total",
            "limit",
            "offset",
        }
    )
    assert answer["items"] and all(set(item) == documented for item in answer["items"])
    assert {"id", "title", "published", "source", "snippet"} <= documented


def test_limits_on_other_lists(client: TestClient) -> None:
    assert client.get("/api/entities", params={"limit": 1000}).status_code == 422
    assert client.get("/api/entities", params={"type": "PERSON"}).status_code == 422
    assert client.get("/api/quotes", params={"q": "z" * 500}).status_code == 422
    assert client.get("/api/places", params={"limit": 100_000}).status_code == 422
    assert client.get("/api/entities/" + "e" * 500).status_code == 422


def test_html_page_with_bad_parameter_shows_an_escaped_error(client: TestClient) -> None:
    response = client.get("/", params={"from": "<script>x</script>"})
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"]
    assert "<script>x" not in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/%2e%2e%2f%2e%2e%2fapp.py",
        "/static//etc/passwd",
        "/docs-assets/../../../../etc/passwd",
        "/articles/..%2f..%2fetc%2fpasswd",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/entities/..%2f..%2f..%2fetc%2fpasswd",
    ],
)
def test_path_traversal_is_refused(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404, 422)
    assert "root:" not in response.text
    assert "[project]" not in response.text
    assert "create_app" not in response.text


def test_static_files_are_served(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200
    assert "text/css" in css.headers["content-type"]


def test_connections_are_read_only(store: Path) -> None:
    conn = connect(store, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")
    conn.close()


# -- pages ------------------------------------------------------------------------------------

XSS_TEXT_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


def test_xss_article_is_shown_as_text(client: TestClient) -> None:
    article_id = ids_by_title(client)[XSS_TITLE]
    response = client.get(f"/articles/{article_id}")
    assert response.status_code == 200
    html = response.text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Angriff auf die Redaktion" in html
    assert "<img" not in html
    assert XSS_TEXT_ESCAPED in html
    assert "<b>boese</b>" not in html and "&lt;b&gt;boese&lt;/b&gt;" in html
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # no inline script at all: the only script is our own file
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert XSS_BODY.split("<")[0] in html


def test_xss_in_search_results_and_facets(client: TestClient) -> None:
    html = client.get("/", params={"q": "Markup"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "<b>boese" not in html
    echoed = client.get("/", params={"q": '"><svg onload=alert(1)>'}).text
    assert "<svg onload" not in echoed


def test_search_page_shows_results_facets_and_histogram(client: TestClient) -> None:
    html = client.get("/", params={"q": "Waffenruhe"}).text
    assert '<strong id="total">2</strong>' in html
    assert "<mark>Waffenruhe</mark>" in html
    assert 'href="?q=Waffenruhe&amp;place=loc-genf"' in html  # a facet keeps the query
    assert '<rect class="bar"' in html
    chips = client.get("/", params={"entity": "per-weber"}).text
    assert 'title="Filter entfernen">Entität: Anna Weber ✕</a>' in chips


def test_article_page_highlights_layers(client: TestClient) -> None:
    article_id = ids_by_title(client)["Gespräche über eine Waffenruhe beginnen in Genf"]
    html = client.get(f"/articles/{article_id}").text
    assert '<h1 class="title">' in html
    assert '<p class="kicker">Diplomatie</p>' in html
    assert '<h2 class="subheading">Hoffnung auf eine Feuerpause</h2>' in html
    assert 'class="ent ent-PER" href="/entities/per-weber"' in html
    assert (
        '<span class="quote" data-quote="0">Wir brauchen eine Waffenruhe, bevor der Regen '
        "einsetzt.</span>" in html
    )
    assert 'class="timex" href="/?from=2026-03-02&amp;to=2026-03-02"' in html
    assert '<span class="amount" title="12.000 Menschen">mehr als 12.000 Menschen</span>' in html
    assert "Delegierte vor dem Palast der Nationen in Genf." in html  # image caption


def test_entity_page_has_chart_quotes_and_network(client: TestClient) -> None:
    html = client.get("/entities/per-weber").text
    assert "Anna Weber" in html
    assert 'class="network"' in html and html.count('<g class="node') == 6
    assert "Jede Woche zählt." in html
    assert '<rect class="bar"' in html


def test_map_draws_places_and_countries(client: TestClient) -> None:
    html = client.get("/map").text
    assert html.count('<circle class="place"') == 4
    if natural_earth_file() is not None:
        assert html.count("<path d=") > 150


@pytest.mark.parametrize("path", ["/", "/entities", "/quotes", "/stories", "/map"])
def test_pages_load_nothing_from_elsewhere(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.text)


def test_api_docs_are_served_locally(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/quotes",
        "/api/places",
        "/api/stories",
    } <= set(paths)


def test_create_app_refuses_a_missing_store(tmp_path: Path) -> None:
    from lagebild.store import StoreError

    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")


# -- the pieces -------------------------------------------------------------------------------


def test_highlight_runs_cover_each_section_exactly() -> None:
    for article in sample_articles():
        record = article.to_dict()
        # overlapping and broken spans must neither lose nor duplicate text
        record["amounts"].append({"text": "x", "start": 3, "end": 10_000, "value": 1})
        record["timexes"].append(
            {"text": "Ge", "start": 5, "end": 12, "type": "DATE", "value": "X"}
        )
        blocks = article_blocks(record)
        sections = record["sections"]
        assert [b.kind for b in blocks] == [s["kind"] for s in sections]
        for block, section in zip(blocks, sections, strict=True):
            text = "".join(run.text for run in block.runs)
            assert text == record["text"][section["start"] : section["end"]]


def test_highlight_without_sections_splits_paragraphs() -> None:
    blocks = article_blocks({"text": "Eins.\n\nZwei."})
    assert [("".join(r.text for r in b.runs), b.kind) for b in blocks] == [
        ("Eins.", "paragraph"),
        ("Zwei.", "paragraph"),
    ]


def test_snippet_parts_split_marks() -> None:
    assert snippet_parts("a «Waffenruhe» b «<x>»") == [
        ("a ", False),
        ("Waffenruhe", True),
        (" b ", False),
        ("<x>", True),
    ]


def test_histogram_switches_to_months_for_long_spans() -> None:
    days = [{"date": "2025-01-15", "articles": 2}, {"date": "2025-12-03", "articles": 1}]
    histogram = date_histogram(days, value="articles")
    assert histogram is not None
    assert [b.label for b in histogram.bars][:2] == ["2025-01", "2025-02"]
    assert len(histogram.bars) == 12
    assert histogram.bars[0].height == histogram.height
    short = date_histogram([{"date": "2025-01-01", "articles": 1}, {"date": "2025-01-03"}])
    assert short is not None and [b.count for b in short.bars] == [1, 0, 0]


def test_network_places_neighbours_around_the_centre() -> None:
    centre = {"id": "a", "name": "A", "type": "PER"}
    neighbours = [{"id": str(i), "name": str(i), "articles": i + 1} for i in range(4)]
    net = network(centre, neighbours, [{"source": "0", "target": "1", "articles": 1}])
    assert len(net.nodes) == 5 and len(net.edges) == 5
    assert all(0 <= n.x <= net.size and 0 <= n.y <= net.size for n in net.nodes)


def test_projection_and_dots() -> None:
    assert WORLD.point(-180, WORLD.north) == (0.0, 0.0)
    x, y = WORLD.point(0, 0)
    assert x == pytest.approx(500.0) and y == pytest.approx(WORLD.north * WORLD.scale)
    dots = place_dots(
        [
            {"id": "a", "name": "A", "lat": 1, "lon": 2, "articles": 9},
            {"id": "b", "name": "B", "lat": 3, "lon": 4, "articles": 1},
            {"id": "c", "name": "C", "lat": None, "lon": None, "articles": 5},
        ]
    )
    assert [d.id for d in dots] == ["a", "b"] and dots[0].r > dots[1].r


@pytest.mark.skipif(natural_earth_file() is None, reason="lagebild[map] is not installed")
def test_country_outlines_come_from_natural_earth() -> None:
    countries = {c.name: c for c in country_outlines()}
    assert len(countries) > 150
    assert countries["Germany"].path.startswith("M")


def test_an_article_without_layers_renders(tmp_path: Path) -> None:
    bare = make_article(
        title="Kurz", lead="Nur ein Satz.", paragraphs=["Mehr nicht."], published="2026-01-01"
    )
    client = TestClient(create_app(build_store(tmp_path / "bare.db", [bare])))
    html = client.get(f"/articles/{bare.id}").text
    assert "Mehr nicht." in html
    assert client.get("/map").status_code == 200
    assert client.get("/entities/unknown").status_code == 404


def test_serve_command_line(tmp_path: Path) -> None:
    from lagebild.cli import build_parser, main

    args = build_parser().parse_args(["serve", "--db", "x.db"])
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 8000, 1)
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 2


def test_pool_reuses_connections_but_not_after_a_database_error(store: Path) -> None:
    from lagebild.web.pool import ConnectionPool

    pool = ConnectionPool(store, size=2)
    with pool.connection() as first:
        pass
    with pool.connection() as again:
        assert again is first
        with pool.connection() as other:  # a second request at the same time
            assert other is not first
    with pytest.raises(sqlite3.OperationalError), pool.connection() as broken:
        broken.execute("SELECT * FROM no_such_table")
    with pool.connection() as fresh:
        assert fresh is not broken
        assert fresh.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    pool.close()


def test_facets_count_within_the_matching_articles(store: Path) -> None:
    from lagebild.store.queries import SearchFilters
    from lagebild.web.queries import article_facets

    conn = connect(store, readonly=True)
    everything = article_facets(conn, SearchFilters())
    assert {f["id"]: f["articles"] for f in everything["entities"]}["per-weber"] == 2
    assert everything["places"][0] == {
        "id": "loc-sudan",
        "name": "Sudan",
        "type": "LOC",
        "articles": 3,
    }
    assert sum(d["articles"] for d in everything["dates"]) == 4
    convoy = article_facets(conn, SearchFilters(q="Lastwagen"))
    assert [f["id"] for f in convoy["entities"]] == ["org-rk", "per-okafor"]  # ties: by name
    assert {f["id"] for f in convoy["places"]} == {"loc-sudan", "loc-kairo", "loc-genf"}
    assert convoy["sources"] == [{"value": "zeitung.example", "articles": 1}]
    assert article_facets(conn, SearchFilters(entity="niemand"))["entities"] == []
    conn.close()


def test_search_page_pages_keep_the_filters(client: TestClient) -> None:
    first = client.get("/", params={"source": "beispiel.de", "limit": 1}).text
    assert first.count('<li class="hit">') == 1
    assert 'rel="next" href="?source=beispiel.de&amp;offset=1&amp;limit=1"' in first
    second = client.get("/", params={"source": "beispiel.de", "limit": 1, "offset": 1}).text
    assert 'rel="prev" href="?source=beispiel.de&amp;offset=0&amp;limit=1"' in second


def test_worker_processes_build_the_app_from_the_environment(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lagebild.web.app import DB_ENV, app_from_environment

    monkeypatch.setenv(DB_ENV, str(store))
    worker = TestClient(app_from_environment())
    assert worker.get("/api/articles").json()["total"] == 4


def test_the_pool_runs_work_in_threads_without_opening_more_connections(store: Path) -> None:
    import threading
    import time

    import anyio

    from lagebild.web.pool import ConnectionPool

    pool = ConnectionPool(store, size=5, threads=3)
    seen: set[int] = set()
    running = peak = 0
    lock = threading.Lock()

    def work(conn: sqlite3.Connection) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
            seen.add(id(conn))
        time.sleep(0.01)
        with lock:
            running -= 1
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    async def many() -> list[int]:
        results: list[int] = []

        async def one() -> None:
            results.append(await pool.run(work))

        async with anyio.create_task_group() as group:
            for _ in range(20):
                group.start_soon(one)
        return results

    results = anyio.run(many)
    assert len(results) == 20 and len(set(results)) == 1
    assert 1 < peak <= 3 and len(seen) <= 3
    pool.close()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "Waffenruhe", "limit": 2},
        {"q": "Waffenruhe", "limit": 2, "offset": 1},
        {"q": '"humanitäre Hilfe"', "from": "2026", "to": "2026-12-31"},
        {"source": "beispiel.de", "unknown": "ignored"},
        [("q", "nichts"), ("q", "Waffenruhe")],  # the last value counts
        {"limit": 0},
        {"from": "2026-13"},
        {"story": "x"},
    ],
)
def test_the_search_fast_path_answers_like_the_route(
    client: TestClient, params: dict[str, object] | list[tuple[str, str]]
) -> None:
    from lagebild.web.views.articles import SearchFastPath

    client.get("/api/articles")  # builds the middleware stack
    layer = client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(layer, SearchFastPath):
        layer = layer.app
    below = layer.app

    async def route_only_app(scope, receive, send) -> None:  # noqa: ANN001
        await below({**scope, "app": client.app}, receive, send)

    route_only = TestClient(route_only_app)  # the app below the fast path: FastAPI's route
    fast, routed = (
        client.get("/api/articles", params=params),
        route_only.get("/api/articles", params=params),
    )
    assert fast.status_code == routed.status_code
    assert fast.json() == routed.json()


def test_two_server_processes_each_listen_on_the_port(store: Path) -> None:
    """``serve --workers 2``: one SO_REUSEPORT socket per process, both answer, clean stop."""
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request

    from lagebild.web import workers

    if not workers.supported():
        pytest.skip("no SO_REUSEPORT here")
    first = workers.listening_socket("127.0.0.1", 0)
    port = first.getsockname()[1]
    second = workers.listening_socket("127.0.0.1", port)  # a second one on the same port
    first.close()
    second.close()
    command = [sys.executable, "-m", "lagebild.cli", "serve", "--db", str(store)]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/articles?limit=1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (loopback)
                    assert answer.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.3)
        if shutil.which("ss"):
            listeners: set[str] = set()
            while len(listeners) < 2 and time.monotonic() < deadline:
                ss = subprocess.run(
                    ["ss", "-tlnpH", f"sport = :{port}"], capture_output=True, text=True
                )
                listeners = set(re.findall(r"pid=(\d+)", ss.stdout))
                time.sleep(0.2)
            assert len(listeners) == 2
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0
