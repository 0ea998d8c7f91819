"""Stage 4: a complete site source that any engine reading mkdocs.yml builds without our code.

``{path: text or bytes}`` for the folder ``python -m scripts render OUT`` writes: the generated pages and
data files merged into the hand-written ``docs/``, ``overrides/``, and one ``mkdocs.yml`` (the project's,
plus the navigation and the glossary the hook sets, without ``hooks:``). The MkDocs hook uses the same
``generated()`` and ``apply()``, so both paths build the same pages.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from ..editions import config as editions_config
from ..editions import pages as editions
from ..editions.localize import localize
from ..render import cards, cite, data
from ..render.messages import EN, UI, Lang
from ..render.pages import nav, render
from ..source import changelog
from ..source.glossary import abbr_config
from ..source.model import Statement
from ..source.problems import ContentError, Problem
from ..source.published import read_published
from .addresses import known_ids, site_address, site_url_problem

Content = str | bytes
"""A file's content: text (written as UTF-8 with LF line ends) or bytes (written as they are)."""

CONFIG = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"
CARD_CACHE = Path(".cache") / "cards"
"""Drawn link-preview cards, by content (git-ignored, like .cache/jinja): an unchanged card is not redrawn."""
CITE_CACHE = Path(".cache") / "cite"
"""Formatted citation shapes, by content: citeproc runs (and is imported) only when one changes."""
EPOCH_FILE = "SOURCE_DATE_EPOCH"
"""The content date as seconds since 1970 (one line): build the folder with this as SOURCE_DATE_EPOCH."""

# Settings that name our code or folders outside the site source: an engine must not see them.
_DROPPED = ("hooks", "watch")


def generated(
    st: Statement, site_url: str | None, changed: str | None = None, cards_cache: Path | None = None, site_name: str | None = None,
    cite_cache: Path | None = None, warn: Callable[[str], None] | None = None,
) -> dict[str, Content]:
    """Every generated file under docs/: Markdown pages, data files and link-preview cards (bytes).

    ``changed`` is the day the content last changed (``day(content_epoch(…))``), shown on the Data page;
    ``site_name`` (mkdocs.yml) is the publisher of the edition in citations. The caches change how fast,
    never what, a file is made. ``warn`` takes each warning line (a card that draws a character as an empty box).
    """
    cite.use_cache(cite_cache)
    drawn = cards.render(st, cards_cache)
    for fallback in drawn.fallbacks:
        (warn or (lambda _: None))(fallback.message())
    return {
        **render(st, site_url, changed=changed, site_name=site_name),
        **data.files(st, site_url, changed=changed, site_name=site_name),
        **drawn.files,
        **editions.robots(st, site_url),
    }


def clashes(docs_dir: Path, hand_written: set[str], made: dict[str, Content]) -> list[Problem]:
    """A hand-written docs/ file where a generated one goes: an error (an engine would silently keep one)."""
    return [
        Problem(os.path.relpath(docs_dir / path), 1, 1, "", "a hand-written file where the build puts the page made from statement/; rename or remove it")
        for path in sorted(hand_written & made.keys())
    ]


def overlay(st: Statement, known: list[tuple[str, str]] | None = None, root_url: str | None = None) -> dict[str, Any]:
    """What the statement adds to mkdocs.yml: the navigation, the abbr extension's glossary, (as
    ``extra.known_ids``) the IDs the 404 page suggests for a mistyped /c/<id>/ address, and the language
    switcher and template words (``editions.extra``)."""
    return {
        "nav": nav(st), "abbr": {"glossary": abbr_config(st)},
        "extra": {"known_ids": [list(k) for k in known or ()], **editions_config.extra("en", root_url, EN, editions_config.languages(st))},
    }


