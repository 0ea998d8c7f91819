"""What statement/ may hold: file shapes, the published-ID register, and the documented limits — all clean errors.

Each case changes one thing in a copy of the minimal statement and runs `python -m scripts check` (and,
where the issue saw a traceback or a hang in the build, `mkdocs build`): the exact located line, exit 1,
no traceback, and never a hang (every run has a timeout).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_project, mkdocs_build
from scripts.source import checks as validate
from scripts.source import files as srcfiles
from scripts.source.published import PUBLISHED, publish_ids, read_published

MINIMAL = FIXTURES / "pass" / "minimal" / "statement"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
IDS = "# published\nopen-ports\nrain-support\n"


def check(project: Path, *, as_other_user: bool = False) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "scripts", "check"]
    if as_other_user and os.geteuid() == 0:  # root reads a mode-000 file; a user does not
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return subprocess.run(cmd, cwd=project, env=ENV, capture_output=True, text=True, timeout=60)


def problems(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    return done.stderr.splitlines()[:-1]


@pytest.fixture
def project() -> Iterator[Path]:
    # World-readable, so the same project can be checked as another user (for the mode-000 cases).
    tmp = Path(tempfile.mkdtemp(prefix="sources-"))
    os.chmod(tmp, 0o755)
    shutil.copytree(MINIMAL, tmp / "project" / "statement")
    (tmp / "project" / "statement" / PUBLISHED).write_text(IDS, encoding="utf-8")
    try:
        yield tmp / "project"
    finally:
        for p in tmp.rglob("*"):
            if not p.is_symlink():
                os.chmod(p, 0o755)
        shutil.rmtree(tmp)


@pytest.mark.build
def test_the_minimal_statement_with_its_register_passes(project: Path) -> None:
    done = check(project)
    assert done.returncode == 0, done.stderr


# --- published-ids.txt (issue 12, item 12): never a traceback, never silently switched off ------------------

REGISTER = "statement/published-ids.txt"


def _bad_byte(p: Path) -> None:
    p.write_bytes(b"# published\nopen-ports\nrain-supp\xe9rt\n")


def _folder(p: Path) -> None:
    p.unlink()
    p.mkdir()


def _dangling(p: Path) -> None:
    p.unlink()
    p.symlink_to("no-such-register.txt")


def _outside(p: Path) -> None:
    away = p.parents[2] / "elsewhere.txt"
    away.write_text(IDS, encoding="utf-8")
    p.unlink()
    p.symlink_to(away)


def _fifo(p: Path) -> None:
    p.unlink()
    os.mkfifo(p)


def _huge(p: Path) -> None:
    p.write_text(IDS + "x" * srcfiles.MAX_FILE_BYTES, encoding="utf-8")


@pytest.mark.parametrize(("damage", "line"), [
    (_bad_byte, f"{REGISTER}:3:10: byte 0xe9 is not valid UTF-8 (save the file as UTF-8)"),
    (_folder, f"{REGISTER}:1:1: is a folder, not a file"),
    (_dangling, f"{REGISTER}:1:1: is a broken symbolic link"),
    (_outside, f"{REGISTER}:1:1: is a symbolic link to {{away}}, outside the project (copy the file into statement/ instead)"),
    (_fifo, f"{REGISTER}:1:1: is not a regular file (a FIFO, socket or device would block or leak the build)"),
    (_huge, f"{REGISTER}:1:1: file is {{size:,}} bytes; the limit is 1,048,576 (1 MiB)"),
], ids=["byte-0xE9", "folder", "dangling-symlink", "symlink-outside", "fifo", "over-1-MiB"])
@pytest.mark.build
def test_a_broken_register_is_a_located_error(project: Path, damage: object, line: str) -> None:
    damage(project / REGISTER)  # type: ignore[operator]
    away = (project.parent / "elsewhere.txt").resolve()
    size = (project / REGISTER).stat().st_size if (project / REGISTER).is_file() else 0
    assert problems(check(project)) == [line.format(away=away, size=size)]


@pytest.mark.build
def test_an_unreadable_register_is_a_located_error(project: Path) -> None:
    os.chmod(project / REGISTER, 0o000)
    assert problems(check(project, as_other_user=True)) == [f"{REGISTER}:1:1: cannot read file (Permission denied)"]


@pytest.mark.build
def test_an_unreadable_register_stops_mkdocs_build_cleanly(project: Path, tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", project / "statement")
    (tmp_path / "p" / REGISTER).write_bytes(b"open-ports\n\xe9\n")
    done = mkdocs_build(tmp_path / "site", config=config, cwd=tmp_path / "p")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"{REGISTER}:2:1: byte 0xe9 is not valid UTF-8 (save the file as UTF-8)" in done.stderr.splitlines()
    assert not (tmp_path / "site").exists()


@pytest.mark.build
def test_a_byte_order_mark_is_not_an_id(project: Path) -> None:
    (project / REGISTER).write_bytes("\ufeffopen-ports\nrain-support\n".encode())
    done = check(project)
    assert done.returncode == 0, done.stderr
    assert set(read_published(project / "statement")[0] or {}) == {"open-ports", "rain-support"}


@pytest.mark.build
def test_a_missing_id_is_still_caught_after_all_that(project: Path) -> None:
    # The register is still read (the protection is on): an ID that disappeared is an error.
    (project / REGISTER).write_text(IDS + "gone-id\n", encoding="utf-8")
    assert problems(check(project)) == [f"{REGISTER}:4:1: published ID 'gone-id' no longer exists "
                                        "(restore it, or list it under 'aliases' of the commitment that replaces it)"]


# --- publish-ids (item 2): append, never rewrite; never glue two IDs -----------------------------------------

@pytest.mark.build
def test_publish_ids_after_a_last_line_without_newline_keeps_every_id_on_its_own_line(project: Path) -> None:
    register = project / REGISTER
    register.write_text("# published\nopen-ports", encoding="utf-8")  # an editor saved it without a final newline
    before = register.read_bytes()
    assert publish_ids(project / "statement", ["open-ports", "rain-support"]) == ["rain-support"]
    after = register.read_bytes()
    assert after.startswith(before), "publish-ids rewrote the register instead of appending"
    assert after == b"# published\nopen-ports\nrain-support\n"
    assert check(project).returncode == 0


def test_publish_ids_keeps_every_earlier_line(project: Path) -> None:
    # An earlier ID that is now an alias must survive the next addition (opening with "w" would lose it).
    alpha = project / "statement" / "sections" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("  - id: rain-support\n", "  - id: rain-support\n    aliases: [old-rain]\n"), encoding="utf-8")
    register = project / REGISTER
    register.write_text("# published\nold-rain\nopen-ports\n", encoding="utf-8")
    before = register.read_bytes()
    assert publish_ids(project / "statement", ["open-ports", "rain-support"]) == ["rain-support"]
    assert register.read_bytes() == before + b"rain-support\n"
    assert set(read_published(project / "statement")[0] or {}) == {"old-rain", "open-ports", "rain-support"}


# --- file shapes (item 15): editor droppings ignored, everything else a located error ------------------------

SECTIONS = "statement/sections"


def _droppings(sections: Path) -> None:
    (sections / ".#alpha.yaml").symlink_to("root@host.12345:1700000000")  # Emacs's lock: a dangling link
    (sections / "._alpha.yaml").write_bytes(b"\x00\x05\x16\x07\xff\xfe Mac OS X")  # macOS resource fork
    (sections / "alpha.yaml~").write_text("id: [\n", encoding="utf-8")
    (sections / ".alpha.yaml.swp").write_bytes(b"b0VIM 9.0\x00")
    (sections / "#alpha.yaml#").write_text("id: [\n", encoding="utf-8")


@pytest.mark.build
def test_editor_and_os_droppings_are_ignored(project: Path) -> None:
    _droppings(project / SECTIONS)
    done = check(project)
    assert done.returncode == 0, done.stderr


@pytest.mark.build
def test_droppings_do_not_break_mkdocs_build(project: Path, tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", project / "statement", )
    _droppings(tmp_path / "p" / SECTIONS)
    done = mkdocs_build(tmp_path / "site", config=config, cwd=tmp_path / "p")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("make", "says"), [
    (lambda p: p.mkdir(), "is a folder, not a file"),
    (lambda p: os.mkfifo(p), "is not a regular file (a FIFO, socket or device would block or leak the build)"),
    (lambda p: p.symlink_to("nowhere.yaml"), "is a broken symbolic link"),
    (lambda p: p.symlink_to(p.parents[3] / "outside.yaml"), "is a symbolic link to {away}, outside the project (copy the file into statement/ instead)"),
], ids=["folder", "fifo", "dangling-symlink", "symlink-outside"])
@pytest.mark.build
def test_a_section_that_is_not_a_regular_file_inside_the_project_is_a_located_error(project: Path, make: object, says: str) -> None:
    away = project.parent / "outside.yaml"
    away.write_text((MINIMAL / "sections" / "alpha.yaml").read_text(encoding="utf-8").replace("id: alpha", "id: beta"), encoding="utf-8")
    try:
        make(project / SECTIONS / "beta.yaml")  # type: ignore[operator]
        lines = problems(check(project))
    finally:
        away.unlink()
    assert f"{SECTIONS}/beta.yaml:1:1: {says.format(away=away.resolve())}" in lines


@pytest.mark.build
def test_a_symlink_inside_the_project_is_read(project: Path) -> None:
    sections = project / SECTIONS
    (project / "statement" / "drafts").mkdir()
    (sections / "alpha.yaml").rename(project / "statement" / "drafts" / "alpha.yaml")
    (sections / "alpha.yaml").symlink_to("../drafts/alpha.yaml")
    done = check(project)
    assert done.returncode == 0, done.stderr


@pytest.mark.build
@pytest.mark.parametrize("name", ["statement.yaml", "topics.yaml", "glossary.yaml"])
def test_a_main_file_that_is_a_folder_or_broken_link_is_a_located_error(project: Path, name: str) -> None:
    path = project / "statement" / name
    if path.exists():
        path.unlink()
    path.symlink_to("gone.yaml")  # glossary.yaml is optional, but a broken one is not "absent"
    assert f"statement/{name}:1:1: is a broken symbolic link" in problems(check(project))


# --- limits (items 11 and 20): clean errors, before anything expensive ---------------------------------------

def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


LONG_ID = "a" * 300 + "-b"


@pytest.mark.parametrize(("file", "old", "new", "line"), [
    ("sections/alpha.yaml", "  - id: rain-support\n", f"  - id: rain-support\n    aliases: [{LONG_ID}]\n",
     f"{SECTIONS}/alpha.yaml:17:15: commitments[1].aliases[0]: is 302 characters long; the limit is 80"),
    ("sections/alpha.yaml", "  - id: open-ports\n", f"  - id: {LONG_ID}\n",
     f"{SECTIONS}/alpha.yaml:5:5: commitments[0].id: is 302 characters long; the limit is 80"),
    ("topics.yaml", "  - id: rain\n", f"  - id: {LONG_ID}\n", "statement/topics.yaml:6:5: topics[1].id: is 302 characters long; the limit is 80"),
    ("statement.yaml", "slug: japan", f"slug: {LONG_ID}", "statement/statement.yaml:21:5: parties[1].slug: is 302 characters long; the limit is 80"),
    ("topics.yaml", "label: Rain", "label: " + "Rain " * 200_000, "statement/topics.yaml:7:5: topics[1].label: is 999,999 characters long; the limit is 200"),
], ids=["alias", "commitment-id", "topic-id", "party-slug", "1-MB-topic-label"])
@pytest.mark.build
def test_over_long_ids_and_texts_are_located_errors(project: Path, file: str, old: str, new: str, line: str) -> None:
    _replace(project / "statement" / file, old, new)
    assert line in problems(check(project))


@pytest.mark.build
def test_an_over_long_alias_stops_mkdocs_build_cleanly(project: Path, tmp_path: Path) -> None:
    # Issue 12, item 11: a 300-character alias crashed the build with ENAMETOOLONG (and hung serve).
    _replace(project / SECTIONS / "alpha.yaml", "  - id: rain-support\n", f"  - id: rain-support\n    aliases: [{LONG_ID}]\n")
    config = make_project(tmp_path / "p", project / "statement")
    done = mkdocs_build(tmp_path / "site", config=config, cwd=tmp_path / "p")
    assert done.returncode != 0 and "Traceback" not in done.stderr and "File name too long" not in done.stderr
    assert "commitments[1].aliases[0]: is 302 characters long; the limit is 80" in done.stderr


@pytest.mark.build
def test_an_over_large_file_is_refused_before_it_is_parsed(project: Path) -> None:
    big = project / SECTIONS / "alpha.yaml"
    big.write_text(big.read_text(encoding="utf-8") + "#" + "x" * srcfiles.MAX_FILE_BYTES + "\n", encoding="utf-8")
    size = big.stat().st_size
    assert problems(check(project))[0] == f"{SECTIONS}/alpha.yaml:1:1: file is {size:,} bytes; the limit is 1,048,576 (1 MiB)"


@pytest.mark.build
def test_too_many_section_files_is_one_error(project: Path) -> None:
    sections = project / SECTIONS
    for i in range(srcfiles.MAX_SECTION_FILES):
        shutil.copy(sections / "alpha.yaml", sections / f"s{i:03d}.yaml")
    assert f"{SECTIONS}:1:1: 101 section files; the limit is 100 (split the statement, or raise MAX_SECTION_FILES in scripts/source/files.py)" in problems(check(project))


@pytest.mark.build
def test_all_files_together_have_a_limit(project: Path) -> None:
    filler = "# " + "x" * 1_000_000 + "\n"
    for name in ("topics.yaml", "source.yaml", "statement.yaml", "sections/alpha.yaml", "glossary.yaml"):
        path = project / "statement" / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(old + filler, encoding="utf-8")
    lines = problems(check(project))
    assert any(line.startswith("statement:1:1: the statement's files are ") and line.endswith("; the limit is 4,194,304 (4 MiB)") for line in lines), lines


@pytest.mark.build
def test_too_many_commitments_is_one_error(project: Path) -> None:
    alpha = project / SECTIONS / "alpha.yaml"
    head, _, items = alpha.read_text(encoding="utf-8").partition("commitments:\n")
    one = items.split("  - id: rain-support\n")[0].replace("related: [rain-support]", "related: []")
    sections = [f"s{k}" for k in range(6)]
    for k, sid in enumerate(sections):
        body = "".join(one.replace("id: open-ports", f"id: c-{k}-{i}") for i in range(validate.MAX_COMMITMENTS // 5))
        (project / SECTIONS / f"{sid}.yaml").write_text(head.replace("id: alpha", f"id: {sid}") + "commitments:\n" + body, encoding="utf-8")
    _replace(project / "statement" / "statement.yaml", "  - alpha\n", "".join(f"  - {s}\n" for s in ["alpha", *sections]))
    lines = problems(check(project))
    assert "statement/statement.yaml:23:1: sections: the sections hold 1,203 commitments together; the limit is 1,000" in lines
