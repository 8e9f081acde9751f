"""Queries: full-text search with filters, entities, quotes, places, stats, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.cli import main
from lagebild.read.common import decode
from lagebild.store import (
    SearchFilters,
    connect,
    entity_detail,
    get_article,
    get_entity,
    ingest,
    list_entities,
    list_places,
    list_quotes,
    list_stories,
    search_articles,
    stats,
)
from lagebild.store.text import stem_text
from test_ingest import LIGHT, PEOPLE, TOWNS, make_article, write_corpus

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "text"
COUNT = 40


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("search")
    write_corpus(directory / "in", COUNT)
    db = directory / "store.db"
    ingest([str(directory / "in")], db, LIGHT)
    return db


def _expected(predicate) -> set[str]:  # noqa: ANN001 - a filter over make_article(i)
    return {make_article(i).id for i in range(COUNT) if predicate(make_article(i))}


def _ids(page) -> set[str]:  # noqa: ANN001
    return {item["id"] for item in page.items}


def test_stemmed_search_finds_inflected_forms(store: Path) -> None:
    conn = connect(store, readonly=True)
    page = search_articles(conn, SearchFilters(q="Waffenruhen"), limit=100)
    assert _ids(page) == _expected(lambda a: "Waffenruhe" in a.text)
    assert page.total == len(page.items) == COUNT // 4
    item = page.items[0]
    assert set(item) >= {"id", "title", "published", "source", "snippet"}
    assert "«Waffenruhe»" in item["snippet"]
    # diacritics folded: "Brugger" finds "Brügger"
    folded = search_articles(conn, SearchFilters(q="Jonas Brugger"), limit=100)
    assert _ids(folded) == _expected(lambda a: "Jonas Brügger" in a.text)


def test_filters_combine(store: Path) -> None:
    conn = connect(store, readonly=True)
    filters = SearchFilters(
        q="Versammlung", entity="Kassel", date_from="2024-03-05", date_to="2024-03-20"
    )
    page = search_articles(conn, filters, limit=100)
    expected = _expected(
        lambda a: "Kassel" in a.text and "2024-03-05" <= a.published <= "2024-03-20"
    )
    assert expected and _ids(page) == expected
    by_speaker = search_articles(conn, SearchFilters(speaker="Varnhagen"), limit=100)
    assert _ids(by_speaker) == _expected(lambda a: PEOPLE[2] in a.text)
    by_place = search_articles(conn, SearchFilters(place="trier"), limit=100)
    assert _ids(by_place) == _expected(lambda a: "Trier" in a.text)
    by_source = search_articles(conn, SearchFilters(source="Beispiel.de"), limit=100)
    assert _ids(by_source) == _expected(lambda a: a.source == "beispiel.de")
    month = search_articles(conn, SearchFilters(date_from="2024-03", date_to="2024-03"))
    assert month.total == COUNT
    nobody = search_articles(conn, SearchFilters(entity="Niemand Unbekannt"))
    assert nobody.total == 0 and nobody.items == []


def test_paging_and_order(store: Path) -> None:
    conn = connect(store, readonly=True)
    first = search_articles(conn, SearchFilters(), limit=15)
    second = search_articles(conn, SearchFilters(), limit=15, offset=15)
    assert first.total == second.total == COUNT
    assert not _ids(first) & _ids(second)
    dates = [i["published"] for i in first.items + second.items]
    assert dates == sorted(dates, reverse=True)
    with pytest.raises(ValueError):
        search_articles(conn, SearchFilters(date_from="März"))


def test_article_entity_quote_place_queries(store: Path) -> None:
    conn = connect(store, readonly=True)
    article = make_article(7)
    record = get_article(conn, article.id)
    assert record is not None and record["title"] == article.title
    assert get_article(conn, "0" * 20) is None

    entities = list_entities(conn, limit=100)
    assert entities.total == len(TOWNS) + len(PEOPLE)
    assert {e["name"] for e in list_entities(conn, type="PER").items} == set(PEOPLE)
    assert [e["name"] for e in list_entities(conn, q="ilse").items] == ["Ilse Varnhagen"]

    entity = get_entity(conn, "Ostrowski")
    assert entity is not None and entity["name"] == "Tobias Ostrowski"
    detail = entity_detail(conn, entity["id"])
    assert detail is not None
    assert sum(t["articles"] for t in detail["timeline"]) == COUNT // len(PEOPLE)
    assert {q["text"] for q in detail["quotes"]} == {"Wir brauchen schnell eine Lösung"}
    towns = {c["name"] for c in detail["cooccurring"]}
    assert towns == {t for i, (t, _, _) in enumerate(TOWNS * 8) if i % 4 == 3 and i < COUNT}
    assert {p["name"] for p in detail["places"]} == towns

    quotes = list_quotes(conn, speaker="Marta Kellermann", limit=5)
    assert quotes.total == COUNT // len(PEOPLE) and len(quotes.items) == 5
    places = list_places(conn)
    assert {p["name"] for p in places} == {t for t, _, _ in TOWNS}
    assert all(p["articles"] == COUNT // len(TOWNS) for p in places)
    early = list_places(conn, date_from="2024-03-01", date_to="2024-03-01")
    first_day = {TOWNS[i % len(TOWNS)][0] for i in range(COUNT) if i % 28 == 0}
    assert {p["name"] for p in early} == first_day == {"Kassel", "Passau"}


def test_stats_and_stories(store: Path) -> None:
    conn = connect(store, readonly=True)
    counts = stats(conn)
    assert counts["articles"] == COUNT
    assert counts["quotes"] == COUNT
    assert counts["first_published"] == "2024-03-01"
    assert counts["last_published"] == "2024-03-28"
    stories = list_stories(conn, limit=1000)
    assert sum(s["article_count"] for s in stories.items) == COUNT


def test_cli_search_json_lines(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["search", "Hochwasser", "--db", str(store), "--json", "--from", "2024-03-10"])
    assert code == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = _expected(lambda a: "Hochwasser" in a.text and a.published >= "2024-03-10")
    assert {line["id"] for line in lines} == expected
    assert all({"id", "title", "published", "source", "snippet"} <= set(line) for line in lines)

    assert main(["stats", "--db", str(store), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == COUNT

    assert main(["entity", "Kassel", "--db", str(store)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kassel  (LOC") and "Marta Kellermann" in out
    assert main(["entity", "Atlantis", "--db", str(store)]) == 1


@pytest.mark.skipif(not EXAMPLES.exists(), reason="examples/text not written yet")
def test_waffenruhe_finds_the_example_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "examples.db"
    ingest([str(EXAMPLES)], db, LIGHT)
    expected = {
        path.name
        for path in EXAMPLES.iterdir()
        if "waffenruh" in stem_text(decode(path.read_bytes())).split()
    }
    assert expected, "the examples should be about a Waffenruhe"
    assert main(["search", "Waffenruhe", "--db", str(db), "--json", "--limit", "100"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    conn = connect(db, readonly=True)
    found = {Path(get_article(conn, line["id"])["source_path"]).name for line in lines}
    assert found == expected


@pytest.mark.parametrize("q", ["Versammlung", "Hochwasser OR Streik", "Menschen -Waffenruhe"])
@pytest.mark.parametrize(
    "filters",
    [
        {"source": "nachrichten.example"},
        {"date_from": "2024-03-03", "date_to": "2024-03-17"},
        {"date_to": "2024-02"},
        {"date_from": "2024"},
        {"entity": "Erfurt", "date_from": "2024-03-10"},
        {"place": "Rostock", "source": "beispiel.de"},
        {"speaker": "Jonas Brügger"},
        {"include_duplicates": False},
    ],
)
def test_text_query_filters_agree_with_the_table_filters(
    store: Path, q: str, filters: dict[str, object]
) -> None:
    """Filters with a text query go through index terms, without one through SQL: same sets."""
    conn = connect(store, readonly=True)
    both = search_articles(conn, SearchFilters(q=q, **filters), limit=1000)  # type: ignore[arg-type]
    text = search_articles(conn, SearchFilters(q=q), limit=1000)
    table = search_articles(conn, SearchFilters(**filters), limit=1000)  # type: ignore[arg-type]
    assert _ids(both) == _ids(text) & _ids(table)
    assert both.total == len(both.items)


def test_broad_queries_rank_the_most_recent_hits(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lagebild.store import queries

    conn = connect(store, readonly=True)
    full = search_articles(conn, SearchFilters(q="Menschen"), limit=100)
    assert full.total == COUNT
    monkeypatch.setattr(queries, "RANK_WINDOW", 8)
    windowed = search_articles(conn, SearchFilters(q="Menschen"), limit=5)
    assert windowed.total == COUNT  # the count stays exact
    newest = {r[0] for r in conn.execute("SELECT id FROM articles ORDER BY seq DESC LIMIT 8")}
    assert _ids(windowed) <= newest and len(windowed.items) == 5
    deep = search_articles(conn, SearchFilters(q="Menschen"), limit=5, offset=10)
    assert len(deep.items) == 5  # paging past the window ranks every hit


def test_words_shaped_like_filter_tokens_match_only_text(store: Path) -> None:
    """The index keeps filter tokens (y2024, m202403, orig, …) beside the text: a query for
    such a word must not match them, with or without the column filter it needs then."""
    from lagebild.store.text import parse_query

    conn = connect(store, readonly=True)
    for q in ("y2024", "m202403", "orig", "ori*", "-orig Menschen", "Menschen OR d20240301"):
        assert parse_query(q) is not None and not parse_query(q).text_only, q
    assert search_articles(conn, SearchFilters(q="y2024")).total == 0
    assert search_articles(conn, SearchFilters(q="m202403")).total == 0
    assert search_articles(conn, SearchFilters(q="orig")).total == 0
    assert search_articles(conn, SearchFilters(q="Menschen OR y2024")).total == COUNT
    assert search_articles(conn, SearchFilters(q="Menschen -orig")).total == COUNT
    for q in ("Menschen", "Waffenruhe", '"humanitäre Hilfe"', "Verhand*", "Mai*", "Genf OR Kairo"):
        assert parse_query(q).text_only, q  # type: ignore[union-attr]


def _reference_snippet(text: str, stems: frozenset[str], width: int) -> str:
    """The snippet by its definition, word by word."""
    from lagebild.store.text import WORD, stem_word

    spans = list(WORD.finditer(text))
    hits = [i for i, m in enumerate(spans) if stem_word(m.group()) in stems]
    begin = max(0, hits[0] - width // 3) if hits else 0
    window = spans[begin : begin + width]
    if not window:
        return ""
    out, cursor = [], window[0].start()
    for m in window:
        word = m.group()
        out += [text[cursor : m.start()], f"«{word}»" if stem_word(word) in stems else word]
        cursor = m.end()
    body = " ".join("".join(out).split())
    more = len(spans) > begin + width
    return ("… " if begin else "") + body + (" …" if more else "")


_PIECES = [
    *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜßéçøł0123456789_",
    *["ﬁ", "ẞ", "ue", "Ue", "oe", "Ae", "qu", "ss", "İ", "ǅ", "ﾞ", "я", "中", " Straße", " Uebel"],
    *[" "] * 12,
    *".,;:-–„“\"'()\n«»",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=300),
    extra=st.lists(
        st.sampled_from(["Straße", "Häuser", "Fluechtlinge", "Überfall", "ﬁsch", "Uebel"]),
        max_size=2,
    ),
    picks=st.lists(st.integers(min_value=0, max_value=10_000), max_size=3),
    width=st.sampled_from([1, 2, 3, 5, 30]),
)
def test_snippet_is_the_window_around_the_first_match(
    pieces: list[str], extra: list[str], picks: list[int], width: int
) -> None:
    """The fast snippet (candidate words by pattern) equals the word-by-word definition."""
    from lagebild.store.text import snippet, stem_words, words

    text = "".join(pieces)
    pool = words(text) + extra
    chosen = [pool[i % len(pool)] for i in picks] if pool else []
    stems = frozenset(stem_words(chosen))
    assert snippet(text, stems, width) == _reference_snippet(text, stems, width)
