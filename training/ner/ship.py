"""Copy a trained spaCy pipeline into the package (src/lagebild/models/ner-de).

Usage::

    .venv/bin/python training/ner/ship.py training/ner/training/main/model-best \\
        src/lagebild/models/ner-de

Saves the pipeline with ``nlp.to_disk`` (fresh directory, MODEL.md kept), names it in
``meta.json`` and refuses a model over the size budget.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import spacy

MAX_BYTES = 25 * 1024 * 1024
KEEP = ("MODEL.md",)


def directory_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def ship(source: Path, target: Path) -> int:
    nlp = spacy.load(source)
    nlp.meta.update(
        {
            "name": "ner_de",
            "version": "0.1.0",
            "description": "lagebild German NER: 12 GermEval 2014 labels (see MODEL.md)",
            "license": "CC BY-NC-SA 4.0 (trained on non-commercial data, see MODEL.md)",
            "author": "lagebild developers",
        }
    )
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        staged = Path(tmp) / target.name
        nlp.to_disk(staged)
        for name in KEEP:
            if (target / name).exists():
                shutil.copy2(target / name, staged / name)
        size = directory_size(staged)
        if size > MAX_BYTES:
            raise SystemExit(f"model is {size} bytes, over the {MAX_BYTES} byte budget")
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staged), target)
    print(f"shipped {source} -> {target} ({size / 1e6:.1f} MB)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="copy a trained spaCy pipeline into the package")
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    args.target.parent.mkdir(parents=True, exist_ok=True)
    return ship(args.source, args.target)


if __name__ == "__main__":
    raise SystemExit(main())
