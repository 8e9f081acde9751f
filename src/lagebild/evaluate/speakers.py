"""`lagebild eval speakers`: who said what, end to end, on articles we wrote and annotated.

The SpkAtt release (`lagebild eval quotes`) scores token spans on given tokens and knows no
entities. This evaluation runs the real pipeline on article files (reader, sentences, NER,
entities, quotes) and asks what a user asks: is the quotation found, and is it given to the
right person or organisation (``speaker.entity_id``), also when the text names the speaker by
a pronoun (`sagte er`) or a description (`so die Ministerin`)?

The gold file is JSON Lines, one article per line::

    {"file": "tests/data/speaker_articles/01_landtag.txt", "quotes": [
      {"message": "Das ist ein Haushalt der verpassten Chancen", "form": "Direct",
       "speaker": "Grünen-Fraktionschefin Meral Aksoy", "entity": "Meral Aksoy"}, ...]}

(an optional ``set`` names the batch the article was written in). ``file`` is relative to the
repository root (the folder holding ``tests/``) or absolute.
``message`` is a stretch of the quotation that occurs once in the article's text (as the reader
gives it); ``speaker`` is the mention the attribution uses (or null), ``entity`` the full name
of whom it refers to (null for unnamed speakers such as `ein Augenzeuge`).

Scores:

- quotations: gold and predicted top-level quotations are paired one to one by character
  overlap (the assignment of the SpkAtt scorer); precision, recall and F1 count pairs;
- form: share of pairs with the gold form;
- speaker mention: share of pairs whose predicted speaker text is the gold mention
  (case, spaces and edge punctuation ignored), among gold quotations with a speaker;
- attribution: a predicted link is right when its entity's canonical name and the gold name
  share their words one way or the other (`Aksoy` ~ `Meral Aksoy`). Precision = right links /
  predicted quotations with a link, recall = right links / gold quotations with an entity;
  also for direct quotations alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagebild.article import Article, Quote
from lagebild.evaluate.metrics import Counts, repository_root, run_on_gold
from lagebild.evaluate.quotes import Group, pair_messages

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "speakers_gold.jsonl"
# the stages the quotations depend on (places may retype entities the speakers link to)
STAGES = ("language", "sentences", "ner", "entities", "places", "quotes")
CASE_ENDINGS = frozenset({"", "e", "s", "es", "n", "en", "er", "em", "ern"})
_EDGE = ' \t\n,.;:!?()[]„“”"«»‚‘’'


@dataclass
class GoldQuote:
    start: int
    end: int
    form: str
    speaker: str | None
    entity: str | None


@dataclass
class GoldArticle:
    path: Path
    quotes: list[GoldQuote]
    stale: list[str] = field(default_factory=list)  # messages not (or not once) in the text


@dataclass
class SpeakerCounts:
    quotations: Counts = field(default_factory=Counts)
    form_right: int = 0
    with_speaker: int = 0
    speaker_right: int = 0
    links: Counts = field(default_factory=Counts)
    direct_links: Counts = field(default_factory=Counts)
    by_mention: Counter[tuple[str, bool]] = field(default_factory=Counter)
    stale: int = 0
    errors: list[str] = field(default_factory=list)


def load_gold(gold_path: Path, texts: dict[Path, str]) -> list[GoldArticle]:
    """The gold articles, each message located in ``texts[path]`` (the reader's text)."""
    return locate(_records(gold_path), texts)


def locate(records: list[tuple[Path, dict[str, Any]]], texts: dict[Path, str]) -> list[GoldArticle]:
    """``load_gold`` of records already read."""
    articles = []
    for path, record in records:
        text = texts.get(path, "")
        article = GoldArticle(path, [])
        for quote in record["quotes"]:
            message = quote["message"]
            start = text.find(message)
            if start < 0 or text.find(message, start + 1) >= 0:
                article.stale.append(message)
                continue
            article.quotes.append(
                GoldQuote(
                    start, start + len(message), quote["form"], quote["speaker"], quote["entity"]
                )
            )
        articles.append(article)
    return articles


def _records(gold_path: Path) -> list[tuple[Path, dict[str, Any]]]:
    root = repository_root(gold_path)
    out = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            path = Path(record["file"])
            out.append((path if path.is_absolute() else root / path, record))
    return out


def same_name(predicted: str, gold: str) -> bool:
    """Whether an entity's canonical name and a gold name are the same one: the words of one
    are all words of the other (`Aksoy` ~ `Meral Aksoy`), compared without case and
    inflection (`Auswärtigen Amts` ~ `Auswärtiges Amt`: the link is right even where the
    entity's name keeps the case it was found in)."""
    a, b = _words(predicted), _words(gold)
    if not a or not b:
        return False
    return all(any(_same_word(x, y) for y in b) for x in a) or all(
        any(_same_word(x, y) for y in a) for x in b
    )


def _same_word(a: str, b: str) -> bool:
    """Equal, or one stem of at least three letters with case endings (`amts`, `amt`;
    `auswärtigen`, `auswärtiges`; not `jana`, `jan`)."""
    if a == b:
        return True
    stem = len(os.path.commonprefix([a, b]))
    return stem >= 3 and a[stem:] in CASE_ENDINGS and b[stem:] in CASE_ENDINGS


def _words(text: str) -> list[str]:
    return re.findall(r"\w[\w'’-]*", text.casefold())


def _mention_kind(mention: str | None) -> str:
    """How the gold speaker is named: pronoun, description (opens with an article or
    demonstrative), or name."""
    if not mention:
        return "none"
    words = _words(mention)
    if len(words) == 1 and words[0] in {"er", "sie", "ihm", "ihr", "man", "dieser", "diese"}:
        return "pronoun"
    if words and words[0] in {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer"}:
        return "description"
    return "name"


def _normal(text: str | None) -> str:
    return " ".join((text or "").strip(_EDGE).casefold().split())


def score_article(article: Article, gold: GoldArticle, counts: SpeakerCounts, label: str) -> None:
    """Adds one article's pairs, links and errors to ``counts``."""
    system = [q for q in article.quotes if not q.nested]
    names = {e.id: e.name for e in article.entities}
    pairs = pair_messages(
        [_group(q.start, q.end) for q in system], [_group(g.start, g.end) for g in gold.quotes]
    )
    partner = {gi: si for si, gi in pairs}
    counts.quotations.tp += len(pairs)
    counts.quotations.fp += len(system) - len(pairs)
    counts.quotations.fn += len(gold.quotes) - len(pairs)
    for gi, g in enumerate(gold.quotes):
        quote = system[partner[gi]] if gi in partner else None
        linked = _linked(quote, names)
        right = bool(linked and g.entity and same_name(linked, g.entity))
        _count_link(counts.links, linked, g.entity, right)
        if g.form == "Direct":
            _count_link(counts.direct_links, linked, g.entity, right)
        if g.entity:
            counts.by_mention[(_mention_kind(g.speaker), right)] += 1
        excerpt = article.text[g.start : g.end][:50]
        if quote is None:
            counts.errors.append(f"{label}\tMISSED\t{g.form}\t{excerpt!r}\t{g.entity}")
            continue
        counts.form_right += quote.form == g.form
        said = quote.speaker.text if quote.speaker else None
        if g.speaker:
            counts.with_speaker += 1
            counts.speaker_right += _normal(said) == _normal(g.speaker)
        if not right and (linked or g.entity):
            counts.errors.append(
                f"{label}\tLINK\t{g.form}\t{excerpt!r}\tgold {g.speaker!r} = {g.entity}\t"
                f"system {said!r} = {linked}"
            )
    paired = set(partner.values())
    for si, quote in enumerate(system):
        if si not in paired:
            linked = _linked(quote, names)
            counts.links.fp += linked is not None
            counts.direct_links.fp += linked is not None and quote.form == "Direct"
            counts.errors.append(f"{label}\tEXTRA\t{quote.form}\t{quote.text[:50]!r}\t{linked}")


def _linked(quote: Quote | None, names: dict[str, str]) -> str | None:
    """The name of the entity the quotation's speaker is linked to, if any."""
    if quote is None or quote.speaker is None or quote.speaker.entity_id is None:
        return None
    return names.get(quote.speaker.entity_id)


def _group(start: int, end: int) -> Group:
    return Group(parts={"quote": frozenset(range(start, end))})


def _count_link(tally: Counts, linked: str | None, gold: str | None, right: bool) -> None:
    if right:
        tally.tp += 1
        return
    tally.fp += linked is not None
    tally.fn += gold is not None


def evaluate(gold_path: Path) -> SpeakerCounts:
    from lagebild.analyze.pipeline import AnalyzeConfig, Pipeline
    from lagebild.read import read_file

    pipeline = Pipeline(AnalyzeConfig(stages=STAGES))
    articles: dict[Path, Article] = {}
    counts = SpeakerCounts()
    records = _records(gold_path)
    for path, _ in records:
        for item in read_file(str(path)):
            if isinstance(item, Article):
                articles[path] = pipeline(item)
            else:
                counts.errors.append(f"{path.name}\tUNREADABLE\t{item}")
    texts = {path: article.text for path, article in articles.items()}
    for gold in locate(records, texts):
        counts.stale += len(gold.stale)
        for message in gold.stale:
            counts.errors.append(f"{gold.path.name}\tSTALE\t{message[:50]!r}")
        if gold.path in articles:
            score_article(articles[gold.path], gold, counts, gold.path.name)
    return counts


def format_report(counts: SpeakerCounts, label: str) -> str:
    q = counts.quotations
    pairs = q.tp or 1
    lines = [
        f"{label}: {q.tp + q.fn} gold, {q.tp + q.fp} system quotations, {q.tp} paired",
        f"quotations      P {q.precision:.3f}  R {q.recall:.3f}  F1 {q.f1:.3f}",
        f"form            {counts.form_right / pairs:.3f} of pairs",
        f"speaker mention {counts.speaker_right / (counts.with_speaker or 1):.3f} of "
        f"{counts.with_speaker} pairs with a gold speaker (exact text)",
    ]
    for name, tally in (("attribution", counts.links), ("  direct only", counts.direct_links)):
        lines.append(
            f"{name:<15} P {tally.precision:.3f}  R {tally.recall:.3f}  F1 {tally.f1:.3f}"
            f"  ({tally.tp} right links)"
        )
    for kind in ("name", "description", "pronoun", "none"):
        right, wrong = counts.by_mention[(kind, True)], counts.by_mention[(kind, False)]
        if right + wrong:
            lines.append(f"  gold speaker a {kind:<11} {right}/{right + wrong} attributed")
    if counts.stale:
        lines.insert(0, f"warning: {counts.stale} gold messages not found once in their text")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gold", type=Path, default=DEFAULT_GOLD, help=f"gold JSONL (default {DEFAULT_GOLD})"
    )
    parser.add_argument(
        "--errors", action="store_true", help="list missed, extra and misattributed quotations"
    )


def run(args: argparse.Namespace) -> int:
    return run_on_gold(args.gold, evaluate, format_report, args.errors)
