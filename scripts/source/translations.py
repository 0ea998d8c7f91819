"""Stage: the site's own reference translations (statement/translations/<lang>.yaml), kept in step with the English.

Every translatable English text has one key (``english_texts``). Each translation records a fingerprint of
the English it was made from; when the English changes the entry is STALE, an English text with no entry is
MISSING and an entry whose key no longer exists is ORPHANED. Those three are drift (an error everywhere but
``mkdocs serve``, where editing the English must not stop the server). A translation that drops a number, a
date, a party or an acronym of its English is an error.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import files, schema
from .checks import text_problem
from .glossary import _used as abbr_used
from .model import KIND_LABELS, TRANSLATED, Edition, Statement, Translation, single_line
from .problems import Problem
from .yamldoc import Document

LANGS = TRANSLATED  # the files statement/translations/ holds: <lang>.yaml
FOLDER = "translations"

# The families of keys; anything else is a malformed key (a typo), not an orphan.
_KEY = re.compile(
    r"(statement\.(title|short_title|place|occasion|overview|provenance|coverage|source_publication\.headline)"
    r"|participants\.\d+\.(name|office)|parties\.[A-Z]+\.name|sections\.[^.\s]+\.(title|summary)"
    r"|points\.[^.\s]+\.(title|summary|role)|topics\.[^.\s]+\.(label|description)|quotes\.[^.\s]+"
    r"|paragraphs\.\d+\.covers|not-covered\.[^.\s]+\.(title|note)|kinds\.[a-z]+|register\.[^.\s]+\.about|passages\.[^.\s]+\.covers"
    r"|glossary\.\S+\.expansion|changes\.\S+\.summary)"
)
_ALIAS_KEY = re.compile(r"(topics|parties|not-covered)\.[^.\s]+")
_NAME_KEY = re.compile(r"(topics|parties)\.[^.\s]+")


# Where each family of keys has its English field: (key pattern, schema, path to the field in that schema). A
# translation is held to its English field's maxLength (README "Limits"): a 10,000-character title took the
# build from 7 s to 96 s although English titles stop at 200.
_FIELDS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple((re.compile(k), kind, path) for k, kind, path in (
    (r"statement\.(title|short_title|place|occasion|overview|provenance|coverage)", "statement", ("properties", "{1}")),
    (r"statement\.source_publication\.headline", "statement", ("properties", "source_publication", "properties", "headline")),
    (r"participants\.\d+\.(name|office)", "statement", ("properties", "participants", "items", "properties", "{1}")),
    (r"parties\.[A-Z]+\.name", "statement", ("properties", "parties", "items", "properties", "name")),
    (r"sections\.[^.\s]+\.(title|summary)", "section", ("properties", "{1}")),
    (r"points\.[^.\s]+\.(title|summary|role)", "section", ("properties", "commitments", "items", "properties", "{1}")),
    (r"topics\.[^.\s]+\.(label|description)", "topics", ("properties", "topics", "items", "properties", "{1}")),
    (r"quotes\.[^.\s]+", "source", ("properties", "paragraphs", "items", "properties", "quotes", "items", "properties", "text")),
    (r"paragraphs\.\d+\.(covers)", "source", ("properties", "paragraphs", "items", "properties", "{1}")),
    (r"not-covered\.[^.\s]+\.(title|note)", "not-covered", ("properties", "matters", "items", "properties", "{1}")),
    (r"register\.[^.\s]+\.about", "register", ("properties", "sources", "items", "properties", "about")),
    (r"passages\.[^.\s]+\.covers", "order", ("properties", "passages", "items", "properties", "covers")),
    (r"glossary\.\S+\.expansion", "glossary", ("properties", "abbreviations", "items", "properties", "expansion")),
    (r"changes\.\S+\.summary", "changes", ("properties", "changes", "items", "properties", "summary")),
))
# The texts an edition's site title is made of (editions.config.SITE_TITLE). Material prints site_name raw in the
# header, the drawer and aria-label, and escaped in the logo's title attribute: no one escaping is right for both
# where one of these characters is in it, so a translation that would put one there is refused.
SITE_TITLE_KEYS = frozenset({"statement.short_title", "statement.place"})
SITE_TITLE_REFUSED = "&<>\"'"
KIND_LABEL_LIMIT = 200
"""Kind labels are the code's (model.KIND_LABELS), not a schema field: held to the limit of a title."""


