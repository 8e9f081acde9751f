"""The Article record and its layers: the one schema every part of lagebild shares.

Readers build an :class:`Article` with its structure (category, kicker, title, lead, paragraphs,
images, source) and its ``text``; analysis stages add layers (entities, quotes, timexes, amounts)
whose ``start``/``end`` are character offsets into ``Article.text``.

The field names listed in ``shared/DESIGN.md`` are a contract: new fields may be added, those are
never renamed. ``docs/schema.md`` publishes the JSON Schema generated from these classes.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

EntityType = Literal["PER", "ORG", "LOC", "OTH"]
QuoteForm = Literal["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
SectionKind = Literal["kicker", "title", "lead", "paragraph", "subheading"]


class Record(BaseModel):
    """Base of every part of the record: unknown fields are kept, so newer records round-trip."""

    model_config = ConfigDict(extra="allow", validate_assignment=False)


class Span(Record):
    """A stretch of ``Article.text``."""

    text: str = Field(description="The characters text[start:end].")
    start: int = Field(ge=0, description="Character offset into Article.text (inclusive).")
    end: int = Field(ge=0, description="Character offset into Article.text (exclusive).")


class Paragraph(Record):
    kind: Literal["paragraph", "subheading"] = Field(
        "paragraph", description="A body paragraph or a short sub-heading line."
    )
    text: str = Field(description="The paragraph's text.")


class Image(Record):
    file: str | None = Field(None, description="Image file name as given in the source.")
    url: str | None = Field(None, description="Image address, when known.")
    caption: str | None = Field(None, description="Caption shown with the image.")
    credit: str | None = Field(None, description="Photo credit, e.g. 'imago/ITAR-TASS'.")


class Section(Record):
    """Where each structural part lies in ``text`` (reading order)."""

    kind: SectionKind = Field(description="Which part of the article.")
    start: int = Field(ge=0, description="Offset of the part in Article.text.")
    end: int = Field(ge=0, description="End offset (exclusive).")


class Sentence(Record):
    start: int = Field(ge=0, description="Offset of the sentence in Article.text.")
    end: int = Field(ge=0, description="End offset (exclusive).")


class Mention(Span):
    kind: str = Field(
        "name",
        description="How the entity is referred to: 'name' (a proper name, possibly inflected or "
        "part of a compound) or 'adjective' (a country adjective or demonym such as 'syrischen').",
    )


class Geo(Record):
    lat: float = Field(description="Latitude (WGS84).")
    lon: float = Field(description="Longitude (WGS84).")
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2 code.")
    geonames_id: int | None = Field(None, description="GeoNames id of the place.")
    feature: str | None = Field(
        None, description="GeoNames feature kind, e.g. 'country', 'city', 'region'."
    )
    confidence: float | None = Field(
        None, description="The resolver's confidence in this place (0-1), see docs/quality.md."
    )


class Role(Record):
    title: str = Field(description="Title or function as the text states it, e.g. 'Präsident'.")
    of: str | None = Field(
        None, description="Country or organisation of the role, e.g. 'Russland'."
    )
    text: str | None = Field(None, description="The words stating the role.")


class Salience(Record):
    """How prominent an entity is in the article."""

    count: int = Field(0, description="Number of mentions.")
    first: int | None = Field(None, description="Offset of the first mention.")
    in_title: bool = Field(False, description="Mentioned in kicker or title.")
    in_lead: bool = Field(False, description="Mentioned in the lead.")


class Entity(Record):
    id: str = Field(description="Stable id: the same real-world entity has it in every article.")
    type: EntityType = Field(description="PER person, ORG organisation, LOC place, OTH other.")
    name: str = Field(description="Canonical name, nominative.")
    mentions: list[Mention] = Field(default_factory=list, description="Where it is named.")
    geo: Geo | None = Field(None, description="Coordinates of a resolved place.")
    salience: Salience | None = Field(None, description="How prominent it is in the article.")
    roles: list[Role] = Field(
        default_factory=list, description="Titles or functions the text gives it."
    )


class Speaker(Record):
    text: str = Field(description="The words naming the speaker, e.g. 'der türkische Präsident'.")
    start: int | None = Field(None, description="Offset in Article.text.")
    end: int | None = Field(None, description="End offset (exclusive).")
    entity_id: str | None = Field(None, description="Entity the speaker refers to, when known.")


class Cue(Record):
    text: str = Field(description="The words that mark the speech, e.g. 'sagte', 'zufolge'.")
    start: int | None = Field(None, description="Offset in Article.text.")
    end: int | None = Field(None, description="End offset (exclusive).")


class Quote(Span):
    form: QuoteForm = Field(description="How the speech is rendered.")
    speaker: Speaker | None = Field(None, description="Who said it, when the text tells.")
    cue: Cue | None = Field(None, description="The word(s) introducing the speech.")
    addressee: Span | None = Field(None, description="To whom it was said.")
    frame: Span | None = Field(None, description="Circumstances of the speech event.")
    medium: str | None = Field(
        None,
        description="'speech', 'writing' or 'thought'; 'speech/writing' etc. where undecided.",
    )
    nested: bool = Field(False, description="True for a quotation inside another quotation.")
    parts: list[Span] = Field(
        default_factory=list,
        description="For a discontinuous message, its pieces; text/start/end then span all pieces.",
    )


class Timex(Span):
    type: TimexType = Field(description="TIMEX3 type.")
    value: str = Field(description="TIMEX3 value, e.g. '2016-12-15', 'PXM', 'XXXX-WXX-1'.")


class Amount(Span):
    value: float | None = Field(None, description="The number, scales applied.")
    object: str | None = Field(None, description="What is counted, e.g. 'Menschen'.")
    unit: str | None = Field(None, description="Currency or unit, e.g. 'EUR', 'km'.")
    approximate: bool = Field(False, description="True for 'etwa', 'rund', 'mehr als', ….")


class StageError(Record):
    stage: str = Field(description="Name of the stage that failed.")
    reason: str = Field(description="What went wrong.")


class Article(Record):
    """One news article: its structure, the text analysed, and the layers stages add."""

    id: str = Field("", description="Content hash of title and text; the key in the store.")
    schema_version: int = Field(SCHEMA_VERSION, description="Version of this record layout.")
    source_path: str | None = Field(
        None, description="File the article was read from ('-': stdin)."
    )
    record: int | None = Field(
        None,
        description="Position of the article inside a file holding several (JSONL, WARC, feed).",
    )
    format: str | None = Field(None, description="Reader that produced it: text, html, json, ….")
    language: str | None = Field(None, description="ISO 639-1 code detected from the text.")
    published: str | None = Field(None, description="ISO date or datetime, or null.")
    published_source: str | None = Field(
        None,
        description="Where 'published' came from: 'input', 'cli' or 'text' (latest date in text).",
    )
    url: str | None = Field(None, description="Address of the article, when known.")
    category: str | None = Field(None, description="Section of the site, e.g. 'Politik'.")
    kicker: str | None = Field(None, description="Dachzeile: the short line above the headline.")
    title: str | None = Field(None, description="The headline.")
    lead: str | None = Field(None, description="The teaser paragraph before the body.")
    paragraphs: list[Paragraph] = Field(
        default_factory=list,
        description="Body only: lead, captions, source line and page furniture excluded.",
    )
    images: list[Image] = Field(default_factory=list, description="Pictures with caption, credit.")
    source: str | None = Field(None, description="Site name, e.g. 'n-tv.de'.")
    contributors: list[str] = Field(
        default_factory=list, description="Authors and agencies: codes ('hul', 'dpa') or names."
    )
    text: str = Field("", description="What was analysed: kicker, title, lead, body.")
    sections: list[Section] = Field(
        default_factory=list,
        description="Where kicker, title, lead and each paragraph lie in text.",
    )
    sentences: list[Sentence] = Field(default_factory=list, description="Sentence boundaries.")
    entities: list[Entity] = Field(
        default_factory=list, description="Persons, organisations, places and others named."
    )
    quotes: list[Quote] = Field(default_factory=list, description="Who said what.")
    timexes: list[Timex] = Field(default_factory=list, description="Temporal expressions.")
    amounts: list[Amount] = Field(default_factory=list, description="Numbers and what they count.")
    layers: list[str] = Field(default_factory=list, description="Stages that ran, in order.")
    errors: list[StageError] = Field(
        default_factory=list, description="Stages that failed on this article, and why."
    )

    # -- construction -------------------------------------------------------------------------

    def assemble_text(self) -> None:
        """Build ``text`` and ``sections`` from kicker, title, lead and paragraphs, then ``id``."""
        parts: list[tuple[SectionKind, str]] = []
        for kind, value in (("kicker", self.kicker), ("title", self.title), ("lead", self.lead)):
            if value:
                parts.append((kind, value))
        parts.extend((p.kind, p.text) for p in self.paragraphs if p.text)
        pieces: list[str] = []
        sections: list[Section] = []
        offset = 0
        for kind, value in parts:
            if pieces:
                pieces.append("\n\n")
                offset += 2
            sections.append(Section(kind=kind, start=offset, end=offset + len(value)))
            pieces.append(value)
            offset += len(value)
        self.text = "".join(pieces)
        self.sections = sections
        self.id = content_id(self.title, self.text)

    def section_at(self, offset: int) -> SectionKind | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.kind
        return None

    # -- JSON ---------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, *, pretty: bool = False) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2 if pretty else None)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls.model_validate(data)

    @classmethod
    def from_json(cls, data: str | bytes) -> Article:
        return cls.model_validate_json(data)


def content_id(title: str | None, text: str) -> str:
    """The article key: a hash of what was analysed, so a re-read article gets the same id."""
    digest = hashlib.sha256()
    digest.update((title or "").encode("utf-8"))
    digest.update(b"\x00")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:20]


def entity_id(type: str, name: str) -> str:
    """Stable entity id: lowercase type + '-' + ASCII slug of the canonical name.

    ``entity_id("PER", "Wladimir Putin") == "per-wladimir-putin"``; the same name gives the same id
    in every article, so the store can aggregate entities across articles.
    """
    folded = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    ascii_name = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return f"{type.lower()}-{slug or 'x'}"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the Article record (published in docs/schema.md)."""
    return Article.model_json_schema()
