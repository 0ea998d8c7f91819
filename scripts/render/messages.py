"""Stage: the site's own words (labels, headings, notes) in each edition's language.

English is written in the code as gettext message IDs (``ui._("Copy link")``); the Japanese and Korean
are gettext catalogs, ``scripts/locale/<lang>.po``, read with Babel (the field's own tool: ``pybabel
extract`` finds every message, and any PO editor opens the files). Dates and lists follow each language's
conventions through Babel's CLDR data (3 April 2025, 2025年4月3日, 2025년 4월 3일).

A message a catalog lacks (or marks fuzzy) is shown in English and recorded in ``UI.missing``: the build
reports every one as an error naming the catalog, ``mkdocs serve`` as a warning.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..source.model import Lang

LOCALES: dict[Lang, str] = {"en": "en_GB", "ja": "ja", "ko": "ko"}  # en_GB: "3 April 2025", "a, b and c"
NAMES: dict[Lang, str] = {"en": "English", "ja": "日本語", "ko": "한국어"}  # each language in itself (the switcher)
LOCALE_DIR = Path(__file__).parent.parent / "locale"


def catalog_path(lang: Lang) -> Path:
    return LOCALE_DIR / f"{lang}.po"


def N_(msgid: str) -> str:
    """Marks a message for extraction where it is looked up later (template strings, tables)."""
    return msgid


@dataclass(frozen=True)
class UI:
    """One edition's words: ``_`` and ``n_`` translate, ``date`` and ``join`` format; English is the identity."""

    lang: Lang = "en"
    messages: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    missing: set[str] = field(default_factory=set, compare=False)  # message IDs asked for and not translated

    def _(self, msgid: str, **values: object) -> str:
        """The message in this language, with ``{name}`` placeholders filled from ``values``."""
        text = msgid
        if self.lang != "en":
            found = self.messages.get(msgid)
            if found and found[0]:
                text = found[0]
            else:
                self.missing.add(msgid)
        return text.format(**values) if values else text

    def n_(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The singular or plural message for ``n`` (``{n}`` is filled in). Japanese and Korean have one form."""
        text = singular if n == 1 else plural
        if self.lang != "en":
            found = self.messages.get(singular)
            if found and found[0]:
                text = found[min(0 if len(found) == 1 else int(n != 1), len(found) - 1)]
            else:
                self.missing.add(singular)
        return text.format(n=n, **values)

    def date(self, iso: str) -> str:
        """An ISO date (2025-04-03) in the language's long form."""
        from babel.dates import format_date

        return format_date(datetime.date.fromisoformat(iso), "long", locale=LOCALES[self.lang])

    def join(self, items: Iterable[str]) -> str:
        """"a, b and c" / "a、b、c" / "a, b 및 c"."""
        from babel.lists import format_list

        items = list(items)
        return format_list(items, locale=LOCALES[self.lang]) if items else ""


EN = UI("en")


def long_date(iso: str) -> str:
    """An ISO date in English, as the data files give it: "2025-04-03" → "3 April 2025" (no clock, no locale of the machine)."""
    return EN.date(iso)


@cache
def _read(lang: Lang, mtime_ns: int) -> dict[str, tuple[str, ...]]:
    from babel.messages.pofile import read_po

    with catalog_path(lang).open("rb") as f:
        catalog = read_po(f, locale=LOCALES[lang])
    out: dict[str, tuple[str, ...]] = {}
    for m in catalog:
        if not m.id or m.fuzzy:
            continue
        key = m.id if isinstance(m.id, str) else m.id[0]
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if all(strings):
            out[key] = tuple(strings)
    return out


def load(lang: Lang) -> UI:
    """A fresh UI for ``lang`` (its own ``missing`` set); catalogs are read once per change of the file."""
    if lang == "en":
        return UI("en")
    path = catalog_path(lang)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return UI(lang)  # every message missing: reported as such
    return UI(lang, _read(lang, mtime))


# The words templates show (overrides/: 404.html, main.html, partials/), by the name a template uses:
# config.extra.ui.<name> in each edition's mkdocs.yml.
TEMPLATE_MESSAGES: dict[str, str] = {
    "not_found_title": N_("Page not found"),
    "not_found_text": N_("There is no page at this address. It may have been mistyped or cut short when it was copied."),
    "not_found_closest": N_("Did you mean one of these points?"),
    "not_found_all": N_("All points, with their IDs"),
    "not_found_home": N_("The home page"),
    "not_found_search": N_("Search this edition"),
    "copied": N_("Copied"),
    "copy_blocked": N_("Copying was blocked: the link is selected, press {keys} to copy it."),
    "permanent_link": N_("Permanent link"),
    "language": N_("Language"),
    "language_label": N_("Read this page in another language"),
    "translation_notice": N_(
        "This page is this site's own reference translation from English, not an official translation. "
        "The statement's own words stay in English, with our translation beneath them."
    ),
    "translation_notice_link": N_("Read this page in English"),
    "dark_mode": N_("Switch to dark mode"),
    "light_mode": N_("Switch to light mode"),
    "search_none": N_(
        "No matching documents. This edition covers only what a news summary of the statement reports: "
        "browse the Topics page, or see the page “What this edition does not cover”."
    ),
}


def template_strings(ui: UI) -> dict[str, str]:
    """TEMPLATE_MESSAGES in ``ui``'s language (placeholders left for the template to fill)."""
    return {name: ui._(msgid) for name, msgid in TEMPLATE_MESSAGES.items()}
