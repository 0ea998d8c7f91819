"""Read it all as a printed document: one edition's points as HTML for the PDF (scripts/render/pdf.py).

Made from the model with our own print template (printed.html, printed.css), not from the built site: the
PDF is the same whatever the theme does, and it names only the fonts shipped in scripts/fonts/ (DejaVu Sans,
and for Japanese and Korean the Noto Sans CJK subsets), so no system font is ever drawn or embedded.
Every point in the statement's order as Read it all gives it, its permanent URL, the coverage notice, the
edition's version and the day its content last changed; on a Japanese or Korean edition the notice that the
translation is ours, the quotes verbatim in English with our translation beneath, labelled as ours.

Bold is drawn only inside ``<h1>``–``<h3>`` and ``<b>`` (printed.css sets no other weight), so ``characters``
can say which characters each font weight must have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup, escape

from ..source import changelog
from ..source.model import Statement
from . import cards, data
from .messages import EN, N_, UI
from .pages import reading_groups, space

TEMPLATE = Path(__file__).parent / "printed.html"
STYLESHEET = Path(__file__).parent / "printed.css"
FONTS = cards.FONTS
"""The folder the stylesheet's @font-face addresses are relative to (the PDF's base URL)."""

Weight = Literal["regular", "bold"]
BOLD_TAGS = frozenset({"h1", "h2", "h3", "b"})

LINE = N_("{title}, {place}, {date}: the reading edition of this site as a PDF, {count} in the statement's order as far as "
          "the sources show it, with our summaries and the statement's own words.")
NOTICE = N_("This document is this site's own reference translation from English, not an official translation. "
            "The statement's own words stay in English, with our translation beneath them.")


def fonts(lang: str) -> dict[Weight, tuple[Path, ...]]:
    """The fonts each weight is drawn in, in the stylesheet's order: the CJK subset first for Japanese and Korean
    (its own Latin letters and punctuation), DejaVu Sans for whatever it lacks; DejaVu Sans alone for English."""
    regular, bold = cards.REGULAR, cards.BOLD
    if lang in cards.CJK_FACES:
        cjk_regular, cjk_bold = cards.CJK_FACES[lang]
        return {"regular": (cjk_regular, regular), "bold": (cjk_bold, bold)}
    return {"regular": (regular,), "bold": (bold,)}


@dataclass(frozen=True)
class Printed:
    """One edition's document: its language, HTML (fonts addressed relative to FONTS) and file path."""

    lang: str
    html: str

    @property
    def path(self) -> str:
        return data.pdf_path(self.lang)


def document(st: Statement, site_url: str | None, changed: str | None, ui: UI = EN) -> Printed:
    """``st``'s edition (localized for Japanese and Korean; ``site_url`` that edition's own address) as HTML."""
    def url(target: str) -> str | None:
        return data.site(target, site_url) if site_url else None

    def shown(target: str) -> str:
        # Without an address a URL can only be the path from the site's root, said as such on the title page.
        return url(target) or target

    groups: list[dict[str, Any]] = [
        {"heading": g.heading(ui, plain=True), "covers": g.covers, "note": ui.text_(g.note) if g.note else None, "points": list(g.points)}
        for g in reading_groups(st)
    ]
    quote_label = ui.text_("This site’s reference translation (not an official one):")
    for g in groups:
        g["points"] = [{
            "id": c.id, "title": c.title, "summary": c.summary,
            "quotes": list(zip(c.quotes, c.quote_translations or (None,) * len(c.quotes), strict=False)),
            "meta": f"{st.kind_label(c.kind)} · {st.section(c.section).title} · " + ui.text_("ID: {id}", id=c.id),
            "permalink": shown(f"c/{c.id}/"), "href": url(f"c/{c.id}/"),
        } for c in g["points"]]
    facts = []
    if version := changelog.version(st):
        facts.append(ui.text_("Version {version}", version=version))
    if changed:
        facts.append(ui.text_("content last changed {date}", date=ui.date(changed)))
    date = changed or st.date
    html = _template().render(
        lang=st.lang, title=f"{ui.text_('Read it all')}: {st.title}", short_title=st.short_title, heading=st.title,
        author=ui.join(p.issuer or p.name for p in st.parties), created=f"{date}T00:00:00Z",
        read_it_all=ui.text_("Read it all"),
        line=ui.text_(LINE, title=st.title, place=st.place, date=ui.date(st.date), count=ui.ntext_("{n} point", "{n} points", len(st.commitments))),
        facts=("; " if ui.lang == "en" else "、").join(facts) + ("。" if ui.lang == "ja" else "."),
        coverage=st.coverage, method=ui.text_("Source and method: {url}", url=shown("source/")),
        notice=ui.text_(NOTICE) if ui.lang != "en" else None,
        online=ui.text_("This edition online: {url}", url=shown("read/")), online_href=url("read/"),
        relative=None if site_url else ui.text_(
            "The addresses are paths from the site's address, which this build was not given."),
        summary_label=ui.text_("Our summary:"), words_label=ui.text_("In the statement's words:"), quote_label=quote_label,
        permalink_label=ui.text_("Permanent link:"), groups=groups,
        css=Markup(STYLESHEET.read_text(encoding="utf-8")), families=Markup(_families(st.lang)),  # ours, no text from the YAML
        gap=space(ui),
    )
    return Printed(st.lang, html)


