"""Acceptance on the seed article, read from ../shared at run time (skipped where absent)."""

from __future__ import annotations

from lagebild.read import read_paths

from conftest import SEED, needs_shared


@needs_shared(SEED)
def test_seed_structure() -> None:
    [article] = list(read_paths([str(SEED)]))
    assert article.category == "Politik"
    assert article.kicker == "Friedensgespräche in Kasachstan?"
    # the headline is the rest of the seed's title line (read here, never copied into a test)
    title_line = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line][1]
    assert title_line == f"{article.kicker} {article.title}"
    assert article.title.startswith("Putin ") and article.title.endswith(" Syrien")
    [image] = article.images
    assert image.file.endswith(".jpg") and image.caption
    assert image.credit == "imago/ITAR-TASS"
    assert article.lead and article.lead.startswith("Russlands Präsident")
    kinds = [p.kind for p in article.paragraphs]
    assert kinds.count("paragraph") == 6 and kinds.count("subheading") == 1
    for paragraph in article.paragraphs:
        assert "Quelle:" not in paragraph.text and "Mehr zum Thema" not in paragraph.text
    assert article.source == "n-tv.de"
    assert article.contributors == ["hul", "rts", "dpa", "AFP"]
