"""The hook's Jinja bytecode cache (.cache/jinja): same site with or without it, edits never served stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, make_project, mkdocs_build

# The cache holds compiled templates, whatever the statement: the small one builds in a fraction of the time.
# Every test here starts cold (cache=False), not with the session's shared cache the other project copies use.
MINIMAL = FIXTURES / "pass" / "minimal" / "statement"


def _cache(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "jinja").glob("*.cache"))


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_a_warm_cache_builds_the_same_site_as_a_cold_one(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", MINIMAL, cache=False)
    project = config.parent
    cold = mkdocs_build(tmp_path / "cold", config, cwd=project)
    assert cold.returncode == 0, cold.stderr
    cached = _cache(project)
    # Material's templates and ours (main.html, partials) are all compiled once and kept.
    assert len(cached) >= 20, cached
    warm = mkdocs_build(tmp_path / "warm", config, cwd=project)
    assert warm.returncode == 0, warm.stderr
    assert _cache(project) == cached
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")


@pytest.mark.build
def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", MINIMAL, cache=False)
    project = config.parent
    assert mkdocs_build(tmp_path / "before", config, cwd=project).returncode == 0
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '<meta name="theme-color" content="#4051b5">',
        '<meta name="theme-color" content="#4051b5"><meta name="x-edited" content="yes">',
    ), encoding="utf-8")
    done = mkdocs_build(tmp_path / "after", config, cwd=project)
    assert done.returncode == 0, done.stderr
    assert 'name="x-edited"' not in (tmp_path / "before" / "index.html").read_text(encoding="utf-8")
    assert 'name="x-edited"' in (tmp_path / "after" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", MINIMAL, cache=False)
    project = config.parent
    (project / ".cache").write_text("not a folder\n", encoding="utf-8")  # mkdir fails: the build goes on
    done = mkdocs_build(tmp_path / "site", config, cwd=project)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (project / ".cache").is_file()


@pytest.mark.build
def test_a_damaged_cache_file_is_recompiled(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", MINIMAL, cache=False)
    project = config.parent
    assert mkdocs_build(tmp_path / "first", config, cwd=project).returncode == 0
    for path in _cache(project):
        path.write_bytes(b"garbage")
    done = mkdocs_build(tmp_path / "second", config, cwd=project)
    assert done.returncode == 0, done.stderr
    assert _files(tmp_path / "second") == _files(tmp_path / "first")
