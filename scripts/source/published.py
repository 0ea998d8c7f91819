"""The register of every commitment ID ever published (statement/published-ids.txt): read, and appended to."""

from __future__ import annotations

import os
from pathlib import Path

from . import files, schema
from .model import Statement
from .problems import Problem

PUBLISHED = "published-ids.txt"


def read_published(root: Path) -> tuple[dict[str, tuple[int, str]] | None, list[Problem]]:
    """The register of every commitment ID ever published (one per line, # comments)."""
    path = root / PUBLISHED
    if not os.path.lexists(path):
        return None, []  # a new statement: nothing published yet
    shown = schema.display(path)
    # A folder, a broken link, bad bytes or no permission in its place is an error: it never switches the check off.
    text, problems = files.read_text(path, shown, root.resolve().parent)
    if text is None:
        return {}, problems
    ids: dict[str, tuple[int, str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        pid = line.split("#", 1)[0].strip()
        if not pid:
            continue
        if pid in ids:
            problems.append(Problem(shown, n, 1, "", f"ID '{pid}' is listed twice (first at line {ids[pid][0]})"))
        ids.setdefault(pid, (n, shown))
    return ids, problems


def publish_ids(root: Path, ids: list[str]) -> list[str]:
    # Append-only: a published ID stays in the register forever, so its permanent URL can never silently break.
    path = root / PUBLISHED
    known, _ = read_published(root)
    new = [i for i in ids if i not in (known or {})]
    if new or not path.exists():
        head = "" if path.exists() else (
            "# Every commitment ID ever published. Append-only: add IDs with `make publish-ids`;\n"
            "# a removed or renamed ID must stay resolvable through 'aliases' in its successor.\n"
        )
        if path.exists() and not path.read_bytes().endswith((b"\n", b"\r")) and path.stat().st_size:
            head = "\n"  # a last line without its line end would be glued to the first new ID
        with path.open("a", encoding="utf-8", newline="\n") as f:
            f.write(head + "".join(f"{i}\n" for i in new))
    return new


def known_ids(st: Statement, published: dict[str, object] | None) -> list[tuple[str, str]]:
    """Every ID a /c/<id>/ address may carry, with the title of the point it leads to, sorted.

    The published-ID register is the list (every entry resolves, as an ID or an alias: checks.py checks
    it); IDs not yet registered are added, so a new point is suggested before `make publish-ids`.
    """
    title = {c.id: c.title for c in st.commitments}
    title.update((old, c.title) for c in st.commitments for old in c.aliases)
    ids = set(published or ()) | {c.id for c in st.commitments}
    return sorted((i, title[i]) for i in ids if i in title)
