"""Stories: articles about the same event within a time window (TF-IDF + incremental clustering).

Articles that have no story yet are taken in publication order. Each is compared (cosine of
TF-IDF vectors over stemmed words, scikit-learn) with the centroid of every story that was
active within ``window_days`` of its publication date; it joins the most similar story if the
similarity reaches ``threshold``, else it starts a new one. Stories already formed are kept:
a run only adds articles, so story ids are stable. The IDF weights are fitted on the articles of
the period being clustered (the new ones and the stored ones within the window). A
near-duplicate always joins the story of its original.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from lagebild.store.db import transaction
from lagebild.store.text import stem_words, words

DEFAULT_THRESHOLD = 0.15
DEFAULT_WINDOW_DAYS = 3
MAX_CONTEXT = 20_000  # stored articles used as context at most (the most recent ones)


@dataclass(frozen=True)
class StoryConfig:
    threshold: float = DEFAULT_THRESHOLD
    window_days: int = DEFAULT_WINDOW_DAYS


@lru_cache(maxsize=1)
def _stop_stems() -> frozenset[str]:
    """spaCy's German stop words, stemmed; loaded without importing all of spaCy (2 s)."""
    spec = importlib.util.find_spec("spacy")
    path = (
        Path(spec.origin).parent / "lang" / "de" / "stop_words.py" if spec and spec.origin else None
    )
    if path is not None and path.exists():
        module_spec = importlib.util.spec_from_file_location("_lagebild_de_stop_words", path)
        assert module_spec is not None and module_spec.loader is not None
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        stop_words = module.STOP_WORDS
    else:  # pragma: no cover - a spaCy without that file
        from spacy.lang.de.stop_words import STOP_WORDS as stop_words
    return frozenset(stem_words(sorted(stop_words)))


@dataclass(frozen=True)
class StoryDocument:
    """What an article is compared by: its words, and the entities named in it (if known)."""

    text: str
    entity_ids: tuple[str, ...] = ()


def analyzer(document: StoryDocument | str) -> list[str]:
    """Stemmed content words, plus one feature per entity (named twice: names are telling)."""
    if isinstance(document, str):
        document = StoryDocument(document)
    stop = _stop_stems()
    features = [
        s
        for s in stem_words(words(document.text))
        if len(s) > 2 and not s.isdigit() and s not in stop
    ]
    for entity_id in document.entity_ids:
        features += [f"@{entity_id}", f"@{entity_id}"]
    return features


def article_features_text(title: str | None, lead: str | None, text: str | None) -> str:
    # ``text`` holds title and lead already: they say what the article is about, so they
    # count twice as much as the body
    return "\n".join(x for x in (title, lead, text) if x)


@dataclass
class _Story:
    total: sparse.csr_matrix  # sum of the member vectors
    norm2: float  # squared length of ``total``
    last: date | None

    def add(self, row: sparse.csr_matrix, day: date | None) -> None:
        self.norm2 += 2.0 * float(row.multiply(self.total).sum()) + float(row.multiply(row).sum())
        self.total = self.total + row
        if day is not None and (self.last is None or day > self.last):
            self.last = day


class _Snapshot:
    """The active stories' centroids as one matrix, refreshed every ``REFRESH`` articles.

    Stories changed since the refresh are compared from their current totals instead.
    """

    def __init__(self, stories: dict[int, _Story], keys: list[int]):
        self.keys = keys
        self.matrix = (
            sparse.vstack([stories[k].total for k in self.keys]).tocsr() if self.keys else None
        )
        self.norms = np.sqrt(np.array([stories[k].norm2 for k in self.keys]))
        self.stale: set[int] = set()

    def best(
        self, row: sparse.csr_matrix, stories: dict[int, _Story], threshold: float
    ) -> int | None:
        candidates: list[tuple[float, int]] = []
        if self.matrix is not None:
            dots = np.asarray((self.matrix @ row.T).todense()).ravel()
            sims = np.divide(dots, self.norms, out=np.zeros_like(dots), where=self.norms > 0)
            for i, key in enumerate(self.keys):
                if key in self.stale:
                    sims[i] = -1.0
            top = int(np.argmax(sims))
            candidates.append((float(sims[top]), self.keys[top]))
        if self.stale:
            keys = list(self.stale)
            matrix = sparse.vstack([stories[k].total for k in keys]).tocsr()
            dots = np.asarray((matrix @ row.T).todense()).ravel()
            norms = np.sqrt(np.array([stories[k].norm2 for k in keys]))
            sims = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
            top = int(np.argmax(sims))
            candidates.append((float(sims[top]), keys[top]))
        best = max(candidates, default=(0.0, None))
        return best[1] if best[1] is not None and best[0] >= threshold else None


REFRESH = 32  # articles between two snapshots of the active stories


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _shift(day: str, days: int) -> str:
    """``day`` (YYYY-MM-DD) moved by ``days``; unchanged if that leaves the calendar."""
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return day


