"""Drive Material's own search in a real browser: type a query key by key, read the ranked results.

Material's search runs in a web worker: every keystroke posts a query, the worker answers with a
result, and the page renders it in the same task. ``INSTRUMENT`` counts those messages (it does not
change them), so a test waits until the answer to the full query has been rendered — no sleeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

# Material's SearchMessageType: 0 setup, 1 ready, 2 query, 3 result.
INSTRUMENT = """
(() => {
  const Native = window.Worker;
  const log = window.__search = { ready: false, queries: [], results: 0, firstResultAt: null, found: [] };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ev => {
        const type = ev.data && ev.data.type;
        if (type === 1) log.ready = true;
        if (type === 3) {
          log.results += 1;
          log.found = ev.data.data.items.map(group => group.map(item => item.location));
          if (log.firstResultAt === null && ev.data.data.items.length) log.firstResultAt = performance.now();
        }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) log.queries.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})();
"""

# True once the worker has answered every query and the last one is what the box holds.
SETTLED = """() => {
  const log = window.__search, box = document.querySelector("input.md-search__input");
  return !!log && log.ready && log.queries.length > 0 && log.results >= log.queries.length
    && log.queries[log.queries.length - 1] === box.value;
}"""

# Every rendered result link, grouped by page as Material groups them.
READ = """() => [...document.querySelectorAll(".md-search-result__list > .md-search-result__item")].map(li =>
  [...li.querySelectorAll("a.md-search-result__link")].map(a => {
    const art = a.querySelector("article"), head = art.querySelector("h1, h2");
    const teaser = [...art.children].filter(el => el !== head && !el.classList.contains("md-search-result__icon")
      && !el.classList.contains("md-search-result__terms")).map(el => el.textContent).join(" ");
    return { href: a.href, title: head.textContent.trim(), score: Number(art.dataset.mdScore),
             teaser: teaser.replace(/\\s+/g, " ").trim() };
  }))"""


@dataclass(frozen=True)
class Hit:
    href: str
    title: str
    score: float
    teaser: str

    @property
    def path(self) -> str:
        """Site-relative location with its anchor, e.g. ``sections/security/#taiwan-strait-stability``."""
        parts = urlsplit(self.href)
        return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def open_home(page: object, base_url: str) -> None:
    page.add_init_script(INSTRUMENT)  # type: ignore[attr-defined]
    page.goto(f"{base_url}/")  # type: ignore[attr-defined]


def search(page: object, query: str, timeout: float = 15_000) -> list[list[Hit]]:
    """Open the search box, enter ``query``, wait for its answer; results grouped by page.

    ASCII is typed key by key. Japanese and Korean are committed at once, as an input method does:
    Playwright's key-by-key typing of such characters sends no ``keyup``, the event Material's search
    box reads its value on, so the text is inserted and End is pressed (a real key: ``keyup``).
    """
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.press("Control+A")
    box.press("Backspace")
    if query.isascii():
        page.keyboard.type(query, delay=20)  # type: ignore[attr-defined]
    else:
        page.keyboard.insert_text(query)  # type: ignore[attr-defined]
        box.press("End")
    page.wait_for_function(SETTLED, timeout=timeout)  # type: ignore[attr-defined]
    return [[Hit(**h) for h in group] for group in page.evaluate(READ)]  # type: ignore[attr-defined]


def found(page: object) -> list[list[str]]:
    """Every result of the last answer, as the worker sent it (Material renders them ten at a time as the list
    scrolls): each group's locations, best first."""
    return page.evaluate("window.__search.found")  # type: ignore[attr-defined,no-any-return]


def best(groups: list[list[Hit]]) -> Hit:
    """The first result as Material ranks it: the top-scoring entry of the first group.

    Material lists a page's title first in each group even when only one of its sections matched;
    the section that matched best is the result the reader came for.
    """
    assert groups and groups[0], "no search results"
    top = max(h.score for h in groups[0])
    return next(h for h in groups[0] if h.score == top)


class SearchPages:
    """Material's search loaded once per edition, queries run in sequence on that page (search() empties the box
    first), and one more page to land on: a result is followed by opening its link's address there, so the
    search page and its index stay for the next query (test_search's click tests click a result for real)."""

    def __init__(self, browser: object, base_url: str) -> None:
        self._context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        self._base = base_url
        self._homes: dict[str, object] = {}
        self._landing: object | None = None

    def home(self, edition: str = "") -> object:
        """The page of an edition's home ("", "ja", "ko") with the search worker instrumented and loaded."""
        if edition not in self._homes:
            page = self._context.new_page()
            open_home(page, f"{self._base}/{edition}".rstrip("/"))
            self._homes[edition] = page
        return self._homes[edition]

    def follow(self, page: object, hit: Hit) -> object:
        """Open the address of the rendered result link for ``hit`` in the landing page; returns that page."""
        link = page.locator("a.md-search-result__link", has=page.locator(f'[data-md-score="{hit.score:.2f}"]')).first  # type: ignore[attr-defined]
        href = link.evaluate("a => a.href")
        assert href == hit.href, (href, hit.href)
        if self._landing is None:
            self._landing = self._context.new_page()
        landing = self._landing
        landing.goto("about:blank")  # type: ignore[attr-defined]
        landing.goto(href)  # type: ignore[attr-defined]
        landing.wait_for_load_state()  # type: ignore[attr-defined]
        return landing

    def close(self) -> None:
        self._context.close()  # type: ignore[attr-defined]