@functools.cache
def length_limit(key: str) -> int | None:
    """The most characters a translation of ``key`` may have: its English field's limit (None: not a text key)."""
    if key.startswith("kinds."):
        return KIND_LABEL_LIMIT
    for pattern, kind, path in _FIELDS:
        if m := pattern.fullmatch(key):
            node = schema.schema(kind)
            for part in path:
                node = node[m.group(1) if part == "{1}" else part]
            return int(node["maxLength"])
    return None


def english_texts(st: Statement) -> dict[str, str]:
    """The single list of translatable English texts, by key path."""
    out: dict[str, str] = {
        "statement.title": st.title, "statement.short_title": st.short_title, "statement.place": st.place,
        "statement.occasion": st.occasion, "statement.overview": st.overview, "statement.provenance": st.provenance,
    }
    if st.coverage:
        out["statement.coverage"] = st.coverage
    if st.publication:
        out["statement.source_publication.headline"] = st.publication.headline
    for i, p in enumerate(st.participants):
        out[f"participants.{i}.name"], out[f"participants.{i}.office"] = p.name, p.office
    out.update((f"parties.{p.code}.name", p.name) for p in st.parties)
    for s in st.sections:
        out[f"sections.{s.id}.title"], out[f"sections.{s.id}.summary"] = s.title, s.summary
    for c in st.commitments:
        out[f"points.{c.id}.title"], out[f"points.{c.id}.summary"] = c.title, c.summary
        if c.role:
            out[f"points.{c.id}.role"] = c.role
    for t in st.topics:
        out[f"topics.{t.id}.label"], out[f"topics.{t.id}.description"] = t.label, t.description
    for para in st.paragraphs:
        out[f"paragraphs.{para.number}.covers"] = para.covers
        out.update((f"quotes.{q.id}", q.text) for q in para.quotes)
    for m in st.not_covered:
        out[f"not-covered.{m.id}.title"], out[f"not-covered.{m.id}.note"] = m.title, m.note
    out.update((f"register.{r.id}.about", r.about) for r in st.register)
    out.update((f"passages.{p.id}.covers", p.covers) for p in st.passages)
    out.update((f"kinds.{k}", label) for k, label in KIND_LABELS.items())
    out.update((f"glossary.{a.abbr}.expansion", a.expansion) for a in st.glossary)
    out.update((f"changes.{c.version}.summary", c.summary) for c in st.changes)
    return out


def alias_keys(st: Statement) -> set[str]:
    return {*(f"topics.{t.id}" for t in st.topics), *(f"parties.{p.code}" for p in st.parties),
            *(f"not-covered.{m.id}" for m in st.not_covered)}


def normalise(text: str) -> str:
    return single_line(unicodedata.normalize("NFC", text))


def fingerprint(english: str) -> str:
    """The first 12 hex digits of the SHA-256 of the normalised English (NFC, single spaces)."""
    return hashlib.sha256(normalise(english).encode("utf-8")).hexdigest()[:12]


def path(root: Path, lang: str) -> Path:
    return root / FOLDER / f"{lang}.yaml"


def read(root: Path) -> tuple[dict[str, Document | None], list[Problem]]:
    """The translation files, schema-checked; none at all when statement/translations/ does not exist."""
    folder = root / FOLDER
    if not os.path.lexists(folder):
        return {}, []
    shown = schema.display(folder)
    if not folder.is_dir() or folder.is_symlink():
        return {}, [Problem(shown, 1, 1, "", "must be a folder holding ja.yaml and ko.yaml")]
    problems: list[Problem] = []
    project = root.resolve().parent
    known = {f"{lang}.yaml" for lang in LANGS}
    for extra in sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml" and p.name not in known and not p.name.startswith((".", "#", "_"))):
        problems.append(Problem(schema.display(folder / extra), 1, 1, "", f"unknown language file (expected only {', '.join(sorted(known))})"))
    docs: dict[str, Document | None] = {}
    for lang in LANGS:
        file = path(root, lang)
        if not os.path.lexists(file):
            problems.append(Problem(schema.display(file), 1, 1, "", f"missing: every English text needs a {lang} translation here"))
            docs[lang] = None
            continue
        doc, found = schema.load(file, schema.display(file), project)
        found = found or schema.schema_problems(doc, "translation")
        if not found and doc.data["language"] != lang:
            found = [doc.problem(("language",), f"{doc.data['language']!r} does not match the file name (expected {lang!r})")]
        problems += found
        docs[lang] = None if found else doc
    return docs, problems


