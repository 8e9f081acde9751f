"""A small response cache for GET requests, valid as long as the store file is unchanged.

Searches repeat: a results page, its facets, the next page, the same query from another tab.
The store is served read-only, so an answer stays right until the store file changes (an ingest
into it); the cache keys every answer by the request and checks the store's modification stamp
(the database file and its write-ahead log) before serving from it. Per process, bounded in
entries and in the size of each answer, least recently used first out.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_PREFIXES = ("/api/",)
MAX_ENTRIES = 512
MAX_BODY = 512 * 1024

Stamp = tuple[int, int, int, int]
Entry = tuple[Stamp, list[tuple[bytes, bytes]], bytes]


class ResponseCache:
    """Plain ASGI middleware: serves repeated GET /api/… requests from memory."""

    def __init__(self, app: ASGIApp, db_path: str | Path, max_entries: int = MAX_ENTRIES) -> None:
        self.app = app
        self.paths = (str(db_path), f"{db_path}-wal")
        self.max_entries = max_entries
        self.entries: OrderedDict[bytes, Entry] = OrderedDict()
        self.hits = self.misses = 0

    def stamp(self) -> Stamp:
        values: list[int] = []
        for path in self.paths:
            try:
                info = os.stat(path)
            except FileNotFoundError:
                values += [0, 0]
            else:
                values += [info.st_mtime_ns, info.st_size]
        return values[0], values[1], values[2], values[3]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not path.startswith(CACHED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        key = path.encode() + b"?" + scope.get("query_string", b"")
        stamp = self.stamp()
        entry = self.entries.get(key)
        if entry is not None and entry[0] == stamp:
            self.entries.move_to_end(key)
            self.hits += 1
            await send({"type": "http.response.start", "status": 200, "headers": entry[1]})
            await send({"type": "http.response.body", "body": entry[2]})
            return
        self.misses += 1
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal status, headers, size
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body" and size <= MAX_BODY:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
            await send(message)

        await self.app(scope, receive, capture)
        if status == 200 and size <= MAX_BODY:
            self.entries[key] = (stamp, headers, b"".join(chunks))
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
