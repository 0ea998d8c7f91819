"""MkDocs hook: render statement/ into the build as generated pages (nothing is written to docs/)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from scripts import data, outdir
from scripts.glossary import abbr_config
from scripts.pipeline import load_statement
from scripts.problems import ContentError
from scripts.render import nav, render

if TYPE_CHECKING:  # `mkdocs build` never imports the live-reload server (50 ms); only `serve` does
    from mkdocs.livereload import LiveReloadServer

_state: dict[str, object] = {}


# Load and check the statement before anything is built (so a failure never cleans the site);
# the nav follows its section order.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    root = project / "statement"
    try:  # before anything is read or cleaned: the site_dir must be a folder this build may replace
        out = outdir.check(Path(config.site_dir), project=project, sources=outdir.sources(project, root, Path(config.docs_dir)))
    except outdir.OutputError as e:
        raise PluginError(f"site_dir: {e}") from None
    try:
        st = load_statement(root)
    except ContentError as e:
        # The problem lines go out exactly as `python -m scripts check` prints them (no log prefix, no
        # wrapping); PluginError makes build and serve's rebuild report the summary without a traceback,
        # and serve keeps the last good site (a plain SystemExit would kill serve's rebuild thread).
        *lines, summary = e.report().splitlines()
        print("\n".join(lines), file=sys.stderr, flush=True)
        raise PluginError(summary) from None
    _state["statement"] = st
    _state["date"] = _content_date(root, st.date)
    config.nav = nav(st)
    # Glossary abbreviations become <abbr title> tooltips on every page (abbr's own glossary option).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbr_config(st)
    _stage(config, out)
    return config


# MkDocs empties site_dir first and writes into it page by page, so a failure (or Ctrl-C) left a
# half-written site: build into a staging folder beside it and swap it in complete in on_post_build.
# `python -m scripts build-site` stages itself (STATEMENT_STAGED); a --dirty build keeps its files.
def on_startup(command: str, dirty: bool) -> None:
    _state["serve"], _state["dirty"] = command == "serve", dirty


def _stage(config: MkDocsConfig, out: Path) -> None:
    staged = os.environ.get("STATEMENT_STAGED")
    if _state.get("dirty") or (staged and Path(staged).resolve() == out):
        return
    staging = outdir.Staging(out, lock=not _state.get("serve"))  # serve's folder is its own
    try:
        config.site_dir = str(staging.start())
    except outdir.OutputError as e:
        raise PluginError(f"site_dir: {e}") from None
    _state["staging"] = (staging, str(out))


def on_build_error(error: Exception) -> None:
    if staged := _state.pop("staging", None):
        staged[0].abort()  # type: ignore[index]


# mkdocs serve blocks every request while a rebuild has failed; a content error fails before the site
# folder is cleaned, so let the server go on serving the last good site until the file is fixed.
def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    build = server.builder

    def keep_last_good_site() -> None:
        # Any failure, not only a content error: the site is swapped in only when complete, so the last
        # good one is still there; say what went wrong in one line instead of a traceback and a hang.
        try:
            build()
        except Exception as e:
            if not isinstance(e, Abort):  # an Abort's message has been logged by mkdocs already
                print(f"Error: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
            print("Still serving the last good site; fix the problems above and it rebuilds.", file=sys.stderr, flush=True)

    server.builder = keep_last_good_site
    return server


# Add the rendered pages and data files as generated files, so they exist only in the build.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    st = _state["statement"]
    site_url = config.site_url or None
    generated = {**render(st, site_url), **data.files(st, site_url)}  # type: ignore[arg-type]
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    return files


# Material's templates are compiled on every build (MkDocs keeps no Jinja cache), which is about a sixth
# of `mkdocs build`. Compiled templates are kept in .cache/jinja (Material's cache folder, git-ignored);
# Jinja checks each template's source against a checksum, so an edited template is compiled afresh.
# Where the folder cannot be written (a read-only checkout), templates are compiled as before.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env
    if os.access(folder, os.W_OK | os.X_OK):
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


# The sitemap's lastmod (and the .gz header made from it) must not be the day of the build. Unless the
# builder sets SOURCE_DATE_EPOCH (the reproducible-builds convention MkDocs honours), every page carries
# the date of the last commit that touched statement/, or, outside a git checkout, the statement's date.
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    if "SOURCE_DATE_EPOCH" not in os.environ:
        page.update_date = str(_state["date"])
    return page


def _content_date(root: Path, fallback: str) -> str:
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return fallback
    stamp = done.stdout.strip()
    if done.returncode != 0 or not stamp.isdigit():
        return fallback
    return datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%d")


# Theme source maps are fetched only by open developer tools; no reader loads them, so they are not
# shipped (about 1.2 MB of the built site), and the comments that name them go too. Only the last
# line is looked at (where the comment always is): scanning whole bundles cost more than the rest of
# this hook together.
@event_priority(-100)  # last: after the search plugin has written its index into the staging folder
def on_post_build(config: MkDocsConfig) -> None:
    _drop_source_maps(config)
    staged = _state.pop("staging", None)
    if staged is None:
        return
    staging, out = staged  # type: ignore[misc]
    if config.strict and any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers):
        staging.abort()  # strict mode fails the build right after this event: keep the old site
    else:
        try:
            staging.commit()
        except outdir.OutputError as e:
            raise PluginError(f"site_dir: {e}") from None
    config.site_dir = out


def _drop_source_maps(config: MkDocsConfig) -> None:
    assets = Path(config.site_dir) / "assets"
    for path in sorted(assets.rglob("*.map")):
        path.unlink()
        built = path.with_suffix("")  # main.css.map → main.css
        if built.is_file():
            data = built.read_bytes()
            head, _, last = data.rstrip().rpartition(b"\n")
            if _SOURCE_MAP.fullmatch(last):
                built.write_bytes(head)


_SOURCE_MAP = re.compile(rb"(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)")
