"""The Atom feed of each edition's changes (issue 24, item 3): one entry per version of statement/changes.yaml,
read back from the shared deployed build by a feed reader (feedparser) and by lxml, every link a /c/ page the
build made; every page's head names its edition's feed; a build without an address has no feed and names none.
The checks of changes.yaml's `points` are fixtures (tests/fixtures/fail/changes-unknown-point, test_errors.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree, html

from conftest import DEPLOYED, STATEMENT
from scripts.editions import config as edition_config
from scripts.editions.localize import localize
from scripts.render import data, feed
from scripts.render.messages import load as load_ui
from scripts.source.checks import RESERVED
from scripts.source.model import Change
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
LANGS = edition_config.languages(ST)
NS = {"a": feed.ATOM, "x": feed.XHTML}
# RFC 3339 as Atom's Date constructs require it (RFC 4287 §3.3), with an upper-case T and Z.
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def edition_url(lang: str) -> str:
    return f"{DEPLOYED}{edition_config.prefix(lang)}"


def local_path(site: Path, url: str) -> Path:
    """The built file an absolute address under DEPLOYED is served from (a folder's index.html)."""
    assert url.startswith(DEPLOYED), url
    path = site / urlsplit(url).path.removeprefix(urlsplit(DEPLOYED).path)
    return path / "index.html" if url.endswith("/") else path


def local(lang: str):  # noqa: ANN201 (a Statement)
    return ST if lang == "en" else localize(ST, lang)


def test_the_feed_path_is_reserved() -> None:
    assert Path(feed.FEED).stem in RESERVED


def test_every_version_names_the_points_it_touched() -> None:
    # The model reads changes.yaml's points in the statement's order, each once; the first edition had every point.
    order = [c.id for c in ST.commitments]
    for ch in ST.changes:
        assert list(ch.points) == sorted(set(ch.points), key=order.index), ch.version
    assert ST.changes[-1].points and set(ST.changes[-1].points) <= set(order)
    assert any(not ch.points for ch in ST.changes), "1.2 changed no point (its summary says so)"


def test_no_address_no_feed() -> None:
    # Atom needs absolute IDs: a build without SITE_URL makes no feed, names none in the head, lists none.
    assert feed.files(ST, None, "Site") == {}
    assert "feed" not in edition_config.config({"site_url": None}, ST, "en", load_ui("en"), None)["extra"]
    assert "feed.xml" not in data.page(ST, None)[data.PAGE]
    assert all(r["format"] != "atom" for r in data.datapackage(ST, None, None)["resources"])


def test_every_value_is_escaped_and_the_bytes_never_change() -> None:
    # Markup in a summary or a title reaches the reader as text, and the feed is the same bytes each time.
    hostile = "<script>alert(1)</script> & \"quotes\" ]]> <![CDATA[x]]>"
    first = ST.commitments[0]
    sections = tuple(replace(s, commitments=tuple(replace(c, title=hostile) if c.id == first.id else c for c in s.commitments))
                     for s in ST.sections)
    st = replace(ST, sections=sections, changes=(Change("9.9", "2030-01-02", hostile, (first.id,)), *ST.changes))
    raw = feed.feed(st, DEPLOYED, hostile)
    assert raw == feed.feed(st, DEPLOYED, hostile)
    root = etree.fromstring(raw)
    assert not root.xpath("//x:script", namespaces=NS)
    entry = root.find("a:entry", NS)
    assert entry.findtext("a:content/x:div/x:p", namespaces=NS) == hostile
    assert entry.find("a:link[@rel='related']", NS).get("title") == hostile
    assert entry.findtext("a:content/x:div/x:ul/x:li/x:a", namespaces=NS) == hostile
    assert root.findtext("a:author/a:name", namespaces=NS) == hostile
    assert root.findtext("a:updated", namespaces=NS) == "2030-01-02T00:00:00Z"  # the newest version's day, no clock


@pytest.mark.parametrize("lang", LANGS)
def test_each_edition_has_a_valid_atom_feed_of_its_changes(deployed_site: Path, lang: str) -> None:
    url = edition_url(lang)
    path = local_path(deployed_site, url + feed.FEED)
    raw = path.read_bytes()
    st = local(lang)

    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == lang
    assert [e.title for e in parsed.entries] == [load_ui(lang).text_("Version {version}", version=c.version) for c in st.changes]

    # RFC 4287's musts, read with lxml: one id, title and updated per feed and entry; absolute, unique IDs;
    # RFC 3339 dates; an author; a self link; the XHTML content as one div.
    root = etree.fromstring(raw)
    assert root.tag == f"{{{feed.ATOM}}}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for el in (root, *root.findall("a:entry", NS)):
        for name in ("id", "title", "updated"):
            assert len(el.findall(f"a:{name}", NS)) == 1, (el.tag, name)
        assert DATE_TIME.match(el.findtext("a:updated", namespaces=NS))
    assert root.findtext("a:author/a:name", namespaces=NS)
    assert root.find("a:link[@rel='self']", NS).get("href") == url + feed.FEED
    assert root.findtext("a:id", namespaces=NS) == url + feed.FEED
    ids = [e.findtext("a:id", namespaces=NS) for e in root.findall("a:entry", NS)]
    assert len(set(ids)) == len(ids) == len(st.changes)
    assert all(urlsplit(i).scheme == "https" and urlsplit(i).netloc for i in ids)

    for entry, ch in zip(root.findall("a:entry", NS), st.changes, strict=True):
        assert entry.findtext("a:updated", namespaces=NS) == f"{ch.date}T00:00:00Z"
        content = entry.find("a:content", NS)
        assert content.get("type") == "xhtml" and len(content) == 1 and content[0].tag == f"{{{feed.XHTML}}}div"
        # The version's summary in the edition's language (statement/translations for ja and ko).
        assert content.findtext("x:div/x:p", namespaces=NS) == ch.summary
        related = [link.get("href") for link in entry.findall("a:link[@rel='related']", NS)]
        listed = [a.get("href") for a in content.iterfind(".//x:a", NS)]
        assert related == listed == [f"{url}c/{cid}/" for cid in ch.points]
        for href in related:
            assert local_path(deployed_site, href).is_file(), href  # a permanent page of this edition
        changelog = entry.find("a:link[@rel='alternate']", NS).get("href")
        assert changelog == f"{url}data/#edition" and local_path(deployed_site, changelog.split("#")[0]).is_file()
        titles = {c.id: c.title for c in st.commitments}
        assert [a.text for a in content.iterfind(".//x:a", NS)] == [titles[cid] for cid in ch.points]
    if lang != "en":  # the entries are the translated ones, not the English
        assert ids[0].startswith(url) and ST.changes[0].summary not in raw.decode()


def test_entry_ids_differ_between_editions(deployed_site: Path) -> None:
    ids = [e.id for lang in LANGS for e in feedparser.parse(local_path(deployed_site, edition_url(lang) + feed.FEED).read_bytes()).entries]
    assert len(ids) == len(set(ids)) == len(LANGS) * len(ST.changes)


def head_feeds(page: Path) -> list[tuple[str | None, str | None]]:
    head = html.fromstring(page.read_bytes()).find("head")
    return [(link.get("href"), link.get("title")) for link in head.iterfind("link") if link.get("type") == feed.MEDIA_TYPE]


def test_every_page_names_its_editions_feed_in_its_head(deployed_site: Path) -> None:
    # Every built page of every edition, read from disk: exactly one feed link, to its own edition's feed, titled.
    pages = sorted(deployed_site.rglob("*.html"))
    listed = {local_path(deployed_site, loc.text) for lang in LANGS
              for loc in etree.parse(deployed_site / edition_config.prefix(lang) / "sitemap.xml").iter("{*}loc")}
    assert listed and listed <= set(pages)  # every page of every edition's sitemap is read
    for page in pages:
        rel = page.relative_to(deployed_site).as_posix()
        lang = rel.split("/")[0] if rel.split("/")[0] in LANGS[1:] else "en"
        links = head_feeds(page)
        assert len(links) == 1 and links[0][1], (rel, links)
        assert links[0][0] == edition_url(lang) + feed.FEED, rel
    assert head_feeds(deployed_site / "ja" / "index.html")[0][1] != head_feeds(deployed_site / "index.html")[0][1]  # translated


def test_the_data_page_and_package_list_each_feed(deployed_site: Path) -> None:
    package = (deployed_site / "data" / "datapackage.json").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'"path": "{edition_url(lang)}{feed.FEED}"' in package
        page = html.fromstring((local_path(deployed_site, f"{edition_url(lang)}data/")).read_bytes())
        assert page.xpath(f"//article//a[text()='{edition_url(lang)}{feed.FEED}']"), lang


def test_a_build_without_an_address_has_no_feed(site: Path) -> None:
    for lang in LANGS:
        root = site / edition_config.prefix(lang)
        assert not (root / feed.FEED).exists()
        for page in ("index.html", "c/dprk-sanctions/index.html", "data/index.html"):
            assert head_feeds(root / page) == [], (lang, page)
