"""Under CI a missing browser, Lighthouse or CJK font fails the run; any true value of CI counts, not only "true"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import conftest


def outcome(check: Callable[[], None]) -> str:
    # A skip raised here must not skip this test: it is the result being tested.
    try:
        check()
    except pytest.fail.Exception:
        return "fail"
    except pytest.skip.Exception:
        return "skip"
    return "run"


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(conftest, "LIGHTHOUSE", tmp_path / "no-lighthouse.js")
    monkeypatch.setattr(conftest, "FC_LIST", str(tmp_path / "no-fc-list"))  # no fontconfig: no CJK font found
    return monkeypatch


@pytest.mark.parametrize("value", ["true", "1", "True", "TRUE", "yes", "on", "github-actions"])
def test_any_true_ci_value_makes_a_missing_browser_a_failure(nothing_installed: pytest.MonkeyPatch, value: str) -> None:
    nothing_installed.setenv("CI", value)
    assert outcome(conftest._need_browser) == "fail"
    assert outcome(conftest.need_lighthouse) == "fail"
    assert outcome(conftest.need_cjk_fonts) == "fail"


@pytest.mark.parametrize("value", [None, "", "0", "false", "False", "no", "off"])
def test_outside_ci_a_missing_browser_is_a_skip(nothing_installed: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        nothing_installed.delenv("CI", raising=False)
    else:
        nothing_installed.setenv("CI", value)
    assert outcome(conftest._need_browser) == "skip"
    assert outcome(conftest.need_lighthouse) == "skip"
    assert outcome(conftest.need_cjk_fonts) == "skip"


# fontconfig here has no font for one language (only Latin ones): that language is named as missing.
@pytest.mark.build
def test_a_missing_cjk_font_is_found_and_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "fc-list"
    fake.write_text('#!/bin/sh\ncase "$1" in :lang=ja) echo "Noto Sans CJK JP,Noto Sans CJK JP Regular";; esac\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(conftest, "FC_LIST", str(fake))
    assert conftest.cjk_fonts("ja") == ["Noto Sans CJK JP", "Noto Sans CJK JP Regular"]
    assert conftest.cjk_fonts("ko") == []
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no font for ko"):
        conftest.need_cjk_fonts()
