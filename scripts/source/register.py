"""The source register (statement/register.yaml) and the statement's order (statement/order.yaml): the checks
that tie points and notes to their sources, and the frozen model of both.

A point enters the edition on the news summary's word, on a reprint of the released text (English or Korean),
or when two different newsrooms attribute it to the joint statement: copies of one wire share a newsroom and
count once, and a source that reports only the meeting never counts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from .model import TEXT_KINDS, Heading, Locator, Passage, Source, single_line
from .problems import Problem
from .schema import NOT_COVERED, Sources
from .yamldoc import Document, Key

NEWS_SUMMARY = "news-summary"
REGISTER = "register.yaml"


def _points(src: Sources) -> Iterator[tuple[Document, Key, dict[str, Any]]]:
    for doc in src.sections.values():
        if doc is not None:
            for i, c in enumerate(doc.data["commitments"]):
                yield doc, ("commitments", i), c


def check(src: Sources) -> list[Problem]:
    out: list[Problem] = []
    reg = src.register
    if reg is None and os.path.lexists(src.root / REGISTER):
        return _order(src)  # the register did not load: its problems are reported, and what names it is not one
    if reg is None:
        for doc, base, c in _points(src):
            if c.get("sources"):
                out.append(doc.problem((*base, "sources"), "names sources, but there is no statement/register.yaml to find them in"))
        if src.not_covered:
            out.append(src.not_covered.problem(("matters",), "names sources, but there is no statement/register.yaml to find them in"))
        return out + _order(src)

    sources: dict[str, dict[str, Any]] = {}
    for i, s in enumerate(reg.data["sources"]):
        if s["id"] in sources:
            out.append(reg.problem(("sources", i, "id"), f"duplicate source ID '{s['id']}'"))
        sources.setdefault(s["id"], s)
        for j, h in enumerate(s.get("headings", [])):
            if h["paragraph"] > s["paragraphs"]:
                out.append(reg.problem(("sources", i, "headings", j, "paragraph"),
                                       f"heading at ¶{h['paragraph']}, but the source has ¶1 to ¶{s['paragraphs']}"))
    out += _news_summary(src, reg)
    summary = next((s["id"] for s in reg.data["sources"] if s["kind"] == NEWS_SUMMARY), None)
    known = ", ".join(sorted(sources))
    used: set[str] = set()

    def locator(doc: Document, key: Key, loc: dict[str, Any]) -> dict[str, Any] | None:
        s = sources.get(loc["source"])
        if s is None:
            out.append(doc.problem((*key, "source"), f"unknown source '{loc['source']}' (the register lists: {known})"))
            return None
        used.add(s["id"])
        for j, n in enumerate(loc["paragraphs"]):
            if n > s["paragraphs"]:
                out.append(doc.problem((*key, "paragraphs", j), f"¶{n} of '{s['id']}', but the copy read has ¶1 to ¶{s['paragraphs']}"))
        return s

    for doc, base, c in _points(src):
        named: list[dict[str, Any]] = []
        for j, loc in enumerate(c.get("sources", [])):
            key = (*base, "sources", j)
            if loc["source"] == summary:
                out.append(doc.problem((*key, "source"), "the news summary's paragraphs go under 'paragraphs', not 'sources'"))
                continue
            if any(loc["source"] == k for k in (x["source"] for x in c["sources"][:j])):
                out.append(doc.problem((*key, "source"), f"'{loc['source']}' is listed twice; give all its paragraphs in one entry"))
                continue
            s = locator(doc, key, loc)
            if s is not None:
                named.append(s)
        if c["paragraphs"]:
            if summary:
                used.add(summary)
            continue
        if not c.get("sources"):
            out.append(doc.problem((*base, "paragraphs"), "names no source: list the news summary's paragraphs, or the sources that establish the point"))
            continue
        if len(named) < len(c["sources"]):
            continue  # an unknown or repeated source is the problem already reported
        text = [s for s in named if s["kind"] in TEXT_KINDS]
        newsrooms = sorted({s["newsroom"] for s in named if s["attributes_to"] != "meeting"})
        if not text and len(newsrooms) < 2:
            have = f"only the newsroom '{newsrooms[0]}'" if newsrooms else "no source that attributes it to the statement"
            out.append(doc.problem((*base, "sources"), "does not enter the edition: it needs the news summary, a reprint of the released "
                                   f"text, or two different newsrooms that attribute it to the statement (it has {have})"))

    if src.not_covered:
        nc = src.not_covered
        for i, m in enumerate(nc.data["matters"]):
            locator(nc, ("matters", i, "source"), m["source"])
        ids = {c["id"] for _, _, c in _points(src)}
        matters = {m["id"] for m in nc.data["matters"]}
        for i, m in enumerate(nc.data.get("moved", [])):
            if m["id"] in matters:
                out.append(nc.problem(("moved", i, "id"), f"'{m['id']}' is still a matter on the page; an anchor is either a matter or moved"))
            for j, cid in enumerate(m["points"]):
                if _complete(src) and cid not in ids:
                    out.append(nc.problem(("moved", i, "points", j), f"unknown point '{cid}'"))
    # A notes file that did not load hides the sources its notes name: an unused source is then not the problem to report.
    notes_read = src.not_covered is not None or not os.path.lexists(src.root / NOT_COVERED)
    for i, s in enumerate(reg.data["sources"]):
        if s["id"] not in used and _complete(src) and notes_read:
            out.append(reg.problem(("sources", i, "id"), f"source '{s['id']}' is named by no point and no note (the register lists what the edition uses)"))
    return out + _order(src)


def _complete(src: Sources) -> bool:
    # A section file that did not load hides its points' sources: an unused source is then not the problem to report.
    return bool(src.sections) and all(d is not None for d in src.sections.values())


def _news_summary(src: Sources, reg: Document) -> list[Problem]:
    """Exactly one news summary, and it is the story statement.yaml and source.yaml describe."""
    found = [(i, s) for i, s in enumerate(reg.data["sources"]) if s["kind"] == NEWS_SUMMARY]
    if len(found) != 1:
        return [reg.problem(("sources",), f"lists {len(found)} sources of kind news-summary; the edition is built from exactly one")]
    i, s = found[0]
    out = []
    pub = src.statement.data.get("source_publication") if src.statement else None
    # statement.yaml's source_publication names the same story for citations and the Source page: the two must agree.
    for field, theirs in (("address", "address"), ("publisher", "publisher"), ("title", "headline")):
        if pub and pub[theirs] != s.get(field):
            out.append(reg.problem(("sources", i, field), f"the news summary's {field} differs from statement.yaml's source_publication.{theirs} ({pub[theirs]!r})"))
    n = len(src.source.data["paragraphs"]) if src.source else s["paragraphs"]
    if n != s["paragraphs"]:
        out.append(reg.problem(("sources", i, "paragraphs"),
                               f"the news summary has {n} paragraph{'' if n == 1 else 's'} in statement/source.yaml, not {s['paragraphs']}"))
    return out


def _order(src: Sources) -> list[Problem]:
    """Every point in exactly one passage of statement/order.yaml, once."""
    order = src.order
    if order is None or not _complete(src):
        return []
    ids = {c["id"] for _, _, c in _points(src)}
    out: list[Problem] = []
    seen: dict[str, str] = {}
    passages: set[str] = set()
    for i, p in enumerate(order.data["passages"]):
        if p["id"] in passages:
            out.append(order.problem(("passages", i, "id"), f"duplicate passage ID '{p['id']}'"))
        passages.add(p["id"])
        for j, cid in enumerate(p["points"]):
            key = ("passages", i, "points", j)
            if cid not in ids:
                out.append(order.problem(key, f"unknown point '{cid}'"))
            elif cid in seen:
                out.append(order.problem(key, f"'{cid}' is already in passage '{seen[cid]}'"))
            else:
                seen[cid] = p["id"]
    missing = sorted(ids - set(seen))
    if missing:
        out.append(order.problem(("passages",), f"no passage holds {', '.join(missing)} (every point has its place in the order)"))
    return out


def build_register(src: Sources) -> tuple[Source, ...]:
    if src.register is None:
        return ()
    return tuple(
        Source(
            id=s["id"], publisher=single_line(s["publisher"]), title=single_line(s["title"]) if "title" in s else None,
            address=s["address"], date=s.get("date"), language=s["language"], kind=s["kind"], newsroom=s["newsroom"],
            attributes_to=s["attributes_to"], paragraphs=s["paragraphs"],
            headings=tuple(Heading(h["paragraph"], single_line(h["text"])) for h in s.get("headings", [])),
            about=single_line(s["about"]),
        )
        for s in src.register.data["sources"]
    )


def locators(c: dict[str, Any], register: tuple[Source, ...]) -> tuple[Locator, ...]:
    """A point's sources: the news summary (its ``paragraphs``) first, then the others in the order listed."""
    summary = next((s.id for s in register if s.kind == NEWS_SUMMARY), None)
    first = (Locator(summary, tuple(sorted(c["paragraphs"]))),) if summary and c["paragraphs"] else ()
    return first + tuple(Locator(loc["source"], tuple(sorted(loc["paragraphs"]))) for loc in c.get("sources", []))


def build_passages(src: Sources) -> tuple[Passage, ...]:
    if src.order is None:
        return ()
    return tuple(Passage(p["id"], single_line(p["covers"]), p["order"], tuple(p["points"])) for p in src.order.data["passages"])
