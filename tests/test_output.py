"""Output folders: no command writes over the project or a source, and a replaced site is never half-written.

Every writing command (`build-site`, `render`, a direct `mkdocs build -d OUT`) is tried against the
project, its parent, its sources and folders it did not write; then two builds at once, a reader polling
during the swap, signals mid-build, file modes and unwritable places.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_project, mkdocs_build
from scripts.publish import output as outdir

MINIMAL = FIXTURES / "pass" / "minimal" / "statement"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)


def tree(folder: Path) -> dict[str, str]:
    """Every path under folder (links and folders too), with the content of files: what a command must not change.

    A linked folder is recorded as its link, not walked (a project copy's .cache links to the session's shared cache).
    """
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(folder).as_posix()
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_file():
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
            else:
                out[rel] = "dir"
    return dict(sorted(out.items()))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if outdir.STAGING in p.name or outdir.REPLACED in p.name or p.name.endswith(outdir.LOCK))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    proj = tmp_path / "project"
    make_project(proj, MINIMAL)
    (proj / ".git").mkdir()
    (proj / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")  # stands for the clone's history
    (proj / "notes").mkdir()
    (proj / "notes" / "todo.txt").write_text("mine\n", encoding="utf-8")  # a folder the build did not write
    (proj / "afile").write_text("not a folder\n", encoding="utf-8")
    return proj


# Every place no command may write: the project, its parent, sources, a file, a folder it did not write, under a file.
REFUSED = ["statement", ".", "..", "docs", "overrides", "scripts", ".git", "mkdocs.yml", "statement/sections/new",
           "docs/new", "statement/published-ids.txt", "notes", "afile", "afile/site"]


@pytest.mark.parametrize("command", ["build-site", "render"])
@pytest.mark.parametrize("out", REFUSED)
def test_writing_commands_refuse_the_project_its_sources_and_foreign_folders(project: Path, command: str, out: str,
                                                                              capsys: pytest.CaptureFixture[str],
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.cli import main

    before = tree(project.parent)
    monkeypatch.chdir(project)
    capsys.readouterr()
    code = main([command, out])  # in this process: the refusal comes before anything is built
    _, err = capsys.readouterr()
    _refused(project, out, before, code, err)


# The same refusal from the command a person types (exit status and terminal output), for a few of them.
@pytest.mark.build
@pytest.mark.parametrize("command", ["build-site", "render"])
@pytest.mark.parametrize("out", [".", "statement", "notes"])
def test_writing_commands_refuse_as_commands_too(project: Path, command: str, out: str) -> None:
    before = tree(project.parent)
    done = run(command, out, cwd=project)
    _refused(project, out, before, done.returncode, done.stdout + done.stderr)


def _refused(project: Path, out: str, before: dict[str, str], code: int, err: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {out} "), lines
    assert tree(project.parent) == before


@pytest.mark.build
@pytest.mark.parametrize("out", ["statement", "statement/sections/new", "notes", "afile", "afile/site", "..", "overrides"])
def test_direct_mkdocs_build_refuses_them_too(project: Path, out: str) -> None:
    before = tree(project.parent)
    done = mkdocs_build(project / out, config=project / "mkdocs.yml", cwd=project)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "site_dir" in done.stderr or "docs_dir" in done.stderr, done.stderr
    assert tree(project.parent) == before


@pytest.mark.build
def test_a_previous_output_and_an_empty_folder_are_replaced_world_readable(project: Path) -> None:
    (project / "empty").mkdir()
    old = os.umask(0o077)  # as strict as a user's umask can be: the output must still be world-readable
    try:
        for out in ("site", "site", "empty"):
            done = run("build-site", out, cwd=project)
            assert done.returncode == 0, done.stderr
    finally:
        os.umask(old)
    for out in ("site", "empty"):
        site = project / out
        assert (site / outdir.MARKER).is_file() and (site / "index.html").is_file()
        for p in [site, *site.rglob("*")]:
            mode = p.stat().st_mode & 0o777
            assert mode == (0o755 if p.is_dir() else 0o644), f"{p}: {oct(mode)}"
    assert leftovers(project) == []
    done = run("render", "build/markdown", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "build" / "markdown" / outdir.MARKER).is_file()
    assert run("render", "build/markdown", cwd=project).returncode == 0  # and again, over its own output


@pytest.mark.build
def test_direct_mkdocs_build_swaps_in_complete_and_keeps_the_old_site_on_failure(project: Path) -> None:
    out = project / "out"
    done = mkdocs_build(out, config=project / "mkdocs.yml", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (out / outdir.MARKER).is_file()
    before = tree(out)
    # A template that fails while pages are written, after MkDocs has emptied its site_dir (83 of 100 files were left).
    main = project / "overrides" / "main.html"
    good = main.read_text(encoding="utf-8")
    main.write_text(good + "\n{% block footer %}{{ page.title | no_such_filter }}{% endblock %}\n", encoding="utf-8")
    failed = mkdocs_build(out, config=project / "mkdocs.yml", cwd=project)
    assert failed.returncode != 0
    assert tree(out) == before
    assert leftovers(project) == []
    # A strict-mode warning fails the build after every file is written: still the old site.
    main.write_text(good, encoding="utf-8")
    (project / "docs" / "broken.md").write_text("# Broken\n\n[x](nowhere.md)\n", encoding="utf-8")
    warned = mkdocs_build(out, config=project / "mkdocs.yml", cwd=project)
    assert warned.returncode != 0 and "strict mode" in warned.stdout + warned.stderr
    assert tree(out) == before
    assert leftovers(project) == []


@pytest.mark.build
def test_unwritable_or_uncreatable_output_is_a_clean_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.cli import main

    monkeypatch.chdir(project)
    # As root every folder is writable, so the refusals a user would meet are made to happen.
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(outdir.OutputError, match="is not writable"):
        outdir.check(Path("site"), project=project)
    assert main(["render", "site"]) == 2
    monkeypatch.undo()
    monkeypatch.chdir(project)

    def refuse(*a: object, **k: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(outdir.tempfile, "mkdtemp", refuse)
    assert main(["render", "site"]) == 2
    assert not (project / "site").exists() and leftovers(project) == []


@pytest.mark.build
def test_two_builds_at_once_both_finish_and_a_reader_always_finds_the_site(project: Path) -> None:
    first = run("build-site", "site", cwd=project)
    assert first.returncode == 0, first.stderr
    missing = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            if not (project / "site" / "index.html").is_file():
                missing.append(time.monotonic())

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        procs = [subprocess.Popen([sys.executable, "-m", "scripts", "build-site", "site"], cwd=project, env=ENV,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        errs = [p.communicate(timeout=300)[1] for p in procs]  # communicate closes both pipes
        results = [(p.returncode, err) for p, err in zip(procs, errs, strict=True)]
    finally:
        stop.set()
        reader.join()
    assert [rc for rc, _ in results] == [0, 0], results
    assert not any("Traceback" in err for _, err in results)
    assert (project / "site" / "index.html").is_file() and (project / "site" / outdir.MARKER).is_file()
    assert leftovers(project) == []
    assert missing == [], f"site/ was missing {len(missing)} times during the swaps"


def _wait_for_staging(project: Path, proc: subprocess.Popen[str]) -> None:
    end = time.monotonic() + 120
    while time.monotonic() < end:
        staging = [p for p in project.iterdir() if outdir.STAGING in p.name]
        if staging and any(staging[0].iterdir()):  # mkdocs has started writing
            return
        assert proc.poll() is None, "the build ended before it could be interrupted"
        time.sleep(0.02)
    raise AssertionError("no staging folder appeared")


def _as_typed_in_a_terminal() -> None:
    """In the child before it starts: SIGHUP and Ctrl-C not ignored, whatever this test process was started with
    (nohup, or a script's background job, ignore them, and a command started so keeps ignoring them)."""
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.build
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "Ctrl-C"])
def test_a_signal_mid_build_leaves_the_site_intact_and_no_temporary_folder(project: Path, signum: signal.Signals) -> None:
    first = run("build-site", "site", cwd=project)
    assert first.returncode == 0, first.stderr
    before = tree(project / "site")
    folder = (project / "site").stat().st_ino
    proc = subprocess.Popen([sys.executable, "-m", "scripts", "build-site", "site"], cwd=project, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_as_typed_in_a_terminal)
    _wait_for_staging(project, proc)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    # A small site may already be in its final swap when the signal comes (more often on a busy machine): the swap
    # finishes and the command says so. Either way what it says is what happened, and the site is whole.
    if (project / "site").stat().st_ino == folder:
        assert err.strip().splitlines()[-1] == f"stopped by {signum.name}; nothing was replaced"
    else:
        assert err.strip().splitlines()[-1] == f"stopped by {signum.name} just after the new build was swapped in: site is the new site, complete"
    assert tree(project / "site") == before  # the same statement: the new build is byte for byte the old one
    assert leftovers(project) == []
    time.sleep(0.5)  # the mkdocs child was stopped too: nothing writes there any more
    assert leftovers(project) == []


