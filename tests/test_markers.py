"""The fast loop: `-m "not browser and not build"` leaves out every test that needs Chromium, Lighthouse or
linkinator, builds a site or runs a subprocess; and a test that starts a process unmarked fails."""

from __future__ import annotations

import subprocess
import sys

import pytest

import conftest
from conftest import ROOT


def collected(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-n", "0", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


@pytest.mark.build
def test_the_fast_loop_leaves_out_every_browser_and_build_test() -> None:
    files = ["tests/test_quality_axe.py", "tests/test_quality_lighthouse.py", "tests/test_quality_links.py", "tests/test_zensical.py",
             "tests/test_errors.py", "tests/test_search.py"]
    everything = collected(*files)
    quick = collected("-m", "not browser and not build", *files)
    assert 0 < len(quick) < len(everything)
    # In: the error cases run in this process, the search tests on the statement alone.
    assert any("test_check_prints_the_exact_error_lines[" in t for t in quick), quick
    assert any("test_mkdocs_build_prints_the_same_lines[" in t for t in quick), quick
    assert any("test_glossary_entries_must_be_used_known_and_unique" in t for t in quick), quick
    # Out: Chromium, Lighthouse, linkinator; the built site (through its fixtures); the subprocess smoke cases.
    assert not [t for t in quick if "axe" in t or "lighthouse" in t or "broken_links" in t or "as_a_command" in t], quick
    assert not [t for t in quick if "test_zensical.py" in t or "lands_on_the_passage" in t], quick
    assert not [t for t in quick if "test_topic_page_counts" in t], quick  # reads the `site` fixture's build


def test_an_unmarked_test_that_starts_a_process_fails() -> None:
    class Unmarked:
        def get_closest_marker(self, name: str) -> None:
            return None

    with conftest._no_subprocess(Unmarked()), pytest.raises(conftest.UnmarkedSubprocess, match="mark it `build`"):  # type: ignore[arg-type]
        subprocess.run(["true"], check=True)


@pytest.mark.build
def test_a_marked_test_may_start_one() -> None:
    assert subprocess.run(["true"]).returncode == 0


# A hung test fails and names itself instead of holding the run (CI stops at 90 minutes, with no name): a
# page evaluated while it forwarded once hung a worker for half an hour.
def test_a_hung_test_is_stopped(request: pytest.FixtureRequest) -> None:
    assert request.config.pluginmanager.hasplugin("timeout")
    assert 0 < float(request.config.getini("timeout")) <= 900
