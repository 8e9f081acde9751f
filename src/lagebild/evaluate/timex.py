"""`lagebild eval timex`: TempEval-3 scores for temporal expressions on TimeML files (KRAUTS).

Each gold file gives the anchor (``<DCT>``) and the TIMEX3 elements inside ``<TEXT>``. The text
with the tags removed is tagged by the ``timexes`` stage (or, with ``--system DIR``, another
system's TimeML output with the same file names is read) and compared:

- strict extraction: exact character span; relaxed extraction: any overlap;
- type and value: TempEval-3 attribute F1 = relaxed F1 × attribute accuracy over the relaxed
  matches, i.e. P = correct / system, R = correct / gold;
- strict+value: exact span and identical value (the figure some KRAUTS write-ups quote).

With ``--predictions OUTDIR`` the predictions are written as TimeML files of the same names.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lagebild.analyze.timex_calendar import parse_anchor
from lagebild.analyze.timexes import TimexTagger
from lagebild.evaluate.metrics import f1

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT_VALUE = re.compile(r"<DCT>.*?value=\"([^\"]+)\"", re.S)
_DOCID = re.compile(r"<DOCID>(.*?)</DOCID>", re.S)


@dataclass(frozen=True)
class TimexAnnotation:
    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDocument:
    name: str
    docid: str
    dct: str | None
    text: str
    timexes: list[TimexAnnotation]


def read_timeml(path: Path) -> TimeMLDocument:
    """The text inside ``<TEXT>`` with tags removed and its TIMEX3 spans (offsets into it)."""
    raw = path.read_text(encoding="utf-8")
    dct_match = _DCT_VALUE.search(raw)
    docid_match = _DOCID.search(raw)
    begin = raw.index("<TEXT>") + len("<TEXT>")
    finish = raw.index("</TEXT>", begin)
    body = raw[begin:finish]
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[TimexAnnotation] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name, attrs, selfclosing = tag.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attributes = open_timex
            timexes.append(
                TimexAnnotation(
                    start,
                    length,
                    attributes.get("type", ""),
                    attributes.get("value", "").strip(),
                )
            )
            open_timex = None
    pieces.append(html.unescape(body[position:]))
    return TimeMLDocument(
        name=path.name,
        docid=docid_match[1].strip() if docid_match else path.stem,
        dct=dct_match[1] if dct_match else None,
        text="".join(pieces),
        timexes=timexes,
    )


def write_timeml(doc: TimeMLDocument, timexes: list[TimexAnnotation], path: Path) -> None:
    """``doc`` with ``timexes`` as inline TIMEX3 elements."""
    parts: list[str] = []
    position = 0
    for number, timex in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        parts.append(escape(doc.text[position : timex.start]))
        parts.append(
            f'<TIMEX3 tid="t{number}" type={quoteattr(timex.type)} '
            f"value={quoteattr(timex.value)}>{escape(doc.text[timex.start : timex.end])}</TIMEX3>"
        )
        position = timex.end
    parts.append(escape(doc.text[position:]))
    dct = doc.dct or ""
    path.write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(doc.docid)}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(dct)} temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{escape(dct)}</TIMEX3></DCT>\n'
        f"<TEXT>{''.join(parts)}</TEXT>\n</TimeML>\n",
        encoding="utf-8",
    )


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict_system: int = 0  # system timexes with an exact gold span
    strict_gold: int = 0
    relaxed_system: int = 0  # system timexes overlapping a gold one
    relaxed_gold: int = 0
    matched: int = 0  # one-to-one relaxed pairs
    type_correct: int = 0
    value_correct: int = 0
    strict_value: int = 0  # exact span and value
    errors: list[str] = field(default_factory=list)

    def add(self, doc: TimeMLDocument, system: list[TimexAnnotation]) -> None:
        gold = doc.timexes
        self.gold += len(gold)
        self.system += len(system)
        gold_spans = {(g.start, g.end): g for g in gold}
        system_spans = {(s.start, s.end) for s in system}
        self.strict_system += sum((s.start, s.end) in gold_spans for s in system)
        self.strict_gold += sum((g.start, g.end) in system_spans for g in gold)
        self.relaxed_system += sum(any(_overlap(s, g) for g in gold) for s in system)
        self.relaxed_gold += sum(any(_overlap(g, s) for s in system) for g in gold)
        used: set[int] = set()
        for g in gold:
            best = max(
                (i for i, s in enumerate(system) if i not in used and _overlap(g, s)),
                key=lambda i: _overlap_size(g, system[i]),
                default=None,
            )
            if best is None:
                self.errors.append(f"{doc.name}\tMISS\t{_show(doc, g)}")
                continue
            used.add(best)
            s = system[best]
            self.matched += 1
            self.type_correct += s.type == g.type
            self.value_correct += s.value == g.value
            self.strict_value += (s.start, s.end) == (g.start, g.end) and s.value == g.value
            if (s.start, s.end) != (g.start, g.end) or s.value != g.value or s.type != g.type:
                self.errors.append(f"{doc.name}\tDIFF\t{_show(doc, g)}\t{_show(doc, s)}")
        for i, s in enumerate(system):
            if i not in used and not any(_overlap(s, g) for g in gold):
                self.errors.append(f"{doc.name}\tEXTRA\t{_show(doc, s)}")

    def scores(self) -> dict[str, tuple[float, float, float]]:
        def prf(hit_p: int, hit_r: int) -> tuple[float, float, float]:
            p = hit_p / self.system if self.system else 0.0
            r = hit_r / self.gold if self.gold else 0.0
            return p, r, f1(p, r)

        return {
            "strict": prf(self.strict_system, self.strict_gold),
            "relaxed": prf(self.relaxed_system, self.relaxed_gold),
            "type": prf(self.type_correct, self.type_correct),
            "value": prf(self.value_correct, self.value_correct),
            "strict+value": prf(self.strict_value, self.strict_value),
        }


def _overlap(a: TimexAnnotation, b: TimexAnnotation) -> bool:
    return a.start < b.end and b.start < a.end


def _overlap_size(a: TimexAnnotation, b: TimexAnnotation) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _show(doc: TimeMLDocument, t: TimexAnnotation) -> str:
    return f"{doc.text[t.start : t.end]!r} {t.type} {t.value}"


def tag_document(tagger: TimexTagger, doc: TimeMLDocument) -> list[TimexAnnotation]:
    found = tagger.tag(doc.text, parse_anchor(doc.dct))
    return [TimexAnnotation(t.start, t.end, t.type, t.value) for t in found]


def evaluate(
    gold_dir: Path, system_dir: Path | None = None, predictions: Path | None = None
) -> Counts:
    tagger = TimexTagger()
    counts = Counts()
    files = sorted(gold_dir.glob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no .tml files in {gold_dir}")
    if predictions:
        predictions.mkdir(parents=True, exist_ok=True)
    for path in files:
        doc = read_timeml(path)
        if system_dir is not None:
            other = system_dir / path.name
            if other.is_file():
                system = read_timeml(other).timexes
            else:  # the system produced nothing for this document
                print(f"warning: {other} missing, scored as empty", file=sys.stderr)
                system = []
        else:
            system = tag_document(tagger, doc)
        counts.add(doc, system)
        if predictions:
            write_timeml(doc, system, predictions / path.name)
    return counts


def format_report(counts: Counts, label: str) -> str:
    lines = [
        f"{label}: {counts.gold} gold, {counts.system} system TIMEX3, {counts.matched} matched",
        f"{'measure':<14}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name, (p, r, f) in counts.scores().items():
        lines.append(f"{name:<14}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    if counts.matched:
        lines.append(
            f"type accuracy {counts.type_correct / counts.matched:.3f}, "
            f"value accuracy {counts.value_correct / counts.matched:.3f} (over relaxed matches)"
        )
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", required=True, type=Path, help="folder of gold TimeML files")
    parser.add_argument(
        "--predictions", type=Path, help="write our TimeML predictions into this folder"
    )
    parser.add_argument(
        "--system",
        type=Path,
        help="score another system's TimeML output (same file names) instead of tagging",
    )
    parser.add_argument("--errors", action="store_true", help="list misses and extras")


def run(args: argparse.Namespace) -> int:
    if not args.gold.is_dir():
        print(f"error: {args.gold} is not a folder", file=sys.stderr)
        return 2
    counts = evaluate(args.gold, args.system, args.predictions)
    label = f"{args.gold.name} ({args.system.name if args.system else 'lagebild timexes'})"
    print(format_report(counts, label))
    if args.errors:
        print("\n".join(counts.errors))
    return 0
