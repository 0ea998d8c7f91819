"""Finding any topic: the search index, aliases, glossary tooltips, and Material's search in Chromium."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from searchkit import Hit, SearchPages, best, open_home, search

from conftest import STATEMENT, parsed, statement_copy
from scripts.source.glossary import tooltip_key
from scripts.source.problems import ContentError
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
# Pages that only list or table points (and the notes on what is not covered): they must never outrank the point itself.
INDEX_LIKE = ("topics/", "commitments/", "glossary/", "parties/", "not-covered/")


def soup(site: Path, page: str) -> BeautifulSoup:
    return parsed(site / page)


def index_docs(site: Path) -> list[dict[str, object]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def anchor(cid: str) -> str:
    return f"sections/{ST.commitment(cid).section}/#{cid}"


# --- the search index (no browser) -------------------------------------------------------------


def test_each_commitment_entry_is_its_heading_and_its_words(site: Path) -> None:
    """A commitment's result shows the commitment: its text starts with the summary, not tools or metadata."""
    docs = {d["location"]: d for d in index_docs(site)}
    for c in ST.commitments:
        doc = docs[anchor(c.id)]
        assert doc["title"] == c.title
        text = plain(str(doc["text"]))
        assert text.startswith(f"Our summary: {c.summary}"), f"{c.id}: search text starts {text[:80]!r}"
        for noise in ("Copy link", "Cite", "Permanent link", "Parties:", "ID:", "Joint Statement on"):
            assert noise not in text, f"{c.id}: navigation text {noise!r} is indexed"


def test_blocks_search_skips_are_marked_in_the_built_pages(site: Path) -> None:
    """Tools, metadata, permanent links and listings carry data-search-exclude in the HTML itself.

    md_in_html drops a valueless attribute from HTML nested in a card, so the renderer writes it with
    an empty value; this checks the built pages, where Material's search and any other indexer look."""
    marked = ("commitment-tools", "commitment-meta", "commitment-permalink", "commitment-list")
    seen = dict.fromkeys(marked, 0)
    for html in sorted(site.rglob("*.html")):
        for cls in marked:
            for el in parsed(html).select(f"article .{cls}"):
                assert el.has_attr("data-search-exclude"), f"{html.relative_to(site)}: .{cls} without data-search-exclude"
                seen[cls] += 1
    assert all(seen.values()), seen


def test_permanent_pages_are_not_search_results(site: Path) -> None:
    assert not [d["location"] for d in index_docs(site) if str(d["location"]).startswith("c/")]


def test_pages_that_list_commitments_rank_lower_and_do_not_index_the_listing(site: Path) -> None:
    docs = index_docs(site)
    for d in docs:
        loc = str(d["location"])
        if loc.startswith(("topics/", "commitments/", "glossary/")):
            assert d.get("boost", 1) < 1, loc
        if loc.startswith(("topics/", "commitments/", "parties/")):
            text = plain(str(d["text"]))
            assert not [c.id for c in ST.commitments if c.summary in text or c.id in text], f"{loc} indexes its listing"


def test_topic_aliases_are_search_words_of_each_commitment_and_names_on_the_topic_page(site: Path) -> None:
    # Not listed on the card (they are not all names of the topic): in its search words, hidden, and on the topic page.
    for c in ST.commitments:
        block = soup(site, f"sections/{c.section}/index.html").find(id=c.id).find_parent("div", class_="commitment")
        links = block.select_one(".commitment-links")
        hidden = block.select_one(".search-words")
        assert hidden is not None and hidden.has_attr("hidden"), c.id
        shown = [ST.topic(t).label for t in c.topics] + [ST.commitment(r).title for r in c.related]
        for t in c.topics:
            topic = ST.topic(t)
            assert links.find("a", href=f"../../topics/{t}/", string=topic.label), (c.id, t)
            for alias in topic.aliases:
                assert alias not in links.get_text() or any(alias in x for x in shown), (c.id, alias)
                assert alias in hidden.get_text(), (c.id, alias)
        assert "(also:" not in links.get_text(), c.id
    for topic in ST.topics:
        aka = soup(site, f"topics/{topic.id}/index.html").select_one("article .aliases").get_text()
        assert all(alias in aka for alias in topic.aliases), topic.id


