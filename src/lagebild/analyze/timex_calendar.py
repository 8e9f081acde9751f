"""Calendar arithmetic for temporal expressions: anchoring relative expressions on a date.

Everything here is a pure function of an anchor ``date`` and a few integers, producing TIMEX3
value strings (``2016-12-15``, ``2016-W50``, ``2016-W50-WE``, ``2016-SU``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.easter import easter

Tense = Literal["past", "future", "none"]

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_anchor(value: str | None) -> date | None:
    """The date part of an ISO date or datetime string (``published``), or ``None``."""
    if not value:
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def day_value(day: date) -> str:
    return day.isoformat()


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(day: date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def weekday_date(anchor: date, weekday: int, direction: int, tense: Tense) -> date:
    """The date of ISO ``weekday`` (1 = Monday) near ``anchor``.

    ``direction`` -1 ("vergangenen Montag") and +1 ("kommenden Montag") are strict; 0 follows the
    tense of the sentence, news style: a bare weekday in a report is the latest such day up to
    and including the anchor, unless the sentence speaks of the future.
    """
    today = anchor.isoweekday()
    back = (today - weekday) % 7
    ahead = (weekday - today) % 7
    if direction < 0:
        return anchor - timedelta(days=back or 7)
    if direction > 0:
        return anchor + timedelta(days=ahead or 7)
    if tense == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def infer_year(anchor: date, month: int, tense: Tense) -> int:
    """Year of a month named without one ("im März"), seen from ``anchor``."""
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6 and tense != "past":
        return anchor.year + 1
    if tense == "past" and diff > 2:
        return anchor.year - 1
    if tense == "future" and diff < -2:
        return anchor.year + 1
    return anchor.year


@dataclass(frozen=True)
class Holiday:
    month: int = 0
    day: int = 0
    easter_offset: int | None = None  # days after Easter Sunday

    def on(self, year: int) -> date:
        if self.easter_offset is not None:
            return easter(year) + timedelta(days=self.easter_offset)
        return date(year, self.month, self.day)


HOLIDAYS: dict[str, Holiday] = {
    "neujahr": Holiday(1, 1),
    "neujahrstag": Holiday(1, 1),
    "dreikönigstag": Holiday(1, 6),
    "heilige drei könige": Holiday(1, 6),
    "valentinstag": Holiday(2, 14),
    "karfreitag": Holiday(easter_offset=-2),
    "ostern": Holiday(easter_offset=0),
    "ostersonntag": Holiday(easter_offset=0),
    "ostermontag": Holiday(easter_offset=1),
    "christi himmelfahrt": Holiday(easter_offset=39),
    "pfingsten": Holiday(easter_offset=49),
    "pfingstsonntag": Holiday(easter_offset=49),
    "pfingstmontag": Holiday(easter_offset=50),
    "fronleichnam": Holiday(easter_offset=60),
    "tag der arbeit": Holiday(5, 1),
    "mariä himmelfahrt": Holiday(8, 15),
    "maria himmelfahrt": Holiday(8, 15),
    "ferragosto": Holiday(8, 15),
    "tag der deutschen einheit": Holiday(10, 3),
    "allerheiligen": Holiday(11, 1),
    "allerseelen": Holiday(11, 2),
    "nikolaustag": Holiday(12, 6),
    "heiligabend": Holiday(12, 24),
    "heiligen abend": Holiday(12, 24),
    "heiliger abend": Holiday(12, 24),
    "weihnachten": Holiday(12, 25),
    "christtag": Holiday(12, 25),
    "stefanitag": Holiday(12, 26),
    "stephanstag": Holiday(12, 26),
    "silvester": Holiday(12, 31),
}
