"""The `timexes` stage and the TimeML scorer (sentences written for these tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lagebild.analyze.pipeline import AnalyzeConfig, Pipeline, build_stage
from lagebild.analyze.timex_calendar import infer_year, parse_anchor, weekday_date
from lagebild.analyze.timexes import TimexStage, TimexTagger
from lagebild.article import Article
from lagebild.evaluate.timex import Counts, TimexAnnotation, read_timeml, write_timeml

FRIDAY = date(2016, 12, 16)
KRAUTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "krauts"


@pytest.fixture(scope="module")
def tagger() -> TimexTagger:
    return TimexTagger()


def values(tagger: TimexTagger, text: str, anchor: date | None = FRIDAY) -> dict[str, tuple]:
    found = tagger.tag(text, anchor)
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
    return {t.text: (t.type, t.value) for t in found}


def test_news_weekdays_resolve_against_publication_date(tagger: TimexTagger) -> None:
    text = (
        "Die Ministerin hatte am Donnerstag scharfe Kritik geübt. Der Ausschuss tagt an diesem "
        "Freitag erneut. Seit Monaten ruhen die Gespräche."
    )
    found = values(tagger, text)
    assert found["Donnerstag"] == ("DATE", "2016-12-15")
    assert found["Freitag"] == ("DATE", "2016-12-16")
    assert found["Monaten"] == ("DURATION", "PXM")


def test_future_sentence_moves_weekday_forward(tagger: TimexTagger) -> None:
    found = values(tagger, "Die Delegationen werden am Dienstag in Wien erwartet.")
    assert found["Dienstag"] == ("DATE", "2016-12-20")
    found = values(tagger, "Am vergangenen Montag wurde abgestimmt.")
    assert found["vergangenen Montag"] == ("DATE", "2016-12-12")


def test_explicit_dates_in_german_notations(tagger: TimexTagger) -> None:
    text = (
        "Der Vertrag wurde am 3. März 2015 unterzeichnet und gilt bis 31.12.2018. "
        "Die Frist endete am 16.12. um Mitternacht, der Antrag kam im Jänner 1990."
    )
    found = values(tagger, text)
    assert found["3. März 2015"] == ("DATE", "2015-03-03")
    assert found["31.12.2018"] == ("DATE", "2018-12-31")
    assert found["16.12."] == ("DATE", "2016-12-16")
    assert found["Jänner 1990"] == ("DATE", "1990-01")


def test_day_lists_and_year_ranges(tagger: TimexTagger) -> None:
    found = values(tagger, "Gespielt wird am 3., 4. und 5. Oktober, wie schon 1998-2001.")
    assert found["3"] == ("DATE", "2016-10-03")
    assert found["4"] == ("DATE", "2016-10-04")
    assert found["5. Oktober"] == ("DATE", "2016-10-05")
    assert found["1998"] == ("DATE", "1998")
    assert found["2001"] == ("DATE", "2001")


def test_times_take_the_day_named_in_their_sentence(tagger: TimexTagger) -> None:
    found = values(tagger, "Am Montagabend um 20.30 Uhr trafen sich die Vertreter erneut.")
    assert found["Montagabend"] == ("TIME", "2016-12-12TEV")
    assert found["20.30 Uhr"] == ("TIME", "2016-12-12T20:30")
    found = values(tagger, "Die Sitzung am 3. März beginnt um 9.30 Uhr.")
    assert found["9.30 Uhr"] == ("TIME", "2017-03-03T09:30")
    found = values(tagger, "Geöffnet ist von 14 bis 18 Uhr.")
    assert found["14"] == ("TIME", "2016-12-16T14:00")
    assert found["18 Uhr"] == ("TIME", "2016-12-16T18:00")


def test_relative_days_weeks_years(tagger: TimexTagger) -> None:
    text = (
        "Gestern Abend kam es zu Protesten. Vergangene Woche hatte die Polizei gewarnt. "
        "Im vergangenen Jahr gab es weniger Fälle, heuer deutlich mehr."
    )
    found = values(tagger, text)
    assert found["Gestern Abend"] == ("TIME", "2016-12-15TEV")
    assert found["Vergangene Woche"] == ("DATE", "2016-W49")
    assert found["vergangenen Jahr"] == ("DATE", "2015")
    assert found["heuer"] == ("DATE", "2016")


def test_seasons_decades_centuries_quarters(tagger: TimexTagger) -> None:
    text = (
        "Im Frühjahr 2015 begann der Bau. In den neunziger Jahren wuchs die Stadt, im "
        "19. Jahrhundert war sie ein Dorf. Im dritten Quartal 2014 sank der Umsatz."
    )
    found = values(tagger, text)
    assert found["Frühjahr 2015"] == ("DATE", "2015-SP")
    assert found["den neunziger Jahren"] == ("DATE", "199")
    assert found["19. Jahrhundert"] == ("DATE", "18")
    assert found["dritten Quartal 2014"] == ("DATE", "2014-Q3")


def test_durations_and_sets(tagger: TimexTagger) -> None:
    text = (
        "Die Sitzung dauerte drei Stunden, die Reise rund 14 Tage. Seit zwei Jahren wird "
        "jeden Montag demonstriert; die Zeitung erscheint täglich, der Bericht jährlich."
    )
    found = values(tagger, text)
    assert found["drei Stunden"] == ("DURATION", "PT3H")
    assert found["rund 14 Tage"] == ("DURATION", "P14D")
    assert found["zwei Jahren"] == ("DURATION", "P2Y")
    assert found["jeden Montag"] == ("SET", "XXXX-WXX-1")
    assert found["täglich"] == ("SET", "P1D")
    assert found["jährlich"] == ("SET", "P1Y")


def test_essay_style_expressions(tagger: TimexTagger) -> None:
    text = (
        "Ende der achtziger Jahre zog sie nach Hamburg. Alle vier Jahre wird gewählt, Jahr für "
        "Jahr steigen die Mieten. Er arbeitete den ganzen Tag, bis heute ist das so. Vor einem "
        "halben Jahrhundert, zu Christi Himmelfahrt 1966, begann es."
    )
    found = values(tagger, text, anchor=date(1999, 3, 4))
    assert found["Ende der achtziger Jahre"] == ("DATE", "198")
    assert found["Alle vier Jahre"] == ("SET", "P4Y")
    assert found["Jahr für Jahr"] == ("SET", "P1Y")
    assert found["den ganzen Tag"] == ("DURATION", "P1D")
    assert found["heute"] == ("DATE", "PRESENT_REF")
    assert found["einem halben Jahrhundert"] == ("DURATION", "P50Y")
    assert found["Christi Himmelfahrt 1966"] == ("DATE", "1966-05-19")


def test_extreme_anchor_does_not_raise(tagger: TimexTagger) -> None:
    found = tagger.tag("Am Montag und vorgestern war es kalt.", date(1, 1, 1))
    assert all(t.value for t in found)


def test_numbers_that_are_not_timexes(tagger: TimexTagger) -> None:
    found = values(tagger, "Rund 2000 Menschen kamen, der Mann ist 45 Jahre alt, Artikel 1998.")
    assert "2000" not in found
    assert "45 Jahre" not in found
    assert "1998" not in found


def test_without_anchor_values_stay_underspecified(tagger: TimexTagger) -> None:
    found = values(tagger, "Am Donnerstag kam der Bescheid, im März die Antwort.", anchor=None)
    assert found["Donnerstag"] == ("DATE", "XXXX-WXX-4")
    assert found["März"] == ("DATE", "XXXX-03")


def test_stage_falls_back_to_latest_date_in_text() -> None:
    article = Article(text="Bericht vom 12. Mai 2016. Am Dienstag hatte der Rat getagt.")
    article = TimexStage(AnalyzeConfig())(article)
    assert article.published == "2016-05-12"
    assert article.published_source == "text"
    by_text = {t.text: t.value for t in article.timexes}
    assert by_text["Dienstag"] == "2016-05-10"


def test_stage_keeps_given_publication_date() -> None:
    article = Article(text="Am Donnerstag fiel die Entscheidung.", published="2016-12-16T09:30:00")
    article = TimexStage(AnalyzeConfig())(article)
    assert article.published_source is None
    assert [(t.text, t.value) for t in article.timexes] == [("Donnerstag", "2016-12-15")]


def test_stage_reads_german_publication_date() -> None:
    article = Article(text="Am Donnerstag fiel die Entscheidung.", published="16.12.2016")
    article = TimexStage(AnalyzeConfig())(article)
    assert [(t.text, t.value) for t in article.timexes] == [("Donnerstag", "2016-12-15")]


def test_stage_is_registered_and_runs_in_pipeline() -> None:
    stage = build_stage("timexes", AnalyzeConfig())
    assert stage.name == "timexes"
    pipeline = Pipeline(AnalyzeConfig(stages=("timexes",), published="2016-12-16"))
    article = pipeline(Article(text="Seit Donnerstag fahren Busse."))
    assert article.published_source == "cli"
    assert [t.value for t in article.timexes] == ["2016-12-15"]
    assert article.layers == ["timexes"]


def test_calendar_helpers() -> None:
    assert parse_anchor("2016-12-16T10:00:00+01:00") == FRIDAY
    assert parse_anchor("gestern") is None
    assert weekday_date(FRIDAY, 5, 0, "past") == FRIDAY
    assert weekday_date(FRIDAY, 5, -1, "none") == date(2016, 12, 9)
    assert weekday_date(FRIDAY, 1, 0, "future") == date(2016, 12, 19)
    assert infer_year(date(2016, 1, 10), 12, "none") == 2015
    assert infer_year(date(2016, 11, 30), 12, "past") == 2016


TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>t1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2016-12-16">2016-12-16</TIMEX3></DCT>
<TEXT>
Am <TIMEX3 tid="t1" type="DATE" value="2016-12-15">Donnerstag</TIMEX3> kamen Gäste &amp; \
Freunde, <TIMEX3 tid="t2" type="DURATION" value="P3D">drei Tage</TIMEX3> lang.
</TEXT>
</TimeML>
"""


