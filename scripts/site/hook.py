"""MkDocs hook: render statement/ into the build as generated pages (nothing is written to docs/)."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from scripts.editions import pages as editions
from scripts.site import output, sitesource
from scripts.site.addresses import known_ids, site_url_problem
from scripts.source import changelog
from scripts.source.problems import ContentError, Problem
from scripts.source.published import read_published
from scripts.source.statement import load_statement

if TYPE_CHECKING:  # `mkdocs build` never imports the live-reload server (50 ms); only `serve` does
    from mkdocs.livereload import LiveReloadServer

_state: dict[str, object] = {}


# Load and check the statement before anything is built (so a failure never cleans the site); the nav and
# the glossary come from sitesource.overlay, as in the mkdocs.yml that `python -m scripts render` writes.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if problem := site_url_problem(config.site_url):
        raise PluginError(f"site_url (mkdocs.yml, or the SITE_URL environment variable): {problem}")
    project = Path(config.config_file_path).parent
    root = project / "statement"
    try:  # before anything is read or cleaned: the site_dir must be a folder this build may replace
        out = output.check(Path(config.site_dir), project=project, sources=output.sources(project, root, Path(config.docs_dir)))
    except output.OutputError as e:
        raise PluginError(f"site_dir: {e}") from None
    try:
        # Stale, missing or orphaned translations stop a build, but only warn in serve: editing the English
        # must not stop the server.
        st = load_statement(root, drift=_warn_drift if _state.get("serve") else None)
    except ContentError as e:
        # The problem lines go out exactly as `python -m scripts check` prints them (no log prefix, no
        # wrapping); PluginError makes build and serve's rebuild report the summary without a traceback,
        # and serve keeps the last good site (a plain SystemExit would kill serve's rebuild thread).
        *lines, summary = e.report().splitlines()
        print("\n".join(lines), file=sys.stderr, flush=True)
        raise PluginError(summary) from None
    _state["statement"] = st
    _state["published"] = read_published(root)[0]
    _state["date"] = sitesource.day(sitesource.content_epoch(root, changelog.content_date(st)))
    add = sitesource.overlay(st, known_ids(st, _state["published"]), config.site_url or None)  # type: ignore[arg-type]
    config.nav = add["nav"]
    # Glossary abbreviations become <abbr title> tooltips on every page (abbr's own glossary option).
    config.mdx_configs.setdefault("abbr", {}).update(add["abbr"])
    config.extra.update(add["extra"])
    _stage(config, out)
    return config


def _warn_drift(found: list[Problem]) -> None:
    print("\n".join(map(str, found)), file=sys.stderr, flush=True)
    print(f"WARNING: {len(found)} translation problem{'s' if len(found) != 1 else ''} (stale, missing or orphaned); "
          "serving anyway. `make translations` lists them; `make build` and `make test` fail until they are fixed.", file=sys.stderr, flush=True)


# MkDocs empties site_dir first and writes into it page by page, so a failure (or Ctrl-C) left a
# half-written site: build into a staging folder beside it and swap it in complete in on_post_build.
# `python -m scripts build-site` stages itself (STATEMENT_STAGED); a --dirty build keeps its files.
def on_startup(command: str, dirty: bool) -> None:
    _state["serve"], _state["dirty"] = command == "serve", dirty


def _stage(config: MkDocsConfig, out: Path) -> None:
    staged = os.environ.get("STATEMENT_STAGED")
    if _state.get("dirty") or (staged and Path(staged).resolve() == out):
        return
    staging = output.Staging(out, lock=not _state.get("serve"))  # serve's folder is its own
    try:
        config.site_dir = str(staging.start())
    except output.OutputError as e:
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
    project = Path(config.config_file_path).parent
    generated = sitesource.generated(
        _state["statement"], config.site_url or None, str(_state["date"]), project / sitesource.CARD_CACHE, config.site_name,  # type: ignore[arg-type]
        project / sitesource.CITE_CACHE, lambda note: print(f"WARNING: {note}", file=sys.stderr, flush=True),
    )
    if found := sitesource.clashes(Path(config.docs_dir), {f.src_uri for f in files}, generated):
        *lines, summary = ContentError(found).report().splitlines()
        print("\n".join(lines), file=sys.stderr, flush=True)
        raise PluginError(summary)
    added = [File.generated(config, path, content=content) for path, content in generated.items()]
    # In the order MkDocs walks a docs folder, so the search index and sitemap list pages exactly as a
    # build of the rendered site source does.
    return Files(sorted([*files, *added], key=lambda f: _walk_order(f.src_uri)))


def _walk_order(path: str) -> tuple[tuple[int, bool, str], ...]:
    *folders, name = path.split("/")
    return (*((1, False, d) for d in folders), (0, name.rsplit(".", 1)[0] not in ("index", "README"), name))



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


# The sitemap's lastmod (and the .gz header made from it) must not be the day of the build: every page
# carries the content date (SOURCE_DATE_EPOCH, else the last commit that touched statement/; see
# sitesource.content_epoch). A rendered site source gets the same date from the SOURCE_DATE_EPOCH file.
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    page.update_date = str(_state["date"])
    return page


# Theme source maps are fetched only by open developer tools; no reader loads them, so they are not
# shipped (about 1.2 MB of the built site), and the comments that name them go too. Only the last
# line is looked at (where the comment always is): scanning whole bundles cost more than the rest of
# this hook together.
@event_priority(-100)  # last: after the search plugin has written its index into the staging folder
def on_post_build(config: MkDocsConfig) -> None:
    _drop_source_maps(config)
    try:
        _build_editions(config)
    except BaseException:
        if staged := _state.pop("staging", None):
            staged[0].abort()  # type: ignore[index]
        raise
    staged = _state.pop("staging", None)
    if staged is None:
        return
    staging, out = staged  # type: ignore[misc]
    if config.strict and any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers):
        staging.abort()  # strict mode fails the build right after this event: keep the old site
    else:
        try:
            staging.commit()
        except output.OutputError as e:
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


# The Japanese and Korean editions: each its own MkDocs build (its own interface language, <html lang> and
# search index), in-process, into site/<lang>/ inside this build's staging folder, so all three are swapped
# in together. Their mkdocs.yml is the one `python -m scripts render OUT` writes to OUT/mkdocs.<lang>.yml; the
# pages come from sitesource.edition_files through a small plugin, as the English ones come from on_files.
def _build_editions(config: MkDocsConfig) -> None:
    import io

    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    st = _state["statement"]
    project = Path(config.config_file_path)
    uis = editions.uis(st)  # type: ignore[arg-type]
    for lang, ui in uis.items():
        mapping = sitesource.edition_config(project.parent, sitesource.read_config(project), st, lang, ui, _state["published"])  # type: ignore[arg-type]
        mapping["site_dir"] = str(Path(config.site_dir) / lang)  # no hooks or watch: sitesource.apply drops them
        made, notes = sitesource.edition_files(st, lang, config.site_url or None, str(_state["date"]), ui, project.parent, config.site_name)  # type: ignore[arg-type]
        for note in notes:
            print(f"WARNING: {note}", file=sys.stderr, flush=True)
        stream = io.StringIO(yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False))
        cfg = load_config(config_file=stream, config_file_path=str(project))
        cfg.plugins["statement-edition"] = _Edition(made, str(_state["date"]))
        build(cfg, dirty=bool(_state.get("dirty")))
        _drop_source_maps(cfg)
    found = [p for ui in uis.values() for p in editions.missing_messages(ui)]
    if found and _state.get("serve"):
        print("\n".join(map(str, found)), file=sys.stderr, flush=True)
        print(f"WARNING: {len(found)} interface catalog problem(s) (above); those messages are shown in English. `make build` and `make test` fail "
              "until they are fixed.", file=sys.stderr, flush=True)
    elif found:
        *lines, summary = ContentError(found, editions.CATALOGS).report().splitlines()
        print("\n".join(lines), file=sys.stderr, flush=True)
        raise PluginError(summary)


class _Edition(BasePlugin):
    """The English hook's work for an edition's build: its generated pages, the content date, the Jinja cache."""

    def __init__(self, made: dict[str, str | bytes], date: str) -> None:
        super().__init__()
        self.made, self.date = made, date

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        added = [File.generated(config, path, content=content) for path, content in self.made.items()]
        return Files(sorted([*files, *added], key=lambda f: _walk_order(f.src_uri)))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        return on_env(env, config, files)

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        page.update_date = self.date
        return page
