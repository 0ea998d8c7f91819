"""Random damage to the real statement never produces a traceback: a clean error list, or a site that renders.

And hostile text in every field, navigation labels included, goes through a real `mkdocs build` and shows
literally on every page (parsed as a browser parses it), or is refused with one clean line naming the field.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, STATEMENT, make_project, mkdocs_build
from scripts.render.pages import nav, render
from scripts.source import schema as load
from scripts.source import translations
from scripts.source.problems import ContentError, field_path
from scripts.source.statement import load_statement

FILES = sorted(p.relative_to(STATEMENT).as_posix() for p in STATEMENT.rglob("*.yaml"))
LINE = re.compile(r"^[^:\n]+:\d+:\d+: \S[^\n]*$")
EXAMPLES = 200

# Values of the wrong kind, and text an editor might paste.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10**12), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["NO", "on", "2025-04-03", "2025-13-45", "1.0", "<b>x</b>", "&amp;", "--8<-- \"/etc/passwd\"", "", " ", "US", "nato"]),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.sampled_from(["id", "title", "x"]), scalars, max_size=2))


def _paths(data: Any, key: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [key]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*key, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*key, i))
    return out


def _get(data: Any, key: tuple[Any, ...]) -> Any:
    for k in key:
        data = data[k]
    return data


def _set(data: Any, key: tuple[Any, ...], value: Any) -> Any:
    if not key:
        return value
    _get(data, key[:-1])[key[-1]] = value
    return data


@st.composite
def damage(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the statement, damaged in one of several ways; returns (file, new bytes)."""
    name = draw(st.sampled_from(FILES))
    text = (STATEMENT / name).read_text(encoding="utf-8")
    how = draw(st.sampled_from(["delete", "retype", "swap", "unicode", "raw-text", "raw-bytes"]))
    if how in ("raw-text", "raw-bytes"):
        at = draw(st.integers(0, len(text)))
        raw = text.encode("utf-8")
        if how == "raw-bytes":
            return name, raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
        return name, (text[:at] + draw(st.text(min_size=1, max_size=8)) + text[at:]).encode("utf-8")
    data = yaml.safe_load(text)
    paths = _paths(data)[1:]
    key = draw(st.sampled_from(paths))
    if how == "delete":
        parent = _get(data, key[:-1])
        del parent[key[-1]]
    elif how == "retype":
        data = _set(data, key, draw(values))
    elif how == "swap":
        other = draw(st.sampled_from(paths))
        a, b = _get(data, key), _get(data, other)
        if not (key[: len(other)] == other or other[: len(key)] == key):  # not an ancestor of the other
            data = _set(data, key, b)
            data = _set(data, other, a)
    else:
        old = _get(data, key)
        data = _set(data, key, f"{old}{draw(st.text(min_size=1, max_size=20))}" if isinstance(old, str) else draw(st.text(max_size=20)))
    return name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _loaded(root: Path, name: str) -> bool:
    sources, _ = load.read_sources(root)
    if name.startswith("sections/"):
        return sources.sections.get(Path(name).stem) is not None
    if name.startswith("translations/"):
        return translations.read(root)[0].get(Path(name).stem) is not None
    return getattr(sources, name.removesuffix(".yaml").replace("-", "_")) is not None


@pytest.mark.build
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage())
def test_damaged_statement_gives_clean_errors_or_a_valid_site(change: tuple[str, bytes]) -> None:
    name, content = change
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "statement"
        shutil.copytree(STATEMENT, root)
        (root / name).write_bytes(content)
        try:
            statement = load_statement(root)
        except ContentError as e:
            lines = e.report().splitlines()
            assert len(lines) == len(e.problems) + 1 and e.problems
            for line in lines[:-1]:
                assert LINE.match(line), line
            # The rest of the statement is valid: when the damaged file did not load at all, every problem is in it
            # (a link to an ID it held, or an abbreviation only it used, is not a problem of another file).
            if not _loaded(root, name):
                assert {p.path for p in e.problems} == {load.display(root / name)}, e.report()
            return
        pages = render(statement)
        assert nav(statement) and pages
        assert all(isinstance(text, str) and text for text in pages.values())


# --- Hostile text in every field, through a real `mkdocs build`, checked in the parsed DOM ---------------
#
# Every free-text field of a small statement gets a hostile text followed by its own marker "⟦n⟧". Build k
# gives field n the text HOSTILE[(n + k) % len(HOSTILE)], so the builds together put every text into every
# field (navigation labels included) with one build per text, not one per pair. The built pages are parsed
# as a browser parses them (html5lib, the WHATWG algorithm), and wherever a marker shows (text or
# attribute), the text around it must be the source text, character for character (spaces aside).

