"""Material's search against Pagefind's extended build, side by side, on the tests' query tables (en, ja, ko).

    python3 -m venv /tmp/pf && /tmp/pf/bin/pip install pagefind-bin-extended==1.5.2
    .venv/bin/python benchmarks/pagefind_compare.py --pagefind /tmp/pf/lib/python3.11/site-packages/pagefind_bin_extended/pagefind_extended

Pagefind is not a dependency of the project: this measured it once, to choose (README, Search). Our site is
built once; Pagefind indexes a copy of it that keeps only what Material's index holds (no /c/ pages, no Read it
all, no 404, nothing marked ``data-search-exclude``, no permalink signs), with each page's search boost as
``data-pagefind-weight`` on its article and headings, and ranks with ``pageLength: 0`` (Material's lunr does not
normalise by length either; of the four ranking settings tried, this one landed the most queries). A query
lands where Material's tables expect it when its first page's best sub-result (or the page, if that is its
heading) is one of the table's landings. Weight: every request of a cold load and the first search, gzip-sized
as bench.py does, Material's worker, lunr and index blocked for Pagefind (a site without the search plugin),
Pagefind's Default UI mounted in the page. Figures are printed, nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import test_search as en_tables  # noqa: E402
import test_search_editions as edition_tables  # noqa: E402
from bench import EDITION_QUERIES, GZIP_TYPES, QUERY, _file_for  # noqa: E402
from searchkit import INSTRUMENT, best, search  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS, serve_gzip  # noqa: E402

LANGS = ("en", "ja", "ko")


def rows() -> list[tuple[str, str, tuple[str, ...]]]:
    """(edition, query, right landings): the English table, the Japanese and Korean ones and their known misses."""
    out = [("en", c.query, (c.lands,)) for c in en_tables.CASES]
    return out + [(c.lang, c.query, c.lands) for c in (*edition_tables.JA, *edition_tables.KO, *edition_tables.KNOWN_MISSES)]


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def index_source(site: Path, dest: Path) -> None:
    """A copy of the built site holding only the pages and passages Material's index holds, boosts as weights."""
    shutil.copytree(site, dest)
    for lang in LANGS:
        root = dest / prefix(lang)
        docs = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        pages = {d["location"] for d in docs if "#" not in d["location"]}
        boosts = {d["location"]: d["boost"] for d in docs if "boost" in d and "#" not in d["location"]}
        for f in list(root.rglob("*.html")):
            rel = f.relative_to(root).as_posix()
            if lang == "en" and rel.startswith(("ja/", "ko/")):
                continue
            loc = rel.removesuffix("index.html")
            if loc not in pages:
                f.unlink()
                continue
            html = f.read_text(encoding="utf-8").replace("<article ", "<article data-pagefind-body ", 1)
            if loc in boosts:
                w = f'data-pagefind-weight="{boosts[loc]}"'
                html = html.replace("<article data-pagefind-body ", f"<article data-pagefind-body {w} ", 1)
                html = re.sub(r"<(h[1-6])(?=[ >])", lambda m, w=w: f"<{m.group(1)} {w}", html)
            f.write_text(html, encoding="utf-8")


PAGEFIND_FIRST = """async (q) => {
  if (!window.pf) {
    window.pf = await import('/pagefind/pagefind.js');
    await window.pf.options({ basePath: '/pagefind/', ranking: { pageLength: 0 } });
  }
  const r = await window.pf.search(q);
  if (!r.results.length) return null;
  const d = await r.results[0].data();
  const subs = d.sub_results.map(s => ({ url: s.url, title: s.title,
    score: (s.weighted_locations || []).reduce((a, w) => a + w.balanced_score, 0) }));
  subs.sort((a, b) => b.score - a.score);
  const sub = subs[0];
  return { url: sub && sub.title !== d.meta.title ? sub.url : d.url, pages: r.results.length };
}"""


def landings(browser: object, base: str, engine: str) -> list[dict[str, object]]:
    out = []
    pages: dict[str, object] = {}
    for lang, query, lands in rows():
        if lang not in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
            if engine == "material":
                page.add_init_script(INSTRUMENT)
            page.goto(f"{base}/{prefix(lang)}")
            pages[lang] = page
        page = pages[lang]
        if engine == "material":
            groups = search(page, query)
            got = best(groups).path if groups and groups[0] else None
            count = len(page.evaluate("window.__search.found"))  # type: ignore[attr-defined]
        else:
            first = page.evaluate(PAGEFIND_FIRST, query)  # type: ignore[attr-defined]
            got, count = (first["url"].lstrip("/"), first["pages"]) if first else (None, 0)
        landed = got.removeprefix(prefix(lang)) if got is not None else None
        out.append({"lang": lang, "query": query, "landed": landed, "ok": landed in lands, "pages": count})
    for page in pages.values():
        page.close()  # type: ignore[attr-defined]
    return out


