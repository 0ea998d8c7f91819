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


# The build for a real address (site_url): every page of the three editions, the search used in each, and
# nothing asked of anyone else, no web font, nothing asked that fails (Material's language script fetches a sitemap.xml
# beside every <link rel="alternate">: per-page hreflang links meant four 404s on every page), no error in the console.
def test_deployed_pages_request_nothing_that_fails(browser: object, absolute_site: tuple[Path, str]) -> None:
    site, base = absolute_site
    ours = urlsplit(base).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    current = {"path": ""}
    seen: list[tuple[str, str]] = []
    failed: list[str] = []
    fonts: list[str] = []
    context.on("request", lambda r: seen.append((current["path"], r.url)))
    context.on("request", lambda r: fonts.append(f"{current['path']}: {r.url}") if r.resource_type == "font" else None)
    context.on("response", lambda r: failed.append(f"{current['path']}: {r.status} {r.url}") if r.status >= 400 else None)
    context.on("requestfailed", lambda r: failed.append(f"{current['path']}: {r.failure} {r.url}"))
    page = context.new_page()
    page.on("console", lambda m: failed.append(f"{current['path']}: console {m.type}: {m.text}") if m.type == "error" else None)
    pages = site_pages(site)
    try:
        for path in pages:
            current["path"] = path
            page.goto(base + path, wait_until="networkidle")
        for home, query in (("/", "korea"), ("/ja/", "北朝鮮"), ("/ko/", "북한")):
            current["path"] = f"{home} (search)"
            page.goto(base + home, wait_until="networkidle")
            page.keyboard.press("/")
            page.keyboard.insert_text(query)  # typed CJK sends no keyup, which Material listens to
            page.keyboard.press("End")
            page.wait_for_selector(".md-search-result__item")
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    for lang in ("ja", "ko"):
        assert sum(p.startswith(f"/{lang}/") for p in pages) > 40, f"too few /{lang}/ pages crawled"
        assert any(u.endswith(f"/{lang}/search/search_index.json") for _, u in seen), f"the /{lang}/ search index was never fetched"
    foreign = sorted({f"{p}: {u}" for p, u in seen if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != ours})
    assert not foreign, "third-party requests:\n" + "\n".join(foreign)
    assert not fonts, "web fonts fetched (the pages use system fonts only):\n" + "\n".join(fonts[:10])
    assert not failed, f"{len(failed)} failed request(s) or console error(s):\n" + "\n".join(sorted(set(failed))[:20])


# Material is not patched from JavaScript: its requests go out as it makes them (statement.js once wrapped
# XMLHttpRequest.prototype.open to send the sitemap requests elsewhere), on every edition's home and a point.
def test_deployed_pages_leave_material_unpatched(browser: object, absolute_site: tuple[Path, str]) -> None:
    _, base = absolute_site
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        for path in ("/", "/ja/", "/ko/", "/c/us-defense-commitments/", "/ja/c/us-defense-commitments/"):
            page.goto(base + path, wait_until="networkidle")
            native = page.evaluate("[XMLHttpRequest.prototype.open, XMLHttpRequest.prototype.send, window.fetch]"
                                   ".every(f => /\\{\\s*\\[native code\\]\\s*\\}/.test(Function.prototype.toString.call(f)))")
            assert native, f"{path}: XMLHttpRequest or fetch is wrapped"
    finally:
        context.close()
