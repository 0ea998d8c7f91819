"""A 404 page that helps (issue 14), in real Chromium: search, the list of points, and for a mistyped
or truncated /c/…/ address the closest known IDs, from the register embedded in the page (no server
logic: the host only serves 404.html, as GitHub Pages and most static hosts do). In the language of the
missing path, on a host that serves the root 404.html for every missing path and on one that serves the
nearest 404.html up the tree alike (issue 23); a topic or party ID typed into a point address suggests its
page; /c/ forwards to the list of points. Also the link-preview meta as a browser sees it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import STATEMENT, _Quiet, serve
from scripts.editions.localize import localize
from scripts.render import previews
from scripts.render.messages import EN, template_strings
from scripts.render.messages import load as load_ui
from scripts.source.published import read_published
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
PREFIX = {"en": "", "ja": "/ja", "ko": "/ko"}


class _NotFound(_Quiet):
    """A static host: a missing path gets /404.html with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send_404(page)

    def _send_404(self, page: Path) -> None:
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Nearest(_NotFound):
    """A host such as Cloudflare Pages: a missing path gets the nearest 404.html up the tree (/ja/404.html for /ja/…)."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        folder = Path(self.directory)
        parts = self.path.split("?", 1)[0].split("/")[1:-1]
        for depth in range(len(parts), -1, -1):
            page = folder.joinpath(*parts[:depth], "404.html")
            if code == 404 and page.is_file():
                self._send_404(page)
                return
        super().send_error(code, message, explain)


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[str]:
    with serve(site, _NotFound) as url:
        yield url


@pytest.fixture(scope="module")
def nearest_host(site: Path) -> Iterator[str]:
    with serve(site, _Nearest) as url:
        yield url


def _suggested(page: object) -> list[str]:
    return page.eval_on_selector_all("#not-found-suggestions li code", "els => els.map(e => e.textContent)")  # type: ignore[attr-defined]


def test_the_page_embeds_every_published_id(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    start = html.index('id="known-ids">') + len('id="known-ids">')
    known = json.loads(html[start:html.index("</script>", start)])
    published, _ = read_published(STATEMENT)
    assert {i for i, _ in known} >= set(published or ())
    assert dict(known)[ST.commitments[0].id] == ST.commitments[0].title


@pytest.mark.parametrize("typed, first", [
    ("dprk-cyber-concer", "dprk-cyber-concern"),         # cut short
    ("energy-securty", "energy-security"),               # a letter missing
    ("Energy-Security.html", "energy-security"),         # case and a suffix
    ("taiwan-strait-stab", "taiwan-strait-stability"),   # truncated inside a word
    ("apec%202025%20korea", "apec-2025-korea"),          # spaces for hyphens
])
def test_a_mistyped_point_address_suggests_the_closest_ids(page: object, host: str, typed: str, first: str) -> None:
    response = page.goto(f"{host}/c/{typed}/")  # type: ignore[attr-defined]
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"  # type: ignore[attr-defined]
    box = page.locator("#not-found-suggestions")  # type: ignore[attr-defined]
    assert box.is_visible()
    ids = _suggested(page)
    assert ids[0] == first and len(ids) <= 5
    link = box.locator("a").first
    link.click()
    page.wait_for_url(f"**/c/{first}/")  # type: ignore[attr-defined]
    assert page.locator("article h1").inner_text().startswith(ST.commitment(first).title)  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/c/zzzzqqqqxxxx/", "/no-such-page/", "/c/%E0%A4%A/"])
def test_no_suggestions_when_nothing_is_close(page: object, host: str, path: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # type: ignore[attr-defined]
    page.goto(host + path)  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Page not found"  # type: ignore[attr-defined]
    assert not page.locator("#not-found-suggestions").is_visible()  # type: ignore[attr-defined]
    assert errors == []


def test_the_page_offers_search_and_the_list_of_points(page: object, host: str) -> None:
    page.goto(f"{host}/some/deep/missing/page/")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Search this edition").click()  # type: ignore[attr-defined]
    search = page.locator(".md-search__input")  # type: ignore[attr-defined]
    search.wait_for(state="visible")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('md-search__input')")  # type: ignore[attr-defined]
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    page.get_by_role("link", name="All points, with their IDs").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/commitments/")  # type: ignore[attr-defined]
    assert page.locator("table").count() >= 1  # type: ignore[attr-defined]


def test_link_preview_meta_as_the_browser_reads_it(page: object, host: str) -> None:
    c = ST.commitments[3]
    page.goto(f"{host}/c/{c.id}/")  # type: ignore[attr-defined]
    meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[property], meta[name]')]
        .map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))""")  # type: ignore[attr-defined]
    assert meta["og:title"] == previews.title(ST, c) and meta["og:description"] == previews.description(c, EN)
    assert meta["twitter:card"] == "summary_large_image" and meta["og:type"] == "article"
    size = page.evaluate("""async (src) => { const img = new Image(); img.src = src; await img.decode();
        return [img.naturalWidth, img.naturalHeight]; }""", meta["og:image"])  # type: ignore[attr-defined]
    assert size == [1200, 630]


