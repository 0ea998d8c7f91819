"""The built site (mkdocs build --strict): anchors, cross-links, search index, no third-party assets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, STATEMENT, parsed
from scripts.render.pages import render
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
IDS = [c.id for c in ST.commitments]


def soup(site: Path, page: str) -> BeautifulSoup:
    return parsed(site / page)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_strict_build_writes_every_page(site: Path) -> None:
    for s in ST.sections:
        assert (site / "sections" / s.id / "index.html").is_file()
    for t in ST.topics:
        assert (site / "topics" / t.id / "index.html").is_file()
    for p in ST.parties:
        assert (site / "parties" / p.slug / "index.html").is_file()
    for page in ("index.html", "commitments/index.html", "source/index.html"):
        assert (site / page).is_file()


def test_generated_pages_are_not_committed_to_docs() -> None:
    docs = ROOT / "docs"
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert not written & set(render(ST)), "rendered pages exist only in the build"


@pytest.mark.parametrize("cid", IDS)
def test_commitment_id_is_an_element_id_on_exactly_one_section_page(site: Path, cid: str) -> None:
    hits = [s.id for s in ST.sections if soup(site, f"sections/{s.id}/index.html").find(id=cid)]
    assert hits == [ST.commitment(cid).section]
    heading = soup(site, f"sections/{hits[0]}/index.html").find(id=cid)
    assert heading.name == "h2"
    assert ST.commitment(cid).title in heading.get_text()


def _hrefs(site: Path, page: str) -> set[str]:
    return {a["href"] for a in soup(site, page).select("article a[href]")}


@pytest.mark.parametrize("topic", [t.id for t in ST.topics])
def test_topic_pages_link_to_each_commitment_anchor(site: Path, topic: str) -> None:
    hrefs = _hrefs(site, f"topics/{topic}/index.html")
    wanted = [c for c in ST.commitments if topic in c.topics]
    assert wanted
    for c in wanted:
        assert f"../../sections/{c.section}/#{c.id}" in hrefs


@pytest.mark.parametrize("code", [p.code for p in ST.parties])
def test_party_pages_link_to_each_commitment_anchor(site: Path, code: str) -> None:
    party = ST.party(code)
    hrefs = _hrefs(site, f"parties/{party.slug}/index.html")
    wanted = [c for c in ST.commitments if code in c.parties]
    assert wanted
    for c in wanted:
        assert f"../../sections/{c.section}/#{c.id}" in hrefs
    # The points the party is not part of are named, under their own heading only.
    page = soup(site, f"parties/{party.slug}/index.html")
    heading = page.find("h2", id="not-part")
    outside = {a["href"] for a in heading.find_next("div", class_="commitment-list").find_all("a")} if heading else set()
    others = {f"../../sections/{c.section}/#{c.id}" for c in ST.commitments if code not in c.parties}
    assert outside == others
    for c in wanted:
        assert f"../../sections/{c.section}/#{c.id}" not in outside


def test_search_index_has_an_entry_per_commitment(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [d["location"] for d in docs]
    for c in ST.commitments:
        matches = [loc for loc in locations if loc.endswith(f"#{c.id}")]
        assert matches == [f"sections/{c.section}/#{c.id}"], c.id


def test_every_page_has_a_meta_description(site: Path) -> None:
    for path in html_pages(site):
        meta = soup(site, str(path.relative_to(site))).find("meta", attrs={"name": "description"})
        assert meta and len(meta["content"]) > 20, path


def test_quotes_look_different_from_summaries(site: Path) -> None:
    page = soup(site, "sections/security/index.html")
    quotes = [q.get_text() for q in page.select("blockquote.statement-quote q")]
    assert "ironclad commitments to the defense of Japan and the ROK" in quotes
    summaries = page.select(".commitment-summary")
    assert len(summaries) == len(ST.section("security").commitments)
    assert not any(s.find("q") for s in summaries)


def test_no_third_party_urls_in_built_pages(site: Path) -> None:
    # theme.font: false and no CDN: every src/href that loads something is local.
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:link|script|img|iframe|source)\b[^>]*(?:src|href)="(https?:)?//([^"/]+)', text):
            pytest.fail(f"{path.relative_to(site)} loads {m.group(2)}")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_every_source_paragraph_is_on_the_source_page(site: Path) -> None:
    page = soup(site, "source/index.html")
    for p in ST.paragraphs:
        assert page.find(id=f"paragraph-{p.number}")
        for q in p.quotes:
            assert q.text in page.get_text()


def test_no_source_maps_are_shipped(site: Path) -> None:
    # No reader loads them; a leftover reference would be a 404 in developer tools.
    assert not list(site.rglob("*.map"))
    for path in [*site.rglob("*.js"), *site.rglob("*.css")]:
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path


def test_theme_partials_are_not_published(site: Path) -> None:
    # Templates are included into pages; a partial with a non-template suffix was copied as /partials/statement.js.
    assert not (site / "partials").exists()
    assert "function absolute(href)" in (site / "index.html").read_text(encoding="utf-8"), "the script is still inlined"
