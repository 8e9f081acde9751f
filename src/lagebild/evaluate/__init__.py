"""Evaluation: one scorer module per task, behind `lagebild eval TASK`.

Each task module defines ``add_arguments(parser)`` and ``run(args) -> int`` (the exit status).
Register a new task by adding one line to ``TASKS``.
"""

from __future__ import annotations

TASKS: dict[str, tuple[str, str]] = {
    # task name: (module, one-line help)
    "structure": ("lagebild.evaluate.structure", "reader field accuracy on articles we annotated"),
    "quotes": ("lagebild.evaluate.quotes", "SpkAtt 2023 task 2 scores on the 2024 news release"),
    "ner": ("lagebild.evaluate.ner", "strict outer-chunk P/R/F1 on GermEval 2014 TSV"),
    "timex": ("lagebild.evaluate.timex", "TempEval-3 scores on TimeML (KRAUTS) files"),
    "amounts": ("lagebild.evaluate.amounts", "amount P/R on our annotated test articles (JSONL)"),
    "places": ("lagebild.evaluate.places", "place resolution accuracy (exact, within 161 km)"),
    "entities": ("lagebild.evaluate.entities", "mention clustering P/R on our must/must-not pairs"),
    "speakers": ("lagebild.evaluate.speakers", "who said what: quotations and speaker entities"),
}