@dataclass(frozen=True)
class Findings:
    errors: tuple[Problem, ...]
    drift: tuple[Problem, ...]  # stale, missing, orphaned: warnings in `mkdocs serve`


def check(st: Statement, docs: dict[str, Document | None]) -> Findings:
    english = english_texts(st)
    aliases = alias_keys(st)
    abbrs = {a.abbr for a in st.glossary}
    codes = {p.code for p in st.parties}
    errors: list[Problem] = []
    drift: list[Problem] = []
    for lang, doc in docs.items():
        if doc is None:
            continue
        texts: dict[str, dict[str, str]] = doc.data["texts"]
        for key, entry in texts.items():
            where = ("texts", key)
            if not _KEY.fullmatch(key):
                errors.append(doc.problem(where, "not a key of a translatable text (expected e.g. points.<id>.summary, topics.<id>.label, quotes.<quote-id>)"))
            elif key not in english:
                drift.append(doc.problem(where, "ORPHANED: no English text has this key any more (remove the entry)"))
            elif entry["fingerprint"] != (now := fingerprint(english[key])):
                drift.append(doc.problem((*where, "fingerprint"), (
                    f"STALE: the English changed since this was translated (fingerprint {entry['fingerprint']}, the English now {now}); "
                    f"check the translation, then run: python -m scripts translations --stamp {lang} {key}")))
            elif problem := text_problem(entry["text"]):
                errors.append(doc.problem((*where, "text"), problem))
            elif key in SITE_TITLE_KEYS and (marks := sorted(set(entry["text"]) & set(SITE_TITLE_REFUSED))):
                errors.append(doc.problem((*where, "text"), (
                    f"contains {' '.join(marks)}: this text is part of the edition's site title, which Material writes into the page "
                    "both as HTML and inside attributes, so these characters cannot show as typed there (write it without them)")))
            else:
                errors += [doc.problem((*where, "text"), msg) for msg in consistency(lang, english[key], entry["text"], st, doc.data)]
            if (limit := length_limit(key)) and len(entry["text"]) > limit:
                errors.append(doc.problem((*where, "text"), f"is {len(entry['text']):,} characters long; the limit for this text is {limit:,}, as in English"))
        for key in english:
            if key not in texts:
                drift.append(doc.problem(where_missing(key), f"MISSING: no {lang} translation of {english[key][:60]!r}"))
        for listing in ("aliases", "names", "acronyms", "forms"):
            for key, words in doc.data.get(listing, {}).items():
                errors += [doc.problem((listing, key, i), problem) for i, word in enumerate(words) if (problem := text_problem(word))]
        for key in doc.data.get("aliases", {}):
            if not _ALIAS_KEY.fullmatch(key):
                errors.append(doc.problem(("aliases", key), "not an alias key (expected topics.<id>, parties.<code> or not-covered.<id>)"))
            elif key not in aliases:
                drift.append(doc.problem(("aliases", key), "ORPHANED: no such topic, party or not-covered matter any more"))
        searched = doc.data.get("aliases", {})
        for key, names in doc.data.get("names", {}).items():
            if not _NAME_KEY.fullmatch(key):
                errors.append(doc.problem(("names", key), "not a key of names (expected topics.<id> or parties.<code>)"))
            elif key not in aliases:
                drift.append(doc.problem(("names", key), "ORPHANED: no such topic or party any more"))
            else:
                errors += [doc.problem(("names", key, i), f"{name!r} is not one of the aliases of {key} (a name is searched too: add it there)")
                           for i, name in enumerate(names) if name not in searched.get(key, [])]
        for abbr in doc.data.get("acronyms", {}):
            if abbr not in abbrs:
                drift.append(doc.problem(("acronyms", abbr), "ORPHANED: not an abbreviation in statement/glossary.yaml"))
        for code in doc.data.get("forms", {}):
            if code not in codes:
                drift.append(doc.problem(("forms", code), f"ORPHANED: no party with code {code!r}"))
    return Findings(tuple(sorted(errors)), tuple(sorted(drift)))


def where_missing(key: str) -> tuple[str, ...]:
    return ("texts", key)  # located at `texts:` (the nearest existing line), named by its key


