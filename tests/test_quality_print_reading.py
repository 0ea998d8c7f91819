"""Print: "Read it all" rendered to PDF by Chromium names the statement, date, place and the edition,
holds every point in the summary's order, and prints no navigation, search or buttons."""

from __future__ import annotations

import io
import re

from conftest import STATEMENT
from scripts.editions.config import PRINT_EDITION
from scripts.render.messages import long_date
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_reading_edition_prints_start_to_finish(browser: object, base_url: str) -> None:
    from pypdf import PdfReader

    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(base_url + "/read/", wait_until="networkidle")
        titles = page.eval_on_selector_all(".reading-point > h3[id]", "hs => hs.map(h => h.textContent.replace('¶', '').trim())")
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        context.close()
    pages = [_flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    text = "".join(pages)
    assert len(pages) >= 2
    for needed in (ST.title, ST.place, long_date(ST.date), "thereadingeditionofthissite", ST.coverage or "",
                   PRINT_EDITION.format(edition=ST.edition, language="English")):
        assert _flat(needed) in pages[0], needed
    assert titles == [c.title for c in ST.reading_order]
    positions = [text.find(_flat(t)) for t in titles]
    assert -1 not in positions and positions == sorted(positions), "every point, in order"
    for furniture in ("Copylink", "Cite", "Skiptocontent", "Typetostartsearching", "Allpoints"):
        assert furniture not in text, furniture
