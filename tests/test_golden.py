"""Golden test: a small fixture statement renders to the expected Markdown, byte for byte.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import FIXTURES
from scripts.render.pages import render
from scripts.source.statement import load_statement

CASE = FIXTURES / "pass" / "minimal"


def expected_pages(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


# Rendered pages against the golden folder, byte for byte (UPDATE_GOLDEN=1 writes them there first).
def _compare_golden(pages: dict[str, str], expected: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in pages.items():
            (expected / path).parent.mkdir(parents=True, exist_ok=True)
            (expected / path).write_text(text, encoding="utf-8", newline="\n")
    assert sorted(pages) == sorted(expected_pages(expected))
    for path, text in expected_pages(expected).items():
        assert pages[path] == text, f"{path} differs from the golden file"


def test_minimal_statement_renders_to_expected_markdown() -> None:
    pages = render(load_statement(CASE / "statement"))
    expected = CASE / "expected"
    _compare_golden(pages, expected)


def test_render_is_deterministic() -> None:
    st = load_statement(CASE / "statement")
    assert render(st) == render(load_statement(CASE / "statement"))
    assert list(render(st)) == sorted(render(st))


TRANSLATED = FIXTURES / "pass" / "translated"


def test_side_by_side_pages_render_to_expected_markdown() -> None:
    # Each edition's side-by-side pages (scripts/render/compare.py) of the translated fixture, byte for byte.
    from scripts.editions.pages import localized
    from scripts.render import compare
    from scripts.render.messages import EN, load

    st = load_statement(TRANSLATED / "statement")
    pages = {
        f"{lang}/{path}": text
        for lang in ("en", "ja", "ko")
        for path, text in compare.pages(localized(st), EN if lang == "en" else load(lang), None, "" if lang == "en" else "../").items()
    }
    expected = TRANSLATED / "expected-compare"
    _compare_golden(pages, expected)
