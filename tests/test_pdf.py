"""The PDF of each edition's Read it all (scripts/render/printed.py, pdf.py), read back with pypdf.

The site-level checks read the PDFs of the session's deployed build (absolute permanent URLs); determinism
and the cache are checked on an in-process render.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest

from conftest import DEPLOYED, FIXTURES, STATEMENT
from scripts.editions.localize import localize
from scripts.render import data, messages, pdf, printed
from scripts.source.changelog import version
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
LANGS = data.pdf_languages(ST)
OUR_FAMILIES = {"Statement-Sans", "Statement-Sans-Bold", "Statement-CJK", "Statement-CJK-Bold"}


def _doc(lang: str, site_url: str | None = DEPLOYED, changed: str | None = "2025-11-29") -> printed.Printed:
    if lang == "en":
        return printed.document(ST, site_url, changed)
    return printed.document(localize(ST, lang), f"{site_url}{lang}/" if site_url else None, changed, messages.load(lang))  # type: ignore[arg-type]


def _text(reader: pypdf.PdfReader) -> str:
    # Without whitespace: a URL or a title may be broken across lines.
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _fonts(reader: pypdf.PdfReader) -> dict[str, pypdf.generic.DictionaryObject]:
    out = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            out[str(font["/BaseFont"]).split("+", 1)[-1]] = font
    return out


def test_there_is_a_pdf_for_english_and_each_translation() -> None:
    assert LANGS == ("en", "ja", "ko")
    assert [data.pdf_path(lang) for lang in LANGS] == ["data/statement.en.pdf", "data/statement.ja.pdf", "data/statement.ko.pdf"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_character_of_every_pdf_is_in_a_shipped_font(lang: str) -> None:
    # Both weights: bold (headings, labels) and regular are separate subset fonts for Japanese and Korean.
    doc = _doc(lang)
    assert pdf.lacking(doc) is None, f"{pdf.lacking(doc).message()}"  # type: ignore[union-attr]
    chars = printed.characters(doc)
    assert len(chars["regular"]) > 50 and len(chars["bold"]) > 20


def test_a_character_no_shipped_font_has_is_named_with_the_command(tmp_path: Path) -> None:
    root = tmp_path / "statement"
    shutil.copytree(FIXTURES / "pass" / "minimal" / "statement", root)
    section = root / "sections" / "alpha.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("title: Open ports", "title: Open ports 🙂"), encoding="utf-8")
    doc = printed.document(load_statement(root), None, None)
    assert printed.missing(doc) == {"bold": "🙂"}  # a title is a heading: bold
    assert pdf.lacking(doc).message() == (  # type: ignore[union-attr]
        "data/statement.en.pdf: the en PDF draws 🙂 (U+1F642) without a font shipped in scripts/fonts/: DejaVu Sans has no glyph for them")
    # A Japanese one names the command that cuts the subsets again.
    assert "tools/subset_cjk_font.py" in pdf.Lacking("data/statement.ja.pdf", "ja", "龘").message()


@pytest.mark.build  # WeasyPrint's import runs ldconfig
def test_the_same_document_gives_the_same_bytes_and_the_cache_skips_the_drawing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc("en")
    first = pdf.draw(doc)
    assert pdf.draw(doc) == first  # no clock, no random ID
    assert pdf.pdf(doc, tmp_path) == first
    assert len(list(tmp_path.iterdir())) == 1
    monkeypatch.setattr(pdf, "draw", lambda _doc: pytest.fail("an unchanged edition was drawn again"))
    assert pdf.pdf(doc, tmp_path) == first
    changed = printed.Printed(doc.lang, doc.html.replace("Strengthening trilateral cooperation", "Strengthened"))
    with pytest.raises(pytest.fail.Exception):  # another text is another key: drawn afresh
        pdf.pdf(changed, tmp_path)


@pytest.mark.build  # WeasyPrint's import runs ldconfig
def test_a_pdf_is_dated_by_its_content_and_tagged() -> None:
    reader = pypdf.PdfReader(__import__("io").BytesIO(pdf.draw(_doc("en", changed="2025-11-29"))))
    assert reader.metadata["/CreationDate"].startswith("D:20251129000000")
    assert reader.metadata["/ModDate"] == reader.metadata["/CreationDate"]
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "en"


def test_the_translated_pdfs_ask_their_catalogs_for_every_message() -> None:
    # A message the PDF needs and a catalog lacks would be printed in English: the build reports it with the editions'.
    for lang in ("ja", "ko"):
        ui = messages.load(lang)
        printed.document(localize(ST, lang), None, "2025-11-29", ui)  # type: ignore[arg-type]
        assert not ui.missing, sorted(ui.missing)


@pytest.fixture(scope="module")
def deployed_pdfs(deployed_site: Path) -> dict[str, pypdf.PdfReader]:
    return {lang: pypdf.PdfReader(deployed_site / data.pdf_path(lang)) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_every_point_and_its_permanent_url_is_in_the_pdf(deployed_pdfs: dict[str, pypdf.PdfReader], lang: str) -> None:
    reader = deployed_pdfs[lang]
    text = _text(reader)
    base = DEPLOYED + ("" if lang == "en" else f"{lang}/")
    links = {a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots") or [] if "/A" in a.get_object()}
    for c in ST.commitments:
        assert f"ID:{c.id}" in text, c.id
        assert f"{base}c/{c.id}/" in text, c.id
        assert f"{base}c/{c.id}/" in links, c.id
    # The coverage notice, the version and the content date; the translation notice on a translated edition.
    local = ST if lang == "en" else localize(ST, lang)  # type: ignore[arg-type]
    assert re.sub(r"\s+", "", local.coverage or "") in text
    assert f"{version(ST)}" in text
    if lang != "en":
        assert re.sub(r"\s+", "", messages.load(lang).text_(printed.NOTICE)) in text
    # The order is Read it all's.
    assert [m.group(1) for m in re.finditer(r"ID:([a-z0-9-]+?)(?=Permanent|固定|고정)", text)] == [c.id for c in ST.reading_order]


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_embeds_only_the_shipped_fonts_as_real_glyphs(deployed_pdfs: dict[str, pypdf.PdfReader], lang: str) -> None:
    fonts = _fonts(deployed_pdfs[lang])
    assert set(fonts) <= OUR_FAMILIES, f"a system font was drawn: {sorted(set(fonts) - OUR_FAMILIES)}"
    for name, font in fonts.items():
        assert font["/Subtype"] == "/Type0", f"{name} is {font['/Subtype']} (Type 3 fonts are pictures, not text)"
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert {"/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"
        assert "/ToUnicode" in font  # the text can be searched and copied
    if lang != "en":
        assert {"Statement-CJK", "Statement-CJK-Bold"} <= set(fonts)


def test_read_it_all_and_the_data_page_link_the_pdfs(deployed_site: Path) -> None:
    from bs4 import BeautifulSoup

    for lang in LANGS:
        prefix = "" if lang == "en" else f"{lang}/"
        for page, wanted in (("read", [lang]), ("data", list(LANGS))):
            html = BeautifulSoup((deployed_site / prefix / page / "index.html").read_text(encoding="utf-8"), "html.parser")
            found = [a for a in html.select('a[type="application/pdf"]')]
            assert [a["hreflang"] for a in found] == wanted, (lang, page)
            for a in found:
                target = (deployed_site / prefix / page / a["href"]).resolve()
                assert target == (deployed_site / data.pdf_path(a["hreflang"])).resolve() and target.is_file()
                assert a.get_text() == DEPLOYED + data.pdf_path(a["hreflang"])
