"""load → validate → build → render, as one call for the CLI and the MkDocs hook."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import load, srcfiles, translations, validate
from .model import Statement
from .problems import ContentError, Problem

PUBLISHED = "published-ids.txt"


def read_published(root: Path) -> tuple[dict[str, tuple[int, str]] | None, list[Problem]]:
    """The register of every commitment ID ever published (one per line, # comments)."""
    path = root / PUBLISHED
    if not os.path.lexists(path):
        return None, []  # a new statement: nothing published yet
    shown = load.display(path)
    # A folder, a broken link, bad bytes or no permission in its place is an error: it never switches the check off.
    text, problems = srcfiles.read_text(path, shown, root.resolve().parent)
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


def load_parts(root: Path) -> tuple[Statement, translations.Findings]:
    """The statement (with its editions) and what the translations check found; raise ContentError for any other problem."""
    sources, problems = load.read_sources(root)
    published, more = read_published(root)
    problems += more
    problems += validate.check(sources, published)
    docs, more = translations.read(root)
    problems += more
    if problems:
        raise ContentError(problems)
    st = validate.build(sources)
    return replace(st, editions=translations.build(docs)), translations.check(st, docs)


def load_statement(root: Path, *, drift: Callable[[list[Problem]], None] | None = None) -> Statement:
    """Read, check and build the statement; raise ContentError with every problem found.

    Stale, missing and orphaned translations are errors too, unless ``drift`` takes them (``mkdocs serve``
    prints them as a warning: editing the English must not stop the server).
    """
    st, found = load_parts(root)
    late = list(found.errors)
    if drift is None:
        late += found.drift
    elif found.drift:
        drift(list(found.drift))
    if late:
        raise ContentError(late)
    return st
