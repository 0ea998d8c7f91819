"""Benchmark: time from page load to the first search result, ours vs a stock Material site.

Both sites are built in this run: ours from mkdocs.yml, and a stock Material site (theme defaults,
only the search plugin; ``font: false`` so neither site waits on Google Fonts offline) with the same
number of pages, made from the same generated Markdown. Each is served on 127.0.0.1 and opened in
Debian's Chromium with a cold cache; the query is entered as soon as the search box exists, and the
time is taken when Material appends the first result (``performance.now()``, from navigation start).

    .venv/bin/python benchmarks/search_bench.py [--runs 9] [--query trilateral]

A benchmark, not a test: it prints figures and never fails on speed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from conftest import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# As soon as the DOM is ready, put the query in Material's search box the way a keystroke does
# (focus, value, keyup), so typing speed is not part of the figure; then note when the first
# result is appended (performance.now() counts from navigation start).
OBSERVE = """
window.__firstResult = null;
new MutationObserver((_, obs) => {
  if (document.querySelector(".md-search-result__list > li")) {
    window.__firstResult = performance.now();
    obs.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("input.md-search__input");
  box.focus();
  box.value = QUERY;
  box.dispatchEvent(new KeyboardEvent("keyup", { key: "e", bubbles: true }));
});
"""


# Build a site (ours --strict, as the project does; the stock one has flattened, broken links).
def build(config: Path, out: Path, strict: bool = True) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "--config-file", str(config), "--site-dir", str(out)],
        cwd=config.parent, env=env, capture_output=True, text=True,
    )
    if done.returncode:
        raise SystemExit(f"build of {config} failed:\n{done.stderr}")


# The stock site: default Material, same page count, the same words (our generated Markdown).
def stock_site(work: Path, pages: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from scripts.render.pages import render
    from scripts.source.statement import load_statement

    markdown = list(render(load_statement(ROOT / "statement")).values())
    docs = work / "stock" / "docs"
    for i in range(pages):
        path = docs / ("index.md" if i == 0 else f"page-{i:03d}.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown[i % len(markdown)], encoding="utf-8")
    config = work / "stock" / "mkdocs.yml"
    config.write_text("site_name: Stock Material\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n", encoding="utf-8")
    return config


# One cold-cache run: load the home page, type the query at once, wait for the first result.
def measure(browser: object, url: str, query: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.add_init_script(OBSERVE.replace("QUERY", json.dumps(query)))
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__firstResult !== null", timeout=30_000)
    ms = float(page.evaluate("window.__firstResult"))
    context.close()
    return ms


def summary(name: str, times: list[float], site: Path) -> str:
    index = (site / "search" / "search_index.json").stat().st_size
    return (
        f"{name:<26} median {statistics.median(times):7.1f} ms   min {min(times):7.1f}   max {max(times):7.1f}   "
        f"search_index.json {index / 1024:6.1f} KiB"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--query", default="trilateral")
    opts = ap.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = work / "ours"
        build(ROOT / "mkdocs.yml", ours)
        pages = sum(1 for _ in ours.rglob("index.html"))
        stock = work / "stock-site"
        build(stock_site(work, pages), stock, strict=False)
        stack = contextlib.ExitStack()
        servers = [(None, stack.enter_context(serve(ours)) + "/"), (None, stack.enter_context(serve(stock)) + "/")]
        results: dict[str, list[float]] = {"ours": [], "stock": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _, url in servers:  # warm the OS file cache and Chromium itself (each run still has a cold page cache)
                measure(browser, url, opts.query)
            for _ in range(opts.runs):  # interleaved, so drift affects both alike
                results["ours"].append(measure(browser, servers[0][1], opts.query))
                results["stock"].append(measure(browser, servers[1][1], opts.query))
            browser.close()
        stack.close()
        print(f"page load → first search result for {opts.query!r}, {opts.runs} cold-cache runs each, {pages} pages per site")
        print(summary("ours (this site)", results["ours"], ours))
        print(summary("stock Material", results["stock"], stock))
        ratio = statistics.median(results["ours"]) / statistics.median(results["stock"])
        print(f"ours / stock (median): {ratio:.2f}  →  {'not slower' if ratio <= 1.05 else 'SLOWER'} (5% tolerance for noise)")


if __name__ == "__main__":
    main()
