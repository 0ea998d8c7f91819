"""Same statement, same bytes: the build depends neither on the day, the locale, the time zone,
the hash seed nor the order in which the file system lists statement/."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import DEPLOYED, DEPLOYED_ENV, STATEMENT, copy_for_make, make_build
from scripts.source.changelog import content_date
from scripts.source.statement import load_statement


def _copy_reversed(src: Path, dest: Path) -> None:
    # Create the files in reverse order, so a directory listing in creation order differs from the original.
    files = sorted((p for p in src.rglob("*") if p.is_file()), reverse=True)
    for p in files:
        target = dest / p.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)


def _build_reversed(tmp: Path, env: dict[str, str]) -> Path:
    """The deployed build's command (`make build SITE_URL=DEPLOYED`, whose sitemap lists every page with its
    lastmod) in a copy whose statement/ files were created in reverse order, in another environment."""
    stamp = copy_for_make(tmp)
    shutil.rmtree(tmp / "statement")
    _copy_reversed(STATEMENT, tmp / "statement")
    done = make_build(tmp, stamp, f"SITE_URL={DEPLOYED}", env=env)
    assert done.returncode == 0, done.stderr
    return tmp / "site"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(deployed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    # The first is the session's deployed build, made with conftest.DEPLOYED_ENV (LC_ALL=C.UTF-8,
    # TZ=Pacific/Kiritimati, PYTHONHASHSEED=1); the second differs in all three and in the listing order.
    assert DEPLOYED_ENV == {"LC_ALL": "C.UTF-8", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "1"}
    b = _build_reversed(tmp_path_factory.mktemp("b"), {"LC_ALL": "C", "LANG": "C", "TZ": "Etc/GMT+12", "PYTHONHASHSEED": "2"})
    return deployed_site, b


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    a, b = (_tree(s) for s in two_builds)
    assert sorted(a) == sorted(b)
    different = [path for path in a if a[path] != b[path]]
    assert different == [], f"differ between builds: {different[:10]}"
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a


@pytest.mark.build
def test_sitemap_dates_are_not_the_build_day(two_builds: tuple[Path, Path]) -> None:
    # Outside a git checkout (these copies) every page carries the content date the statement gives
    # (the newest changelog entry's, else the statement's own), whatever the day of the build.
    sitemap = (two_builds[0] / "sitemap.xml").read_text(encoding="utf-8")
    expected = content_date(load_statement(STATEMENT))
    assert sitemap.count("<lastmod>") > 20
    assert all(entry.startswith(f"{expected}</lastmod>") for entry in sitemap.split("<lastmod>")[1:])
    today = datetime.now(UTC)
    for day in (today - timedelta(days=1), today, today + timedelta(days=1)):
        if day.strftime("%Y-%m-%d") != expected:  # the day a changelog entry is written, it is both
            assert day.strftime("%Y-%m-%d") not in sitemap
