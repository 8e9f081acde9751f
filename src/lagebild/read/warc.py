"""Reader for WARC files (warcio): every HTML response record becomes an article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from lagebild.article import Article
from lagebild.read.common import ReadError, RejectedInput, decode
from lagebild.read.html import parse_html


def read_warc(stream: BinaryIO, path: str, max_bytes: int) -> Iterator[Article | ReadError]:
    index = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}[{url}]"
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield ReadError(where, f"response larger than {max_bytes} bytes")
                continue
            charset = None
            if "charset=" in content_type:
                charset = content_type.split("charset=", 1)[1].split(";")[0].strip() or None
            try:
                article = parse_html(decode(body, charset), path, url=url)
            except RejectedInput as exc:
                yield ReadError(where, str(exc))
                continue
            article.format = "warc"
            article.record = index
            index += 1
            yield article
    except ArchiveLoadFailed as exc:
        yield ReadError(path, f"malformed WARC: {exc}")
    except Exception as exc:  # warcio fails in many ways on truncated archives
        yield ReadError(path, f"truncated or malformed WARC ({type(exc).__name__}: {exc})")
