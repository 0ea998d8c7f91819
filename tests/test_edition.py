"""An honest, readable edition: provenance, no completeness claims, each point called what it is,
wording faithful to the source, substance first on every card, and the one-page reading edition."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, STATEMENT, parsed, statement_copy
from scripts.source.model import COMMITMENT_KINDS
from scripts.source.problems import ContentError
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)


def soup(site: Path, page: str) -> BeautifulSoup:
    return parsed(site / page)


def words(text: str) -> str:
    return " ".join(text.split())


def visible(html: str) -> str:
    """What a reader, a search engine or a link preview sees: the text, plus meta content and titles."""
    doc = BeautifulSoup(html, "html.parser")
    metas = [m.get("content", "") for m in doc.find_all("meta")]
    for el in doc(["script", "style"]):
        el.decompose()
    return words(" ".join([doc.get_text(" "), *metas]))


# --- 1. provenance and no completeness claims ------------------------------------------------

# Claims the site must never make: that it holds the whole statement, every commitment, or its order.
OVERCLAIMS = re.compile(
    r"every commitment|all commitments|whole (?:structured )?statement|in the order of the statement"
    r"|complete (?:text|statement)|full (?:text|statement)|the statement in full|committed to:|abbreviations used in the statement"
    r"|topics of the",
    re.IGNORECASE,
)


def _overclaims(name: str, text: str) -> list[str]:
    return [f"{name}: {m.group(0)!r}" for m in OVERCLAIMS.finditer(words(text))]


def _text(path: Path) -> str:
    """A data file's text: a PDF's as pypdf extracts it (each edition's Read it all), any other file as UTF-8."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return " ".join(page.extract_text() for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8-sig")


def test_no_page_data_file_or_config_claims_completeness_or_order(site: Path) -> None:
    found: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        found += _overclaims(str(path.relative_to(site)), visible(path.read_text(encoding="utf-8")))
    for path in sorted(p for p in (site / "data").rglob("*") if p.is_file()):
        found += _overclaims(path.relative_to(site).as_posix(), _text(path))
    found += _overclaims("search_index.json", (site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found += _overclaims("mkdocs.yml", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for path in sorted(STATEMENT.glob("**/*.yaml")):
        found += _overclaims(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
    assert found == []


def test_the_overclaim_scan_catches_each_phrase_it_lists() -> None:
    for claim in ("every commitment, quoted and summarised", "The whole statement is published as data files",
                  "The whole structured statement", "in the order of the statement", "All commitments"):
        assert _overclaims("x", claim), claim


# Aliases that name something else: NATO is not the Euro-Atlantic, the Indo-Pacific is not the
# Asia-Pacific, and "Korea" on a site about North Korea too is not the Republic of Korea.
def test_no_alias_names_something_else(site: Path) -> None:
    topic_aliases = {t.id: {a.casefold() for a in t.aliases} for t in ST.topics}
    assert "euro-atlantic" not in topic_aliases["nato"]
    assert "asia-pacific" not in topic_aliases["indo-pacific"]
    assert "korea" not in {a.casefold() for a in ST.party("KR").aliases}
    assert "natural disasters" not in words(soup(site, "topics/disasters/index.html").get_text()).casefold()
    kr = soup(site, "parties/republic-of-korea/index.html").select_one(".aliases").get_text()
    assert re.search(r"(?<!South )\bKorea\b", kr) is None, kr
    for t in ("nato", "indo-pacific"):
        aka = soup(site, f"topics/{t}/index.html").select_one(".aliases").get_text()
        assert "Euro-Atlantic" not in aka and "Asia-Pacific" not in aka, aka


def test_the_source_page_names_the_news_story_and_says_what_is_quoted(site: Path) -> None:
    text = words(soup(site, "source/index.html").select_one("article").get_text(" "))
    for needed in ("Globe Banner", "story 670823479", "Joint statement focuses on defense, economic security and regional cooperation",
                   "https://globebanner.com/stories/670823479-joint-statement-focuses-on-defense-economic-security-and-regional-cooperation",
                   "this edition could consult only parts of the released text",
                   "this edition does not claim to hold all of it",
                   "the only words of the statement shown are the four passages the news summary puts in quotation marks",
                   "the sources we read do not give its official title"):
        assert needed in text, needed
    link = soup(site, "source/index.html").select_one('article a[href="https://globebanner.com/stories/670823479-joint-statement-focuses-on-defense-economic-security-and-regional-cooperation"]')
    assert link is not None and link.get_text() == "https://globebanner.com/stories/670823479-joint-statement-focuses-on-defense-economic-security-and-regional-cooperation"


def test_the_title_is_not_the_official_title_the_source_never_gives() -> None:
    assert "Foreign Ministers' Meeting" not in ST.title
    assert "official title" in ST.provenance


def _notice(el: BeautifulSoup, where: str) -> None:
    notice = el.select_one("article .coverage-notice")
    assert notice is not None, where
    assert words(notice.get_text()).startswith(ST.coverage), where
    assert notice.find("a", string="Source and method"), where


def test_a_coverage_notice_on_home_on_every_permanent_page_and_in_the_data(site: Path) -> None:
    assert ST.coverage and "only parts of the released text" in ST.coverage and "may say more" in ST.coverage
    _notice(soup(site, "index.html"), "home")
    assert soup(site, "index.html").select_one("article .coverage-notice a")["href"] == "source/"
    for c in ST.commitments:
        page = soup(site, f"c/{c.id}/index.html")
        _notice(page, c.id)
        assert page.select_one("article .coverage-notice a")["href"] == "../../source/"
    data = json.loads((site / "data" / "statement.json").read_text(encoding="utf-8"))
    assert data["coverage"] == ST.coverage
    assert data["source_publication"]["publisher"] == "Globe Banner"


# --- 3. call each point what it is -----------------------------------------------------------


def test_no_page_counts_more_commitments_than_there_are(site: Path) -> None:
    """"N commitments" only ever counts items whose kind is commitment; everything else is a point."""
    real = sum(c.kind == "commitment" for c in ST.commitments)
    assert real < len(ST.commitments)
    for path in sorted(site.rglob("*.html")):
        for m in re.finditer(r"\b(\d+) commitments?\b", visible(path.read_text(encoding="utf-8"))):
            assert int(m.group(1)) <= real, f"{path.relative_to(site)}: {m.group(0)!r}"


def test_permanent_pages_and_navigation_say_point(site: Path) -> None:
    for c in ST.commitments:
        text = words(soup(site, f"c/{c.id}/index.html").select_one("article").get_text())
        assert f"One point of the {ST.short_title}" in text
        assert "One commitment of" not in text
    nav = [a.get_text(strip=True) for a in soup(site, "index.html").select("nav.md-nav--primary a")]
    assert "All points" in nav and "All commitments" not in nav
    # Addresses keep their published names.
    assert (site / "commitments" / "index.html").is_file() and (site / "data" / "commitments.csv").is_file()
    assert "commitments" in json.loads((site / "data" / "statement.json").read_text(encoding="utf-8"))


def _kinds(items: list) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in items:
        out[c.kind] = out.get(c.kind, 0) + 1
    return out


# How a count of each kind reads in English ("3 expressions of support"), written out here, not taken from the code.
KIND_PLURALS: dict[str, tuple[str, str]] = {
    "aim": ("aim", "aims"),
    "announcement": ("announcement", "announcements"),
    "call": ("call", "calls"),
    "commitment": ("commitment", "commitments"),
    "concern": ("concern", "concerns"),
    "condolence": ("expression of condolence", "expressions of condolence"),
    "emphasis": ("point of emphasis", "points of emphasis"),
    "opposition": ("statement of opposition", "statements of opposition"),
    "reaffirmation": ("reaffirmation", "reaffirmations"),
    "support": ("expression of support", "expressions of support"),
    "welcome": ("welcome", "welcomes"),
}


@pytest.mark.parametrize("code", ["US", "JP", "KR"])
def test_party_pages_count_by_kind_and_name_what_the_party_is_not_part_of(site: Path, code: str) -> None:
    party = ST.party(code)
    page = soup(site, f"parties/{party.slug}/index.html")
    mine = [c for c in ST.commitments if code in c.parties]
    count = words(page.select_one("article .party-count").get_text())
    for kind, n in _kinds(mine).items():
        one, many = KIND_PLURALS[kind]
        assert f"{n} {one if n == 1 else many}" in count, (kind, count)
    commitments = sum(c.kind in COMMITMENT_KINDS for c in mine)
    assert commitments < len(mine)
    outside = page.find("h2", id="not-part")
    others = [c for c in ST.commitments if code not in c.parties]
    if others:
        listed = outside.find_next("div", class_="commitment-list").find_all("a")
        assert [a["href"].rsplit("#", 1)[1] for a in listed] == [c.id for c in others]
    else:
        assert outside is None


def test_party_roles_where_the_source_gives_one(site: Path) -> None:
    us = soup(site, "parties/united-states/index.html")
    alone = us.find("h2", id="alone")
    assert alone is not None and "United States alone" in alone.get_text()
    assert alone.find_next("div", class_="commitment-list").find("a", href="../../sections/security/#us-defense-commitments")
    # Japan and the ROK back U.S. efforts: on their pages as their role, on the U.S. page as a point it is not part of.
    for slug in ("japan", "republic-of-korea"):
        page = soup(site, f"parties/{slug}/index.html")
        li = page.find("a", href="../../sections/security/#nuclear-risk-china-russia").find_parent("li")
        assert "Japan and Republic of Korea, backing U.S. efforts" in words(li.get_text())
    not_part = us.find("h2", id="not-part").find_next("div", class_="commitment-list")
    assert not_part.find("a", href="../../sections/security/#nuclear-risk-china-russia")


# --- 4. wording, each defect checked against the source ----------------------------------------

SOURCE_TEXT = (STATEMENT / "source.yaml").read_text(encoding="utf-8")


def _c(cid: str):
    return ST.commitment(cid)


def test_unlawful_maritime_claims_are_not_softened_or_placed() -> None:
    c = _c("unlawful-maritime-claims")
    assert "regard as" not in c.summary and "unlawful claims" in c.summary
    assert "indo-pacific" not in c.topics  # the summary does not say where


def test_denuclearization_is_complete_not_narrowed() -> None:
    c = _c("dprk-complete-denuclearization")
    assert "complete denuclearization" in c.summary and "giving up" not in c.summary
    assert "Ending North Korea's nuclear weapons program" not in ST.topic("denuclearization").description


def test_energy_security_is_not_narrowed_to_supplies() -> None:
    assert "energy supplies" not in _c("energy-security").summary
    assert "energy security" in _c("energy-security").summary
    assert "their supply chains" not in _c("supply-chains-msp").summary


def test_apec_support_is_the_statements_not_koreas_own() -> None:
    c = _c("apec-2025-korea")
    assert c.summary.startswith("The statement expresses support for South Korea")


def test_condolences_are_for_damage_and_loss_of_life() -> None:
    meeting = ST.section("meeting")
    assert "sympathy" not in meeting.summary and "victims" not in meeting.summary
    assert "condolences" in meeting.summary and "damage" in meeting.summary and "lives lost" in meeting.summary
    assert "Natural disasters" not in ST.topic("disasters").description


def test_titles_do_not_copy_the_reporters_words_without_quotation_marks() -> None:
    titles = {c.title for c in ST.commitments}
    for copied in ("Taiwan's participation in international organizations", "A free and fair global economic order",
                   "South Korea's hosting of APEC 2025"):
        assert copied not in titles


def test_korea_means_a_named_korea_in_every_summary_and_title() -> None:
    texts = [ST.overview] + [s.summary for s in ST.sections] + [c.summary for c in ST.commitments] + [c.title for c in ST.commitments]
    texts += [t.description for t in ST.topics] + [p.covers for p in ST.paragraphs]
    bare = re.compile(r"(?<!North )(?<!South )(?<!Republic of )\bKorea\b(?!n)")
    assert [t for t in texts if bare.search(t)] == []


def test_glossary_and_topics_do_not_speak_for_the_statement(site: Path) -> None:
    glossary = words(soup(site, "glossary/index.html").select_one("article").get_text(" "))
    assert "abbreviations used in the statement" not in glossary
    assert "the news summary itself uses only some of them" in glossary
    topics = words(soup(site, "topics/index.html").select_one("article").get_text(" "))
    assert "this edition's grouping, not the statement's" in topics


# --- 5. substance first ----------------------------------------------------------------------

CARD_ORDER = ["heading", "commitment-summary", "statement-quote", "commitment-meta", "commitment-sources", "commitment-permalink", "commitment-links", "commitment-tools"]


def _part(el: object) -> str | None:
    if el.name in ("h1", "h2"):
        return "heading"
    classes = el.get("class") or []
    return next((c for c in CARD_ORDER if c in classes), None)


def _order(parts: list[str]) -> list[str]:
    seen = [p for p in parts if p]
    return [p for i, p in enumerate(seen) if i == 0 or seen[i - 1] != p]  # several quotes count once


def test_cards_put_the_heading_summary_and_quotes_before_metadata_and_tools(site: Path) -> None:
    for s in ST.sections:
        for card in soup(site, f"sections/{s.id}/index.html").select("article .commitment"):
            got = _order([_part(el) for el in card.find_all(recursive=False)])
            want = [p for p in CARD_ORDER if p in got]
            assert got == want, (s.id, got)
            assert got[:2] == ["heading", "commitment-summary"] and got[-1] == "commitment-tools"
    for c in ST.commitments:
        article = soup(site, f"c/{c.id}/index.html").select_one("article")
        parts = _order([_part(el) for el in article.find_all(recursive=False)])
        assert parts.index("commitment-summary") < parts.index("commitment-meta") < parts.index("commitment-tools"), (c.id, parts)


def test_reading_edition_has_every_point_in_the_statements_order(site: Path) -> None:
    page = soup(site, "read/index.html")
    ids = [h["id"] for h in page.select("article .reading-point h3")]
    assert sorted(ids) == sorted(c.id for c in ST.commitments)
    # Passage by passage, as statement/order.yaml gives the statement's order where the sources show it.
    assert ids == [cid for p in ST.passages for cid in p.points]
    # The reprint of the released text (Mirage News ¶5, ¶7) puts NATO before the wildfires, and the U.S. commitments
    # first in the defence paragraph, then what backs them, then extended deterrence.
    assert ids.index("nato-indo-pacific-partners") < ids.index("wildfire-condolences")
    assert ids.index("us-defense-commitments") < ids.index("us-military-strength-backing") < ids.index("us-extended-deterrence")
    for c in ST.commitments:
        point = page.find("h3", id=c.id).find_parent("div", class_="reading-point")
        assert words(c.summary) in words(point.get_text())
        for q in c.quotes:
            assert q in point.get_text()
        assert point.find("a", href=f"../sections/{c.section}/#{c.id}")
    article = page.select_one("article")
    assert not article.select(".commitment-tools, button, details, .commitment-meta")
    head = words(article.select_one(".edition-line").get_text())
    for needed in (ST.title, ST.place, "3 April 2025", "reading edition"):
        assert needed in head


def test_reading_edition_is_out_of_the_search_index_and_in_the_nav(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d for d in docs if str(d["location"]).startswith("read/")]
    nav = [a.get_text(strip=True) for a in soup(site, "index.html").select("nav.md-nav--primary a")]
    assert "Read it all" in nav



def test_a_paragraphs_points_must_be_exactly_the_points_that_cite_it(tmp_path: Path) -> None:
    root = statement_copy(tmp_path)
    src = root / "source.yaml"
    text = src.read_text(encoding="utf-8")
    text = text.replace("points: [nato-indo-pacific-partners, wildfire-condolences]", "points: [nato-indo-pacific-partners, energy-security]")
    src.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_statement(root)
    report = e.value.report()
    assert "source.yaml:" in report
    assert "'energy-security' is not a point that cites paragraph 2" in report
    assert "does not list wildfire-condolences" in report


def test_source_addresses_stay_one_literal_link_whatever_they_hold() -> None:
    # Python-Markdown also reads raw inline HTML: an address with "[x](y)" made a second link inside the
    # href, and "a*b*c" emphasis in the visible text (Source page and the not-covered notes).
    import dataclasses
    from urllib.parse import unquote

    import markdown
    from bs4 import BeautifulSoup as Soup

    from scripts.render.notcovered import matter
    from scripts.render.pages import source

    url = "https://example.org/a*b*c_d_e/[x](y)?q=1&r=2"
    named = ST.not_covered[0].locator.source
    st = dataclasses.replace(ST, publication=dataclasses.replace(ST.publication, address=url),
                             register=tuple(dataclasses.replace(s, address=url) if s.id == named else s for s in ST.register))
    # The Source page shows the address as the link's text (the news summary's, and the register's entry).
    body = source(st).split("---\n", 2)[2]
    doc = Soup(markdown.markdown(body, extensions=["attr_list", "md_in_html"]), "html.parser")
    links = [a for a in doc.find_all("a") if "example.org" in a.get("href", "")]
    assert len(links) == 2 and all(a.get_text() == url and unquote(a["href"]) == url for a in links), links
    # A note links its source by publisher and paragraph: one link, the address intact.
    doc = Soup(markdown.markdown(matter(st, st.not_covered[0]), extensions=["attr_list", "md_in_html"]), "html.parser")
    links = [a for a in doc.find_all("a") if "example.org" in a.get("href", "")]
    assert len(links) == 1 and unquote(links[0]["href"]) == url and "*" not in links[0].get_text(), links
