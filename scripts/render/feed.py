"""The edition's changes as an Atom feed (RFC 4287): ``feed.xml`` at each edition's root, one entry per version
of statement/changes.yaml, newest first, with its summary and a link to each point it added or changed.

Only in a build with the site's address (``SITE_URL``): Atom's IDs must be absolute IRIs and a feed reader
needs absolute links. The other way Atom allows, a tag: URI (RFC 4151), needs a domain name or e-mail address
the edition's publisher held on a given day; statement/ records none (the addresses it holds are its sources'),
and one made up here would be a fact no source gives.

Built with lxml, so every text and attribute is escaped by the serializer (ElementTree cannot write Atom as the
default namespace with the entries' XHTML as theirs); the only date is each version's own (the feed's is the
newest), never the clock.
"""

from __future__ import annotations

from lxml import etree

from ..source.model import Statement
from .data import permalink, site
from .messages import EN, N_, UI

FEED = "feed.xml"
"""Its path in every edition (reserved: scripts/source/checks.py RESERVED)."""
MEDIA_TYPE = "application/atom+xml"
ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CHANGELOG = "data/#edition"
"""The Data page's changelog, each entry's page."""

TITLE = N_("{site} — changes")
SUBTITLE = N_("One entry per version of this edition: what changed in our summaries, points and IDs, with a link to each point it added or changed.")
UNTOUCHED = N_("This version added or changed no point.")


def url(site_url: str) -> str:
    """The feed's address in an edition at ``site_url`` (the edition's own address)."""
    return site(FEED, site_url)


def address(st: Statement, site_url: str | None) -> str | None:
    """The address of the feed ``files`` makes for the edition at ``site_url``, or None when it makes none."""
    return url(site_url) if site_url and st.changes else None


def entry_id(site_url: str, version: str) -> str:
    """A version's entry ID: stable while the site keeps its address, unique across the editions' feeds."""
    return f"{url(site_url)}#version-{version}"


def files(st: Statement, site_url: str | None, name: str, ui: UI = EN) -> dict[str, bytes]:
    """``{"feed.xml": bytes}`` for the edition ``st`` (localized) at ``site_url`` named ``name``; nothing without
    an address or a changelog."""
    if not address(st, site_url):
        return {}
    assert site_url
    return {FEED: feed(st, site_url, name, ui)}


def _el(parent: etree._Element, tag: str, text: str | None = None, ns: str = ATOM, **attrs: str) -> etree._Element:
    # An XHTML element under an Atom one declares its namespace as the default (<div xmlns="…xhtml">), as RFC 4287 shows.
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs, nsmap={None: ns} if ns != etree.QName(parent).namespace else None)
    el.text = text
    return el


def _day(date: str) -> str:
    """An RFC 3339 date-time for a changelog day (Atom has no plain dates)."""
    return f"{date}T00:00:00Z"


def feed(st: Statement, site_url: str, name: str, ui: UI = EN) -> bytes:
    points = {c.id: c for c in st.commitments}
    root = etree.Element(f"{{{ATOM}}}feed", {XML_LANG: ui.lang}, nsmap={None: ATOM})
    _el(root, "id", url(site_url))
    _el(root, "title", ui.text_(TITLE, site=name))
    _el(root, "subtitle", ui.text_(SUBTITLE))
    _el(root, "updated", _day(st.changes[0].date))  # newest first (source/changelog.py checks it)
    author = _el(root, "author")
    _el(author, "name", name)
    _el(author, "uri", site_url)
    _el(root, "link", rel="self", type=MEDIA_TYPE, href=url(site_url))
    _el(root, "link", rel="alternate", type="text/html", href=site_url)
    for ch in st.changes:
        entry = _el(root, "entry")
        _el(entry, "id", entry_id(site_url, ch.version))
        _el(entry, "title", ui.text_("Version {version}", version=ch.version))
        _el(entry, "updated", _day(ch.date))
        _el(entry, "link", rel="alternate", type="text/html", href=site(CHANGELOG, site_url))
        for cid in ch.points:
            _el(entry, "link", rel="related", type="text/html", href=permalink(cid, site_url), title=points[cid].title)
        content = _el(entry, "content", type="xhtml")
        div = _el(content, "div", ns=XHTML)
        _el(div, "p", ch.summary, ns=XHTML)
        if ch.points:
            _el(div, "p", ui.ntext_("This version added or changed {n} point:", "This version added or changed {n} points:", len(ch.points)), ns=XHTML)
            items = _el(div, "ul", ns=XHTML)
            for cid in ch.points:
                _el(_el(items, "li", ns=XHTML), "a", points[cid].title, ns=XHTML, href=permalink(cid, site_url))
        else:
            _el(div, "p", ui.text_(UNTOUCHED), ns=XHTML)
    etree.indent(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
