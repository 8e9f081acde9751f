"""Ingest: idempotent, resumable after SIGKILL, errors recorded, layers stored."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagebild.analyze import AnalyzeConfig
from lagebild.article import Amount, Article, Entity, Geo, Mention, Paragraph, Quote, Speaker, Timex
from lagebild.store import IngestOptions, connect, ingest, stats

ROOT = Path(__file__).resolve().parent.parent
LIGHT = AnalyzeConfig(stages=("sentences",))

# Our own words: towns, people and topics combined into many small, distinct articles.
TOWNS = [
    ("Kassel", 51.3127, 9.4797),
    ("Erfurt", 50.9787, 11.0328),
    ("Rostock", 54.0887, 12.1405),
    ("Passau", 48.5667, 13.4319),
    ("Trier", 49.7596, 6.6439),
]
PEOPLE = ["Marta Kellermann", "Jonas Brügger", "Ilse Varnhagen", "Tobias Ostrowski"]
TOPICS = [
    ("Waffenruhe", "Die Gespräche über eine Waffenruhe sollen fortgesetzt werden."),
    ("Hochwasser", "Das Hochwasser hat mehrere Straßen überflutet."),
    ("Haushalt", "Der Haushalt für das kommende Jahr wurde lange beraten."),
    ("Streik", "Der Streik im Nahverkehr dauert bereits drei Tage."),
]


def make_article(i: int) -> Article:
    """Article number ``i``: distinct text, with entities, a quote, a date and an amount."""
    town, lat, lon = TOWNS[i % len(TOWNS)]
    person = PEOPLE[i % len(PEOPLE)]
    topic, sentence = TOPICS[i % len(TOPICS)]
    day = 1 + i % 28
    article = Article(
        title=f"{topic} in {town}: Meldung Nummer {i}",
        lead=f"In {town} beschäftigt das Thema {topic} die Menschen seit Tagen.",
        paragraphs=[
            Paragraph(text=sentence),
            Paragraph(
                text=f"„Wir brauchen schnell eine Lösung“, sagte {person} am Montag. "
                f"Rund {100 + i} Menschen kamen zu der Versammlung in {town}."
            ),
        ],
        published=f"2024-03-{day:02d}",
        source=["beispiel.de", "nachrichten.example"][i % 2],
        format="json",
    )
    article.assemble_text()
    text = article.text

    def mentions(name: str) -> list[Mention]:
        out, start = [], text.find(name)
        while start >= 0:
            out.append(Mention(text=name, start=start, end=start + len(name)))
            start = text.find(name, start + 1)
        return out

    person_id = "per-" + person.split()[-1].lower()
    article.entities = [
        Entity(
            id="loc-" + town.lower(),
            type="LOC",
            name=town,
            mentions=mentions(town),
            geo=Geo(lat=lat, lon=lon, country_code="DE", feature="city"),
        ),
        Entity(id=person_id, type="PER", name=person, mentions=mentions(person)),
    ]
    quote_text = "Wir brauchen schnell eine Lösung"
    start = text.find(quote_text)
    article.quotes = [
        Quote(
            text=quote_text,
            start=start,
            end=start + len(quote_text),
            form="Direct",
            speaker=Speaker(text=person, entity_id=person_id),
        )
    ]
    start = text.find("am Montag")
    article.timexes = [
        Timex(text="am Montag", start=start, end=start + 9, type="DATE", value="2024-03-04")
    ]
    number = f"Rund {100 + i} Menschen"
    start = text.find(number)
    article.amounts = [
        Amount(
            text=number,
            start=start,
            end=start + len(number),
            value=100 + i,
            object="Menschen",
            approximate=True,
        )
    ]
    return article


def write_corpus(directory: Path, count: int, start: int = 0) -> list[str]:
    """``count`` one-article JSON files; returns their article ids."""
    directory.mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(start, start + count):
        article = make_article(i)
        (directory / f"article_{i:05d}.json").write_text(article.to_json(), encoding="utf-8")
        ids.append(article.id)
    return ids


def count_rows(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_ingest_stores_layers_and_second_run_adds_nothing(tmp_path: Path) -> None:
    ids = write_corpus(tmp_path / "in", 12)
    db = tmp_path / "store.db"
    summary = ingest([str(tmp_path / "in")], db, LIGHT)
    assert summary.added == 12 and summary.skipped == 0 and summary.failed == 0
    conn = connect(db)
    counts = stats(conn)
    assert counts["articles"] == 12
    assert counts["entities"] == len(TOWNS) + len(PEOPLE)
    assert counts["quotes"] == 12 and counts["timexes"] == 12 and counts["amounts"] == 12
    assert counts["mentions"] == sum(
        len(e.mentions) for i in range(12) for e in make_article(i).entities
    )
    stored = {r[0] for r in conn.execute("SELECT id FROM articles")}
    assert stored == set(ids)
    # entity aggregates: Kassel is in articles 0, 5, 10
    row = conn.execute("SELECT * FROM entities WHERE id = 'loc-kassel'").fetchone()
    assert row["article_count"] == 3 and row["lat"] == pytest.approx(51.3127)
    assert row["first_seen"] == "2024-03-01" and row["last_seen"] == "2024-03-11"
    # the record is kept whole
    record = json.loads(
        conn.execute("SELECT record FROM articles_with_records WHERE id = ?", (ids[3],)).fetchone()[
            0
        ]
    )
    assert record["quotes"][0]["speaker"]["entity_id"] == "per-ostrowski"
    assert "sentences" in record["layers"]
    conn.close()

    before = {t: count_rows(db, t) for t in ("articles", "mentions", "quotes", "entities")}
    again = ingest([str(tmp_path / "in")], db, LIGHT)
    assert again.added == 0 and again.skipped == 12
    assert {t: count_rows(db, t) for t in before} == before
    assert count_rows(db, "runs") == 2


def test_unknown_fields_go_to_extra_and_record(tmp_path: Path) -> None:
    article = make_article(1)
    data = article.to_dict()
    data["entities"][0]["wikidata"] = "Q2865"
    data["amounts"][0]["precision"] = "exact"
    data["events"] = [{"type": "protest", "start": 0, "end": 5}]  # a layer not known yet
    (tmp_path / "one.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "store.db"
    ingest([str(tmp_path / "one.json")], db, LIGHT)
    conn = connect(db)
    extra = conn.execute("SELECT extra FROM article_entities WHERE entity_id = 'loc-erfurt'")
    assert json.loads(extra.fetchone()[0]) == {"wikidata": "Q2865"}
    extra = conn.execute("SELECT extra FROM amounts").fetchone()[0]
    assert json.loads(extra) == {"precision": "exact"}
    record = json.loads(conn.execute("SELECT record FROM records").fetchone()[0])
    assert record["events"] == [{"type": "protest", "start": 0, "end": 5}]


def test_read_errors_are_recorded_once(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, 3)
    (corpus / "broken.json").write_text('{"title": "x", ', encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "store.db"
    summary = ingest([str(corpus)], db, LIGHT, IngestOptions(batch_size=1))
    assert summary.added == 3 and summary.failed == 2
    assert any("broken.json" in e for e in summary.errors)
    ingest([str(corpus)], db, LIGHT)
    conn = connect(db)
    rows = conn.execute("SELECT path, stage FROM errors ORDER BY path").fetchall()
    assert [(Path(p).name, s) for p, s in rows] == [("broken.json", "read"), ("empty.txt", "read")]


def test_two_workers_store_the_same_as_one(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 30)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([str(tmp_path / "in")], one, LIGHT, IngestOptions(workers=1, batch_size=7))
    ingest([str(tmp_path / "in")], two, LIGHT, IngestOptions(workers=2, batch_size=7))
    query = "SELECT id, story_id, duplicate_of FROM articles ORDER BY seq"
    with sqlite3.connect(one) as a, sqlite3.connect(two) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def _ingest_command(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "lagebild.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--stages",
        "sentences",
        "--batch-size",
        "10",
    ]


def test_sigkill_mid_run_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    total = 400
    ids = write_corpus(tmp_path / "in", total)
    db = tmp_path / "store.db"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        _ingest_command(tmp_path / "in", db),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    committed = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if db.exists():
                try:
                    committed = count_rows(db, "articles")
                except sqlite3.OperationalError:  # schema not created yet
                    committed = 0
                if committed >= 30:
                    break
            time.sleep(0.02)
        assert process.poll() is None, "ingest ended before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    after_kill = count_rows(db, "articles")
    assert 30 <= after_kill < total

    resumed = subprocess.run(
        [*_ingest_command(tmp_path / "in", db), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(resumed.stdout)
    assert summary["added"] == total - after_kill
    assert summary["skipped"] == after_kill
    with sqlite3.connect(db) as conn:
        stored = [r[0] for r in conn.execute("SELECT id FROM articles")]
        assert sorted(stored) == sorted(ids)
        # every article indexed once, its layers written once
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == total
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == total
        assert conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == total
        kassel = conn.execute("SELECT article_count FROM entities WHERE id = 'loc-kassel'")
        assert kassel.fetchone()[0] == total // len(TOWNS)
        statuses = [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["interrupted", "done"]

    again = subprocess.run(
        [*_ingest_command(tmp_path / "in", db), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["added"] == 0
    assert count_rows(db, "articles") == total
    assert count_rows(db, "quotes") == total


def test_odd_dates_do_not_break_ingest_stories_or_search(tmp_path: Path) -> None:
    from lagebild.store import SearchFilters, search_articles

    corpus = tmp_path / "in"
    corpus.mkdir()
    for n, published in enumerate(["0001-01-02", "2005-02-30", "9999-12-31", "2024-03-01"]):
        article = make_article(n)
        article.published = published
        (corpus / f"{n}.json").write_text(article.to_json(), encoding="utf-8")
    db = tmp_path / "store.db"
    summary = ingest([str(corpus)], db, LIGHT)
    assert summary.added == 4 and summary.stories == 4
    conn = connect(db)
    days = [r[0] for r in conn.execute("SELECT published_date FROM articles ORDER BY seq")]
    assert days == ["0001-01-02", None, "9999-12-31", "2024-03-01"]
    found = search_articles(conn, SearchFilters(q="Menschen", date_from="1990"))
    assert found.total == 2
    found = search_articles(conn, SearchFilters(q="Menschen", date_to="2024-03-01"))
    assert found.total == 2
