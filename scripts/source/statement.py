"""The source stage as one call for the CLI and the MkDocs hook: read → schema → checks → the frozen model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import checks, schema, translations
from .model import Statement
from .problems import ContentError, Problem
from .published import read_published


def load_parts(root: Path) -> tuple[Statement, translations.Findings]:
    """The statement (with its editions) and what the translations check found; raise ContentError for any other problem."""
    sources, problems = schema.read_sources(root)
    published, more = read_published(root)
    problems += more
    problems += checks.check(sources, published)
    docs, more = translations.read(root)
    problems += more
    if problems:
        raise ContentError(problems)
    st = checks.build(sources)
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
