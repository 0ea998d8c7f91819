"""A complete site source that any engine reading mkdocs.yml builds without our code.

``{path: text or bytes}`` for the folder ``python -m scripts render OUT`` writes: the generated pages and
data files merged into the hand-written ``docs/``, ``overrides/``, and a ``mkdocs.yml`` per edition (the
project's, made into each edition's by ``editions/config.py``, without ``hooks:``). The MkDocs hook uses the
same ``generated()`` and the same edition configs, so both paths build the same pages.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from ..editions import config as edition_config
from ..editions import pages as editions
from ..render import cards, compare, data, feed
from ..render.messages import EN, UI
from ..render.pages import render
from ..source import changelog
from ..source.model import Lang, Statement
from ..source.problems import ContentError, Problem
from ..source.published import read_published
from .addresses import site_address, site_url_problem

Content = str | bytes
"""A file's content: text (written as UTF-8 with LF line ends) or bytes (written as they are)."""

CONFIG = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"
CARD_CACHE = Path(".cache") / "cards"
"""Drawn link-preview cards, by content (git-ignored, like .cache/jinja): an unchanged card is not redrawn."""
PDF_CACHE = Path(".cache") / "pdf"
"""Each edition's PDF of Read it all, by content: WeasyPrint runs (and is imported) only when an edition changes."""
CITE_CACHE = Path(".cache") / "cite"
"""Formatted citation shapes, by content: citeproc runs (and is imported) only when one changes."""
EPOCH_FILE = "SOURCE_DATE_EPOCH"
"""The content date as seconds since 1970 (one line): build the folder with this as SOURCE_DATE_EPOCH."""


def generated(
    st: Statement, site_url: str | None, changed: str | None = None, cards_cache: Path | None = None, site_name: str | None = None,
    cite_cache: Path | None = None, warn: Callable[[str], None] | None = None, pdf_cache: Path | None = None, lenient: bool = False,
) -> dict[str, Content]:
    """Every generated file under docs/: Markdown pages, data files, link-preview cards and each edition's PDF (bytes).

    ``changed`` is the day the content last changed (``day(content_epoch(…))``), shown on the Data page;
    ``site_name`` (mkdocs.yml) names the edition in citations when statement.yaml's ``edition`` does not. The
    caches change how fast, never what, a file is made. ``warn`` takes each warning line (a card that draws a character as an empty box,
    a PDF a character no shipped font has). An interface message a translated PDF lacks is an error (ContentError), a warning
    when ``lenient`` (serve: the English words are shown).
    """
    drawn = cards.render(st, cards_cache, site_name=site_name)  # the card names the site as its pages do
    for fallback in drawn.fallbacks:
        (warn or (lambda _: None))(fallback.message())
    printed, notes, missing = editions.pdfs(st, site_url, changed, pdf_cache)
    for note in notes + ([str(p) for p in missing] if lenient else []):
        (warn or (lambda _: None))(note)
    if missing and not lenient:
        raise ContentError(missing, editions.CATALOGS)
    return {
        **render(st, site_url, changed=changed, site_name=site_name, cite_cache=cite_cache),
        **compare.pages(editions.localized(st), EN, site_url),
        **data.files(st, site_url, changed=changed, site_name=site_name, feeds=feeds(st, site_url)),
        **drawn.files,
        **feed.files(st, site_url, site_name or st.short_title),
        **printed,
        **editions.robots(st, site_url),
    }


def feeds(st: Statement, site_url: str | None) -> dict[str, str]:
    """Each edition's Atom feed by language, for the data package (none without the site's address)."""
    # Every edition has the English changelog's versions (translated), so the English statement answers for each.
    found = {lang: feed.address(st, edition_config.site_url(site_url, lang)) for lang in edition_config.languages(st)}
    return {lang: address for lang, address in found.items() if address}


def clashes(docs_dir: Path, hand_written: set[str], made: dict[str, Content]) -> list[Problem]:
    """A hand-written docs/ file where a generated one goes: an error (an engine would silently keep one)."""
    return [
        Problem(os.path.relpath(docs_dir / path), 1, 1, "", "a hand-written file where the build puts the page made from statement/; rename or remove it")
        for path in sorted(hand_written & made.keys())
    ]


def edition_config_name(lang: str) -> str:
    """A translated edition's config in the rendered site source: mkdocs.ja.yml beside mkdocs.yml."""
    return f"mkdocs.{lang}.yml"