MOUNT = """() => new Promise(ok => {
  const css = document.createElement('link'); css.rel = 'stylesheet'; css.href = '/pagefind/pagefind-ui.css';
  document.head.append(css);
  const box = document.createElement('div'); box.id = 'pf'; document.body.prepend(box);
  const s = document.createElement('script'); s.src = '/pagefind/pagefind-ui.js';
  s.onload = () => { new PagefindUI({ element: '#pf', showSubResults: true, bundlePath: '/pagefind/' }); ok(); };
  document.head.append(s);
})"""
MATERIAL_SEARCH = ("/workers/search.", "/lunr/", "search_index.json")


def first_result(browser: object, site: Path, base: str, lang: str, query: str, engine: str) -> tuple[float, int]:
    """Load → first rendered result (ms), and the gzip weight of every request up to then and the page's idle."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    seen: list[str] = []
    blocked = MATERIAL_SEARCH if engine == "pagefind" else ()
    context.route("**/*", lambda r: r.abort() if not r.request.url.startswith(base) or any(b in r.request.url for b in blocked)
                  else r.continue_())
    context.on("requestfinished", lambda r: seen.append(urlsplit(r.url).path))
    page = context.new_page()
    page.goto(f"{base}/{prefix(lang)}", wait_until="load")
    start = time.perf_counter()
    if engine == "pagefind":
        page.evaluate(MOUNT)
        box, result = page.locator("#pf input"), ".pagefind-ui__result-link"
    else:
        page.keyboard.press("/")
        box, result = page.locator(".md-search__input"), ".md-search-result__item"
    box.click()
    if query.isascii():
        box.press_sequentially(query)
    else:  # see searchkit.search: CJK text is committed at once, then a real key (Material reads keyup)
        page.keyboard.insert_text(query)
        box.press("End")
    page.wait_for_selector(result, timeout=30_000)
    ms = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle")
    context.close()
    packed = 0
    for path in seen:
        f = _file_for(site, path)
        if f is not None:
            data = f.read_bytes()
            packed += len(gzip.compress(data, compresslevel=6, mtime=0)) if f.suffix in GZIP_TYPES else len(data)
    return ms, packed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pagefind", required=True, type=Path, help="the pagefind_extended binary (pagefind-bin-extended)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pagefind-compare-") as tmp_name:
        tmp = Path(tmp_name)
        site, src = tmp / "site", tmp / "index-source"
        subprocess.run([sys.executable, "-m", "scripts", "build-site", str(site)], cwd=ROOT, check=True, capture_output=True)
        index_source(site, src)
        subprocess.run([str(args.pagefind), "--site", str(src), "--exclude-selectors", "[data-search-exclude]",
                        "--exclude-selectors", ".headerlink", "--output-path", str(site / "pagefind")], check=True, capture_output=True)
        with serve_gzip(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            found = {engine: landings(browser, base, engine) for engine in ("material", "pagefind")}
            speed: dict[str, dict[str, tuple[float, int]]] = {"material": {}, "pagefind": {}}
            for lang, query in (("en", QUERY), *EDITION_QUERIES.items()):
                runs: dict[str, list[tuple[float, int]]] = {"material": [], "pagefind": []}
                for i in range(args.runs):  # interleaved, so machine noise hits both alike
                    for engine in (("material", "pagefind") if i % 2 == 0 else ("pagefind", "material")):
                        runs[engine].append(first_result(browser, site, base, lang, query, engine))
                for engine, r in runs.items():
                    speed[engine][lang] = (statistics.median(ms for ms, _ in r), max(w for _, w in r))
            browser.close()
    print("| query | Material | Pagefind |\n| --- | --- | --- |")
    for m, f in zip(found["material"], found["pagefind"], strict=True):
        mark = {True: "✓", False: "✗"}
        print(f"| {m['lang']} {m['query']} | {mark[bool(m['ok'])]} {m['landed']} ({m['pages']}) | {mark[bool(f['ok'])]} {f['landed']} ({f['pages']}) |")
    print("\n| measure | Material | Pagefind |\n| --- | ---: | ---: |")
    for lang in LANGS:
        ok = {e: sum(bool(r["ok"]) for r in found[e] if r["lang"] == lang) for e in found}
        n = sum(1 for r in found["material"] if r["lang"] == lang)
        print(f"| {lang}: queries landing right | {ok['material']} / {n} | {ok['pagefind']} / {n} |")
    for lang in LANGS:
        (m_ms, m_w), (p_ms, p_w) = speed["material"][lang], speed["pagefind"][lang]
        ratio = {e: speed[e][lang][1] / speed[e]["en"][1] for e in speed}
        print(f"| {lang}: load + first search, gzip (×en) | {m_w / 1024:.1f} KiB ({ratio['material']:.2f}) | "
              f"{p_w / 1024:.1f} KiB ({ratio['pagefind']:.2f}) |")
        print(f"| {lang}: load → first result (median of {args.runs}) | {m_ms:,.0f} ms | {p_ms:,.0f} ms |")


if __name__ == "__main__":
    main()
