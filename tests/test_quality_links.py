"""LinkChecker (PyPI) over the built site served locally: 0 broken links, 0 missing anchors."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import _Quiet, serve, site_pages

# AnchorCheck is LinkChecker's own plugin: a link to page#x fails when page has no id/name "x".
CONFIG = "[checking]\nmaxrequestspersecond=100\n\n[AnchorCheck]\n"


class _ForLinkChecker(_Quiet):
    """LinkChecker's documented opt-in: a server that answers with a LinkChecker header may be checked fast."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


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
    broken = [f"{r['parentname'] or '(start)'} line {r['line']}: {r['urlname']} -> {r['result']} {r['warningstring']}".strip()
              for r in rows if r["valid"] != "True" or r["warningstring"]]
    assert not broken, f"{len(broken)} broken link(s) or anchor(s):\n" + "\n".join(broken)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
