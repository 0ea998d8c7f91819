"""The edition: its changelog (statement/changes.yaml), version, and the date its content last changed."""

from __future__ import annotations

from .model import Change, Statement, single_line
from .problems import Problem
from .schema import Sources
from .yamldoc import Document


def check(src: Sources) -> list[Problem]:
    """Newest first, each version once: the first entry is the edition's version."""
    doc = src.changes
    if doc is None:
        return []
    out: list[Problem] = []
    seen: dict[str, int] = {}
    entries = doc.data["changes"]
    for i, e in enumerate(entries):
        key = ("changes", i)
        if e["version"] in seen:
            out.append(doc.problem((*key, "version"), f"version '{e['version']}' is listed twice (first at line {doc.where(('changes', seen[e['version']], 'version'))[0]})"))
        seen.setdefault(e["version"], i)
        if i and e["date"] > entries[i - 1]["date"]:
            out.append(doc.problem((*key, "date"), f"changes must be listed newest first ({e['date']} is later than {entries[i - 1]['date']} above it)"))
        if i and _version(e["version"]) >= _version(entries[i - 1]["version"]):
            out.append(doc.problem((*key, "version"), f"changes must be listed newest first (version {e['version']} is not lower than {entries[i - 1]['version']} above it)"))
    return out


def _version(v: str) -> tuple[int, ...]:
    parts = tuple(int(x) for x in v.split("."))
    return parts + (0,) * (3 - len(parts))


def build(doc: Document | None) -> tuple[Change, ...]:
    if doc is None:
        return ()
    return tuple(Change(e["version"], e["date"], single_line(e["summary"])) for e in doc.data["changes"])


def version(st: Statement) -> str | None:
    """The edition's version: the newest changelog entry's."""
    return st.changes[0].version if st.changes else None


def content_date(st: Statement) -> str:
    """The day a build outside git (and without SOURCE_DATE_EPOCH) gives as the content's last change:
    the newest changelog entry's date, else the statement's own date (sitesource.content_epoch)."""
    return st.changes[0].date if st.changes else st.date
