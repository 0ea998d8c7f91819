"""Hardening, second round (issue 19): what the Japanese and Korean editions added to the surface.

The file-level cases (control characters, markup and blank text in a translation, limits, names the site
makes files and anchors of) are fixtures under tests/fixtures/fail/; these are the ones that need code.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, STATEMENT
from scripts.publish import sitesource
from scripts.render import cards, pages
from scripts.source import checks, files, translations
from scripts.source.problems import MAX_LINES_PER_FILE, ContentError
from scripts.source.statement import load_statement

TRANSLATED = FIXTURES / "pass" / "translated" / "statement"


def _problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_statement(root)
    return e.value.report().splitlines()


# --- item 4: the number check is one pass over each text, and a file's report is capped -----------------

def _has_number(text: str, number: str) -> bool:
    # The check as it was (one search per number): kept here as the specification of what "has the number" means.
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", text) is not None


@given(st.text(alphabet="0123456789.,  a年", max_size=30), st.from_regex(r"\d{1,4}([.,]\d{1,3})?", fullmatch=True))
def test_the_numbers_of_a_text_are_the_ones_a_search_finds(text: str, number: str) -> None:
    assert (number in translations.numbers(text)) == _has_number(text, number)


def test_a_translation_missing_thousands_of_numbers_is_reported_in_a_hundred_lines(tmp_path: Path) -> None:
    root = tmp_path / "statement"
    shutil.copytree(TRANSLATED, root)
    # 1,600 distinct numbers (8,000 characters) the Japanese does not have, in the fixture's own sentence.
    overview = "On 9 January 2024 the U.S. and Japan agreed on 2 things, " + " ".join(str(n) for n in range(1000, 2600)) + "."
    statement = root / "statement.yaml"
    data = statement.read_text(encoding="utf-8")
    old = yaml.safe_load(data)["overview"]
    statement.write_text(data.replace(old.strip(), overview), encoding="utf-8")
    ja = root / "translations" / "ja.yaml"
    doc = yaml.safe_load(ja.read_text(encoding="utf-8"))
    text = doc["texts"]["statement.overview"]
    ja.write_text(ja.read_text(encoding="utf-8").replace(text["fingerprint"], translations.fingerprint(overview), 1), encoding="utf-8")
    lines = _problems(root)
    ja_lines = [line for line in lines if line.split(":")[0].endswith("translations/ja.yaml")]
    assert len(ja_lines) == MAX_LINES_PER_FILE + 1
    # 1,599 numbers missing (the Japanese has 2024), 100 shown; the count is of every problem (ko.yaml is stale).
    assert ja_lines[-1].endswith("ja.yaml:19:5: and 1499 more problems in this file from here on, not shown (fix those above and check again)")
    assert lines[-1] == "1600 problems found in statement/; nothing was written."


# --- item 5: the English text rules hold for every language --------------------------------------------

@pytest.mark.parametrize("text", ["\u200b\u2060", "\u3000 ", "\ufeff", " \u2028 "])
def test_a_text_of_invisible_characters_only_is_blank(text: str) -> None:
    assert checks.text_problem(text) == "is blank or invisible (expected text)"


@pytest.mark.parametrize("text", ["北朝鮮\u200bの", "👩\u200d👩\u200d👧", "Korea\u00ad"])
def test_format_characters_inside_visible_text_are_allowed(text: str) -> None:
    assert checks.text_problem(text) is None


# --- item 8: a translation is held to the limit of its English -----------------------------------------

def test_every_translatable_text_has_the_limit_of_its_english_field() -> None:
    english = translations.english_texts(load_statement(STATEMENT))
    limits = {key: translations.length_limit(key) for key in english}
    assert None not in limits.values()
    assert {limits[k] for k in english if k.endswith((".title", ".label", ".name", ".office"))} == {200}
    assert {limits[k] for k in english if k.endswith(".summary") and k.startswith(("points.", "sections."))} == {10000}
    assert {limits[k] for k in english if k.startswith("quotes.")} == {2000}
    assert {limits[k] for k in english if k.startswith("glossary.")} == {500}


# --- items 7 and 11: names the site makes files and anchors of -------------------------------------------

def test_the_names_points_may_not_take_are_the_ones_the_site_makes() -> None:
    # The other pages' card, and the paragraph anchors of Read it all (and the Source page).
    assert checks.TAKEN_BY_POINTS.fullmatch(Path(cards.SITE_CARD).stem)
    st_ = load_statement(STATEMENT)
    made = pages.render(st_)
    ids = {c.id for c in st_.commitments}
    for page, text in made.items():
        anchors = set(re.findall(r"\{ #([a-z0-9-]+) \}", text))
        if anchors & ids:  # a page where points have their anchors: every other anchor it makes is taken
            assert all(checks.TAKEN_BY_POINTS.fullmatch(a) for a in anchors - ids), (page, anchors - ids)
    assert set(re.findall(r"\{ #([a-z0-9-]+) \}", made[pages.READ])) - ids


# --- item 12: over the section-file limit, one line ---------------------------------------------------

def test_too_many_section_files_is_one_line_and_nothing_that_follows_from_it(tmp_path: Path) -> None:
    root = tmp_path / "statement"
    shutil.copytree(STATEMENT, root)
    first = sorted((root / "sections").glob("*.yaml"))[0]
    for i in range(files.MAX_SECTION_FILES):
        shutil.copy(first, root / "sections" / f"extra-{i:03d}.yaml")
    lines = _problems(root)
    assert len(lines) == 2, lines
    assert "section files; the limit is 100" in lines[0]


# --- item 15: a file that cannot be written is one line, not a traceback --------------------------------

@pytest.fixture
def as_user(tmp_path: Path) -> Iterator[Path]:
    """A copy of the statement that another user may read but not write (root writes through file modes)."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is needed to run as another user")
    tmp_path.chmod(0o755)
    for parent in tmp_path.parents:  # pytest's folders are private to their owner
        if parent.stat().st_uid == os.geteuid() and parent != Path("/") and str(parent).startswith(tempfile.gettempdir()):
            parent.chmod(parent.stat().st_mode | 0o755)
    shutil.copytree(STATEMENT, tmp_path / "statement")
    for path in [tmp_path / "statement", *(tmp_path / "statement").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return tmp_path


def _cli_as_user(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "scripts", *args]
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.build
def test_stamping_a_translation_that_cannot_be_written_is_one_line(as_user: Path) -> None:
    before = (as_user / "statement" / "translations" / "ja.yaml").read_bytes()
    done = _cli_as_user("translations", "--stamp", "ja", "statement.title", cwd=as_user)
    assert (done.returncode, "Traceback" in done.stderr) == (2, False), done.stderr
    assert re.fullmatch(r"error: statement/translations/ja\.yaml: cannot write \(Permission denied\); nothing was written\n", done.stderr)
    assert (as_user / "statement" / "translations" / "ja.yaml").read_bytes() == before


@pytest.mark.build
def test_publishing_ids_into_a_register_that_cannot_be_written_is_one_line(as_user: Path) -> None:
    register = as_user / "statement" / "published-ids.txt"
    before = register.read_bytes()
    register.write_text("\n".join(before.decode().splitlines()[:-1]) + "\n", encoding="utf-8")  # one ID to register
    done = _cli_as_user("publish-ids", cwd=as_user)
    assert (done.returncode, "Traceback" in done.stderr) == (2, False), done.stderr
    assert re.fullmatch(r"error: statement/published-ids\.txt: cannot write \(Permission denied\); nothing was registered\n", done.stderr)


# --- item 9: an English card that would draw an empty box says so -------------------------------------

def test_the_shipped_coverage_of_dejavu_sans_is_the_fonts_own() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import font_coverage
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert cards.DEJAVU_COVERAGE.read_bytes() == font_coverage.coverage()


@pytest.mark.parametrize(("title", "missing"), [("Ports 🙂 open", "🙂"), ("Taiwan 台湾 and 한국", "台湾한국"), ("Café – “ports” ₩", "")])
def test_an_english_card_names_the_characters_it_cannot_draw(title: str, missing: str) -> None:
    st_ = load_statement(STATEMENT)
    c = st_.commitments[0]
    card = cards.cards(st_)[cards.card_path(c)]
    card = cards.Card(card.kicker, title, card.detail, card.footer)
    assert cards.missing_characters(card) == "".join(sorted(missing))


def test_the_real_cards_draw_every_character(tmp_path: Path) -> None:
    drawn = cards.render(load_statement(STATEMENT), tmp_path)
    assert [f.message() for f in drawn.fallbacks] == []


def test_the_build_warns_of_an_english_card_with_empty_boxes(tmp_path: Path, pdf_stub: None) -> None:
    root = tmp_path / "statement"
    shutil.copytree(FIXTURES / "pass" / "minimal" / "statement", root)
    section = root / "sections" / "alpha.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("title: Open ports", "title: Open ports 🙂"), encoding="utf-8")
    notes: list[str] = []
    made = sitesource.generated(load_statement(root), None, cards_cache=tmp_path / "cards", warn=notes.append)
    assert "assets/cards/open-ports.png" in made
    assert notes == ["assets/cards/open-ports.png: the link-preview card for point open-ports draws 🙂 (U+1F642) as empty boxes: "
                     "DejaVu Sans has no glyph for them (the page shows the text as written; write the title without them for a clean card)",
                     "data/statement.en.pdf: the en PDF draws 🙂 (U+1F642) without a font shipped in scripts/fonts/: DejaVu Sans has no glyph for them"]


# --- item 10: a navigation label reads as text in the footer, whichever way the site is built ----------

@pytest.mark.build
def test_a_navigation_label_reads_as_text_in_the_footer_of_every_build(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from conftest import make_project, mkdocs_build, quiet_env

    root = tmp_path / "statement"
    shutil.copytree(FIXTURES / "pass" / "minimal" / "statement", root)
    section = root / "sections" / "alpha.yaml"
    title = "Korea's & Japan's \"security\" < 2"
    section.write_text(section.read_text(encoding="utf-8").replace("title: Alpha", f"title: {json.dumps(title)}", 1), encoding="utf-8")
    project = tmp_path / "project"
    config = make_project(project, root)
    assert mkdocs_build(tmp_path / "hooked", config=config, cwd=project).returncode == 0
    env = {**quiet_env(), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "scripts", "render", str(tmp_path / "src")], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "src" / "mkdocs.yml"), "-d", str(tmp_path / "rendered")],
                          cwd=tmp_path / "src", env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for site in ("hooked", "rendered"):
        labels = {a["aria-label"] for page in (tmp_path / site).rglob("*.html")
                  for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("a.md-footer__link")}
        assert {f"Next: {title}", f"Previous: {title}"} <= labels, (site, sorted(labels))
        assert not [label for label in labels if re.search(r"&(#\d+|amp|lt|gt|quot);", label)], site


