"""The statement as plain, frozen data: what every later stage works on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

# The site's languages: English, the edition every other translates, and the reference translations
# statement/translations/ may hold. The one list of them (each edition's words: render/messages.py).
Lang = Literal["en", "ja", "ko"]
Translated = Literal["ja", "ko"]
LANGS: tuple[Lang, ...] = ("en", "ja", "ko")
TRANSLATED: tuple[Translated, ...] = ("ja", "ko")

PartyCode = str  # a party's code as statement.yaml lists it; every use is checked against the parties
Kind = Literal[
    "aim", "announcement", "call", "commitment", "concern", "condolence",
    "emphasis", "opposition", "reaffirmation", "support", "welcome",
]

KIND_LABELS: dict[str, str] = {
    "aim": "Aim",
    "announcement": "Announcement",
    "call": "Call",
    "commitment": "Commitment",
    "concern": "Concern",
    "condolence": "Condolence",
    "emphasis": "Emphasis",
    "opposition": "Opposition",
    "reaffirmation": "Reaffirmation",
    "support": "Support",
    "welcome": "Welcome",
}

# Only the kinds in COMMITMENT_KINDS are commitments; any other item is a "point" (counted by kind in
# render/pages.py KIND_COUNTS: "3 expressions of support").
COMMITMENT_KINDS = frozenset({"commitment", "reaffirmation"})


def single_line(text: str) -> str:
    """Folded YAML and pasted text as the model holds it: one line, single spaces."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Participant:
    name: str
    office: str
    country: PartyCode


@dataclass(frozen=True)
class Party:
    code: PartyCode
    name: str
    slug: str
    aliases: tuple[str, ...]
    issuer: str = ""  # who issued the statement for this party, as citations name it (statement.yaml's issuers; default: the name)
    names: tuple[str, ...] = ()  # the aliases shown as its other names ("also known as"); the rest are search words only


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str
    aliases: tuple[str, ...]
    names: tuple[str, ...] = ()  # the aliases shown as its other names ("also known as"); the rest are search words only


@dataclass(frozen=True)
class Quote:
    id: str
    paragraph: int
    text: str
    translation: str | None = None  # this site's reference translation (Japanese and Korean editions)


@dataclass(frozen=True)
class Paragraph:
    number: int
    covers: str
    quotes: tuple[Quote, ...]
    points: tuple[str, ...] = ()  # the IDs it reports, in its own order (empty: not recorded)


@dataclass(frozen=True)
class Publication:
    """The published news story the source summary is."""

    publisher: str
    headline: str
    address: str
    story: str | None = None


# What a source in the register is (statement/register.yaml); the labels readers see are interface words.
SourceKind = Literal["news-summary", "released-text-reprint", "korean-text-reprint", "news-report", "government-readout"]
# The kinds that carry the statement's own text: a point they state enters the edition on their word alone.
TEXT_KINDS = frozenset({"released-text-reprint", "korean-text-reprint"})


@dataclass(frozen=True)
class Heading:
    paragraph: int
    text: str  # as the source prints it: a locator, not our words


@dataclass(frozen=True)
class Source:
    """One source of the register: what it is, where it is, and how far this edition read it."""

    id: str
    publisher: str
    title: str | None
    address: str
    date: str | None
    language: Lang
    kind: SourceKind
    newsroom: str  # syndicated and translated copies of one wire share one, and count once
    attributes_to: Literal["statement", "meeting", "both"]
    paragraphs: int  # how many ¶ the copy read holds
    headings: tuple[Heading, ...]
    about: str

    def heading_of(self, n: int) -> Heading | None:
        """The heading ¶n falls under, if the register knows one."""
        above = [h for h in self.headings if h.paragraph <= n]
        return above[-1] if above else None


@dataclass(frozen=True)
class Locator:
    """Where a point or a note rests: a source of the register and its paragraphs."""

    source: str
    paragraphs: tuple[int, ...]


NotCoveredList = Literal["one-report", "meeting"]


@dataclass(frozen=True)
class NotCovered:
    """A matter left off the points: one newsroom alone attributes it to the statement ("one-report"), or it was
    said at the meeting and not in the statement ("meeting")."""

    id: str
    title: str
    note: str
    group: NotCoveredList
    locator: Locator  # its source in the register (publisher and address are the register's)
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    """One passage of the statement in its order, as far as the sources show it (statement/order.yaml)."""

    id: str
    covers: str
    order: Literal["known", "consistent", "ours"]
    points: tuple[str, ...]


@dataclass(frozen=True)
class Commitment:
    id: str
    section: str
    title: str
    kind: Kind
    parties: tuple[PartyCode, ...]
    topics: tuple[str, ...]
    paragraphs: tuple[int, ...]
    summary: str
    quotes: tuple[str, ...]
    related: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    role: str | None = None  # what the listed parties do, where the source says (e.g. "backing U.S. efforts")
    quote_translations: tuple[str | None, ...] = ()  # our reference translation of each quote, in order (ja/ko editions)
    sources: tuple[Locator, ...] = ()  # every source that establishes it: the news summary first (from paragraphs), then the register's


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    expansion: str
    topic: str | None = None
    party: str | None = None


