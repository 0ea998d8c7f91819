"""MkDocs hook: render statement/ into the build as generated pages (nothing is written to docs/), build the
Japanese and Korean editions in-process, and swap the whole site in only when it is complete.

MkDocs loads this file once per process (``serve``'s rebuilds reuse it) and calls the ``on_*`` names
below, which are the methods of one ``Hook``: the build's state lives on that instance, set afresh by
``on_config`` for each build.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from scripts.editions import config as edition_config
from scripts.editions import pages as editions
from scripts.publish import output, sitesource
from scripts.publish.addresses import site_url_problem
from scripts.render.messages import EN
from scripts.source import changelog
from scripts.source.model import Statement
from scripts.source.problems import ContentError, Problem
from scripts.source.published import read_published
from scripts.source.statement import load_statement

if TYPE_CHECKING:  # `mkdocs build` never imports the live-reload server (50 ms); only `serve` does
    from mkdocs.livereload import LiveReloadServer


class Hook:
    """One build: the statement, its content date, the project's mkdocs.yml mapping, the staging folder."""

    def __init__(self) -> None:
        self.serve = self.dirty = False
        self.statement: Statement | None = None
        self.published: dict[str, tuple[int, str]] | None = None
        self.date = ""
        self.project: dict[str, Any] = {}
        self.staging: output.Staging | None = None
        self.out = ""

    def on_startup(self, command: str, dirty: bool) -> None:
        self.serve, self.dirty = command == "serve", dirty

    # Load and check the statement before anything is built (so a failure never cleans the site); the
    # navigation, the glossary and the template words are the English edition's config
    # (editions/config.py), as in the mkdocs.yml that `python -m scripts render` writes.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if problem := site_url_problem(config.site_url):
            raise PluginError(f"site_url (mkdocs.yml, or the SITE_URL environment variable): {problem}")
        config_file = Path(config.config_file_path)
        root = config_file.parent / "statement"
        try:  # before anything is read or cleaned: the site_dir must be a folder this build may replace
            out = output.check(Path(config.site_dir), project=config_file.parent,
                               sources=output.sources(config_file.parent, root, Path(config.docs_dir)))
        except output.OutputError as e:
            raise PluginError(f"site_dir: {e}") from None
        try:
            # Stale, missing or orphaned translations stop a build, but only warn in serve: editing the English
            # must not stop the server.
            st = load_statement(root, drift=_warn_drift if self.serve else None)
        except ContentError as e:
            _fail(e)
        self.statement, self.published = st, read_published(root)[0]
        self.date = sitesource.day(sitesource.content_epoch(root, changelog.content_date(st)))
        self.project = sitesource.read_config(config_file)
        english = edition_config.config({**self.project, "site_url": config.site_url}, st, "en", EN, self.published)
        config.nav = english["nav"]
        config.extra.update(english["extra"])
        # Glossary abbreviations become <abbr title> tooltips on every page (abbr's own glossary option).
        config.mdx_configs.setdefault("abbr", {}).update(
            next(ext["abbr"] for ext in english["markdown_extensions"] if edition_config.name(ext) == "abbr"))
        # MkDocs empties site_dir first and writes into it page by page, so a failure (or Ctrl-C) left a
        # half-written site: build into a staging folder beside it and swap it in complete in on_post_build.
        # A --dirty build keeps its files; serve's folder is its own (no lock).
        if not self.dirty:
            self.staging, self.out = output.Staging(out, lock=not self.serve), str(out)
            try:
                config.site_dir = str(self.staging.start())
            except output.OutputError as e:
                raise PluginError(f"site_dir: {e}") from None
        return config

    # A failed build, or one stopped by a signal or Ctrl-C (which MkDocs does not report as an error, but its
    # command line ends with on_shutdown): the staging folder goes, the site stays as it was.
    def on_build_error(self, error: Exception) -> None:
        self._abort()

    def on_shutdown(self) -> None:
        self._abort()

    def _abort(self) -> None:
        if self.staging is not None:
            self.staging.abort()
            self.staging = None

    # mkdocs serve blocks every request while a rebuild has failed; a content error fails before the site
    # folder is cleaned, so let the server go on serving the last good site until the file is fixed.
    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
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

    # The rendered pages and data files, as generated files: they exist only in the build.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.statement is not None
        project = Path(config.config_file_path).parent
        try:
            made = self._generated(config, project)
        except ContentError as e:
            _fail(e)
        if found := sitesource.clashes(Path(config.docs_dir), {f.src_uri for f in files}, made):
            _fail(ContentError(found))
        return _with_generated(files, config, made)

    def _generated(self, config: MkDocsConfig, project: Path) -> dict[str, str | bytes]:
        assert self.statement is not None
        return sitesource.generated(
            self.statement, config.site_url or None, self.date, project / sitesource.CARD_CACHE, config.site_name,
            project / sitesource.CITE_CACHE, lambda note: print(f"WARNING: {note}", file=sys.stderr, flush=True),
            project / sitesource.PDF_CACHE, lenient=self.serve,
        )

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        return _jinja_cache(env, config)

    # The sitemap's lastmod (and the .gz header made from it) must not be the day of the build: every page
    # carries the content date (SOURCE_DATE_EPOCH, else the last commit that touched statement/; see
    # sitesource.content_epoch). A rendered site source gets the same date from the SOURCE_DATE_EPOCH file.
    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        page.update_date = self.date
        return page

    @event_priority(-100)  # last: after the search plugin has written its index into the staging folder
    def on_post_build(self, config: MkDocsConfig) -> None:
        _drop_source_maps(config)
        try:
            self._build_editions(config)
        except BaseException:
            self._abort()
            raise
        if self.staging is None:
            return
        staging, self.staging = self.staging, None
        if config.strict and any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers):
            staging.abort()  # strict mode fails the build right after this event: keep the old site
        else:
            try:
                staging.commit()
            except output.OutputError as e:
                raise PluginError(f"site_dir: {e}") from None
            except output.Interrupted as e:  # after the swap: MkDocs would only say "Aborted!"
                print(e.report(self.out), file=sys.stderr, flush=True)
                raise
        config.site_dir = self.out

    # The Japanese and Korean editions: each its own MkDocs build (its own interface language, <html lang> and
    # search index), in-process, into site/<lang>/ inside this build's staging folder, so all three are swapped
    # in together. Their config is the mapping `python -m scripts render OUT` writes to OUT/mkdocs.<lang>.yml,
    # handed to MkDocs as it is; the pages come from sitesource.edition_files, as the English ones from on_files.
    def _build_editions(self, config: MkDocsConfig) -> None:
        from mkdocs.commands.build import build

        st = self.statement
        assert st is not None
        config_file = Path(config.config_file_path)
        uis = editions.uis(st)
        for lang, ui in uis.items():
            mapping = edition_config.plain(edition_config.config(self.project, st, lang, ui, self.published))
            mapping["site_dir"] = str(Path(config.site_dir) / lang)
            made, notes = sitesource.edition_files(st, lang, config.site_url or None, self.date, ui, config_file.parent, config.site_name)
            for note in notes:
                print(f"WARNING: {note}", file=sys.stderr, flush=True)
            cfg = _load(mapping, config_file, lang)
            cfg.plugins["statement-edition"] = _Edition(made, self.date)
            build(cfg, dirty=self.dirty)
            _drop_source_maps(cfg)
        found = [p for ui in uis.values() for p in editions.missing_messages(ui)]
        if found and self.serve:
            print("\n".join(map(str, found)), file=sys.stderr, flush=True)
            print(f"WARNING: {len(found)} interface catalog problem(s) (above); those messages are shown in English. `make build` and `make test` fail "
                  "until they are fixed.", file=sys.stderr, flush=True)
        elif found:
            _fail(ContentError(found, editions.CATALOGS))


