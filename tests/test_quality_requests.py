"""No third-party requests: every page of each edition, crawled in Chromium, asks nothing of anyone but our own server.

The crawl is crawlkit's, one per edition of the build for a real address (site_url), shared with test_quality_axe.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from crawlkit import EDITIONS, Crawl


# Every page of the edition and its search used once: nothing asked of anyone else, no web font, nothing asked
# that fails (Material's language script fetched a sitemap.xml beside each page's hreflang alternates: four 404s
# on every page), no error in the console.
@pytest.mark.parametrize("edition", EDITIONS)
def test_deployed_pages_request_nothing_that_fails(deployed_crawl: object, edition: str) -> None:
    found: Crawl = deployed_crawl(edition)  # type: ignore[operator]
    base = found.base
    ours = urlsplit(base).netloc
    assert len(found.pages) > 40, f"too few {edition} pages crawled: {found.pages}"
    requested = {url for _, url in found.requests}
    index = "/search/search_index.json" if edition == "en" else f"/{edition}/search/search_index.json"
    assert any(u == base + index for u in requested), f"the {edition} search index was never fetched: crawl saw too little"
    assert any(u.endswith(".css") for u in requested) and any(u.endswith(".js") for u in requested)
    foreign = sorted({f"{p}: {u}" for p, u in found.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != ours})
    assert not foreign, "third-party requests:\n" + "\n".join(foreign)
    assert not found.fonts, "web fonts fetched (the pages use system fonts only):\n" + "\n".join(found.fonts[:10])
    assert not found.failed, f"{len(found.failed)} failed request(s) or console error(s):\n" + "\n".join(sorted(set(found.failed))[:20])


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
