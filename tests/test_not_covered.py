"""What this edition does not cover: the page, its data, and Material's search landing on it in Chromium
instead of answering "nothing"; British spellings find what American ones find."""

from __future__ import annotations

import json
import re
from pathlib import Path

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


def test_each_note_is_attributed_and_shows_its_full_https_source(site: Path) -> None:
    assert len(ST.not_covered) >= 5
    page = soup(site, PAGE)
    lead = words(page.select_one("article .lead").get_text())
    assert "The official statement is longer" in lead and "They are not points of this edition" in lead
    for m in ST.not_covered:
        heading = page.find("h2", id=m.id)
        assert heading is not None and words(heading.get_text()).startswith(m.title.split(",")[0])
        note = heading.find_next("p", class_="not-covered-note")
        assert words(note.get_text()) == m.note
        assert m.publisher in m.note.replace("’", "'"), f"{m.id}: the note does not say who reports it"
        source = heading.find_next("p", class_="not-covered-source")
        link = source.find("a")
        assert link["href"] == m.url and link.get_text() == m.url and m.url.startswith("https://")
        assert m.publisher in source.get_text()


def test_notes_are_not_points(site: Path) -> None:
    ids = {m.id for m in ST.not_covered}
    assert not ids & {c.id for c in ST.commitments}
    assert not [i for i in ids if (site / "c" / i).exists()]
    data = json.loads((site / "data" / "statement.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["not_covered"]] == [m.id for m in ST.not_covered]
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
    for alias in ("Ukraine ceasefire", "South China Sea", "UNCLOS", "extended deterrence", "sanctions", "UNSC"):
        assert any(alias in m.aliases for m in ST.not_covered), alias


def test_a_note_without_a_full_https_address_is_refused(tmp_path: Path) -> None:
    root = statement_copy(tmp_path)
    f = root / "not-covered.yaml"
    original = f.read_text(encoding="utf-8")
    f.write_text(original.replace("url: https://miragenews.com/", "url: miragenews.com/", 1), encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_statement(root)
    report = e.value.report()
    assert re.search(r"not-covered\.yaml:\d+:\d+: matters\[0\]\.source\.url: 'miragenews\.com/[^']*' is not a full address", report), report
    f.write_text(original.replace("  - id: ukraine\n", "  - id: extended-deterrence\n"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"not-covered\.yaml:\d+:\d+: matters\[3\]\.id: duplicate ID 'extended-deterrence'"):
        load_statement(root)


# --- Material's search, in Chromium ------------------------------------------------------------

NOT_COVERED = [
    ("Ukraine", "ukraine"),
    ("South China Sea", "indo-pacific-waters"),
    ("extended deterrence", "extended-deterrence"),
    ("sanctions", "sanctions-technology"),
    ("UNCLOS", "indo-pacific-waters"),
    ("UNSC", "sanctions-technology"),
    ("Ukraine ceasefire", "ukraine"),
]


@pytest.mark.parametrize(("query", "mid"), NOT_COVERED, ids=[q for q, _ in NOT_COVERED])
def test_a_matter_the_summary_omits_finds_its_note_not_nothing(page: object, base_url: str, query: str, mid: str) -> None:
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
