"""MkDocs hook: render statement/ into the build as generated pages (nothing is written to docs/)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from scripts.glossary import abbr_config
from scripts.pipeline import load_statement
from scripts.problems import ContentError
from scripts.render import nav, render

log = logging.getLogger("mkdocs.hooks.statement")
_state: dict[str, object] = {"command": "build"}


# Remember whether we are serving: a rebuild error must then keep the last good site up.
def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


# Load and check the statement before anything is built; the nav follows its section order.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent / "statement"
    try:
        st = load_statement(root)
    except ContentError as e:
        if _state["command"] == "serve":
            # SystemExit is the one error mkdocs serve reports without a traceback.
            raise SystemExit(e.report()) from None
        raise PluginError(e.report()) from None
    _state["statement"] = st
    config.nav = nav(st)
    # Glossary abbreviations become <abbr title> tooltips on every page (abbr's own glossary option).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbr_config(st)
    return config


# Add the rendered pages as generated files, so they exist only in the build.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, markdown in render(_state["statement"]).items():  # type: ignore[arg-type]
        files.append(File.generated(config, path, content=markdown))
    return files