_hook = Hook()
on_startup, on_config, on_build_error, on_shutdown = _hook.on_startup, _hook.on_config, _hook.on_build_error, _hook.on_shutdown
on_serve, on_files, on_env, on_pre_page, on_post_build = _hook.on_serve, _hook.on_files, _hook.on_env, _hook.on_pre_page, _hook.on_post_build


class _Edition(BasePlugin):
    """The hook's work for an edition's build: its generated pages, the content date, the Jinja cache."""

    def __init__(self, made: dict[str, str | bytes], date: str) -> None:
        super().__init__()
        self.made, self.date = made, date

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return _with_generated(files, config, self.made)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        return _jinja_cache(env, config)

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        page.update_date = self.date
        return page


def _fail(error: ContentError) -> NoReturn:
    """The problem lines exactly as `python -m scripts check` prints them (no log prefix, no wrapping), then the
    summary as a PluginError: build and serve's rebuild report it without a traceback, and serve keeps the last
    good site (a plain SystemExit would kill serve's rebuild thread)."""
    *lines, summary = error.report().splitlines()
    print("\n".join(lines), file=sys.stderr, flush=True)
    raise PluginError(summary) from None


def _warn_drift(found: list[Problem]) -> None:
    print("\n".join(map(str, found)), file=sys.stderr, flush=True)
    print(f"WARNING: {len(found)} translation problem{'s' if len(found) != 1 else ''} (stale, missing or orphaned); "
          "serving anyway. `make translations` lists them; `make build` and `make test` fail until they are fixed.", file=sys.stderr, flush=True)


def _load(mapping: dict[str, Any], config_file: Path, lang: str) -> MkDocsConfig:
    """An edition's mapping as MkDocs' own config, validated as `mkdocs build` validates mkdocs.yml."""
    cfg = MkDocsConfig(config_file_path=str(config_file))
    cfg.load_dict(mapping)
    errors, warnings = cfg.validate()
    if errors or (cfg.strict and warnings):
        raise PluginError(f"the {lang} edition's configuration: " + "; ".join(f"{key}: {message}" for key, message in [*errors, *warnings]))
    return cfg


def _with_generated(files: Files, config: MkDocsConfig, made: dict[str, str | bytes]) -> Files:
    """``files`` and the generated ones, in the order MkDocs walks a docs folder, so the search index and sitemap
    list pages exactly as a build of the rendered site source does."""
    added = [File.generated(config, path, content=content) for path, content in made.items()]
    return Files(sorted([*files, *added], key=lambda f: _walk_order(f.src_uri)))


def _walk_order(path: str) -> tuple[tuple[int, bool, str], ...]:
    *folders, name = path.split("/")
    return (*((1, False, d) for d in folders), (0, name.rsplit(".", 1)[0] not in ("index", "README"), name))


# Material's templates are compiled on every build (MkDocs keeps no Jinja cache), which is about a sixth
# of `mkdocs build`. Compiled templates are kept in .cache/jinja (Material's cache folder, git-ignored);
# Jinja checks each template's source against a checksum, so an edited template is compiled afresh.
# Where the folder cannot be written (a read-only checkout), templates are compiled as before.
def _jinja_cache(env: Environment, config: MkDocsConfig) -> Environment:
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env
    if os.access(folder, os.W_OK | os.X_OK):
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


# Theme source maps are fetched only by open developer tools; no reader loads them, so they are not
# shipped (about 1.2 MB of the built site), and the comments that name them go too. Only the last
# line is looked at (where the comment always is): scanning whole bundles cost more than the rest of
# this hook together.
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
