"""Broken statements: exact error lines, the same from every command, no traceback, nothing published lost.

Each tests/fixtures/fail/<case>/ is a complete statement folder with a one-line WHY and the exact
`python -m scripts check` output in expected.txt (run from the case folder, so paths read statement/…).
Every case runs through `check`, `render` and MkDocs' build in this process; a few (SMOKE) also as the
commands a person types, in a subprocess: the exit status and what reaches the terminal, traceback-free.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_project, mkdocs_build

CASES = sorted(p for p in (FIXTURES / "fail").iterdir() if p.is_dir())
# The cases run as subprocesses too: a YAML syntax error, a cross-file check, a translation check.
SMOKE = [c for c in CASES if c.name in ("yaml-syntax", "dangling-references", "translation-number-missing")]
LINE = re.compile(r"^[^:\n]+:\d+:\d+: \S.*$")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=120)


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def main_in_process(*args: str, cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Ran:
    """`python -m scripts ARGS` run in this process (scripts.cli.main), with what it printed."""
    from scripts.cli import main

    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return Ran(code, out, err)


def mkdocs_in_process(config: Path, site_dir: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> tuple[str, list[str]]:
    """`mkdocs build --strict` in this process, expected to abort: what the hook printed, and MkDocs' error lines."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    capsys.readouterr()
    cfg = load_config(config_file=str(config), strict=True, site_dir=str(site_dir))
    cfg.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    return capsys.readouterr().err, errors


def expected(case: Path) -> str:
    return (case / "expected.txt").read_text(encoding="utf-8")


def problem_lines(case: Path) -> list[str]:
    return expected(case).splitlines()[:-1]


