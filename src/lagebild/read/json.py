"""Reader for JSON and JSON Lines: our own Article records and news-please-style objects.

A file may hold one object, an array of objects, or one object per line (JSONL). Objects are
recognised by their fields: an Article record has ``text`` and ``paragraphs``/``schema_version``;
a news-please object has ``maintext`` (with ``title``, ``description``, ``date_publish``,
``authors``, ``url``, ``source_domain``, ``image_url``). Other objects with a ``text`` or
``body`` field are read as plain articles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import ValidationError

from lagebild.article import Article, Image, Paragraph
from lagebild.read.common import ReadError, RejectedInput, clean_text, decode, normalise_date
from lagebild.read.text import is_heading


def read_json(text: str, path: str) -> Iterator[Article | ReadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RejectedInput(
            f"malformed JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise RejectedInput("malformed JSON: nested too deeply") from None
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield from _one(item, path, index)
    else:
        yield from _one(data, path, None)


def read_jsonl(lines: Iterable[bytes], path: str, max_bytes: int) -> Iterator[Article | ReadError]:
    """One JSON object per line; a bad line is reported and the next one read."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield ReadError(f"{path}:{number}", f"line longer than {max_bytes} bytes")
            continue
        try:
            line = decode(raw)
            data = json.loads(line)
        except RejectedInput as exc:
            yield ReadError(f"{path}:{number}", str(exc))
            continue
        except json.JSONDecodeError as exc:
            yield ReadError(f"{path}:{number}", f"malformed JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield ReadError(f"{path}:{number}", "malformed JSON: nested too deeply")
            continue
        yield from _one(data, path, number - 1, where=f"{path}:{number}")


def _one(
    data: Any, path: str, record: int | None, where: str | None = None
) -> Iterator[Article | ReadError]:
    where = where or (f"{path}[{record}]" if record is not None else path)
    if not isinstance(data, dict):
        yield ReadError(where, f"expected a JSON object, got {type(data).__name__}")
        return
    try:
        article = from_object(data)
    except RejectedInput as exc:
        yield ReadError(where, str(exc))
        return
    article.source_path = path
    if record is not None:
        article.record = record
    yield article


def from_object(data: dict[str, Any]) -> Article:
    if "maintext" in data:
        return _from_news_please(data)
    if "schema_version" in data or ("text" in data and "paragraphs" in data):
        try:
            article = Article.from_dict(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            place = ".".join(str(p) for p in first["loc"])
            raise RejectedInput(f"invalid Article record: {place}: {first['msg']}") from None
        article.format = article.format or "json"
        if not article.text:
            article.assemble_text()
        return article
    body = data.get("text") or data.get("body") or data.get("content")
    if isinstance(body, str):
        return _from_news_please({**data, "maintext": body})
    raise RejectedInput("JSON object has no article text (maintext, text or body)")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v for v in (clean_text(value),) if v]
    if isinstance(value, list):
        return [v for v in (clean_text(str(x)) for x in value if x) if v]
    return []


def _from_news_please(data: dict[str, Any]) -> Article:
    maintext = data.get("maintext")
    if not isinstance(maintext, str) or not maintext.strip():
        raise RejectedInput("JSON object has an empty maintext")
    article = Article(format="json")
    article.title = clean_text(_str(data.get("title")))
    article.lead = clean_text(_str(data.get("description") or data.get("lead")))
    lines = [clean_text(line) for line in re.split(r"\n+", maintext)]
    paragraphs = [line for line in lines if line]
    if article.lead and paragraphs and paragraphs[0].startswith(article.lead.rstrip(".… ")):
        article.lead = paragraphs.pop(0)
    article.paragraphs = [
        Paragraph(
            kind="subheading" if is_heading(p) and n < len(paragraphs) - 1 else "paragraph", text=p
        )
        for n, p in enumerate(paragraphs)
    ]
    published = data.get("date_publish") or data.get("published") or data.get("date")
    article.published = normalise_date(published)
    if article.published:
        article.published_source = "input"
    article.url = _str(data.get("url"))
    article.source = clean_text(_str(data.get("source_domain") or data.get("source")))
    article.contributors = _strings(
        data.get("authors") or data.get("author") or data.get("contributors")
    )
    article.category = clean_text(_str(data.get("category")))
    article.kicker = clean_text(_str(data.get("kicker")))
    image_url = _str(data.get("image_url"))
    if image_url:
        article.images = [Image(url=image_url, file=image_url.rsplit("/", 1)[-1].split("?")[0])]
    article.assemble_text()
    return article


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
