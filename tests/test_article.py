from __future__ import annotations

import json

from lagebild.article import (
    Article,
    Entity,
    Geo,
    Mention,
    Paragraph,
    Quote,
    Speaker,
    Timex,
    json_schema,
)
from lagebild.read import read_paths
from lagebild.schema_doc import schema_markdown

from conftest import DATA, ROOT

DESIGN_FIELDS = [
    "id",
    "source_path",
    "format",
    "language",
    "published",
    "url",
    "category",
    "kicker",
    "title",
    "lead",
    "paragraphs",
    "images",
    "source",
    "contributors",
    "text",
    "entities",
    "quotes",
    "timexes",
    "amounts",
    "errors",
]


def test_json_round_trip_with_layers() -> None:
    [article] = list(read_paths([str(DATA / "scraped_full.txt")]))
    start = article.text.index("Korvel")
    article.entities.append(
        Entity(
            id="per-jana-korvel",
            type="PER",
            name="Jana Korvel",
            mentions=[Mention(text="Korvel", start=start, end=start + 6)],
        )
    )
    wien = article.text.index("Wien")
    article.entities.append(
        Entity(
            id="geo-2761369",
            type="LOC",
            name="Wien",
            mentions=[Mention(text="Wien", start=wien, end=wien + 4)],
            geo=Geo(lat=48.21, lon=16.37, country_code="AT", geonames_id=2761369),
        )
    )
    article.quotes.append(
        Quote(text="x", start=0, end=1, form="Direct", speaker=Speaker(text="Korvel"))
    )
    article.timexes.append(Timex(text="am Montag", start=0, end=9, type="DATE", value="2026-03-16"))
    data = json.loads(article.to_json())
    again = Article.from_dict(data)
    assert again == article
    assert Article.from_json(article.to_json(pretty=True)) == article


def test_stable_field_names_and_unknown_fields_survive() -> None:
    data = Article(title="T", paragraphs=[Paragraph(text="Absatz.")]).to_dict()
    for name in DESIGN_FIELDS:
        assert name in data, name
    data["future_layer"] = [{"x": 1}]
    assert Article.from_dict(data).to_dict()["future_layer"] == [{"x": 1}]


def test_assemble_text_is_deterministic_and_keys_on_content() -> None:
    one = Article(kicker="K?", title="Titel", lead="Lead.", paragraphs=[Paragraph(text="Eins.")])
    one.assemble_text()
    assert one.text == "K?\n\nTitel\n\nLead.\n\nEins."
    assert [(s.kind, one.text[s.start : s.end]) for s in one.sections] == [
        ("kicker", "K?"),
        ("title", "Titel"),
        ("lead", "Lead."),
        ("paragraph", "Eins."),
    ]
    two = Article(
        kicker="K?",
        title="Titel",
        lead="Lead.",
        paragraphs=[Paragraph(text="Eins.")],
        source_path="anderswo.txt",
    )
    two.assemble_text()
    assert two.id == one.id
    three = Article(title="Titel", lead="Lead.", paragraphs=[Paragraph(text="Zwei.")])
    three.assemble_text()
    assert three.id != one.id


def test_schema_doc_is_generated_from_the_code() -> None:
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    generated = doc.split("do not edit -->", 1)[1]
    assert generated.strip() == schema_markdown().strip(), "run `make docs`"


def test_schema_doc_lists_every_field() -> None:
    schema = json_schema()
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for name in schema["properties"]:
        assert f"`{name}`" in doc, name
    for definition in schema["$defs"].values():
        for name in definition.get("properties", {}):
            assert f"`{name}`" in doc, (definition["title"], name)
