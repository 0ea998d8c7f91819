"""The rendered site source built by the pinned Zensical: navigation, permanent pages, data, search, axe.

MkDocs' own build of the same source is compared page by page in test_sitesource.py; here the engine
is Material's successor, which reads mkdocs.yml but runs none of our code. What it does differently is
in the README ("What each engine does differently"); the last test notices when that list goes stale.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, STATEMENT, serve
from scripts.render.pages import nav, page_url
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("zensical") / "src"
    done = subprocess.run([sys.executable, "-m", "scripts", "render", str(src)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return src


@pytest.fixture(scope="module")
def zsite(source: Path) -> Path:
    """`zensical build --strict` of the rendered source (Zensical writes site/ next to mkdocs.yml)."""
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(source / "mkdocs.yml")],
        cwd=source, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No issues found" in done.stdout + done.stderr
    for lang in ("ja", "ko"):  # each edition after the English one, into site/<lang>
        done = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(source / f"mkdocs.{lang}.yml")],
            cwd=source, capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return source / "site"


@pytest.fixture(scope="module")
def zurl(zsite: Path) -> Iterator[str]:
    with serve(zsite) as url:
        yield url


def _leaves(items: list[object]) -> Iterator[str]:
    for item in items:
        if isinstance(item, str):
            yield item
        else:
            for value in item.values():  # type: ignore[union-attr]
                yield from _leaves(value) if isinstance(value, list) else [value]


def nav_order(site: Path) -> list[str]:
    """The pages the home page's navigation links to, in order, as site paths ('' is the home page)."""
    primary = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
    assert primary is not None
    out: list[str] = []
    for a in primary.select("a.md-nav__link[href]"):
        href = str(a["href"])
        if href.startswith("#"):
            continue
        path = href.removeprefix("./").removeprefix(".")
        if path not in out:
            out.append(path)
    return out


def test_navigation_follows_the_statement_in_both_engines(zsite: Path, site: Path) -> None:
    expected = [page_url(p) for p in _leaves(nav(ST))]
    assert nav_order(zsite) == expected
    assert nav_order(site) == expected  # MkDocs with the hook: the same order


@pytest.mark.build
def test_every_permanent_page_is_built_and_none_is_in_the_navigation(zsite: Path) -> None:
    html = (zsite / "index.html").read_text(encoding="utf-8")
    for c in ST.commitments:
        page = zsite / "c" / c.id / "index.html"
        assert page.is_file(), c.id
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert doc.select_one("article h1") and c.title in doc.select_one("article h1").get_text(), c.id
        assert f"c/{c.id}/" not in html
        for old in c.aliases:
            assert (zsite / "c" / old / "index.html").is_file(), old


@pytest.mark.build
def test_data_files_are_published_as_rendered(zsite: Path, source: Path) -> None:
    for name in ("statement.json", "commitments.csv", "schema.json"):
        assert (zsite / "data" / name).read_bytes() == (source / "docs" / "data" / name).read_bytes(), name
    data = json.loads((zsite / "data" / "statement.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["commitments"]] == [c.id for c in ST.commitments]


@pytest.mark.build
def test_no_stray_files_and_no_third_party_assets(zsite: Path) -> None:
    assert not (zsite / "partials").exists()
    for page in zsite.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "cdn." not in text, page


# Zensical's search dialog is its own component, in an open shadow root (Playwright's CSS pierces it).
RESULT = 'ol[aria-label="Search results"] a[role="option"]'


@pytest.mark.timing
@pytest.mark.parametrize("query", ["Taiwan Strait", "critical minerals"])
def test_search_finds_a_point_in_chromium(page: object, zurl: str, query: str) -> None:
    page.goto(zurl + "/")  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    page.keyboard.type(query, delay=20)  # type: ignore[attr-defined]
    page.wait_for_selector(RESULT, timeout=15_000)  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all(RESULT, "els => els.map(a => a.href)")  # type: ignore[attr-defined]
    ids = {c.id for c in ST.commitments}
    points = [h for h in hrefs if urlsplit(h).path.startswith("/sections/") and urlsplit(h).fragment in ids]
    assert points, hrefs
    assert not [h for h in hrefs if urlsplit(h).path.startswith("/c/")], "permanent pages are excluded from search"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_home_section_and_permanent_page(browser: object, zurl: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    c = ST.commitments[0]
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    problems = []
    try:
        pg = context.new_page()
        for path in ("/", f"/sections/{ST.sections[1].id}/", f"/c/{c.id}/"):
            pg.goto(zurl + path)
            problems += [(path, v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe.run(pg).response["violations"]]
    finally:
        context.close()
    assert not problems, problems


@pytest.mark.build
def test_what_zensical_does_differently_is_still_true(zsite: Path) -> None:
    """The README lists what Zensical drops; when a release adds it, this fails and the README must change."""
    index = json.loads((zsite / "search.json").read_text(encoding="utf-8"))
    assert not any("boost" in item for item in index["items"]), "Zensical now keeps search boosts: update the README"
    assert "<lastmod>" not in (zsite / "sitemap.xml").read_text(encoding="utf-8"), "Zensical now writes lastmod: update the README"
    text = json.dumps(index, ensure_ascii=False)
    assert "Copy link" not in text and "Permanent link" not in text  # data-search-exclude is honoured


@pytest.mark.build
@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_zensical_builds_the_japanese_and_korean_editions_with_our_templates(zsite: Path, lang: str) -> None:
    """Only MkDocs must build the editions; this records what Zensical does with them (README)."""
    page = BeautifulSoup((zsite / lang / "sections" / "security" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == lang
    assert len(page.select(".translation-notice")) == 1
    links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
    assert links["en"].endswith("../../../sections/security/") and links[lang] == "../../sections/security/"
    for c in ST.commitments:
        assert (zsite / lang / "c" / c.id / "index.html").is_file()
    index = json.loads((zsite / lang / "search.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [lang]


@pytest.mark.build
def test_zensical_renders_our_sitemap_with_the_hreflang_alternates(tmp_path: Path) -> None:
    """Zensical honours overrides/sitemap.xml (README): built for an address, every page lists its three copies."""
    import os
    from xml.etree import ElementTree

    url = "https://example.org/statement/"
    env = {**os.environ, "SITE_URL": url}
    done = subprocess.run([sys.executable, "-m", "scripts", "render", str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for config in ("mkdocs.yml", "mkdocs.ja.yml"):
        done = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(tmp_path / config)],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {u.findtext("s:loc", namespaces=ns): {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
               for u in ElementTree.parse(tmp_path / "site" / "ja" / "sitemap.xml").getroot().findall("s:url", ns)}
    assert len(entries) > 50
    assert entries[f"{url}ja/sections/security/"] == {
        "en": f"{url}sections/security/", "ja": f"{url}ja/sections/security/",
        "ko": f"{url}ko/sections/security/", "x-default": f"{url}sections/security/",
    }
    home = BeautifulSoup((tmp_path / "site" / "ja" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert {a["hreflang"]: a["href"] for a in home.select('link[rel="alternate"][hreflang]')}["ko"] == f"{url}ko/"
    section = BeautifulSoup((tmp_path / "site" / "ja" / "sections" / "security" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not section.select('link[rel="alternate"][hreflang]')