@dataclass(frozen=True)
class Change:
    """One entry of the edition's changelog (statement/changes.yaml)."""

    version: str
    date: str
    summary: str
    points: tuple[str, ...] = ()  # the IDs of the points it added or changed, in the statement's order (an alias read as its point's ID)


@dataclass(frozen=True)
class Translation:
    """One translated text: its key (points.<id>.summary, …) and the fingerprint of the English it translates."""

    key: str
    text: str
    fingerprint: str


@dataclass(frozen=True)
class Edition:
    """One language's reference translation: the site's own, never an official one."""

    lang: Translated
    official: Literal[False]
    texts: tuple[Translation, ...]
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # topics.<id> / parties.<code> / not-covered.<id> → search words
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()  # topics.<id> / parties.<code> → those of its aliases that are its names
    acronyms: tuple[tuple[str, tuple[str, ...]], ...] = ()  # glossary abbreviation → its forms in the language


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    summary: str
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class Statement:
    title: str
    short_title: str
    date: str
    place: str
    occasion: str
    overview: str
    provenance: str
    participants: tuple[Participant, ...]
    parties: tuple[Party, ...]
    sections: tuple[Section, ...]
    topics: tuple[Topic, ...]
    paragraphs: tuple[Paragraph, ...]
    glossary: tuple[Abbreviation, ...] = ()
    changes: tuple[Change, ...] = ()  # newest first
    coverage: str | None = None
    publication: Publication | None = None
    not_covered: tuple[NotCovered, ...] = ()
    editions: tuple[Edition, ...] = ()  # statement/translations/: the site's own reference translations
    lang: Lang = "en"  # the language of the texts above (scripts/editions/localize.py makes ja and ko)
    kind_labels: tuple[tuple[str, str], ...] = ()  # kind → label in ``lang``; empty: KIND_LABELS
    register: tuple[Source, ...] = ()  # statement/register.yaml: every source the edition names
    passages: tuple[Passage, ...] = ()  # statement/order.yaml: the statement's order as far as known; empty: the summary's
    moved_notes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # not-covered anchors of matters that became points → those points
    # How citations and the data files name the statement (statement.yaml; defaults made from the date).
    genre: str = "statement"  # what kind of document it is: CSL genre, BibTeX type, RIS M3, schema.org genre
    citation_key: str = "statement"  # the BibTeX key and CSL id; a point's is <key>-<point ID>
    data_package: str = "statement"  # the Data Package's name
    edition: str | None = None  # this site's name for itself as citations' container; None: the site's name (mkdocs.yml)

    def kind_label(self, kind: str) -> str:
        return dict(self.kind_labels).get(kind) or KIND_LABELS[kind]

    # Lookups are cached per statement: rendering asks for them once per link, and must stay linear.
    @cached_property
    def commitments(self) -> tuple[Commitment, ...]:
        return tuple(c for s in self.sections for c in s.commitments)

    @cached_property
    def _index(self) -> dict[tuple[str, str], object]:
        out: dict[tuple[str, str], object] = {}
        out.update((("c", c.id), c) for c in self.commitments)
        out.update((("s", s.id), s) for s in self.sections)
        out.update((("t", t.id), t) for t in self.topics)
        out.update((("p", p.code), p) for p in self.parties)
        out.update((("r", r.id), r) for r in self.register)
        return out

    def source(self, sid: str) -> Source:
        return self._index[("r", sid)]  # type: ignore[return-value]

    def commitment(self, cid: str) -> Commitment:
        return self._index[("c", cid)]  # type: ignore[return-value]

    def section(self, sid: str) -> Section:
        return self._index[("s", sid)]  # type: ignore[return-value]

    def topic(self, tid: str) -> Topic:
        return self._index[("t", tid)]  # type: ignore[return-value]

    def party(self, code: str) -> Party:
        return self._index[("p", code)]  # type: ignore[return-value]

    @cached_property
    def reading_groups(self) -> tuple[tuple[Paragraph, tuple[Commitment, ...]], ...]:
        """The source summary's order: each paragraph with the points it is the first to report, as it lists
        them (paragraphs that report none are left out)."""
        seen: set[str] = set()
        out = []
        for p in self.paragraphs:
            ids = p.points or tuple(c.id for c in self.commitments if p.number in c.paragraphs)
            new = tuple(self.commitment(cid) for cid in dict.fromkeys(ids) if cid not in seen)
            seen.update(c.id for c in new)
            if new:
                out.append((p, new))
        return tuple(out)

    @cached_property
    def reading_order(self) -> tuple[Commitment, ...]:
        """Every point in the statement's order as far as statement/order.yaml knows it; without it, in the source
        summary's order (by first paragraph, then as the paragraph lists them)."""
        if self.passages:
            return tuple(self.commitment(cid) for p in self.passages for cid in p.points)
        out = [c for _, points in self.reading_groups for c in points]
        seen = {c.id for c in out}
        return (*out, *(c for c in self.commitments if c.id not in seen))  # a point without a paragraph (validation forbids it)
