"""The quick local loop: `-m "not browser"` leaves out every test that needs Chromium or Lighthouse."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def collected(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_not_browser_skips_every_chromium_and_lighthouse_test() -> None:
    quick = collected("-m", "not browser and not lighthouse", "tests/test_quality_axe.py", "tests/test_quality_lighthouse.py", "tests/test_zensical.py")
    assert any("test_navigation_follows_the_statement" in t for t in quick), quick
    assert not [t for t in quick if "axe" in t or "lighthouse" in t or "chromium" in t], quick
