"""Near-duplicates: agency copies and lightly edited republications (MinHash LSH, datasketch).

Each article's text becomes a set of word shingles (``SHINGLE`` folded words in a row); its
MinHash signature is stored in the ``signatures`` table. An LSH index over the stored
signatures finds candidates; a candidate whose estimated Jaccard similarity reaches
``threshold`` makes the new article a near-duplicate. ``duplicate_of`` then names the
*original*: the group's first stored article (a match with a copy passes on the copy's
original), so every group has one root.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from lagebild.store.text import fold, words

if TYPE_CHECKING:  # datasketch imports scipy (a second): loaded only when used
    from datasketch import MinHash

NUM_PERM = 128
SHINGLE = 4
DEFAULT_THRESHOLD = 0.5
SEED = 1


@dataclass(frozen=True)
class DedupConfig:
    threshold: float = DEFAULT_THRESHOLD  # estimated Jaccard similarity of the shingle sets
    num_perm: int = NUM_PERM
    shingle: int = SHINGLE


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    tokens = [fold(w) for w in words(text)]
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def signature(text: str, config: DedupConfig = DedupConfig()) -> MinHash:
    from datasketch import MinHash

    minhash = MinHash(num_perm=config.num_perm, seed=SEED)
    items = shingles(text, config.shingle)
    if items:
        minhash.update_batch(list(items))
    return minhash


def to_blob(minhash: MinHash) -> bytes:
    # datasketch keeps hash values below 2**32: four bytes each are enough
    return minhash.hashvalues.astype("<u4").tobytes()


def from_blob(blob: bytes, num_perm: int = NUM_PERM) -> MinHash:
    from datasketch import MinHash

    values = np.frombuffer(blob, dtype="<u4").astype(np.uint64)
    return MinHash(num_perm=num_perm, seed=SEED, hashvalues=values)


class DuplicateFinder:
    """The LSH index of a store's signatures, kept in memory during one ingest run.

    Copies are indexed too, so an edited copy of a trimmed copy still finds its group; the
    answer is always the group's original.
    """

    def __init__(self, conn: sqlite3.Connection, config: DedupConfig = DedupConfig()):
        from datasketch import MinHashLSH

        self.config = config
        self._lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
        self._hashes: dict[str, np.ndarray] = {}
        self._originals: dict[str, str] = {}  # copy -> its original
        rows = conn.execute(
            "SELECT s.article_id, s.minhash, a.duplicate_of FROM signatures s "
            "JOIN articles a ON a.id = s.article_id ORDER BY a.seq"
        )
        for article_id, blob, duplicate_of in rows:
            self._index(article_id, from_blob(blob, config.num_perm), duplicate_of)

    def _index(self, article_id: str, minhash: MinHash, original: str | None) -> None:
        self._hashes[article_id] = minhash.hashvalues
        if original is not None:
            self._originals[article_id] = original
        self._lsh.insert(article_id, minhash, check_duplication=False)

    def find(self, minhash: MinHash) -> str | None:
        """The original of the most similar stored article, if similar enough; else None."""
        candidates = list(self._lsh.query(minhash))
        if not candidates:
            return None
        matrix = np.stack([self._hashes[c] for c in candidates])
        similarity = (matrix == minhash.hashvalues).mean(axis=1)  # estimated Jaccard
        best = int(np.argmax(similarity))
        if similarity[best] < self.config.threshold:
            return None
        return self._originals.get(candidates[best], candidates[best])

    def add(
        self, conn: sqlite3.Connection, article_id: str, minhash: MinHash, original: str | None
    ) -> None:
        """Store a new article's signature (in the transaction that wrote the article)."""
        conn.execute(
            "INSERT OR REPLACE INTO signatures (article_id, minhash) VALUES (?, ?)",
            (article_id, to_blob(minhash)),
        )
        self._index(article_id, minhash, original)
