"""A GDELT GKG 2.1-like TSV: one line per article, the 27 GKG 2.1 columns, no header.

Filled: GKGRECORDID, V2.1DATE, V2SOURCECOLLECTIONIDENTIFIER (1 = web), V2SOURCECOMMONNAME,
V2DOCUMENTIDENTIFIER (URL, else the lagebild article id), V1/V2 LOCATIONS, PERSONS and
ORGANIZATIONS, V2.1ENHANCEDDATES, V2.1QUOTATIONS, V2.1ALLNAMES, V2.1AMOUNTS,
V2.1TRANSLATIONINFO (``srclc:deu``) and V2EXTRASXML (``<PAGE_TITLE>``, ``<LAGEBILD_ID>``).
Left empty: counts, themes, tone, GCAM, images and embeds (lagebild does not produce them).

Differences from GDELT, documented in docs/store.md: country codes are ISO 3166-1 alpha-2 (GDELT
uses FIPS 10-4), ADM1/ADM2 codes are empty, the location feature id is the GeoNames id, and
character offsets count characters of the lagebild ``text``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lagebild.export.output import text_output

COLUMNS = (
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
)
# GKG location types: 1 country, 4 world city, 5 world state (ADM1)
_LOCATION_TYPE = {"country": 1, "city": 4, "region": 5, "state": 5, "admin": 5}
_DELIMITERS = re.compile(r"[\t\r\n#;|,<>]+")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def clean(value: Any) -> str:
    """A field value with GKG's delimiters (and tabs, newlines) replaced by spaces."""
    return " ".join(_DELIMITERS.sub(" ", str(value)).split()) if value is not None else ""


def gkg_date(published: str | None) -> str:
    if not published:
        return ""
    digits = re.sub(r"\D", "", published)[:14]
    return digits.ljust(14, "0") if len(digits) >= 8 else ""


def _first_offset(entity: dict[str, Any]) -> int:
    mentions = entity.get("mentions") or []
    return min((m.get("start", 0) for m in mentions), default=0)


def _names(entities: Iterable[dict[str, Any]]) -> tuple[str, str]:
    v1, v2 = [], []
    for entity in entities:
        name = clean(entity.get("name"))
        if not name:
            continue
        v1.append(name)
        offsets = sorted({m.get("start", 0) for m in entity.get("mentions") or []}) or [0]
        v2.extend(f"{name},{offset}" for offset in offsets)
    return ";".join(dict.fromkeys(v1)), ";".join(v2)


def _locations(entities: Iterable[dict[str, Any]]) -> tuple[str, str]:
    v1, v2 = [], []
    for entity in entities:
        geo = entity.get("geo")
        if not geo or geo.get("lat") is None:
            continue
        kind = _LOCATION_TYPE.get(str(geo.get("feature") or "").lower(), 4)
        name = clean(entity.get("name"))
        country = clean(geo.get("country_code"))
        lat, lon = geo["lat"], geo["lon"]
        feature = clean(geo.get("geonames_id"))
        v1.append(f"{kind}#{name}#{country}##{lat}#{lon}#{feature}")
        v2.append(f"{kind}#{name}#{country}###{lat}#{lon}#{feature}#{_first_offset(entity)}")
    return ";".join(v1), ";".join(v2)


def _dates(timexes: Iterable[dict[str, Any]]) -> str:
    blocks = []
    for timex in timexes:
        if timex.get("type") != "DATE":
            continue
        value = str(timex.get("value") or "")
        offset = timex.get("start", 0)
        if match := _FULL_DATE.match(value):
            year, month, day = match.groups()
            blocks.append(f"4#{int(month)}#{int(day)}#{year}#{offset}")
        elif match := _MONTH.match(value):
            year, month = match.groups()
            blocks.append(f"2#{int(month)}#0#{year}#{offset}")
        elif match := _YEAR.match(value):
            blocks.append(f"1#0#0#{match.group(1)}#{offset}")
    return ";".join(blocks)


def _quotations(record: dict[str, Any]) -> str:
    blocks = []
    for quote in record.get("quotes") or []:
        text = clean(quote.get("text"))
        if not text:
            continue
        cue = clean((quote.get("cue") or {}).get("text"))
        start, end = quote.get("start", 0), quote.get("end", 0)
        blocks.append(f"{start}|{max(0, end - start)}|{cue}|{text}")
    return "#".join(blocks)


def _amounts(record: dict[str, Any]) -> str:
    blocks = []
    for amount in record.get("amounts") or []:
        value = amount.get("value")
        if value is None:
            continue
        number = int(value) if float(value).is_integer() else value
        blocks.append(f"{number},{clean(amount.get('object'))},{amount.get('start', 0)}")
    return ";".join(blocks)


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def gkg_row(seq: int, record: dict[str, Any]) -> list[str]:
    """The 27 GKG 2.1 fields of one article."""
    entities = record.get("entities") or []
    by_type: dict[str, list[dict[str, Any]]] = {"PER": [], "ORG": [], "LOC": []}
    for entity in entities:
        by_type.setdefault(entity.get("type") or "OTH", []).append(entity)
    persons_v1, persons_v2 = _names(by_type["PER"])
    orgs_v1, orgs_v2 = _names(by_type["ORG"])
    locations_v1, locations_v2 = _locations(entities)
    _, all_names = _names(entities)
    date = gkg_date(record.get("published"))
    title = " ".join((record.get("title") or "").split())
    language = record.get("language") or "de"
    extras = f"<PAGE_TITLE>{_xml_text(title)}</PAGE_TITLE><LAGEBILD_ID>{record['id']}</LAGEBILD_ID>"
    fields = {
        "GKGRECORDID": f"{date or '0' * 14}-L{seq}",
        "V2.1DATE": date,
        "V2SOURCECOLLECTIONIDENTIFIER": "1",
        "V2SOURCECOMMONNAME": clean(record.get("source")),
        "V2DOCUMENTIDENTIFIER": clean(record.get("url")) or record["id"],
        "V1LOCATIONS": locations_v1,
        "V2ENHANCEDLOCATIONS": locations_v2,
        "V1PERSONS": persons_v1,
        "V2ENHANCEDPERSONS": persons_v2,
        "V1ORGANIZATIONS": orgs_v1,
        "V2ENHANCEDORGANIZATIONS": orgs_v2,
        "V2.1ENHANCEDDATES": _dates(record.get("timexes") or []),
        "V2.1QUOTATIONS": _quotations(record),
        "V2.1ALLNAMES": all_names,
        "V2.1AMOUNTS": _amounts(record),
        "V2.1TRANSLATIONINFO": f"srclc:{_ISO639_3.get(language, language)}",
        "V2EXTRASXML": extras,
    }
    return [fields.get(column, "") for column in COLUMNS]


_ISO639_3 = {"de": "deu", "en": "eng", "fr": "fra", "it": "ita", "nl": "nld", "pl": "pol"}


def export_gkg(conn: sqlite3.Connection, out: str | Path) -> int:
    count = 0
    with text_output(out) as handle:
        for seq, record_json in conn.execute("SELECT seq, record FROM records ORDER BY seq"):
            handle.write("\t".join(gkg_row(seq, json.loads(record_json))))
            handle.write("\n")
            count += 1
    return count
