"""The Japanese and Korean editions (issue 15): every page in all three trees, one language per tree, a
switcher that keeps the reader's place, absolute hreflang alternates, and the notice that the translation is ours."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import DEPLOYED, ROOT, STATEMENT, make_project, mkdocs_build, parsed, site_pages
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
LANGS = ("ja", "ko")


def html(path: Path) -> BeautifulSoup:
    return parsed(path)


def tree(site: Path, lang: str | None) -> set[str]:
    """The page paths of one edition, relative to its own root."""
    pages = site_pages(site)
    if lang is None:
        return {p for p in pages if not p.startswith(("/ja/", "/ko/"))}
    return {p.removeprefix(f"/{lang}") for p in pages if p.startswith(f"/{lang}/")}


def file_of(site: Path, url_path: str) -> Path:
    return site / url_path.lstrip("/") / "index.html" if url_path.endswith("/") else site / url_path.lstrip("/")


@pytest.mark.parametrize("lang", LANGS)
def test_every_english_page_exists_in_each_edition_at_the_same_path(site: Path, lang: str) -> None:
    english = tree(site, None)
    assert english, "no English pages"
    assert tree(site, lang) == english
    for c in ST.commitments:
        assert (site / lang / "c" / c.id / "index.html").is_file()
    # The data files are published once, in the English tree; the editions' Data pages link them there.
    assert (site / "data" / "statement.json").is_file() and not (site / lang / "data" / "statement.json").exists()

@pytest.mark.parametrize(("lang", "prefix"), [("en", ""), ("ja", "ja/"), ("ko", "ko/")])
def test_each_tree_is_one_language_in_html_and_search(site: Path, lang: str, prefix: str) -> None:
    for page in ("index.html", "sections/security/index.html", "c/taiwan-strait-stability/index.html", "404.html"):
        assert html(site / prefix / page).html["lang"] == lang, page
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [lang]
    assert len({d["location"] for d in index["docs"]}) > 20


@pytest.mark.parametrize("lang", LANGS)
def test_pages_are_in_the_edition_language(site: Path, lang: str) -> None:
    from scripts.editions.localize import localize

    local = localize(ST, lang)
    page = html(site / lang / "sections" / "security" / "index.html")
    section = next(s for s in local.sections if s.id == "security")
    assert page.h1.get_text(strip=True).startswith(section.title)
    text = page.get_text(" ", strip=True)
    for c in section.commitments:
        assert c.title in text and c.summary in text
    title = html(site / lang / "c" / "taiwan-strait-stability" / "index.html").title.get_text()
    assert local.commitment("taiwan-strait-stability").title in title


def _switcher(page: BeautifulSoup) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}


@pytest.mark.parametrize("page", ["/", "/sections/economic-security/", "/c/dprk-cyber-concern/", "/topics/taiwan/", "/parties/japan/", "/source/"])
@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_the_switcher_keeps_the_reader_on_the_same_page(site: Path, lang: str, page: str) -> None:
    here = ("" if lang == "en" else f"/{lang}") + page
    links = _switcher(html(file_of(site, here)))
    assert set(links) == {"en", "ja", "ko"}
    for other, href in links.items():
        target = urlsplit(urljoin(f"http://x{here}", href)).path
        assert target == ("" if other == "en" else f"/{other}") + page, (other, href)
        assert file_of(site, target).is_file()


# The switcher keeps the point (issue 23): from a section page at a point, the other edition opens at that point,
# named by the address or scrolled to with none. Every edition gives a point the same ID.
NK = "sections/north-korea/"


def test_a_point_has_the_same_anchor_in_every_edition(site: Path) -> None:
    ids = {lang: [h["id"] for h in html(site / prefix / NK / "index.html").select(".commitment > h2[id]")]
           for lang, prefix in (("en", ""), ("ja", "ja"), ("ko", "ko"))}
    assert ids["en"] == [c.id for c in ST.section("north-korea").commitments]
    assert ids["ja"] == ids["en"] == ids["ko"]


def _switch_to(page: object, name: str) -> None:
    page.locator(".md-header .md-select > button").focus()  # type: ignore[attr-defined]  # Material opens the list on focus
    page.get_by_role("link", name=name, exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]


def _point_in_view(page: object, cid: str) -> None:
    header = page.locator("header.md-header").bounding_box()  # type: ignore[attr-defined]
    box = page.locator(f"[id='{cid}']").bounding_box()  # type: ignore[attr-defined]
    assert header["y"] + header["height"] <= box["y"] + 1 and box["y"] + box["height"] <= 900, (cid, box)


@pytest.mark.parametrize(("start", "to", "name"), [("", "ja", "日本語"), ("ja/", "ko", "한국어"), ("ko/", "", "English")])
def test_the_switcher_opens_the_other_edition_at_the_point_in_the_address(page: object, base_url: str, start: str, to: str,
                                                                           name: str) -> None:
    # The last point of the page: its heading cannot be scrolled to the top, the point above it is at the top.
    page.goto(f"{base_url}/{start}{NK}#dprk-cyber-countermeasures")  # type: ignore[attr-defined]
    _switch_to(page, name)
    assert page.url == f"{base_url}/{to + '/' if to else ''}{NK}#dprk-cyber-countermeasures"  # type: ignore[attr-defined]
    _point_in_view(page, "dprk-cyber-countermeasures")


def test_the_switcher_opens_the_other_edition_at_the_point_scrolled_to(page: object, base_url: str) -> None:
    page.goto(f"{base_url}/{NK}")  # type: ignore[attr-defined]
    # Half-way through a point: its heading is above the screen, its words at the top.
    page.locator("[id='dprk-sanctions']").evaluate(  # type: ignore[attr-defined]
        "h => { const b = h.parentElement.getBoundingClientRect(); window.scrollTo(0, window.scrollY + b.top + b.height / 2 - 64); }")
    page.wait_for_function("window.scrollY > 0")  # type: ignore[attr-defined]
    _switch_to(page, "日本語")
    assert page.url == f"{base_url}/ja/{NK}#dprk-sanctions"  # type: ignore[attr-defined]
    _point_in_view(page, "dprk-sanctions")
    # Back at the top of the page (above the first point) the link is the page itself.
    page.evaluate("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
    page.wait_for_function("!document.querySelector('.md-select__link[hreflang=en]').getAttribute('href').includes('#')")  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_an_edition_says_once_that_the_translation_is_ours(site: Path, lang: str) -> None:
    pages = [p for p in site_pages(site) if p.startswith(f"/{lang}/")]
    assert len(pages) > 50
    banners = set()
    for p in pages:
        page = html(file_of(site, p))
        found = page.select(".translation-notice")
        assert len(found) == 1, p
        # The banner's line links to the full notice at the foot of the same page, which links the page in English.
        assert found[0].a["href"] == "#translation-note", p
        note = page.select("#translation-note")
        assert len(note) == 1 and note[0].a["hreflang"] == "en", p
        link = note[0].a["href"]
        assert file_of(site, urlsplit(urljoin(f"http://x{p}", link)).path).is_file(), (p, link)
        # Material remembers a dismissed banner by a hash of its content: the same on every page of the edition.
        banners.add(str(page.select_one(".md-banner__inner")))
    assert len(banners) == 1, f"/{lang}/: {len(banners)} different banners: a dismissal would not be remembered"
    banner = html(file_of(site, pages[0])).select_one(".md-banner")
    assert banner.select_one("button.md-banner__button"), "the notice cannot be dismissed"
    assert "English" not in banner.get_text()  # said in the edition's own language


def test_english_pages_carry_no_translation_notice(site: Path) -> None:
    for p in tree(site, None):
        assert not html(file_of(site, p)).select(".translation-notice"), p


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_hreflang_alternates_are_absolute_and_name_every_edition(deployed_site: Path, lang: str) -> None:
    deployed = deployed_site  # the site from `make build SITE_URL=DEPLOYED` (a sub-path)
    # Every page's copies are in its edition's sitemap (search engines read them there), absolute, each a page.
    prefix = "" if lang == "en" else f"{lang}/"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {u.findtext("s:loc", namespaces=ns): {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
               for u in ElementTree.parse(deployed / prefix / "sitemap.xml").getroot().findall("s:url", ns)}
    assert len(entries) > 50
    assert entries[f"{DEPLOYED}{prefix}c/apec-2025-korea/"] == {
        "en": f"{DEPLOYED}c/apec-2025-korea/", "ja": f"{DEPLOYED}ja/c/apec-2025-korea/",
        "ko": f"{DEPLOYED}ko/c/apec-2025-korea/", "x-default": f"{DEPLOYED}c/apec-2025-korea/",
    }
    for loc, alternates in entries.items():
        assert alternates[lang] == loc and set(alternates) == {"en", "ja", "ko", "x-default"}, loc
        for href in alternates.values():
            assert file_of(deployed, "/" + href.removeprefix(DEPLOYED)).is_file(), (loc, href)
    # The head names alternates on the home page only: Material's language script fetches a sitemap.xml beside
    # each, and only each edition's root has one (a per-page link cost a 404 on every page).
    home = {link["hreflang"]: link["href"] for link in html(deployed / prefix / "index.html").select('link[rel="alternate"][hreflang]')}
    assert home == {"en": DEPLOYED, "ja": f"{DEPLOYED}ja/", "ko": f"{DEPLOYED}ko/", "x-default": DEPLOYED}
    page = html(deployed / prefix / "c" / "apec-2025-korea" / "index.html")
    assert not page.select('link[rel="alternate"][hreflang]')  # its one alternate is the edition's feed (test_feed.py)
    assert page.select_one('link[rel="canonical"]')["href"] == f"{DEPLOYED}{prefix}c/apec-2025-korea/"


def test_no_hreflang_without_an_address(site: Path) -> None:
    # Relative alternates are invalid (Lighthouse fails them): without site_url there are none, head or sitemap.
    assert not html(site / "ja" / "index.html").select('link[rel="alternate"][hreflang]')
    assert "hreflang" not in (site / "ja" / "sitemap.xml").read_text(encoding="utf-8")


def test_the_404_pages_suggest_points_by_their_titles_in_the_edition_language(site: Path) -> None:
    from scripts.editions.localize import localize

    for lang in LANGS:
        known = json.loads(html(site / lang / "404.html").select_one("#known-ids").string)
        titles = dict(known)
        assert titles["taiwan-strait-stability"] == localize(ST, lang).commitment("taiwan-strait-stability").title


@pytest.mark.build
def test_a_statement_without_translations_is_published_in_english_only(tmp_path: Path) -> None:
    statement = tmp_path / "src" / "statement"
    import shutil

    shutil.copytree(STATEMENT, statement)
    shutil.rmtree(statement / "translations")
    config = make_project(tmp_path / "project", statement)
    done = mkdocs_build(tmp_path / "out", config, cwd=config.parent)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "out" / "ja").exists() and not (tmp_path / "out" / "ko").exists()
    assert not html(tmp_path / "out" / "index.html").select("a.md-select__link")


@pytest.mark.build
def test_a_translation_is_escaped_in_the_navigation_and_the_page(tmp_path: Path) -> None:
    # HTML in a translation is refused by `check` (tests/fixtures/fail/translation-invisible-text); what passes
    # it (Markdown, attribute lists, template syntax, quotes) must still show literally everywhere.
    statement = tmp_path / "statement"
    import shutil

    shutil.copytree(STATEMENT, statement)
    ja = statement / "translations" / "ja.yaml"
    text = ja.read_text(encoding="utf-8")
    hostile = '[安全](javascript:alert(1)){: onclick="alert(1)" } **保障** {{ x }} & 1 < 2'
    old = '"sections.security.title":\n    text: "安全保障"'
    assert old in text
    text = text.replace(old, f'"sections.security.title":\n    text: {json.dumps(hostile, ensure_ascii=False)}')
    # The short title reaches the edition's site_name, which Material prints as HTML in its header.
    short = '"statement.short_title":\n    text: "日米韓外相共同声明"'
    assert short in text
    title = "**日米韓** {{ x }} [外相](javascript:alert(2))共同声明"
    ja.write_text(text.replace(short, f'"statement.short_title":\n    text: "{title}"'), encoding="utf-8")
    config = make_project(tmp_path / "project", statement)
    done = mkdocs_build(tmp_path / "out", config, cwd=config.parent)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "ja" / "sections" / "security" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.select("[onclick]") and not soup.select('a[href^="javascript"]') and not soup.select("strong:-soup-contains('保障')")
    assert hostile in soup.h1.get_text() and hostile in soup.title.get_text()
    assert any(hostile in a.get_text() for a in soup.select(".md-nav a"))
    assert title in soup.select_one(".md-header__topic").get_text()
    assert soup.title.get_text().endswith(f"{title}（ベルギー・ブリュッセル、2025年4月3日）")
    assert soup.select_one('meta[property="og:site_name"]')["content"].startswith(title)
    assert soup.select_one("a.md-logo")["title"].startswith(title)  # the tooltip reads as typed (no &amp; or &#34;)


def test_the_editions_build_inside_the_same_staging_folder(site: Path) -> None:
    # One build, one swap: no edition is left from an earlier build or half-written beside the site.
    assert not [p for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.staging")]
    assert os.path.isdir(site / "ja" / "assets") and os.path.isdir(site / "ko" / "search")


@pytest.mark.build
def test_make_serve_serves_all_three_and_a_translation_edit_is_live(tmp_path: Path) -> None:
    from test_serve import Server, _wait

    config = make_project(tmp_path, ROOT / "tests" / "fixtures" / "pass" / "translated" / "statement")
    srv = Server(tmp_path, config)
    try:
        _wait("the first build", lambda: "両国は港を開いておく。" in (srv.page("ja/sections/alpha/") or ""))
        assert "lang=\"ko\"" in (srv.page("ko/sections/alpha/") or "")
        assert "keep their harbours open" in (srv.page("sections/alpha/") or "")
        ja = tmp_path / "statement" / "translations" / "ja.yaml"
        ja.write_text(ja.read_text(encoding="utf-8").replace("両国は港を開いておく。", "両国は港を開放しておく。"), encoding="utf-8")
        _wait("the edited translation to be served", lambda: "両国は港を開放しておく。" in (srv.page("ja/sections/alpha/") or ""))
        assert srv.proc.poll() is None
        assert not any("Traceback" in line for line in srv.output), "\n".join(srv.output)
    finally:
        srv.stop()


# Point cards list no aliases (issue 23): "also: alliance, defence commitments, …" after each topic read as other
# names, English words and wider terms (日米同盟, 남한, 우리나라) among them. They are the card's search words, hidden;
# a topic's or party's own page lists them, and in Japanese and Korean only names in the language as names.
@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_a_point_card_lists_no_aliases(page: object, base_url: str, lang: str) -> None:
    from scripts.editions.localize import localize

    page.goto(f"{base_url}/{'' if lang == 'en' else lang + '/'}sections/security/")  # type: ignore[attr-defined]
    card = page.locator(".commitment").filter(has=page.locator("[id='us-defense-commitments']"))  # type: ignore[attr-defined]
    links = card.locator(".commitment-links").inner_text()
    local = localize(ST, lang)
    point = local.commitment("us-defense-commitments")
    aliases = local.topic("alliance-defense").aliases
    # What the line shows: its topics and related points, whose names may hold an alias (防衛 in 防衛コミットメント).
    shown = [local.topic(t).label for t in point.topics] + [local.commitment(r).title for r in point.related]
    assert not [a for a in aliases if a in links and not any(a in x for x in shown)], links
    assert not card.locator(".search-words").is_visible()
    assert all(a in card.locator(".search-words").text_content() for a in aliases)  # still what search finds


@pytest.mark.parametrize(("lang", "path", "names", "not_names"), [
    ("ja", "topics/alliance-defense/", ["防衛の約束"], ["日米同盟", "米韓同盟", "alliance", "ironclad"]),
    ("ko", "parties/republic-of-korea/", ["대한민국"], ["남한", "우리나라", "ROK", "South Korea"]),
])
def test_only_names_in_the_language_are_shown_as_names(page: object, base_url: str, lang: str, path: str, names: list[str],
                                                       not_names: list[str]) -> None:
    page.goto(f"{base_url}/{lang}/{path}")  # type: ignore[attr-defined]
    lines = page.locator("article .aliases")  # type: ignore[attr-defined]
    assert lines.count() == 2
    aka, searched = lines.nth(0).inner_text(), lines.nth(1).inner_text()
    assert all(n in aka for n in names) and not [w for w in not_names if w in aka], aka
    assert not re.search(r"[A-Za-z]", aka), aka  # no English word as a name
    assert all(w in searched for w in not_names), searched  # labelled as what they are: search words


@pytest.mark.parametrize("lang", LANGS)
def test_a_topic_or_party_is_not_also_known_as_itself(lang: str) -> None:
    from scripts.editions.localize import localize

    local = localize(ST, lang)
    for name, aliases, names in [(t.label, t.aliases, t.names) for t in local.topics] + [(p.name, p.aliases, p.names) for p in local.parties]:
        assert name.casefold() not in {a.casefold() for a in (*aliases, *names)}, name
        assert aliases, name  # the English name at least stays a search word
        assert set(names) <= set(aliases), name  # a name is searched too


@pytest.mark.build
def test_an_untranslated_interface_message_fails_the_build_naming_the_catalog(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", STATEMENT)
    po = tmp_path / "project" / "scripts" / "locale" / "ja.po"
    text = po.read_text(encoding="utf-8")
    entry = 'msgid "Copy link"\nmsgstr "リンクをコピー"'
    assert entry in text
    po.write_text(text.replace(entry, 'msgid "Copy link"\nmsgstr ""'), encoding="utf-8")
    done = mkdocs_build(tmp_path / "out", config, cwd=config.parent)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "scripts/locale/ja.po:1:1: msgid: 'Copy link' has no ja translation" in done.stderr
    assert "1 problem found in scripts/locale/; nothing was written." in done.stderr
    assert not (tmp_path / "out").exists()