def build(docs: dict[str, Document | None]) -> tuple[Edition, ...]:
    out = []
    for lang, doc in docs.items():
        if doc is None:
            continue
        d = doc.data
        out.append(Edition(
            lang=lang, official=False,
            texts=tuple(Translation(k, normalise(v["text"]), v["fingerprint"]) for k, v in sorted(d["texts"].items())),
            aliases=tuple((k, tuple(v)) for k, v in sorted(d.get("aliases", {}).items())),
            names=tuple((k, tuple(v)) for k, v in sorted(d.get("names", {}).items())),
            acronyms=tuple((k, tuple(v)) for k, v in sorted(d.get("acronyms", {}).items())),
        ))
    return tuple(out)


# --- the consistency check -------------------------------------------------------------------------------

@cache
def _months() -> dict[str, int]:
    """The English month names (CLDR, through Babel, as every date the site prints), by number."""
    from babel.dates import get_month_names

    return {name: number for number, name in get_month_names("wide", locale="en").items()}


@cache
def _date_patterns() -> tuple[tuple[re.Pattern[str], tuple[int | None, int, int | None]], ...]:
    m = "(" + "|".join(_months()) + ")"
    return (  # (pattern, which groups are day, month, year)
        (re.compile(rf"\b(\d{{1,2}}) {m},? (\d{{4}})\b"), (1, 2, 3)),
        (re.compile(rf"\b{m} (\d{{1,2}}),? (\d{{4}})\b"), (2, 1, 3)),
        (re.compile(rf"\b{m} (\d{{1,2}})\b(?!,? \d)"), (2, 1, None)),
        (re.compile(rf"\b(\d{{1,2}}) {m}\b(?! \d)"), (1, 2, None)),
        (re.compile(rf"\b{m} (\d{{4}})\b"), (None, 1, 2)),
    )
