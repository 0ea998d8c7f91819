"""No third-party requests: every page, crawled in Chromium, asks nothing of anyone but our own server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from conftest import site_pages


# Every request the browser makes on every page (workers included), loaded until the network is idle.
def test_every_page_requests_only_our_own_server(browser: object, base_url: str, site: Path) -> None:
    ours = urlsplit(base_url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    seen: list[tuple[str, str]] = []
    current = {"path": ""}
    context.on("request", lambda r: seen.append((current["path"], r.url)))
    page = context.new_page()
    try:
        for path in site_pages(site):
            current["path"] = path
            page.goto(base_url + path, wait_until="networkidle")
        # The search (a web worker and its index) is part of the page too: use it once.
        current["path"] = "/ (search)"
        page.goto(base_url + "/", wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.type("korea", delay=40)
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    requested = {url for _, url in seen}
    assert any(u.endswith("search_index.json") for u in requested), "the search index was never fetched: crawl saw too little"
    assert any(u.endswith(".css") for u in requested) and any(u.endswith(".js") for u in requested)
    foreign = sorted({(p, u) for p, u in seen if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != ours})
    assert not foreign, "third-party requests:\n" + "\n".join(f"{p}: {u}" for p, u in foreign)
