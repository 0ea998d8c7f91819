"""Lighthouse 12.2.3 (pinned in tools/): accessibility, best practices and SEO are 1.0, one page per edition.

The site is built for the address it is served at (absolute_site: SITE_URL, as `make build` insists) and served
with gzip, as a real host would: canonical links and hreflang alternates are absolute only then (Lighthouse's SEO
audit fails relative ones), and Material's language script only then sees the alternates of the home pages (it
fetches a sitemap beside each: a 404 costs best practices). Performance is measured by benchmarks/bench.py, not here.

Three runs, one per edition, each on another kind of page (English section, Japanese home, Korean permanent
page), with Lighthouse's default mobile preset. What each run asserts (best practices, SEO, the hreflang and
canonical audits) depends on the page's HTML and its requests, not on the screen Lighthouse emulates; the
mobile preset is the stricter one where the two differ (a phone's pixel density for image sizes). Its
accessibility category is axe-core, which test_quality_axe runs on every page in both schemes already; it is
still asserted here, as it costs nothing more in the same run. The desktop runs and the other page kinds
(12 of 18 runs) were dropped: none asserted anything these three and axe do not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lighthouse, need_lighthouse

CATEGORIES = ["accessibility", "best-practices", "seo"]
# One page per edition, each of another kind: English a section, Japanese its home, Korean a permanent page.
PAGES = {"home": "", "section": "sections/security/", "commitment": "c/us-defense-commitments/"}
CASES = [("en", "section"), ("ja", "home"), ("ko", "commitment")]
PRESET = "mobile"


# Name every audit that cost points, so a failure says what to fix.
def _failing_audits(report: dict[str, object], category: str) -> list[str]:
    audits = report["audits"]  # type: ignore[index]
    out = []
    for ref in report["categories"][category]["auditRefs"]:  # type: ignore[index]
        audit = audits[ref["id"]]  # type: ignore[index]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:  # type: ignore[index]
            out.append(f"{ref['id']}: {audit['title']}")  # type: ignore[index]
    return out


@pytest.mark.parametrize(("lang", "name"), CASES)
def test_lighthouse_scores_are_perfect(absolute_site: tuple[Path, str], tmp_path: Path, lang: str, name: str) -> None:
    need_lighthouse()
    site, base = absolute_site
    path = ("/" if lang == "en" else f"/{lang}/") + PAGES[name]
    page_file = site / path.lstrip("/") / "index.html"
    assert page_file.is_file(), f"{path} is not in the build"
    html = page_file.read_text(encoding="utf-8")
    # The page really is that edition's, with the absolute canonical link Lighthouse audits, and the absolute
    # alternates it audits on a home page (elsewhere they are in the sitemap, which Lighthouse does not read).
    assert f'<html lang="{lang}"' in html, f"{path} is not the {lang} edition's page"
    assert f'<link rel="canonical" href="{base}{path}">' in html, f"{path}: no absolute canonical link"
    alternate = f'<link rel="alternate" hreflang="en" href="{base}/{PAGES[name]}">'
    assert (alternate in html) == (name == "home"), f"{path}: absolute alternates in the head of a home page only"
    url = base + path
    report = lighthouse(url, tmp_path / "report.json", CATEGORIES, PRESET)
    assert report["lighthouseVersion"] == "12.2.3"
    assert not report.get("runtimeError"), report.get("runtimeError")
    assert report["finalDisplayedUrl"] == url
    audits = report["audits"]  # type: ignore[index]
    assert audits["hreflang"]["score"] == 1 and audits["canonical"]["score"] == 1, (audits["hreflang"], audits["canonical"])  # type: ignore[index]
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    problems = {c: _failing_audits(report, c) for c in CATEGORIES if scores[c] != 1}
    assert all(s == 1 for s in scores.values()), f"{path} ({PRESET}): {scores}; failing audits: {problems}"


# Lighthouse must see what a real host sends: the test server really compresses text.
def test_gzip_server_compresses_text(absolute_site: tuple[Path, str]) -> None:
    import gzip
    import urllib.request

    site, base = absolute_site
    req = urllib.request.Request(base + "/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Encoding"] == "gzip"
        body = resp.read()
    assert gzip.decompress(body) == (site / "index.html").read_bytes()
    assert len(body) < (site / "index.html").stat().st_size / 2
