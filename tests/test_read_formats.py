from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from lagebild.article import Article
from lagebild.read import ReadError, read_bytes, read_paths
from lagebild.read.detect import detect_format

from conftest import DATA

PAGE = DATA / "page.html"

NEWS_PLEASE = {
    "title": "Geberkonferenz sagt Milliarden zu",
    "description": "Die internationale Gemeinschaft will den Wiederaufbau unterstützen.",
    "maintext": (
        "Die internationale Gemeinschaft will den Wiederaufbau unterstützen.\n"
        "Auf einer Konferenz in Brüssel kamen Zusagen über 2,3 Milliarden Euro zusammen.\n"
        "Die Europäische Union trägt den größten Anteil."
    ),
    "date_publish": "2026-03-14 09:12:00",
    "authors": ["Paul Ritter", "Ana Lima"],
    "url": "https://www.beispiel.example/geberkonferenz",
    "source_domain": "beispiel.example",
    "image_url": "https://www.beispiel.example/bilder/konferenz.jpg",
    "language": "de",
}


def only_articles(items):
    errors = [i for i in items if isinstance(i, ReadError)]
    assert not errors, errors
    return items


def test_html_page() -> None:
    [article] = only_articles(list(read_paths([str(PAGE)])))
    assert article.format == "html"
    assert article.title == "Hilfskonvoi erreicht Grenzstadt"
    assert article.kicker == "Humanitäre Hilfe"
    assert article.lead.startswith("Nach tagelangem Warten hat ein Hilfskonvoi")
    assert article.published == "2026-03-10T08:15:00+01:00"
    assert article.url == "https://www.rheinblick.example/politik/hilfskonvoi-grenzstadt"
    assert article.source == "Rheinblick Nachrichten"
    assert article.contributors == ["Lena Hartwig"]
    [image] = article.images
    assert image.url.endswith("konvoi-2026.jpg") and image.file == "konvoi-2026.jpg"
    assert image.caption == "Lastwagen des Welternährungsprogramms warten an der Grenze."
    assert image.credit == "Max Berger/dpa"
    assert [p.kind for p in article.paragraphs] == [
        "paragraph",
        "paragraph",
        "subheading",
        "paragraph",
        "paragraph",
    ]
    text = article.text
    for boilerplate in ("Cookies", "Impressum", "Startseite", "Gespräche in Wien vertagt"):
        assert boilerplate not in text


def test_news_please_json_single_array_and_lines(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    [article] = only_articles(list(read_paths([str(single)])))
    assert article.format == "json"
    assert article.title == "Geberkonferenz sagt Milliarden zu"
    assert article.lead == "Die internationale Gemeinschaft will den Wiederaufbau unterstützen."
    assert [p.text[:8] for p in article.paragraphs] == ["Auf eine", "Die Euro"]
    assert article.published == "2026-03-14T09:12:00"
    assert article.contributors == ["Paul Ritter", "Ana Lima"]
    assert article.source == "beispiel.example"
    assert article.images[0].file == "konferenz.jpg"

    array = tmp_path / "many.json"
    second = {**NEWS_PLEASE, "title": "Zweiter Artikel"}
    array.write_text(json.dumps([NEWS_PLEASE, second]), encoding="utf-8")
    articles = only_articles(list(read_paths([str(array)])))
    assert [a.title for a in articles] == [NEWS_PLEASE["title"], "Zweiter Artikel"]
    assert [a.record for a in articles] == [0, 1]

    lines = tmp_path / "feed.jsonl"
    lines.write_text(
        "\n".join(json.dumps({**NEWS_PLEASE, "title": f"Nummer {i}"}) for i in range(3)),
        encoding="utf-8",
    )
    assert detect_format(lines.read_bytes(), "feed.jsonl") == "jsonl"
    articles = only_articles(list(read_paths([str(lines)])))
    assert [a.title for a in articles] == ["Nummer 0", "Nummer 1", "Nummer 2"]
    assert all(a.format == "json" for a in articles)


def test_jsonl_detected_by_content_and_gzip(tmp_path: Path) -> None:
    payload = "\n".join(json.dumps({**NEWS_PLEASE, "title": f"T{i}"}) for i in range(2))
    path = tmp_path / "records.data.gz"
    path.write_bytes(gzip.compress(payload.encode("utf-8")))
    assert [a.title for a in only_articles(list(read_paths([str(path)])))] == ["T0", "T1"]


def test_jsonl_bad_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps(NEWS_PLEASE)
    path.write_text(f'{good}\n{{"title": "kaputt\n{good}\n[1, 2]\n', encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article", "ReadError"]
    assert items[1].path == f"{path}:2" and "malformed JSON" in items[1].reason
    assert "expected a JSON object" in items[3].reason


def test_own_records_round_trip_through_the_json_reader(tmp_path: Path) -> None:
    [article] = list(read_paths([str(PAGE)]))
    path = tmp_path / "records.jsonl"
    path.write_text(article.to_json() + "\n" + article.to_json() + "\n", encoding="utf-8")
    again = only_articles(list(read_paths([str(path)])))
    assert len(again) == 2
    assert again[0].text == article.text
    assert again[0].id == article.id
    assert again[0].images == article.images
    assert again[0].format == "html"


def _warc(tmp_path: Path) -> Path:
    html = PAGE.read_bytes()
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        for url in ("https://a.example/1", "https://a.example/2"):
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html), http_headers=headers
            )
            writer.write_record(record)
        robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://a.example/robots.txt",
                "response",
                payload=io.BytesIO(b"User-agent: *"),
                http_headers=robots,
            )
        )
    return path


