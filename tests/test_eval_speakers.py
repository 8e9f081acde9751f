"""`lagebild eval speakers`: the scorer on hand-made layers, and the whole pipeline on the
articles we wrote and annotated for it (tests/data/speaker_articles, speakers_gold.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.article import Article, Entity, Quote, Speaker, entity_id
from lagebild.evaluate.speakers import (
    GoldArticle,
    GoldQuote,
    SpeakerCounts,
    evaluate,
    format_report,
    load_gold,
    same_name,
    score_article,
)

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "speakers_gold.jsonl"

TEXT = (
    "Die Ministerin Jana Pohl sagte, der Plan sei gescheitert. "
    "„Wir fangen neu an“, so Pohl. Ihr Kollege Ole Brandt widersprach."
)


def _person(name: str) -> Entity:
    return Entity(id=entity_id("PER", name), type="PER", name=name)


def _quote(text: str, part: str, form: str, speaker: str | None, entity: Entity | None) -> Quote:
    start = text.index(part)
    said = None
    if speaker is not None:
        at = text.index(speaker)
        said = Speaker(
            text=speaker, start=at, end=at + len(speaker), entity_id=entity.id if entity else None
        )
    return Quote(text=part, start=start, end=start + len(part), form=form, speaker=said)


def _gold(text: str, part: str, form: str, speaker: str | None, entity: str | None) -> GoldQuote:
    start = text.index(part)
    return GoldQuote(start, start + len(part), form, speaker, entity)


def test_same_name_compares_the_words_of_either_name() -> None:
    assert same_name("Jana Pohl", "Pohl")
    assert same_name("Pohl", "Jana Pohl")
    assert same_name("Deutscher Wetterdienst", "deutscher wetterdienst")
    assert not same_name("Ole Brandt", "Jana Pohl")
    assert not same_name("Jana Pohl", "Jana Brandt")
    assert not same_name("", "Pohl")
    assert same_name("Auswärtigen Amts", "Auswärtiges Amt")
    assert same_name("Finanzministeriums", "Finanzministerium")
    assert not same_name("Jan", "Jana Pohl")
    assert not same_name("Innenministerium", "Finanzministerium")


def test_score_article_counts_pairs_links_and_errors() -> None:
    pohl, brandt = _person("Jana Pohl"), _person("Ole Brandt")
    article = Article(
        text=TEXT,
        entities=[pohl, brandt],
        quotes=[
            # right quotation, right person through a description
            _quote(TEXT, "der Plan sei gescheitert", "Indirect", "Die Ministerin Jana Pohl", pohl),
            # right quotation, wrong person
            _quote(TEXT, "„Wir fangen neu an“", "Direct", "Pohl", brandt),
            # no such quotation in the gold
            _quote(TEXT, "Ihr Kollege Ole Brandt widersprach.", "Reported", "Ole Brandt", brandt),
        ],
    )
    gold = GoldArticle(
        Path("a.txt"),
        [
            _gold(
                TEXT,
                "der Plan sei gescheitert",
                "Indirect",
                "Die Ministerin Jana Pohl",
                "Jana Pohl",
            ),
            _gold(TEXT, "Wir fangen neu an", "Direct", "Pohl", "Jana Pohl"),
        ],
    )
    counts = SpeakerCounts()
    score_article(article, gold, counts, "a.txt")
    assert (counts.quotations.tp, counts.quotations.fp, counts.quotations.fn) == (2, 1, 0)
    assert counts.form_right == 2
    assert (counts.with_speaker, counts.speaker_right) == (2, 2)
    # one right link; a wrong one (false positive and miss); the extra quotation's link
    assert (counts.links.tp, counts.links.fp, counts.links.fn) == (1, 2, 1)
    assert (counts.direct_links.tp, counts.direct_links.fp, counts.direct_links.fn) == (0, 1, 1)
    assert counts.by_mention[("description", True)] == 1
    assert counts.by_mention[("name", False)] == 1
    kinds = sorted(line.split("\t")[1] for line in counts.errors)
    assert kinds == ["EXTRA", "LINK"]
    report = format_report(counts, "test")
    assert "2 gold, 3 system quotations, 2 paired" in report


def test_a_missed_quotation_is_a_missed_link() -> None:
    gold = GoldArticle(
        Path("a.txt"), [_gold(TEXT, "Wir fangen neu an", "Direct", "Pohl", "Jana Pohl")]
    )
    counts = SpeakerCounts()
    score_article(Article(text=TEXT), gold, counts, "a.txt")
    assert (counts.quotations.fn, counts.links.fn, counts.direct_links.fn) == (1, 1, 1)
    assert counts.errors[0].split("\t")[1] == "MISSED"


def test_gold_messages_must_occur_once(tmp_path: Path) -> None:
    text = "Er sagte, es sei gut. Sie sagte, es sei gut. „Danke“, sagte Pohl."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    record = {
        "file": str(path),
        "quotes": [
            {"message": "es sei gut", "form": "Indirect", "speaker": "Er", "entity": None},
            {"message": "Danke", "form": "Direct", "speaker": "Pohl", "entity": "Jana Pohl"},
            {"message": "nicht im Text", "form": "Direct", "speaker": None, "entity": None},
        ],
    }
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = load_gold(gold_path, {path: text})
    assert [text[q.start : q.end] for q in article.quotes] == ["Danke"]
    assert article.stale == ["es sei gut", "nicht im Text"]


@pytest.fixture(scope="module")
def counts() -> SpeakerCounts:
    return evaluate(GOLD)


def test_every_gold_quotation_is_in_its_article(counts: SpeakerCounts) -> None:
    assert counts.stale == 0
    assert not [e for e in counts.errors if "\tUNREADABLE\t" in e]
    assert counts.quotations.tp + counts.quotations.fn >= 980


def test_quotations_are_found_and_attributed(counts: SpeakerCounts) -> None:
    # measured on sets a-h (989 quotations, session 27): recall 0.923, attribution P 0.954,
    # F1 0.876, direct quotations 0.924 (sets a-f in session 26: recall 0.866, P 0.932, F1
    # 0.798, direct 0.897); the floors keep a margin of about 0.03
    assert counts.quotations.recall >= 0.89
    assert counts.links.precision >= 0.93
    assert counts.links.f1 >= 0.84
    assert counts.direct_links.f1 >= 0.90