@pytest.mark.build
def test_a_signal_during_a_direct_mkdocs_build_cleans_up(project: Path) -> None:
    out = project / "out"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                            cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_staging(project, proc)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in err
    assert not out.exists()
    assert leftovers(project) == []


@pytest.mark.build
def test_git_ignores_the_temporary_names() -> None:
    names = [f".site{outdir.STAGING}abc123/", f".site{outdir.REPLACED}abc123/", f".site{outdir.LOCK}", f".out{outdir.STAGING}x/"]
    done = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=ROOT, capture_output=True, text=True)
    assert sorted(done.stdout.split()) == sorted(names), done.stdout + done.stderr


@pytest.mark.build
def test_an_unwritable_place_is_a_clean_error_for_a_real_user(tmp_path: Path) -> None:
    # The same refusal for real: a folder owned by root, written to as "nobody" (or as this user, if not root).
    base = Path(tempfile.mkdtemp(prefix="unwritable-"))
    try:
        os.chmod(base, 0o755)
        shutil.copytree(MINIMAL, base / "project" / "statement")
        (base / "locked").mkdir(mode=0o555)
        cmd = [sys.executable, "-m", "scripts", "render", "../locked/out"]
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        done = subprocess.run(cmd, cwd=base / "project", env={**ENV, "PYTHONDONTWRITEBYTECODE": "1"}, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        assert done.stderr == "error: ../locked/out cannot be created: " + str(base / "locked") + " is not writable\n"
        assert list((base / "locked").iterdir()) == []
    finally:
        os.chmod(base / "locked", 0o755)
        shutil.rmtree(base)
