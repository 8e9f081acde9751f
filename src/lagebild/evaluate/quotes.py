"""`lagebild eval quotes`: GermEval 2023 SpkAtt task 2 scores on the 2024 news release.

The metric follows the shared task's description (Rehbein et al. 2023; Petersen-Frey & Biemann
2024): within each document, system and gold messages are paired one-to-one by a linear sum
assignment on the token-overlap F1 of their message spans (same form +0.01 and same medium
+0.001 break ties; as in the task's scorer, every possible pair is formed, even one without
overlap). Each pair (and each unpaired message against an empty one) contributes, for the message
and for each role (addressee, cue, frame, speaker), a token precision and a token recall where
they are defined; "macro" P and R average those values, F1 is computed from them. Form and medium
are micro P/R/F1 over the pairs. The simplified variant keeps only top-level messages
(``isNested`` false) and scores only message and speaker.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
from scipy.optimize import linear_sum_assignment

from lagebild.evaluate.metrics import Counts, f1

if TYPE_CHECKING:
    from lagebild.analyze.quote_extract import QuoteExtractor

MESSAGE = "quote"
ROLES: tuple[str, ...] = ("addressee", "cue", "frame", "speaker")
SIMPLE_ROLES: tuple[str, ...] = ("speaker",)


@dataclass(frozen=True)
class Group:
    """One message with its roles, as token-id sets of one document."""

    parts: dict[str, frozenset[int]]
    form: str | None = None
    medium: str | None = None
    nested: bool = False

    @classmethod
    def from_annotation(cls, annotation: dict[str, Any]) -> Group:
        parts = {
            name: frozenset((annotation.get(name) or {}).get("tokenIds") or [])
            for name in (MESSAGE, *ROLES)
        }
        return cls(
            parts=parts,
            form=annotation.get("type"),
            medium=annotation.get("medium"),
            nested=bool(annotation.get("isNested", False)),
        )


EMPTY = Group(parts={})


def overlap_f1(gold: frozenset[int], system: frozenset[int]) -> float:
    """Token-overlap F1 of two messages, computed as 2PR/(P+R) like the task's scorer (the
    floating-point result decides ties in the assignment)."""
    both = len(gold & system)
    if not both:
        return 0.0
    precision, recall = both / len(system), both / len(gold)
    return 2 * precision * recall / (precision + recall)


def pair_messages(system: Sequence[Group], gold: Sequence[Group]) -> list[tuple[int, int]]:
    """(system index, gold index) pairs of the one-to-one assignment."""
    if not system or not gold:
        return []
    scores = np.zeros((len(gold), len(system)))
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            value = overlap_f1(g.parts.get(MESSAGE, frozenset()), s.parts.get(MESSAGE, frozenset()))
            if value > 0:
                value += (0.01 if g.form == s.form else 0.0) + (
                    0.001 if g.medium == s.medium else 0.0
                )
            scores[i, j] = value
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(c), int(r)) for r, c in zip(rows, cols, strict=True)]


@dataclass
class Tally:
    """Per-part lists of instance precisions/recalls, and label counts for form and medium."""

    parts: tuple[str, ...]
    precisions: dict[str, list[float]] = field(default_factory=dict)
    recalls: dict[str, list[float]] = field(default_factory=dict)
    tokens: dict[str, Counts] = field(default_factory=dict)
    form: Counts = field(default_factory=Counts)
    medium: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        for part in self.parts:
            self.precisions.setdefault(part, [])
            self.recalls.setdefault(part, [])
            self.tokens.setdefault(part, Counts())

    def add_pair(self, system: Group, gold: Group) -> None:
        for part in self.parts:
            s = system.parts.get(part, frozenset())
            g = gold.parts.get(part, frozenset())
            counts = Counts(tp=len(s & g), fp=len(s - g), fn=len(g - s))
            self.tokens[part].add(counts)
            if counts.tp + counts.fp:
                self.precisions[part].append(counts.precision)
            if counts.tp + counts.fn:
                self.recalls[part].append(counts.recall)
        for attr, sys_value, gold_value in (
            ("form", system.form, gold.form),
            ("medium", system.medium, gold.medium),
        ):
            counts = getattr(self, attr)
            if sys_value == gold_value:
                counts.tp += 1
            else:
                counts.fp += sys_value is not None
                counts.fn += gold_value is not None

    def macro(self, parts: Sequence[str]) -> tuple[float, float, float]:
        ps = [v for part in parts for v in self.precisions[part]]
        rs = [v for part in parts for v in self.recalls[part]]
        p = sum(ps) / len(ps) if ps else 0.0
        r = sum(rs) / len(rs) if rs else 0.0
        return p, r, f1(p, r)


def score_documents(
    gold: dict[str, list[Group]],
    system: dict[str, list[Group]],
    *,
    simplified: bool = False,
    form: str | None = None,
) -> dict[str, float]:
    """The task's scores (fractions in [0, 1]) of system against gold, over gold's documents.

    ``simplified``: the simplified subtask. ``form``: only messages of that form on both sides
    (not a shared-task figure; e.g. "Direct" for speaker attribution of direct quotes).
    """
    roles = SIMPLE_ROLES if simplified else ROLES
    tally = Tally(parts=(MESSAGE, *roles))
    for doc_id in sorted(gold):
        gold_groups = gold[doc_id]
        sys_groups = system.get(doc_id, [])
        if simplified:
            gold_groups = [g for g in gold_groups if not g.nested]
            sys_groups = [g for g in sys_groups if not g.nested]
        if form is not None:
            gold_groups = [g for g in gold_groups if g.form == form]
            sys_groups = [g for g in sys_groups if g.form == form]
        pairs = pair_messages(sys_groups, gold_groups)
        for si, gi in pairs:
            tally.add_pair(sys_groups[si], gold_groups[gi])
        for si in sorted(set(range(len(sys_groups))) - {s for s, _ in pairs}):
            tally.add_pair(sys_groups[si], EMPTY)
        for gi in sorted(set(range(len(gold_groups))) - {g for _, g in pairs}):
            tally.add_pair(EMPTY, gold_groups[gi])
    scores: dict[str, float] = {}
    for name, parts in (("message", (MESSAGE,)), ("roles", roles), ("joint", (MESSAGE, *roles))):
        scores[f"{name}_p"], scores[f"{name}_r"], scores[f"{name}_f1"] = tally.macro(parts)
    for role in roles:
        scores[f"{role}_p"], scores[f"{role}_r"], scores[f"{role}_f1"] = tally.macro((role,))
    if not simplified:
        for name in ("form", "medium"):
            counts: Counts = getattr(tally, name)
            p, r = counts.precision, counts.recall
            scores[f"{name}_p"], scores[f"{name}_r"], scores[f"{name}_f1"] = p, r, f1(p, r)
    return scores


def speaker_of_form(
    gold: dict[str, list[Group]], system: dict[str, list[Group]], form: str = "Direct"
) -> dict[str, float]:
    """Speaker attribution for the gold messages of one form (not a shared-task figure):
    top-level messages of every form are paired as in the simplified task; each top-level gold
    message of ``form`` is scored against its partner's speaker whatever form the system gave
    that message, each unpaired system message of ``form`` against nothing. Unlike
    ``score_documents(form=...)``, a quotation found with the right speaker but another form
    (the release calls some quoted fragments reported speech) is no error here."""
    tally = Tally(parts=SIMPLE_ROLES)
    for doc_id in sorted(gold):
        gold_groups = [g for g in gold[doc_id] if not g.nested]
        sys_groups = [g for g in system.get(doc_id, []) if not g.nested]
        pairs = pair_messages(sys_groups, gold_groups)
        partner = {gi: si for si, gi in pairs}
        for gi, group in enumerate(gold_groups):
            if group.form == form:
                tally.add_pair(sys_groups[partner[gi]] if gi in partner else EMPTY, group)
        paired = {si for si, _ in pairs}
        for si, group in enumerate(sys_groups):
            if group.form == form and si not in paired:
                tally.add_pair(group, EMPTY)
    scores: dict[str, float] = {}
    for role in SIMPLE_ROLES:
        scores[f"{role}_p"], scores[f"{role}_r"], scores[f"{role}_f1"] = tally.macro((role,))
    return scores


# -- reading and writing the 2024 release format ----------------------------------------------


def read_documents(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def groups_of(documents: Iterable[dict[str, Any]]) -> dict[str, list[Group]]:
    return {
        doc["documentName"]: [Group.from_annotation(a) for a in doc.get("annotations") or []]
        for doc in documents
    }


def predict_documents(
    documents: list[dict[str, Any]], extractor: QuoteExtractor | None = None
) -> list[dict[str, Any]]:
    """The documents with ``annotations`` replaced by the extractor's, on the given tokens."""
    from lagebild.analyze.quote_extract import QuoteExtractor, annotations_for_release

    extractor = extractor or QuoteExtractor.load()
    predicted = []
    for doc in documents:
        tokens = [t["text"] for t in doc["tokens"]]
        sentence_ids = [t["sentence"] for t in doc["tokens"]]
        quotes = extractor.extract(tokens, sentence_ids)
        out = {k: v for k, v in doc.items() if k != "annotations"}
        out["annotations"] = annotations_for_release(quotes, doc["tokens"])
        predicted.append(out)
    return predicted


