"""What every reader shares: read errors, decoding, limits, dates and whitespace."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from lagebild.german import MONTHS

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a news article is far smaller; larger inputs are rejected


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read. Readers yield these instead of raising."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class RejectedInput(Exception):
    """Raised inside a reader for bad input; turned into a :class:`ReadError` by the caller."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, carriage return and form feed: text never has many
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\x00" in sample


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOM, else the declared encoding, else UTF-8, else cp1252/Latin-1.

    Raises :class:`RejectedInput` for bytes that are no text in any of these encodings.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise RejectedInput(f"undecodable {encoding} text: {exc.reason}") from None
    if looks_binary(data):
        raise RejectedInput("binary data, not text")
    candidates = [declared] if declared else []
    candidates += ["utf-8", "cp1252", "latin-1"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding.replace("_", "-").lower() not in ("utf-8", "utf8") and not _plausible(text):
            continue
        return _checked(text)
    raise RejectedInput("undecodable bytes: neither UTF-8 nor cp1252/Latin-1 text")


def _plausible(text: str) -> bool:
    """Single-byte decodings succeed on any bytes; real text is mostly ASCII, without C1 codes."""
    sample = text[:20000]
    if not sample:
        return True
    if re.search(r"[\x80-\x9f]", sample):
        return False
    non_ascii = sum(1 for ch in sample if ord(ch) > 127)
    return non_ascii / len(sample) < 0.3


def _checked(text: str) -> str:
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if sample and controls > max(2, len(sample) // 200):
        raise RejectedInput("binary data, not text (undecodable control characters)")
    unknown = sample.count("\ufffd")
    if sample and unknown > max(2, len(sample) // 100):
        raise RejectedInput("undecodable bytes (replacement characters)")
    return text


def clean_text(value: str | None) -> str | None:
    """Normalise a piece of text: NFC, no control characters, single spaces, stripped."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\u00ad", "").replace("\u200b", "")  # soft hyphen, zero-width space
    value = re.sub(r"[\s\u00a0]+", " ", _CONTROL.sub("", value)).strip()
    return value or None


_NUMERIC_DATE = re.compile(
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})"
    r"(?:[,\s]+(?:um\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:\s*Uhr)?)?"
)
_WORD_DATE = re.compile(
    r"(?P<d>\d{1,2})\.\s*(?P<m>[A-Za-zäÄ]{3,9})\.?\s+(?P<y>\d{4})"
    r"(?:[,\s]+(?:um\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:\s*Uhr)?)?"
)


def normalise_date(value: object) -> str | None:
    """Any common date notation to ISO 8601 (date, or datetime when a time is given)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    iso = text.replace("Z", "+00:00")
    for candidate in (iso, iso.replace(" ", "T", 1)):
        try:
            parsed = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if len(text) <= 10:
            return parsed.date().isoformat()
        return parsed.isoformat()
    for pattern in (_NUMERIC_DATE, _WORD_DATE):
        match = pattern.search(text)
        if not match:
            continue
        month_text = match["m"]
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
        if month is None:
            continue
        try:
            day = date(int(match["y"]), month, int(match["d"]))
        except ValueError:
            continue
        if match["H"] is not None:
            try:
                return datetime(
                    day.year, day.month, day.day, int(match["H"]), int(match["M"])
                ).isoformat()
            except ValueError:
                return day.isoformat()
        return day.isoformat()
    try:  # RFC 822 dates of feeds and HTTP headers
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