@pytest.mark.parametrize("tid", [t.id for t in ST.topics])
def test_topic_page_counts_and_summarises_each_commitment(site: Path, tid: str) -> None:
    page = soup(site, f"topics/{tid}/index.html")
    wanted = [c for c in ST.commitments if tid in c.topics]
    n = len(wanted)
    assert f"{n} point{'s' if n != 1 else ''}" in page.select_one("article").get_text()
    items = page.select("article .commitment-list li")
    assert len(items) == n
    for c, li in zip(wanted, items, strict=True):
        assert li.find("a")["href"] == f"../../sections/{c.section}/#{c.id}"
        assert " ".join(c.summary.split()) in " ".join(li.get_text().split())


@pytest.mark.parametrize("code", [p.code for p in ST.parties])
def test_party_page_counts_and_summarises_each_commitment(site: Path, code: str) -> None:
    party = ST.party(code)
    page = soup(site, f"parties/{party.slug}/index.html")
    wanted = [c for c in ST.commitments if code in c.parties]
    assert f"Part of {len(wanted)} of the {len(ST.commitments)} points" in page.select_one("article").get_text()
    # Every list but the last one ("Not a party to these points") holds the party's own points.
    outside = page.find("h2", id="not-part")
    items = [li for li in page.select("article .commitment-list li") if outside is None or li not in outside.find_all_next("li")]
    assert sorted(li.find("a")["href"] for li in items) == sorted(f"../../sections/{c.section}/#{c.id}" for c in wanted)


def test_one_click_from_a_commitment_reaches_the_others_on_its_topic(site: Path) -> None:
    for c in ST.commitments:
        for t in c.topics:
            topic_page = soup(site, f"topics/{t}/index.html")
            hrefs = {a["href"] for a in topic_page.select("article .commitment-list a")}
            for other in ST.commitments:
                if t in other.topics:
                    assert f"../../sections/{other.section}/#{other.id}" in hrefs


# --- glossary ----------------------------------------------------------------------------------


def test_glossary_page_lists_every_abbreviation(site: Path) -> None:
    assert ST.glossary, "statement/glossary.yaml is loaded"
    rows = soup(site, "glossary/index.html").select("article table tbody tr")
    got = {tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text() for tr in rows}
    assert got == {a.abbr: a.expansion for a in ST.glossary}
    for abbr in ("ROK", "DPRK", "PRC", "NATO", "APEC", "MSP", "U.S."):
        assert abbr in got


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_abbreviations_are_tooltips_wherever_they_appear(site: Path, lang: str) -> None:
    # Each edition's tooltips give the expansion in its own language (its glossary, translated).
    from scripts.editions.localize import localize

    expansions = {tooltip_key(a.abbr): a.expansion for a in localize(ST, lang).glossary}
    words = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(expansions, key=len, reverse=True)) + r")(?!\w)")
    seen: set[str] = set()
    root = site if lang == "en" else site / lang
    pages = [p for p in sorted(root.rglob("*.html")) if lang != "en" or not p.relative_to(site).as_posix().startswith(("ja/", "ko/"))]
    for path in pages:
        article = parsed(path).select_one("article")
        if article is None:
            continue
        for abbr in article.find_all("abbr"):
            assert abbr.get("title") == expansions[abbr.get_text()], path
            seen.add(abbr.get_text())
        for text in article.find_all(string=words):
            # The print heading is not on screen, where a tooltip shows (statement.css hides it there).
            if (text.find_parent(["abbr", "code", "pre", "script", "button"]) is None and not text.find_parent(class_="commitment-tools")
                    and not text.find_parent(class_="print-heading")):
                pytest.fail(f"{path.relative_to(site)}: {words.search(text).group(0)!r} without a tooltip in {text!r}")
    assert seen == set(expansions)


