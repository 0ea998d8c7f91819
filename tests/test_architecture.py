"""The import graph of scripts/: no cycles, stage packages import only downward, and each package says
what enters it and what leaves it (its ``__init__`` docstring)."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPTS = ROOT / "scripts"
# The stage packages, from the bottom up: each may import those before it, never one after it.
STAGES = ("source", "render", "editions", "publish")
TOP = len(STAGES)  # scripts/__init__.py, __main__.py and cli.py: above every stage


def modules(root: Path = SCRIPTS) -> dict[str, Path]:
    """Every module of the package, by dotted name (a package by its own name)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``name`` imports, at the top or inside a function (relative imports resolved)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [(a.name, None) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                where = f"{base}.{node.module}" if node.module else base
            else:
                where = node.module or ""
            targets = [(where, a.name) for a in node.names]
        else:
            continue
        for where, member in targets:
            # `from . import cite` names a module; `from .model import Statement` names something in one.
            target = f"{where}.{member}" if member and f"{where}.{member}" in known else where
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph(root: Path = SCRIPTS) -> dict[str, set[str]]:
    mods = modules(root)
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def stage(name: str) -> int:
    """Where a module sits: the index of its stage package, or TOP for the modules at the top of scripts/."""
    parts = name.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else TOP


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Every import of a later stage by an earlier one (a package importing its own modules is fine)."""
    return sorted(f"{a} → {b}" for a, targets in edges.items() for b in targets if stage(b) > stage(a))


def cycles(edges: dict[str, set[str]]) -> list[str]:
    try:
        graphlib.TopologicalSorter(edges).prepare()
    except graphlib.CycleError as e:
        return list(e.args[1])
    return []


GRAPH = graph()


def test_the_graph_sees_the_imports_it_checks() -> None:
    # Relative, absolute and in-function imports are all resolved, so the checks below cannot pass on an empty graph.
    assert "scripts.source.model" in GRAPH["scripts.render.pages"]  # from ..source.model import …
    assert "scripts.render.cite" in GRAPH["scripts.render.pages"]  # from . import cite
    assert "scripts.publish.sitesource" in GRAPH["scripts.publish.hook"]  # from scripts.publish import sitesource (absolute: MkDocs loads it by path)
    assert "scripts.source.yamldoc" in GRAPH["scripts.source.translations"]  # from .yamldoc import parse, inside a function
    assert "scripts.cli" in GRAPH["scripts.__main__"]


def test_there_are_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_stage_packages_import_only_downward() -> None:
    assert upward(GRAPH) == []


def test_every_package_with_code_is_a_stage() -> None:
    # A new package must take its place in STAGES (the data folders schemas/, locale/ and fonts/ hold no code).
    packages = {p.parent.name for p in SCRIPTS.glob("*/*.py")}
    assert packages == set(STAGES)


@pytest.mark.parametrize("package", STAGES)
def test_each_package_says_what_enters_and_leaves_and_names_its_modules(package: str) -> None:
    doc = ast.get_docstring(ast.parse((SCRIPTS / package / "__init__.py").read_text(encoding="utf-8"))) or ""
    assert "\nEnters: " in doc and "\nLeaves: " in doc, doc
    listed = {line.split()[0] for line in doc.splitlines() if line.startswith("    ") and line.split()[0].endswith(".py")}
    assert listed == {p.name for p in (SCRIPTS / package).glob("*.py") if p.name != "__init__.py"}


def test_the_checks_catch_a_cycle_and_an_upward_import(tmp_path: Path) -> None:
    # The same functions on a made-up package: source/a imports render/b, which imports source/a back.
    root = tmp_path / "scripts"
    for folder in ("source", "render"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("", encoding="utf-8")
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "source" / "a.py").write_text("from ..render import b\n", encoding="utf-8")
    (root / "render" / "b.py").write_text("def f():\n    from ..source.a import x\n", encoding="utf-8")
    edges = graph(root)
    assert upward(edges) == ["scripts.source.a → scripts.render.b"]
    assert set(cycles(edges)) == {"scripts.source.a", "scripts.render.b"}
