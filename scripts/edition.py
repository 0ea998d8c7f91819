"""The edition: its changelog (statement/changes.yaml), version, and the date its content last changed."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from .load import Sources
from .model import Change, Statement
from .problems import Problem
from .yamlsrc import Document


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
    return tuple(Change(e["version"], e["date"], " ".join(e["summary"].split())) for e in doc.data["changes"])


def version(st: Statement) -> str | None:
    """The edition's version: the newest changelog entry's."""
    return st.changes[0].version if st.changes else None


def last_changed(root: Path, st: Statement) -> str:
    """The day the edition's content last changed, from the repository, never the clock.

    SOURCE_DATE_EPOCH (the reproducible-builds convention) if the builder sets it; else the date of
    the last commit that touched statement/; outside a git checkout, the newest changelog entry's date,
    or the statement's own date.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")
    fallback = st.changes[0].date if st.changes else st.date
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return fallback
    stamp = done.stdout.strip()
    if done.returncode != 0 or not stamp.isdigit():
        return fallback
    return datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%d")
