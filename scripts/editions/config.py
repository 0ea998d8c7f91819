"""The Japanese and Korean editions' settings: each edition's mkdocs.yml mapping, made from the project's.

An edition is the same pages (same paths, same IDs) rendered from ``localize(st, lang)`` with that
language's words (scripts/render/messages.py), and built by its own MkDocs run: Material's interface
strings, the ``<html lang>`` and the search index's language are per build (``theme.language``, ``search:
lang``), so one build cannot hold three languages. ``config(...)`` is the edition's complete mkdocs.yml
mapping; the hook builds it in-process into ``site/<lang>/``, and ``python -m scripts render OUT`` writes
it to ``OUT/mkdocs.<lang>.yml`` (pages in ``OUT/<lang>/docs``) for any engine that reads it.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from ..render import feed
from ..render.messages import N_, NAMES, UI, template_strings
from ..render.pages import nav, page_url, party_page, topic_page
from ..render.previews import SITE_TITLE, site_title
from ..source.glossary import abbr_config
from ..source.model import LANGS, Lang, Statement
from ..source.published import known_ids
from . import localize

ROOT = "../"
"""From an edition's root to the English root (the editions are one level down)."""

# The edition's title (render/previews.py SITE_TITLE) and description in its config. Citations keep the English edition's name (statement.yaml's
# edition, else the English site_name): they cite the English edition.
SITE_DESCRIPTION = N_(
    "{short_title} ({place}, {date}), point by point: each summarised in our words with the sources it rests on, "
    "searchable and citable. The translation is this site's own, not an official one."
)


# Material's search per edition (plugins: search), set explicitly rather than left to the theme language's
# defaults. Both keep the site's indexing: sections, boosts and exclusions come from the built pages.
_KANJI, _HIRAGANA, _KATAKANA = "\u4e00-\u9fff\u3005", "\u3041-\u3096", "\u30a1-\u30fa\u30fc"
SEARCH: dict[Lang, dict[str, Any]] = {
    # Japanese: lunr's ja support (TinySegmenter splits the index into words; its stemmer changes nothing).
    # The separator is Material's ja one, with more punctuation, plus a split wherever kanji, hiragana and
    # katakana meet: Material segments a query's kanji runs against the index but leaves a run that mixes
    # scripts whole, so 北朝鮮のサイバー or 核リスク would be one term no indexed word starts with. Split
    # the same way in the index and in the query, they become 北朝鮮 サイバー and 核 リスク. A lone の, と or
    # や between two words (kanji or katakana) is the particle joining them, not a word: it is a separator
    # (first, so it wins over the zero-width splits around it). Kept as a term, every Japanese passage
    # matched it (Material's terms are alternatives): 北朝鮮のサイバー listed 21 more pages than 北朝鮮 サイバー.
    "ja": {
        "lang": ["ja"],
        "separator": (
            f"(?<=[{_KANJI}{_KATAKANA}])[のとや](?=[{_KANJI}{_KATAKANA}])"
            "|[\\s\\-\u3000、。，．・「」『』（）()：:]+"
            f"|(?<=[{_KANJI}])(?=[{_HIRAGANA}{_KATAKANA}])"
            f"|(?<=[{_HIRAGANA}])(?=[{_KANJI}{_KATAKANA}])"
            f"|(?<=[{_KATAKANA}])(?=[{_KANJI}{_HIRAGANA}])"
        ),
        "pipeline": ["stemmer"],
    },
    # Korean: lunr's ko support has no stemmer; words are spaced, and a query term matches any indexed word it
    # begins (Material adds a trailing wildcard), so 북한 finds 북한의 and 북한과. No trimmer: lunr's ko
    # trimmer keeps only Hangul and Latin letters and would strip 2025 to nothing. Punctuation splits instead
    # (인도·태평양, 유엔해양법협약(UNCLOS)), so no word is indexed with its brackets or middle dot.
    "ko": {
        "lang": ["ko"],
        "separator": '[\\s\\-·()（）,、“”‘’"]+',
        "pipeline": [],
    },
}


def prefix(lang: Lang) -> str:
    """An edition's folder under the site root: "" for English, "ja/", "ko/"."""
    return "" if lang == "en" else f"{lang}/"


def site_url(root_url: str | None, lang: Lang) -> str | None:
    return f"{root_url}{prefix(lang)}" if root_url else None


def alternates(lang: Lang, root_url: str | None, langs: tuple[Lang, ...] = LANGS) -> list[dict[str, str]]:
    """Material's ``extra.alternate``: each edition's root, relative to this edition's root (the override of
    partials/alternate.html adds the page's own path, so the switcher keeps the reader on the same page);
    ``url`` is its absolute address when the site's address is configured (hreflang links must be absolute)."""
    here = "" if lang == "en" else ROOT
    out = []
    for other in langs:
        alt = {"name": NAMES[other], "link": "" if other == lang else here + prefix(other), "lang": other}
        if root_url:
            alt["url"] = f"{root_url}{prefix(other)}"
        out.append(alt)
    return out