# --- item 16: a signal during the final swap is reported as what happened ----------------------------

def _swap_then_signal(monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    """The swap as it is, with ``signum`` arriving in the middle of it (blocked there, as in a real build)."""
    from scripts.publish import output

    swap = output._swap

    def swapping(new: Path, out: Path) -> Path:
        signal.pthread_kill(threading.get_ident(), signum)  # blocked here: pending until the swap and the clean-up are done
        return swap(new, out)

    monkeypatch.setattr(output, "_swap", swapping)


@pytest.fixture
def terminal_signals() -> Iterator[None]:
    """SIGTERM, SIGHUP and Ctrl-C handled as in a command typed in a terminal, for the test; restored after."""
    originals = {n: signal.signal(n, signal.default_int_handler if n == signal.SIGINT else signal.SIG_DFL)
                 for n in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    try:
        yield
    finally:
        for n, handler in originals.items():
            signal.signal(n, handler)  # type: ignore[arg-type]


# nohup, or a script's background job: the command was started to ignore SIGHUP or Ctrl-C, and it does, while
# it builds and in the middle of its swap (it used to trap them anyway, and stop).
@pytest.mark.parametrize("when", ["build", "swap"])
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGINT])
def test_a_signal_the_command_was_started_to_ignore_stays_ignored(signum: int, when: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch, terminal_signals: None) -> None:
    from scripts.publish import output

    out = tmp_path / "site"
    signal.signal(signum, signal.SIG_IGN)
    if when == "swap":
        _swap_then_signal(monkeypatch, signum)

    def build(tmp: Path) -> bool:
        if when == "build":
            signal.pthread_kill(threading.get_ident(), signum)
        return (tmp / "a.txt").write_text("new") > 0

    assert output.replace(out, build)
    assert (out / "a.txt").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert signal.getsignal(signum) == signal.SIG_IGN


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_the_swap_says_the_new_output_is_in_place(signum: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  terminal_signals: None) -> None:
    # The handlers as in a terminal: under nohup, or as a background job of a script, SIGHUP and Ctrl-C come
    # ignored, and a run started so once failed here (they now stay ignored: the test above).
    from scripts.publish import output

    out = tmp_path / "site"
    assert output.replace(out, lambda tmp: (tmp / "a.txt").write_text("old") > 0)
    handler = signal.getsignal(signum)
    _swap_then_signal(monkeypatch, signum)
    with pytest.raises(output.Interrupted) as e:
        output.replace(out, lambda tmp: (tmp / "a.txt").write_text("new") > 0)
    assert e.value.replaced and e.value.signum == signum
    assert (out / "a.txt").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or replaced folder, no lock
    assert e.value.report(out) == f"stopped by {signal.Signals(signum).name} just after the new build was swapped in: {out} is the new site, complete"
    assert signal.getsignal(signum) == handler  # the handlers are back