def _answer(page: object, url: str) -> dict[str, object]:
    """What a reader gets at a missing address: the address shown, the page's language and words, its suggestions
    and its ways on (the links' paths)."""
    response = page.goto(url)  # type: ignore[attr-defined]
    assert response.status == 404
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    page.locator("article h1").wait_for()  # type: ignore[attr-defined]
    return page.evaluate("""() => ({
        address: location.pathname + location.search + location.hash,
        lang: document.documentElement.lang,
        h1: document.querySelector('article h1').textContent,
        closest: document.querySelector('#not-found-closest').textContent,
        suggested: [...document.querySelectorAll('#not-found-suggestions li')].map(li =>
            [li.querySelector('a').textContent, new URL(li.querySelector('a').href).pathname]),
        ways: [...document.querySelectorAll('.not-found-ways a')].map(a => new URL(a.href).pathname),
        base: JSON.parse(document.getElementById('__config').textContent).base,
    })""")  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang, path, first", [
    ("ja", "/ja/c/taiwan-strait/", "taiwan-strait-peace-stability"),
    ("ko", "/ko/c/dprk-cyber/", "dprk-cyber-concern"),
    ("ja", "/ja/c/Energy-Securty/?utm=x#y", "energy-security"),
    ("en", "/c/energy-securty/", "energy-security"),
])
def test_a_missing_path_answers_in_its_edition_language_on_either_kind_of_host(
        page: object, host: str, nearest_host: str, lang: str, path: str, first: str) -> None:
    # Before issue 23 the root 404.html answered /ko/c/dprk-cyber/ in English with English suggestions, and the
    # Japanese 404 page linked the English list, home page and search index.
    words = template_strings(load_ui(lang))  # type: ignore[arg-type]
    local = localize(ST, lang)
    root = _answer(page, host + path)
    assert root["address"] == path, "the reader still sees the address they typed"
    assert root["lang"] == lang and root["h1"] == words["not_found_title"] and root["closest"] == words["not_found_closest"]
    suggested = root["suggested"]
    assert suggested[0] == [local.commitment(first).title, f"{PREFIX[lang]}/c/{first}/"]  # type: ignore[index]
    assert all(href.startswith(f"{PREFIX[lang]}/c/") for _, href in suggested)  # type: ignore[union-attr]
    assert root["ways"] == [f"{PREFIX[lang]}/commitments/", f"{PREFIX[lang]}/"]
    assert root["base"] == f"{PREFIX[lang]}/", "Material's search and links are the edition's own"
    # A host that serves the nearest 404.html up the tree gives the edition's own 404 page: the same answer.
    assert _answer(page, nearest_host + path) == root


def test_the_edition_page_searches_its_own_edition(page: object, host: str) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.removeprefix(host)))  # type: ignore[attr-defined]
    _answer(page, host + "/ko/some/missing/page/")
    page.get_by_role("button", name=template_strings(load_ui("ko"))["not_found_search"]).click()  # type: ignore[attr-defined]
    page.locator(".md-search__input").wait_for(state="visible")  # type: ignore[attr-defined]
    page.keyboard.insert_text(localize(ST, "ko").parties[0].name)  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]
    page.locator(".md-search-result__item").first.wait_for()  # type: ignore[attr-defined]
    indexes = [u for u in asked if u.endswith("search_index.json")]
    assert indexes == ["/ko/search/search_index.json"], indexes
    assert page.evaluate("location.pathname") == "/ko/some/missing/page/"  # type: ignore[attr-defined]


def test_only_the_root_404_page_forwards_and_never_loops(page: object, host: str) -> None:
    # The English 404 page, asked to put an address back, shows itself (a host without the edition's 404 page).
    page.goto(host + "/404.html#from=%2Fja%2Fc%2Fx%2F")  # type: ignore[attr-defined]
    page.locator("article h1").wait_for()  # type: ignore[attr-defined]
    assert page.evaluate("[location.pathname, document.documentElement.lang]") == ["/ja/c/x/", "en"]  # type: ignore[attr-defined]
    # An address from elsewhere is never put back (replaceState only within the edition).
    page.goto(host + "/ja/404.html#from=%2F%2Fevil.example%2F")  # type: ignore[attr-defined]
    page.locator("article h1").wait_for()  # type: ignore[attr-defined]
    assert page.evaluate("location.pathname") == "/ja/404.html"  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang, typed, kind", [
    ("en", "critical-minerals", "topic"),
    ("ja", "critical-minerals", "topic"),
    ("ko", "critical-minerals", "topic"),
    ("ko", ST.parties[1].slug, "party"),
    ("en", ST.parties[2].slug + "x", "party"),  # mistyped
])
def test_a_topic_or_party_id_in_a_point_address_suggests_its_page(page: object, host: str, lang: str, typed: str, kind: str) -> None:
    local = localize(ST, lang)
    if kind == "topic":
        target, label = f"topics/{typed}/", next(t.label for t in local.topics if t.id == typed)
    else:
        party = next(p for p in local.parties if typed.startswith(p.slug))
        target, label = f"parties/{party.slug}/", party.name
    got = _answer(page, f"{host}{PREFIX[lang]}/c/{typed}/")
    assert got["suggested"][0] == [label, f"{PREFIX[lang]}/{target}"]  # type: ignore[index]
    page.locator("#not-found-suggestions a").first.click()  # type: ignore[attr-defined]
    page.wait_for_url(f"**{PREFIX[lang]}/{target}")  # type: ignore[attr-defined]
    assert page.locator("article h1").inner_text().startswith(label)  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_the_points_folder_forwards_to_the_list_of_points_without_javascript(browser: object, host: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        response = page.goto(f"{host}{PREFIX[lang]}/c/")
        assert response.status == 200  # a page of its own on every host, not the 404 page
        page.wait_for_url(f"**{PREFIX[lang]}/commitments/")
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("article table").count() >= 1
    finally:
        context.close()
