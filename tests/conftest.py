"""Shared fixtures: the real statement, one strict build of the site, a local server, a real browser."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STATEMENT = ROOT / "statement"
FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
# As root, in a closed network: no sandbox, and none of Chromium's background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def quiet_env() -> dict[str, str]:
    """The environment for builds whose output a test compares: without Material's end-of-life notice.

    Only tests silence it; `make build` and `make serve` show it to whoever runs them.
    """
    # SITE_URL (read by mkdocs.yml) is the deployer's: the tests build the relative site unless they say otherwise.
    return {**{k: v for k, v in os.environ.items() if k != "SITE_URL"}, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(out: Path, config: Path = ROOT / "mkdocs.yml", cwd: Path = ROOT,
                 site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = quiet_env()
    if site_url is not None:
        env["SITE_URL"] = site_url  # read by mkdocs.yml (site_url: !ENV [SITE_URL, null])
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(out)],
        cwd=cwd, env=env, capture_output=True, text=True,
    )


# One build cache (.cache: cards, cite, jinja) for every project copy of the session, warm after the first
# build: each entry is keyed by its content (a Jinja template by its source's checksum) and written by a
# rename, so copies with other statements or edited templates share it safely, across xdist workers too.
_SHARED_CACHE: dict[str, Path] = {}


def make_project(dest: Path, statement: Path = STATEMENT, extra_config: str = "", cache: bool = True) -> Path:
    """A throw-away copy of the project around another statement folder; returns its mkdocs.yml.

    Its .cache is the session's shared one (a link), unless ``cache=False`` (a cold cache, for the tests
    of the cache itself).
    """
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(statement, dest / "statement")
    config = dest / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + extra_config, encoding="utf-8")
    if cache and "dir" in _SHARED_CACHE:
        (dest / ".cache").symlink_to(_SHARED_CACHE["dir"], target_is_directory=True)
    return config


def shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's temporary root, the same for every xdist worker (each has a folder of its own below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def _shared_build_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = shared_root(tmp_path_factory) / "shared-build-cache"
    folder.mkdir(exist_ok=True)
    _SHARED_CACHE["dir"] = folder


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock between xdist workers (flock on a file beside ``path``), released on leaving."""
    import fcntl

    with open(path.with_name(path.name + ".lock"), "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name``, made once per session by ``build(folder)`` however many xdist workers ask for it.

    The first worker builds it under a lock while the others wait; a build that failed is tried again
    (and fails again, with its own message) by whoever asks next.
    """
    folder = shared_root(tmp_path_factory) / name
    done = folder / ".built"
    with _locked(folder):
        if not done.is_file():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def statement_copy(tmp_path: Path) -> Path:
    """A throw-away copy of statement/ for a test that edits it (the project's own is never touched)."""
    root = tmp_path / "statement"
    shutil.copytree(STATEMENT, root)
    return root


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict (once for all xdist workers)."""
    def build(folder: Path) -> None:
        done = mkdocs_build(folder / "site")
        assert done.returncode == 0, done.stderr
        assert "WARNING" not in done.stderr, done.stderr  # no address (no SITE_URL) is no warning (test_addresses)

    return shared_build(tmp_path_factory, "site", build) / "site"


# The build shape of a deployment: `make build SITE_URL=…` (a sub-path, as on a project page) in a copy of the
# project outside git, so every date is the statement's own. Shared by every test of absolute addresses
# (canonical links, hreflang, sitemap, data files, citations) and by the determinism and site-source comparisons.
DEPLOYED = "https://example.org/trilateral/"
# The environment of that build: a locale, time zone and hash seed unlike test_determinism's second build.
DEPLOYED_ENV = {"LC_ALL": "C.UTF-8", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "1"}


def copy_for_make(dest: Path, statement: Path = STATEMENT) -> Path:
    """A project copy `make build` runs in (Makefile, pyproject.toml, lock); returns the stamp that stands for the venv."""
    make_project(dest, statement)
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, dest / name)
    stamp = dest / "installed"
    stamp.touch()  # newer than pyproject.toml and the lock: make reuses this test's Python instead of creating a .venv
    return stamp


def make_build(project: Path, stamp: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`make build ARGS` in a project copy, with this test's Python, without the caller's SITE_URL or RELATIVE."""
    base = {k: v for k, v in quiet_env().items() if k not in ("SITE_URL", "RELATIVE", "MAKEFLAGS", "SOURCE_DATE_EPOCH")}
    cmd = ["make", "--no-print-directory", "build", f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}", *args]
    return subprocess.run(cmd, cwd=project, env={**base, **(env or {})}, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site from `make build SITE_URL=DEPLOYED` in a project copy (its folder: .../project/site)."""
    def build(folder: Path) -> None:
        stamp = copy_for_make(folder / "project")
        done = make_build(folder / "project", stamp, f"SITE_URL={DEPLOYED}", env=DEPLOYED_ENV)
        assert done.returncode == 0, done.stderr

    return shared_build(tmp_path_factory, "deployed", build) / "project" / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _Quiet) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a random free port) in a background thread; yields the base URL.

    The one server every test and benchmark uses: on leaving, the loop stops, its thread is joined and
    the listening socket is closed (no ResourceWarning).
    """
    handler = functools.partial(handler_class, directory=str(root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            thread.join()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a random free port)."""
    with serve(site) as url:
        yield url


def under_ci() -> bool:
    """CI=true, CI=1, CI=True, CI=yes…: any value but an empty, "0", "false", "no" or "off" one means CI."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's 'chromium' package (make test does it as root)"
    if under_ci():
        pytest.fail(message)  # under CI a missing browser is a failure, never a skip
    pytest.skip(message)


# fontconfig's own query: the fonts Chromium can draw Japanese and Korean with (Debian's fonts-noto-cjk).
FC_LIST = "fc-list"


def cjk_fonts(lang: str) -> list[str]:
    """Families fontconfig has for a language ("ja", "ko"); empty when there are none or no fontconfig."""
    exe = shutil.which(FC_LIST)
    if not exe:
        return []
    done = subprocess.run([exe, f":lang={lang}", "family"], capture_output=True, text=True, timeout=60)
    return sorted({f.strip() for line in done.stdout.splitlines() for f in line.split(",") if f.strip()})


def need_cjk_fonts() -> None:
    """Screenshots and visual tests of the ja/ko editions need real CJK glyphs, not empty boxes.

    scripts/ensure-browser.sh installs fonts-noto-cjk with chromium; under CI a missing font fails, never skips.
    """
    missing = [lang for lang in ("ja", "ko") if not cjk_fonts(lang)]
    if not missing:
        return
    message = f"no font for {', '.join(missing)} (fc-list :lang=…): install Debian's fonts-noto-cjk (make test does it as root)"
    if under_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def search_pages(browser: object, base_url: str) -> Iterator[object]:
    """Material's search in each edition, loaded once for the session (searchkit.SearchPages)."""
    from searchkit import SearchPages

    pages = SearchPages(browser, base_url)
    yield pages
    pages.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    yield pg
    context.close()


# --- Quality gates (issue 6): every page, the site served with gzip, and Lighthouse from tools/ ---
TOOLS = ROOT / "tools"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
LINKINATOR = TOOLS / "node_modules" / "linkinator" / "build" / "src" / "cli.js"
_GZIP_TYPES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


@functools.cache
def parsed(path: Path) -> object:
    """A built page parsed once for the whole session (BeautifulSoup, html.parser): read it, never change it."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_pages(root: Path) -> list[str]:
    """URL paths of every HTML page in a built site, sorted (use_directory_urls: /a/b/ for a/b/index.html)."""
    paths = []
    for html in root.rglob("*.html"):
        rel_path = html.relative_to(root).as_posix()
        paths.append("/" + rel_path.removesuffix("index.html"))
    return sorted(paths)


class _Gzip(_Quiet):
    """Serve text files gzip-compressed when the client asks for it, as any production host does."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in _GZIP_TYPES or not path.is_file():
            super().do_GET()
            return
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=1024)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def serve_gzip(root: Path) -> contextlib.AbstractContextManager[str]:
    """Like serve(), with gzip: what Lighthouse and the benchmark measure."""
    return serve(root, _Gzip)


@pytest.fixture(scope="session")
def gzip_base_url(site: Path) -> Iterator[str]:
    """The built site served with gzip on 127.0.0.1 (a random free port)."""
    with serve_gzip(site) as url:
        yield url


@pytest.fixture(scope="session")
def absolute_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The real site built with an absolute site_url (SITE_URL) and served with gzip at that very address.

    Canonical links and hreflang alternates are absolute only then, and Lighthouse's SEO audit fails
    relative ones. The server listens first (a free port, held), then the site is built for its address:
    no other process can take the port between the two. Yields (site folder, base URL without the slash).
    """
    out = tmp_path_factory.mktemp("absolute-site")
    with serve_gzip(out) as url:
        done = mkdocs_build(out, site_url=url + "/")
        assert done.returncode == 0, done.stderr
        yield out, url


@pytest.fixture(scope="session")
def deployed_crawl(browser: object, absolute_site: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], object]:
    """crawlkit.crawl of one edition ("en", "ja", "ko") of the site served at its own address, made once per
    session: under xdist the first worker to ask crawls (under a lock) and the other reads its result."""
    import dataclasses

    from crawlkit import Crawl, crawl, edition_pages

    site, base = absolute_site
    done: dict[str, object] = {}

    def of(edition: str) -> object:
        if edition not in done:
            def make(folder: Path) -> None:
                found = crawl(browser, base, edition_pages(site_pages(site), edition), edition)
                (folder / "crawl.json").write_text(json.dumps(dataclasses.asdict(found)), encoding="utf-8")

            folder = shared_build(tmp_path_factory, f"crawl-{edition}", make)
            done[edition] = Crawl(**json.loads((folder / "crawl.json").read_text(encoding="utf-8")))
        return done[edition]

    return of


def lighthouse(url: str, out: Path, categories: list[str], preset: str = "mobile", extra: tuple[str, ...] = ()) -> dict[str, object]:
    """Run the pinned Lighthouse (tools/) in Debian's Chromium and return its JSON report."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(categories)}", f"--chrome-flags={flags}", *extra]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def need_lighthouse() -> None:
    """Lighthouse is installed by `make test` (npm ci --prefix tools); under CI its absence fails."""
    need_node_tool(LIGHTHOUSE)


def need_node_tool(script: Path) -> None:
    """A pinned Node tool of tools/ (Lighthouse, linkinator), installed by `make test`; under CI its absence fails."""
    if script.is_file() and shutil.which("node"):
        return
    message = f"{script} or node is missing: run `npm ci --prefix tools` (make test does it)"
    if under_ci():
        pytest.fail(message)
    pytest.skip(message)


# Markers for the fast loop (`pytest -m "not browser and not build"`, about a minute): every test that uses
# Chromium, Lighthouse or linkinator is `browser`; every test that builds a site or runs a subprocess is
# `build`. Tests that use a built site through a fixture are marked here; a test marked neither way that
# starts a subprocess fails (see _no_subprocess), so a missing `build` mark cannot slip into the fast loop.
BUILT_SITES = {"site", "base_url", "gzip_base_url", "absolute_site", "deployed_site"}
SLOW_LIKE_A_BROWSER = {"test_quality_lighthouse.py", "test_quality_links.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"browser", "page"} or item.path.name in SLOW_LIKE_A_BROWSER:
            item.add_marker(pytest.mark.browser)
        if item.path.name == "test_quality_lighthouse.py":
            item.add_marker(pytest.mark.lighthouse)
        if fixtures & BUILT_SITES:
            item.add_marker(pytest.mark.build)


class UnmarkedSubprocess(AssertionError):
    pass


def _refuse(*args: object, **kwargs: object) -> None:
    raise UnmarkedSubprocess("this test starts a subprocess: mark it `build` (or `browser`) so the fast loop leaves it out")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with _no_subprocess(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with _no_subprocess(item):
        return (yield)


@contextlib.contextmanager
def _no_subprocess(item: pytest.Item) -> Iterator[None]:
    """While a test marked neither `build` nor `browser` is set up and run, starting a process is an error."""
    if item.get_closest_marker("build") or item.get_closest_marker("browser"):
        yield
        return
    original = _POPEN._execute_child  # type: ignore[attr-defined]
    _POPEN._execute_child = _refuse  # type: ignore[attr-defined,method-assign]
    try:
        yield
    finally:
        _POPEN._execute_child = original  # type: ignore[attr-defined,method-assign]


# The class itself, taken once: a test may monkeypatch subprocess.Popen, and the refusal must still be undone on
# the class it was put on (it once stayed there, and every later test in that worker was refused).
_POPEN = subprocess.Popen


@pytest.fixture
def pdf_stub(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each edition's PDF as its HTML's bytes, for the fast tests of the whole site source that are not about the PDF:
    importing WeasyPrint starts a subprocess (ldconfig), and drawing takes seconds. No cache is read or written.
    The PDFs themselves are tested in tests/test_pdf.py."""
    from scripts.render import pdf

    monkeypatch.setattr(pdf, "pdf", lambda doc, cache_dir=None: doc.html.encode())
