"""Reading: any input format → :class:`~lagebild.article.Article` records.

``read_paths`` walks files and directories (``-`` is standard input), picks a reader per input
by its content (:mod:`lagebild.read.detect`; ``fmt`` overrides) and yields Articles, or a
:class:`ReadError` for every input it cannot read — it never raises on bad input.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from lagebild.article import Article
from lagebild.read.common import DEFAULT_MAX_BYTES, ReadError, RejectedInput, decode
from lagebild.read.detect import FORMATS, GZIP_MAGIC, SNIFF_BYTES, detect_format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "ReadError",
    "read_bytes",
    "read_paths",
    "walk",
]

log = logging.getLogger(__name__)
STREAMED = ("jsonl", "warc")  # read record by record, so the size limit applies per record


SKIPPED_NAMES = ("README", "LICENSE", "NOTICE", "MANIFEST")  # documentation beside a corpus


def walk(paths: Iterable[str]) -> Iterator[str]:
    """Every file named or below a named directory, in a stable order.

    Inside directories, hidden files and folders and documentation files (README, LICENSE, …)
    are skipped; a file named explicitly is always read.
    """
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and not name.upper().startswith(SKIPPED_NAMES):
                    yield os.path.join(root, name)


def read_paths(
    paths: Iterable[str], fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadError]:
    for path in walk(paths):
        if path == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes(data, "-", fmt=fmt, max_bytes=max_bytes)
        else:
            yield from read_file(path, fmt=fmt, max_bytes=max_bytes)


def read_file(
    path: str, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadError]:
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
            size = os.fstat(handle.fileno()).st_size
            kind = fmt or detect_format(head, path)
            if not head.strip():
                yield ReadError(path, "empty file")
                return
            if kind in STREAMED:
                handle.seek(0)
                yield from _guarded(_read_stream(handle, path, kind, max_bytes), path)
                return
            if size > max_bytes and not head.startswith(GZIP_MAGIC):
                yield ReadError(path, f"file larger than {max_bytes} bytes ({size} bytes)")
                return
            data = head + handle.read(max_bytes + 1 - len(head))
    except OSError as exc:
        yield ReadError(path, exc.strerror or str(exc))
        return
    yield from read_bytes(data, path, fmt=kind, max_bytes=max_bytes)


def read_bytes(
    data: bytes, path: str, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadError]:
    """Read one input held in memory (a file's bytes, or standard input)."""
    if not data.strip():
        yield ReadError(path, "empty input")
        return
    kind = fmt or detect_format(data[:SNIFF_BYTES], path)
    if kind in STREAMED:
        yield from _guarded(_read_stream(io.BytesIO(data), path, kind, max_bytes), path)
        return
    if data.startswith(GZIP_MAGIC):
        try:
            data = _gunzip(data, max_bytes)
        except RejectedInput as exc:
            yield ReadError(path, str(exc))
            return
    if len(data) > max_bytes:
        yield ReadError(path, f"input larger than {max_bytes} bytes")
        return
    yield from _guarded(_read_document(data, path, kind), path)


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise RejectedInput(f"corrupt gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise RejectedInput(f"decompressed input larger than {max_bytes} bytes")
    return out


def _read_document(data: bytes, path: str, kind: str) -> Iterator[Article | ReadError]:
    from lagebild.read.feed import read_feed
    from lagebild.read.html import read_html
    from lagebild.read.json import read_json
    from lagebild.read.text import read_text

    if kind == "feed":
        yield from read_feed(data, path)
        return
    text = decode(data)
    if kind == "html":
        yield from read_html(text, path)
    elif kind == "json":
        yield from read_json(text, path)
    elif kind == "text":
        yield from read_text(text, path)
    else:
        raise RejectedInput(f"unknown format {kind!r} (known: {', '.join(FORMATS)})")


def _read_stream(
    stream: BinaryIO, path: str, kind: str, max_bytes: int
) -> Iterator[Article | ReadError]:
    from lagebild.read.json import read_jsonl
    from lagebild.read.warc import read_warc

    if kind == "warc":
        yield from read_warc(stream, path, max_bytes)
        return
    head = stream.read(2)
    stream.seek(0)
    lines: BinaryIO = gzip.GzipFile(fileobj=stream) if head == GZIP_MAGIC else stream  # type: ignore[assignment]
    yield from read_jsonl(lines, path, max_bytes)


def _guarded(items: Iterator[Article | ReadError], path: str) -> Iterator[Article | ReadError]:
    """Turn any failure inside a reader into a ReadError for the input; never raise."""
    try:
        for item in items:
            if isinstance(item, Article) and not item.text.strip():
                yield ReadError(_where(item, path), "no article text found")
                continue
            yield item
    except RejectedInput as exc:
        yield ReadError(path, str(exc))
    except RecursionError:
        yield ReadError(path, "input nested too deeply")
    except (EOFError, OSError, zlib.error) as exc:
        yield ReadError(path, f"truncated or corrupt input: {exc}")
    except Exception as exc:  # a reader bug must not stop the batch either
        log.debug("reader failed on %s", path, exc_info=True)
        yield ReadError(path, f"unreadable ({type(exc).__name__}: {exc})")


def _where(article: Article, path: str) -> str:
    return f"{path}[{article.record}]" if article.record is not None else path