# Each text aims at a different stage between the YAML and the reader's screen.
HOSTILE = [
    "The </1 meeting",                              # HTML tokenizer: "</" + digit opens a bogus comment
    "a &lt b &amp c &#60 d",                        # legacy character references without a semicolon
    "*emphasis* __strong__ `code` ~~gone~~",        # Markdown inline markup
    "[click](javascript:alert(1)) ![i](x.png)",     # Markdown links and images
    '{: onclick="alert(1)" } { #evil .cls }',       # attr_list
    "{{ config.site_name }} {% if x %}y{% endif %}",  # Jinja, should a template ever render the text
    '--8<-- "mkdocs.yml"',                          # pymdownx.snippets
    "*[NATO]: not the expansion",                   # abbr definitions
    "| a | b |\n| --- | --- |",                     # table pipes and a line break
    "# heading",                                    # a heading at the start of a block
    "1. list item",                                 # an ordered list at the start of a block
    "> quoted - item + item",                       # a block quote at the start of a block
    "first\n\nsecond",                              # a paragraph break (inline() must fold it)
    "line\u2028separator\x85next",                  # the other characters Markdown or YAML break lines at
    "He said \"no\" and 'yes'",                     # attribute quoting (descriptions, aria-labels)
    "key: value\n---\ntitle: x",                    # front matter and YAML syntax
    "back\\slash \\*not\\* C:\\path",               # Markdown backslash escapes
    "a < b > c <3 <= 4",                            # loose angle brackets
    "日本語 한국어 \u202eevil\u202c \u200bzero",     # scripts, bidi override, zero-width space
    "https://example.com/a_b_c www.example.com",    # URLs and underscores
    "   four spaces make code",                     # indented code
    "$x$ ^sup^ ==mark== :smile: ++kbd++",           # other extensions' syntax
    "%E0%A4%A #%20 ?q=1&x=2",                       # percent-encoding and fragments
    "café ﬁ Ⅸ ＡＢＣ",                                # compatibility characters (NFKC folding, slugs)
]
# Texts the validator must refuse: the build fails with one clean line naming the field.
REFUSED = [
    ("<b>bold</b>", "contains HTML markup"),
    ("&amp; and &lt;", "contains the HTML character reference"),
    ("<!-- hidden -->", "contains HTML markup"),
    ("bell \x07", "contains the invisible or invalid character"),
    ("   ", "is blank"),
]
TEXT_FIELDS = {"title", "short_title", "place", "occasion", "overview", "provenance", "name", "office", "label",
               "description", "summary", "covers", "text", "expansion", "aliases"}
MARK = re.compile(r"⟦(\d+)⟧")
BASE = FIXTURES / "pass" / "minimal" / "statement"
GLOSSARY = "abbreviations:\n  - abbr: US\n    expansion: United States\n    party: US\n"


def _base() -> dict[str, Any]:
    files = {p.relative_to(BASE).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(BASE.rglob("*.yaml"))}
    files["glossary.yaml"] = yaml.safe_load(GLOSSARY)
    return files


def _fields(files: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """Every free-text field: (file, key). A commitment's aliases and quotes are IDs and register text, not free text."""
    out = []
    for name, data in files.items():
        for key in _paths(data):
            words = [k for k in key if isinstance(k, str)]
            if words and words[-1] in TEXT_FIELDS and isinstance(_get(data, key), str) and not (words[0] == "commitments" and words[-1] == "aliases"):
                out.append((name, key))
    return out


def _is_nav(name: str, key: tuple[Any, ...]) -> bool:
    words = tuple(k for k in key if isinstance(k, str))
    return (name.startswith("sections/") and words == ("title",)) or words in (("topics", "label"), ("parties", "name"))


def _write(files: dict[str, Any], root: Path) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _assign(files: dict[str, Any], name: str, key: tuple[Any, ...], value: str) -> None:
    old = _get(files[name], key)
    _set(files[name], key, value)
    if name == "source.yaml":  # a register quote: the commitments quoting it quote the new words
        for other, data in files.items():
            if other.startswith("sections/"):
                for c in data["commitments"]:
                    c["quotes"] = [value if q == old else q for q in c["quotes"]]


def _norm(text: str) -> str:
    return " ".join(text.split())


_BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "dd", "dt", "title", "blockquote", "label", "a", "summary"}


