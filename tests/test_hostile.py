"""Hostile text renders as the literal characters typed: no injected element, attribute, link or file.

The fixture tests/fixtures/pass/hostile puts Markdown links to javascript: URLs, attribute lists, snippet
directives, Jinja, emphasis, heading/list/quote starts, pipes, quotes with '"', very long, Japanese, Korean,
right-to-left and zero-width text into every free-text field. It is built with mkdocs (with
pymdownx.snippets switched on, in case the project ever enables it) next to a "twin" whose every text is
replaced by plain words: both sites must have the same HTML structure, tag for tag and attribute for attribute.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import FIXTURES, ROOT, make_project, mkdocs_build
from scripts.render.markdown import block, front_matter, inline
from scripts.render.pages import render
from scripts.source.statement import load_statement
from scripts.source.yamldoc import strings

HOSTILE = FIXTURES / "pass" / "hostile" / "statement"
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
KEEP = {"US", "JP", "KR"}
SNIPPETS = "markdown_extensions:\n  - pymdownx.snippets\n"
# What a snippet of mkdocs.yml or /etc/passwd would bring into a page.
LEAKS = ("markdown_extensions", "site_name:", "root:x:0:0", "/bin/sh", "nologin")


def _texts(value: object) -> Iterator[str]:
    return (text for _, text in strings(value))


def _free_text(s: str) -> bool:
    return not SLUG.fullmatch(s) and s not in KEEP and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s)


def hostile_strings() -> list[str]:
    found = set()
    for path in sorted(HOSTILE.rglob("*.yaml")):
        found.update(s for s in _texts(yaml.safe_load(path.read_text(encoding="utf-8"))) if _free_text(s))
    return sorted(found)


def _twin(src: Path, dest: Path) -> None:
    """The same statement with every free text replaced by plain words (same text → same words)."""
    names: dict[str, str] = {}

    def plain(value: object) -> object:
        if isinstance(value, str):
            return names.setdefault(value, f"Plain words {len(names) + 1}") if _free_text(value) else value
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    for path in sorted(src.rglob("*.yaml")):
        target = dest / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = plain(yaml.safe_load(path.read_text(encoding="utf-8")))
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _build(tmp: Path, statement: Path) -> Path:
    config = make_project(tmp, statement)
    text = config.read_text(encoding="utf-8")
    if "pymdownx.snippets" not in text:  # switch it on: the escaping must defeat it either way
        text = text.replace("markdown_extensions:\n", SNIPPETS, 1)
        assert SNIPPETS in text
        config.write_text(text, encoding="utf-8")
    done = mkdocs_build(tmp / "site", config=config, cwd=tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return tmp / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    hostile = _build(tmp_path_factory.mktemp("hostile"), HOSTILE)
    twin_src = tmp_path_factory.mktemp("twin-statement") / "statement"
    _twin(HOSTILE, twin_src)
    return hostile, _build(tmp_path_factory.mktemp("twin"), twin_src)


def _pages(site: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in sorted(site.rglob("*.html"))}


def _skeleton(soup: BeautifulSoup | Tag) -> list[tuple[str, tuple[str, ...]]]:
    return [(el.name, tuple(sorted(el.attrs))) for el in soup.find_all(True)]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _visible(soup: BeautifulSoup) -> str:
    metas = " ".join(str(m.get("content", "")) for m in soup.find_all("meta"))
    return _norm(soup.get_text() + " " + metas + " " + (soup.title.get_text() if soup.title else ""))


def test_fixture_is_valid_and_really_hostile() -> None:
    st = load_statement(HOSTILE)
    strings = hostile_strings()
    joined = "\n".join(strings)
    for needle in ("javascript:", "{: onclick", "--8<--", "{{", "{%", "**", "# ", "1. ", "> ", "|", '"', "日本", "한국어", "\u202e", "\u200b", "\u200f", "שלום"):
        assert needle in joined, needle
    assert max(map(len, strings)) > 5000
    assert st.commitments


@pytest.mark.build
def test_no_injected_element_or_attribute(sites: tuple[Path, Path]) -> None:
    hostile, twin = _pages(sites[0]), _pages(sites[1])
    assert sorted(hostile) == sorted(twin)
    for path, soup in hostile.items():
        assert _skeleton(soup) == _skeleton(twin[path]), f"{path}: the hostile text changed the HTML structure"
        for el in soup.find_all(True):
            for name, value in el.attrs.items():
                assert not name.lower().startswith("on"), f"{path}: <{el.name} {name}>"
                if name in ("href", "src", "action", "formaction", "content"):
                    assert not re.match(r"\s*(javascript|vbscript|data):", str(value), re.I), f"{path}: {name}={value!r}"
            assert not {"evil", "cls"} & set(el.get("class") or []), f"{path}: class from the text on <{el.name}>"
            assert el.get("id") != "id", path


@pytest.mark.build
def test_snippet_directives_never_read_a_file(sites: tuple[Path, Path]) -> None:
    for path in sorted(sites[0].rglob("*")):
        if path.suffix in (".html", ".json", ".xml", ".csv", ".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            for leak in LEAKS:
                assert leak not in text, f"{path}: {leak!r} leaked into the site"


@pytest.mark.build
def test_every_string_shows_literally(sites: tuple[Path, Path]) -> None:
    shown = " ".join(_visible(soup) for soup in _pages(sites[0]).values())
    for s in hostile_strings():
        assert _norm(s) in shown, f"not shown literally: {s[:120]!r}"
    # The headline cases, checked on their own pages.
    alpha = _visible(_pages(sites[0])["sections/alpha/index.html"])
    assert '[Open](javascript:alert(1)) ports {: onclick="alert(1)" } **now**' in alpha
    assert '--8<-- "/etc/passwd"' in alpha
    assert "> 1. Japan supports rain | {% if true %}yes{% endif %}" in alpha


@pytest.mark.build
def test_meta_description_keeps_quotes_as_text(sites: tuple[Path, Path]) -> None:
    soup = _pages(sites[0])["parties/united-states/index.html"]
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None
    assert 'United States" onmouseover="alert(1)' in description["content"]
    assert not soup.find(attrs={"onmouseover": True})


@pytest.mark.build
def test_search_index_holds_the_text(sites: tuple[Path, Path]) -> None:
    def docs(site: Path) -> list[dict[str, str]]:
        return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    hostile, twin = docs(sites[0]), docs(sites[1])
    assert len(hostile) == len(twin)
    text = []
    for h, t in zip(hostile, twin, strict=True):
        for field in ("title", "text"):
            # Material shows these fields as HTML: parse them the way the browser will.
            hs, ts = BeautifulSoup(h[field], "html.parser"), BeautifulSoup(t[field], "html.parser")
            assert _skeleton(hs) == _skeleton(ts), f"search index {h['location']} {field}: markup from the text"
            text.append(hs.get_text())
    shown = _norm(" ".join(text))
    searched = {h["location"].split("#")[0] for h in hostile}
    content = " ".join(
        _norm(c.get_text()) for path, soup in _pages(sites[0]).items() if path.removesuffix("index.html") in searched for c in soup.select(".md-content")
    )
    indexed = [s for s in hostile_strings() if _norm(s) in content]  # some texts only go into meta descriptions or unsearched pages
    assert len(indexed) > 20
    for s in indexed:
        assert _norm(s) in shown, f"not in the search index as text: {s[:120]!r}"


# The render stage alone, without validation: a model carrying raw HTML still renders escaped.
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(1)">'


def _hostile_model() -> object:
    st = load_statement(FIXTURES / "pass" / "minimal" / "statement")
    s0 = st.sections[0]
    c0 = dataclasses.replace(s0.commitments[0], title=f"Title {SCRIPT}", summary=f"Summary {IMG} \n# not a heading")
    sections = (dataclasses.replace(s0, title=f"Section {SCRIPT}", summary=f"--8<-- \"mkdocs.yml\" {IMG}", commitments=(c0, *s0.commitments[1:])),)
    topics = tuple(dataclasses.replace(t, description=f"{IMG} \"quoted\"") for t in st.topics)
    return dataclasses.replace(st, title=f"Statement {SCRIPT}", overview=f"1. {IMG}", sections=sections, topics=topics)


def _markdown() -> markdown.Markdown:
    from mkdocs.config import load_config

    cfg = load_config(str(ROOT / "mkdocs.yml"))
    names = [*cfg.markdown_extensions, "pymdownx.snippets"]
    return markdown.Markdown(extensions=names, extension_configs={**cfg.mdx_configs, "pymdownx.snippets": {"base_path": [str(ROOT)]}})


def test_render_escapes_raw_html_even_without_validation() -> None:
    from mkdocs.utils import meta

    st = _hostile_model()
    pages = render(st)  # type: ignore[arg-type]
    md = _markdown()
    seen = ""
    for path, text in pages.items():
        body, fm = meta.get_data(text)
        html = md.reset().convert(body)
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find(["script", "img"]), f"{path}: {html[:300]}"
        assert not any(a.lower().startswith("on") for el in soup.find_all(True) for a in el.attrs), path
        assert "markdown_extensions" not in html, f"{path}: a snippet was included"
        seen += soup.get_text()
        assert fm.get("description"), f"{path}: the front matter no longer parses"
    seen = _norm(seen)
    for literal in (f"Statement {SCRIPT}", f"Title {SCRIPT}", f"Summary {IMG} # not a heading", f"1. {IMG}", '--8<-- "mkdocs.yml"'):
        assert literal in seen, literal


def test_snippets_would_read_the_file_without_escaping() -> None:
    # The control for the test above: the same directive, unescaped, does pull mkdocs.yml in.
    md = _markdown()
    assert "markdown_extensions" in md.convert('--8<-- "mkdocs.yml"')
    assert "markdown_extensions" not in md.reset().convert(block('--8<-- "mkdocs.yml"'))
    directive = '--8<-- "mkdocs.yml"'
    assert "markdown_extensions" not in md.reset().convert("Text " + inline(directive))


@pytest.mark.parametrize("value", ['He said "no" \\ done', "line\u2028break\x85next", "日本語 \u202e abc", "\x7f\x9f", "{{ x }} {% y %}"])
def test_front_matter_round_trips_through_yaml(value: str) -> None:
    text = front_matter(description=value)
    assert text.count("\n") == 3
    assert yaml.safe_load(text.split("---")[1])["description"] == value

