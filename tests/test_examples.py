"""Every bundled example article comes out of its reader as its ground truth says."""

from __future__ import annotations

import json

import pytest

from lagebild.article import Article
from lagebild.read import ReadError, read_paths

from conftest import DATA, EXAMPLES

MANIFEST = json.loads((DATA / "examples_manifest.json").read_text(encoding="utf-8"))


def _articles(path: str) -> list[Article]:
    items = list(read_paths([str(EXAMPLES / path)]))
    errors = [i for i in items if isinstance(i, ReadError)]
    assert not errors, errors
    return items  # type: ignore[return-value]


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: f"{e['path']}[{e['record']}]")
def test_example_structure(entry: dict) -> None:
    article = _articles(entry["path"])[entry["record"]]
    assert article.format == entry["format"].replace("jsonl", "json")
    assert article.title == entry["title"]
    assert article.kicker == entry["kicker"]
    assert article.category == entry["category"]
    assert (article.lead or "")[:60] == entry["lead"]
    assert article.source == entry["source"]
    assert article.contributors == entry["contributors"]
    kinds = [p.kind for p in article.paragraphs]
    assert kinds.count("paragraph") == entry["n_paragraphs"]
    assert kinds.count("subheading") == entry["n_subheadings"]
    assert len(article.images) == entry["n_images"]
    if entry.get("image_files"):
        assert [i.file for i in article.images] == entry["image_files"]
    if entry["published"]:
        assert article.published and article.published[:10] == entry["published"][:10]
    assert article.language is None  # readers do not analyse
    assert article.text.startswith(article.kicker or article.title or article.lead or "")


def test_whole_corpus_reads_without_errors() -> None:
    items = list(read_paths([str(EXAMPLES)]))
    assert not [i for i in items if isinstance(i, ReadError)]
    assert len(items) == len(MANIFEST) >= 20
    assert len({a.id for a in items}) == len(items)
    assert {a.format for a in items} == {"text", "html", "json", "warc", "feed"}


def test_structure_scorer_counts_wrong_fields(capsys) -> None:
    from lagebild.evaluate.structure import score

    gold = [dict(MANIFEST[0]), {**MANIFEST[1], "title": "Ein anderer Titel", "n_images": 7}]
    right, complete, errors = score(gold, EXAMPLES)
    assert complete == 1
    assert right["title"] == 1 and right["n_images"] == 1 and right["source"] == 2
    assert len(errors) == 2 and "title: expected 'Ein anderer Titel'" in errors[0]
