"""One crawl of the deployed build per edition, in Chromium: what every page asks for, what fails, and axe.

On each page: axe-core in the light scheme once it has loaded, the scheme switched (prefers-color-scheme,
which Material follows on the page) and axe again in the dark one; then the page is left only when its
network is idle. A permanent page (/c/…) is given to axe only when its article's shape is new: the set of
element and class names in it, so one page of each kind of point, with or without quotes, notes and the
rest. The others are made by the same template from texts that their section page shows in the same
markup, and axe checks those there; axe is two thirds of the crawl's time, and /c/ half its pages.
Every page is still loaded and its requests and errors recorded, so every request (workers included), every response of 400 or more, every failed request
and console error and every web font is recorded against it. Last,
the edition's search is used once from its home page. test_quality_requests and test_quality_axe assert on
the result; the crawl itself asserts nothing, so each of them reports every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Scheme = Literal["light", "dark"]
EDITIONS = ("en", "ja", "ko")
QUERY = {"en": "korea", "ja": "北朝鮮", "ko": "북한"}
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


@dataclass
class Crawl:
    edition: str
    base: str  # the address the crawled site was served at (each xdist worker serves its own)
    pages: list[str]
    requests: list[tuple[str, str]] = field(default_factory=list)  # (page, URL)
    fonts: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # responses >= 400, failed requests, console errors
    axe: dict[str, list[str]] = field(default_factory=lambda: {"light": [], "dark": []})
    schemes: dict[str, int] = field(default_factory=lambda: {"light": 0, "dark": 0})  # pages seen in each scheme
    checked: list[str] = field(default_factory=list)  # the pages axe ran on (every page but repeated /c/ shapes)
    forwarded: list[str] = field(default_factory=list)  # pages that forward to another (their target is crawled)


def edition_pages(pages: list[str], edition: str) -> list[str]:
    if edition == "en":
        return [p for p in pages if not p.startswith(("/ja/", "/ko/"))]
    return [p for p in pages if p.startswith(f"/{edition}/")]


# A readable failure: rule, impact, where, and axe's own explanation for the first node.
def describe(path: str, violations: list[dict[str, object]]) -> list[str]:
    lines = []
    for v in violations:
        nodes = v["nodes"]  # type: ignore[index]
        targets = [n["target"] for n in nodes][:5]  # type: ignore[index]
        summary = " ".join(str(nodes[0].get("failureSummary", "")).split())  # type: ignore[index,union-attr]
        lines.append(f"{path}: {v['id']} ({v['impact']}) x{len(nodes)} at {targets}: {summary}")  # type: ignore[arg-type]
    return lines


def _violations(axe: object, page: object) -> list[dict[str, object]]:
    """axe-core's violations on the page as it is now: as Axe.run (axe-playwright-python), which injects
    axe-core every time, but injected once per page load (the dark run reuses the light run's)."""
    if not page.evaluate("typeof window.axe?.run === 'function'"):  # type: ignore[attr-defined]
        page.evaluate(axe.axe_script)  # type: ignore[attr-defined]
    return page.evaluate("options => axe.run(options)", {"resultTypes": ["violations"]})["violations"]  # type: ignore[attr-defined]


# The shape of a page's article: every element name with its classes, as a set. Two permanent pages of one
# shape differ only in their texts.
SHAPE = """() => [...new Set([...document.querySelectorAll('article *')].map(e =>
  e.tagName + '.' + [...e.classList].sort().join('.')))].sort().join(' ')"""


_FORWARDS = '<meta http-equiv="refresh"'  # overrides/main.html, for a page whose front matter has a redirect


def _permanent(path: str, edition: str) -> bool:
    return path.startswith("/c/" if edition == "en" else f"/{edition}/c/")


def crawl(browser: object, base: str, pages: list[str], edition: str) -> Crawl:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = Crawl(edition, base, pages)
    current = {"path": ""}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")  # type: ignore[attr-defined]
    context.on("request", lambda r: found.requests.append((current["path"], r.url)))
    context.on("request", lambda r: found.fonts.append(f"{current['path']}: {r.url}") if r.resource_type == "font" else None)
    context.on("response", lambda r: found.failed.append(f"{current['path']}: {r.status} {r.url}") if r.status >= 400 else None)
    context.on("requestfailed", lambda r: found.failed.append(f"{current['path']}: {r.failure} {r.url}"))
    page = context.new_page()
    page.on("console", lambda m: found.failed.append(f"{current['path']}: console {m.type}: {m.text}") if m.type == "error" else None)
    shapes: set[str] = set()
    try:
        for path in pages:
            current["path"] = path
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                if scheme == "light":
                    # A forwarding page (/c/, an earlier ID's page) leaves for its target, crawled in its own right:
                    # its requests are recorded, and axe has nothing of its own to check (nor time: the page goes).
                    # Read apart (not a browser request, not recorded): once forwarded, its body is gone.
                    forwards = _FORWARDS in context.request.get(base + path).text()
                    page.goto(base + path)
                    if forwards:
                        page.wait_for_url(lambda url, left=base + path: url != left)
                        page.wait_for_load_state("networkidle")
                        # What the departure itself cancelled (its favicon, say) did not fail.
                        found.failed = [f for f in found.failed if not f.startswith(f"{path}: net::ERR_ABORTED ")]
                        found.forwarded.append(path)
                        break
                    if _permanent(path, edition):
                        shape = page.evaluate(SHAPE)
                        if shape in shapes:
                            break
                        shapes.add(shape)
                    found.checked.append(path)
                wanted = MATERIAL_SCHEME[scheme]
                try:  # Material follows the scheme on the open page
                    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{wanted}'", timeout=5000)
                except Exception:
                    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                    found.axe[scheme].append(f"{path}: shown in Material's {shown!r} scheme, not {wanted!r}: axe did not check {scheme}")
                    continue
                page.evaluate("Promise.allSettled(document.getAnimations().map(a => a.finished))")  # no colour mid-transition
                found.schemes[scheme] += 1
                found.axe[scheme] += describe(path, _violations(axe, page))
            # Every request the page makes is counted for it: axe ran while the network settled, the wait is mostly over.
            page.wait_for_load_state("networkidle")
        # The search (a web worker and its index) is part of the page too: use it once.
        page.emulate_media(color_scheme="light")
        home = "/" if edition == "en" else f"/{edition}/"
        current["path"] = f"{home} (search)"
        page.goto(base + home, wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.insert_text(QUERY[edition])  # typed CJK sends no keyup, which Material listens to
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return found