def edition_files(
    st: Statement, lang: Lang, root_url: str | None, changed: str | None, ui: UI, project: Path, site_name: str | None = None,
) -> tuple[dict[str, Content], list[str]]:
    """Every generated file of a translated edition (pages and cards; the data files are the English tree's),
    and the warnings to print (a card drawn in English for want of a glyph)."""
    made, notes = editions.generated(st, lang, root_url, changed, ui, project / CARD_CACHE, site_name, project / CITE_CACHE)
    return dict(made), notes


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (``!ENV`` resolved by MkDocs' own loader, ``site_url`` ending in "/" as
    MkDocs makes it): every address below it is the site's address with a path appended."""
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as f:
        config = dict(yaml_load(f) or {})
    if isinstance(config.get("site_url"), str) and not site_url_problem(config["site_url"]):
        config["site_url"] = site_address(config["site_url"])
    return config


def content_epoch(statement: Path, fallback: str) -> int:
    """The date the sitemap gives every page: SOURCE_DATE_EPOCH if set, else the last commit that touched
    the statement, else (outside a git checkout) the statement's own date. Never the day of the build."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    if env.isdigit():
        return int(env)
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=statement, capture_output=True, text=True, timeout=10)
        stamp = done.stdout.strip()
        if done.returncode == 0 and stamp.isdigit():
            return int(stamp)
    except (OSError, subprocess.SubprocessError):
        pass
    return int(datetime.strptime(fallback, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())


def day(epoch: int) -> str:
    """The sitemap's lastmod for an epoch, exactly as MkDocs formats SOURCE_DATE_EPOCH."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


def _tree(root: Path, prefix: str) -> dict[str, Content]:
    out: dict[str, Content] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            out[f"{prefix}/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    return out


def site_source(project: Path, st: Statement, statement: Path | None = None, warn: Any = None) -> dict[str, Content]:
    """The whole folder for ``render OUT``; raises ContentError when a hand-written file would be replaced.
    ``warn`` takes each warning line (a card drawn in English for want of a glyph)."""
    config = read_config(project / CONFIG)
    site_url = config.get("site_url") or None
    if problem := site_url_problem(site_url):
        raise ContentError([Problem(CONFIG, 1, 1, "site_url", f"{problem} (mkdocs.yml, or the SITE_URL environment variable)")])
    statement = statement or project / "statement"
    epoch = content_epoch(statement, changelog.content_date(st))
    docs_dir = project / str(config.get("docs_dir", DOCS))
    theme = config.get("theme") or {}
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    files = _tree(docs_dir, DOCS)
    hand_written = list(files.items())
    made = generated(st, site_url, day(epoch), project / CARD_CACHE, config.get("site_name"), project / CITE_CACHE, warn, project / PDF_CACHE)
    if found := clashes(docs_dir, {p.removeprefix(f"{DOCS}/") for p in files}, made):
        raise ContentError(found)
    files.update((f"{DOCS}/{path}", content) for path, content in made.items())
    if custom_dir:
        files.update(_tree(project / str(custom_dir), OVERRIDES))
    published, _ = read_published(statement)
    head = "# Generated by `python -m scripts render` from mkdocs.yml and statement/: do not edit; edit those.\n"
    # Each edition's config beside the English one (OUT/mkdocs.ja.yml), its pages in OUT/ja/docs, built after
    # the English one into site/ja (Zensical keeps docs_dir and site_dir inside the config's folder).
    missing: list[Problem] = []
    for lang, ui in [("en", EN), *editions.uis(st).items()]:
        mapping = edition_config.plain(edition_config.config(config, st, lang, ui, published))
        if lang == "en":
            mapping["docs_dir"] = DOCS
        else:
            mapping["docs_dir"], mapping["site_dir"] = f"{lang}/{DOCS}", f"site/{lang}"
            files.update((f"{lang}/{path}", content) for path, content in hand_written)
            made_ed, notes = edition_files(st, lang, site_url, day(epoch), ui, project, config.get("site_name"))
            for note in notes:
                (warn or (lambda _: None))(note)
            files.update((f"{lang}/{DOCS}/{path}", content) for path, content in made_ed.items())
            missing += editions.missing_messages(ui)
        if custom_dir:
            mapping["theme"] = {**mapping["theme"], "custom_dir": OVERRIDES}
        files[CONFIG if lang == "en" else edition_config_name(lang)] = head + yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=1000)
    files[EPOCH_FILE] = f"{epoch}\n"
    if missing:
        raise ContentError(missing, editions.CATALOGS)
    return dict(sorted(files.items()))
