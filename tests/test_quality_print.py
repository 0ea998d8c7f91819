"""Print: a section page rendered to PDF by Chromium has the statement, each commitment's permanent URL,
no navigation, search or buttons, and no commitment split across two pages."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest

SECTION = "/sections/security/"


@dataclass(frozen=True)
class Printed:
    pages: tuple[str, ...]  # text of each PDF page, whitespace removed (PDF text wraps anywhere)
    titles: tuple[str, ...]
    ids: tuple[str, ...]
    chrome: tuple[str, ...]  # texts only the site's navigation, search and buttons carry


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# What the page shows on screen, then what Chromium prints of it (A4, print media, background off).
@pytest.fixture(scope="module")
def printed(browser: object, base_url: str) -> Printed:
    from pypdf import PdfReader

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(base_url + SECTION, wait_until="networkidle")
        ids = page.eval_on_selector_all(".commitment > h2[id]", "hs => hs.map(h => h.id)")
        titles = page.eval_on_selector_all(".commitment > h2[id]", "hs => hs.map(h => h.textContent.replace('¶', '').trim())")
        chrome = page.evaluate("""() => {
          const article = document.querySelector('.md-content').innerText;
          const nav = [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')].map(a => a.innerText.trim());
          return [...nav.filter(t => t.length > 3 && !article.includes(t)), 'Copy link', 'Skip to content', 'Type to start searching'];
        }""")
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        context.close()
    reader = PdfReader(io.BytesIO(pdf))
    return Printed(tuple(_flat(p.extract_text()) for p in reader.pages), tuple(titles), tuple(ids), tuple(chrome))


def test_print_has_every_commitment_and_its_permanent_url(printed: Printed, base_url: str) -> None:
    assert len(printed.ids) >= 3, printed.ids
    text = "".join(printed.pages)
    for title in printed.titles:
        assert _flat(title) in text, f"commitment title missing from print: {title}"
    missing = [cid for cid in printed.ids if _flat(f"Permanent link: {base_url}/c/{cid}/") not in text]
    assert not missing, f"no absolute permanent URL printed for: {missing}"


def test_print_hides_navigation_search_and_buttons(printed: Printed) -> None:
    text = "".join(printed.pages)
    assert len(printed.chrome) > 5, printed.chrome
    shown = [t for t in printed.chrome if _flat(t) in text]
    assert not shown, f"site furniture printed: {shown}"
    assert "¶" not in text


def test_print_keeps_each_commitment_on_one_page(printed: Printed, base_url: str) -> None:
    assert len(printed.pages) >= 2, "the section should need more than one page, or this test proves nothing"
    split = []
    for cid in printed.ids:
        start = next(i for i, p in enumerate(printed.pages) if f"ID:{cid}" in p)  # the line under the heading
        end = next(i for i, p in enumerate(printed.pages) if f"c/{cid}/" in p)
        if start != end:
            split.append(f"{cid}: title on page {start + 1}, permanent link on page {end + 1}")
    assert not split, "commitments split across pages:\n" + "\n".join(split)
