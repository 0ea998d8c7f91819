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
    names = point_names(src)
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
        out += _points(doc, key, e["points"], names)
    return out


def point_names(src: Sources) -> dict[str, str] | None:
    """Every point's ID and earlier ID (alias) → its ID; None when a section file did not load (its IDs are unknown)."""
    if not src.sections or any(d is None for d in src.sections.values()):
        return None
    return {name: c["id"] for d in src.sections.values() if d is not None for c in d.data["commitments"] for name in (c["id"], *c.get("aliases", []))}


def _points(doc: Document, key: tuple[str, int], points: list[str], names: dict[str, str] | None) -> list[Problem]:
    """Each point a version touched is named once, by an ID or alias the sections hold."""
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for j, name in enumerate(points):
        where = (*key, "points", j)
        if names is not None and name not in names:
            out.append(doc.problem(where, f"unknown point ID '{name}' (expected the ID, or an earlier ID, of a point in statement/sections/)"))
            continue
        point = names[name] if names is not None else name
        if point in seen:
            first = points[seen[point]]
            if name != point:
                message = f"'{name}' is an earlier ID of point '{point}', which is already listed"
            else:
                message = f"point '{point}' is listed twice" + ("" if first == point else f" (first by its earlier ID '{first}')")
            out.append(doc.problem(where, message))
        seen.setdefault(point, j)
    return out


def _version(v: str) -> tuple[int, ...]:
    parts = tuple(int(x) for x in v.split("."))
    return parts + (0,) * (3 - len(parts))


def build(doc: Document | None, names: dict[str, str], order: list[str]) -> tuple[Change, ...]:
    """The changelog; each version's points by ID (an alias read as its point's), in the statement's ``order``."""
    if doc is None:
        return ()
    rank = {cid: i for i, cid in enumerate(order)}
    return tuple(
        Change(e["version"], e["date"], single_line(e["summary"]), tuple(sorted({names[p] for p in e["points"]}, key=rank.__getitem__)))
        for e in doc.data["changes"]
    )


def version(st: Statement) -> str | None:
    """The edition's version: the newest changelog entry's."""
    return st.changes[0].version if st.changes else None


def content_date(st: Statement) -> str:
    """The day a build outside git (and without SOURCE_DATE_EPOCH) gives as the content's last change:
    the newest changelog entry's date, else the statement's own date (sitesource.content_epoch)."""
    return st.changes[0].date if st.changes else st.date