def test_timeml_round_trip_and_scores(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct == "2016-12-16"
    assert "Gäste & Freunde" in doc.text
    assert [doc.text[t.start : t.end] for t in doc.timexes] == ["Donnerstag", "drei Tage"]

    counts = Counts()
    system = [
        TimexAnnotation(doc.timexes[0].start, doc.timexes[0].end, "DATE", "2016-12-15"),
        # overlaps gold "drei Tage" but is longer, with a wrong value
        TimexAnnotation(doc.timexes[1].start, doc.timexes[1].end + 5, "DURATION", "P4D"),
    ]
    counts.add(doc, system)
    scores = counts.scores()
    assert scores["strict"] == (0.5, 0.5, 0.5)
    assert scores["relaxed"] == (1.0, 1.0, 1.0)
    assert scores["type"] == (1.0, 1.0, 1.0)
    assert scores["value"] == (0.5, 0.5, 0.5)

    out = tmp_path / "out.tml"
    write_timeml(doc, system, out)
    again = read_timeml(out)
    assert again.text == doc.text
    assert [(t.start, t.end, t.value) for t in again.timexes] == [
        (s.start, s.end, s.value) for s in system
    ]


def test_eval_command_prints_measures_and_writes_predictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    from lagebild.evaluate import timex

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "doc.tml").write_text(TIMEML, encoding="utf-8")
    parser = argparse.ArgumentParser()
    timex.add_arguments(parser)
    args = parser.parse_args(["--gold", str(gold), "--predictions", str(tmp_path / "out")])
    assert timex.run(args) == 0
    printed = capsys.readouterr().out
    assert "strict" in printed and "relaxed" in printed and "value" in printed
    predicted = read_timeml(tmp_path / "out" / "doc.tml")
    by_text = {predicted.text[t.start : t.end]: t.value for t in predicted.timexes}
    assert by_text == {"Donnerstag": "2016-12-15", "drei Tage": "P3D"}


