"""Tagging with a crfsuite model from state scores computed outside crfsuite.

crfsuite turns every attribute string of every item into an id before it tags, and that lookup
is most of a tagging call's time. The roles tagger tags the same tokens again for every message
near them, with mostly the same attributes. :class:`CrfWeights` reads a trained model's weights
(labels, state weights per attribute, transitions) from the model file, so the state score of a
token's attributes is summed once with numpy (``scores``) and reused; :class:`ScoreTagger` then
finds the best labels and the marginals with crfsuite's own Viterbi and forward-backward, fed
one attribute per label whose value is that label's state score. The labels and marginals are
those of the original model (the same sums, up to the order of floating-point additions).
"""

from __future__ import annotations

import os
import struct
import tempfile
from collections.abc import Sequence
from functools import cached_property
from itertools import chain, pairwise, repeat
from pathlib import Path

import numpy as np
import pycrfsuite

# The crfsuite model file (lib/crf/src/crf1d_model.c): a 48-byte header, then chunks; each
# feature is (type, source, destination, weight): type 0 is a state feature (attribute ->
# label), type 1 a transition (label -> label).
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNK = struct.Struct("<4sII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
# A string table (CQDB): its header, then per id the offset of a record (id, size, bytes + NUL).
_CQDB = struct.Struct("<4sIIIII")
_RECORD = struct.Struct("<II")


class ModelFormatError(ValueError):
    """A file that is not a crfsuite CRF model of the layout this module reads."""


def _strings(data: bytes, at: int) -> list[str]:
    """The strings of the CQDB string table at offset ``at``, in id order."""
    chunk, _, _, _, count, backward = _CQDB.unpack_from(data, at)
    if chunk != b"CQDB":
        raise ModelFormatError(f"no string table at offset {at}")
    offsets = np.frombuffer(data, dtype="<u4", count=count, offset=at + backward)
    out = []
    for offset in offsets.tolist():
        _, size = _RECORD.unpack_from(data, at + offset)
        start = at + offset + _RECORD.size
        out.append(data[start : start + size - 1].decode("utf-8"))
    return out


def _read(data: bytes) -> tuple[list[str], list[str], np.ndarray]:
    """Labels, attributes and the feature records of a model file's bytes."""
    if len(data) < _HEADER.size:
        raise ModelFormatError("too short for a crfsuite model")
    magic, _, kind, _, _, _, _, features_at, labels_at, attributes_at, _, _ = _HEADER.unpack_from(
        data, 0
    )
    if magic != b"lCRF" or kind != b"FOMC":
        raise ModelFormatError("not a crfsuite linear-chain CRF model")
    chunk, _, count = _CHUNK.unpack_from(data, features_at)
    if chunk != b"FEAT":
        raise ModelFormatError("no feature chunk")
    features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=features_at + _CHUNK.size)
    return _strings(data, labels_at), _strings(data, attributes_at), features


