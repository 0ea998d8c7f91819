"""Stage: the site's own words (labels, headings, notes) in each edition's language.

English is written in the code as gettext message IDs (``ui._("Copy link")``); the Japanese and Korean
are gettext catalogs, ``scripts/locale/<lang>.po`` (any PO editor opens them). Each is read as a source
file (the YAML's file rules), parsed by Babel with every problem located (syntax, duplicates, placeholders
that differ from the msgid's), compiled to MO bytes in memory and looked up with the standard library's
``gettext`` (no .mo file). Dates and lists follow each language's conventions through Babel's CLDR data
(3 April 2025, 2025年4月3日, 2025년 4월 3일).

A message a catalog lacks (or marks fuzzy) is shown in English and recorded in ``UI.missing``: the build
reports every one as an error naming the catalog, ``mkdocs serve`` as a warning; so are ``UI.problems``.
"""

from __future__ import annotations

import datetime
import gettext
import io
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..source.files import read_text
from ..source.model import Lang
from ..source.problems import Problem
from . import markdown

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
    """One edition's words: ``_`` and ``n_`` translate, ``date`` and ``join`` format; English is the identity.

    ``_``/``n_`` give Markdown (also valid raw HTML): a translation keeps only the markup its msgid has, the
    rest of it is escaped text. ``text_``/``ntext_`` give plain text, for places that escape for themselves
    (front matter, navigation labels, attributes, cards, templates). Placeholder values are the caller's to escape.
    """

    lang: Lang = "en"
    catalog: gettext.NullTranslations | None = field(default=None, compare=False)  # compiled from the .po (None: English)
    missing: set[str] = field(default_factory=set, compare=False)  # message IDs asked for and not translated
    problems: tuple[Problem, ...] = field(default=(), compare=False)  # what is wrong with the catalog file
    rejected: frozenset[str] = field(default=frozenset(), compare=False)  # msgids left out for one of those problems
    unreadable: bool = field(default=False, compare=False)  # no catalog could be read: every message in English

    def _(self, msgid: str, **values: object) -> str:
        """The message in this language as Markdown, with ``{name}`` placeholders filled from ``values``."""
        text = msgid if self.catalog is None else markdown.message(msgid, self._gettext(msgid))
        return text.format(**values) if values else text

    def n_(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The singular or plural message for ``n`` as Markdown (``{n}`` is filled in)."""
        if self.catalog is None:
            text = singular if n == 1 else plural
        else:
            text = markdown.message(plural, self._ngettext(singular, plural, n))
        return text.format(n=n, **values)

    def text_(self, msgid: str, **values: object) -> str:
        """The message as plain text (the place it goes escapes it)."""
        text = msgid if self.catalog is None else self._gettext(msgid)
        return text.format(**values) if values else text

    def ntext_(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The singular or plural message as plain text."""
        text = (singular if n == 1 else plural) if self.catalog is None else self._ngettext(singular, plural, n)
        return text.format(n=n, **values)

    def _gettext(self, msgid: str) -> str:
        assert self.catalog is not None
        return self.catalog.gettext(msgid)

    def _ngettext(self, singular: str, plural: str, n: int) -> str:
        assert self.catalog is not None
        return self.catalog.ngettext(singular, plural, n)

    def date(self, iso: str) -> str:
        """An ISO date (2025-04-03) in the language's long form."""
        from babel.dates import format_date

        return format_date(datetime.date.fromisoformat(iso), "long", locale=LOCALES[self.lang])

    @property
    def comma(self) -> str:
        """What separates the items of a plain list: ", " (Japanese: "、")."""
        return "、" if self.lang == "ja" else ", "

    def join(self, items: Iterable[str]) -> str:
        """"a, b and c" / "a、b、c" / "a, b 및 c"."""
        from babel.lists import format_list

        items = list(items)
        return format_list(items, locale=LOCALES[self.lang]) if items else ""


EN = UI("en")


def long_date(iso: str) -> str:
    """An ISO date in English, as the data files give it: "2025-04-03" → "3 April 2025" (no clock, no locale of the machine)."""
    return EN.date(iso)


class _Missing(gettext.NullTranslations):
    """The fallback of a compiled catalog: a message it lacks is shown in English and recorded."""

    def __init__(self, missing: set[str]) -> None:
        super().__init__()
        self.missing = missing

    def gettext(self, message: str) -> str:
        self.missing.add(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.missing.add(msgid1)
        return msgid1 if n == 1 else msgid2


def load(lang: Lang) -> UI:
    """A fresh UI for ``lang`` (its own ``missing`` set); a catalog is read and compiled once per change of the file."""
    if lang == "en":
        return UI("en")
    path = catalog_path(lang)
    try:
        stamp = path.stat().st_mtime_ns, path.stat().st_size
    except OSError:
        stamp = (0, 0)
    mo, problems, rejected = _compiled(lang, stamp)
    missing: set[str] = set()
    fallback = _Missing(missing)
    if mo is None:
        catalog: gettext.NullTranslations = fallback
    else:
        catalog = gettext.GNUTranslations(io.BytesIO(mo))
        catalog.add_fallback(fallback)
    return UI(lang, catalog, missing, problems, rejected, mo is None)


def problems(lang: Lang) -> list[Problem]:
    """What is wrong with ``lang``'s catalog file (``check``): file rules, syntax, duplicates, placeholders."""
    return list(load(lang).problems)


def shown(lang: Lang) -> str:
    """The catalog's path as error lines name it."""
    return f"scripts/locale/{lang}.po"


@cache
def _compiled(lang: Lang, stamp: tuple[int, int]) -> tuple[bytes | None, tuple[Problem, ...], frozenset[str]]:
    """The catalog compiled to MO bytes in memory (no .mo file is written), and its problems. A message with a
    problem is left out (shown in English); an unreadable catalog compiles to nothing (None)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    where = shown(lang)
    text, found = read_text(catalog_path(lang), where, LOCALE_DIR.parent.parent)
    if text is None:
        return None, tuple(Problem(p.path, p.line, p.column, "", _missing_file(lang) if p.message == "file is missing" else p.message)
                           for p in found), frozenset()
    catalog = Catalog(locale=LOCALES[lang], charset="utf-8")
    parser = _parser_class()(catalog, where)
    try:
        parser.parse(text.split("\n"))
    except ValueError as e:  # Babel reads the header's Plural-Forms as it parses
        return None, (_header_problem(where, text, e),), frozenset()
    problems = parser.problems
    rejected = set()
    for m in list(catalog):
        if not m.id:
            continue
        line = parser.msgstr_lines.get(_key(m.id), m.lineno or 1)
        bad = _placeholder_problems(m.id, m.string)
        problems += [Problem(where, line, 1, "msgstr", b) for b in bad]
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if bad:
            rejected.add(_key(m.id))
        if bad or not all(strings):  # left out: shown in English (untranslated ones are reported as missing)
            del catalog[m.id]
    buf = io.BytesIO()
    write_mo(buf, catalog)  # fuzzy messages are left out: shown in English and reported as missing
    try:
        gettext.GNUTranslations(io.BytesIO(buf.getvalue()))  # gettext parses the plural formula itself
    except (ValueError, OSError) as e:
        return None, (_header_problem(where, text, e),), frozenset()
    return buf.getvalue(), tuple(sorted(problems)), frozenset(rejected)


def _header_problem(where: str, text: str, e: Exception) -> Problem:
    lines = text.split("\n")
    line = next((i for i, x in enumerate(lines, 1) if "Plural-Forms:" in x), 1)
    return Problem(where, line, 1, "Plural-Forms", f"{e} (the header's plural formula, e.g. nplurals=1; plural=0;)")


def _missing_file(lang: Lang) -> str:
    return (f"file is missing: the {NAMES[lang]} edition's interface catalog (statement/translations/ has a {lang} "
            "edition; tools/extract_messages.py writes the catalog, then translate it)")


def _key(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _fields(text: str) -> list[str]:
    """The names of the ``{placeholders}`` in a message (raises ValueError on a lone brace)."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _placeholder_problems(msgid: str | tuple[str, ...], msgstr: str | tuple[str, ...]) -> list[str]:
    """Every msgstr has exactly its msgid's placeholders: another name fails the build, a dropped one loses a value."""
    ids = (msgid,) if isinstance(msgid, str) else msgid
    want = {f for i in ids for f in _fields(i)}
    out = []
    for s in (msgstr,) if isinstance(msgstr, str) else msgstr:
        if not s:
            continue
        try:
            have = set(_fields(s))
        except ValueError as e:
            out.append(f"{s!r}: {e} (a literal brace is written {{{{ or }}}}); msgid {_key(msgid)!r}")
            continue
        if have != want:
            def names(xs: set[str]) -> str:
                return ", ".join("{" + x + "}" for x in sorted(xs)) or "none"
            what = "; ".join(x for x in (f"has {names(have - want)}, which the msgid has not" if have - want else "",
                                         f"drops {names(want - have)}" if want - have else "") if x)
            out.append(f"{s!r} {what} (msgid {_key(msgid)!r}: placeholders {names(want)})")
    return out


# A PO string: "…" with backslash escapes, nothing after the closing quote.
_PO_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


@cache
def _parser_class() -> type:
    """Babel's PO parser, imported when a catalog is first read (not by every command)."""
    from babel.messages.pofile import PoFileParser

    class Parser(PoFileParser):
        """Babel's PO parser, collecting what it would only warn of (a garbage line, a missing msgstr), an
        unterminated string, and a duplicate msgid (Babel keeps one silently), as located problems."""

        def __init__(self, catalog: object, where: str) -> None:
            super().__init__(catalog)  # type: ignore[arg-type]
            self.where = where
            self.problems: list[Problem] = []
            self.first: dict[str, int] = {}
            self.msgstr_lines: dict[str, int] = {}
            self._msgstr_line = 0

        def _invalid_pofile(self, line: object, lineno: int, msg: str) -> None:
            self.problems.append(Problem(self.where, lineno + 1, 1, "", f"{msg} (not a valid PO line)" if line else msg))

        def _process_message_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
            keyword, _, arg = line.partition(" ")
            if keyword.startswith("msgstr[") and not re.fullmatch(r"msgstr\[\d+\]", keyword):
                self.problems.append(Problem(self.where, lineno + 1, 1, "", f"{keyword[:20]!r}: a plural form's index is a number (msgstr[0])"))
                return
            if line.startswith('"'):
                arg = line
            elif not re.fullmatch(r"msgid|msgid_plural|msgctxt|msgstr(\[\d+\])?", keyword):
                arg = ""  # not a string line: Babel reports it (an unknown keyword)
            if arg and not _PO_STRING.fullmatch(arg.strip()):
                self.problems.append(Problem(self.where, lineno + 1, 1, "", f"{line[:60]!r}: not a complete quoted string "
                                             '(a string starts and ends with ", inner quotes written \\")'))
            if line.startswith("msgstr"):
                self._msgstr_line = lineno + 1
            super()._process_message_line(lineno, line, obsolete)

        def _add_message(self) -> None:
            key = self.messages[0].denormalize()
            line = self.offset + 1
            if not self.obsolete:
                if key in self.first:
                    self.problems.append(Problem(self.where, line, 1, "msgid", f"{key!r} is a duplicate of the msgid at line {self.first[key]} "
                                                 "(each message once)"))
                else:
                    self.first[key] = line
                    self.msgstr_lines[key] = self._msgstr_line or line
            super()._add_message()

    return Parser


# The words templates show (overrides/: 404.html, main.html, partials/), by the name a template uses:
# config.extra.ui.<name> in each edition's mkdocs.yml.
TEMPLATE_MESSAGES: dict[str, str] = {
    "not_found_title": N_("Page not found"),
    "not_found_text": N_("There is no page at this address. It may have been mistyped or cut short when it was copied."),
    "not_found_closest": N_("Did you mean one of these pages?"),
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
    "feed_title": N_("Changes to this edition (Atom feed)"),
    # The banner's one line (the full notice, with the link to the English page, is at the foot of every page).
    "translation_notice_short": N_("This site's own reference translation, not an official one."),
    "translation_notice_more": N_("More"),
    "dark_mode": N_("Switch to dark mode"),
    "light_mode": N_("Switch to light mode"),
    "search_none": N_(
        "No matching documents. This edition records what its sources establish, which is not all of the statement: "
        "browse the Topics page, or see the page “What this edition does not cover”."
    ),
}


def template_strings(ui: UI) -> dict[str, str]:
    """TEMPLATE_MESSAGES in ``ui``'s language (placeholders left for the template to fill)."""
    return {name: ui.text_(msgid) for name, msgid in TEMPLATE_MESSAGES.items()}