@pytest.mark.skipif(not KRAUTS.is_dir(), reason="KRAUTS data (../shared) not available")
def test_krauts_dolomiten_42_smoke() -> None:
    from lagebild.evaluate.timex import evaluate

    counts = evaluate(KRAUTS / "KRAUTS_Dolomiten-42")
    strict = counts.scores()["strict"][2]
    assert counts.gold == 186
    assert strict > 0.75


def test_trigger_windows_find_what_a_full_scan_finds() -> None:
    from lagebild.analyze.timex_rules import RuleSet

    class FullScan(RuleSet):
        def _windows(self, lower: str) -> dict[int, list[tuple[int, int]]]:
            return {index: [(0, len(lower))] for index in range(len(self.rules))}

    texts = [
        path.read_text(encoding="utf-8")
        for path in sorted((Path(__file__).parent / "data" / "amounts_articles").glob("*.txt"))
    ]
    texts.append(
        "Anfang des 20. Jahrhunderts, am Donnerstag, 18. Dezember 2014 um 20.30 Uhr, seit den "
        "vergangenen fünf ehrenamtlichen Jahren, alle paar Jahre, Ende der achtziger Jahre, "
        "am 3., 4. und 5. Oktober 1998-2001, von 14 bis 18 Uhr, zu Christi Himmelfahrt."
    )
    windowed, full = TimexTagger(RuleSet()), TimexTagger(FullScan())
    for text in texts:
        expected = [(t.start, t.end, t.type, t.value) for t in full.tag(text, FRIDAY)]
        assert [(t.start, t.end, t.type, t.value) for t in windowed.tag(text, FRIDAY)] == expected
