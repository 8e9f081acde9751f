"""The article text cut into runs for highlighting: entities, quotes, dates and amounts.

The article page never marks article text as safe HTML. It gets a list of :class:`Block` (one
per section: kicker, title, lead, paragraph, sub-heading), each a list of :class:`Run` whose
``text`` is a plain slice of ``Article.text``; the template escapes every run and wraps it in
the markup its ``mark`` and ``quote`` call for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PRIORITY = {"entity": 0, "speaker": 1, "timex": 2, "amount": 3}


@dataclass(frozen=True)
class Mark:
    """An inline annotation: what it is, a tooltip and where a click leads."""

    kind: str  # entity | speaker | timex | amount
    css: str
    title: str
    href: str | None = None


@dataclass(frozen=True)
class Run:
    text: str
    mark: Mark | None = None
    quote: int | None = None  # index into Article.quotes


@dataclass(frozen=True)
class Block:
    kind: str  # kicker | title | lead | paragraph | subheading
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    mark: Mark


def entity_href(entity_id: str) -> str:
    return "/entities/" + url_quote(entity_id, safe="")


def _valid(start: Any, end: Any, length: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def _marks(record: dict[str, Any], length: int) -> list[_Span]:
    spans: list[_Span] = []
    for entity in record.get("entities") or []:
        etype = str(entity.get("type") or "OTH")
        mark = Mark(
            kind="entity",
            css=f"ent ent-{etype if etype in ('PER', 'ORG', 'LOC', 'OTH') else 'OTH'}",
            title=f"{entity.get('name') or ''} ({etype})",
            href=entity_href(str(entity.get("id") or "")),
        )
        for m in entity.get("mentions") or []:
            if _valid(m.get("start"), m.get("end"), length):
                spans.append(_Span(m["start"], m["end"], mark))
    for quote in record.get("quotes") or []:
        speaker = quote.get("speaker") or {}
        if _valid(speaker.get("start"), speaker.get("end"), length):
            href = entity_href(speaker["entity_id"]) if speaker.get("entity_id") else None
            mark = Mark("speaker", "speaker", f"Sprecher: {speaker.get('text') or ''}", href)
            spans.append(_Span(speaker["start"], speaker["end"], mark))
    for timex in record.get("timexes") or []:
        if _valid(timex.get("start"), timex.get("end"), length):
            value = str(timex.get("value") or "")
            href = "/?" + urlencode({"from": value, "to": value}) if _DAY.match(value) else None
            mark = Mark("timex", "timex", f"{timex.get('type') or 'DATE'} {value}", href)
            spans.append(_Span(timex["start"], timex["end"], mark))
    for amount in record.get("amounts") or []:
        if _valid(amount.get("start"), amount.get("end"), length):
            parts = [_number(amount.get("value"))]
            parts += [str(amount.get(k)) for k in ("unit", "object") if amount.get(k)]
            spans.append(
                _Span(amount["start"], amount["end"], Mark("amount", "amount", " ".join(parts)))
            )
    return spans


def _number(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else str(value)
    return str(value or "")


def _non_overlapping(spans: list[_Span]) -> list[_Span]:
    """Earliest first, then longest, then by kind priority; a span overlapping a kept one goes."""
    kept: list[_Span] = []
    end = -1
    for span in sorted(
        spans, key=lambda s: (s.start, -(s.end - s.start), _PRIORITY.get(s.mark.kind, 9))
    ):
        if span.start >= end:
            kept.append(span)
            end = span.end
    return kept


def _quote_ranges(record: dict[str, Any], length: int) -> list[tuple[int, int, int]]:
    ranges: list[tuple[int, int, int]] = []
    for index, quote in enumerate(record.get("quotes") or []):
        parts = quote.get("parts") or [quote]
        for part in parts:
            if _valid(part.get("start"), part.get("end"), length):
                ranges.append((part["start"], part["end"], index))
    return ranges


def _sections(record: dict[str, Any], text: str) -> list[tuple[str, int, int]]:
    sections = [
        (str(s.get("kind")), s.get("start"), s.get("end")) for s in record.get("sections") or []
    ]
    sections = [(k, s, e) for k, s, e in sections if _valid(s, e, len(text))]
    if sections:
        return sections
    out: list[tuple[str, int, int]] = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
        out.append(("paragraph", match.start(), match.end()))
    return out


def article_blocks(record: dict[str, Any]) -> list[Block]:
    """The text of an Article record as blocks of runs, ready for an escaping template."""
    text = str(record.get("text") or "")
    length = len(text)
    marks = _non_overlapping(_marks(record, length))
    quotes = _quote_ranges(record, length)
    blocks: list[Block] = []
    for kind, sec_start, sec_end in _sections(record, text):
        cuts = {sec_start, sec_end}
        for span in marks:
            cuts.update(c for c in (span.start, span.end) if sec_start < c < sec_end)
        for q_start, q_end, _ in quotes:
            cuts.update(c for c in (q_start, q_end) if sec_start < c < sec_end)
        points = sorted(cuts)
        runs: list[Run] = []
        for lo, hi in zip(points, points[1:], strict=False):
            mark = next((s.mark for s in marks if s.start <= lo and hi <= s.end), None)
            quote = next((i for qs, qe, i in quotes if qs <= lo and hi <= qe), None)
            previous = runs[-1] if runs else None
            if previous and previous.mark is None and mark is None and previous.quote == quote:
                runs[-1] = Run(previous.text + text[lo:hi], None, quote)
            else:
                runs.append(Run(text[lo:hi], mark, quote))
        blocks.append(Block(kind, tuple(runs)))
    return blocks
