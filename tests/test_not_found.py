"""A 404 page that helps (issue 14), in real Chromium: search, the list of points, and for a mistyped
or truncated /c/…/ address the closest known IDs, from the register embedded in the page (no server
logic: the host only serves 404.html, as GitHub Pages and most static hosts do). Also the link-preview
meta as a browser sees it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import STATEMENT, _Quiet, serve
from scripts.render import previews
from scripts.render.messages import EN
from scripts.source.published import read_published
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)


class _NotFound(_Quiet):
    """A static host: a missing path gets /404.html with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[str]:
    with serve(site, _NotFound) as url:
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
