"""Reader for RSS and Atom feeds (feedparser): every entry that carries content is an article."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser
from lxml import html as lxml_html

from lagebild.article import Article, Image, Paragraph
from lagebild.read.common import ReadError, clean_text

BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote")


def read_feed(data: bytes, path: str) -> Iterator[Article | ReadError]:
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"{feed.bozo_exception}" if feed.get("bozo") else "no entries"
        yield ReadError(path, f"feed without articles ({reason})")
        return
    site = clean_text(feed.feed.get("title"))
    for index, entry in enumerate(feed.entries):
        where = f"{path}[{entry.get('link') or index}]"
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        summary = entry.get("summary") or ""
        body = contents[0] if contents else summary
        paragraphs = _paragraphs(body)
        if not paragraphs:
            yield ReadError(where, "feed entry without content")
            continue
        article = Article(source_path=path, format="feed", record=index)
        article.title = clean_text(entry.get("title"))
        article.url = entry.get("link")
        article.source = site
        article.contributors = [a["name"] for a in entry.get("authors", []) if a.get("name")]
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            article.published = (
                datetime.fromtimestamp(time.mktime(parsed), UTC).replace(tzinfo=None).isoformat()
            )
            article.published_source = "input"
        tags = entry.get("tags") or []
        if tags and tags[0].get("term"):
            article.category = clean_text(tags[0]["term"])
        lead = clean_text(" ".join(p.text for p in _paragraphs(summary))) if contents else None
        if lead and len(paragraphs) > 1 and paragraphs[0].text.startswith(lead.rstrip(".… ")):
            lead = paragraphs.pop(0).text
        elif lead and lead in " ".join(p.text for p in paragraphs):
            lead = None  # feedparser repeats the content as summary when there is none
        article.lead = lead
        article.paragraphs = paragraphs
        for media in entry.get("media_content", []) + entry.get("enclosures", []):
            url = media.get("url") or media.get("href")
            if url and (media.get("medium") == "image" or "image" in media.get("type", "")):
                article.images.append(Image(url=url, file=url.rsplit("/", 1)[-1].split("?")[0]))
        article.assemble_text()
        yield article


def _paragraphs(markup: str) -> list[Paragraph]:
    if not markup.strip():
        return []
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    blocks = [
        el for el in root.iter(*BLOCKS) if not any(a.tag in BLOCKS for a in el.iterancestors())
    ]
    if not blocks:
        text = clean_text(root.text_content())
        return [Paragraph(text=text)] if text else []
    paragraphs = []
    for element in blocks:
        text = clean_text(element.text_content())
        if text:
            kind = "subheading" if element.tag in ("h1", "h2", "h3", "h4") else "paragraph"
            paragraphs.append(Paragraph(kind=kind, text=text))
    return paragraphs