def extra(lang: Lang, root_url: str | None, ui: UI, langs: tuple[Lang, ...] = LANGS) -> dict[str, Any]:
    """What the templates read from ``config.extra`` in every edition, English included; no switcher
    when the statement is published in English only."""
    out: dict[str, Any] = {"lang": lang, "prefix": prefix(lang), "ui": template_strings(ui)}
    if len(langs) > 1:
        out["alternate"] = alternates(lang, root_url, langs)
    return out


def languages(st: Statement) -> tuple[Lang, ...]:
    """The editions a statement is published in: English, and each language it has translations for."""
    have = {e.lang for e in st.editions}
    return tuple(lang for lang in LANGS if lang == "en" or lang in have)


# The edition line of every printed page (partials/print-heading.html): the edition's name is the one citations
# give it (statement.yaml's edition), in every language.
PRINT_EDITION = N_("{edition}, this site's edition in {language}.")


def print_heading(st: Statement, ui: UI, edition: str) -> dict[str, str]:
    """What every printed page starts with (partials/print-heading.html), in the edition's language: the
    statement with its place and date, this edition, and what it covers. Plain text: the template escapes it."""
    return {
        "statement": ui.text_(SITE_TITLE, title=st.title, place=st.place, date=ui.date(st.date)),
        "edition": ui.text_(PRINT_EDITION, edition=edition, language=NAMES[ui.lang]),
        "coverage": st.coverage or "",
    }


def known_pages(st: Statement, ui: UI) -> list[list[str]]:
    """The pages the 404 page suggests when a topic ID or party slug is typed where a point ID goes
    (/c/critical-minerals/): [ID, label, path from the edition's root, what it is], sorted."""
    topic, party = ui.text_("Topic"), ui.text_("Party")
    return sorted([[t.id, t.label, page_url(topic_page(t)), topic] for t in st.topics]
                  + [[p.slug, p.name, page_url(party_page(p)), party] for p in st.parties])


# Settings that name our code or folders outside the site source: an engine must not see them.
DROPPED = ("hooks", "watch")


def config(project: dict[str, Any], st: Statement, lang: Lang, ui: UI, published: dict[str, object] | None) -> dict[str, Any]:
    """An edition's complete mkdocs.yml mapping, English included: the project's settings (``project``, as
    MkDocs reads mkdocs.yml) with the statement's navigation, abbreviation glossary and template words and the
    IDs the 404 page suggests; a translated edition also gets its address, names, language and search.
    ``hooks`` and ``watch`` are dropped; navigation labels are escaped HTML marked safe (``plain`` for YAML)."""
    local = localize.localize(st, lang)
    root_url = project.get("site_url") or None
    out = {k: v for k, v in project.items() if k not in DROPPED}
    if lang != "en":
        out["site_url"] = site_url(root_url, lang)
        # Escaped once, as the navigation labels are (render/pages.py label): Material prints site_name as HTML
        # in the header; our templates turn it back into text (striptags) before escaping it for theirs.
        out["site_name"] = str(escape(site_title(local, ui)))
        out["site_description"] = ui.text_(SITE_DESCRIPTION, short_title=local.short_title, place=local.place, date=ui.date(st.date))
        theme = dict(project.get("theme") or {})
        theme["language"] = lang
        strings = template_strings(ui)
        theme["palette"] = [
            {**p, "toggle": {**(p.get("toggle") or {}), "name": strings["dark_mode" if p.get("scheme") != "slate" else "light_mode"]}}
            for p in theme.get("palette") or []
        ]
        out["theme"] = theme
        out["plugins"] = [{"search": SEARCH[lang]} if name(p) == "search" else p for p in project.get("plugins") or []]
    out["nav"] = nav(local, ui)
    known = [list(k) for k in known_ids(local, published)]
    out["extra"] = {**(project.get("extra") or {}), "known_ids": known, "known_pages": known_pages(local, ui),
                    "print_heading": print_heading(local, ui, st.edition or project.get("site_name") or ""),
                    **extra(lang, root_url, ui, languages(st))}
    if address := feed.address(local, site_url(root_url, lang)):  # every page's head names it (overrides/partials/feed.html)
        out["extra"]["feed"] = address
    # Merged here rather than with ``INHERIT:``: MkDocs replaces lists on inheritance, Zensical appends them.
    glossary = {"glossary": abbr_config(local)}
    exts = [{"abbr": {**((ext["abbr"] or {}) if isinstance(ext, dict) else {}), **glossary}} if name(ext) == "abbr" else ext
            for ext in project.get("markdown_extensions") or []]
    out["markdown_extensions"] = exts if any(name(e) == "abbr" for e in exts) else [*exts, {"abbr": glossary}]
    return out


def name(item: Any) -> str:
    """The name of a plugin or Markdown extension as mkdocs.yml lists it: ``abbr`` or ``{abbr: {…}}``."""
    return item if isinstance(item, str) else next(iter(item))


def plain(value: Any) -> Any:
    """A mapping as YAML carries it: navigation labels (escaped HTML marked safe, render/pages.py label) as the
    plain escaped strings both engines print as HTML, as they do with any nav title."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return str(value) if isinstance(value, str) else value
