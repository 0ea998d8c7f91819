"""Print: a section page rendered to PDF by Chromium has the statement, each commitment's permanent URL,
no navigation, search or buttons, and no commitment split across two pages. Every printed page starts with
the statement, its date, this edition and what it covers, in the edition's language (issue 23)."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

import pytest

from conftest import STATEMENT
from scripts.editions.config import PRINT_EDITION, SITE_TITLE
from scripts.editions.localize import localize
from scripts.render.messages import NAMES
from scripts.render.messages import load as load_ui
from scripts.source.statement import load_statement

SECTION = "/sections/security/"
ST = load_statement(STATEMENT)


@dataclass(frozen=True)
class Printed:
    pages: tuple[str, ...]  # text of each PDF page, whitespace removed (PDF text wraps anywhere)
    titles: tuple[str, ...]
    ids: tuple[str, ...]
    chrome: tuple[str, ...]  # texts only the site's navigation, search and buttons carry


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# Chromium's PDF maps some CJK glyphs back to the first code point that shares the glyph: 日 comes out as the
# Kangxi radical ⽇ (NFKC undoes it), 西 as the radical ⻄ (no decomposition), ・ as ‧. Text from the page
# matches the PDF's when each such character is allowed its glyph twins; nothing else is loosened.
_TWINS = {"・": "[・‧]", "·": "[·‧]"}


def _printed(needle: str, text: str) -> bool:
    return _where(needle, text) >= 0


def _where(needle: str, text: str) -> int:
    """Where the needle is printed in the text (NFKC), or -1."""
    pattern = "".join(_TWINS.get(c, f"(?:{re.escape(c)}|[\u2e80-\u2eff])" if "\u4e00" <= c <= "\u9fff" else re.escape(c))
                      for c in _flat(unicodedata.normalize("NFKC", needle)))
    found = re.search(pattern, unicodedata.normalize("NFKC", text))
    return found.start() if found else -1


def heading_lines(lang: str) -> list[str]:
    """The first lines every printed page of an edition starts with, made here from statement/ and the catalogs:
    the statement with its place and date, this edition, what it covers."""
    ui, local = load_ui(lang), localize(ST, lang)  # type: ignore[arg-type]
    assert local.coverage and ST.edition
    return [ui.text_(SITE_TITLE, title=local.title, place=local.place, date=ui.date(ST.date)),
            ui.text_(PRINT_EDITION, edition=ST.edition, language=NAMES[lang]), local.coverage]  # type: ignore[index]


# What the page shows on screen, then what Chromium prints of it (A4, print media, background off).
@pytest.fixture(scope="module")
def printed(browser: object, base_url: str) -> Printed:
    from pypdf import PdfReader

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(base_url + SECTION, wait_until="networkidle")
        ids = page.eval_on_selector_all(".commitment > h2[id]", "hs => hs.map(h => h.id)")
        titles = page.eval_on_selector_all(".commitment > h2[id]", "hs => hs.map(h => h.textContent.replace('¶', '').trim())")
        chrome = page.evaluate("""() => {
          const article = document.querySelector('.md-content').innerText;
          const nav = [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')].map(a => a.innerText.trim());
          return [...nav.filter(t => t.length > 3 && !article.includes(t)), 'Copy link', 'Skip to content', 'Type to start searching'];
        }""")
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        context.close()
    reader = PdfReader(io.BytesIO(pdf))
    return Printed(tuple(_flat(p.extract_text()) for p in reader.pages), tuple(titles), tuple(ids), tuple(chrome))


def test_print_has_every_commitment_and_its_permanent_url(printed: Printed, base_url: str) -> None:
    assert len(printed.ids) >= 3, printed.ids
    text = "".join(printed.pages)
    for title in printed.titles:
        assert _flat(title) in text, f"commitment title missing from print: {title}"
    missing = [cid for cid in printed.ids if _flat(f"Permanent link: {base_url}/c/{cid}/") not in text]
    assert not missing, f"no absolute permanent URL printed for: {missing}"


def test_print_starts_with_the_statement_date_edition_and_coverage(printed: Printed) -> None:
    # Before issue 23 a printed English section started "Security" (its heading), from nothing in particular.
    first = printed.pages[0]
    assert first.startswith(_flat("".join(heading_lines("en")))), first[:300]


def test_print_hides_navigation_search_and_buttons(printed: Printed) -> None:
    text = "".join(printed.pages)
    assert len(printed.chrome) > 5, printed.chrome
    shown = [t for t in printed.chrome if _flat(t) in text]
    assert not shown, f"site furniture printed: {shown}"
    # The heading permalinks (¶) are hidden; a source's paragraph (¶7) is part of what a point rests on.
    assert not re.search(r"¶(?!\d)", text)


def test_print_keeps_each_commitment_on_one_page(printed: Printed, base_url: str) -> None:
    assert len(printed.pages) >= 2, "the section should need more than one page, or this test proves nothing"
    split = []
    for cid in printed.ids:
        start = next(i for i, p in enumerate(printed.pages) if f"ID:{cid}" in p)  # the line under the heading
        end = next(i for i, p in enumerate(printed.pages) if f"c/{cid}/" in p)
        if start != end:
            split.append(f"{cid}: title on page {start + 1}, permanent link on page {end + 1}")
    assert not split, "commitments split across pages:\n" + "\n".join(split)


# --- The Japanese and Korean editions: the same section printed, with the translation notice ---
@dataclass(frozen=True)
class PrintedEdition:
    lang: str
    printed: Printed
    notice: str  # the translation notice in its full words, as it prints


@pytest.fixture(scope="module", params=["ja", "ko"])
def printed_edition(request: pytest.FixtureRequest, browser: object, base_url: str) -> PrintedEdition:
    from pypdf import PdfReader

    lang = request.param
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(f"{base_url}/{lang}{SECTION}", wait_until="networkidle")
        assert page.evaluate("document.documentElement.lang") == lang
        ids = page.eval_on_selector_all(".commitment > h2[id]", "hs => hs.map(h => h.id)")
        titles = page.eval_on_selector_all(".commitment > h2[id]", "hs => hs.map(h => h.textContent.replace('¶', '').trim())")
        # On paper the banner gives the notice's full words (on screen, its one line).
        notice = page.text_content(".md-banner .translation-notice__full")
        # The edition's own words for the furniture: skip link, search placeholder, copy buttons, switcher.
        chrome = page.evaluate("""() => {
          const article = document.querySelector('.md-content').innerText;
          const texts = [...document.querySelectorAll('.md-sidebar--primary .md-nav__link, .md-skip, .copy-link, .md-select__link')]
            .map(a => a.innerText.trim()).filter(t => t.length > 1 && !article.includes(t));
          const search = document.querySelector('.md-search__input');
          return [...new Set([...texts, search ? search.placeholder : ''])].filter(Boolean);
        }""")
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        context.close()
    reader = PdfReader(io.BytesIO(pdf))
    pages = tuple(_flat(p.extract_text()) for p in reader.pages)
    return PrintedEdition(lang, Printed(pages, tuple(titles), tuple(ids), tuple(chrome)), notice)


def test_edition_print_has_every_point_its_permanent_url_and_the_notice(printed_edition: PrintedEdition, base_url: str) -> None:
    lang, printed = printed_edition.lang, printed_edition.printed
    assert len(printed.ids) >= 3, printed.ids
    text = "".join(printed.pages)
    missing = [t for t in printed.titles if not _printed(t, text)]
    assert not missing, f"/{lang}/ point titles missing from print: {missing}"
    no_url = [cid for cid in printed.ids if _flat(f"{base_url}/{lang}/c/{cid}/") not in text]
    assert not no_url, f"/{lang}/: no absolute permanent URL printed for: {no_url}"
    assert len(_flat(printed_edition.notice)) > 20, printed_edition.notice
    assert _printed(printed_edition.notice, printed.pages[0]), f"/{lang}/: the translation notice is not on the first printed page"


def test_edition_print_starts_with_the_notice_then_the_statement_date_edition_and_coverage(printed_edition: PrintedEdition) -> None:
    first = unicodedata.normalize("NFKC", printed_edition.printed.pages[0])
    at = [_where(printed_edition.notice, first), *(_where(line, first) for line in heading_lines(printed_edition.lang))]
    assert at[0] == 0 and -1 not in at and at == sorted(at), (at, first[:300])
    title = _where(printed_edition.printed.titles[0], first)
    assert title > at[-1], "the heading comes before the page's own text"


# Every kind of page, in each edition, as Chromium lays it out for print (no PDF: one page load each).
@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
@pytest.mark.parametrize("path", ["", "read/", f"c/{ST.commitments[0].id}/", "topics/", "404.html"])
def test_every_printed_page_starts_with_what_it_is_from(page: object, base_url: str, lang: str, path: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(f"{base_url}/{prefix}{path}", wait_until="networkidle")  # type: ignore[attr-defined]
    shown = "el => getComputedStyle(el).display !== 'none'"
    assert not page.eval_on_selector(".print-heading", shown), "on screen the page says it elsewhere"  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    got = page.evaluate("""() => {
        const article = document.querySelector('article.md-content__inner');
        const first = [...article.children].find(el => getComputedStyle(el).display !== 'none');
        const heading = article.querySelector('.print-heading');
        const h1 = article.querySelector('h1');
        return {first: first && first.className, text: heading.innerText,
                above: heading.getBoundingClientRect().bottom <= h1.getBoundingClientRect().top,
                coverage: [...article.querySelectorAll('.coverage-notice')].filter(el => getComputedStyle(el).display !== 'none').length};
    }""")  # type: ignore[attr-defined]
    assert got["first"] == "print-heading" and got["above"], got
    assert [line for line in got["text"].split("\n") if line.strip()] == heading_lines(lang), got["text"]
    assert got["coverage"] == 0, "the coverage line is printed once, at the top"


def test_edition_print_hides_navigation_search_and_buttons(printed_edition: PrintedEdition) -> None:
    printed = printed_edition.printed
    text = unicodedata.normalize("NFKC", "".join(printed.pages))
    for meant in (printed_edition.notice, *heading_lines(printed_edition.lang)):  # the notice and the heading are meant to print
        text = text.replace(unicodedata.normalize("NFKC", _flat(meant)), "")
    assert len(printed.chrome) > 5, printed.chrome
    shown = [t for t in printed.chrome if _printed(t, text)]
    assert not shown, f"/{printed_edition.lang}/: site furniture printed: {shown}"


def test_edition_print_keeps_each_point_on_one_page(printed_edition: PrintedEdition, base_url: str) -> None:
    lang, printed = printed_edition.lang, printed_edition.printed
    assert len(printed.pages) >= 2, "the section should need more than one page, or this test proves nothing"
    split = []
    for cid in printed.ids:
        # The point's meta line (ID: <cid>) under its heading; its title also appears in others' Related links.
        start = next(i for i, p in enumerate(printed.pages) if cid in p.replace(f"/c/{cid}/", ""))
        end = next(i for i, p in enumerate(printed.pages) if _flat(f"/{lang}/c/{cid}/") in p)
        if start != end:
            split.append(f"{cid}: title on page {start + 1}, permanent link on page {end + 1}")
    assert not split, f"/{lang}/: points split across pages:\n" + "\n".join(split)
