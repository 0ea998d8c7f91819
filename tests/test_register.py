"""Every point with its named sources (issue 22): the register, the locators, the entry rule, and what readers
and the data files get of them. The checks that refuse bad input have their cases in tests/fixtures/fail/
(source-not-in-register, locator-beyond-source, point-without-source, one-newsroom-only, meeting-report-only,
order-misses-a-point, register-news-summary-mismatch); these tests hold the real statement and its site to them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup

from conftest import ROOT, STATEMENT
from scripts.source.model import TEXT_KINDS
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
SHINGLES = json.loads((ROOT / "statement" / "source-shingles.json").read_text(encoding="utf-8"))


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_point_names_sources_in_the_register_within_their_paragraphs() -> None:
    ids = {s.id for s in ST.register}
    for c in ST.commitments:
        assert c.sources, c.id
        for loc in c.sources:
            assert loc.source in ids, (c.id, loc.source)
            assert all(1 <= n <= ST.source(loc.source).paragraphs for n in loc.paragraphs), (c.id, loc)
    used = {loc.source for c in ST.commitments for loc in c.sources} | {m.locator.source for m in ST.not_covered}
    assert used == ids, "the register lists exactly the sources the edition names"


def test_the_entry_rule_holds_for_every_point() -> None:
    # Recomputed here from the register, not taken from the check: news summary, a reprint of the text, or two newsrooms.
    summary = next(s.id for s in ST.register if s.kind == "news-summary")
    for c in ST.commitments:
        named = [ST.source(loc.source) for loc in c.sources]
        rooms = {s.newsroom for s in named if s.attributes_to != "meeting"}
        assert summary in {s.id for s in named} or any(s.kind in TEXT_KINDS for s in named) or len(rooms) >= 2, c.id
    # The news summary's paragraphs are the point's first locator, as statement/source.yaml numbers them.
    for c in ST.commitments:
        if c.paragraphs:
            assert c.sources[0].source == summary and c.sources[0].paragraphs == c.paragraphs


def test_the_new_points_are_there_and_the_published_ones_stayed() -> None:
    published = [line.split()[0] for line in (STATEMENT / "published-ids.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
    ids = {c.id for c in ST.commitments}
    assert set(published) == ids
    # The points only sources beyond the news summary establish.
    new = {c.id for c in ST.commitments if not c.paragraphs}
    assert set(published[:18]) == ids - new, "the first edition's 18 points keep their IDs"
    assert 10 <= len(new) <= 24, sorted(new)
    assert {"us-extended-deterrence", "indo-pacific-status-quo", "taiwan-drills-concern", "ukraine-ceasefire-progress",
            "dprk-sanctions", "dprk-crypto-theft", "us-lng-energy-cooperation", "civil-nuclear-reactors",
            "shipbuilding-maritime-security"} <= new


def test_every_source_read_has_its_shingles_for_the_own_words_check() -> None:
    # tests/test_own_words.py can only catch a copied run from a source whose shingles are kept.
    kept = {s["id"]: s for s in SHINGLES["sources"]}
    for s in ST.register:
        assert s.id in kept, f"{s.id}: no shingles in statement/source-shingles.json (tools/source_shingles.py)"
        assert kept[s.id]["address"] == s.address, s.id
        assert len(kept[s.id]["shingles"]) >= 20, s.id


def test_read_it_all_follows_the_statement_order(site: Path) -> None:
    page = soup(site, "read/index.html")
    order = [h["id"] for h in page.select("article h3[id]")]
    assert order == [c.id for p in ST.passages for c in (ST.commitment(x) for x in p.points)]
    for p in ST.passages:
        assert page.find("h2", id=f"passage-{p.id}") is not None, p.id
    # The news summary's paragraph anchors, linked before this edition, still land on Read it all.
    for para in ST.paragraphs:
        assert page.find(id=f"paragraph-{para.number}") is not None, para.number
    # Each passage says how sure its place is; where the order is this edition's own, it says so.
    for p in ST.passages:
        note = words(page.find("h2", id=f"passage-{p.id}").find_next("p", class_="passage-order").get_text())
        assert ("ours" in note) == (p.order == "ours"), (p.id, note)


def test_each_point_page_links_every_source_with_its_paragraph(site: Path) -> None:
    for c in ST.commitments:
        page = soup(site, f"c/{c.id}/index.html")
        block = page.select_one("article .commitment-sources")
        assert block is not None, c.id
        links = block.find_all("a")
        assert [unquote(a["href"]) for a in links] == [ST.source(loc.source).address for loc in
                                              sorted(c.sources, key=lambda loc: ST.source(loc.source).kind not in TEXT_KINDS)], c.id
        for a, loc in zip(links, sorted(c.sources, key=lambda loc: ST.source(loc.source).kind not in TEXT_KINDS), strict=True):
            src = ST.source(loc.source)
            assert words(a.get_text()).startswith(f"{src.publisher}, ¶{loc.paragraphs[0]}"), (c.id, a.get_text())
            assert a["hreflang"] == src.language and a["rel"] == ["noopener"]
        text = words(block.get_text())
        assert ("Read the statement's words:" in text) == any(ST.source(loc.source).kind in TEXT_KINDS for loc in c.sources), c.id


def test_the_source_page_lists_every_source_out_of_the_search_index(site: Path) -> None:
    page = soup(site, "source/index.html")
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    # Reference, not passages: no search entry, so a source's address or headline never outranks a point.
    assert not [d["location"] for d in docs if "#source-" in d["location"]]
    assert not [d["location"] for d in docs if "apec.einnews" in d["text"] or "rankmore" in d["text"]]
    for s in ST.register:
        entry = page.find(id=f"source-{s.id}")
        assert entry is not None and words(entry.select_one(".source-publisher").get_text()) == s.publisher, s.id
        address = entry.select_one(".source-address a")
        assert unquote(address["href"]) == s.address


def test_the_data_files_carry_the_sources(site: Path) -> None:
    data = json.loads((site / "data" / "statement.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sources"]] == [s.id for s in ST.register]
    for rec, c in zip(data["commitments"], ST.commitments, strict=True):
        assert rec["sources"] == [{"source": loc.source, "paragraphs": list(loc.paragraphs)} for loc in c.sources]
    rows = list(csv.DictReader(io.StringIO((site / "data" / "commitments.csv").read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[-1] == "sources", "the new column comes last: the columns of data 1.2 keep their places"
    for row, c in zip(rows, ST.commitments, strict=True):
        assert row["sources"].split("; ") == [f"{loc.source} " + ", ".join(f"¶{n}" for n in loc.paragraphs) for loc in c.sources]


def test_the_news_summary_is_one_story_in_the_register_and_in_statement_yaml(tmp_path: Path) -> None:
    import pytest

    from conftest import statement_copy
    from scripts.source.problems import ContentError

    root = statement_copy(tmp_path)
    f = root / "statement.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("  publisher: Globe Banner", "  publisher: Globe Bannner"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"register\.yaml:\d+:\d+: sources\[0\]\.publisher: the news summary's publisher differs"):
        load_statement(root)
