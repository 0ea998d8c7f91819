"""The PDF of each edition's Read it all: printed.py's HTML drawn by WeasyPrint, ``{path: bytes}``.

Chosen by measurement: WeasyPrint embeds the fonts as subsets (CFF for the CJK faces, real glyphs), tags the
document for accessibility (PDF/UA-1: structure tree, language, title) and writes the same bytes for the same
HTML (its dates are the content date, from the template's dcterms meta; its ID a hash of the content).
Chromium's PDF carries the day it was printed and draws CJK as Type 3 fonts.

Each PDF is kept in a cache folder under a hash of everything that draws it (its HTML, the stylesheet and
template, this module, the fonts, WeasyPrint's and pydyf's versions), so a build redraws only an edition
whose text changed; WeasyPrint is imported only then (about a second on its own).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from ..source.files import cache_file
from . import printed

VARIANT = "pdf/ua-1"  # tagged: a structure tree, the document's language and title, for screen readers
SUBSET_COMMAND = ".venv/bin/python tools/subset_cjk_font.py"


@dataclass(frozen=True)
class Lacking:
    """An edition's PDF with characters its fonts lack: drawn anyway, in whatever font the system has, or as boxes."""

    path: str
    lang: str
    missing: str

    def message(self) -> str:
        chars = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in self.missing)
        fix = f"run `{SUBSET_COMMAND}` and commit scripts/fonts/" if self.lang != "en" else "DejaVu Sans has no glyph for them"
        return f"{self.path}: the {self.lang} PDF draws {chars} without a font shipped in scripts/fonts/: {fix}"


def lacking(doc: printed.Printed) -> Lacking | None:
    missing = "".join(sorted(set("".join(printed.missing(doc).values()))))
    return Lacking(doc.path, doc.lang, missing) if missing else None


def pdf(doc: printed.Printed, cache_dir: Path | None = None) -> bytes:
    """``doc`` as PDF bytes, from ``cache_dir`` when it holds the same document drawn by the same code and fonts."""
    if cache_dir is None:
        return draw(doc)
    key = hashlib.sha256(_drawer_version(doc.lang).encode() + doc.html.encode()).hexdigest()
    cached = cache_dir / f"{key}.pdf"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = draw(doc)
    cache_file(cached, data)  # whole or not at all
    return data


def draw(doc: printed.Printed) -> bytes:
    import weasyprint

    # The fonts are addressed relative to scripts/fonts/ (printed.FONTS); nothing else is fetched.
    html = weasyprint.HTML(string=doc.html, base_url=f"{printed.FONTS.as_uri()}/")
    return html.write_pdf(pdf_variant=VARIANT, pdf_identifier=True)


@cache
def _drawer_version(lang: str) -> str:
    h = hashlib.sha256(f"weasyprint {version('weasyprint')} pydyf {version('pydyf')}".encode())
    for path in (Path(__file__), printed.TEMPLATE, printed.STYLESHEET, *sorted({p for ps in printed.fonts(lang).values() for p in ps})):
        h.update(path.read_bytes())
    return h.hexdigest()