def _check_dom(html: str, expected: dict[int, str], where: str, seen: set[int]) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html5lib")
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"{where}: an id is used twice: {sorted({i for i in ids if ids.count(i) > 1})}"
    for node in soup.find_all(string=MARK):
        for m in MARK.finditer(node):
            n = int(m.group(1))
            seen.add(n)
            el = node.parent
            while el is not None and el.name not in _BLOCKS:
                el = el.parent
            shown = _norm((el or node.parent).get_text())
            want = _norm(expected[n])
            if node.find_parent(class_="citation"):  # a citation style title-cases the statement's title: case aside, the same text
                shown, want = shown.casefold(), want.casefold()
            assert want in shown, f"{where}: field {n} shows as {shown[:200]!r}, not as the text {expected[n]!r}"
    for el in soup.find_all(True):
        for attr, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not attr.lower().startswith("on"), f"{where}: <{el.name} {attr}>"
            for m in MARK.finditer(value):
                n = int(m.group(1))
                seen.add(n)
                assert _norm(expected[n]) in _norm(value), f"{where}: <{el.name} {attr}={value[:200]!r}> is not the text {expected[n]!r}"


def _built(tmp: Path, files: dict[str, Any]) -> tuple[subprocess.CompletedProcess[str], Path]:
    config = make_project(tmp, BASE)
    shutil.rmtree(tmp / "statement")
    _write(files, tmp / "statement")
    done = mkdocs_build(tmp / "site", config=config, cwd=tmp)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done, tmp / "site"


def test_every_field_and_every_text_is_covered() -> None:
    fields = _fields(_base())
    assert len(fields) >= 20
    assert {(n.split("/")[0].removesuffix(".yaml"), [k for k in key if isinstance(k, str)][-1]) for n, key in fields if _is_nav(n, key)} >= {
        ("sections", "title"), ("topics", "label"), ("statement", "name")}
    assert len(set(HOSTILE)) == len(HOSTILE)


@pytest.mark.build
@pytest.mark.parametrize("k", range(len(HOSTILE)))
def test_hostile_text_in_every_field_is_shown_literally_after_mkdocs_build(k: int, tmp_path: Path) -> None:
    files = _base()
    fields = _fields(files)
    expected: dict[int, str] = {}
    for n, (name, key) in enumerate(fields):
        expected[n] = f"{HOSTILE[(n + k) % len(HOSTILE)]} ⟦{n}⟧"
        _assign(files, name, key, expected[n])
    done, site = _built(tmp_path, files)
    assert done.returncode == 0, done.stderr
    seen: set[int] = set()
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        _check_dom(page.read_text(encoding="utf-8"), expected, page.relative_to(site).as_posix(), seen)
    assert seen == set(expected), f"never shown: {[fields[n] for n in sorted(set(expected) - seen)]}"
    # The search index: Material shows each entry's title and text as HTML.
    for entry in json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]:
        for part in ("title", "text"):
            _check_dom(f"<p>{entry[part]}</p>", expected, f"search index {entry['location']} {part}", set())
    # Navigation labels: literally in the navigation of the home page, and in the header of their own page.
    from bs4 import BeautifulSoup

    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html5lib")
    nav = _norm(" ".join(a.get_text() for a in home.select("nav.md-nav--primary a.md-nav__link")))
    for n, (name, key) in enumerate(fields):
        if _is_nav(name, key):
            assert _norm(expected[n]) in nav, f"navigation label {expected[n]!r} not shown literally in {nav[:300]!r}"


@pytest.mark.build
@pytest.mark.parametrize(("text", "says"), REFUSED, ids=[r[1].split()[-1] + str(i) for i, r in enumerate(REFUSED)])
def test_refused_text_fails_the_build_cleanly_naming_the_field(text: str, says: str, tmp_path: Path) -> None:
    files = _base()
    fields = _fields(files)
    name, key = fields[(REFUSED.index((text, says)) * 7) % len(fields)]
    _assign(files, name, key, text)
    done, site = _built(tmp_path, files)
    assert done.returncode != 0
    wanted = f"statement/{name}:"
    lines = [line for line in done.stderr.splitlines() if LINE.match(line) and line.startswith(wanted)]
    assert any(f": {field_path(key)}: {says}" in line for line in lines), done.stderr
    assert not site.exists()
