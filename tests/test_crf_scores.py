"""crf_scores: tagging from state scores summed outside crfsuite gives crfsuite's own labels and
marginals, for a model trained here on made-up sequences (nothing from ../shared)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from lagebild.analyze.crf_scores import CrfWeights, ModelFormatError, ScoreTagger, SharedScores

LABELS = ("O", "B-S", "I-S", "B-C", "I-C")
WORDS = ("sagte", "der", "Sprecher", "am", "Montag", "es", "sei", "gut", "betonte", "sie")


def _sequences(seed: int, count: int) -> list[tuple[list[dict[str, list[str]]], list[str]]]:
    """Random sequences of nested items ({"d": [...], "p": [...]}); labels follow the words so
    that the model learns something (and tags differently from one item to the next)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
        items = [
            {
                "d": ["b", "w=" + w, "s2=" + w[-2:], "s:cue" if w in ("sagte", "betonte") else "x"],
                "p": ["r=" + ("in" if k % 3 else "before")],
            }
            for k, w in enumerate(words)
        ]
        labels = [
            "B-C" if w in ("sagte", "betonte") else "B-S" if w == "Sprecher" else "O" for w in words
        ]
        labels = [
            "I-S" if lab == "O" and k and labels[k - 1] == "B-S" and rng.random() < 0.3 else lab
            for k, lab in enumerate(labels)
        ]
        out.append((items, labels))
    return out


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({"c2": 0.1, "max_iterations": 60})
    for items, labels in _sequences(1, 80):
        trainer.append(items, labels)
    path = tmp_path_factory.mktemp("crf") / "model.crfsuite"
    trainer.train(str(path))
    return path


def _scores(weights: CrfWeights, items: list[dict[str, list[str]]]) -> np.ndarray:
    """Each item's state scores: its "d" and its "p" attributes, summed apart."""
    document = SharedScores([(weights, "d")])([item["d"] for item in items])[0]
    position = SharedScores([(weights, "p")])([item["p"] for item in items])[0]
    return document + position


def test_labels_and_marginals_are_crfsuites(model: Path) -> None:
    weights = CrfWeights.read(model)
    original = pycrfsuite.Tagger()
    original.open(str(model))
    tagger = ScoreTagger(weights)
    assert sorted(weights.labels) == sorted(original.labels())
    differing = 0
    for items, _ in _sequences(2, 40):
        expected = original.tag(items)
        got = tagger.tag(_scores(weights, items))
        assert got == expected
        for k in range(len(items)):
            for label in weights.labels:
                assert tagger.marginal(label, k) == pytest.approx(
                    original.marginal(label, k), abs=1e-9
                )
        differing += len(set(expected)) > 1
    assert differing > 5  # the sequences do get different labels


def test_unknown_attributes_add_nothing(model: Path) -> None:
    weights = CrfWeights.read(model)
    shared = SharedScores([(weights, "d")])
    known = shared([["b", "w=sagte"]])[0]
    with_unknown = shared([["b", "never-seen", "w=sagte"]])[0]
    assert np.array_equal(known, with_unknown)
    empty = shared([[], ["b"]])[0]
    assert not empty[0].any()
    assert empty[1].any()


def test_empty_items_anywhere_score_zero_and_leave_the_others_whole(model: Path) -> None:
    weights = CrfWeights.read(model)
    shared = SharedScores([(weights, "d")])
    items = [["b", "w=sagte"], [], ["w=der", "s2=er", "b"], [], []]
    sums = shared(items)[0]
    one_by_one = np.array([shared([item])[0][0] if item else 0 * sums[0] for item in items])
    assert np.allclose(sums, one_by_one, atol=1e-12)
    assert sums[2].any() and not sums[3:].any()  # the last known item keeps its last row
    assert shared([])[0].shape == (0, len(weights.labels))


def test_a_file_that_is_no_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not-a-model.crfsuite"
    path.write_bytes(b"this is text, not a CRF model" * 3)
    with pytest.raises(ModelFormatError, match="not-a-model"):
        CrfWeights.read(path)
