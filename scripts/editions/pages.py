"""The Japanese and Korean editions' files: each edition's pages, cards and feed, the robots.txt naming every
edition's sitemap, the PDF of every edition's Read it all, and the interface messages an edition lacks.

Data files, citation downloads and the PDFs are published once, in the English tree; the editions link to them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..render import cards, compare, feed, pdf, printed
from ..render.messages import EN, UI, shown, template_strings
from ..render.messages import load as load_ui
from ..render.pages import nav, render
from ..render.previews import SITE_TITLE, site_title
from ..source.model import TRANSLATED, Lang, Statement
from ..source.problems import Problem
from . import localize
from .config import ROOT, SITE_DESCRIPTION, languages, prefix, site_url

CATALOGS = "scripts/locale/"
"""Where an edition's interface messages are translated (named by the error a missing one gives)."""


def generated(
    st: Statement, lang: Lang, root_url: str | None, changed: str | None, ui: UI, cards_cache: Any = None, site_name: str | None = None,
    cite_cache: Path | None = None,
) -> tuple[dict[str, str | bytes], list[str]]:
    """The pages of one translated edition (``st`` is the English statement) and its link-preview cards, with
    a warning for each card drawn in English because the CJK font subset lacks a character (scripts/render/cards.py)."""
    local = localize.localize(st, lang)
    drawn = cards.render(local, cards_cache, ui=ui, english=st)
    pages = render(local, site_url(root_url, lang), changed=changed, site_name=site_name, ui=ui, english=st, root=ROOT,
                   cite_cache=cite_cache)
    changes = feed.files(local, site_url(root_url, lang), site_title(local, ui), ui)
    side = compare.pages(localized(st), ui, site_url(root_url, lang), ROOT)
    return {**pages, **side, **drawn.files, **changes}, [f.message() for f in drawn.fallbacks]


def localized(st: Statement) -> dict[Lang, Statement]:
    """Every edition's statement, by language (English as it is): the columns of the side-by-side pages."""
    return {lang: localize.localize(st, lang) for lang in languages(st)}


def pdfs(st: Statement, root_url: str | None, changed: str | None, cache_dir: Any = None) -> tuple[dict[str, bytes], list[str], list[Problem]]:
    """The PDF of every edition's Read it all (``st`` is the English statement; each shows its own edition's
    permanent URLs), the warnings to print (a character no shipped font has), and the interface messages a
    translated PDF lacks (its catalog's problems are the edition's own, reported with its pages)."""
    docs = [printed.document(st, root_url, changed, EN)]
    found: list[Problem] = []
    for lang, ui in uis(st).items():
        docs.append(printed.document(localize.localize(st, lang), site_url(root_url, lang), changed, ui))
        found += [p for p in missing_messages(ui) if p not in ui.problems]
    notes = [gap.message() for doc in docs if (gap := pdf.lacking(doc))]
    return {doc.path: pdf.pdf(doc, cache_dir) for doc in docs}, notes, found


def missing_messages(ui: UI) -> list[Problem]:
    """What is wrong with the edition's catalog (its file, syntax, placeholders), then every interface message
    the edition asked for and its catalog lacks, one line each; an unreadable catalog is its one line."""
    if ui.unreadable:
        return list(ui.problems)  # the file is missing or unreadable: one line, not one per message
    return list(ui.problems) + [  # a message left out for a located problem is not also "missing"
        Problem(shown(ui.lang), 1, 1, "msgid", f"{m!r} has no {ui.lang} translation (tools/extract_messages.py adds it; then translate it)")
        for m in sorted(ui.missing - ui.rejected)]


def robots(st: Statement, root_url: str | None) -> dict[str, str]:
    """robots.txt naming every edition's sitemap (each build writes its own: /sitemap.xml, /ja/sitemap.xml …),
    so a crawler that reads the root finds all three. Sitemap lines must be absolute: none without an address."""
    if not root_url or len(languages(st)) < 2:
        return {}
    lines = ["User-agent: *", "Allow: /", ""] + [f"Sitemap: {root_url}{prefix(lang)}sitemap.xml" for lang in languages(st)]
    return {"robots.txt": "\n".join(lines) + "\n"}


def interface_problems(st: Statement) -> list[Problem]:
    """Every interface message a translated edition needs and its catalog lacks (``make translations``)."""
    found: list[Problem] = []
    for lang, ui in uis(st).items():
        render(localize.localize(st, lang), None, ui=ui, english=st, root=ROOT)
        compare.pages(localized(st), ui, None, ROOT)
        printed.document(localize.localize(st, lang), None, None, ui)
        nav(localize.localize(st, lang), ui)
        template_strings(ui)
        ui._(SITE_TITLE, title="", place="", date="")
        ui._(SITE_DESCRIPTION, short_title="", place="", date="")
        found += missing_messages(ui)
    return found


def catalog_problems(st: Statement) -> list[Problem]:
    """What is wrong with each translated edition's catalog file (``check``): one line each, all of them."""
    return [p for ui in uis(st).values() for p in ui.problems]


def uis(st: Statement) -> dict[Lang, UI]:
    """A fresh UI per translated edition the statement has (statement/translations/; each UI collects its
    own missing messages). A statement without translations is published in English only."""
    have = {e.lang for e in st.editions}
    return {lang: load_ui(lang) for lang in TRANSLATED if lang in have}
