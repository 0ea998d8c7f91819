"""mkdocs serve, one failure class at a time: the error is printed, the last good site stays served, no hang.

Before issue 12 only a YAML problem was handled: a bad register, an over-long ID (ENAMETOOLONG), a FIFO
among the sections (a read that never returns) or an exception while pages were written made every
request wait forever, or served a half-emptied site. One server runs through them all; after each, the
fix must bring a new build back.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_serve import MINIMAL, Server, _wait

from conftest import make_project

ALPHA = "statement/sections/alpha.yaml"


def _bad_register(p: Path) -> Callable[[], None]:
    (p / "statement" / "published-ids.txt").write_bytes(b"open-ports\nrain-supp\xe9rt\n")
    return lambda: (p / "statement" / "published-ids.txt").write_text("open-ports\nrain-support\n", encoding="utf-8")


def _long_alias(p: Path) -> Callable[[], None]:
    alpha = p / ALPHA
    good = alpha.read_text(encoding="utf-8")
    alpha.write_text(good.replace("  - id: rain-support\n", f"  - id: rain-support\n    aliases: [{'a' * 300}]\n"), encoding="utf-8")
    return lambda: alpha.write_text(good, encoding="utf-8")


def _fifo(p: Path) -> Callable[[], None]:
    fifo = p / "statement" / "sections" / "beta.yaml"
    os.mkfifo(fifo)
    return fifo.unlink


def _exception_while_writing(p: Path) -> Callable[[], None]:
    # A page naming a template that does not exist raises while pages are written, after MkDocs emptied site_dir.
    page = p / "docs" / "broken-template.md"
    page.write_text("---\ntemplate: no-such-template.html\n---\n# Broken\n", encoding="utf-8")
    return page.unlink


CLASSES: dict[str, tuple[Callable[[Path], Callable[[], None]], str]] = {
    "register-bad-byte": (_bad_register, "statement/published-ids.txt:2:10: byte 0xe9 is not valid UTF-8"),
    "id-too-long": (_long_alias, "commitments[1].aliases[0]: is 300 characters long; the limit is 80"),
    "fifo-section": (_fifo, "statement/sections/beta.yaml:1:1: is not a regular file"),
    "exception-mid-build": (_exception_while_writing, "no-such-template.html"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("serve-failures")
    config = make_project(tmp, MINIMAL)
    srv = Server(tmp, config)
    try:
        _wait("the first build to be served", lambda: "Open ports" in (srv.page("sections/alpha/") or ""))
        yield srv
    finally:
        srv.stop()


@pytest.mark.build
@pytest.mark.parametrize("name", list(CLASSES))
def test_each_failure_keeps_the_last_good_site_and_the_fix_rebuilds(server: Server, name: str) -> None:
    damage, says = CLASSES[name]
    marker = len(server.output)
    undo = damage(server.project)
    try:
        _wait(f"the error ({says})", lambda: any(says in line for line in server.output[marker:]))
        _wait("the failed rebuild to finish", lambda: any("Still serving the last good site" in line for line in server.output[marker:]))
        assert server.proc.poll() is None, "mkdocs serve stopped"
        for path in ("sections/alpha/", "c/open-ports/", ""):  # answered at once (no hang) and complete
            assert "Open ports" in (server.page(path) or ""), f"/{path} is no longer served: " + "\n".join(server.output[marker:])
    finally:
        undo()
    alpha = server.project / ALPHA
    alpha.write_text(re.sub(r"summary: Japan welcomed the rain.*", f"summary: Japan welcomed the rain ({name}).", alpha.read_text(encoding="utf-8")), encoding="utf-8")
    _wait("the fixed site", lambda: f"({name})" in (server.page("sections/alpha/") or ""))
    assert not any("Traceback" in line for line in server.output), "\n".join(server.output)
    leftovers = [p.name for p in Path(server.project).iterdir() if ".staging-" in p.name]
    assert leftovers == []
