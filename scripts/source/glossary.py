"""The glossary: abbreviations the statement uses, checked against the text and turned into tooltips."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Abbreviation, Statement, single_line
from .problems import Problem
from .schema import Sources
from .yamldoc import Document, Key, strings


# Every text of the statement except the glossary itself: where an abbreviation must be used.
def _texts(src: Sources) -> Iterator[str]:
    for doc in (src.statement, src.topics, src.source, *src.sections.values()):
        if doc is not None:
            yield from (text for _, text in strings(doc.data))


def _used(abbr: str) -> re.Pattern[str]:
    # Whole word, case as written: "MSP" is not in "msp", "ROK" is not in "BROKE".
    return re.compile(rf"(?<!\w){re.escape(abbr)}(?!\w)")


def _all_used(abbrs: list[str], texts: list[str]) -> set[str]:
    """The abbreviations some text uses: one pass over the text for all of them (one pass each was abbreviations × text)."""
    if not abbrs:
        return set()
    joined = "\n".join(texts)
    alternatives = "|".join(re.escape(a) for a in sorted(set(abbrs), key=len, reverse=True))
    found = set(m.group(1) for m in re.finditer(rf"(?<!\w)({alternatives})(?!\w)", joined))
    # Where a longer abbreviation matched at the same place ("ROK Navy" over "ROK"), look the shorter one up alone.
    return found | {a for a in set(abbrs) - found if a in joined and _used(a).search(joined)}


def check(src: Sources) -> list[Problem]:
    """Duplicates, unknown topic or party, and abbreviations nothing in the statement uses."""
    doc = src.glossary
    if doc is None:
        return []
    out: list[Problem] = []
    # Only a whole statement can show that nothing uses an abbreviation: a file that did not load may be the one that does.
    whole = all(d is not None for d in (src.statement, src.topics, src.source, *src.sections.values()))
    used = _all_used([e["abbr"] for e in doc.data["abbreviations"]], list(_texts(src))) if whole else set()
    topics = {t["id"] for t in src.topics.data["topics"]} if src.topics else None
    codes = {p["code"] for p in src.statement.data["parties"]} if src.statement else None
    seen: dict[str, Key] = {}
    for i, entry in enumerate(doc.data["abbreviations"]):
        key: Key = ("abbreviations", i)
        abbr = entry["abbr"]
        if abbr in seen:
            out.append(doc.problem((*key, "abbr"), f"duplicate abbreviation '{abbr}' (first at line {doc.where(seen[abbr])[0]})"))
        seen.setdefault(abbr, (*key, "abbr"))
        if whole and abbr not in used:
            out.append(doc.problem((*key, "abbr"), f"'{abbr}' is not used anywhere in the statement (list only abbreviations the text uses)"))
        if topics is not None and "topic" in entry and entry["topic"] not in topics:
            out.append(doc.problem((*key, "topic"), f"unknown topic '{entry['topic']}' (known: {', '.join(sorted(topics))})"))
        if codes is not None and "party" in entry and entry["party"] not in codes:
            out.append(doc.problem((*key, "party"), f"unknown party '{entry['party']}' (known: {', '.join(sorted(codes))})"))
    return out


def build(doc: Document | None) -> tuple[Abbreviation, ...]:
    """The checked glossary, sorted by abbreviation (call only when check() found nothing)."""
    if doc is None:
        return ()
    entries = (
        Abbreviation(e["abbr"], single_line(e["expansion"]), e.get("topic"), e.get("party"))
        for e in doc.data["abbreviations"]
    )
    return tuple(sorted(entries, key=lambda a: a.abbr.casefold()))


def tooltip_key(abbr: str) -> str:
    """The form Python-Markdown's abbr extension can match.

    It wraps matches in ``\\b…\\b``, which never matches after a final dot followed by a
    space ("U.S. defense"), so "U.S." is matched as "U.S" and the dot stays outside.
    """
    return abbr.rstrip(".") if abbr[-1:] == "." and abbr.rstrip(".") else abbr


def abbr_config(st: Statement) -> dict[str, str]:
    """The ``glossary`` option of the abbr extension: tooltip key → expansion."""
    return {tooltip_key(a.abbr): a.expansion for a in st.glossary}
