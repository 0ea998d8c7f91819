"""The site's address in every shape a deployer types it (issue 19, item 1).

``SITE_URL=https://example.org`` (no trailing slash) used to build an English tree that was right (MkDocs adds
the slash to its own site_url) and Japanese and Korean trees whose addresses read ``https://example.orgja/…``;
``https://x.org/sub`` gave ``…/subja/`` and a robots.txt naming ``https://x.org/subsitemap.xml``. The address
is now given its slash once, where mkdocs.yml is read, so every shape builds the same site.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_project
from scripts.publish import sitesource
from scripts.source.statement import load_statement

SHAPES = {
    "https://example.org": "https://example.org/",
    "https://example.org/": "https://example.org/",
    "https://example.org/sub": "https://example.org/sub/",
    "https://example.org/sub/": "https://example.org/sub/",
    "http://127.0.0.1:8000/a/b": "http://127.0.0.1:8000/a/b/",
}


@pytest.mark.parametrize("typed", sorted(SHAPES))
def test_mkdocs_yml_is_read_with_the_address_ending_in_a_slash(typed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", typed)
    assert sitesource.read_config(ROOT / "mkdocs.yml")["site_url"] == SHAPES[typed]


def test_a_bad_address_is_reported_as_it_was_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The slash is not added to an address that is refused: the error quotes what the deployer wrote.
    monkeypatch.setenv("SITE_URL", "https://example.org/?x=1")
    assert sitesource.read_config(ROOT / "mkdocs.yml")["site_url"] == "https://example.org/?x=1"


def _source(typed: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, sitesource.Content]:
    monkeypatch.setenv("SITE_URL", typed)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743638400")
    return sitesource.site_source(ROOT, load_statement(ROOT / "statement"))


@pytest.mark.parametrize("typed", ["https://example.org", "https://example.org/sub"])
def test_render_writes_the_same_source_with_or_without_the_slash(typed: str, monkeypatch: pytest.MonkeyPatch, pdf_stub: None) -> None:
    bare, slashed = _source(typed, monkeypatch), _source(typed + "/", monkeypatch)
    assert sorted(bare) == sorted(slashed)
    assert [p for p in bare if bare[p] != slashed[p]] == []
    url = typed + "/"
    robots = str(bare["docs/robots.txt"]).splitlines()
    assert [line for line in robots if line.startswith("Sitemap:")] == [f"Sitemap: {url}{p}sitemap.xml" for p in ("", "ja/", "ko/")]
    for lang in ("ja", "ko"):
        config = yaml.safe_load(str(bare[sitesource.edition_config_name(lang)]))
        assert config["site_url"] == f"{url}{lang}/"
        assert [a["url"] for a in config["extra"]["alternate"]] == [url, f"{url}ja/", f"{url}ko/"]


def _build(project: Path, out: Path, address: str) -> None:
    env = {**os.environ, "SITE_URL": address, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1743638400"}
    done = subprocess.run([sys.executable, "-m", "scripts", "build-site", str(out)], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def _published(site: Path) -> dict[str, bytes]:
    keep = {".html", ".xml", ".json", ".csv", ".txt"}
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in keep and not p.relative_to(site).as_posix().startswith("assets/")}


@pytest.mark.build
def test_a_sub_path_without_its_slash_builds_every_edition_as_with_it(tmp_path: Path) -> None:
    # `make build` runs `python -m scripts build-site site`: the whole path, hook and editions included.
    make_project(tmp_path)
    _build(tmp_path, tmp_path / "bare", "https://example.org/sub")
    _build(tmp_path, tmp_path / "slashed", "https://example.org/sub/")
    bare, slashed = _published(tmp_path / "bare"), _published(tmp_path / "slashed")
    assert sorted(bare) == sorted(slashed)
    assert [p for p in bare if bare[p] != slashed[p]] == []
    for lang in ("ja/", "ko/"):
        page = bare[f"{lang}sections/security/index.html"].decode()
        assert f'<link rel="canonical" href="https://example.org/sub/{lang}sections/security/">' in page
        assert f"<loc>https://example.org/sub/{lang}</loc>" in bare[f"{lang}sitemap.xml"].decode()
        assert 'hreflang="en" href="https://example.org/sub/sections/security/"' in bare[f"{lang}sitemap.xml"].decode()
    # No address anywhere with a path glued to the site's folder (…/subja/, …/subsitemap.xml).
    glued = re.compile(rb"https://example\.org/sub(?!/)")
    assert [p for p, body in bare.items() if glued.search(body)] == []