def cluster(
    vectors: sparse.csr_matrix,
    days: list[date | None],
    config: StoryConfig,
    seed_labels: list[int | None] | None = None,
) -> list[int]:
    """Incremental clustering of L2-normalised rows, in the given (time) order.

    Rows must be sorted by day (undated ones last). ``seed_labels`` fixes the cluster of rows
    already assigned (any int; None for new rows). Returns one cluster index per row; seeded
    clusters keep their label, new clusters get labels after the largest seeded one.
    """
    n = vectors.shape[0]
    seed_labels = seed_labels or [None] * n
    stories: dict[int, _Story] = {}
    labels: list[int] = [0] * n
    next_label = max([s for s in seed_labels if s is not None], default=-1) + 1
    window = timedelta(days=config.window_days)
    active: set[int] = set()  # stories with an article within the window of the current day
    snapshot: _Snapshot | None = None
    since = 0
    for i in range(n):
        row, day = vectors[i], days[i]
        if snapshot is None or since >= REFRESH or (i and days[i - 1] != day):
            if day is None:  # undated: any story may be its story
                keys = list(stories)
            else:  # days only grow: a story that fell out of the window stays out
                active = {
                    k for k in active if (last := stories[k].last) is None or day - last <= window
                }
                keys = sorted(active)
            snapshot, since = _Snapshot(stories, keys), 0
        since += 1
        label = seed_labels[i]
        if label is None:
            best = snapshot.best(row, stories, config.threshold)
            if best is None:
                label, next_label = next_label, next_label + 1
            else:
                label = best
        labels[i] = label
        story = stories.get(label)
        if story is None:
            stories[label] = _Story(row.copy(), float(row.multiply(row).sum()), day)
        else:
            story.add(row, day)
        snapshot.stale.add(label)
        active.add(label)
    return labels


def _entity_ids(conn: sqlite3.Connection, article_id: str) -> list[str]:
    rows = conn.execute(
        "SELECT entity_id FROM article_entities WHERE article_id = ? ORDER BY entity_id",
        (article_id,),
    )
    return [r[0] for r in rows]


def update_stories(conn: sqlite3.Connection, config: StoryConfig = StoryConfig()) -> int:
    """Give every article without a story one; returns the number of articles assigned."""
    new = conn.execute(
        """SELECT a.seq, id, published_date, duplicate_of, title, lead,
                  json_extract(r.record, '$.text') AS text, story_id
           FROM articles a JOIN records r ON r.seq = a.seq WHERE story_id IS NULL
           ORDER BY published_date IS NULL, published_date, a.seq"""
    ).fetchall()
    if not new:
        return 0
    dated = [r["published_date"] for r in new if r["published_date"]]
    if dated:
        lo = _shift(min(dated), -config.window_days)
        hi = _shift(max(dated), config.window_days)
        context = conn.execute(
            """SELECT a.seq, id, published_date, duplicate_of, title, lead,
                      json_extract(r.record, '$.text') AS text, story_id
               FROM articles a JOIN records r ON r.seq = a.seq WHERE story_id IS NOT NULL
                 AND published_date BETWEEN ? AND ?
               ORDER BY a.seq DESC LIMIT ?""",
            (lo, hi, MAX_CONTEXT),
        ).fetchall()
    else:
        context = conn.execute(
            """SELECT a.seq, id, published_date, duplicate_of, title, lead,
                      json_extract(r.record, '$.text') AS text, story_id
               FROM articles a JOIN records r ON r.seq = a.seq
               WHERE story_id IS NOT NULL ORDER BY a.seq DESC LIMIT ?""",
            (MAX_CONTEXT,),
        ).fetchall()
    rows = sorted(
        [*context, *new],
        key=lambda r: (r["published_date"] is None, r["published_date"] or "", r["seq"]),
    )
    seeds: list[int | None] = [r["story_id"] for r in rows]
    from sklearn.feature_extraction.text import TfidfVectorizer  # slow to import: only here

    texts = [
        StoryDocument(
            article_features_text(r["title"], r["lead"], r["text"]),
            tuple(_entity_ids(conn, r["id"])),
        )
        for r in rows
    ]
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32)
    try:
        vectors = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no features at all (empty texts)
        vectors = sparse.csr_matrix((len(rows), 1), dtype=np.float32)
    labels = cluster(vectors, [_day(r["published_date"]) for r in rows], config, seeds)

    assigned = {r["id"]: label for r, label in zip(rows, labels, strict=True)}
    new_rows = [r for r in rows if r["story_id"] is None]
    existing = {s for s in seeds if s is not None}
    with transaction(conn):
        story_ids: dict[int, int] = {}
        for row in new_rows:
            label = assigned[row["id"]]
            original = row["duplicate_of"]
            if original:
                stored = conn.execute(
                    "SELECT story_id FROM articles WHERE id = ?", (original,)
                ).fetchone()
                if stored and stored["story_id"] is not None:
                    story_id = stored["story_id"]
                    conn.execute(
                        "UPDATE articles SET story_id = ? WHERE id = ?", (story_id, row["id"])
                    )
                    continue
            if label in existing:  # a story stored before
                story_id = label
            elif label in story_ids:
                story_id = story_ids[label]
            else:
                story_id = conn.execute(
                    "INSERT INTO stories (label) VALUES (?)", (row["title"],)
                ).lastrowid
                story_ids[label] = story_id
            conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, row["id"]))
        conn.execute(
            """UPDATE stories SET
                   article_count = (SELECT count(*) FROM articles a WHERE a.story_id = stories.id),
                   first_published = (SELECT min(published_date) FROM articles a
                                      WHERE a.story_id = stories.id),
                   last_published = (SELECT max(published_date) FROM articles a
                                     WHERE a.story_id = stories.id)
               WHERE id IN (SELECT DISTINCT story_id FROM articles WHERE seq >= ?)
                  OR article_count = 0""",
            (min(r["seq"] for r in new_rows),),
        )
    return len(new_rows)