def _read_file(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    """``_read`` of a model file, with the file named in the error."""
    try:
        return _read(Path(path).read_bytes())
    except (struct.error, ValueError, UnicodeDecodeError) as error:
        raise ModelFormatError(f"{path}: {error}") from error


def attribute_names(path: Path) -> set[str]:
    """The attributes a crfsuite model file knows (the others add nothing to a tagging)."""
    return set(_read_file(path)[1])


class CrfWeights:
    """The weights of a trained crfsuite model: a state weight per attribute and label (one
    row per attribute, and a last row of zeros for attributes the model does not know) and a
    transition weight per pair of labels."""

    def __init__(self, labels: Sequence[str], attributes: Sequence[str], features: np.ndarray):
        self.labels = list(labels)
        self.attributes = {name: row for row, name in enumerate(attributes)}
        self.unknown = len(attributes)
        size = len(self.labels)
        self.state = np.zeros((len(attributes) + 1, size))
        self.transitions = np.zeros((size, size))
        for kind, table in ((0, self.state), (1, self.transitions)):
            chosen = features[features["type"] == kind]
            src, dst = chosen["src"].astype(np.intp), chosen["dst"].astype(np.intp)
            np.add.at(table, (src, dst), chosen["weight"])

    @classmethod
    def read(cls, path: Path) -> CrfWeights:
        return cls(*_read_file(path))

    @cached_property
    def groups(self) -> dict[str, dict[str, int]]:
        """Row per attribute name by the attribute's prefix: ``d:w=er`` is row
        ``groups["d"]["w=er"]``; attributes without a prefix are under ""."""
        out: dict[str, dict[str, int]] = {}
        for name, row in self.attributes.items():
            prefix, colon, rest = name.partition(":")
            if colon:
                out.setdefault(prefix, {})[rest] = row
            else:
                out.setdefault("", {})[name] = row
        return out

    def index(self, prefix: str = "") -> dict[str, int]:
        """Row per attribute name, for the attributes ``prefix:name`` (all, without a prefix)."""
        return self.groups.get(prefix, {}) if prefix else self.attributes

    def scores(self, rows: Sequence[int], starts: Sequence[int]) -> np.ndarray:
        """Summed state weights per item: item k has the rows ``rows[starts[k]:starts[k+1]]``;
        every item needs at least one row (``unknown`` adds nothing)."""
        chosen = self.state.take(np.array(rows, dtype=np.intp), axis=0)
        return np.add.reduceat(chosen, starts, axis=0)


class SharedScores:
    """The state scores of the same items under several models (or prefixes of one model's
    attributes) at once, with one lookup per attribute name: ``models`` are pairs of weights
    and the prefix their attributes carry for these names ("" for none)."""

    def __init__(self, models: Sequence[tuple[CrfWeights, str]]):
        indexes = [weights.index(prefix) for weights, prefix in models]
        names = {name: k for k, name in enumerate({n: None for i in indexes for n in i})}
        self.row = names
        self.unknown = len(names)
        bounds = np.cumsum([0, *(len(weights.labels) for weights, _ in models)]).tolist()
        self.columns = [slice(a, b) for a, b in pairwise(bounds)]  # each model's in ``table``
        self.table = np.zeros((len(names) + 1, bounds[-1]))
        for (weights, _), index, column in zip(models, indexes, self.columns, strict=True):
            if index:
                joint = np.fromiter((names[n] for n in index), dtype=np.intp, count=len(index))
                own = np.fromiter(index.values(), dtype=np.intp, count=len(index))
                self.table[joint, column] = weights.state[own]

    def __call__(self, items: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """One score matrix per model: a row per item, a column per label."""
        return self.split(self.sums(items))

    def split(self, sums: np.ndarray) -> list[np.ndarray]:
        """The score matrix of each model in a joint one (``sums``)."""
        return [sums[:, column] for column in self.columns]

    def sums(self, items: Sequence[Sequence[str]]) -> np.ndarray:
        """The joint score matrix: a row per item, the columns of every model's labels."""
        if not items:
            return np.zeros((0, self.table.shape[1]))
        lengths = np.fromiter(map(len, items), dtype=np.intp, count=len(items))
        rows = list(map(self.row.get, chain.from_iterable(items), repeat(self.unknown)))
        # a last row of zeros, where the empty items at the end start: reduceat sums an item's
        # rows up to the next item's start (to the end for the last one)
        rows.append(self.unknown)
        starts = np.zeros(len(items), dtype=np.intp)
        np.cumsum(lengths[:-1], out=starts[1:])
        chosen = self.table.take(np.array(rows, dtype=np.intp), axis=0)
        sums = np.add.reduceat(chosen, starts, axis=0)
        sums[lengths == 0] = 0.0  # reduceat gives an empty item the row at its start
        return sums


class RowTable:
    """Rows of a fixed width that grow by appending, in place: the room doubles when full (to
    no more than ``cap`` rows at a time when given, or just enough for what is appended)."""

    def __init__(self, width: int, dtype: type = float, room: int = 1024, cap: int | None = None):
        self.width = width
        self.cap = cap
        self._data = np.zeros((room, width), dtype=dtype)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @property
    def rows(self) -> np.ndarray:
        return self._data[: self._size]

    def append(self, rows: np.ndarray) -> None:
        end = self._size + len(rows)
        if end > len(self._data):
            room = 2 * len(self._data) if self.cap is None else min(2 * len(self._data), self.cap)
            grown = np.zeros((max(end, room), self.width), self._data.dtype)
            grown[: self._size] = self.rows
            self._data = grown
        self._data[self._size : end] = rows
        self._size = end

    def clear(self) -> None:
        self._size = 0


class ScoreTagger:
    """A crfsuite tagger with the labels and transitions of ``weights`` whose state scores are
    given per item (``tag``), not computed from attributes.

    crfsuite writes models only by training, so the stand-in model is trained for one
    iteration on one item per label, with every state feature and transition generated, and
    its weights are then overwritten: the attribute named after a label weighs 1 for that label
    and 0 for the others, the transitions are those of ``weights``."""

    def __init__(self, weights: CrfWeights):
        self.labels = list(weights.labels)
        self._fed = self.labels[1:]  # the labels given a value; the first one's is 0
        self._model = _stand_in(weights)  # the tagger reads the bytes in place: keep them
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._model)

    def _items(self, scores: np.ndarray) -> list[dict[str, float]]:
        """The items crfsuite is given: the score of each label but the first, less the first
        one's (the same labels and marginals, one attribute fewer to look up)."""
        shifted = scores[:, 1:] - scores[:, :1]
        return list(map(dict, map(zip, repeat(self._fed), shifted.tolist())))

    def tag(self, scores: np.ndarray) -> list[str]:
        """The best labels for items with these state scores (one row per item, one column per
        label); ``marginal`` then answers for the same items."""
        if not len(scores):
            return []
        return list(self._tagger.tag(self._items(scores)))

    def marginal(self, label: str, position: int) -> float:
        """The probability of ``label`` at ``position`` of the items last tagged."""
        return float(self._tagger.marginal(label, position))


def _stand_in(weights: CrfWeights) -> bytes:
    labels = weights.labels
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(
        {
            "feature.possible_states": True,
            "feature.possible_transitions": True,
            "max_iterations": 1,
        }
    )
    trainer.append([{label: 1.0} for label in labels], labels)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "stand-in.crfsuite")
        trainer.train(path)
        data = bytearray(Path(path).read_bytes())
    own_labels, attributes, features = _read(bytes(data))
    label_row = {label: k for k, label in enumerate(labels)}
    features = features.copy()
    weight = features["weight"]
    states = moves = 0
    columns = (features["type"].tolist(), features["src"].tolist(), features["dst"].tolist())
    for k, (kind, src, dst) in enumerate(zip(*columns, strict=True)):
        label = own_labels[dst]
        if kind == 0:  # attribute src -> label
            own = attributes[src] == label
            weight[k] = float(own)
            states += own
        else:  # label src -> label
            weight[k] = weights.transitions[label_row[own_labels[src]], label_row[label]]
            moves += 1
    if states != len(labels) or moves != len(labels) ** 2:
        raise ModelFormatError("the stand-in model lacks state features or transitions")
    _, _, _, _, _, _, _, features_at, _, _, _, _ = _HEADER.unpack_from(data, 0)
    start = features_at + _CHUNK.size
    data[start : start + features.nbytes] = features.tobytes()
    return bytes(data)
