"""The install is reproducible and quiet: requirements.lock agrees with pyproject.toml; packaging warns of nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([A-Za-z0-9,._-]+)\])?==(\S+) \\$")
VIA = re.compile(r"#\s+(?:via\s+)?trilateral-statement \(pyproject\.toml(?:::build-system\.requires)?\)")


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    texts = [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["test"], *project["build-system"]["requires"]]
    return [Requirement(t) for t in texts]


def locked() -> dict[str, tuple[str, list[str], list[str]]]:
    """name → (version, hashes, the 'via' comment lines) for every pin in the lock."""
    out: dict[str, tuple[str, list[str], list[str]]] = {}
    current = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            current = canonicalize_name(m[1])
            out[current] = (m[3], [], [])
        elif current and line.strip().startswith("--hash=sha256:"):
            out[current][1].append(line.strip())
        elif current and line.strip().startswith("#"):
            out[current][2].append(line.strip())
        elif line and not line.startswith(" ") and not line.startswith("#"):
            raise AssertionError(f"requirements.lock: unexpected line {line!r}")
    return out


def test_every_declared_dependency_is_locked_at_a_version_it_allows() -> None:
    pins = locked()
    wrong = []
    for req in declared():
        name = canonicalize_name(req.name)
        if name not in pins:
            wrong.append(f"{req}: not in requirements.lock")
        elif not req.specifier.contains(pins[name][0], prereleases=True):
            wrong.append(f"{req}: the lock pins {pins[name][0]}")
    assert not wrong, "pyproject.toml and requirements.lock disagree (run `make lock`):\n" + "\n".join(wrong)


def test_the_lock_holds_no_direct_dependency_pyproject_dropped() -> None:
    direct = {name for name, (_, _, via) in locked().items() if any(VIA.search(v) for v in via)}
    assert direct == {canonicalize_name(r.name) for r in declared()}, "run `make lock`"


def test_every_pin_is_exact_and_hashed() -> None:
    pins = locked()
    assert len(pins) > 30
    assert all(hashes for _, hashes, _ in pins.values()), [n for n, (_, h, _) in pins.items() if not h]
    text = LOCK.read_text(encoding="utf-8")
    assert not re.search(r"^\S+(>=|<=|~=|>|<)", text, re.M), "only exact pins"


def locked_extras() -> dict[str, set[str]]:
    """name → the extras the lock pins it with (``fonttools[woff]==…``)."""
    out: dict[str, set[str]] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            out[canonicalize_name(m[1])] = {canonicalize_name(x) for x in (m[2] or "").split(",") if x}
    return out


# pip --require-hashes refuses a dependency's `name[extra]` unless the lock pins it with that extra: a lock
# written with --strip-extras installed into this venv (fonttools was already there) but not into a fresh one.
def test_every_extra_a_locked_package_asks_for_is_pinned_with_it() -> None:
    from importlib.metadata import distribution

    extras = locked_extras()
    missing = []
    for name in extras:
        for text in distribution(name).requires or []:
            req = Requirement(text)
            if req.marker and not req.marker.evaluate({"extra": ""}):
                continue  # only for an extra of this package, or another platform
            wanted = {canonicalize_name(x) for x in req.extras}
            if canonicalize_name(req.name) in extras and not wanted <= extras[canonicalize_name(req.name)]:
                missing.append(f"{name} needs {req.name}[{','.join(sorted(wanted))}]")
    assert not missing, "the lock strips extras pip needs (make lock writes them with --no-strip-extras):\n" + "\n".join(missing)


def test_the_install_uses_the_lock_with_hashes_then_the_project_alone() -> None:
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in make
    assert "--no-deps" in make and "pip install --quiet --upgrade pip" not in make


@pytest.mark.build
def test_building_the_package_warns_of_nothing_and_ships_the_schemas(tmp_path: Path) -> None:
    # Built from a copy: setuptools writes build/ and *.egg-info next to pyproject.toml.
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "pyproject.toml", src)
    shutil.copytree(ROOT / "scripts", src / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from setuptools import build_meta as b; print(b.build_wheel(sys.argv[1]))", str(tmp_path / "dist")],
        cwd=src, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "absent from the `packages` configuration" not in done.stdout + done.stderr
    assert "Warning" not in done.stderr, done.stderr[-2000:]
    names = zipfile.ZipFile(tmp_path / "dist" / done.stdout.strip().splitlines()[-1]).namelist()
    assert "scripts/schemas/section.schema.json" in names and "scripts/publish/sitesource.py" in names
    assert "scripts/render/cite.html" in names  # the Cite block's template