_URL = re.compile(r"https?://[^\s)\]>]+[^\s)\]>.,;:]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def date_form(lang: str, day: int | None, month: int, year: int | None) -> str:
    if lang == "ja":
        return (f"{year}年" if year else "") + f"{month}月" + (f"{day}日" if day else "")
    return " ".join([*([f"{year}년"] if year else []), f"{month}월", *([f"{day}일"] if day else [])])


def _dates(text: str) -> Iterator[tuple[tuple[int, int], int | None, int, int | None]]:
    taken: list[tuple[int, int]] = []
    for pattern, (d, m, y) in _date_patterns():
        for match in pattern.finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            yield span, int(match.group(d)) if d else None, _months()[match.group(m)], int(match.group(y)) if y else None


def numbers(text: str) -> set[str]:
    """Every number written in ``text`` as a whole: "1,600" and "3.5", not the "600" or "5" inside them.

    One pass over the text, so the check stays linear however many numbers a text has (a search per number
    took 29 s on a long translation within the limits).
    """
    return {m.group() for m in _NUMBER.finditer(text) if not (m.start() and text[m.start() - 1] in ".,")}


def _mentions(text: str, form: str) -> bool:
    # "Republic of Korea" inside "Democratic People's Republic of Korea" is the DPRK, not the party.
    return re.search(rf"(?<![A-Za-z])(?<!People['’]s ){re.escape(form)}(?![A-Za-z])", text) is not None


def consistency(lang: str, english: str, translation: str, st: Statement, data: dict[str, object]) -> list[str]:
    """What the translation drops of its English: URLs, dates, numbers, parties, glossary abbreviations."""
    text = unicodedata.normalize("NFKC", translation)  # full-width digits and letters count as themselves
    out: list[str] = []
    rest = english
    for url in _URL.findall(english):
        if url not in text:
            out.append(f"the address {url} of the English is missing")
        rest = rest.replace(url, " ")
        text = text.replace(url, " ")
    spans = []
    for span, day, month, year in _dates(rest):
        form = date_form(lang, day, month, year)
        if form not in text:
            out.append(f"the date {rest[span[0]:span[1]]!r} of the English is missing (expected {form})")
        spans.append(span)
    for a, b in sorted(spans, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    present = numbers(text)
    for number in dict.fromkeys(_NUMBER.findall(rest)):
        if number not in present:
            out.append(f"the number {number} of the English is missing")
    aliases: dict[str, list[str]] = data.get("aliases", {})  # type: ignore[assignment]
    acronyms: dict[str, list[str]] = data.get("acronyms", {})  # type: ignore[assignment]
    forms: dict[str, list[str]] = data.get("forms", {})  # type: ignore[assignment]
    texts: dict[str, dict[str, str]] = data["texts"]  # type: ignore[assignment]
    for party in st.parties:
        abbrs = [a.abbr for a in st.glossary if a.party == party.code]
        english_forms = [party.name, *party.aliases, *abbrs]
        if not any(_mentions(english, f) for f in english_forms):
            continue
        name = texts.get(f"parties.{party.code}.name", {}).get("text")
        local = list(dict.fromkeys([*([name] if name else []), *aliases.get(f"parties.{party.code}", []), *forms.get(party.code, []),
                                    *(w for a in abbrs for w in acronyms.get(a, []))]))
        if not any(w in text for w in local):
            out.append(f"the party {party.name} named in the English is missing (expected one of: {', '.join(local) or 'none given'})")
    for a in st.glossary:
        if a.party or not abbr_used(a.abbr).search(english):
            continue
        accepted = [a.abbr, *acronyms.get(a.abbr, [])]
        if not any(w in text for w in accepted):
            out.append(f"the abbreviation {a.abbr} of the English is missing (expected one of: {', '.join(accepted)})")
    return out


# --- listing and re-stamping (python -m scripts translations) ---------------------------------------------

_FINGERPRINT_LINE = re.compile(r'(?P<head>[ ]+fingerprint:[ ]*)(?P<q>["\']?)(?P<fp>[0-9a-f]{12})(?P=q)(?P<tail>[ ]*(#.*)?)')


class StampError(Exception):
    """A re-stamp refused: nothing was written."""


def stamp(root: Path, lang: str, key: str, english: str) -> tuple[str, str]:
    """Write the fingerprint of ``english`` into entry ``key`` of ``lang``'s file, changing only that line.

    The file is read once; it is replaced (atomically, same permissions) only if it still holds exactly the
    bytes that were read, so an edit made meanwhile is never lost. Returns (old, new) fingerprint.
    """
    from .yamldoc import parse  # the same strict reader as the build

    if lang not in LANGS:
        raise StampError(f"unknown language {lang!r} (expected one of: {', '.join(LANGS)})")
    file = path(root, lang)
    if file.is_symlink() or not file.is_file():
        raise StampError(f"{schema.display(file)}: not a regular file")
    raw = file.read_bytes()
    text = raw.decode("utf-8")
    doc, problems = parse(text, schema.display(file))
    if problems or not isinstance(doc.data, dict) or not isinstance(doc.data.get("texts"), dict):
        raise StampError(f"{schema.display(file)}: does not load; fix it first (make check)")
    entry = doc.data["texts"].get(key)
    if not isinstance(entry, dict) or ("texts", key, "fingerprint") not in doc.positions:
        raise StampError(f"{schema.display(file)}: no entry {key!r} with a fingerprint (add the translation first)")
    line_no, _ = doc.positions[("texts", key, "fingerprint")]
    lines = text.splitlines(keepends=True)
    body = lines[line_no - 1].rstrip("\r\n")
    match = _FINGERPRINT_LINE.fullmatch(body)
    if not match or match.group("fp") != entry["fingerprint"]:
        raise StampError(f"{schema.display(file)}:{line_no}: the fingerprint is not written as `fingerprint: \"<12 hex digits>\"` on one line; stamp it by hand")
    new = fingerprint(english)
    line_end = lines[line_no - 1][len(body):]
    lines[line_no - 1] = f'{match.group("head")}"{new}"{match.group("tail")}{line_end}'

    def unchanged() -> None:
        if file.read_bytes() != raw:
            raise StampError(f"{schema.display(file)}: changed while stamping; nothing was written (run the command again)")

    try:
        files.write_atomically(file, "".join(lines).encode("utf-8"), mode=file.stat().st_mode & 0o7777, durable=True, before=unchanged)
    except OSError as e:  # a read-only folder or file, a full disk: the file is as it was
        raise StampError(f"{schema.display(file)}: cannot write ({e.strerror}); nothing was written") from None
    return entry["fingerprint"], new


def listing(st: Statement, found: list[Problem], root: Path) -> list[str]:
    """Every stale, missing, orphaned and inconsistent entry, with the current English of each."""
    english = english_texts(st)
    out: list[str] = []
    for p in found:
        out.append(str(p))
        key = p.field.removeprefix("texts.").removesuffix(".fingerprint").removesuffix(".text") if p.field.startswith("texts.") else ""
        if key in english:
            out.append(f"    English now: {english[key]}")
            if "STALE" in p.message:
                lang = Path(p.path).stem
                out.append(f"    once checked: python -m scripts translations --stamp {lang} {key}")
    return out
