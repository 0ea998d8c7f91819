"""linkinator (npm, pinned in tools/) over the built site: 0 broken links, 0 missing anchors, in all three
editions (English at /, Japanese at /ja/, Korean at /ko/) and across them (switcher, translation notice).

linkinator serves the folder itself and fetches each page once, checking every `#anchor` against the ids of
the page it names (--check-fragments). LinkChecker, used before, fetched and parsed a page again for each
fragment linked to it: 1,650 fetches for 246 pages and about 170 s, against about 4 s here (one fetch a page).
"""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import LINKINATOR, need_node_tool, site_pages

# Only the site's own links: linkinator serves the folder on localhost, every other host is left alone (no
# network in the tests). Redirects are errors: the site's links name pages as they are served.
_OWN_ONLY = "^https?://(?!localhost[:/])"


def linkinator(root: Path, starts: list[str]) -> list[dict[str, object]]:
    """Every link linkinator checked from ``starts`` (paths under ``root``), anchors included.

    linkinator follows the links of a page under its start's address only: from "." (the root), the whole site;
    from a start file (a/x.html), that page's own links. ``root`` is given absolute: linkinator 7.6.1 drops the
    first folder of every start path when the root is a relative one like ".".
    """
    need_node_tool(LINKINATOR)
    done = subprocess.run(
        ["node", str(LINKINATOR), *starts, "--server-root", str(root), "--recurse", "--check-fragments", "--check-css",
         "--redirects", "error", "--skip", _OWN_ONLY, "--format", "json"],
        cwd=root, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600,
    )
    try:
        return json.loads(done.stdout)["links"]
    except (ValueError, KeyError):
        raise AssertionError(f"linkinator gave no report ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}") from None


def _file(page: str) -> str:
    """A page's file under the site folder."""
    return page.lstrip("/") + ("" if page.endswith(".html") else "index.html")


def _checked(links: list[dict[str, object]]) -> set[str]:
    """The site paths linkinator checked ("ja/c/x/" → "/ja/c/x/", "./" → "/"; a start file "a/index.html" → "/a/")."""
    out = set()
    for link in links:
        path = str(link["url"]).split("#", 1)[0]
        out.add("/" + ("" if path in (".", "./") else path.removesuffix("index.html")))
    return out


def _broken(links: list[dict[str, object]]) -> list[str]:
    return [f"{link.get('parent', '(start)')}: {link['url']} -> {link['status']} {link.get('failureDetails') or ''}".strip()
            for link in links if link["state"] == "BROKEN"]


class _EditionLinks(HTMLParser):
    """hrefs of the language switcher's links and of the translation notice's link, with the edition each names."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._notice = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "p" and {"translation-notice", "translation-note"} & set((a.get("class") or "").split()):
            self._notice = True
        elif tag == "a" and (self._notice or "md-select__link" in (a.get("class") or "").split()):
            self.links.append((a.get("href") or "", a.get("hreflang") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._notice = False


# Every link from one edition to another on every page, as a site path (fragment dropped), with its edition.
def _cross_edition_links(site: Path) -> list[tuple[str, str]]:
    out = []
    for path in site_pages(site):
        parsed = _EditionLinks()
        parsed.feed((site / _file(path)).read_text(encoding="utf-8"))
        for href, lang in parsed.links:
            target = urlsplit(urljoin("http://site" + path, href))
            if target.netloc == "site":
                to = normpath(target.path)
                out.append((to + ("/" if target.path.endswith("/") and to != "/" else ""), lang))
    return out


@pytest.fixture(scope="module")
def site_links(site: Path) -> list[dict[str, object]]:
    # The whole site from its root, and every page as a start of its own too, so pages nothing links to (each
    # edition's 404.html and /c/) are checked as well.
    return linkinator(site, [".", *(_file(p) for p in site_pages(site))])


def test_no_broken_links_or_anchors(site: Path, site_links: list[dict[str, object]]) -> None:
    pages = site_pages(site)
    checked = _checked(site_links)
    assert set(pages) <= checked, f"linkinator did not check every page: {sorted(set(pages) - checked)[:5]}"
    assert len(checked) > len(pages), "too few links checked: the crawl did not follow links"

    def tree(path: str) -> str:
        first = path.split("/")[1]
        return first if first in ("ja", "ko") else "en"

    # Each edition's tree really crawled: beyond its pages, its own assets too.
    per_tree = {t: sum(tree(p) == t for p in checked) for t in ("en", "ja", "ko")}
    print(f"paths checked per edition: {per_tree}; links reported: {len(site_links)}")
    for lang in ("ja", "ko"):
        count = sum(tree(p) == lang for p in pages)
        assert count > 40 and per_tree[lang] > count, f"/{lang}/: {per_tree[lang]} paths checked for {count} pages"
    # The links between editions (the switcher on every page, the translation notice on ja/ko pages) all lead
    # to paths linkinator checked; a wrong one would be a path of its own, reported broken below.
    cross = _cross_edition_links(site)
    assert {t for _, t in cross} >= {"en", "ja", "ko"} and len(cross) > 3 * len(pages), f"{len(cross)} cross-edition links"
    unchecked = sorted(p for p, _ in cross if p not in checked)
    assert not unchecked, f"cross-edition links linkinator never checked: {unchecked[:5]}"
    broken = _broken(site_links)
    assert not broken, f"{len(broken)} broken link(s) or anchor(s):\n" + "\n".join(broken)


# The checker as configured above catches what the site's check relies on it to catch: a missing page, a missing
# anchor on another page and on the same page, a missing stylesheet image, and a link that only redirects.
def test_the_link_check_catches_a_missing_page_anchor_or_asset(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>x</title><link rel="stylesheet" href="s.css"><p id="here">'
        '<a href="a/#there">ok</a> <a href="a/#nowhere">bad anchor</a> <a href="#here">ok</a> <a href="#gone">bad own anchor</a>'
        ' <a href="missing/">bad page</a> <a href="a">redirects</a> <a href="https://example.org/">not ours</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<!doctype html><title>a</title><h2 id="there">There</h2>', encoding="utf-8")
    (tmp_path / "s.css").write_text("p { background: url(missing.png) }", encoding="utf-8")
    links = linkinator(tmp_path, ["."])
    broken = {str(link["url"]) for link in links if link["state"] == "BROKEN"}
    assert {u.rsplit("#", 1)[-1] for u in broken if "#" in u} == {"nowhere", "gone"}, broken
    assert {u for u in broken if "#" not in u} == {"missing/", "a", "missing.png"}, broken
    assert not any("example.org" in str(link["url"]) for link in links), "a foreign host was checked"
