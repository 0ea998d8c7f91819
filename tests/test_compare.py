"""Side by side (scripts/render/compare.py): every point in Read it all's order, English and its translations in
columns, each column linking to its edition's permanent page; the languages chosen by the address."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, STATEMENT
from scripts.editions.pages import localized
from scripts.render import compare
from scripts.render.markdown import inline
from scripts.render.messages import EN, load
from scripts.render.pages import nav, reading_edition, render
from scripts.source.model import Lang, Statement
from scripts.source.statement import load_statement

EDITIONS: tuple[Lang, ...] = ("en", "ja", "ko")
SITE = "https://example.org/trilateral/"


@cache
def english() -> Statement:
    return load_statement(STATEMENT)


@cache
def side(lang: Lang, site_url: str | None = None) -> dict[str, str]:
    root_url = None if site_url is None else site_url + ("" if lang == "en" else f"{lang}/")
    return compare.pages(localized(english()), EN if lang == "en" else load(lang), root_url, "" if lang == "en" else "../")


def articles(text: str) -> list[str]:
    return re.findall(r'<article class="compare-point".*?</article>', text, re.S)


def test_every_edition_has_the_same_three_pages() -> None:
    # The language switcher keeps the path: every edition needs every page.
    for lang in EDITIONS:
        assert sorted(side(lang)) == ["compare/index.md", "compare/ja.md", "compare/ko.md"], lang


# (Not "page": conftest marks a test with a fixture or parameter of that name as a browser test.)
@pytest.mark.parametrize(("lang", "path", "shown"), [
    ("en", "compare/index.md", ("en", "ja", "ko")), ("en", "compare/ja.md", ("en", "ja")), ("en", "compare/ko.md", ("en", "ko")),
    ("ja", "compare/index.md", ("en", "ja")), ("ja", "compare/ko.md", ("en", "ko")),
    ("ko", "compare/index.md", ("en", "ko")), ("ko", "compare/ja.md", ("en", "ja")),
])
def test_each_page_shows_every_point_in_reading_order_in_the_languages_its_address_names(lang: Lang, path: str, shown: tuple[str, ...]) -> None:
    text = side(lang)[path]
    rows = articles(text)
    assert [re.search(r'aria-labelledby="([^"]+)"', r).group(1) for r in rows] == [c.id for c in english().reading_order]  # type: ignore[union-attr]
    for row in rows:
        assert tuple(re.findall(r'<div class="compare-col" lang="([a-z]+)"', row)) == shown
    assert f'class="compare compare-{len(shown)}"' in text
    assert 'search: {"exclude": true}' in text  # out of the index, like Read it all


def test_each_column_links_to_its_editions_permanent_page() -> None:
    st = english()
    for site_url in (None, SITE):
        for lang in EDITIONS:
            for page, text in side(lang, site_url).items():
                if "redirect:" in text:
                    continue
                for row, c in zip(articles(text), st.reading_order, strict=True):
                    cols = dict(re.findall(r'<div class="compare-col" lang="([a-z]+)" markdown>\n(.*?)\n</div>', row, re.S))
                    for col, body in cols.items():
                        link = re.search(r"^(?:### \[.*?\]\((.*?)\)|<a href=\"(.*?)\">)", body, re.M)
                        assert link, (page, col)
                        target = link.group(1) or link.group(2)
                        if col == lang:  # this edition's own page: a Markdown link MkDocs checks
                            assert target == f"../c/{c.id}.md", (lang, page, target)
                        elif site_url:
                            assert target == SITE + ("" if col == "en" else f"{col}/") + f"c/{c.id}/", (lang, page, col, target)
                        else:  # relative from the page's own address to the other edition's tree
                            depth = 1 if page.endswith("index.md") else 2
                            up = "../" * (depth + (0 if lang == "en" else 1))
                            assert target == up + ("" if col == "en" else f"{col}/") + f"c/{c.id}/", (lang, page, col, target)


def test_the_quoted_words_stay_english_and_our_translation_is_labelled_as_ours() -> None:
    st = english()
    quoted = [c for c in st.commitments if c.quotes]
    assert quoted
    ja = localized(st)["ja"]
    text = side("en")["compare/ja.md"]
    for c in quoted:
        row = next(r for r in articles(text) if f'aria-labelledby="{c.id}"' in r)
        en_col, ja_col = row.split('<div class="compare-col" lang="ja" markdown>')
        for q, translation in zip(c.quotes, ja.commitment(c.id).quote_translations, strict=True):
            assert f"<q>{inline(q)}</q>" in en_col  # the English column: the page's language, no lang needed
            assert f'<q lang="en">{inline(q)}</q>' in ja_col  # verbatim English inside the Japanese column
            if translation:
                assert "本サイトによる参考訳（公式訳ではない）" in ja_col and inline(translation) in ja_col


def test_a_translated_editions_own_pair_forwards_to_its_default_page() -> None:
    text = side("ja")["compare/ja.md"]
    assert 'redirect: "../"' in text and not articles(text)


def test_the_choice_of_languages_is_links_with_the_current_one_marked() -> None:
    text = side("en")["compare/ko.md"]
    choice = re.search(r'<nav class="compare-choice".*?</nav>', text, re.S).group(0)  # type: ignore[union-attr]
    links = re.findall(r'<a href="([^"]*)"( aria-current="page")?>', choice)
    assert links == [("../", ""), ("../ja/", ""), ("./", ' aria-current="page"')]
    # A translated edition offers the English edition's page of all three, across the edition boundary.
    choice = re.search(r'<nav class="compare-choice".*?</nav>', side("ja")["compare/index.md"], re.S).group(0)  # type: ignore[union-attr]
    assert re.findall(r'<a href="([^"]*)"', choice) == ["./", "ko/", "../../compare/"]


def test_an_english_only_statement_has_no_side_by_side_pages_or_link() -> None:
    st = load_statement(FIXTURES / "pass" / "minimal" / "statement")
    assert not st.editions
    assert compare.pages({"en": st}) == {}
    assert compare.INDEX not in render(st)
    assert all(compare.INDEX not in str(item) for item in nav(st))
    assert "compare/" not in reading_edition(st)


def test_read_it_all_and_the_navigation_link_to_it() -> None:
    st = english()
    assert {"Side by side": compare.INDEX} in [{str(k): v for k, v in item.items()} for item in nav(st)]
    assert "[Side by side](compare/index.md)" in reading_edition(st)  # relative to read.md, at the top
    assert "[対照して読む](compare/index.md)" in reading_edition(localized(st)["ja"], load("ja"))


class _Lang(HTMLParser):
    """Every element's lang, to check the rendered Markdown's raw HTML is well nested."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.opened = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("article", "div", "nav"):
            self.stack.append(tag)
            self.opened += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("article", "div", "nav"):
            assert self.stack.pop() == tag


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_pages_raw_html_is_balanced(lang: Lang) -> None:
    for text in side(lang).values():
        p = _Lang()
        p.feed(text)
        assert p.stack == [], p.stack


