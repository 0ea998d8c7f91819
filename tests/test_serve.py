"""mkdocs serve: a bad edit prints the error lines and keeps the last good site; the fix brings it back."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project

MINIMAL = FIXTURES / "pass" / "minimal" / "statement"
BROKEN = FIXTURES / "fail" / "yaml-syntax"
TIMEOUT = 90.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait(what: str, ok: Callable[[], bool]) -> None:
    end = time.monotonic() + TIMEOUT
    while time.monotonic() < end:
        if ok():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    def __init__(self, project: Path, config: Path) -> None:
        self.project = project
        self.url = f"http://127.0.0.1:{_free_port()}"
        self.output: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", self.url.removeprefix("http://")],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line.rstrip("\n"))

    def page(self, path: str) -> str | None:
        return _get(f"{self.url}/{path}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.reader.join(timeout=10)  # the pipe ends with the process; then it is closed (no ResourceWarning)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    config = make_project(tmp_path, MINIMAL)
    srv = Server(tmp_path, config)
    try:
        _wait("the first build to be served", lambda: "Open ports" in (srv.page("sections/alpha/") or ""))
        yield srv
    finally:
        srv.stop()


@pytest.mark.build
def test_bad_edit_keeps_last_good_site_and_fix_brings_it_back(server: Server) -> None:
    alpha = server.project / "statement" / "sections" / "alpha.yaml"
    good = alpha.read_text(encoding="utf-8")
    expected = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    marker = len(server.output)

    shutil.copyfile(BROKEN / "statement" / "sections" / "alpha.yaml", alpha)
    _wait("the error lines", lambda: all(line in server.output[marker:] for line in expected[:-1]))
    _wait("the failed rebuild to finish", lambda: any("Still serving the last good site" in line for line in server.output[marker:]))
    assert server.proc.poll() is None, "mkdocs serve stopped"
    assert not any("Traceback" in line for line in server.output), "\n".join(server.output)
    assert "Open ports" in (server.page("sections/alpha/") or ""), "the last good site is no longer served"

    alpha.write_text(good.replace("title: Open ports", "title: Open harbours"), encoding="utf-8")
    _wait("the fixed site", lambda: "Open harbours" in (server.page("sections/alpha/") or ""))
    assert server.proc.poll() is None
    assert not any("Traceback" in line for line in server.output), "\n".join(server.output)