def _families(lang: str) -> str:
    """The @font-face rules: one family per font file, weights 400 and 700, named in ``fonts(lang)``'s order."""
    rules = []
    for weight, paths in fonts(lang).items():
        for p in paths:
            rules.append(f'@font-face {{ font-family: "{_family(p)}"; src: url("{p.name}"); '
                         f'font-weight: {700 if weight == "bold" else 400}; font-style: normal; }}')
    names = ", ".join(f'"{_family(p)}"' for p in fonts(lang)["regular"])
    return "\n".join(rules) + f"\n:root {{ font-family: {names}; }}"


def _family(p: Path) -> str:
    # Regular and bold of one typeface are one family (the weight picks the file).
    return "Statement CJK" if "CJK" in p.name else "Statement Sans"


@cache
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["w"] = pass_context(lambda ctx, text: words(text, ctx["lang"]))
    return env.get_template(TEMPLATE.name)


_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def words(text: str, lang: str) -> Markup:
    """``text`` escaped; in Korean each word with Hangul in a span that is not broken (printed.css ``.w``): Korean
    breaks between words, and WeasyPrint has no ``word-break: keep-all``, so it would break inside them."""
    if lang != "ko":
        return escape(text)
    return Markup(" ").join(Markup('<span class="w">{}</span>').format(w) if _HANGUL.search(w) else escape(w) for w in text.split(" "))


class _Text(HTMLParser):
    """The text of the body by weight: inside h1–h3 and b, bold; elsewhere regular."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = {"bold": 0, "skip": 0}
        self.out: dict[Weight, set[str]] = {"regular": set(), "bold": set()}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BOLD_TAGS:
            self.depth["bold"] += 1
        elif tag in ("style", "title", "head"):
            self.depth["skip"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in BOLD_TAGS:
            self.depth["bold"] -= 1
        elif tag in ("style", "title", "head"):
            self.depth["skip"] -= 1

    def handle_data(self, text: str) -> None:
        if not self.depth["skip"]:
            self.out["bold" if self.depth["bold"] else "regular"].update(text)


# Drawn by the stylesheet, not the text: the page numbers and their separator in the page footer.
GENERATED = "0123456789/ "


def characters(doc: Printed) -> dict[Weight, str]:
    """Every character the document draws, by weight (spaces and line ends left out), sorted."""
    parser = _Text()
    parser.feed(doc.html)
    parser.close()
    parser.out["regular"].update(GENERATED)
    return {w: "".join(sorted(ch for ch in chars if not ch.isspace())) for w, chars in parser.out.items()}


def missing(doc: Printed) -> dict[Weight, str]:
    """The characters of ``doc`` that none of its fonts has, by weight (empty: every glyph is a real one)."""
    out: dict[Weight, str] = {}
    for weight, text in characters(doc).items():
        have = frozenset().union(*(cards.characters(p) for p in fonts(doc.lang)[weight]))
        if lacking := "".join(ch for ch in text if ch not in have and not cards.invisible(ch)):
            out[weight] = lacking
    return out
