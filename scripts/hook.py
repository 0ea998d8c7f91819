"""MkDocs hook: render statement/ into the build as generated pages (nothing is written to docs/)."""

from __future__ import annotations

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
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from scripts import data
from scripts.glossary import abbr_config
from scripts.load import display
from scripts.pipeline import load_statement
from scripts.problems import ContentError
from scripts.render import nav, render

if TYPE_CHECKING:  # `mkdocs build` never imports the live-reload server (50 ms); only `serve` does
    from mkdocs.livereload import LiveReloadServer

_state: dict[str, object] = {}


# Load and check the statement before anything is built (so a failure never cleans the site);
# the nav follows its section order.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent / "statement"
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
    return config


# mkdocs serve blocks every request while a rebuild has failed; a content error fails before the site
# folder is cleaned, so let the server go on serving the last good site until the file is fixed.
def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    build = server.builder

    def keep_last_good_site() -> None:
        try:
            build()
        except Abort as e:
            if not (isinstance(e.__context__, PluginError) and isinstance(e.__context__.__context__, ContentError)):
                raise
            print("Still serving the last good site; fix the problems above and it rebuilds.", file=sys.stderr, flush=True)

    server.builder = keep_last_good_site
    return server


# Add the rendered pages and data files as generated files, so they exist only in the build.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    st = _state["statement"]
    site_url = config.site_url or None
    generated = {**render(st, site_url), **data.files(st, site_url)}  # type: ignore[arg-type]
    for path, content in generated.items():
        if files.get_file_from_path(path) is not None:  # Files.append would silently replace the hand-written one
            raise PluginError(f"{display(Path(config.docs_dir) / path)}: a hand-written file where the build puts the page made from statement/; rename it")
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
def on_post_build(config: MkDocsConfig) -> None:
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
