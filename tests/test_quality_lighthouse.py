"""Lighthouse 12.2.3 (pinned in tools/): accessibility, best practices and SEO are 1.0, mobile and desktop.

The site is served with gzip, as a real host would. Performance is measured by benchmarks/bench.py, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lighthouse, need_lighthouse

CATEGORIES = ["accessibility", "best-practices", "seo"]
PAGES = {"home": "/", "section": "/sections/security/", "topic": "/topics/north-korea/"}


# Name every audit that cost points, so a failure says what to fix.
def _failing_audits(report: dict[str, object], category: str) -> list[str]:
    audits = report["audits"]  # type: ignore[index]
    out = []
    for ref in report["categories"][category]["auditRefs"]:  # type: ignore[index]
        audit = audits[ref["id"]]  # type: ignore[index]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:  # type: ignore[index]
            out.append(f"{ref['id']}: {audit['title']}")  # type: ignore[index]
    return out


@pytest.mark.parametrize("preset", ["mobile", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_scores_are_perfect(site: Path, gzip_base_url: str, tmp_path: Path, name: str, preset: str) -> None:
    need_lighthouse()
    url = gzip_base_url + PAGES[name]
    assert (site / PAGES[name].lstrip("/") / "index.html").is_file(), f"{PAGES[name]} is not in the build"
    report = lighthouse(url, tmp_path / "report.json", CATEGORIES, preset)
    assert report["lighthouseVersion"] == "12.2.3"
    assert not report.get("runtimeError"), report.get("runtimeError")
    assert report["finalDisplayedUrl"] == url
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    problems = {c: _failing_audits(report, c) for c in CATEGORIES if scores[c] != 1}
    assert all(s == 1 for s in scores.values()), f"{name} ({preset}): {scores}; failing audits: {problems}"


# Lighthouse must see what a real host sends: the test server really compresses text.
def test_gzip_server_compresses_text(site: Path, gzip_base_url: str) -> None:
    import gzip
    import urllib.request

    req = urllib.request.Request(gzip_base_url + "/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Encoding"] == "gzip"
        body = resp.read()
    assert gzip.decompress(body) == (site / "index.html").read_bytes()
    assert len(body) < (site / "index.html").stat().st_size / 2
