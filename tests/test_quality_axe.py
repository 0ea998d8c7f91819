"""axe-core on every built page of each edition, light and dark, with the search dialog open and the language switcher open: 0 violations."""

from __future__ import annotations

import pytest
from crawlkit import EDITIONS, Crawl, Scheme, describe


# Every page of each edition (crawlkit's crawl of the deployed build, shared with test_quality_requests), in the
# light scheme and then, switched on the same page, in the dark one; of the permanent pages, one of each shape.
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_has_no_axe_violations(deployed_crawl: object, edition: str, scheme: Scheme) -> None:
    found: Crawl = deployed_crawl(edition)  # type: ignore[operator]
    assert len(found.pages) > (20 if edition == "en" else 40), f"too few {edition} pages: {found.pages}"
    here = "/" if edition == "en" else f"/{edition}/"
    assert {f"{here}compare/{p}" for p in ("", "ja/", "ko/")} <= set(found.pages), "the side-by-side pages are crawled"
    problems = found.axe[scheme]
    assert found.schemes[scheme] == len(found.checked) or problems, found.schemes
    permanent = [p for p in found.pages if "/c/" in p]
    unchecked = set(found.pages) - set(found.checked) - set(found.forwarded)  # a forwarding page's target is checked
    assert unchecked <= set(permanent), f"pages axe did not check: {sorted(unchecked - set(permanent))}"
    # Shapes differ by kind of point at least (each kind has its own badge class).
    assert len(set(permanent) & set(found.checked)) >= 5, f"too few permanent pages checked: {found.checked}"
    assert not problems, f"{len(problems)} axe violation(s) in {scheme}:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_dialog_with_results_has_no_axe_violations(browser: object, base_url: str, scheme: Scheme) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(base_url + "/")
        page.keyboard.press("/")  # Material's shortcut: opens the dialog and focuses the query
        page.keyboard.type("korea", delay=40)
        page.wait_for_selector(".md-search-result__item")
        assert page.evaluate("document.getElementById('__search').checked"), "search dialog did not open"
        problems = describe("/ (search open)", Axe().run(page).response["violations"])
    finally:
        context.close()
    assert not problems, "\n".join(problems)


# The language switcher's list, open (it shows on focus), and the translation notice above it: axe sees only
# what is shown, so the list is opened before the run. Desktop and phone width, light and dark.
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/ja/c/us-defense-commitments/", "/ko/sections/security/", "/c/us-defense-commitments/"])
def test_open_language_switcher_has_no_axe_violations(browser: object, base_url: str, path: str, scheme: Scheme, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(base_url + path)
        page.locator(".md-header .md-select > button").focus()
        page.wait_for_function("[...document.querySelectorAll('.md-select__link')].every(a => a.getBoundingClientRect().width > 0)")
        assert page.locator(".md-select__link").count() == 3
        if not path.startswith("/c/"):
            assert page.locator(".md-banner .translation-notice a").is_visible(), "no translation notice shown"
        problems = describe(f"{path} (switcher open, {width}px)", Axe().run(page).response["violations"])
    finally:
        context.close()
    assert not problems, "\n".join(problems)