def format_scores(scores: dict[str, float], title: str) -> str:
    lines = [title]
    for key in sorted({k.rsplit("_", 1)[0] for k in scores}, key=_row_order):
        p, r, f = scores[f"{key}_p"], scores[f"{key}_r"], scores[f"{key}_f1"]
        lines.append(f"  {key:<10} P {100 * p:6.2f}  R {100 * r:6.2f}  F1 {100 * f:6.2f}")
    return "\n".join(lines)


def _row_order(key: str) -> int:
    order = ("message", "roles", "joint", "speaker", "cue", "addressee", "frame", "form", "medium")
    return order.index(key) if key in order else len(order)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gold", required=True, type=Path, help="2024-release JSONL(.gz) with gold annotations"
    )
    parser.add_argument(
        "--predictions", type=Path, help="write the predicted documents here (same JSONL format)"
    )
    parser.add_argument(
        "--system",
        type=Path,
        help="score this JSONL(.gz) of predicted documents instead of running the extractor",
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    gold_docs = list(read_documents(args.gold))
    predicted = list(read_documents(args.system)) if args.system else predict_documents(gold_docs)
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as handle:
            for doc in predicted:
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    gold, system = groups_of(gold_docs), groups_of(predicted)
    full = score_documents(gold, system)
    simple = score_documents(gold, system, simplified=True)
    direct = score_documents(gold, system, simplified=True, form="Direct")
    direct_speaker = speaker_of_form(gold, system, "Direct")
    if args.json:
        scores = {"full": full, "simplified": simple, "direct": direct}
        json.dump({**scores, "direct_speaker": direct_speaker}, out, indent=2)
        out.write("\n")
        return 0
    out.write(f"{args.gold}: {len(gold_docs)} documents\n")
    out.write(format_scores(full, "full task (messages, all roles, form, medium):") + "\n")
    out.write(format_scores(simple, "simplified task (top-level messages and speakers):") + "\n")
    out.write(format_scores(direct, "direct quotes only (top-level, not a task figure):") + "\n")
    title = "speaker of each gold direct quote, any predicted form (not a task figure):"
    out.write(format_scores(direct_speaker, title) + "\n")
    return 0
