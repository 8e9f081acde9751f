"""A small store for the web tests, built from Article records written here (our own text).

Imported by tests/test_web_api.py and tests/test_web_browser.py. Layers are placed by finding
their surface text in ``Article.text``, so the offsets are real.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lagebild.article import Article, Image, Paragraph
from lagebild.store.db import connect, transaction
from lagebild.store.stories import update_stories
from lagebild.store.write import write_article

XSS_TITLE = "<script>alert(1)</script> Angriff auf die Redaktion"
XSS_BODY = 'Im Text stand <img src=x onerror=alert(1)> und ein "Zitat" ohne Folgen.'

PEOPLE = {
    "per-weber": ("PER", "Anna Weber", None),
    "per-okafor": ("PER", "Samuel Okafor", None),
    "org-un": ("ORG", "Vereinte Nationen", None),
    "org-rk": ("ORG", "Rotes Kreuz", None),
    "loc-genf": ("LOC", "Genf", (46.2022, 6.1457, "CH")),
    "loc-sudan": ("LOC", "Sudan", (15.5, 32.5, "SD")),
    "loc-berlin": ("LOC", "Berlin", (52.52, 13.405, "DE")),
    "loc-kairo": ("LOC", "Kairo", (30.0444, 31.2357, "EG")),
}


def _spans(text: str, needle: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    start = text.find(needle)
    while start >= 0:
        out.append({"text": needle, "start": start, "end": start + len(needle)})
        start = text.find(needle, start + len(needle))
    return out


def make_article(
    *,
    title: str,
    lead: str,
    paragraphs: list[str],
    published: str,
    source: str = "beispiel.de",
    kicker: str | None = None,
    subheading: str | None = None,
    caption: str | None = None,
    entities: dict[str, list[str]] | None = None,
    quotes: list[tuple[str, str, str]] | None = None,
    timexes: list[tuple[str, str]] | None = None,
    amounts: list[tuple[str, float, str]] | None = None,
) -> Article:
    """An analysed-looking article; ``entities`` maps an id in PEOPLE to its surface forms,
    ``quotes`` are (quote text, speaker surface, entity id), ``timexes`` (surface, value)."""
    body = [Paragraph(text=p) for p in paragraphs]
    if subheading:
        body.insert(1, Paragraph(kind="subheading", text=subheading))
    article = Article(
        title=title,
        lead=lead,
        kicker=kicker,
        paragraphs=body,
        published=published,
        source=source,
        format="text",
        language="de",
        images=[Image(caption=caption, credit="Foto: Beispiel")] if caption else [],
    )
    article.assemble_text()
    text = article.text
    records: list[dict[str, Any]] = []
    for entity_id, surfaces in (entities or {}).items():
        etype, name, geo = PEOPLE[entity_id]
        mentions = [m for s in surfaces for m in _spans(text, s)]
        records.append(
            {
                "id": entity_id,
                "type": etype,
                "name": name,
                "mentions": mentions,
                "geo": {"lat": geo[0], "lon": geo[1], "country_code": geo[2]} if geo else None,
            }
        )
    quote_records = []
    for quote_text, speaker, entity_id in quotes or []:
        q = _spans(text, quote_text)[0]
        s = _spans(text, speaker)[0]
        quote_records.append(
            {
                **q,
                "form": "Direct",
                "speaker": {**s, "entity_id": entity_id},
                "cue": {"text": "sagte"},
            }
        )
    data = article.to_dict()
    data["entities"] = records
    data["quotes"] = quote_records
    data["timexes"] = [
        {**_spans(text, surface)[0], "type": "DATE", "value": value}
        for surface, value in timexes or []
    ]
    data["amounts"] = [
        {**_spans(text, surface)[0], "value": value, "object": obj}
        for surface, value, obj in amounts or []
    ]
    return Article.from_dict(data)


def sample_articles() -> list[Article]:
    return [
        make_article(
            title="Gespräche über eine Waffenruhe beginnen in Genf",
            kicker="Diplomatie",
            lead="In Genf treffen sich am Montag Delegationen, um über eine Waffenruhe im Sudan "
            "zu verhandeln.",
            paragraphs=[
                "Die Vereinte Nationen haben zu den Gesprächen eingeladen. Vermittlerin Anna "
                'Weber sagte: "Wir brauchen eine Waffenruhe, bevor der Regen einsetzt."',
                "Nach Angaben des Roten Kreuzes sind mehr als 12.000 Menschen auf der Flucht.",
                "Weber will am Mittwoch in Berlin berichten.",
            ],
            subheading="Hoffnung auf eine Feuerpause",
            caption="Delegierte vor dem Palast der Nationen in Genf.",
            published="2026-03-02",
            entities={
                "loc-genf": ["Genf"],
                "loc-sudan": ["Sudan"],
                "org-un": ["Vereinte Nationen"],
                "per-weber": ["Anna Weber"],
                "org-rk": ["Roten Kreuzes"],
                "loc-berlin": ["Berlin"],
            },
            quotes=[
                (
                    "Wir brauchen eine Waffenruhe, bevor der Regen einsetzt.",
                    "Anna Weber",
                    "per-weber",
                )
            ],
            timexes=[("am Montag", "2026-03-02"), ("am Mittwoch", "2026-03-04")],
            amounts=[("mehr als 12.000 Menschen", 12000, "Menschen")],
        ),
        make_article(
            title="Hilfskonvoi erreicht das Lager",
            lead="Ein Konvoi des Roten Kreuzes hat nach tagelanger Fahrt das Lager im Sudan "
            "erreicht.",
            paragraphs=[
                'Samuel Okafor, Sprecher des Roten Kreuzes, sagte in Kairo: "Die Lage bleibt '
                'ernst, aber die Lastwagen sind angekommen."',
                "Die Waffenruhe halte bislang, hieß es aus Genf.",
            ],
            published="2026-03-05",
            source="zeitung.example",
            entities={
                "org-rk": ["Roten Kreuzes"],
                "loc-sudan": ["Sudan"],
                "per-okafor": ["Samuel Okafor"],
                "loc-kairo": ["Kairo"],
                "loc-genf": ["Genf"],
            },
            quotes=[
                (
                    "Die Lage bleibt ernst, aber die Lastwagen sind angekommen.",
                    "Samuel Okafor",
                    "per-okafor",
                )
            ],
            timexes=[],
        ),
        make_article(
            title="Bundestag debattiert über Aufnahmeprogramm",
            lead="In Berlin hat der Bundestag über ein Programm für Geflüchtete aus dem Sudan "
            "beraten.",
            paragraphs=[
                'Anna Weber warb in Berlin für schnelle Hilfe: "Jede Woche zählt."',
                "Das Programm soll 500 Plätze umfassen.",
            ],
            published="2026-04-10",
            entities={
                "loc-berlin": ["Berlin"],
                "loc-sudan": ["Sudan"],
                "per-weber": ["Anna Weber"],
            },
            quotes=[("Jede Woche zählt.", "Anna Weber", "per-weber")],
            amounts=[("500 Plätze", 500, "Plätze")],
        ),
        make_article(
            title=XSS_TITLE,
            lead="Ein Test mit gefährlichem Markup im Text.",
            paragraphs=[XSS_BODY],
            published="2026-04-11",
            source="<b>boese</b>.example",
        ),
    ]


def build_store(path: Path, articles: list[Article] | None = None) -> Path:
    """Write the articles into a new store at ``path`` (then closed, ready to open read-only)."""
    conn = connect(path)
    try:
        with transaction(conn):
            for article in articles if articles is not None else sample_articles():
                write_article(conn, article)
        update_stories(conn)  # as `lagebild ingest` does
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path
