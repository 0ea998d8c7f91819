"""Property tests beside test_property.py: file-system shapes in statement/, and any OUT a writing command is given.

1. Any file of the statement (or a new one beside them) replaced by a symlink inside or outside the project,
   a broken symlink, a FIFO, a folder, an unreadable file or an editor's dropping: a clean error list or a
   site, never a traceback or a hang, and a file outside the project is never read.
2. Any OUT built from the names a careless user might type (the project, its parent, sources, links to
   them, a foreign folder, a file, an earlier output, ".." and "/" combinations): exit 0 or 2, nothing
   outside OUT changes, and an accepted OUT holds a complete output.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, STATEMENT
from scripts.cli import main
from scripts.publish import output as outdir
from scripts.render.pages import render
from scripts.source.problems import ContentError
from scripts.source.statement import load_statement

MINIMAL = FIXTURES / "pass" / "minimal" / "statement"
LINE = re.compile(r"^[^:\n]+:\d+:\d+: \S[^\n]*$")
# Every file the build reads. source-shingles.json sits beside the register for tests/test_own_words.py; the build
# never opens it, so its shape cannot reach the site (a test below holds the build to that).
NOT_READ = {"source-shingles.json"}
FILES = sorted(p.relative_to(STATEMENT).as_posix() for p in STATEMENT.rglob("*") if p.is_file() and p.name not in NOT_READ)
SECRET = "SECRET-OUTSIDE-THE-PROJECT"


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    # A FIFO read never returns: the test fails instead of hanging the suite.
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {seconds} s (a read that blocks?)")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


SHAPES = ["symlink-in", "symlink-out", "dangling", "fifo", "folder", "unreadable", "dropping"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from([*FILES, "sections/extra.yaml"]), shape=st.sampled_from(SHAPES),
       dropping=st.sampled_from([".#{}", "._{}", "{}~", ".{}.swp", "#{}#"]))
def test_file_system_shapes_give_clean_errors_or_a_site(target: str, shape: str, dropping: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        root = project / "statement"
        shutil.copytree(STATEMENT, root)
        (Path(tmp) / "outside.yaml").write_text(f"id: {SECRET}\n", encoding="utf-8")
        path = root / target
        unreadable: Path | None = None
        if shape == "dropping":  # beside the file, with garbage in it: must be ignored
            path = path.with_name(dropping.format(path.name))
            path.write_bytes(b"\x00\xff: [" + SECRET.encode())
        else:
            if path.exists():
                path.unlink()
            if shape == "symlink-in":
                path.symlink_to(os.path.relpath(root / FILES[0], path.parent))
            elif shape == "symlink-out":
                path.symlink_to(Path(tmp) / "outside.yaml")
            elif shape == "dangling":
                path.symlink_to("missing.yaml")
            elif shape == "fifo":
                os.mkfifo(path)
            elif shape == "folder":
                path.mkdir()
            else:
                shutil.copy(STATEMENT / target if (STATEMENT / target).exists() else STATEMENT / FILES[0], path)
                unreadable = path
        real_open = Path.open

        def guarded(self: Path, *args: object, **kwargs: object) -> object:
            # As root every file is readable: a chmod 000 is what this open stands for.
            if unreadable is not None and self == unreadable:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        with deadline(20), mock.patch.object(Path, "open", guarded):
            try:
                statement = load_statement(root)
            except ContentError as e:
                lines = e.report().splitlines()
                assert e.problems and all(LINE.match(line) for line in lines[:-1]), lines
                assert SECRET not in e.report()
                if shape == "symlink-out":
                    assert any("outside the project" in line for line in lines), lines
                return
        assert shape in ("symlink-in", "dropping"), f"{shape} at {target} was accepted"
        pages = render(statement)
        assert pages and SECRET not in "".join(pages.values())


# --- the OUT argument -------------------------------------------------------------------------------------

PARTS = [".", "..", "statement", "sections", "docs", "scripts", "overrides", "mkdocs.yml", "site", "notes", "empty",
         "afile", "new", "x", "link-to-project", "link-to-statement", "link-to-site", ".git"]


def _snapshot(folder: Path, skip: Path | None) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if skip is not None and (p == skip or skip in p.parents):
            continue
        rel = p.relative_to(folder).as_posix()
        out[rel] = ("link:" + os.readlink(p)) if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
    return out


def _project(tmp: Path) -> Path:
    project = tmp / "project"
    shutil.copytree(MINIMAL, project / "statement")
    for name in ("docs", "scripts", "overrides", ".git"):
        (project / name).mkdir()
        (project / name / "keep.txt").write_text(name, encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (project / "notes").mkdir()
    (project / "notes" / "mine.txt").write_text("mine", encoding="utf-8")
    (project / "empty").mkdir()
    (project / "afile").write_text("a file", encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / outdir.MARKER).write_text(outdir.MARKER_TEXT, encoding="utf-8")
    (project / "site" / "old.html").write_text("old", encoding="utf-8")
    (project / "link-to-project").symlink_to(".")
    (project / "link-to-statement").symlink_to("statement")
    (project / "link-to-site").symlink_to("site")
    (tmp / "beside").mkdir()
    (tmp / "beside" / "other.txt").write_text("beside the project", encoding="utf-8")
    return project


@pytest.mark.build
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(PARTS), min_size=1, max_size=3), absolute=st.booleans(), slash=st.booleans())
def test_any_out_is_refused_cleanly_or_written_completely(parts: list[str], absolute: bool, slash: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = _project(tmp)
        out = ("/".join(parts)) + ("/" if slash else "")
        if absolute:
            out = str(project) + "/" + out
        target = Path(os.path.abspath(project / out)).resolve() if not out.startswith("/") else Path(os.path.abspath(out)).resolve()
        before = _snapshot(tmp, None)
        around = _snapshot(tmp, target)  # everything but OUT itself
        err = io.StringIO()
        cwd = os.getcwd()
        os.chdir(project)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(["render", out])
        finally:
            os.chdir(cwd)
        assert code in (0, 2), (out, code, err.getvalue())
        after = _snapshot(tmp, None)
        if code == 2:
            assert after == before, f"{out!r} was refused but something changed"
            assert err.getvalue().startswith("error: ") and err.getvalue().count("\n") == 1, err.getvalue()
            return
        # Accepted: only the output changed, it is complete, and it was new, empty or an earlier output.
        assert not target.is_relative_to(project / "statement") and not project.is_relative_to(target)
        # The project's build cache (.cache/, git-ignored: drawn link-preview cards) may be filled.
        now = {k: v for k, v in _snapshot(tmp, target).items() if k in around or not (v == "dir" and (tmp / k) in target.parents)}
        now = {k: v for k, v in now.items() if not k.startswith("project/.cache")}
        assert now == around, f"{out!r}: something beside the output (and the folders made to hold it) changed"
        assert (target / outdir.MARKER).is_file() and (target / "docs" / "index.md").is_file() and (target / "mkdocs.yml").is_file(), out
        # This output's own staging and replaced folders (another build may be staging beside it, in /tmp under xdist).
        mine = (f".{target.name}{outdir.STAGING}", f".{target.name}{outdir.REPLACED}")
        assert not [p for p in target.parent.iterdir() if p.name.startswith(mine)]


def test_the_build_never_reads_the_shingles(tmp_path: Path) -> None:
    # Why NOT_READ may stay out of the shapes above: the statement loads the same with the file gone or unreadable.
    root = tmp_path / "statement"
    shutil.copytree(STATEMENT, root)
    before = load_statement(root)
    for name in NOT_READ:
        (root / name).unlink()
        (root / name).symlink_to("/nonexistent/outside")
    assert load_statement(root) == before
