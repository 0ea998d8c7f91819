"""Stage 2: the checks a JSON Schema cannot express, then the frozen model."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from . import changelog, glossary, register
from .model import (
    Commitment,
    Locator,
    NotCovered,
    Paragraph,
    Participant,
    Party,
    Publication,
    Quote,
    Section,
    Statement,
    Topic,
    single_line,
)
from .problems import Problem
from .schema import Sources, display
from .yamldoc import Document, Key, strings

# What a browser starts a tag, comment or declaration with ("<b", "</p", "<!--", "<?"); "a < b" and "<3" are text.
_HTML = re.compile(r"</?[A-Za-z][^\s<>]*|<[!?][^\s<>]*")
# A character reference ("&lt;", "&#60;") pasted from HTML would show as "<" in the navigation, not as typed.
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# Documented limit (README "Limits"): each commitment is a page of its own, and the build grows with them.
MAX_COMMITMENTS = 1000

# Names the site keeps for its own pages and folders, today or announced (translations under ja/ and ko/,
# a reading edition, the side-by-side pages, the not-covered page, the Atom feed feed.xml; the PDF of each edition's reading
# edition is data/statement.<lang>.pdf, under data/, which no name from the YAML can reach). No section ID, commitment ID or alias, topic ID or party slug
# may take one, so a page made from the YAML never replaces one of the site's ("index" is a folder's own page).
RESERVED = frozenset({
    "404", "assets", "c", "commitments", "compare", "data", "en", "feed", "glossary", "index", "ja", "ko", "not-covered",
    "parties", "partials", "read", "search", "sections", "sitemap", "source", "topics",
})
# Names a commitment ID (or alias) may not take, though no page has them: the site makes a file or an anchor of
# that name beside the point's own. ``site`` is the link-preview card of every page that is not a point
# (assets/cards/site.png, beside assets/cards/<id>.png); ``paragraph-<n>`` is a paragraph's anchor on Read it
# all and the Source page, where every point's heading is #<id> too; ``passage-<id>`` a passage's (statement/order.yaml).
TAKEN_BY_POINTS = re.compile(r"site|paragraph-[0-9]+|passage-[a-z0-9-]+")
# Where each kind of name is published (render/pages.py's paths): one folder per kind, so two kinds never collide.
FOLDERS = {"section ID": "sections", "commitment ID": "c", "topic ID": "topics", "party slug": "parties"}


def check(src: Sources, published: dict[str, tuple[int, str]] | None = None) -> list[Problem]:
    out: list[Problem] = []
    out += _text(src)
    if src.statement:
        out += _order(src)
        out += _unique(src.statement, "parties", "code", "party code")
        out += _unique(src.statement, "parties", "slug", "party slug", published="parties")
    if src.topics:
        out += _unique(src.topics, "topics", "id", "topic ID")
        out += _topic_aliases(src.topics)
    if src.source:
        out += _register(src.source)
    out += _commitments(src)
    out += _reserved(src)
    out += glossary.check(src)
    out += changelog.check(src)
    out += _reading_order(src)
    if _count(src) <= MAX_COMMITMENTS:  # over the limit, _commitments said so; nothing more is worth checking
        out += register.check(src)
    if src.not_covered:
        out += _unique(src.not_covered, "matters", "id", "ID")
    if published is not None:
        out += _published(src, published)
    return out


def _count(src: Sources) -> int:
    return sum(len(d.data["commitments"]) for d in src.sections.values() if d is not None)


def _docs(src: Sources) -> list[Document]:
    docs = [src.statement, src.topics, src.source, *src.sections.values(), src.glossary, src.changes, src.not_covered]
    return [d for d in docs if d is not None]


# Text is always shown literally; markup, invisible control characters or broken Unicode in it are paste accidents.
def _text(src: Sources) -> list[Problem]:
    out = []
    for doc in _docs(src):
        for key, text in strings(doc.data):
            if message := text_problem(text):
                out.append(doc.problem(key, message))
    return out


def text_problem(text: str) -> str | None:
    """What makes a YAML string unusable as literal text, or None."""
    if all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE for ch in text):
        return "is blank or invisible (expected text)"
    if m := _HTML.search(text):
        return f"contains HTML markup {m.group(0)!r} (expected plain text; text is shown literally)"
    if m := _ENTITY.search(text):
        return f"contains the HTML character reference {m.group(0)!r} (type the character itself; text is shown literally)"
    for ch in text:
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in "\t\n\r") or cat == "Cs" or _noncharacter(ch):
            return f"contains the invisible or invalid character U+{ord(ch):04X} (expected printable text)"
    return None


# Spaces and format characters (U+200B, U+2060, U+FEFF…): a text of only these shows as nothing, so a heading,
# a navigation entry or a <title> made from it would be empty.
_INVISIBLE = frozenset({"Cf", "Zs", "Zl", "Zp"})


def _noncharacter(ch: str) -> bool:
    n = ord(ch)
    return 0xFDD0 <= n <= 0xFDEF or (n & 0xFFFE) == 0xFFFE


def _order(src: Sources) -> list[Problem]:
    st = src.statement
    assert st is not None
    out = []
    listed = st.data["sections"]
    for i, sid in enumerate(listed):
        if sid not in src.sections:
            out.append(st.problem(("sections", i), f"section '{sid}' has no file statement/sections/{sid}.yaml"))
    for stem, doc in src.sections.items():
        if doc is None:
            continue
        if stem not in listed:
            out.append(doc.problem(("id",), f"section file '{stem}.yaml' is not listed in statement.yaml 'sections'"))
        if doc.data["id"] != stem:
            out.append(doc.problem(("id",), f"section id '{doc.data['id']}' does not match the file name '{stem}.yaml'"))
    codes = {p["code"] for p in st.data["parties"]}
    for i, p in enumerate(st.data["participants"]):
        if p["country"] not in codes:
            out.append(st.problem(("participants", i, "country"), f"unknown party '{p['country']}' (known: {', '.join(sorted(codes))})"))
    for code in st.data.get("issuers", {}):
        if code not in codes:
            out.append(st.problem(("issuers", code), f"unknown party '{code}' (known: {', '.join(sorted(codes))})"))
    return out


def _unique(doc: Document, listing: str, field: str, what: str, published: str = "") -> list[Problem]:
    out, seen = [], {}
    for i, item in enumerate(doc.data[listing]):
        key = (listing, i, field)
        if item[field] in seen:
            where = f"; both would be published at {published}/{item[field]}/" if published else ""
            out.append(doc.problem(key, f"duplicate {what} '{item[field]}' (first at line {doc.where(seen[item[field]])[0]}{where})"))
        else:
            seen[item[field]] = key
    return out


def _names(src: Sources) -> list[tuple[Document, Key, str, str]]:
    """Every name from the YAML that becomes a page or folder: (document, field, kind, name)."""
    out: list[tuple[Document, Key, str, str]] = []
    if src.statement:
        out += [(src.statement, ("parties", i, "slug"), "party slug", p["slug"]) for i, p in enumerate(src.statement.data["parties"])]
    if src.topics:
        out += [(src.topics, ("topics", i, "id"), "topic ID", t["id"]) for i, t in enumerate(src.topics.data["topics"])]
    for doc in src.sections.values():
        if doc is None:
            continue
        out.append((doc, ("id",), "section ID", doc.data["id"]))
        for i, c in enumerate(doc.data["commitments"]):
            out.append((doc, ("commitments", i, "id"), "commitment ID", c["id"]))
            out += [(doc, ("commitments", i, "aliases", j), "commitment ID", a) for j, a in enumerate(c.get("aliases", []))]
    return out


def _reserved(src: Sources) -> list[Problem]:
    out = []
    for doc, key, what, name in _names(src):
        if name == "index":
            out.append(doc.problem(key, f"'index' would be published as {FOLDERS[what]}/index.html, the page of {FOLDERS[what]}/ itself (choose another {what})"))
        elif what == "commitment ID" and TAKEN_BY_POINTS.fullmatch(name):
            taken = ("the link-preview card of every other page (assets/cards/site.png)" if name == "site"
                     else f"a passage's anchor on Read it all (#{name})" if name.startswith("passage-") else f"a paragraph's anchor on Read it all (#{name})")
            out.append(doc.problem(key, f"'{name}' is {taken}, which the site makes beside each point's own (choose another commitment ID)"))
        elif name in RESERVED:
            out.append(doc.problem(key, f"'{name}' is a name the site keeps for its own pages and folders (choose another {what}; reserved: {', '.join(sorted(RESERVED))})"))
    return out


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _topic_aliases(doc: Document) -> list[Problem]:
    out, seen = [], {}
    for i, t in enumerate(doc.data["topics"]):
        for name, key in [(t["label"], ("topics", i, "label"))] + [(a, ("topics", i, "aliases", j)) for j, a in enumerate(t["aliases"])]:
            f = _fold(name)
            if f in seen and seen[f] != t["id"]:
                out.append(doc.problem(key, f"'{name}' already names topic '{seen[f]}' (a search word must lead to one topic)"))
            seen.setdefault(f, t["id"])
    return out


def _register(doc: Document) -> list[Problem]:
    out = []
    paras = doc.data["paragraphs"]
    for i, p in enumerate(paras):
        if p["number"] != i + 1:
            out.append(doc.problem(("paragraphs", i, "number"), f"paragraph numbers must run 1, 2, 3, … in order (expected {i + 1}, got {p['number']})"))
    ids: dict[str, Key] = {}
    texts: dict[str, Key] = {}
    for i, p in enumerate(paras):
        for j, q in enumerate(p["quotes"]):
            for seen, value, key, what in ((ids, q["id"], ("paragraphs", i, "quotes", j, "id"), "quote ID"), (texts, q["text"], ("paragraphs", i, "quotes", j, "text"), "quote")):
                if value in seen:
                    out.append(doc.problem(key, f"duplicate {what} (first at line {doc.where(seen[value])[0]})"))
                seen.setdefault(value, key)
    return out


def _norm_quote(text: str) -> str:
    # What editors get wrong when pasting: apostrophes, quotation marks, spacing, case.
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return single_line(text).strip(" \"'.,;:").casefold()


def _commitments(src: Sources) -> list[Problem]:
    out: list[Problem] = []
    topics = {t["id"] for t in src.topics.data["topics"]} if src.topics else None
    codes = {p["code"] for p in src.statement.data["parties"]} if src.statement else None
    register = src.source.data["paragraphs"] if src.source else None
    quotes = {q["text"]: p["number"] for p in register for q in p["quotes"]} if register is not None else None
    # Normalised once: looking each wrong quote up against every register quote was quadratic (25 s for 3,000).
    near_quotes: dict[str, str] = {}
    for text in quotes or ():
        near_quotes.setdefault(_norm_quote(text), text)
    numbers = {p["number"] for p in register} if register is not None else None

    ids: dict[str, tuple[Document, Key]] = {}
    every: list[tuple[Document, Key, dict[str, Any]]] = []
    total = _count(src)
    if total > MAX_COMMITMENTS:  # fail fast: none of the checks below is worth running on such input
        message = f"the sections hold {total:,} commitments together; the limit is {MAX_COMMITMENTS:,}"
        return [src.statement.problem(("sections",), message) if src.statement else Problem(display(src.root / "sections"), 1, 1, "", message)]
    for doc in src.sections.values():
        if doc is None:
            continue
        for i, c in enumerate(doc.data["commitments"]):
            every.append((doc, ("commitments", i), c))
            for name, key in [(c["id"], ("commitments", i, "id"))] + [(a, ("commitments", i, "aliases", j)) for j, a in enumerate(c.get("aliases", []))]:
                if name in ids:
                    first_doc, first_key = ids[name]
                    out.append(doc.problem(key, f"duplicate commitment ID '{name}' (first at {first_doc.path}:{first_doc.where(first_key)[0]})"))
                else:
                    ids[name] = (doc, key)
    real_ids = {c["id"] for _, _, c in every}
    # A section file that did not load hides its IDs: a link to one of them is not the problem to report.
    complete = bool(src.sections) and all(d is not None for d in src.sections.values())

    used_paras: set[int] = set()
    used_quotes: set[str] = set()
    for doc, base, c in every:
        if topics is not None:
            for j, t in enumerate(c["topics"]):
                if t not in topics:
                    out.append(doc.problem((*base, "topics", j), f"unknown topic '{t}' (known: {', '.join(sorted(topics))})"))
        if codes is not None:
            for j, p in enumerate(c["parties"]):
                if p not in codes:
                    out.append(doc.problem((*base, "parties", j), f"unknown party '{p}' (known: {', '.join(sorted(codes))})"))
        if numbers is not None:
            for j, n in enumerate(c["paragraphs"]):
                if n not in numbers:
                    out.append(doc.problem((*base, "paragraphs", j), f"unknown source paragraph {n} (the register has 1 to {max(numbers)})"))
                used_paras.add(n)
        if quotes is not None:
            for j, q in enumerate(c["quotes"]):
                key = (*base, "quotes", j)
                if q in quotes:
                    used_quotes.add(q)
                    if quotes[q] not in c["paragraphs"]:
                        out.append(doc.problem(key, f"quote comes from source paragraph {quotes[q]}, which 'paragraphs' does not list"))
                    continue
                near = near_quotes.get(_norm_quote(q))
                hint = f" (did you mean {near!r}? apostrophes, quotation marks and spacing must match exactly)" if near else " (expected the exact words of a quote in statement/source.yaml)"
                out.append(doc.problem(key, f"quote is not in the source register{hint}"))
        for j, r in enumerate(c["related"]):
            key = (*base, "related", j)
            if r == c["id"]:
                out.append(doc.problem(key, "a commitment cannot be related to itself"))
            elif complete and r not in real_ids:
                out.append(doc.problem(key, f"unknown commitment ID '{r}'"))

    if src.source and complete:
        for i, p in enumerate(src.source.data["paragraphs"]):
            if p["number"] not in used_paras:
                out.append(src.source.problem(("paragraphs", i, "number"), f"paragraph {p['number']} is not covered by any commitment"))
            for j, q in enumerate(p["quotes"]):
                if q["text"] not in used_quotes:
                    out.append(src.source.problem(("paragraphs", i, "quotes", j, "text"), f"quote '{q['id']}' is not used by any commitment"))
    if src.topics and complete:
        used_topics = {t for _, _, c in every for t in c["topics"]}
        for i, t in enumerate(src.topics.data["topics"]):
            if t["id"] not in used_topics:
                out.append(src.topics.problem(("topics", i, "id"), f"topic '{t['id']}' is not used by any commitment"))
    return out


def _reading_order(src: Sources) -> list[Problem]:
    """A paragraph's ``points`` (the summary's own order) list exactly the points that cite that paragraph."""
    if not src.source or not src.sections or any(d is None for d in src.sections.values()):
        return []
    citing: dict[int, list[str]] = {}
    for doc in src.sections.values():
        assert doc is not None
        for c in doc.data["commitments"]:
            for n in c["paragraphs"]:
                citing.setdefault(n, []).append(c["id"])
    out = []
    for i, p in enumerate(src.source.data["paragraphs"]):
        if "points" not in p:
            continue
        want = citing.get(p["number"], [])
        for j, cid in enumerate(p["points"]):
            if cid not in want:
                out.append(src.source.problem(("paragraphs", i, "points", j), f"'{cid}' is not a point that cites paragraph {p['number']}"))
        missing = [cid for cid in want if cid not in p["points"]]
        if missing:
            out.append(src.source.problem(("paragraphs", i, "points"), f"does not list {', '.join(missing)} (every point citing paragraph {p['number']}, in the paragraph's order)"))
    return out


def _published(src: Sources, published: dict[str, tuple[int, str]]) -> list[Problem]:
    """Every ID ever published must still resolve, as an ID or as an alias."""
    known = set()
    for doc in src.sections.values():
        if doc is None:
            return []
        for c in doc.data["commitments"]:
            known.add(c["id"])
            known.update(c.get("aliases", []))
    return [
        Problem(path, line, 1, "", f"published ID '{pid}' no longer exists (restore it, or list it under 'aliases' of the commitment that replaces it)")
        for pid, (line, path) in sorted(published.items())
        if pid not in known
    ]


def build(src: Sources) -> Statement:
    """Turn checked documents into the frozen model (call only when check() found nothing)."""
    assert src.statement and src.topics and src.source
    st = src.statement.data
    order = st["sections"]
    sources = register.build_register(src)
    sections = []
    for sid in order:
        doc = src.sections[sid]
        assert doc is not None
        d = doc.data
        commitments = tuple(
            Commitment(
                id=c["id"], section=sid, title=single_line(c["title"]), kind=c["kind"],
                parties=tuple(c["parties"]), topics=tuple(c["topics"]), paragraphs=tuple(sorted(c["paragraphs"])),
                summary=single_line(c["summary"]), quotes=tuple(c["quotes"]), related=tuple(c["related"]),
                aliases=tuple(c.get("aliases", [])), role=single_line(c["role"]) if "role" in c else None,
                sources=register.locators(c, sources),
            )
            for c in d["commitments"]
        )
        sections.append(Section(sid, single_line(d["title"]), single_line(d["summary"]), commitments))
    return Statement(
        title=single_line(st["title"]), short_title=single_line(st["short_title"]), date=st["date"],
        place=single_line(st["place"]), occasion=single_line(st["occasion"]), overview=single_line(st["overview"]),
        provenance=single_line(st["provenance"]),
        participants=tuple(Participant(single_line(p["name"]), single_line(p["office"]), p["country"]) for p in st["participants"]),
        parties=tuple(Party(p["code"], single_line(p["name"]), p["slug"], tuple(p["aliases"]), single_line(st.get("issuers", {}).get(p["code"], p["name"])),
                            names=tuple(p["aliases"]))
                      for p in st["parties"]),
        sections=tuple(sections),
        topics=tuple(Topic(t["id"], single_line(t["label"]), single_line(t["description"]), tuple(t["aliases"]), tuple(t["aliases"]))
                     for t in src.topics.data["topics"]),
        paragraphs=tuple(
            Paragraph(
                p["number"], single_line(p["covers"]), tuple(Quote(q["id"], p["number"], q["text"]) for q in p["quotes"]),
                tuple(p.get("points", ())),
            )
            for p in src.source.data["paragraphs"]
        ),
        glossary=glossary.build(src.glossary),
        changes=changelog.build(src.changes, changelog.point_names(src) or {}, [c.id for s in sections for c in s.commitments]),
        coverage=single_line(st["coverage"]) if "coverage" in st else None,
        publication=_publication(st.get("source_publication")),
        genre=single_line(st.get("genre", "statement")),
        citation_key=st.get("citation_key", f"statement-{st['date']}"),
        data_package=st.get("data_package", f"statement-{st['date']}"),
        edition=single_line(st["edition"]) if "edition" in st else None,
        not_covered=tuple(
            NotCovered(
                m["id"], single_line(m["title"]), single_line(m["note"]), m["list"],
                Locator(m["source"]["source"], tuple(sorted(m["source"]["paragraphs"]))), tuple(m["aliases"]),
            )
            for m in (src.not_covered.data["matters"] if src.not_covered else ())
        ),
        register=sources,
        passages=register.build_passages(src),
        moved_notes=tuple((m["id"], tuple(m["points"])) for m in (src.not_covered.data.get("moved", []) if src.not_covered else ())),
    )


def _publication(d: dict[str, Any] | None) -> Publication | None:
    if d is None:
        return None
    return Publication(single_line(d["publisher"]), single_line(d["headline"]), d["address"], d.get("story"))
