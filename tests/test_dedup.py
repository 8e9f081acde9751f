"""Near-duplicates (MinHash LSH) and stories (TF-IDF + incremental clustering)."""

from __future__ import annotations

import importlib.util
import random
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

from lagebild.store import IngestOptions, connect, get_story, ingest, list_stories
from lagebild.store.dedup import from_blob, signature, to_blob

HERE = Path(__file__).resolve().parent
EVALUATION = HERE / "data" / "dedup" / "evaluate.py"


def _evaluation() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dedup_evaluation", EVALUATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    return _evaluation()


def test_signature_survives_the_store() -> None:
    text = "Die Gespräche über eine Waffenruhe sollen am Mittwoch in Genf fortgesetzt werden."
    minhash = signature(text)
    restored = from_blob(to_blob(minhash))
    assert restored.jaccard(minhash) == 1.0
    other = signature("Der Streik im Nahverkehr dauert bereits drei Tage an, sagte ein Sprecher.")
    assert other.jaccard(minhash) < 0.2


def test_scores_on_the_variation_set(evaluation: ModuleType, tmp_path: Path) -> None:
    items = evaluation.evaluation_set()
    scores = evaluation.run(items, tmp_path)
    duplicates, stories = scores["near_duplicates"], scores["stories"]
    # docs/quality.md reports these figures; fail if they regress
    assert duplicates["precision"] >= 0.95 and duplicates["recall"] >= 0.9
    assert stories["precision"] >= 0.8 and stories["recall"] >= 0.8


def test_duplicates_point_at_the_first_stored_original(
    evaluation: ModuleType, tmp_path: Path
) -> None:
    base = evaluation.base_articles()[0]
    rng = random.Random(1)
    copy = evaluation.agency_copy(base.article, rng)
    copy_of_copy = evaluation.trimmed(copy, rng)
    evaluation.write_inputs([base, evaluation.Item(copy, "", None)], tmp_path / "one")
    evaluation.write_inputs([evaluation.Item(copy_of_copy, "", None)], tmp_path / "two")
    db = tmp_path / "s.db"
    ingest([str(tmp_path / "one")], db, evaluation.LIGHT)
    ingest([str(tmp_path / "two")], db, evaluation.LIGHT)  # a later run: the index is reloaded
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT id, duplicate_of FROM articles"))
        stories = {r[0] for r in conn.execute("SELECT DISTINCT story_id FROM articles")}
    assert rows == {
        base.article.id: None,
        copy.id: base.article.id,
        copy_of_copy.id: base.article.id,
    }
    assert len(stories) == 1


def test_stories_are_incremental_and_respect_the_time_window(
    evaluation: ModuleType, tmp_path: Path
) -> None:
    bases = {item.group: item for item in evaluation.base_articles()}
    rng = random.Random(3)
    flood, talks = bases["e1a"].article, bases["e4a"].article
    flood_again = evaluation.edited(flood, rng)  # the same event, reworded, a day later
    flood_again.published = "2024-06-04"
    flood_late = evaluation.edited(flood, rng)  # the same words, three weeks later
    flood_late.published = "2024-06-24"
    talks_again = evaluation.trimmed(talks, rng)
    Item = evaluation.Item
    evaluation.write_inputs([bases["e1a"], bases["e4a"]], tmp_path / "first")
    evaluation.write_inputs(
        [Item(a, "", None) for a in (flood_again, flood_late, talks_again)], tmp_path / "later"
    )
    db = tmp_path / "s.db"
    options = IngestOptions(dedup=None)
    ingest([str(tmp_path / "first")], db, evaluation.LIGHT, options)
    conn = connect(db)
    before = dict(conn.execute("SELECT id, story_id FROM articles"))
    ingest([str(tmp_path / "later")], db, evaluation.LIGHT, options)
    after = dict(conn.execute("SELECT id, story_id FROM articles"))
    assert {k: after[k] for k in before} == before  # stored assignments never change
    assert after[flood_again.id] == after[flood.id] != after[talks.id]
    assert after[talks_again.id] == after[talks.id]
    assert after[flood_late.id] not in (after[flood.id], after[talks.id])  # outside the window
    listed = {s["id"]: s for s in list_stories(conn).items}
    assert listed[after[flood.id]]["article_count"] == 2
    assert listed[after[flood.id]]["first_published"] == "2024-06-03"
    assert listed[after[flood.id]]["last_published"] == "2024-06-04"
    detail = get_story(conn, after[flood.id])
    assert detail is not None
    assert [a["id"] for a in detail["articles"]] == [flood.id, flood_again.id]
