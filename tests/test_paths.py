"""Every generated path is unique: names from the YAML never take a page or folder of the site's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, STATEMENT, make_project, mkdocs_build
from scripts.publish import output as outdir
from scripts.render.pages import render
from scripts.source.checks import FOLDERS, RESERVED
from scripts.source.statement import load_statement


def test_reserved_names_include_every_top_level_name_of_the_built_site(site: Path) -> None:
    # A new page or folder at the top of the site must be added to RESERVED (and so refused as an ID).
    top = {p.name.split(".")[0] for p in site.iterdir() if p.name != outdir.MARKER}  # the marker says "an output", no page
    assert top <= RESERVED, f"add {sorted(top - RESERVED)} to validate.RESERVED"


def test_each_kind_of_name_is_published_in_its_own_folder() -> None:
    # FOLDERS (what the check reports) must be where render() really puts each kind of name.
    st = load_statement(STATEMENT)
    pages = set(render(st))
    expected = {
        "section ID": {f"sections/{s.id}.md" for s in st.sections},
        "commitment ID": {f"c/{name}.md" for c in st.commitments for name in (c.id, *c.aliases)},
        "topic ID": {f"topics/{t.id}.md" for t in st.topics},
        "party slug": {f"parties/{p.slug}.md" for p in st.parties},
    }
    for kind, paths in expected.items():
        assert paths <= pages, kind
        assert {p.split("/")[0] for p in paths} == {FOLDERS[kind]}, kind
    made_from_yaml = set().union(*expected.values())
    assert all(p.split("/")[-1] == "index.md" or "/" not in p or p.startswith("data/") for p in pages - made_from_yaml), sorted(pages - made_from_yaml)


@pytest.mark.build
def test_a_hand_written_page_is_never_silently_replaced(tmp_path: Path) -> None:
    config = make_project(tmp_path, FIXTURES / "pass" / "minimal" / "statement")
    (tmp_path / "docs" / "topics").mkdir()
    (tmp_path / "docs" / "topics" / "index.md").write_text("# My topics\n", encoding="utf-8")
    done = mkdocs_build(tmp_path / "site", config=config, cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "docs/topics/index.md:1:1: a hand-written file where the build puts the page made from statement/; rename or remove it" in done.stderr
