"""axe-core on every built page, light and dark, and once with the search dialog open: 0 violations."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from conftest import site_pages

Scheme = Literal["light", "dark"]


# A readable failure: rule, impact, where, and axe's own explanation for the first node.
def _describe(path: str, violations: list[dict[str, object]]) -> list[str]:
    lines = []
    for v in violations:
        nodes = v["nodes"]  # type: ignore[index]
        targets = [n["target"] for n in nodes][:5]  # type: ignore[index]
        summary = " ".join(str(nodes[0].get("failureSummary", "")).split())  # type: ignore[index,union-attr]
        lines.append(f"{path}: {v['id']} ({v['impact']}) x{len(nodes)} at {targets}: {summary}")  # type: ignore[arg-type]
    return lines


# The page really is in the scheme under test: Material follows prefers-color-scheme.
def _scheme_of(page: object) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # type: ignore[attr-defined]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_axe_violations(browser: object, base_url: str, site: Path, scheme: Scheme) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = site_pages(site)
    assert len(pages) > 20, pages
    for lang in ("ja", "ko"):  # the Japanese and Korean editions are in the build, and so in the run
        assert sum(p.startswith(f"/{lang}/") for p in pages) > 40, f"too few /{lang}/ pages: {pages}"
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    problems: list[str] = []
    try:
        for path in pages:
            page.goto(base_url + path)
            assert _scheme_of(page) == ("slate" if scheme == "dark" else "default"), path
            problems += _describe(path, axe.run(page).response["violations"])
    finally:
        context.close()
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
        problems = _describe("/ (search open)", Axe().run(page).response["violations"])
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
        problems = _describe(f"{path} (switcher open, {width}px)", Axe().run(page).response["violations"])
    finally:
        context.close()
    assert not problems, "\n".join(problems)