def apply(config: dict[str, Any], st: Statement, known: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """A plain mkdocs.yml mapping with the overlay merged in, ``hooks``/``watch`` removed (a new dict).

    Merged here rather than with ``INHERIT:``: MkDocs replaces lists on inheritance, Zensical appends them.
    """
    add = overlay(st, known, config.get("site_url") or None)
    out = {k: v for k, v in config.items() if k not in _DROPPED}
    out["nav"] = _plain(add["nav"])
    out["extra"] = {**(config.get("extra") or {}), **add["extra"]}
    exts: list[Any] = []
    found = False
    for ext in config.get("markdown_extensions", []):
        name = ext if isinstance(ext, str) else next(iter(ext))
        if name == "abbr":
            found = True
            options = {} if isinstance(ext, str) else dict(ext["abbr"] or {})
            exts.append({"abbr": {**options, **add["abbr"]}})
        else:
            exts.append(ext)
    if not found:
        exts.append({"abbr": add["abbr"]})
    out["markdown_extensions"] = exts
    return out


def _plain(value: Any) -> Any:
    """Navigation labels are escaped HTML marked safe (render.label): written to mkdocs.yml as the plain
    escaped string, which both engines print as HTML, as they do with any nav title."""
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def edition_config_name(lang: str) -> str:
    """A translated edition's config in the rendered site source: mkdocs.ja.yml beside mkdocs.yml."""
    return f"mkdocs.{lang}.yml"


def edition_files(
    st: Statement, lang: Lang, root_url: str | None, changed: str | None, ui: UI, project: Path, site_name: str | None = None,
) -> tuple[dict[str, Content], list[str]]:
    """Every generated file of a translated edition (pages and cards; the data files are the English tree's),
    and the warnings to print (a card drawn in English for want of a glyph)."""
    cite.use_cache(project / CITE_CACHE)
    made, notes = editions.generated(st, lang, root_url, changed, ui, project / CARD_CACHE, site_name)
    return dict(made), notes


def edition_config(project: Path, config: dict[str, Any], st: Statement, lang: Lang, ui: UI, published: Any) -> dict[str, Any]:
    """A translated edition's mkdocs.yml mapping, from the project's (as read by ``read_config``)."""
    local = localize(st, lang)
    base = apply(config, st, known_ids(st, published))
    return editions_config.config(base, st, lang, ui, _plain(nav(local, ui)), known_ids(local, published))


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
    config_file = project / CONFIG
    config = read_config(config_file)
    site_url = config.get("site_url") or None
    if problem := site_url_problem(site_url):
        raise ContentError([Problem(CONFIG, 1, 1, "site_url", f"{problem} (mkdocs.yml, or the SITE_URL environment variable)")])
    statement = statement or project / "statement"
    epoch = content_epoch(statement, changelog.content_date(st))
    docs_dir = project / str(config.get("docs_dir", DOCS))
    theme = config.get("theme") or {}
    files = _tree(docs_dir, DOCS)
    made = generated(st, site_url, day(epoch), project / CARD_CACHE, config.get("site_name"), project / CITE_CACHE, warn)
    if found := clashes(docs_dir, {p.removeprefix(f"{DOCS}/") for p in files}, made):
        raise ContentError(found)
    files.update((f"{DOCS}/{path}", content) for path, content in made.items())
    published, _ = read_published(statement)
    written = apply(config, st, known_ids(st, published))
    written["docs_dir"] = DOCS
    if isinstance(theme, dict) and theme.get("custom_dir"):
        files.update(_tree(project / str(theme["custom_dir"]), OVERRIDES))
        written["theme"] = {**theme, "custom_dir": OVERRIDES}
    head = "# Generated by `python -m scripts render` from mkdocs.yml and statement/: do not edit; edit those.\n"
    files[CONFIG] = head + yaml.safe_dump(written, sort_keys=False, allow_unicode=True, width=1000)
    files[EPOCH_FILE] = f"{epoch}\n"
    # Each translated edition: its own config beside the English one (OUT/mkdocs.ja.yml), its pages in OUT/ja/docs,
    # built after the English one into site/ja (Zensical keeps docs_dir and site_dir inside the config's folder).
    missing: list[Problem] = []
    for lang, ui in editions.uis(st).items():
        mapping = edition_config(project, config, st, lang, ui, published)
        mapping["docs_dir"], mapping["site_dir"] = f"{lang}/{DOCS}", f"site/{lang}"
        if isinstance(written.get("theme"), dict) and written["theme"].get("custom_dir"):
            mapping["theme"] = {**mapping["theme"], "custom_dir": OVERRIDES}
        files.update([(f"{lang}/{path}", content) for path, content in files.items() if path.startswith(f"{DOCS}/") and path.removeprefix(f"{DOCS}/") not in made])
        made_ed, notes = edition_files(st, lang, site_url, day(epoch), ui, project, config.get("site_name"))
        for note in notes:
            (warn or (lambda _: None))(note)
        files.update((f"{lang}/{DOCS}/{path}", content) for path, content in made_ed.items())
        files[edition_config_name(lang)] = head + yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=1000)
        missing += editions.missing_messages(ui)
    if missing:
        raise ContentError(missing, editions.CATALOGS)
    return dict(sorted(files.items()))