def test_render_stopped_during_its_swap_says_so_and_exits_with_the_signal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str], pdf_stub: None) -> None:
    from scripts import cli

    _swap_then_signal(monkeypatch, signal.SIGTERM)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743638400")  # the content date without asking git
    code = cli.main(["render", str(tmp_path / "out")])
    assert code == 128 + signal.SIGTERM
    assert capsys.readouterr().err.splitlines()[-1] == f"stopped by SIGTERM just after the new build was swapped in: {tmp_path / 'out'} is the new site, complete"
    assert (tmp_path / "out" / "mkdocs.yml").is_file()


def test_build_site_says_the_site_was_replaced_when_the_build_swapped_it_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    # The command line's own process gets the signal while MkDocs, in its child, is finishing the swap.
    from scripts import cli
    from scripts.publish import output

    out = tmp_path / "site"
    assert output.replace(out, lambda tmp: (tmp / "a.txt").write_text("old") > 0)

    class Child:
        def wait(self, timeout: float | None = None) -> int:
            if timeout is None:  # the build swaps its site in, then the signal reaches this process
                output.replace(out, lambda tmp: (tmp / "a.txt").write_text("new") > 0)
                raise output.Interrupted(signal.SIGTERM)
            return -signal.SIGTERM

        def terminate(self) -> None:
            pass

    monkeypatch.setattr(cli, "subprocess", types.SimpleNamespace(Popen=lambda *a, **k: Child(), TimeoutExpired=subprocess.TimeoutExpired))
    monkeypatch.chdir(ROOT)
    assert cli.main(["build-site", str(out)]) == 128 + signal.SIGTERM
    assert capsys.readouterr().err.splitlines()[-1].startswith("stopped by SIGTERM just after the new build was swapped in")
