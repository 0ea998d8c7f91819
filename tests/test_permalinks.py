"""Permanent links /c/<id>/, the ID register and aliases, citations, link previews, data files."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import DEPLOYED, FIXTURES, STATEMENT, make_project, mkdocs_build, parsed, serve
from scripts.render.data import LIST_SEPARATOR
from scripts.source.problems import ContentError
from scripts.source.published import PUBLISHED, read_published
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
IDS = [c.id for c in ST.commitments]
MINIMAL = FIXTURES / "pass" / "minimal" / "statement"


def soup(site: Path, page: str) -> BeautifulSoup:
    return parsed(site / page)


def meta(doc: BeautifulSoup, **attrs: str) -> str:
    tag = doc.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return tag["content"]


# --- static pages -------------------------------------------------------------------------

@pytest.mark.parametrize("cid", IDS)
def test_permanent_page_shows_the_commitment(site: Path, cid: str) -> None:
    c = ST.commitment(cid)
    doc = soup(site, f"c/{cid}/index.html")
    article = doc.select_one("article")
    assert article.find("h1").get_text().strip().startswith(c.title)
    assert c.summary in " ".join(article.get_text().split())
    for q in c.quotes:
        assert q in [el.get_text() for el in article.select("blockquote.statement-quote q")]
    context = [a["href"] for a in article.select(".in-context a")]
    assert f"../../sections/{c.section}/#{cid}" in context
    assert doc.find("link", rel="canonical")["href"] == "./"
    assert c.title.startswith(meta(doc, property="og:title").removesuffix("…").split(" — ")[0])  # the point first, maybe cut
    assert c.summary in meta(doc, property="og:description")
    assert c.summary in meta(doc, name="description")
    assert meta(doc, property="og:url")


def test_section_heading_links_to_the_permanent_page(site: Path) -> None:
    for c in ST.commitments:
        heading = soup(site, f"sections/{c.section}/index.html").find(id=c.id)
        assert f"../../c/{c.id}/" in [a["href"] for a in heading.find_all("a")]


def test_permanent_pages_are_not_search_results(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in docs if d["location"].startswith("c/")]


def test_every_page_has_link_preview_metadata(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html":
            continue  # not a page anyone shares
        doc = parsed(path)
        for prop in ("og:title", "og:description", "og:url"):
            assert meta(doc, property=prop), f"{path}: {prop}"
        assert meta(doc, name="description")


def test_citation_without_site_url_is_relative_and_says_so(site: Path) -> None:
    c = ST.commitment("us-defense-commitments")
    cite = soup(site, "sections/security/index.html").find(id=c.id).find_parent(class_="commitment").select_one("details.cite")
    text = cite.get_text()
    for part in (ST.title, "April 3, 2025", c.title, "c/us-defense-commitments/", "no site_url is configured"):
        assert part in text


def test_site_url_makes_permanent_links_absolute(deployed_site: Path) -> None:
    out = deployed_site  # built with site_url DEPLOYED (a sub-path)
    url = f"{DEPLOYED}c/us-defense-commitments/"
    cite = soup(out, "sections/security/index.html").select_one("#us-defense-commitments").find_parent(class_="commitment")
    assert all(url in dd.get_text() for dd in cite.select(".citation")[:3]) and "no site_url" not in cite.get_text()
    assert cite.select_one("button.copy-link")["data-permalink"] == url
    doc = soup(out, "c/us-defense-commitments/index.html")
    assert doc.find("link", rel="canonical")["href"] == url
    assert meta(doc, property="og:url") == url
    data = json.loads((out / "data" / "statement.json").read_text(encoding="utf-8"))
    assert {c["permalink"] for c in data["commitments"]} == {f"{DEPLOYED}c/{i}/" for i in IDS}


# --- the ID register -----------------------------------------------------------------------

def test_every_current_id_is_registered() -> None:
    published, problems = read_published(STATEMENT)
    assert not problems and published is not None
    missing = [i for i in IDS if i not in published]
    assert not missing, f"run `make publish-ids` to register {missing}"


def _renamed(tmp_path: Path, alias: bool) -> Path:
    root = tmp_path / "statement"
    shutil.copytree(MINIMAL, root)
    (root / PUBLISHED).write_text("open-ports\nrain-support\n", encoding="utf-8")
    section = root / "sections" / "alpha.yaml"
    text = section.read_text(encoding="utf-8").replace("id: open-ports", "id: open-harbours")
    text = text.replace("related: [open-ports]", "related: [open-harbours]")
    if alias:
        # "alpha" is also the automatic id the section's title "Alpha" would get: #alpha must still find the commitment.
        text = text.replace("    title: Open ports", "    title: Open ports\n    aliases: [open-ports, alpha]")
    section.write_text(text, encoding="utf-8")
    order = root / "order.yaml"
    order.write_text(order.read_text(encoding="utf-8").replace("open-ports", "open-harbours"), encoding="utf-8")
    return root


def test_renamed_id_without_alias_fails_and_names_it(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as err:
        load_statement(_renamed(tmp_path, alias=False))
    report = err.value.report()
    assert f"{PUBLISHED}:1:1: published ID 'open-ports' no longer exists" in report
    assert "aliases" in report


def test_publish_ids_command_appends_only_new_ids(tmp_path: Path) -> None:
    from scripts.cli import main

    root = tmp_path / "statement"
    shutil.copytree(MINIMAL, root)
    assert main(["--statement", str(root), "publish-ids"]) == 0
    first = (root / PUBLISHED).read_text(encoding="utf-8")
    assert main(["--statement", str(root), "publish-ids"]) == 0
    assert (root / PUBLISHED).read_text(encoding="utf-8") == first
    assert set(read_published(root)[0]) == {"open-ports", "rain-support", "tide-tables"}


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("renamed")
    config = make_project(tmp / "project", statement=_renamed(tmp, alias=True))
    out = tmp / "site"
    done = mkdocs_build(out, config, cwd=config.parent)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.build
def test_alias_keeps_old_urls_in_the_build(renamed_site: Path) -> None:
    old = soup(renamed_site, "c/open-ports/index.html")
    assert old.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../open-harbours/"
    assert old.find("link", rel="canonical")["href"] == "../open-harbours/"
    section = soup(renamed_site, "sections/alpha/index.html")
    for old in ("open-ports", "alpha"):
        anchors = section.find_all(id=old)
        assert len(anchors) == 1, f"#{old}: {anchors}"
        assert anchors[0].find_parent(class_="commitment").find("h2")["id"] == "open-harbours"


# --- data files ----------------------------------------------------------------------------

def test_statement_json_validates_against_its_schema(site: Path) -> None:
    data = json.loads((site / "data" / "statement.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert [c["id"] for c in data["commitments"]] == IDS
    assert {c["permalink"] for c in data["commitments"]} == {f"c/{i}/" for i in IDS}


def test_schema_rejects_a_broken_record(site: Path) -> None:
    data = json.loads((site / "data" / "statement.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "schema.json").read_text(encoding="utf-8"))
    data["commitments"][0]["kind"] = "promise"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_csv_round_trips_every_commitment(site: Path) -> None:
    raw = (site / "data" / "commitments.csv").read_bytes()
    assert raw.count(b"\r\n") >= len(IDS) + 1  # RFC 4180 line ends
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == IDS
    for row, c in zip(rows, ST.commitments, strict=True):
        split = lambda v: v.split(LIST_SEPARATOR) if v else []  # noqa: E731
        assert (row["title"], row["section"], row["kind"], row["summary"]) == (c.title, c.section, c.kind, c.summary)
        assert split(row["parties"]) == list(c.parties)
        assert split(row["topics"]) == list(c.topics)
        assert [int(n) for n in split(row["paragraphs"])] == list(c.paragraphs)
        assert split(row["quotes"]) == list(c.quotes)
        assert split(row["related"]) == list(c.related)
        assert row["permalink"] == f"c/{c.id}/"


def test_data_page_documents_every_field(site: Path) -> None:
    doc = soup(site, "data/index.html")
    hrefs = {a["href"] for a in doc.select("article a[href]")}
    assert {"statement.json", "commitments.csv", "schema.json"} <= hrefs
    text = doc.select_one("article").get_text(" ")
    for field in ("id", "permalink", "quotes", "summary", "parties"):
        assert f"{field}" in text


# --- in a real browser ---------------------------------------------------------------------

@pytest.mark.parametrize("cid", IDS)
def test_permanent_url_opens_and_leads_to_the_highlighted_commitment(page, base_url: str, cid: str) -> None:
    c = ST.commitment(cid)
    page.goto(f"{base_url}/c/{cid}/")
    assert page.locator("article h1").inner_text().strip().startswith(c.title)
    page.locator(".in-context a").click()
    page.wait_for_url(f"**/sections/{c.section}/#{cid}")
    heading = page.locator(f"h2[id='{cid}']")
    box = heading.bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"]
    outline = page.locator(f".commitment:has(h2[id='{cid}'])").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    other = next(x for x in ST.section(c.section).commitments if x.id != cid)
    other_outline = page.locator(f".commitment:has(h2[id='{other.id}'])").evaluate("el => getComputedStyle(el).outlineStyle")
    assert other_outline == "none"


def test_copy_button_copies_the_exact_permanent_url(browser, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        for s in ST.sections:
            page.goto(f"{base_url}/sections/{s.id}/")
            for c in s.commitments:
                button = page.locator(f".commitment:has(h2[id='{c.id}']) button.copy-link")
                assert button.get_attribute("aria-label") == f"Copy link to “{c.title}”"
                button.click()
                assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/c/{c.id}/"
        # The citation shows the absolute address once the page knows where it is served.
        cite = page.locator(".citation[data-style=apa-reference]").last
        assert cite.text_content().endswith(f"{base_url}/c/{ST.sections[-1].commitments[-1].id}/")
    finally:
        context.close()


def test_copy_button_works_from_the_keyboard(browser, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(f"{base_url}/c/energy-security/")
        page.locator("button.copy-link").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/c/energy-security/"
    finally:
        context.close()


def test_old_id_urls_lead_to_the_successor_in_a_browser(page, renamed_site: Path) -> None:
    with serve(renamed_site) as url:
        page.goto(f"{url}/c/open-ports/")
        page.wait_for_url(f"{url}/c/open-harbours/")
        assert page.locator("article h1").inner_text().strip().startswith("Open ports")
        for old in ("open-ports", "alpha"):  # an old ID, and one equal to the automatic id of the section's title
            page.goto(f"{url}/sections/alpha/#{old}")
            page.wait_for_function("location.hash === '#open-harbours'")
            assert page.url == f"{url}/sections/alpha/#open-harbours"
        outline = page.locator(".commitment:has(h2[id='open-harbours'])").evaluate("el => getComputedStyle(el).outlineStyle")
        assert outline == "solid"


def test_a_malformed_address_raises_no_script_error(page, renamed_site: Path) -> None:
    # decodeURIComponent throws URIError on a broken escape; statement.js must shrug, and still follow old IDs after it.
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve(renamed_site) as url:
        page.goto(f"{url}/sections/alpha/#%E0%A4%A")
        page.wait_for_load_state("load")
        page.evaluate("location.hash = '%E0%A4%'")  # and on hashchange
        page.wait_for_timeout(100)
        assert errors == []
        page.evaluate("location.hash = 'open-ports'")
        page.wait_for_function("location.hash === '#open-harbours'")
