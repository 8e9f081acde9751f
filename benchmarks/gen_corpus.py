"""Generate a large corpus by varying our own articles (for store and search benchmarks).

Usage (from the repository root)::

    .venv/bin/python benchmarks/gen_corpus.py --articles 100000 --out /tmp/corpus.jsonl

Base texts: the example articles (``examples/text``) and the articles written for the
near-duplicate evaluation (``tests/data/dedup/articles.jsonl``), all written for lagebild.
Each generated article mixes paragraphs of two or three base articles, replaces numbers,
adds a sentence quoting one of 2,500 generated people, and gets a date within two years and
one of 20 sources. It carries an ``entities`` layer (the people and the places of a fixed list
found in its text, with coordinates), so entity and place filters have something to find.
Output: one Article record per line (JSONL), readable by ``lagebild ingest``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST = [
    "Anna",
    "Bernd",
    "Clara",
    "Dieter",
    "Emma",
    "Frank",
    "Greta",
    "Hans",
    "Ines",
    "Jan",
    "Karla",
    "Lukas",
    "Mira",
    "Nils",
    "Olga",
    "Paul",
    "Rita",
    "Stefan",
    "Tanja",
    "Uwe",
    "Vera",
    "Wolf",
    "Yvonne",
    "Zoe",
    "Moritz",
    "Leonie",
    "Felix",
    "Hanna",
    "Jonas",
    "Lina",
    "Theo",
    "Ida",
    "Oskar",
    "Frieda",
    "Emil",
    "Mathilda",
    "Anton",
    "Luise",
    "Karl",
    "Marie",
    "Ben",
    "Sofia",
    "Max",
    "Lea",
    "Finn",
    "Nora",
    "Ole",
    "Pia",
    "Tim",
    "Alma",
]
LAST = [
    "Albers",
    "Brandt",
    "Claasen",
    "Dreher",
    "Eckert",
    "Fuchs",
    "Gerber",
    "Hoffmann",
    "Imhof",
    "Jäger",
    "Krüger",
    "Lorenz",
    "Meißner",
    "Neumann",
    "Olbrich",
    "Pfeiffer",
    "Quast",
    "Reuter",
    "Schäfer",
    "Thiel",
    "Ulrich",
    "Vogt",
    "Wendt",
    "Zeller",
    "Bauer",
    "Köhler",
    "Lange",
    "Möller",
    "Schulz",
    "Weber",
    "Haas",
    "Frank",
    "Roth",
    "Beck",
    "Lehmann",
    "Schmitt",
    "Böhm",
    "Seidel",
    "Winkler",
    "Berger",
    "Kuhn",
    "Busch",
    "Pohl",
    "Horn",
    "Engel",
    "Voigt",
    "Sauer",
    "Arnold",
    "Franke",
    "Kraus",
]
SOURCES = [
    f"{name}.example"
    for name in (
        "tagesblick",
        "nordkurier",
        "suedpost",
        "westecho",
        "ostanzeiger",
        "rheinblatt",
        "elbbote",
        "donaubote",
        "alpenzeitung",
        "kuestenwacht",
        "hauptstadt",
        "landbote",
        "stadtspiegel",
        "abendpost",
        "morgenruf",
        "weltspiegel",
        "agenturdienst",
        "newsportal",
        "regionalzeitung",
        "nachrichten",
    )
]
PLACES = {
    "Passau": (48.5667, 13.4319),
    "Dresden": (51.0509, 13.7383),
    "Köln": (50.9375, 6.9603),
    "Dortmund": (51.5136, 7.4653),
    "Düsseldorf": (51.2277, 6.7735),
    "Erfurt": (50.9787, 11.0328),
    "Genf": (46.2044, 6.1432),
    "Hamburg": (53.5511, 9.9937),
    "Berlin": (52.52, 13.405),
    "München": (48.1351, 11.582),
    "Nürnberg": (49.4521, 11.0767),
    "Gelsenkirchen": (51.5177, 7.0857),
    "Bonn": (50.7374, 7.0982),
    "Münster": (51.9607, 7.6261),
    "Kairo": (30.0444, 31.2357),
    "Darfur": (13.0, 24.0),
    "Sudan": (15.5, 32.5),
    "El Fasher": (13.6279, 25.3494),
    "Port Sudan": (19.6158, 37.2164),
    "Khartum": (15.5007, 32.5599),
}
NUMBER = re.compile(r"\b\d{2,5}\b")


def base_articles() -> list[dict]:
    """Our own articles as plain dicts (title, lead, paragraphs)."""
    from lagebild.article import Article
    from lagebild.read import read_paths

    bases = []
    for line in (ROOT / "tests" / "data" / "dedup" / "articles.jsonl").read_text().splitlines():
        data = json.loads(line)
        bases.append({k: data[k] for k in ("title", "lead", "paragraphs")})
    examples = ROOT / "examples" / "text"
    if examples.exists():
        for item in read_paths([str(examples)]):
            if isinstance(item, Article) and item.paragraphs:
                bases.append(
                    {
                        "title": item.title or "",
                        "lead": item.lead or "",
                        "paragraphs": [p.text for p in item.paragraphs],
                    }
                )
    return bases


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower()).strip("-")


def _entities(text: str, person: str) -> list[dict]:
    def mentions(name: str) -> list[dict]:
        found, start = [], text.find(name)
        while start >= 0:
            found.append({"text": name, "start": start, "end": start + len(name)})
            start = text.find(name, start + len(name))
        return found

    entities = [
        {
            "id": f"gen-per-{_slug(person)}",
            "type": "PER",
            "name": person,
            "mentions": mentions(person),
        }
    ]
    for place, (lat, lon) in PLACES.items():
        found = mentions(place)
        if found:
            entities.append(
                {
                    "id": f"gen-loc-{_slug(place)}",
                    "type": "LOC",
                    "name": place,
                    "mentions": found,
                    "geo": {"lat": lat, "lon": lon, "feature": "city"},
                }
            )
    return entities


def generate(count: int, seed: int = 1) -> Iterator[dict]:
    """``count`` Article records (dicts), each different from all others."""
    from lagebild.article import Article, Paragraph

    rng = random.Random(seed)
    bases = base_articles()
    start = date(2023, 1, 1)
    for i in range(count):
        picked = rng.sample(bases, k=rng.choice((2, 3)))
        paragraphs = [p for base in picked for p in base["paragraphs"]]
        rng.shuffle(paragraphs)
        paragraphs = paragraphs[: rng.randint(3, 8)]
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        paragraphs.append(f"Das sagte {person} am Abend. Es ist Meldung {i}.")
        paragraphs = [NUMBER.sub(lambda _: str(rng.randint(10, 9999)), p) for p in paragraphs]
        article = Article(
            title=picked[0]["title"],
            lead=picked[0]["lead"],
            paragraphs=[Paragraph(text=p) for p in paragraphs],
            published=(start + timedelta(days=rng.randrange(730))).isoformat(),
            source=rng.choice(SOURCES),
            format="json",
        )
        article.assemble_text()
        record = article.to_dict()
        record["entities"] = _entities(article.text, person)
        yield record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as out:
        for record in generate(args.articles, args.seed):
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    print(f"wrote {args.articles} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