def test_the_site_reserves_the_folder() -> None:
    from scripts.source.checks import RESERVED

    assert compare.FOLDER in RESERVED
    assert Path(compare.INDEX).parts[0] == compare.FOLDER


# --- in Chromium, on the shared built site ------------------------------------------------------------

_BOXES = """() => [...document.querySelectorAll('article.compare-point')].map(a => ({
  id: a.getAttribute('aria-labelledby'),
  cols: [...a.querySelectorAll(':scope > .compare-col')].map(c => {
    const r = c.getBoundingClientRect(), h = c.querySelector('.compare-title > a');
    return {lang: c.lang, x: r.left, y: r.top + scrollY, w: r.width, bottom: r.bottom + scrollY, href: h && h.href};
  }),
}))"""


def _rows(browser: object, url: str, width: int, *, scripting: bool = True, media: str = "screen") -> list[dict[str, object]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripting)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.emulate_media(media=media)
        page.goto(url)
        return page.evaluate(_BOXES)
    finally:
        context.close()


@pytest.mark.parametrize(("path", "langs"), [("/compare/", ["en", "ja", "ko"]), ("/compare/ko/", ["en", "ko"]), ("/ja/compare/", ["en", "ja"])])
def test_columns_stand_side_by_side_at_desktop_width_and_link_each_editions_permanent_page(
    browser: object, base_url: str, site: Path, path: str, langs: list[str],
) -> None:
    rows = _rows(browser, base_url + path, 1280)
    assert [r["id"] for r in rows] == [c.id for c in english().reading_order]
    for row in rows:
        cols = row["cols"]
        assert [c["lang"] for c in cols] == langs  # type: ignore[index]
        assert len({round(c["y"]) for c in cols}) == 1, row  # type: ignore[index]  # one line of columns
        xs = [c["x"] for c in cols]  # type: ignore[index]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
        assert min(c["w"] for c in cols) > 250, row  # type: ignore[index]  # each wide enough to read
        for c in cols:  # type: ignore[attr-defined]
            target = f"{base_url}/{'' if c['lang'] == 'en' else c['lang'] + '/'}c/{row['id']}/"
            assert c["href"] == target, (c["href"], target)
            assert (site / target.removeprefix(base_url + "/") / "index.html").is_file()