def test_tooltips_leave_headings_ids_and_search_titles_intact(site: Path) -> None:
    page = soup(site, "sections/security/index.html")
    heading = page.find(id="nato-indo-pacific-partners")
    assert heading.name == "h2" and heading.find("abbr", title="North Atlantic Treaty Organization")
    docs = {d["location"]: d for d in index_docs(site)}
    assert docs["sections/security/#nato-indo-pacific-partners"]["title"] == ST.commitment("nato-indo-pacific-partners").title
    assert "<abbr" not in json.dumps(docs)
    toc = [a.get_text() for a in page.select(".md-sidebar--secondary a.md-nav__link")]
    assert any(ST.commitment("nato-indo-pacific-partners").title in t for t in toc)



def test_glossary_entries_must_be_used_known_and_unique(tmp_path: Path) -> None:
    root = statement_copy(tmp_path)
    g = root / "glossary.yaml"
    g.write_text(
        g.read_text(encoding="utf-8")
        + "  - abbr: EU\n    expansion: European Union\n"
        + "  - abbr: NATO\n    expansion: again\n    topic: no-such-topic\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as e:
        load_statement(root)
    report = e.value.report()
    assert "glossary.yaml:" in report
    assert "'EU' is not used anywhere in the statement" in report
    assert "duplicate abbreviation 'NATO'" in report
    assert "unknown topic 'no-such-topic'" in report


def test_glossary_schema_rejects_unknown_fields(tmp_path: Path) -> None:
    root = statement_copy(tmp_path)
    g = root / "glossary.yaml"
    g.write_text(g.read_text(encoding="utf-8").replace("    party: US\n", "    party: US\n    plural: U.S.s\n"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"glossary\.yaml:\d+:\d+: .*unknown field 'plural'"):
        load_statement(root)


# --- Material's search, in Chromium ------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    query: str
    lands: str  # site-relative path and anchor of the expected first result
    heading: str  # what the landing heading says

    @property
    def is_commitment(self) -> bool:
        return self.lands.startswith("sections/")


def commitment(query: str, cid: str) -> Case:
    return Case(query, anchor(cid), ST.commitment(cid).title)


def party(query: str, code: str) -> Case:
    return Case(query, f"parties/{ST.party(code).slug}/", ST.party(code).name)


CASES = [
    commitment("cyber activities", "dprk-cyber-concern"),
    commitment("Taiwan Strait", "taiwan-strait-stability"),
    commitment("critical minerals", "supply-chains-msp"),
    commitment("MSP", "supply-chains-msp"),
    commitment("Minerals Security Partnership", "supply-chains-msp"),
    commitment("PRC", "nuclear-risk-china-russia"),
    commitment("China", "nuclear-risk-china-russia"),
    commitment("APEC", "apec-2025-korea"),
    commitment("NATO", "nato-indo-pacific-partners"),
    commitment("wildfires", "wildfire-condolences"),
    commitment("denuclearization", "dprk-complete-denuclearization"),
    commitment("energy security", "energy-security"),
    commitment("youth summit", "youth-summit-japan"),
    commitment("maritime claims", "unlawful-maritime-claims"),
    commitment("ironclad", "us-defense-commitments"),
    commitment("military cooperation", "dprk-russia-military-cooperation"),
    commitment("trilateral meetings", "regular-trilateral-meetings"),
    commitment("U.S.", "us-defense-commitments"),
    # What the sources beyond the news summary establish (issue 22): each lands on its own point.
    commitment("extended deterrence", "us-extended-deterrence"),
    commitment("South China Sea", "indo-pacific-status-quo"),
    commitment("drills around Taiwan", "taiwan-drills-concern"),
    commitment("Ukraine ceasefire", "ukraine-ceasefire-progress"),
    commitment("crypto", "dprk-crypto-theft"),
    commitment("sanctions", "dprk-sanctions"),
    commitment("LNG", "us-lng-energy-cooperation"),
    commitment("nuclear reactors", "civil-nuclear-reactors"),
    commitment("shipbuilding", "shipbuilding-maritime-security"),
    # A country's name or alias lands on its party page (it outranks the summaries that mention
    # "South Korea"), and "korea" alone would otherwise put a North Korea commitment first.
    party("ROK", "KR"),
    party("South Korea", "KR"),
    party("Republic of Korea", "KR"),
    # People: each minister's party page names them and lists what their country committed to.
    party("Rubio", "US"),
    party("Iwaya", "JP"),
    party("Cho Tae-yul", "KR"),
    Case("Brussels", "", ST.title),
]


def location(href: str) -> str:
    parts = urlsplit(href)
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.mark.parametrize("case", CASES, ids=[c.query for c in CASES])
def test_first_result_lands_on_the_passage(search_pages: SearchPages, case: Case) -> None:
    page = search_pages.home()
    groups = search(page, case.query)
    first = best(groups)
    assert first.path == case.lands, f"{case.query!r} → {first.path} ({first.title})"
    if case.is_commitment:
        # The snippet is the commitment's own words, never its tools or navigation.
        assert re.match(r"(Our summary:|In the statement's words:|Topics:|Search words:)", first.teaser), first.teaser[:100]
        pages = [h for g in groups for h in g if h.path.startswith(INDEX_LIKE)]
        assert all(h.score < first.score for h in pages)
    _lands_on_the_heading(search_pages.follow(page, first), case)


def _lands_on_the_heading(page: object, case: Case) -> None:
    landed = location(page.url)  # type: ignore[attr-defined]
    assert landed == case.lands
    target = page.locator(f"[id='{case.lands.split('#')[1]}']") if "#" in case.lands else page.locator("article h1")  # type: ignore[attr-defined]
    assert case.heading in target.inner_text()
    box, header = target.bounding_box(), page.locator("header.md-header").bounding_box()  # type: ignore[attr-defined]
    viewport = page.viewport_size  # type: ignore[attr-defined]
    assert header["y"] + header["height"] <= box["y"] + 1, "the heading is hidden under the sticky header"
    assert box["y"] + box["height"] <= viewport["height"], "the heading is below the fold"


# Clicked for real, in a page of its own: the result link itself takes the reader to the passage.
@pytest.mark.parametrize("case", [c for c in CASES if c.query in ("Taiwan Strait", "Rubio")], ids=lambda c: c.query)
def test_clicking_the_first_result_lands_on_the_passage(page: object, base_url: str, case: Case) -> None:
    open_home(page, base_url)
    first = best(search(page, case.query))
    page.locator("a.md-search-result__link", has=page.locator(f'[data-md-score="{first.score:.2f}"]')).first.click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    _lands_on_the_heading(page, case)


ALIASES = [("DPRK", "north-korea"), ("Pyongyang", "north-korea"), ("PRC", "china"), ("MSP", "critical-minerals"), ("cybersecurity", "cyber")]


@pytest.mark.parametrize(("alias", "tid"), ALIASES, ids=[a for a, _ in ALIASES])
def test_an_alias_finds_the_same_commitments_as_the_topic(search_pages: SearchPages, alias: str, tid: str) -> None:
    topic = ST.topic(tid)
    wanted = {anchor(c.id) for c in ST.commitments if tid in c.topics}
    page = search_pages.home()
    by_alias = search(page, alias)
    by_label = search(page, topic.label)
    for groups in (by_alias, by_label):
        found = {h.path for g in groups for h in g}
        assert wanted <= found
    assert best(by_alias).path in wanted, f"{alias!r} → {best(by_alias).path}"


def test_search_works_offline(page: object, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))  # type: ignore[attr-defined]
    open_home(page, base_url)
    for query in ("North Korea", "Rubio", "critical minerals"):
        assert search(page, query)
    assert any(u.endswith("search/search_index.json") for u in requests), "the index was fetched"
    away = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).hostname != "127.0.0.1"]
    assert away == []


def test_hits_read_from_the_page_are_material_results(search_pages: SearchPages) -> None:
    # The helper reads what Material rendered: a query with no match renders no result at all.
    page = search_pages.home()
    assert search(page, "zzqxj") == []
    assert isinstance(best(search(page, "Taiwan")), Hit)
