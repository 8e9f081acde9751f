"""Reader for scraped plain-text news pages (the shape of a copied n-tv.de article).

The layout, one block per line, blank lines between blocks (all optional but the title)::

    Politik                                   category
    16.03.2026, 14:20 Uhr                     date line
    Kicker? Headline                          title line: kicker and headline together
    4f2a9c0d1e8b7a6c5d4e3f2a1b0c9d8e.jpg      image file name
    Caption of the picture.                   caption
    (Foto: picture alliance/dpa)              credit
    Lead paragraph.                           lead
    Body paragraph …                          body, with short sub-heading lines
    Quelle: n-tv.de, abc/dpa/AFP              source line: site, author and agency codes
    Mehr zum Thema                            page furniture, dropped

Images may also stand in the body (file name, caption, credit), and any part may be missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lagebild.article import Article, Image, Paragraph
from lagebild.read.common import RejectedInput, clean_text, normalise_date

IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?)(?:\?\S*)?$", re.IGNORECASE)
CREDIT_WORDS = r"(?:Foto|Fotos|Bild|Bilder|Grafik|Illustration|Video|Copyright|©)"
CREDIT_LINE = re.compile(
    rf"^(?:\(\s*{CREDIT_WORDS}\s*:?\s*(?P<paren>[^()]+?)\s*\)|{CREDIT_WORDS}\s*:\s*(?P<bare>.+?))$"
)
INLINE_CREDIT = re.compile(rf"\s*\(\s*{CREDIT_WORDS}\s*:\s*(?P<credit>[^()]+?)\s*\)\s*$")
SOURCE_LINE = re.compile(r"^Quelle\s*:\s*(?P<site>[^,;]+?)\s*(?:[,;]\s*(?P<codes>.+?))?\s*$")
AUTHOR_LINE = re.compile(r"^(?:Von|Ein (?:Kommentar|Gastbeitrag) von)\s+(?P<names>[^.!?]{3,80})$")
DATE_LINE = re.compile(
    r"^(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag),?\s+)?"
    r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\.\s*[A-Za-zäÄ]{3,9}\.?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[,\s]+(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$"
)
# lines that belong to the page around the article, not to it
FURNITURE = re.compile(
    r"^(?:Mehr zum Thema|Mehr zu(?:m)? \w+|Lesen Sie (?:auch|mehr)|Weitere Artikel|Weiterlesen|"
    r"Artikel teilen|Teilen|Kommentare?|Zur Startseite|Anzeige|Werbung|Seite \d+ von \d+|"
    r"Alle Rechte vorbehalten\.?|Jetzt (?:abonnieren|teilen|kommentieren)|Newsletter|"
    r"Das könnte Sie auch interessieren|Empfehlungen|Themen|Schlagworte?)$",
    re.IGNORECASE,
)
SENTENCE_END = (".", ":", ";", ",", '"', "“", "”", "«", "»", "'", "…", ")")
MAX_CATEGORY_CHARS = 40
MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 14


def read_text(text: str, path: str) -> Iterator[Article]:
    lines = [clean_text(line) for line in text.splitlines()]
    blocks = [line for line in lines if line]
    article = parse_blocks(blocks)
    article.source_path = path
    article.format = "text"
    yield article


def _credit(line: str) -> str | None:
    match = CREDIT_LINE.match(line)
    return (match["paren"] or match["bare"]) if match else None


def _is_credit(line: str) -> bool:
    return bool(CREDIT_LINE.match(line)) and len(line) <= 150


def is_heading(line: str) -> bool:
    """A short line without a sentence end: a sub-heading (or a headline)."""
    if len(line) > MAX_HEADING_CHARS or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if line.endswith(("?", "!")):
        return len(line.split()) <= 10
    return not line.endswith(SENTENCE_END)


def _is_category(line: str, following: str | None) -> bool:
    if following is None or len(line) > MAX_CATEGORY_CHARS or len(line.split()) > 3:
        return False
    if line.endswith(SENTENCE_END + ("?", "!")) or IMAGE_FILE.match(line):
        return False
    # the next line must look like a date or a title, not like the body
    if IMAGE_FILE.match(following):
        return False
    kicker_line = following.endswith(("?", ":", "!")) and len(following) <= 80
    return bool(DATE_LINE.match(following)) or kicker_line or is_heading(following)


def split_kicker(title: str) -> tuple[str | None, str]:
    """'Gespräche in Genf? Minister wollen Feuerpause' → ('Gespräche in Genf?', 'Minister …')."""
    match = re.match(r"^(?P<kicker>[^?!]{3,80}[?!])\s+(?P<title>\S.{3,})$", title)
    if match and not match["kicker"].startswith(("„", '"')):
        return match["kicker"], match["title"]
    return None, title


def parse_blocks(blocks: list[str]) -> Article:
    """Turn the non-empty lines of a scraped page into an Article (text assembled)."""
    article = Article()
    i = 0
    # furniture at the very end, and everything after a source line
    end = len(blocks)
    for j, line in enumerate(blocks):
        match = SOURCE_LINE.match(line)
        if match:
            article.source = match["site"]
            if match["codes"]:
                article.contributors += [
                    c.strip() for c in re.split(r"[/,]|\bund\b", match["codes"]) if c.strip()
                ]
            end = j
            break
    while end > 0 and FURNITURE.match(blocks[end - 1]):
        end -= 1
    blocks = blocks[:end]

    def following(k: int) -> str | None:
        return blocks[k] if k < len(blocks) else None

    # header: category, date, kicker line, title
    if blocks and _is_category(blocks[0], following(1)):
        article.category = blocks[0]
        i = 1
    if i < len(blocks) and DATE_LINE.match(blocks[i]):
        article.published = normalise_date(blocks[i])
        article.published_source = "input"
        i += 1
    if i < len(blocks) - 1 and blocks[i].endswith(("?", ":", "!")) and len(blocks[i]) <= 80:
        nxt = blocks[i + 1]
        if is_heading(nxt) and not IMAGE_FILE.match(nxt):
            article.kicker = blocks[i].removesuffix(":").strip()  # ':' only separates
            i += 1
    if i < len(blocks):
        title = blocks[i]
        if article.kicker is None:
            article.kicker, title = split_kicker(title)
        article.title = title
        i += 1
    if i < len(blocks) and DATE_LINE.match(blocks[i]) and article.published is None:
        article.published = normalise_date(blocks[i])
        article.published_source = "input"
        i += 1

    # body: images (file, caption, credit) anywhere; first paragraph is the lead
    lead: str | None = None
    paragraphs: list[Paragraph] = []
    while i < len(blocks):
        line = blocks[i]
        if IMAGE_FILE.match(line):
            image, i = _read_image(blocks, i)
            article.images.append(image)
            continue
        if _is_credit(line) and article.images and article.images[-1].credit is None:
            article.images[-1].credit = _credit(line)
            i += 1
            continue
        author = AUTHOR_LINE.match(line)
        if author and lead is None and not paragraphs:
            article.contributors = [n.strip() for n in re.split(r",|\bund\b", author["names"])]
            i += 1
            continue
        heading = is_heading(line) and following(i + 1) is not None
        if lead is None and not heading:
            lead = line
        else:
            paragraphs.append(Paragraph(kind="subheading" if heading else "paragraph", text=line))
        i += 1
    article.lead = lead
    article.paragraphs = paragraphs
    if lead is None and not paragraphs:
        if article.title and not is_heading(article.title):
            article.lead, article.title = article.title, None  # a single paragraph of text
        else:
            raise RejectedInput("no article body (only a title line)")
    article.assemble_text()
    return article


def _read_image(blocks: list[str], i: int) -> tuple[Image, int]:
    """An image file name line, then optionally a caption line and a credit line."""
    image = Image(file=blocks[i])
    i += 1
    if i < len(blocks) and _is_credit(blocks[i]):
        image.credit = _credit(blocks[i])
        return image, i + 1
    if i < len(blocks) and not IMAGE_FILE.match(blocks[i]):
        caption = blocks[i]
        inline = INLINE_CREDIT.search(caption)
        if inline:
            image.caption = caption[: inline.start()].strip()
            image.credit = inline["credit"]
            return image, i + 1
        if i + 1 < len(blocks) and _is_credit(blocks[i + 1]):
            image.caption = caption
            image.credit = _credit(blocks[i + 1])
            return image, i + 2
    return image, i