def test_enough_cases_and_each_says_why() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        why = (case / "WHY").read_text(encoding="utf-8").strip()
        assert why and "\n" not in why, case.name
        assert (case / "statement").is_dir(), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_prints_the_exact_error_lines(case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _check_prints_the_exact_error_lines(case, main_in_process("--statement", "statement", "check", cwd=case, capsys=capsys, monkeypatch=monkeypatch))


@pytest.mark.build
@pytest.mark.parametrize("case", SMOKE, ids=[c.name for c in SMOKE])
def test_check_prints_the_exact_error_lines_as_a_command(case: Path) -> None:
    _check_prints_the_exact_error_lines(case, run("scripts", "--statement", "statement", "check", cwd=case))


def _check_prints_the_exact_error_lines(case: Path, done: Ran | subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr == expected(case)
    lines = done.stderr.splitlines()
    assert lines[-1].endswith("found in statement/; nothing was written.")
    assert all(LINE.match(line) for line in lines[:-1]), lines


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_render_prints_the_same_and_writes_nothing(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(case / "statement", tmp_path / "statement")
    _render_prints_the_same_and_writes_nothing(case, tmp_path, main_in_process("render", "out", cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch))


@pytest.mark.build
@pytest.mark.parametrize("case", SMOKE, ids=[c.name for c in SMOKE])
def test_render_prints_the_same_and_writes_nothing_as_a_command(case: Path, tmp_path: Path) -> None:
    shutil.copytree(case / "statement", tmp_path / "statement")
    _render_prints_the_same_and_writes_nothing(case, tmp_path, run("scripts", "render", "out", cwd=tmp_path))


def _render_prints_the_same_and_writes_nothing(case: Path, tmp_path: Path, done: Ran | subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr == expected(case)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_mkdocs_build_prints_the_same_lines(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    # MkDocs' own build in this process: the hook prints the problem lines, then MkDocs logs the summary as its
    # error and aborts (the command line turns that into a non-zero exit: test_mkdocs_build_prints_the_same_lines_as_a_command).
    config = make_project(tmp_path, case / "statement")
    monkeypatch.chdir(tmp_path)
    printed, errors = mkdocs_in_process(config, tmp_path / "site", capsys, caplog)
    out = printed.splitlines()
    lines = problem_lines(case)
    start = out.index(lines[0])
    assert out[start : start + len(lines)] == lines
    assert errors == [expected(case).splitlines()[-1]]
    assert not (tmp_path / "site").exists()


@pytest.mark.build
@pytest.mark.parametrize("case", SMOKE, ids=[c.name for c in SMOKE])
def test_mkdocs_build_prints_the_same_lines_as_a_command(case: Path, tmp_path: Path) -> None:
    config = make_project(tmp_path, case / "statement")
    done = mkdocs_build(tmp_path / "site", config=config, cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    out = done.stderr.splitlines()
    lines = problem_lines(case)
    # The problem lines come out exactly as `check` prints them, in the same order, without a log prefix.
    start = out.index(lines[0])
    assert out[start : start + len(lines)] == lines
    assert expected(case).splitlines()[-1] in done.stderr
    assert not (tmp_path / "site").exists()


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_failed_build_leaves_the_published_site_untouched(tmp_path: Path) -> None:
    # `make build` is `python -m scripts build-site site`: build beside it, swap in only on success.
    make_project(tmp_path, FIXTURES / "pass" / "minimal" / "statement")
    first = run("scripts", "build-site", "site", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = _tree(tmp_path / "site")
    assert "index.html" in before

    broken = FIXTURES / "fail" / "yaml-syntax" / "statement" / "sections" / "alpha.yaml"
    shutil.copy(broken, tmp_path / "statement" / "sections" / "alpha.yaml")
    second = run("scripts", "build-site", "site", cwd=tmp_path)
    assert second.returncode != 0
    assert "Traceback" not in second.stdout + second.stderr
    assert problem_lines(FIXTURES / "fail" / "yaml-syntax")[0] in second.stderr.splitlines()
    assert "was left as it was" in second.stderr
    assert _tree(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []  # no temporary folder left behind


def test_check_reports_problems_in_every_file_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # All problems are collected: break three files, get three lines and one exit.
    shutil.copytree(FIXTURES / "pass" / "minimal" / "statement", tmp_path / "statement")
    st = tmp_path / "statement"
    (st / "topics.yaml").write_text((st / "topics.yaml").read_text(encoding="utf-8").replace("label: Rain", "label: [Rain]"), encoding="utf-8")
    (st / "statement.yaml").write_text((st / "statement.yaml").read_text(encoding="utf-8").replace('"2024-01-09"', '"2024-02-30"'), encoding="utf-8")
    alpha = st / "sections" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("related: [open-ports]", "related: [open-port]"), encoding="utf-8")
    done = main_in_process("--statement", "statement", "check", cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "statement/sections/alpha.yaml:24:15: commitments[1].related[0]: unknown commitment ID 'open-port'",
        "statement/statement.yaml:3:1: date: '2024-02-30' is not a real date (expected a date in quotes, \"YYYY-MM-DD\")",
        "statement/topics.yaml:7:5: topics[1].label: expected text, got a list",
        "3 problems found in statement/; nothing was written.",
    ]


@pytest.mark.parametrize(("value", "says"), [
    ('"rai\\nn"', "unknown topic 'rai\\nn'"),  # a line break in a value is shown escaped
    ('"\\ud800"', "alpha.yaml:9:24: YAML syntax error: while parsing a quoted scalar (started at line 9, column 21)"),  # libyaml refuses a lone surrogate, located
])
def test_an_error_line_is_always_one_line(tmp_path: Path, value: str, says: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Values from the YAML end up in messages: a line break or lone surrogate in them must not split or crash the report.
    shutil.copytree(FIXTURES / "pass" / "minimal" / "statement", tmp_path / "statement")
    alpha = tmp_path / "statement" / "sections" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("topics: [ports]", f"topics: [ports, {value}]"), encoding="utf-8")
    done = main_in_process("--statement", "statement", "check", cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert says in done.stderr


def test_the_real_statement_passes_check(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    done = main_in_process("check", cwd=ROOT, capsys=capsys, monkeypatch=monkeypatch)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.parametrize("eol", [b"\r", b"\r\n", b"\n"])
def test_a_bad_byte_is_located_whatever_the_line_ends(tmp_path: Path, eol: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Old Mac files end lines with CR alone: the line number must still count them (it once said 1:348).
    shutil.copytree(FIXTURES / "pass" / "minimal" / "statement", tmp_path / "statement")
    path = tmp_path / "statement" / "statement.yaml"
    lines = path.read_bytes().replace(b"Lisbon", b"Lisb\xe9n").splitlines()
    path.write_bytes(eol.join(lines) + eol)
    line = next(n for n, text in enumerate(lines, 1) if b"\xe9" in text)
    done = main_in_process("--statement", "statement", "check", cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
    assert done.stderr.splitlines()[0] == f"statement/statement.yaml:{line}:12: byte 0xe9 is not valid UTF-8 (save the file as UTF-8)"
