"""The Japanese and Korean editions as readers see them: the right `lang` everywhere, real CJK glyphs from
system fonts (no web fonts), nothing wider than a 390 px phone, and a language switcher that works there."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import need_cjk_fonts, site_pages

EDITIONS = ("ja", "ko")
PHONE = {"width": 390, "height": 844}
POINT = "c/us-defense-commitments/"
NK = "sections/north-korea/"
# Japanese kana and kanji, Korean hangul: text that needs a CJK font.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


# A page that forwards (a meta refresh: /ja/c/, /ja/compare/ja/) is left before it can be measured, and
# evaluating on it races the navigation (it hung a run): its target is measured instead.
def edition_pages(site: Path, lang: str) -> list[str]:
    pages = [p for p in site_pages(site) if p.startswith(f"/{lang}/") and not _forwards(site, p)]
    assert len(pages) > 40, f"too few /{lang}/ pages: {pages}"
    return pages


def _forwards(site: Path, path: str) -> bool:
    html = site / path.lstrip("/") / ("" if path.endswith(".html") else "index.html")
    return '<meta http-equiv="refresh"' in html.read_text(encoding="utf-8")


class _Langs(HTMLParser):
    """The <html lang>, and the lang and hreflang of every link of the switcher and of the full notice."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.switcher: list[dict[str, str | None]] = []
        self.notice_links: list[dict[str, str | None]] = []
        self.quotes: list[str | None] = []
        self._in_notice = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "p" and "translation-note" in classes:  # the full notice at the foot of the page
            self._in_notice = 1
        elif tag == "a" and "md-select__link" in classes:
            self.switcher.append(a)
        elif tag == "a" and self._in_notice:
            self.notice_links.append(a)
        elif tag == "q":
            self.quotes.append(a.get("lang"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_notice = 0


# Every page of each edition says its language; the switcher names each language in that language
# (lang on each link) and the notice's link says it leads to English (hreflang).
@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_is_marked_with_its_language(site: Path, lang: str) -> None:
    wrong = []
    for path in edition_pages(site, lang):
        parsed = _Langs()
        parsed.feed((site / path.lstrip("/") / ("" if path.endswith(".html") else "index.html")).read_text(encoding="utf-8"))
        if parsed.html_lang != lang:
            wrong.append(f"{path}: <html lang={parsed.html_lang!r}>")
        switcher = [(x.get("lang"), x.get("hreflang")) for x in parsed.switcher]
        if switcher != [("en", "en"), ("ja", "ja"), ("ko", "ko")]:
            wrong.append(f"{path}: switcher links {switcher}")
        if [x.get("hreflang") for x in parsed.notice_links] != ["en"]:
            wrong.append(f"{path}: translation notice links {parsed.notice_links}")
    assert not wrong, "\n".join(wrong)


# The statement's own words stay in English on every edition: marked lang="en", so a screen reader reads
# them in English and the browser picks a Latin font and English hyphenation for them.
@pytest.mark.parametrize("lang", EDITIONS)
def test_quoted_english_words_are_marked_english(site: Path, lang: str) -> None:
    parsed = _Langs()
    parsed.feed((site / lang / POINT / "index.html").read_text(encoding="utf-8"))
    assert parsed.quotes, f"/{lang}/{POINT} quotes nothing: this test proves nothing"
    assert all(q == "en" for q in parsed.quotes), f"/{lang}/{POINT}: <q> lang attributes {parsed.quotes}"


# At phone width no page of either edition is wider than the screen (a long CJK run or URL that does not
# wrap pushes the page sideways), and the banner notice is on screen and fully shown.
@pytest.mark.parametrize("lang", EDITIONS)
def test_no_page_overflows_a_phone_screen(browser: object, base_url: str, site: Path, lang: str) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    wide = []
    try:
        for path in edition_pages(site, lang):
            page.goto(base_url + path)
            found = page.evaluate("""() => {
              const vw = window.innerWidth, out = [];
              if (document.documentElement.scrollWidth > vw) out.push('page ' + document.documentElement.scrollWidth + 'px');
              for (const el of document.querySelectorAll('.md-content *, .md-banner *, .md-header *')) {
                const r = el.getBoundingClientRect();
                if (r.width && r.height && getComputedStyle(el).visibility !== 'hidden' && r.right > vw + 1 && !el.closest('.md-sidebar, .md-select__inner, .md-search, .md-typeset__scrollwrap, pre, table'))
                  out.push(el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(r.right));
              }
              const n = document.querySelector('.md-banner .translation-notice');
              if (!n) out.push('no translation notice');
              else if (n.scrollWidth > n.clientWidth + 1 || n.getBoundingClientRect().right > vw) out.push('notice cut off');
              return out.slice(0, 5);
            }""")
            wide += [f"{path}: {f}" for f in found]
    finally:
        context.close()
    assert not wide, "wider than a 390 px screen:\n" + "\n".join(wide)


# The switcher at phone width: its button opens the list, every language is on screen, and the link to the
# other edition keeps the reader on the same point.
# Both builds: with site_url the pages are absolute throughout (their hreflang alternates are in the sitemaps).
@pytest.mark.parametrize("build", ["relative", "absolute"])
@pytest.mark.parametrize("lang", EDITIONS)
def test_language_switcher_works_on_a_phone(browser: object, request: pytest.FixtureRequest, lang: str, build: str) -> None:
    base_url = request.getfixturevalue("base_url") if build == "relative" else request.getfixturevalue("absolute_site")[1]
    other = {"ja": ("ko", "한국어"), "ko": ("ja", "日本語")}[lang]
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(base_url + f"/{lang}/{POINT}")
        button = page.locator(".md-header .md-select > button")
        assert button.is_visible(), "no switcher button in the header at 390 px"
        button.focus()  # Material opens the list on focus within (and hover)
        links = page.locator(".md-select__link")
        page.wait_for_function("document.querySelector('.md-select__link').getBoundingClientRect().width > 0")
        boxes = [links.nth(i).bounding_box() for i in range(links.count())]
        assert len(boxes) == 3 and all(b and b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes), boxes
        page.get_by_role("link", name=other[1]).click()
        page.wait_for_url(f"{base_url}/{other[0]}/{POINT}")
        assert page.evaluate("document.documentElement.lang") == other[0]
    finally:
        context.close()


# The translation notice (issue 23): one line on a phone, in both editions.
@pytest.mark.parametrize("lang", EDITIONS)
def test_the_translation_notice_is_one_line_on_a_phone(browser: object, base_url: str, lang: str) -> None:
    need_cjk_fonts()
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(f"{base_url}/{lang}/{NK}")
        lines = page.evaluate("""() => {
          const n = document.querySelector('.md-banner .translation-notice');
          return n.getBoundingClientRect().height / parseFloat(getComputedStyle(n).lineHeight);
        }""")
        assert round(lines) == 1, f"/{lang}/: the notice takes {lines:.1f} lines at 390 px"
        assert page.locator(".md-banner .md-banner__button").is_visible(), "no button to dismiss the notice"
    finally:
        context.close()


# Dismissed once, the notice stays dismissed on every page of that edition (Material's announce.dismiss keeps it
# per edition), the other edition still shows its own, the full notice stays at the foot of the page, and a
# dismissed notice still prints.
def test_a_dismissed_notice_stays_dismissed_in_its_edition_and_still_prints(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    notice = page.locator(".md-banner .translation-notice")
    try:
        page.goto(f"{base_url}/ja/{NK}")
        assert notice.is_visible(), "the notice is not shown on a first visit"
        page.locator(".md-banner .md-banner__button").click()
        page.wait_for_function("document.querySelector('[data-md-component=announce]').hidden")
        page.goto(f"{base_url}/ja/{POINT}")  # another page, at another depth
        assert not notice.is_visible(), "the dismissed notice is back on another page of the edition"
        assert page.locator("#translation-note a[hreflang=en]").is_visible()
        page.emulate_media(media="print")
        assert page.locator(".md-banner .translation-notice__full").is_visible(), "a dismissed notice does not print"
        assert not page.locator(".md-banner .translation-notice__short").is_visible()
        page.emulate_media(media="screen")
        page.goto(f"{base_url}/ko/{NK}")
        assert notice.is_visible(), "dismissing the Japanese notice dismissed the Korean one"
    finally:
        context.close()


# Real glyphs, from the system: Chromium draws each edition's heading with an installed CJK font (not boxes
# from a font without them), and no page declares a web font or fetches one.
@pytest.mark.parametrize("lang", EDITIONS)
def test_cjk_text_is_drawn_with_a_system_cjk_font(browser: object, base_url: str, lang: str) -> None:
    need_cjk_fonts()
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    fonts_requested: list[str] = []
    page.on("request", lambda r: fonts_requested.append(r.url) if r.resource_type == "font" else None)
    try:
        page.goto(base_url + f"/{lang}/{POINT}", wait_until="networkidle")
        heading = page.locator(".md-content h1").inner_text()
        assert CJK.search(heading), f"the /{lang}/ heading has no CJK text: {heading!r}"
        assert page.evaluate("document.fonts.size") == 0, "a web font is declared (@font-face)"
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        doc = cdp.send("DOM.getDocument")
        node = cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": ".md-content h1"})
        used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    finally:
        context.close()
    assert not fonts_requested, f"fonts fetched: {fonts_requested}"
    cjk = [f for f in used if "CJK" in f["familyName"] and not f.get("isCustomFont")]
    assert cjk and sum(f["glyphCount"] for f in cjk) >= len(CJK.findall(heading)), f"/{lang}/ heading drawn with {used}"


# Korean breaks lines between words (word-break: keep-all), never inside one: "지지" split as "지 / 지" reads
# as two words. Links too (Material gives them word-break: break-word, which broke Korean anywhere).
# Only a word wider than its line may break.
def test_korean_words_are_not_split_across_lines(browser: object, base_url: str, site: Path) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    split = []
    words = 0
    try:
        for path in edition_pages(site, "ko"):
            page.goto(base_url + path)
            found = page.evaluate("""() => {
              const out = [], walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
              let n = 0;
              for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                const box = t.parentElement.getBoundingClientRect();
                for (const m of t.data.matchAll(/[\\uac00-\\ud7af]{2,}/g)) {
                  const r = document.createRange();
                  r.setStart(t, m.index); r.setEnd(t, m.index + m[0].length);
                  const rects = [...r.getClientRects()].filter(x => x.width > 0);
                  if (!rects.length) continue;
                  n++;
                  const width = rects.reduce((s, x) => s + x.width, 0);
                  if (new Set(rects.map(x => Math.round(x.top))).size > 1 && width < box.width)
                    out.push(m[0] + ' in ' + t.parentElement.tagName.toLowerCase());
                }
              }
              return [n, out.slice(0, 5)];
            }""")
            words += found[0]
            split += [f"{path}: {w}" for w in found[1]]
    finally:
        context.close()
    assert words > 1000, f"only {words} Korean words measured: the test proves nothing"
    assert not split, f"{len(split)} Korean word(s) split across lines at 390 px:\n" + "\n".join(split)