@pytest.mark.parametrize("path", ["/compare/", "/compare/ja/", "/ko/compare/"])
def test_columns_stack_within_each_point_on_a_phone(browser: object, base_url: str, path: str) -> None:
    rows = _rows(browser, base_url + path, 390)
    assert len(rows) == len(english().reading_order)
    for row in rows:
        cols = row["cols"]
        assert cols[0]["lang"] == "en"  # type: ignore[index]
        for above, below in zip(cols, cols[1:], strict=False):  # type: ignore[call-overload]
            assert below["y"] >= above["bottom"] - 1 and abs(below["x"] - above["x"]) < 1, row
            assert below["w"] > 330  # the full width of the phone's column


def test_the_default_pair_is_side_by_side_without_javascript_and_in_print(browser: object, base_url: str) -> None:
    # The choice is the address: no script is needed to show a pair, and paper keeps the columns.
    # Printed at 700 px, where the screen would stack them (A4 is about 790 px wide): the print rule keeps them.
    for width, kwargs in ((1280, {"scripting": False}), (700, {"media": "print"})):
        rows = _rows(browser, base_url + "/ko/compare/", width, **kwargs)  # type: ignore[arg-type]
        assert rows and all([c["lang"] for c in r["cols"]] == ["en", "ko"] for r in rows)  # type: ignore[index]
        assert all(len({round(c["y"]) for c in r["cols"]}) == 1 for r in rows), kwargs  # type: ignore[index]


def test_the_address_chooses_the_languages_and_the_switcher_keeps_the_choice(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(base_url + "/compare/")
        page.click(".compare-choice a[href='ko/']")
        page.wait_for_url(base_url + "/compare/ko/")
        assert page.eval_on_selector_all("article.compare-point:first-of-type > .compare-col", "cs => cs.map(c => c.lang)") == ["en", "ko"]
        assert page.get_attribute(".compare-choice a[aria-current='page']", "href") == "./"
        # The Japanese edition's own pair forwards to its default page, which shows English and Japanese.
        page.goto(base_url + "/ja/compare/ja/")
        page.wait_for_url(base_url + "/ja/compare/")
        assert page.eval_on_selector_all("article.compare-point:first-of-type > .compare-col", "cs => cs.map(c => c.lang)") == ["en", "ja"]
        assert page.get_attribute("html", "lang") == "ja"
    finally:
        context.close()


def test_mkdocs_yml_keeps_exactly_the_pair_pages_out_of_the_navigation() -> None:
    # The navigation lists /compare/; a pair page missing from not_in_nav fails the strict build, and one listed
    # there that the navigation also lists is a question each engine answers its own way.
    from conftest import ROOT
    from scripts.publish.sitesource import read_config

    listed = read_config(ROOT / "mkdocs.yml")["not_in_nav"].split()
    assert [p for p in listed if p.startswith(f"/{compare.FOLDER}/")] == [
        f"/{p}" for p in sorted(side("en")) if p != compare.INDEX]


def test_the_pages_are_out_of_every_search_index_in_the_nav_and_linked_from_read_it_all(site: Path) -> None:
    import json

    from bs4 import BeautifulSoup

    for lang in EDITIONS:
        root = site if lang == "en" else site / lang
        docs = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        assert not [d["location"] for d in docs if str(d["location"]).startswith("compare/")], lang
        for name in ("", "ja/", "ko/"):
            assert (root / "compare" / name / "index.html").is_file(), (lang, name)
        home = BeautifulSoup((root / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert [a["href"] for a in home.select("nav.md-nav--primary a[href]") if a["href"].startswith("compare/")] == ["compare/"], lang
        read = BeautifulSoup((root / "read" / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert read.select_one("article a[href='../compare/']"), lang
