"""The interface catalogs (scripts/locale/<lang>.po) as input an editor can get wrong (issue 19, items 2, 3
and 14): the same file rules as the YAML, every msgstr's placeholders against its msgid, and a translation
is text (only the markup its msgid has stays markup). Each case edits the catalog of a throw-away project copy
and runs the command line there (``python -m scripts`` imports that copy's scripts/)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import STATEMENT, make_project
from scripts.editions.localize import localize
from scripts.render import markdown
from scripts.render import messages as uimod
from scripts.render.pages import nav, render
from scripts.source.statement import load_statement

PO = "scripts/locale/ja.po"


def _project(tmp_path: Path) -> Path:
    make_project(tmp_path / "p")
    return tmp_path / "p"


def _cli(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "STATEMENT_STAGED")}
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=project, capture_output=True, text=True, timeout=timeout, env=env)


def _edit(project: Path, old: str, new: str) -> None:
    po = project / PO
    text = po.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    po.write_text(text.replace(old, new), encoding="utf-8")


def _line(project: Path, text: str) -> int:
    return next(i for i, line in enumerate((project / PO).read_text(encoding="utf-8").split("\n"), 1) if line == text)


def _errors(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    return [line for line in done.stderr.splitlines() if line.startswith(PO)]


# --- item 3: placeholders ----------------------------------------------------------------------------

@pytest.mark.build
def test_check_names_every_placeholder_typo_and_drop_with_file_and_line(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _edit(project, 'msgid "ID: {id}"\nmsgstr "ID: {id}"', 'msgid "ID: {id}"\nmsgstr "ID: {idx}"')
    _edit(project, 'msgid "Paragraph {n}"\nmsgstr "第{n}段落"', 'msgid "Paragraph {n}"\nmsgstr "第{0}段落"')
    _edit(project, 'msgstr[0] "{n}項目"', 'msgstr[0] "項目"')
    _edit(project, 'msgid "Our summary:"\nmsgstr "本サイトの要約："', 'msgid "Our summary:"\nmsgstr "要約 {"')
    lines = _errors(_cli(project, "check"))
    want = {
        _line(project, 'msgstr "ID: {idx}"'): "{idx}",
        _line(project, 'msgstr "第{0}段落"'): "{0}",
        _line(project, 'msgstr[0] "項目"'): "drops {n}",
        _line(project, 'msgstr "要約 {"'): "brace",
    }
    assert len(lines) == len(want), lines
    for line_no, word in want.items():
        assert any(x.startswith(f"{PO}:{line_no}:1: msgstr: ") and word in x for x in lines), (line_no, word, lines)


@pytest.mark.build
def test_a_placeholder_typo_never_reaches_the_build_as_a_traceback(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _edit(project, 'msgid "ID: {id}"\nmsgstr "ID: {id}"', 'msgid "ID: {id}"\nmsgstr "ID: {idx}"')
    _edit(project, 'msgid "Paragraph {n}"\nmsgstr "第{n}段落"', 'msgid "Paragraph {n}"\nmsgstr "第{0}段落"')
    done = _cli(project, "render", str(tmp_path / "out"), timeout=300)
    lines = _errors(done)
    assert any("{idx}" in x for x in lines) and any("{0}" in x for x in lines), done.stderr
    assert not (tmp_path / "out").exists()


def test_the_project_catalogs_pass_the_placeholder_check() -> None:
    for lang in ("ja", "ko"):
        assert uimod.problems(lang) == []  # type: ignore[arg-type]


# --- item 14: the catalog file ------------------------------------------------------------------------

def _folder(po: Path) -> None:
    po.unlink()
    po.mkdir()


def _not_utf8(po: Path) -> None:
    po.write_bytes(po.read_bytes().replace("本サイトの要約".encode(), b"\xff\xfe"))


def _fifo(po: Path) -> None:
    po.unlink()
    os.mkfifo(po)


def _outside(po: Path) -> None:
    away = po.parent.parent.parent.parent / "elsewhere.po"
    away.write_bytes(po.read_bytes())
    po.unlink()
    po.symlink_to(away)


def _too_big(po: Path) -> None:
    po.write_bytes(po.read_bytes() + b"# padding\n" * 120_000)


def _replace(old: str, new: str):  # type: ignore[no-untyped-def]
    def edit(po: Path) -> None:
        text = po.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        po.write_text(text.replace(old, new), encoding="utf-8")
    return edit


# (case, edit, what the one line says, the line it names)
FILE_CASES = [
    ("folder", _folder, "is a folder, not a file", 1),
    ("invalid-utf8", _not_utf8, "byte 0xff is not valid UTF-8", None),
    ("fifo", _fifo, "not a regular file", 1),
    ("symlink-outside", _outside, "outside the project", 1),
    ("too-big", _too_big, "the limit is 1,048,576", 1),
    ("garbage-line", _replace('msgid "Our summary:"\n', 'msgid "Our summary:"\nthis is not PO\n'), "not a valid PO line", None),
    ("unterminated-msgid", _replace('msgid "Our summary:"\n', 'msgid "Our summary:\n'), "not a complete quoted string", None),
    ("duplicate-msgid", _replace('msgid "Our summary:"\nmsgstr "本サイトの要約："\n',
                                 'msgid "Our summary:"\nmsgstr "本サイトの要約："\n\nmsgid "Our summary:"\nmsgstr "別の訳："\n'),
     "is a duplicate of the msgid at line", None),
    ("plural-formula-not-a-number", _replace("nplurals=1; plural=0;", "nplurals=x; plural=0;"), "Plural-Forms: ", "Plural-Forms"),
    ("plural-formula-code", _replace("nplurals=1; plural=0;", "nplurals=1; plural=__import__('os');"), "Plural-Forms: ", "Plural-Forms"),
]


@pytest.mark.build
@pytest.mark.parametrize(("case", "edit", "says", "line"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_a_damaged_catalog_file_is_one_clear_line(tmp_path: Path, case: str, edit: object, says: str, line: int | str | None) -> None:
    project = _project(tmp_path)
    po = project / PO
    text = po.read_text(encoding="utf-8")
    edit(po)  # type: ignore[operator]
    done = _cli(project, "check", timeout=60)  # a FIFO must not hang the check
    lines = _errors(done)
    assert len(lines) == 1 and says in lines[0], (case, done.stderr)
    if isinstance(line, str):  # the header line that holds it
        line = next(i for i, x in enumerate(text.split("\n"), 1) if line in x)
    if line is None:  # names the damaged line, not the top of the file
        first = text.split("\n").index('msgid "Our summary:"') + 1
        assert re.match(rf"{re.escape(PO)}:({first}|{first + 1}|{first + 3}):\d+: ", lines[0]), lines[0]
    else:
        assert lines[0].startswith(f"{PO}:{line}:1: "), lines[0]


@pytest.mark.build
def test_a_plural_index_that_is_not_a_number_is_named_not_a_traceback(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _edit(project, 'msgstr[0] "{n}項目"', 'msgstr[x] "{n}項目"')
    lines = _errors(_cli(project, "check"))
    at = _line(project, 'msgstr[x] "{n}項目"')
    assert any(x.startswith(f"{PO}:{at}:1: ") and "msgstr[0]" in x for x in lines), lines
    assert not any("Plural-Forms" in x for x in lines), lines


@pytest.mark.build
def test_a_missing_catalog_is_one_line_saying_so(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / PO).unlink()
    for args in (("check",), ("translations",)):
        done = _cli(project, *args)
        assert done.returncode != 0 and "Traceback" not in done.stderr + done.stdout, done
        lines = [x for x in (done.stdout + done.stderr).splitlines() if x.startswith(PO)]
        assert len(lines) == 1 and "file is missing" in lines[0], (args, lines[:3], len(lines))


# --- item 2: a translation is text ------------------------------------------------------------------

def test_a_translation_keeps_only_the_markup_its_msgid_has() -> None:
    msg = markdown.message
    assert msg("Our summary:", "要約：<img src=x onerror=alert(1)>") == "要約：&lt;img src&#61;x onerror&#61;alert(1)&gt;"
    assert msg("**ID:** {id}", "**ID:** {id} *x* [a](javascript:1) `c` {: .x }") == (
        "**ID&#58;** {id} &#42;x&#42; &#91;a&#93;(javascript&#58;1) &#96;c&#96; &#123;&#58; .x &#125;")
    assert msg("see [Read it all]({link})", "[全文]({link})を参照") == "[全文]({link})を参照"  # the msgid's link stays a link
    assert msg("see [Read it all]({link})", "[a]({link}) [b]({link})") == "[a]({link}) &#91;b&#93;(&#123;link&#125;)"  # a second link is text
    assert msg("Paragraph {n}", "1. 第{n}段落") == "1&#46; 第{n}段落"  # never a list
    assert msg("A <b>b</b>", "<b>ア</b><i>イ</i>") == "<b>ア</b>&lt;i&gt;イ&lt;/i&gt;"
    assert msg("&amp;", "&lt;") == "&amp;lt;"  # an entity in a translation is shown as typed


HOSTILE = '要約：<img src=x onerror="window.__ran=(window.__ran||0)+1"> **b** [l](javascript:alert(1)) &lt;'


@pytest.mark.browser
def test_a_hostile_translation_is_shown_literally_and_runs_nothing(tmp_path: Path, page: object) -> None:
    from conftest import serve

    project = _project(tmp_path)
    escaped = HOSTILE.replace('"', '\\"')
    _edit(project, 'msgid "Our summary:"\nmsgstr "本サイトの要約："', f'msgid "Our summary:"\nmsgstr "{escaped}"')
    # In the raw HTML of the Copy link button and the Cite block too.
    _edit(project, 'msgid "Copy link"\nmsgstr "リンクをコピー"', f'msgid "Copy link"\nmsgstr "{escaped}"')
    _edit(project, 'msgid "Cite"\nmsgstr "引用"', f'msgid "Cite"\nmsgstr "{escaped}"')
    out = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={k: v for k, v in os.environ.items() if k not in ("SITE_URL", "STATEMENT_STAGED")})
    assert done.returncode == 0, done.stderr
    with serve(out) as url:
        page.goto(f"{url}/ja/sections/security/")  # type: ignore[attr-defined]
        labels = page.locator(".commitment-summary .label")  # type: ignore[attr-defined]
        assert labels.count() >= 2
        texts = labels.evaluate_all("els => els.map(e => e.textContent)")  # the label is shown in capitals (CSS)
        assert texts and all(t == HOSTILE for t in texts), texts
        assert page.locator(".commitment-summary img, .commitment-summary strong, .commitment-summary a").count() == 0  # type: ignore[attr-defined]
        assert page.locator("button.copy-link").first.text_content() == HOSTILE  # type: ignore[attr-defined]
        assert page.locator("details.cite summary").first.text_content() == HOSTILE  # type: ignore[attr-defined]
        assert page.locator("a[href^='javascript'], img[src=x], article img").count() == 0  # type: ignore[attr-defined]
        assert page.evaluate("window.__ran") is None  # type: ignore[attr-defined]


# Markup and Markdown an editor might paste into a translation; any text besides.
_PIECES = st.sampled_from(["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[x](javascript:alert(1))", "**", "*", "_", "`",
                           "{: .x onclick=alert(1) }", "&lt;", "&#60;", "\\", "<", ">", "&", "|", "#", "1. ", "- ", "> ", "    ", ":x:", "==", "~~"])
_MSGSTR = st.lists(_PIECES | st.text(max_size=4), max_size=8).map("".join)


@settings(max_examples=20, deadline=None)
@given(noise=_MSGSTR)
def test_whatever_a_translation_holds_the_pages_hold_no_markup_it_brought(tmp_path_factory: pytest.TempPathFactory, noise: str) -> None:
    # Every msgstr of ja.po gets the same noise around its own placeholders and markup: the rendered Japanese
    # Markdown holds no tag, link or handler the noise brought (noise with braces fails the placeholder check).
    root = tmp_path_factory.mktemp("locale")
    (root / "scripts" / "locale").mkdir(parents=True)
    with uimod.catalog_path("ja").open("rb") as f:
        cat = read_po(f, locale="ja")
    for m in cat:
        if m.id:
            m.string = tuple(f"{noise}{x}{noise}" for x in m.string) if isinstance(m.string, tuple) else f"{noise}{m.string}{noise}"
    with (root / "scripts" / "locale" / "ja.po").open("wb") as f:
        write_po(f, cat, width=0)
    old = uimod.LOCALE_DIR
    uimod.LOCALE_DIR = root / "scripts" / "locale"
    try:
        ui = uimod.load("ja")
        assert all(p.field == "msgstr" for p in ui.problems), ui.problems  # only braces in the noise: those messages left out
        english = load_statement(STATEMENT)
        pages = render(localize(english, "ja"), None, ui=ui, english=english, root="../")
        nav(localize(english, "ja"), ui)
    finally:
        uimod.LOCALE_DIR = old
    for path, text in pages.items():
        text = text.split("\n---\n", 1)[-1]  # the front matter is data: JSON strings the templates escape
        for bad in ("<img", "<script", "{: .x"):  # as text (&lt;img … onerror=…) it is harmless
            assert bad not in text, (path, bad)
        # Markdown lines: no link the noise brought. (Raw HTML blocks, the Cite block and the Copy link button,
        # are not Markdown: there "[x](…)" is text, as the browser test checks in Chromium.)
        for line in text.split("\n"):
            assert line.startswith("<") or "](javascript:" not in line, (path, line)
