"""Reader for HTML news pages: main text and metadata through trafilatura.

trafilatura finds the article body (paragraphs and sub-headings) and the metadata (title, author,
date, site name, url, description). What it does not keep, we take from the page with lxml:
the kicker (Dachzeile) and figures with their captions and credits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from lagebild.article import Article, Image, Paragraph
from lagebild.read.common import RejectedInput, clean_text, normalise_date

BYLINE = re.compile(r"^(?:Von|By)\s+[^.!?]{2,80}?\s*[·|,]?\s*$|^\w{2,6}\s*·$")
MAX_DEPTH = 400  # deeper nesting is no real page; lxml and trafilatura would choke on it
KICKER_CLASSES = ("kicker", "dachzeile", "topline", "overline", "roofline", "spitzmarke")
CREDIT = re.compile(
    r"\s*[(\[]?\s*(?:Foto|Fotos|Bild|Quelle|Copyright|©)\s*:?\s*(?P<credit>[^()\[\]]+?)\s*[)\]]?\s*$"
)


def read_html(text: str, path: str, url: str | None = None) -> Iterator[Article]:
    yield parse_html(text, path, url=url)


def _check_depth(text: str) -> None:
    depth = deepest = 0
    for match in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", text):
        closing, _name, selfclosing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not selfclosing:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH * 4:  # unclosed void elements count too; be generous
                break
    if deepest > MAX_DEPTH * 4:
        raise RejectedInput(f"HTML nested deeper than {MAX_DEPTH} levels")


def parse_html(text: str, path: str, url: str | None = None) -> Article:
    _check_depth(text)
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise RejectedInput(f"malformed HTML: {exc}") from None
    # what trafilatura does not keep is taken from the page first (it may prune the tree)
    headline, kicker, lead = _headline(tree), _kicker(tree), _lead(tree)
    published, authors = _published_time(tree), _meta_author(tree)
    images, bylines = _figures(tree), _bylines(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_formatting=False,
        output_format="python",
    )
    if document is None or document.body is None:
        raise RejectedInput("HTML page without article text")
    meta = document.as_dict()

    article = Article(source_path=path, format="html")
    article.title = headline or clean_text(meta.get("title"))
    article.url = meta.get("url") or url
    article.published = published or normalise_date(meta.get("date"))
    if article.published:
        article.published_source = "input"
    article.source = clean_text(meta.get("sitename")) or _site_of(article.url)
    authors = authors or meta.get("author")
    if authors:
        names = re.split(r";|,|\|\bund\b", authors)
        article.contributors = [name.strip() for name in names if name.strip()]
    categories = meta.get("categories") or []
    if categories:
        article.category = clean_text(categories[0] if isinstance(categories, list) else categories)
    article.kicker = kicker
    article.images = images

    # the body without what stands elsewhere in the record: title, kicker, lead, captions, byline
    elsewhere = {article.title, article.kicker, lead} | bylines
    elsewhere |= {img.caption for img in article.images}
    paragraphs = [
        p for p in _body(document.body) if p.text not in elsewhere and not BYLINE.match(p.text)
    ]
    description = clean_text(meta.get("description"))
    if (
        lead is None
        and description
        and paragraphs
        and paragraphs[0].text.startswith(description.rstrip(".… "))
    ):
        lead = paragraphs[0].text
    if lead is None and description and not any(description in p.text for p in paragraphs):
        lead = description
    article.lead = lead
    article.paragraphs = paragraphs
    if not article.title and not paragraphs:
        raise RejectedInput("HTML page without article text")
    article.assemble_text()
    return article


def _published_time(tree: lxml_html.HtmlElement) -> str | None:
    """The publication time from the page's metadata, which trafilatura reduces to a date."""
    values = tree.xpath(
        "//meta[@property='article:published_time' or @name='date' or "
        "@itemprop='datePublished' or @name='publish-date']/@content"
        " | //time[@itemprop='datePublished']/@datetime"
    )
    for value in values:
        normalised = normalise_date(value)
        if normalised:
            return normalised
    return None


def _meta_author(tree: lxml_html.HtmlElement) -> str | None:
    for value in tree.xpath("//meta[@name='author' or @property='article:author']/@content"):
        if clean_text(value) and not value.startswith("http"):
            return clean_text(value)
    return None


def _bylines(tree: lxml_html.HtmlElement) -> set[str | None]:
    texts: set[str | None] = set()
    for element in _by_class(tree, ("byline", "autor", "author", "dateline", "meta-info")):
        texts.add(clean_text(element.text_content()))
    return texts


def _site_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def _body(body: etree._Element) -> list[Paragraph]:
    """Paragraphs and sub-headings of trafilatura's main-text tree."""
    paragraphs: list[Paragraph] = []
    for element in body.iter("p", "head", "list", "quote"):
        if element.tag == "list":
            items = [clean_text("".join(item.itertext())) for item in element.iter("item")]
            text = clean_text(" ".join(i for i in items if i))
            kind = "paragraph"
        else:
            text = clean_text("".join(element.itertext()))
            kind = "subheading" if element.tag == "head" else "paragraph"
        if text and not _inside(element, ("list", "quote")):
            paragraphs.append(Paragraph(kind=kind, text=text))
    return paragraphs


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _by_class(tree: lxml_html.HtmlElement, names: tuple[str, ...]) -> list[lxml_html.HtmlElement]:
    lowered = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    condition = " or ".join(f"contains({lowered}, '{n}')" for n in names)
    return tree.xpath(f"//*[{condition}]")


def _headline(tree: lxml_html.HtmlElement) -> str | None:
    """The article's own h1: page titles and og:title often carry the site name or kicker."""
    for element in tree.iter("h1"):
        text = clean_text(element.text_content())
        if text and len(text.split()) >= 2:
            return text
    return None


def _kicker(tree: lxml_html.HtmlElement) -> str | None:
    for element in _by_class(tree, KICKER_CLASSES):
        text = clean_text(element.text_content())
        if text and len(text) <= 120:
            return text
    return None


def _lead(tree: lxml_html.HtmlElement) -> str | None:
    for element in _by_class(tree, ("lead", "intro", "teaser", "standfirst", "summary")):
        if element.tag in ("p", "div", "span", "strong"):
            text = clean_text(element.text_content())
            if text and len(text.split()) >= 5:
                return text
    return None


def _figures(tree: lxml_html.HtmlElement) -> list[Image]:
    images: list[Image] = []
    for figure in tree.iter("figure"):
        img = next(figure.iter("img"), None)
        if img is None:
            continue
        src = img.get("src") or img.get("data-src")
        caption_el = next(figure.iter("figcaption"), None)
        caption = clean_text(caption_el.text_content()) if caption_el is not None else None
        credit = None
        if caption_el is not None:
            for element in caption_el.iter():
                if element is not caption_el and any(
                    n in (element.get("class") or "").lower()
                    for n in ("credit", "copyright", "source", "quelle")
                ):
                    credit = clean_text(element.text_content())
                    if caption and credit:
                        caption = clean_text(caption.replace(credit, ""))
        if caption and credit is None:
            match = CREDIT.search(caption)
            if match and match.start() > 0:
                credit = clean_text(match["credit"])
                caption = clean_text(caption[: match.start()])
        if credit:
            credit = re.sub(r"^(?:Foto|Bild|Quelle)\s*:\s*", "", credit)
            credit = credit.strip("()[] ") or None
        file = src.rsplit("/", 1)[-1].split("?")[0] if src else None
        images.append(
            Image(file=file, url=src, caption=caption or clean_text(img.get("alt")), credit=credit)
        )
    return images