def test_warc_html_responses(tmp_path: Path) -> None:
    path = _warc(tmp_path)
    assert detect_format(path.read_bytes()[:65536], "x") == "warc"
    articles = only_articles(list(read_paths([str(path)])))
    assert [a.format for a in articles] == ["warc", "warc"]
    assert [a.record for a in articles] == [0, 1]
    assert all(a.title == "Hilfskonvoi erreicht Grenzstadt" for a in articles)


def test_truncated_warc_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = _warc(tmp_path)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = list(read_paths([str(cut)]))
    assert any(isinstance(i, ReadError) for i in items) or all(
        isinstance(i, Article) for i in items
    )


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Nordlicht Zeitung</title><link>https://nordlicht.example</link>
<item>
<title>Feuerpause hält seit drei Tagen</title>
<link>https://nordlicht.example/feuerpause</link>
<description>Die Waffen schweigen weitgehend.</description>
<content:encoded><![CDATA[<p>Die Waffen schweigen weitgehend.</p><h2>Erste Rückkehrer</h2>
<p>In mehreren Dörfern kehrten Familien zurück, berichteten Helfer.</p>]]></content:encoded>
<pubDate>Fri, 13 Mar 2026 10:00:00 +0000</pubDate>
<dc:creator>Jonas Feld</dc:creator>
<category>Ausland</category>
</item>
<item><title>Nur ein Titel</title><link>https://nordlicht.example/leer</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Südwest Kurier</title>
<entry><title>Gespräche vertagt</title><link href="https://sw.example/vertagt"/>
<updated>2026-03-15T18:30:00Z</updated><author><name>Eva Brandt</name></author>
<content type="html">&lt;p&gt;Die Gespräche wurden auf Montag vertagt.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_and_atom_feeds() -> None:
    items = list(read_bytes(RSS.encode("utf-8"), "news.xml"))
    article, missing = items
    assert isinstance(missing, ReadError) and "without content" in missing.reason
    assert article.format == "feed"
    assert article.source == "Nordlicht Zeitung"
    assert article.title == "Feuerpause hält seit drei Tagen"
    assert article.lead == "Die Waffen schweigen weitgehend."
    assert [(p.kind, p.text[:10]) for p in article.paragraphs] == [
        ("subheading", "Erste Rück"),
        ("paragraph", "In mehrere"),
    ]
    assert article.published == "2026-03-13T10:00:00"
    assert article.contributors == ["Jonas Feld"]
    assert article.category == "Ausland"
    [entry] = list(read_bytes(ATOM.encode("utf-8"), "atom.xml"))
    assert entry.title == "Gespräche vertagt"
    assert entry.published == "2026-03-15T18:30:00"
    assert entry.paragraphs[0].text == "Die Gespräche wurden auf Montag vertagt."


def test_format_override() -> None:
    data = PAGE.read_bytes()
    [as_text] = list(read_bytes(data, "page.html", fmt="text"))
    assert as_text.format == "text"
    assert detect_format(data, "page.txt") == "html"
