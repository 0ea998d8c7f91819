"""What this edition does not cover: the page, its data, and Material's search landing on it in Chromium
instead of answering "nothing"; British spellings find what American ones find."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from searchkit import best, open_home, search

from conftest import STATEMENT, statement_copy
from scripts.source.problems import ContentError
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
PAGE = "not-covered/index.html"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def test_each_note_is_attributed_and_links_its_source(site: Path) -> None:
    assert len([m for m in ST.not_covered if m.group == "one-report"]) >= 5
    assert len([m for m in ST.not_covered if m.group == "meeting"]) >= 3
    page = soup(site, PAGE)
    lead = words(page.select_one("article .lead").get_text())
    assert "records every point its sources establish" in lead and "What follows is not a point" in lead
    lists = {h["id"]: h for h in page.select("article h2[id]")}
    assert {"one-report", "at-the-meeting"} <= set(lists)
    for m in ST.not_covered:
        heading = page.find("h3", id=m.id)
        assert heading is not None and words(heading.get_text()).startswith(m.title.split(",")[0][:20])
        # Each note sits under its own list's heading.
        assert heading.find_previous("h2")["id"] == {"one-report": "one-report", "meeting": "at-the-meeting"}[m.group]
        note = heading.find_next("p", class_="not-covered-note")
        assert words(note.get_text()) == m.note
        src = ST.source(m.locator.source)
        named = src.publisher.removeprefix("The ").split()[0]  # "Anewz", "KBS", "Jiji", "Ministry", "Federal"
        assert named.lower() in m.note.lower(), f"{m.id}: the note does not say who reports it ({src.publisher})"
        source = heading.find_next("p", class_="not-covered-source")
        link = source.find("a")
        assert unquote(link["href"]) == src.address and link["hreflang"] == src.language
        assert f"{src.publisher}, ¶{m.locator.paragraphs[0]}" in words(link.get_text())


def test_a_one_report_note_rests_on_one_newsroom_and_a_meeting_note_on_the_meeting(site: Path) -> None:
    # The entry rule, seen from the other side: were a second newsroom or a reprint of the text to attribute a
    # one-report matter to the statement, it would be a point; what was said at the meeting never is one.
    for m in ST.not_covered:
        src = ST.source(m.locator.source)
        if m.group == "one-report":
            assert src.attributes_to != "meeting" and src.kind == "news-report", m.id
        else:
            assert src.attributes_to in ("meeting", "both") or src.kind == "government-readout", m.id


def test_matters_that_became_points_keep_their_anchors(site: Path) -> None:
    page = soup(site, PAGE)
    assert ST.moved_notes
    for old, points in ST.moved_notes:
        anchor = page.find(id=old)
        assert anchor is not None, old
        hrefs = [a["href"] for a in anchor.find_next("ul").find_all("a")]
        assert hrefs == [f"../c/{c}/" for c in points], (old, hrefs)


def test_notes_are_not_points(site: Path) -> None:
    ids = {m.id for m in ST.not_covered}
    assert not ids & {c.id for c in ST.commitments}
    assert not [i for i in ids if (site / "c" / i).exists()]
    data = json.loads((site / "data" / "statement.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["not_covered"]] == [m.id for m in ST.not_covered]
    assert [m["list"] for m in data["not_covered"]] == [m.group for m in ST.not_covered]
    assert not ids & {c["id"] for c in data["commitments"]}


def test_the_page_is_searchable_below_the_points_with_its_aliases(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = {d["location"]: d for d in docs if str(d["location"]).startswith("not-covered/")}
    assert entries, "the page is in the search index"
    assert all(d.get("boost", 1) < 1 for d in entries.values())
    for m in ST.not_covered:
        text = entries[f"not-covered/#{m.id}"]["text"]
        for alias in m.aliases:
            assert alias in text, (m.id, alias)
    for alias in ("freedom of navigation", "coast guard", "tariffs"):
        assert any(alias in m.aliases for m in ST.not_covered), alias


def test_a_note_naming_an_unknown_source_or_paragraph_is_refused(tmp_path: Path) -> None:
    root = statement_copy(tmp_path)
    f = root / "not-covered.yaml"
    original = f.read_text(encoding="utf-8")
    f.write_text(original.replace("source: {source: anewz, paragraphs: [6]}", "source: {source: anewz, paragraphs: [60]}", 1), encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_statement(root)
    assert re.search(r"not-covered\.yaml:\d+:\d+: matters\[0\]\.source\.paragraphs\[0\]: ¶60 of 'anewz', but the copy read has ¶1 to ¶8",
                     e.value.report()), e.value.report()
    f.write_text(original.replace("source: {source: anewz,", "source: {source: anews,", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"matters\[0\]\.source\.source: unknown source 'anews'"):
        load_statement(root)
    f.write_text(original.replace("  - id: coast-guard\n", "  - id: freedom-of-navigation\n"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"not-covered\.yaml:\d+:\d+: matters\[1\]\.id: duplicate ID 'freedom-of-navigation'"):
        load_statement(root)


# --- Material's search, in Chromium ------------------------------------------------------------

# One newsroom alone attributes these to the statement, or they were said at the meeting: a search lands on the note.
NOT_COVERED = [
    ("freedom of navigation", "freedom-of-navigation"),
    ("coast guard", "coast-guard"),
    ("tariffs", "us-tariffs-concern"),
    ("abductions", "abductions-thanks"),
    ("USFK", "wildfire-thanks-usfk"),
]


@pytest.mark.parametrize(("query", "mid"), NOT_COVERED, ids=[q for q, _ in NOT_COVERED])
def test_a_matter_left_off_the_points_finds_its_note_not_nothing(page: object, base_url: str, query: str, mid: str) -> None:
    open_home(page, base_url)
    first = best(search(page, query))
    assert first.path == f"not-covered/#{mid}", f"{query!r} → {first.path}"


def _found(page: object, query: str) -> set[str]:
    return {h.path for g in search(page, query) for h in g if h.path.startswith("sections/")}


BRITISH = [("denuclearisation", "denuclearization"), ("defence", "defense"), ("organisation", "organization")]


@pytest.mark.parametrize(("british", "american"), BRITISH, ids=[b for b, _ in BRITISH])
def test_british_spellings_find_the_same_points(page: object, base_url: str, british: str, american: str) -> None:
    """The points whose title, summary or topic names use the American spelling are found by the British one too
    (a card that only links to such a point under "Related" may match the American word alone)."""
    about = {
        f"sections/{c.section}/#{c.id}" for c in ST.commitments
        if american in f"{c.title} {c.summary} {' '.join(ST.topic(t).label + ' ' + ' '.join(ST.topic(t).aliases) for t in c.topics)}".lower()
    }
    assert about, american
    open_home(page, base_url)
    uk, us = _found(page, british), _found(page, american)
    assert about <= us
    assert about <= uk, (british, sorted(about - uk))


def test_denuclearisation_lands_on_the_point(page: object, base_url: str) -> None:
    open_home(page, base_url)
    assert best(search(page, "denuclearisation")).path == "sections/north-korea/#dprk-complete-denuclearization"


def test_no_match_says_where_to_look_instead(page: object, base_url: str) -> None:
    open_home(page, base_url)
    assert search(page, "zzqxj") == []
    meta = words(page.locator(".md-search-result__meta").inner_text())  # type: ignore[attr-defined]
    assert meta.startswith("No matching documents.")
    assert "Topics page" in meta and "What this edition does not cover" in meta
