"""Addresses that work when deployed (issue 14): site_url from SITE_URL, and `make build` insists on it.

Without an address a build writes relative canonicals, og:url="." and an empty sitemap; the production
command must not do that silently, while `mkdocs serve` and the tests (no SITE_URL) build as before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import DEPLOYED, FIXTURES, ROOT, STATEMENT, copy_for_make, make_build, make_project, serve, site_pages
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
URL = DEPLOYED  # the session's deployed build: `make build SITE_URL=…` with a sub-path (conftest.deployed_site)
MINIMAL = FIXTURES / "pass" / "minimal" / "statement"


@pytest.mark.build
def test_make_build_refuses_to_run_without_an_address(tmp_path: Path) -> None:
    stamp = copy_for_make(tmp_path, MINIMAL)
    done = make_build(tmp_path, stamp)
    assert done.returncode == 2
    assert "SITE_URL" in done.stderr and "RELATIVE=1" in done.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.build
def test_make_build_relative_when_told_so(tmp_path: Path) -> None:
    stamp = copy_for_make(tmp_path, MINIMAL)  # what make does with RELATIVE=1; the real statement's relative build is conftest's `site`
    done = make_build(tmp_path, stamp, "RELATIVE=1")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def _forwards(site: Path, path: str) -> bool:
    """A forwarding page (/c/, an earlier ID's page): a meta refresh to its target, which the sitemap lists instead."""
    html = (site / path.lstrip("/") / "index.html") if path.endswith("/") else site / path.lstrip("/")
    return '<meta http-equiv="refresh"' in html.read_text(encoding="utf-8")


@pytest.mark.build
def test_make_build_with_site_url_is_absolute_everywhere(deployed_site: Path) -> None:
    site = deployed_site  # `make build SITE_URL=URL`
    # A complete sitemap: every page (the 404 page and the forwarding pages of earlier IDs aside), absolute.
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    # Each edition's build writes its own sitemap; robots.txt names all three, absolute.
    for prefix in ("", "ja/", "ko/"):
        listed = {loc.text for loc in ElementTree.parse(site / prefix / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
        mine = [p for p in site_pages(site) if p.startswith(f"/{prefix}") and (prefix or not p.startswith(("/ja/", "/ko/")))]
        expected = {URL + p.lstrip("/") for p in mine if not p.endswith("/404.html") and not _forwards(site, p)}
        assert f"{URL}{prefix}commitments/" in expected and f"{URL}{prefix}c/" not in listed
        assert listed == expected and len(expected) > 50
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in robots if line.startswith("Sitemap:")] == [f"Sitemap: {URL}{p}sitemap.xml" for p in ("", "ja/", "ko/")]
    for page in ("index.html", "sections/security/index.html", f"c/{ST.commitments[0].id}/index.html"):
        doc = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        assert doc.find("link", rel="canonical")["href"].startswith(URL)
        assert doc.find("meta", property="og:url")["content"].startswith(URL)
        assert doc.find("meta", property="og:image")["content"].startswith(URL + "assets/cards/")
    data = json.loads((site / "data" / "statement.json").read_text(encoding="utf-8"))
    assert data["site_url"] == URL
    for c in data["commitments"]:
        assert c["permalink"] == f"{URL}c/{c['id']}/"
        assert c["url"] == f"{URL}sections/{c['section']}/#{c['id']}"
    assert URL + "c/" in (site / "data" / "commitments.csv").read_text(encoding="utf-8-sig")


def test_site_url_comes_from_the_environment_through_mkdocs_yml() -> None:
    # One place: mkdocs.yml reads SITE_URL with !ENV (no default address written into the file).
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL, null]" in text
    assert "SITE_URL" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.build
# An empty SITE_URL here; no SITE_URL at all is conftest's `site`, which asserts the same of its build.
@pytest.mark.parametrize("value", [""])
def test_no_address_builds_without_a_warning(tmp_path: Path, value: str | None) -> None:
    # mkdocs serve and the tests build with no SITE_URL; --strict fails on any warning.
    config = make_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if value is not None:
        env["SITE_URL"] = value
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr


def test_a_deployed_permanent_link_shows_the_site_address_wherever_the_page_is_opened(deployed_site: Path, page: object) -> None:
    # With site_url, the visible permanent link is the published address even on a mirror or a local copy:
    # statement.js only makes a relative one absolute (it used to replace every link with the current host).
    cid = ST.commitments[0].id
    with serve(deployed_site) as base:
        page.goto(f"{base}/c/{cid}/")  # type: ignore[attr-defined]
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        assert page.locator(".commitment-permalink a").inner_text() == f"{URL}c/{cid}/"  # type: ignore[attr-defined]
