-- lagebild store, schema version 1 (see docs/store.md for every table and column).
-- Later versions are reached by the migrations in db.py; this file is never edited in a way
-- that changes version 1.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE IF NOT EXISTS stories (
    id              INTEGER PRIMARY KEY,
    label           TEXT,
    first_published TEXT,
    last_published  TEXT,
    article_count   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS articles (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    published      TEXT,
    published_date TEXT,
    source         TEXT,
    url            TEXT,
    language       TEXT,
    category       TEXT,
    kicker         TEXT,
    title          TEXT,
    lead           TEXT,
    word_count     INTEGER NOT NULL DEFAULT 0,
    source_path    TEXT,
    format         TEXT,
    duplicate_of   TEXT REFERENCES articles (id),
    story_id       INTEGER REFERENCES stories (id),
    ingested_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published_date);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story_id);
CREATE INDEX IF NOT EXISTS articles_duplicate ON articles (duplicate_of);

-- the complete Article record of each article, apart so that articles stays narrow and fast
CREATE TABLE IF NOT EXISTS records (
    seq    INTEGER PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    record TEXT NOT NULL
);

CREATE VIEW IF NOT EXISTS articles_with_records AS
    SELECT a.*, r.record FROM articles a JOIN records r ON r.seq = a.seq;

-- stemmed and folded copies of the text (lagebild.store.text.stem_text), and in ``meta``
-- filter tokens (lagebild.store.text.meta_tokens: dates, source, entities); rowid = articles.seq
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    title, lead, body, meta,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE IF NOT EXISTS entities (
    id            TEXT PRIMARY KEY,
    type          TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_folded   TEXT NOT NULL,
    lat           REAL,
    lon           REAL,
    country_code  TEXT,
    geonames_id   INTEGER,
    feature       TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    mention_count INTEGER NOT NULL DEFAULT 0,
    first_seen    TEXT,
    last_seen     TEXT
);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name_folded);
CREATE INDEX IF NOT EXISTS entities_type ON entities (type, article_count);

CREATE TABLE IF NOT EXISTS article_entities (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id     TEXT NOT NULL REFERENCES entities (id),
    type          TEXT NOT NULL,
    name          TEXT NOT NULL,
    published_date TEXT,
    mention_count INTEGER NOT NULL DEFAULT 0,
    in_title      INTEGER NOT NULL DEFAULT 0,
    in_lead       INTEGER NOT NULL DEFAULT 0,
    roles         TEXT,
    extra         TEXT,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_entities_entity
    ON article_entities (entity_id, published_date);

CREATE TABLE IF NOT EXISTS mentions (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL REFERENCES entities (id),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT,
    extra      TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);

CREATE TABLE IF NOT EXISTS quotes (
    id                INTEGER PRIMARY KEY,
    article_id        TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    text              TEXT NOT NULL,
    form              TEXT,
    speaker           TEXT,
    speaker_entity_id TEXT,
    cue               TEXT,
    medium            TEXT,
    extra             TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_entity_id);

CREATE TABLE IF NOT EXISTS timexes (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT,
    value      TEXT,
    extra      TEXT
);
CREATE INDEX IF NOT EXISTS timexes_article ON timexes (article_id);
CREATE INDEX IF NOT EXISTS timexes_value ON timexes (value);

CREATE TABLE IF NOT EXISTS amounts (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       REAL,
    object      TEXT,
    unit        TEXT,
    approximate INTEGER,
    extra       TEXT
);
CREATE INDEX IF NOT EXISTS amounts_article ON amounts (article_id);

-- MinHash signatures for near-duplicate detection (lagebild.store.dedup)
CREATE TABLE IF NOT EXISTS signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    minhash    BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS errors (
    id         INTEGER PRIMARY KEY,
    path       TEXT NOT NULL,
    stage      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    article_id TEXT,
    run_id     INTEGER REFERENCES runs (id),
    first_seen TEXT NOT NULL,
    UNIQUE (path, stage, reason)
);

CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,
    paths       TEXT NOT NULL,
    stages      TEXT NOT NULL,
    workers     INTEGER NOT NULL,
    seen        INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);
