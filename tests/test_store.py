"""The store file: schema, migrations, connection settings, writing, search text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lagebild.article import Article, Paragraph
from lagebild.store import SCHEMA_VERSION, StoreError, connect, transaction
from lagebild.store import db as store_db
from lagebild.store.text import fold, parse_query, snippet, stem_text
from lagebild.store.write import write_article, write_error

TABLES = {
    "meta",
    "stories",
    "articles",
    "records",
    "articles_fts",
    "entities",
    "article_entities",
    "mentions",
    "quotes",
    "timexes",
    "amounts",
    "signatures",
    "errors",
    "runs",
}


def _article(title: str, body: str) -> Article:
    article = Article(title=title, paragraphs=[Paragraph(text=body)], published="2024-05-02")
    article.assemble_text()
    return article


def test_new_store_has_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names >= TABLES
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError), transaction(conn):
        conn.execute(
            'INSERT INTO mentions (article_id, entity_id, start, "end", text) '
            "VALUES ('nope', 'nope', 0, 1, 'x')"
        )
    conn.close()
    # reopening changes nothing and an ordinary sqlite3 connection can read it
    connect(tmp_path / "s.db").close()
    with sqlite3.connect(tmp_path / "s.db") as plain:
        assert plain.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_migrations_run_in_order_and_newer_stores_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    connect(path).close()
    migrations = {
        SCHEMA_VERSION + 1: ("ALTER TABLE articles ADD COLUMN tone REAL",),
        SCHEMA_VERSION + 2: ("CREATE INDEX articles_tone ON articles (tone)",),
    }
    monkeypatch.setattr(store_db, "MIGRATIONS", migrations)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", SCHEMA_VERSION + 2)
    conn = store_db.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 2
    columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    assert "tone" in columns
    conn.close()
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", SCHEMA_VERSION)
    with pytest.raises(StoreError, match="newer"):
        store_db.connect(path)


def test_failed_migration_leaves_the_store_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    connect(path).close()
    migrations = {
        SCHEMA_VERSION + 1: ("ALTER TABLE articles ADD COLUMN tone REAL", "NOT SQL AT ALL"),
    }
    monkeypatch.setattr(store_db, "MIGRATIONS", migrations)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        store_db.connect(path)
    with sqlite3.connect(path) as plain:
        assert plain.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "tone" not in {r[1] for r in plain.execute("PRAGMA table_info(articles)")}


def test_other_files_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as plain:
        plain.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="no lagebild schema"):
        connect(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all, not even close" * 20)
    with pytest.raises(StoreError):
        connect(junk)
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "missing.db", readonly=True)


def test_readonly_connection_cannot_write(tmp_path: Path) -> None:
    connect(tmp_path / "s.db").close()
    conn = connect(tmp_path / "s.db", readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("INSERT INTO meta (key, value) VALUES ('a', 'b')")


def test_write_article_is_idempotent_and_indexes_stemmed_text(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    article = _article("Waffenruhe hält", "Die Vermittler loben die Waffenruhen in Südsudan.")
    with transaction(conn):
        assert write_article(conn, article)
        assert not write_article(conn, article)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    row = conn.execute("SELECT published_date, word_count FROM articles").fetchone()
    assert tuple(row) == ("2024-05-02", 9)
    hits = conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
        (parse_query("sudsudan waffenruhe").match,),
    ).fetchall()
    assert len(hits) == 1


def test_errors_are_kept_once(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    with transaction(conn):
        assert write_error(conn, path="a.txt", stage="read", reason="empty file")
        assert not write_error(conn, path="a.txt", stage="read", reason="empty file")
        assert write_error(conn, path="a.txt", stage="ner", reason="boom")
    assert conn.execute("SELECT count(*) FROM errors").fetchone()[0] == 2


def test_stemming_and_folding() -> None:
    assert stem_text("Waffenruhen") == stem_text("Waffenruhe") == "waffenruh"
    assert stem_text("Überfall") == stem_text("Uberfall")
    assert stem_text("Häuser") == stem_text("Haus")
    assert fold("Straße") == "strasse"
    assert fold("Èvian") == "evian"


@pytest.mark.parametrize(
    "query",
    [
        'Waffenruhe" OR title:x',
        "NEAR(a b)",
        "title:Genf",
        "a AND OR NOT",
        "*",
        '"""',
        "(Genf",
        "x^2 {y}",
        "Genf; DROP TABLE articles; --",
    ],
)
def test_any_query_is_safe_fts_syntax(tmp_path: Path, query: str) -> None:
    conn = connect(tmp_path / "s.db")
    with transaction(conn):
        write_article(conn, _article("Gespräche in Genf", "Die Waffenruhe soll halten."))
    parsed = parse_query(query)
    if parsed is None:
        return
    conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (parsed.match,))
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_query_operators() -> None:
    parsed = parse_query('Genf "humanitäre Waffenruhe" -Krieg Verhand*')
    assert parsed is not None
    assert parsed.match == ('("genf" AND "humanitar waffenruh" AND "verhand"*) NOT "krieg"')
    either = parse_query("Genf OR Kairo")
    assert either is not None and either.match == '("genf" OR "kairo")'
    assert parse_query("-nur -ausschluss") is None
    assert parse_query("!!! ???") is None


def test_snippet_marks_matches() -> None:
    text = "Erst viel Vorrede. " * 10 + "Dann kam die Waffenruhe endlich zustande."
    result = snippet(text, frozenset({"waffenruh"}), width=8)
    assert "«Waffenruhe»" in result
    assert result.startswith("… ")
