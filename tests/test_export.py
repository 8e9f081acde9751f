"""Export: full records as JSONL, Parquet tables, GKG 2.1-like TSV."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from lagebild.cli import main
from lagebild.export.gkg import COLUMNS, clean, gkg_date
from lagebild.export.parquet import TABLES
from lagebild.store import ingest
from test_ingest import LIGHT, make_article, write_corpus

COUNT = 6


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("export")
    write_corpus(directory / "in", COUNT)
    db = directory / "store.db"
    ingest([str(directory / "in")], db, LIGHT)
    return db


def test_jsonl_round_trips_the_records(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(store), "--format", "jsonl", "--out", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == COUNT
    originals = {a.id: a for a in map(make_article, range(COUNT))}
    for record in records:
        original = originals[record["id"]]
        assert record["text"] == original.text
        assert record["quotes"][0]["text"] == original.quotes[0].text
        assert record["entities"] == [e.model_dump(mode="json") for e in original.entities]
        assert "story_id" in record and "duplicate_of" in record


def test_parquet_tables_are_typed_and_complete(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    assert main(["export", "--db", str(store), "--format", "parquet", "--out", str(out)]) == 0
    assert {p.stem for p in out.glob("*.parquet")} == set(TABLES)
    articles = pq.read_table(out / "articles.parquet")
    assert articles.num_rows == COUNT
    assert str(articles.schema.field("word_count").type) == "int64"
    assert str(articles.schema.field("title").type) == "string"
    entities = pq.read_table(out / "entities.parquet").to_pylist()
    kassel = next(e for e in entities if e["name"] == "Kassel")
    assert kassel["lat"] == pytest.approx(51.3127) and kassel["article_count"] == 2
    quotes = pq.read_table(out / "quotes.parquet")
    assert quotes.num_rows == COUNT
    assert pq.read_table(out / "errors.parquet").num_rows == 0


def test_gkg_rows(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.gkg.tsv"
    assert main(["export", "--db", str(store), "--format", "gkg", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == COUNT
    rows = [dict(zip(COLUMNS, line.split("\t"), strict=True)) for line in lines]
    by_id = {r["V2DOCUMENTIDENTIFIER"]: r for r in rows}
    article = make_article(0)
    row = by_id[article.id]
    assert row["V2.1DATE"] == "20240301000000"
    assert row["GKGRECORDID"].startswith("20240301000000-")
    assert row["V2SOURCECOMMONNAME"] == "beispiel.de"
    assert row["V1PERSONS"] == "Marta Kellermann"
    assert row["V1LOCATIONS"] == "4#Kassel#DE##51.3127#9.4797#"
    kassel_offsets = [m.start for m in article.entities[0].mentions]
    assert row["V2ENHANCEDLOCATIONS"].endswith(f"#{kassel_offsets[0]}")
    quote = article.quotes[0]
    assert row["V2.1QUOTATIONS"] == f"{quote.start}|{quote.end - quote.start}||{quote.text}"
    assert row["V2.1AMOUNTS"] == f"100,Menschen,{article.amounts[0].start}"
    assert row["V2.1ENHANCEDDATES"] == f"4#3#4#2024#{article.timexes[0].start}"
    assert row["V2.1TRANSLATIONINFO"] == "srclc:deu"
    assert "<PAGE_TITLE>Waffenruhe in Kassel: Meldung Nummer 0</PAGE_TITLE>" in row["V2EXTRASXML"]


def test_gkg_field_cleaning() -> None:
    assert clean("a;b#c|d,e\tf\ng") == "a b c d e f g"
    assert gkg_date("2024-03-01T10:15:00") == "20240301101500"
    assert gkg_date("2024-03-01") == "20240301000000"
    assert gkg_date(None) == gkg_date("März") == ""
