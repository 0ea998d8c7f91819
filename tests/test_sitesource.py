"""`python -m scripts render OUT` writes a site source that builds without our code, into the same pages as the hook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DEPLOYED, FIXTURES, ROOT, STATEMENT, make_project, quiet_env
from scripts.cli import write_pages
from scripts.publish import sitesource
from scripts.render.pages import nav
from scripts.source.changelog import content_date
from scripts.source.problems import ContentError
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
SITE_URL = DEPLOYED


def render_source(project: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts", "render", str(out)], cwd=project,
        env={**quiet_env(), "PYTHONPATH": str(ROOT), **(env or {})}, capture_output=True, text=True, timeout=120,
    )


def mkdocs(config: Path, out: Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(out)],
        cwd=config.parent, env={**quiet_env(), **(env or {})}, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr


def compared(site: Path) -> dict[str, bytes]:
    # Every page, the search index, the sitemap and the data files. Theme assets differ on purpose: the hook
    # also drops source maps after the build (README: what each path loses).
    keep = {".html", ".xml", ".json", ".csv", ".gz"}
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in keep and not p.relative_to(site).as_posix().startswith("assets/")
    }


@pytest.fixture(scope="module")
def both(deployed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The hook's build (the session's deployed build: `make build SITE_URL=…` in a project copy outside git) and
    MkDocs' build of the source `render` writes from the same project, for the same address (no hook)."""
    project = deployed_site.parent
    hooked = deployed_site
    src = tmp_path_factory.mktemp("rendered") / "src"
    done = render_source(project, src, {"SITE_URL": SITE_URL})
    assert done.returncode == 0, done.stderr
    rendered = src.parent / "site"
    epoch = (src / sitesource.EPOCH_FILE).read_text(encoding="utf-8").strip()
    mkdocs(src / "mkdocs.yml", rendered, {"SOURCE_DATE_EPOCH": epoch})
    for lang in ("ja", "ko"):  # each edition a site source of its own, built after the English one
        mkdocs(src / f"mkdocs.{lang}.yml", rendered / lang, {"SOURCE_DATE_EPOCH": epoch})
    return src, hooked, rendered


@pytest.mark.build
def test_rendered_source_builds_the_same_pages_as_the_hook(both: tuple[Path, Path, Path]) -> None:
    _, hooked, rendered = both
    a, b = compared(hooked), compared(rendered)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    assert len([p for p in a if p.endswith(".html")]) >= 50
    assert len([p for p in a if p.startswith("ja/") and p.endswith(".html")]) >= 50
    assert len([p for p in a if p.startswith("ko/") and p.endswith(".html")]) >= 50
    # Outside git, both carry the statement's content date (render passes it on in its SOURCE_DATE_EPOCH file).
    assert f"<lastmod>{content_date(ST)}</lastmod>".encode() in b["sitemap.xml"]


@pytest.mark.build
def test_rendered_config_is_complete_and_names_none_of_our_code(both: tuple[Path, Path, Path]) -> None:
    src = both[0]
    config = yaml.safe_load((src / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "watch" not in config and "INHERIT" not in config
    assert config["nav"] == nav(ST)
    assert config["site_url"] == SITE_URL
    assert config["theme"]["custom_dir"] == "overrides" and (src / "overrides" / "main.html").is_file()
    abbr = next(e["abbr"] for e in config["markdown_extensions"] if isinstance(e, dict) and "abbr" in e)
    assert abbr["glossary"]["DPRK"].startswith("Democratic People's Republic of Korea")
    assert config["not_in_nav"].split() == ["/c/", "/compare/ja.md", "/compare/ko.md"]
    for c in ST.commitments:
        assert (src / "docs" / "c" / f"{c.id}.md").is_file()
    for name in ("statement.json", "commitments.csv", "schema.json"):
        assert (src / "docs" / "data" / name).is_file()
    assert (src / "docs" / "assets" / "stylesheets" / "statement.css").is_file()
    assert not list(src.rglob("*.py")), "no code of ours in the site source"
    for lang in ("ja", "ko"):
        edition = yaml.safe_load((src / f"mkdocs.{lang}.yml").read_text(encoding="utf-8"))
        assert "hooks" not in edition and "watch" not in edition
        assert edition["site_url"] == f"{SITE_URL}{lang}/"
        assert edition["theme"]["language"] == lang and edition["theme"]["custom_dir"] == "overrides"
        assert [p["search"]["lang"] for p in edition["plugins"] if isinstance(p, dict) and "search" in p] == [[lang]]
        assert edition["extra"]["lang"] == lang
        assert edition["docs_dir"] == f"{lang}/docs" and edition["site_dir"] == f"site/{lang}"
        assert (src / lang / "docs" / "c" / "taiwan-strait-stability.md").is_file()
        assert not (src / lang / "docs" / "data").exists(), "the data files are published once, in English"


@pytest.mark.build
def test_site_url_comes_from_mkdocs_yml_and_its_environment(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    make_project(project, STATEMENT, extra_config="\nsite_url: !ENV [SITE_URL, 'https://default.example/']\n")
    done = render_source(project, tmp_path / "out", {"SITE_URL": "https://env.example/s/"})
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://env.example/s/"
    assert "https://env.example/s/c/" in (tmp_path / "out" / "docs" / "data" / "commitments.csv").read_text(encoding="utf-8")


@pytest.mark.build
def test_sitemap_date_is_the_content_date_never_the_build_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = tmp_path / "p"
    project.mkdir()
    make_project(project, STATEMENT)
    # Outside a git checkout: the statement's own date.
    assert sitesource.content_epoch(project / "statement", ST.date) == 1743638400  # 2025-04-03 00:00 UTC
    # In git: the last commit that touched statement/.
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "statement"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "s", "--date=@1800000000"], cwd=project, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "@1800000000"})
    assert sitesource.content_epoch(project / "statement", ST.date) == 1800000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743700000")
    assert sitesource.content_epoch(project / "statement", ST.date) == 1743700000
    assert sitesource.day(1743638400) == "2025-04-03"


@pytest.mark.build
def test_a_hand_written_file_never_hides_a_generated_one(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    make_project(project, STATEMENT)
    (project / "docs" / "commitments.md").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(ContentError) as e:
        sitesource.site_source(project, ST, project / "statement")
    assert "docs/commitments.md:1:1: a hand-written file where the build puts the page made from statement/" in e.value.report()
    done = render_source(project, tmp_path / "out")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_generated_bytes_are_written_as_they_are(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\r\n"
    write_pages({"docs/a.png": png, "docs/a.md": "line\n"}, tmp_path / "out")
    assert (tmp_path / "out" / "docs" / "a.png").read_bytes() == png
    assert (tmp_path / "out" / "docs" / "a.md").read_bytes() == b"line\n"


@pytest.mark.build
def test_material_end_of_life_notice_reaches_whoever_builds(tmp_path: Path) -> None:
    # Only tests that compare output silence it (conftest.quiet_env); make and the CLI pass it on.
    assert "NO_MKDOCS_2_WARNING" not in (ROOT / "Makefile").read_text(encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "SITE_URL")}
    make_project(tmp_path / "p", FIXTURES / "pass" / "minimal" / "statement")  # the notice is Material's, whatever the statement
    done = subprocess.run([sys.executable, "-m", "scripts", "build-site", str(tmp_path / "site")], cwd=tmp_path / "p",
                          env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Material for MkDocs reaches end of life" in done.stderr
