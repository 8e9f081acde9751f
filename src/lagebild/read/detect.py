"""Which reader an input needs, told from its first bytes (the file name only breaks ties)."""

from __future__ import annotations

import json
import zlib

FORMATS = ("text", "html", "json", "jsonl", "warc", "feed")
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 65536


def gunzip_head(head: bytes) -> bytes:
    """The start of a gzip stream, decompressed as far as the head allows."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def detect_format(head: bytes, name: str = "") -> str:
    """One of FORMATS for an input starting with ``head``."""
    lower_name = name.lower().removesuffix(".gz")
    if head.startswith(GZIP_MAGIC):
        head = gunzip_head(head)
    if head.startswith(b"WARC/"):
        return "warc"
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            if bom != b"\xef\xbb\xbf":
                head = head.decode("utf-16", errors="ignore").encode("utf-8")
            break
    sample = head.lstrip()[:4096].decode("utf-8", errors="ignore").lower()
    if sample.startswith(("{", "[")):
        return "jsonl" if lower_name.endswith((".jsonl", ".ndjson")) or _is_jsonl(head) else "json"
    if sample.startswith("<"):
        if any(tag in sample for tag in ("<rss", "<feed", "<rdf:rdf")):
            return "feed"
        return "html"
    if lower_name.endswith((".html", ".htm")) and "<" in sample:
        return "html"
    return "text"


def _is_jsonl(head: bytes) -> bool:
    lines = [line for line in head.splitlines() if line.strip()]
    if len(lines) < 2 or not lines[0].lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except ValueError:
        return False
