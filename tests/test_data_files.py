"""Data downloads (issue 14) and CSV injection (issue 12, item 8): what a spreadsheet user and a data
user carry away. The CSV is opened as a spreadsheet program does; the Data Package descriptor is
validated, with the data it describes, by the Frictionless library."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from frictionless import validate

from conftest import STATEMENT, make_project
from scripts.render import data
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
BOM = b"\xef\xbb\xbf"


def spreadsheet_rows(raw: bytes) -> list[list[str]]:
    """Read a CSV as Excel does: the BOM says UTF-8; each physical line is one row; a cell starting with
    =, +, -, @, tab or CR is a formula."""
    assert raw.startswith(BOM), "without a byte-order mark Excel reads UTF-8 as Windows-1252 (NATOâ€™s)"
    text = raw[len(BOM):].decode("utf-8")
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    rows = []
    for line in lines:
        assert "\n" not in line and "\r" not in line
        parsed = list(csv.reader([line]))
        assert len(parsed) == 1, f"one line must be one row: {line!r}"
        rows.append(parsed[0])
    return rows


def _formula(cell: str) -> bool:
    return cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_the_csv_opens_in_a_spreadsheet_one_line_per_point(site: Path) -> None:
    rows = spreadsheet_rows((site / "data" / "commitments.csv").read_bytes())
    assert rows[0] == list(data.CSV_FIELDS)
    assert len(rows) == len(ST.commitments) + 1
    assert {len(r) for r in rows} == {len(data.CSV_FIELDS)}
    assert not [cell for row in rows for cell in row if _formula(cell)]
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    c = ST.commitments[0]
    assert by_id[c.id]["parties"] == "; ".join(c.parties)
    assert by_id[c.id]["topics"] == "; ".join(c.topics)
    # Typographic apostrophes survive (what Excel mangled without the BOM).
    assert any("’" in cell for row in rows for cell in row) == any("’" in q for c in ST.commitments for q in c.quotes + (c.summary, c.title))


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x.example/\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tx", "\r=1"])
def test_cells_that_would_be_formulas_are_defused(text: str) -> None:
    out = data.cell(text)
    assert not _formula(out) and "\r" not in out
    assert out == ("'" + text if "\r" not in text else text.replace("\r", " "))


@pytest.mark.build
def test_a_hostile_title_and_summary_reach_the_csv_as_text(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    shutil.rmtree(tmp_path / "statement" / "translations")  # the English is edited here: its translations would be stale
    section = tmp_path / "statement" / "sections" / "security.yaml"
    first = ST.section("security").commitments[0]
    text = section.read_text(encoding="utf-8")
    text = text.replace(f"title: {first.title}\n", "title: '=HYPERLINK(\"http://x.example/\",\"Click\")'\n", 1)
    section.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = spreadsheet_rows((tmp_path / "site" / "data" / "commitments.csv").read_bytes())
    titles = [r[2] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://x.example/\",\"Click\")" in titles
    assert not [cell for row in rows for cell in row if _formula(cell)]


def test_the_data_package_is_valid_and_describes_the_csv(site: Path) -> None:
    descriptor = site / "data" / "datapackage.json"
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["type", "note"])
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    assert [lic["name"] for lic in pkg["licenses"]] == ["CC-BY-4.0"]
    assert "governments" in pkg["description"] and "not ours" in pkg["description"]
    assert pkg["version"] == ST.changes[0].version
    csv_res = next(r for r in pkg["resources"] if r["path"] == "commitments.csv")
    assert [f["name"] for f in csv_res["schema"]["fields"]] == list(data.CSV_FIELDS)
    for res in pkg["resources"]:
        assert (site / "data" / res["path"]).is_file()


def test_a_broken_csv_fails_the_data_package(site: Path, tmp_path: Path) -> None:
    # The validation is real: a duplicate ID or an unknown kind in the CSV makes the package invalid.
    for name in ("datapackage.json", "statement.json"):
        (tmp_path / name).write_bytes((site / "data" / name).read_bytes())
    raw = (site / "data" / "commitments.csv").read_bytes()
    first_row = raw.split(b"\r\n")[1]
    (tmp_path / "commitments.csv").write_bytes(raw + first_row.replace(b",aim,", b",promise,") + b"\r\n")
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert {e[0] for e in report.flatten(["type"])} >= {"primary-key", "constraint-error"}


def _build(tmp: Path, **env: str) -> Path:
    config = make_project(tmp)
    base = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITE_URL")}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(tmp / "site")],
        cwd=tmp, env={**base, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return tmp / "site"


@pytest.mark.build
def test_last_changed_comes_from_the_repository_never_the_clock(tmp_path: Path) -> None:
    # SOURCE_DATE_EPOCH wins; outside git (this copy), the newest changelog entry's date, not today.
    site = _build(tmp_path / "a", SOURCE_DATE_EPOCH="1700000000")
    assert json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))["lastModified"] == "2023-11-14"
    site = _build(tmp_path / "b")
    assert json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))["lastModified"] == ST.changes[0].date


def test_the_data_page_shows_licence_version_and_changelog(site: Path) -> None:
    doc = BeautifulSoup((site / "data" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = doc.select_one("article")
    text = " ".join(article.get_text(" ").split())
    assert "datapackage.json" in {a["href"] for a in article.select("a[href]")}
    assert "CC BY 4.0" in text and "governments" in text
    assert f"Version {ST.changes[0].version}" in text
    for ch in ST.changes:
        assert ch.summary in text
    assert "content last changed" in text
