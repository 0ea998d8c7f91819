"""LinkChecker (PyPI) over the built site served locally: 0 broken links, 0 missing anchors, in all three
editions (English at /, Japanese at /ja/, Korean at /ko/) and across them (switcher, translation notice)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import _Quiet, serve, site_pages

# AnchorCheck is LinkChecker's own plugin: a link to page#x fails when page has no id/name "x".
CONFIG = "[checking]\nmaxrequestspersecond=100\n\n[AnchorCheck]\n"


class _ForLinkChecker(_Quiet):
    """LinkChecker's documented opt-in: a server that answers with a LinkChecker header may be checked fast."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


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


# Every link from one edition to another on every page, resolved against the page's address.
def _cross_edition_links(site: Path, base: str) -> list[tuple[str, str]]:
    out = []
    for path in site_pages(site):
        parsed = _EditionLinks()
        parsed.feed((site / path.lstrip("/") / ("" if path.endswith(".html") else "index.html")).read_text(encoding="utf-8"))
        out += [(urljoin(base + path, href), lang) for href, lang in parsed.links]
    return out


@pytest.fixture(scope="module")
def linkchecker_url(site: Path) -> Iterator[str]:
    with serve(site, _ForLinkChecker) as url:
        yield url


# Every page is a start URL, so pages nothing links to (404.html) are checked too.
def test_no_broken_links_or_anchors(site: Path, linkchecker_url: str, tmp_path: Path) -> None:
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    starts = [linkchecker_url + p for p in site_pages(site)]
    exe = Path(sys.executable).with_name("linkchecker")
    done = subprocess.run([str(exe), "-f", str(config), "--no-status", "--verbose", "-o", "csv", *starts],
                          capture_output=True, text=True, timeout=600)
    rows = list(csv.DictReader(io.StringIO("".join(x for x in done.stdout.splitlines(True) if not x.startswith("#"))), delimiter=";"))
    checked = {r["url"].split("#", 1)[0] for r in rows}
    assert set(starts) <= checked, f"LinkChecker did not check every page: {sorted(set(starts) - checked)[:5]}\n{done.stderr[-2000:]}"
    internal = [r for r in rows if r["url"].startswith(linkchecker_url)]
    assert len(internal) > len(starts), "too few internal links checked: the crawl did not follow links"
    assert sum("#" in r["url"] for r in internal) > 20, "too few anchors checked"
    # Each edition's tree really crawled: beyond its start pages, its anchors, assets and downloads too.
    def tree(url: str) -> str:
        first = url[len(linkchecker_url):].split("/")[1]
        return first if first in ("ja", "ko") else "en"

    per_tree = {t: sum(tree(r["url"]) == t for r in internal) for t in ("en", "ja", "ko")}
    print(f"URLs checked per edition: {per_tree}; all rows: {len(rows)}")
    for lang in ("ja", "ko"):
        pages = sum(tree(s) == lang for s in starts)
        assert pages > 40 and per_tree[lang] > pages + 20, f"/{lang}/: {per_tree[lang]} URLs checked for {pages} pages"
    # The links between editions (the switcher on every page, the translation notice on ja/ko pages) all lead
    # to URLs LinkChecker checked; a wrong one would be a URL of its own, reported broken below.
    cross = _cross_edition_links(site, linkchecker_url)
    assert {t for _, t in cross} >= {"en", "ja", "ko"} and len(cross) > 3 * len(starts), f"{len(cross)} cross-edition links"
    unchecked = sorted(u for u, _ in cross if u.split("#", 1)[0] not in checked)
    assert not unchecked, f"cross-edition links LinkChecker never checked: {unchecked[:5]}"
    broken = [f"{r['parentname'] or '(start)'} line {r['line']}: {r['urlname']} -> {r['result']} {r['warningstring']}".strip()
              for r in rows if r["valid"] != "True" or r["warningstring"]]
    assert not broken, f"{len(broken)} broken link(s) or anchor(s):\n" + "\n".join(broken)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
