"""Facts about the statement (issuers, countries, dates, places, publishers, names) live in statement/, never in
the code or the schemas: the code reads them, and another statement gets its own."""

from __future__ import annotations

import ast
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, STATEMENT
from scripts.render import cite, data
from scripts.render.messages import EN
from scripts.source.model import Statement
from scripts.source.problems import ContentError
from scripts.source.schema import display
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
MINIMAL = FIXTURES / "pass" / "minimal" / "statement"


def facts(st: Statement) -> set[str]:
    """What statement/ says about the statement: words the code must never spell out."""
    out = {st.title, st.short_title, st.date, EN.date(st.date), st.citation_key, st.data_package, st.genre, st.edition or "", *st.place.split(", ")}
    for p in st.parties:
        out |= {p.code, p.name, p.issuer}
    out |= {x.name for x in st.participants}
    if st.publication:
        out |= {st.publication.publisher, st.publication.headline, st.publication.address, st.publication.story or ""}
    return {f for f in out if f}


def code_strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string a module's code holds (messages, constants, f-string parts); not comments or docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def found(text: str, fact: str) -> bool:
    if len(fact) <= 3:  # a party code: a string of its own ("KR"), not a word inside one (the font "Noto Sans CJK KR")
        return text == fact or f'"{fact}"' in text
    return re.search(rf"(?<!\w){re.escape(fact)}(?!\w)", text) is not None  # "Japan", not "Japanese"


def test_the_code_and_the_schemas_know_no_fact_of_the_statement() -> None:
    known = facts(ST)
    assert {"Government of Japan", "KR", "Brussels", "3 April 2025", "2025-04-03"} <= known  # the scan looks for real facts
    where = []
    for path in sorted([*(ROOT / "scripts").rglob("*.py"), *(ROOT / "tools").glob("*.py")]):
        for line, text in code_strings(path):
            where += [f"{path.relative_to(ROOT)}:{line}: {fact!r}" for fact in sorted(known) if found(text, fact)]
    for path in sorted((ROOT / "scripts" / "schemas").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        where += [f"{path.relative_to(ROOT)}: {fact!r}" for fact in sorted(known) if found(text, fact)]
    assert where == []


def test_the_published_schema_allows_the_statement_s_own_parties() -> None:
    st = load_statement(MINIMAL)  # two parties, US and JP
    published = json.loads(data.files(st, None)["data/schema.json"])
    parties = published["$defs"]["commitment"]["properties"]["parties"]["items"]["enum"]
    assert parties == ["US", "JP"]
    assert published["properties"]["parties"]["items"]["properties"]["code"]["enum"] == ["US", "JP"]
    real = json.loads(data.files(ST, None)["data/schema.json"])
    assert real["$defs"]["commitment"]["properties"]["parties"]["items"]["enum"] == [p.code for p in ST.parties]
    assert data.PARTY_CODES not in json.dumps(real)


def test_another_statement_is_cited_by_its_own_issuers_genre_and_key(tmp_path: Path) -> None:
    root = tmp_path / "statement"
    shutil.copytree(MINIMAL, root)
    text = (root / "statement.yaml").read_text(encoding="utf-8")
    text = text.replace("JP: Government of Japan", "JP: Cabinet of Japan").replace("genre: joint statement", "genre: communiqué")
    (root / "statement.yaml").write_text(text + "citation_key: example-2024\ndata_package: example-data\n", encoding="utf-8")
    st = load_statement(root)
    files = data.files(st, "https://example.org/")
    item = json.loads(files["data/cite/statement.json"])[0]
    assert item["id"] == "example-2024" and item["genre"] == "communiqué"
    assert [a["literal"] for a in item["author"]] == ["Government of the United States", "Cabinet of Japan"]
    assert files["data/cite/c/open-ports.bib"].startswith("@misc{example-2024-open-ports,") and "type = {Communiqué}" in files["data/cite/c/open-ports.bib"]
    assert "M3  - Communiqué\r\n" in files["data/cite/statement.ris"]
    assert json.loads(files["data/datapackage.json"])["name"] == "example-data"
    meta = cite.page_meta(st, None, "https://example.org/")
    assert meta["authors"] == ["Government of the United States", "Cabinet of Japan"] and meta["description"] == "Communiqué"


def test_without_them_a_statement_is_cited_by_its_parties_names_and_its_date(tmp_path: Path) -> None:
    root = tmp_path / "statement"
    shutil.copytree(MINIMAL, root)
    text = (root / "statement.yaml").read_text(encoding="utf-8")
    (root / "statement.yaml").write_text(re.sub(r"\n(genre|issuers):.*|\n  [A-Z]{2}: .*", "", text), encoding="utf-8")
    st = load_statement(root)
    item = cite.csl_item(st, None, "./", None)
    assert [a["literal"] for a in item["author"]] == ["United States", "Japan"]
    assert (item["id"], item["genre"]) == ("statement-2024-01-09", "statement")
    assert json.loads(data.files(st, None)["data/datapackage.json"])["name"] == "statement-2024-01-09"


def test_an_issuer_for_no_party_is_a_located_error(tmp_path: Path) -> None:
    root = tmp_path / "statement"
    shutil.copytree(MINIMAL, root)
    text = (root / "statement.yaml").read_text(encoding="utf-8")
    (root / "statement.yaml").write_text(text + "  KR: Government of the Republic of Korea\n", encoding="utf-8")
    line = text.count("\n") + 1
    with pytest.raises(ContentError) as e:
        load_statement(root)
    assert [str(p) for p in e.value.problems] == [f"{display(root / 'statement.yaml')}:{line}:3: issuers.KR: unknown party 'KR' (known: JP, US)"]
