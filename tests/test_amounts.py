"""The `amounts` stage, German number parsing and the amounts scorer (texts written for tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.analyze.amount_numbers import parse_digits, parse_number, parse_number_word
from lagebild.analyze.amounts import AmountStage, AmountTagger
from lagebild.analyze.pipeline import AnalyzeConfig, Pipeline, build_stage
from lagebild.article import Article
from lagebild.evaluate.amounts import evaluate

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "amounts_gold.jsonl"


@pytest.fixture(scope="module")
def stage() -> AmountStage:
    return AmountStage(AnalyzeConfig())


def amounts(stage: AmountStage, text: str) -> dict[str, tuple]:
    article = stage(Article(text=text, published="2016-12-16"))
    for amount in article.amounts:
        assert text[amount.start : amount.end] == amount.text
    return {a.text: (a.value, a.object, a.unit, a.approximate) for a in article.amounts}


def test_people_counted_with_approximation(stage: AmountStage) -> None:
    text = (
        "Helfern zufolge wurden Tausende Zivilisten und Rebellen in Lager im Norden gebracht. "
        "In der Altstadt harren etwa 50.000 Menschen aus, mehr als 300 Tote wurden gezählt."
    )
    found = amounts(stage, text)
    assert found["Tausende Zivilisten und Rebellen"] == (
        1000,
        "Zivilisten und Rebellen",
        None,
        True,
    )
    assert found["etwa 50.000 Menschen"] == (50000, "Menschen", None, True)
    assert found["mehr als 300 Tote"] == (300, "Tote", None, True)


def test_scales_currencies_and_units(stage: AmountStage) -> None:
    text = (
        "Die EU gibt 1,5 Millionen Euro, die USA 3 Mrd. Dollar. Der Pegel stieg auf 6,8 Meter, "
        "rund 40 Prozent der Felder und 8000 Hektar Wald stehen unter Wasser. Geliefert wurden "
        "12 Tonnen Mehl und 2 500 Decken."
    )
    found = amounts(stage, text)
    assert found["1,5 Millionen Euro"] == (1_500_000, None, "EUR", False)
    assert found["3 Mrd. Dollar"] == (3_000_000_000, None, "USD", False)
    assert found["6,8 Meter"] == (6.8, None, "m", False)
    assert found["rund 40 Prozent"] == (40, None, "%", True)
    assert found["8000 Hektar Wald"] == (8000, "Wald", "ha", False)
    assert found["12 Tonnen Mehl"] == (12, "Mehl", "t", False)
    assert found["2 500 Decken"] == (2500, "Decken", None, False)
    found = amounts(stage, "Gezählt wurden 50\u00a0000 Menschen und 007 Agenten.")
    assert found == {"50\u00a0000 Menschen": (50000, "Menschen", None, False)}


def test_ranges_speeds_and_old_currencies(stage: AmountStage) -> None:
    text = (
        "Zur Kundgebung kamen zwischen 600 und 800 Beschäftigte. Erlaubt sind 120 Kilometer pro "
        "Stunde und 0,5 Promille. Das Haus kostete 1995 noch 450.000 Mark."
    )
    found = amounts(stage, text)
    assert found["600"] == (600, "Beschäftigte", None, False)
    assert found["800 Beschäftigte"] == (800, "Beschäftigte", None, False)
    assert found["120 Kilometer pro Stunde"] == (120, None, "km/h", False)
    assert found["0,5 Promille"] == (0.5, None, "‰", False)
    assert found["450.000 Mark"] == (450_000, None, "DEM", False)


def test_number_words(stage: AmountStage) -> None:
    text = "Zwei Ärzte und dreiundzwanzig Helfer betreuen Hunderttausende Vertriebene."
    found = amounts(stage, text)
    assert found["Zwei Ärzte"] == (2, "Ärzte", None, False)
    assert found["dreiundzwanzig Helfer"] == (23, "Helfer", None, False)
    assert found["Hunderttausende Vertriebene"] == (100_000, "Vertriebene", None, True)
    found = amounts(stage, "Eine Million Menschen und mehr als ein Dutzend Helfer. Ein Arzt kam.")
    assert found == {
        "Eine Million Menschen": (1_000_000, "Menschen", None, False),
        "mehr als ein Dutzend Helfer": (12, "Helfer", None, True),
    }


def test_dates_times_ordinals_ids_are_not_amounts(stage: AmountStage) -> None:
    text = (
        "Am 16.12.2016 um 20.30 Uhr tagte der Rat zum 3. Mal nach Resolution 2254. "
        "Der Konvoi fuhr über die Bundesstraße 96 nach Bozen (PLZ 39100), seit 2015 schon "
        "zum vierten Mal. Ein Helfer ist 45 Jahre alt, die Reise dauerte drei Tage."
    )
    assert amounts(stage, text) == {}


def test_sentence_final_number_is_an_amount(stage: AmountStage) -> None:
    found = amounts(stage, "Im Vorjahr waren es 300. Die Polizei zählte 84.")
    assert found == {"300": (300, None, None, False), "84": (84, None, None, False)}


def test_tagger_skips_blocked_spans() -> None:
    text = "Es kamen 2000 Menschen."
    start = text.index("2000")
    assert AmountTagger().tag(text, [(start, start + 4)]) == []
    assert [a.value for a in AmountTagger().tag(text)] == [2000]


def test_stage_uses_timex_layer_when_present() -> None:
    pipeline = Pipeline(AnalyzeConfig(stages=("timexes", "amounts"), published="2016-12-16"))
    article = pipeline(Article(text="Im Jahr 2015 kamen 1200 Menschen in die Stadt."))
    assert [t.value for t in article.timexes] == ["2015"]
    assert [(a.text, a.value) for a in article.amounts] == [("1200 Menschen", 1200)]
    assert build_stage("amounts", AnalyzeConfig()).name == "amounts"


def test_german_number_parsing() -> None:
    assert parse_digits("50.000") == 50000
    assert parse_digits("1,5") == 1.5
    assert parse_digits("2.500,75") == 2500.75
    assert parse_digits("12a") is None
    assert parse_number_word("dreiundzwanzig") == 23
    assert parse_number_word("zweihundertfünfzig") == 250
    assert parse_number_word("dreitausendvierhundert") == 3400
    assert parse_number_word("eineinhalb") == 1.5
    assert parse_number_word("Tausende".lower()) == 1000
    assert parse_number_word("undzwanzig") is None
    assert parse_number("zwölf") == 12


def test_gold_file_is_consistent() -> None:
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        path = REPO / record["file"]
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for amount in record["amounts"]:
            # offsets point at the text (examples/ may be re-edited: then the text must remain)
            exact = text[amount["start"] : amount["end"]] == amount["text"]
            assert exact or amount["text"] in text


def test_amounts_meet_target_on_test_set(tmp_path: Path) -> None:
    # our own articles only: examples/ may still be re-edited by its authors
    own = [
        line.replace('"file": "tests/', f'"file": "{REPO}/tests/')
        for line in GOLD.read_text(encoding="utf-8").splitlines()
        if '"file": "tests/data/amounts_articles/' in line
    ]
    subset = tmp_path / "gold.jsonl"
    subset.write_text("\n".join(own), encoding="utf-8")
    counts = evaluate(subset)
    assert counts.gold >= 100
    assert counts.stale == 0
    assert counts.precision >= 0.9
    assert counts.recall >= 0.9


def test_windowed_matching_equals_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.analyze import amounts as module

    texts = [
        path.read_text(encoding="utf-8")
        for path in sorted((REPO / "tests" / "data" / "amounts_articles").glob("*.txt"))
    ]
    tagger = AmountTagger()
    windowed = [[(a.start, a.end, a.value) for a in tagger.tag(text)] for text in texts]
    monkeypatch.setattr(module, "_matches", lambda text: list(module._AMOUNT.finditer(text)))
    full = [[(a.start, a.end, a.value) for a in tagger.tag(text)] for text in texts]
    assert windowed == full
