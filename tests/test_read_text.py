from __future__ import annotations

from pathlib import Path

from lagebild.read import ReadError, read_bytes, read_paths
from lagebild.read.text import split_kicker

from conftest import DATA

FULL = DATA / "scraped_full.txt"


def read_one(data: bytes, name: str = "x.txt"):
    items = list(read_bytes(data, name))
    assert len(items) == 1, items
    assert not isinstance(items[0], ReadError), items[0]
    return items[0]


def test_full_structure_field_by_field() -> None:
    [article] = list(read_paths([str(FULL)]))
    assert article.format == "text"
    assert article.category == "Ausland"
    assert article.kicker == "Verhandlungen in Wien?"
    assert article.title == "Minister wollen Feuerpause für die ganze Region"
    assert len(article.images) == 1
    image = article.images[0]
    assert image.file == "4f2a9c0d1e8b7a6c5d4e3f2a1b0c9d8e.jpg"
    assert image.caption.startswith("Die Außenministerin Jana Korvel spricht")
    assert image.credit == "picture alliance/dpa"
    assert article.lead.startswith("Eine Feuerpause für die gesamte Grenzregion ist das Ziel")
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == ["paragraph", "paragraph", "subheading", "paragraph", "paragraph"]
    assert article.paragraphs[2].text == "Hilfskonvois warten an der Grenze"
    body = " ".join(p.text for p in article.paragraphs)
    assert "Quelle" not in body and "Mehr zum Thema" not in body
    assert image.caption not in body and "Foto" not in body
    assert article.source == "n-tv.de"
    assert article.contributors == ["jko", "dpa", "AFP", "rts"]


def test_text_and_sections_point_into_text() -> None:
    [article] = list(read_paths([str(FULL)]))
    assert article.text.startswith("Verhandlungen in Wien?\n\nMinister wollen")
    kinds = [s.kind for s in article.sections]
    assert kinds[:3] == ["kicker", "title", "lead"]
    for section in article.sections:
        piece = article.text[section.start : section.end]
        assert piece and "\n" not in piece
    title = next(s for s in article.sections if s.kind == "title")
    assert article.text[title.start : title.end] == article.title
    assert article.id and len(article.id) == 20


def test_encodings_and_line_endings_give_the_same_article() -> None:
    raw = FULL.read_text(encoding="utf-8")
    reference = read_one(raw.encode("utf-8"))
    variants = {
        "crlf": raw.replace("\n", "\r\n").encode("utf-8"),
        "bom": b"\xef\xbb\xbf" + raw.encode("utf-8"),
        "cp1252": raw.encode("cp1252"),
        "latin1": raw.encode("latin-1", errors="replace"),
        "blank lines": raw.replace("\n\n", "\n\n\n\n").encode("utf-8"),
        "single newlines": raw.replace("\n\n", "\n").encode("utf-8"),
    }
    for name, data in variants.items():
        article = read_one(data)
        assert article.title == reference.title, name
        assert article.lead == reference.lead, name
        assert [p.text for p in article.paragraphs] == [p.text for p in reference.paragraphs], name
        assert article.id == reference.id, name


def test_without_category_image_and_source_line() -> None:
    data = (
        "Minister fordern sofortige Feuerpause im Grenzgebiet\n\n"
        "Mehrere Außenminister haben am Dienstag eine sofortige Feuerpause gefordert. "
        "Die Lage sei dramatisch, hieß es.\n\n"
        "Die Gespräche sollen in der kommenden Woche fortgesetzt werden. Ein Termin steht "
        "noch nicht fest.\n"
    ).encode()
    article = read_one(data)
    assert article.category is None
    assert article.kicker is None
    assert article.title == "Minister fordern sofortige Feuerpause im Grenzgebiet"
    assert article.images == []
    assert article.lead.startswith("Mehrere Außenminister")
    assert len(article.paragraphs) == 1
    assert article.source is None and article.contributors == []


def test_several_images_kicker_line_and_date_line() -> None:
    data = (
        "Wirtschaft\n\n16.03.2026, 14:20 Uhr\n\nNach dem Gipfel:\n\n"
        "Ölpreis fällt deutlich\n\n"
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg\n\nHändler an der Börse in Frankfurt.\n\n"
        "(Foto: REUTERS)\n\n"
        "Der Ölpreis ist nach dem Gipfel deutlich gefallen. Händler sprachen von "
        "Erleichterung.\n\n"
        "Ein Barrel kostete zuletzt 71 Dollar, etwa vier Prozent weniger als am Vortag.\n\n"
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.png\n\n"
        "Tanker im Hafen von Rotterdam. (Foto: imago images)\n\n"
        "Analysten erwarten, dass die Preise bis zum Sommer niedrig bleiben.\n\n"
        "Quelle: boerse.example, mk/rts\n\nArtikel teilen\n\nMehr zum Thema\n"
    ).encode()
    article = read_one(data)
    assert article.category == "Wirtschaft"
    assert article.published == "2026-03-16T14:20:00"
    assert article.published_source == "input"
    assert article.kicker == "Nach dem Gipfel"  # the colon only separates
    assert article.title == "Ölpreis fällt deutlich"
    assert [i.file for i in article.images] == [
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg",
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.png",
    ]
    assert article.images[0].credit == "REUTERS"
    assert article.images[1].caption == "Tanker im Hafen von Rotterdam."
    assert article.images[1].credit == "imago images"
    assert [p.text[:10] for p in article.paragraphs] == ["Ein Barrel", "Analysten "]
    assert article.source == "boerse.example"
    assert article.contributors == ["mk", "rts"]


def test_split_kicker() -> None:
    assert split_kicker("Gipfel in Genf? Minister einigen sich") == (
        "Gipfel in Genf?",
        "Minister einigen sich",
    )
    assert split_kicker("Minister einigen sich auf Waffenruhe") == (
        None,
        "Minister einigen sich auf Waffenruhe",
    )
    # a question that is the whole headline is no kicker
    assert split_kicker("Kommt die Waffenruhe?") == (None, "Kommt die Waffenruhe?")


def test_reading_a_directory_is_recursive_and_ordered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.txt", "b/1.txt"):
        (tmp_path / name).write_text(
            f"Titel {name}\n\nEin Absatz mit genug Text über {name}. Noch ein Satz.\n",
            encoding="utf-8",
        )
    (tmp_path / ".hidden.txt").write_text("versteckt", encoding="utf-8")
    titles = [a.title for a in read_paths([str(tmp_path)])]
    assert titles == ["Titel a.txt", "Titel b/1.txt", "Titel b/2.txt"]
