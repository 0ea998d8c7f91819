"""Benchmark: this site against a stock Material for MkDocs site of the same size, on this machine.

    .venv/bin/python benchmarks/bench.py [--runs 3] [--no-lighthouse]
    .venv/bin/python benchmarks/bench.py --limits      # only the input-limits table (a minute or two)

Prints a Markdown table (for the README). Nothing here is a test: figures are reported, not asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from searchkit import INSTRUMENT  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS, LIGHTHOUSE, lighthouse, serve_gzip  # noqa: E402
from scripts.cli import write_pages  # noqa: E402
from scripts.publish.sitesource import EPOCH_FILE, site_source  # noqa: E402
from scripts.render.pages import render  # noqa: E402
from scripts.source.model import Commitment, Section, Statement  # noqa: E402
from scripts.source.statement import load_statement  # noqa: E402

QUERY = "korea"
STOCK_CONFIG = "site_name: Stock Material site\ntheme:\n  name: material\n"  # Material's defaults, nothing else
GZIP_TYPES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
GOOGLE_FONTS = ("*fonts.googleapis.com*", "*fonts.gstatic.com*")


@dataclass(frozen=True)
class Row:
    metric: str
    ours: str
    stock: str
    note: str


# Wall time of a whole `mkdocs build` in a fresh process: what an editor or CI actually waits for.
# Python's default bytecode cache is on, as on a writer's machine: where PYTHONDONTWRITEBYTECODE is set
# (this sandbox sets it), every build would recompile our hook's modules, a cost a stock site has no
# code to pay; the untimed first build writes the cache.
def build_seconds(config: Path, out: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)],
                          cwd=config.parent, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed for {config}:\n{done.stderr}")
    return took


# The two engines on one rendered site source (`python -m scripts render`): the whole command's wall time,
# as a writer or CI waits for it. Warm: after one untimed build (MkDocs has no cache of its own, the
# source has no hook to give it one; Zensical keeps its .cache/ next to mkdocs.yml). Cold: Zensical's
# cache cleared first (`--clean`); MkDocs' figure is the same either way.
def engine_seconds(engine: str, source: Path, clean: bool = False) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": (source / EPOCH_FILE).read_text(encoding="utf-8").strip()}
    if engine == "mkdocs":
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(source / "mkdocs.yml"), "-d", str(source / "site-mkdocs")]
    else:
        cmd = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(source / "mkdocs.yml"), *(["--clean"] if clean else [])]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=source, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{engine} build failed for {source}:\n{done.stdout}{done.stderr}")
    return took


def engine_rows(tmp: Path, st: Statement, runs: int) -> list[Row]:
    rows = []
    for n in (len(st.commitments), 1_000):
        synth = st if n == len(st.commitments) else synthetic(st, n)
        source = tmp / f"source-{n}"
        write_pages(site_source(ROOT, synth, ROOT / "statement"), source)
        pages = sum(1 for p in (source / "docs").rglob("*.md"))
        engine_seconds("mkdocs", source)
        engine_seconds("zensical", source)
        warm: dict[str, list[float]] = {"mkdocs": [], "zensical": []}
        cold: list[float] = []
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            for engine in warm:
                warm[engine].append(engine_seconds(engine, source))
            cold.append(engine_seconds("zensical", source, clean=True))
        mk, zw, zc = (statistics.median(x) for x in (warm["mkdocs"], warm["zensical"], cold))
        rows.append(Row(f"rendered source, {n:,} commitments ({pages} pages): build wall time (median)",
                        f"MkDocs {mk:.2f} s", f"Zensical {zw:.2f} s warm, {zc:.2f} s cold",
                        f"Zensical/MkDocs {zw / mk:.2f} warm, {zc / mk:.2f} cold"))
    return rows


# Text length of every page's article, so the stock site can match page count and length.
def article_lengths(site: Path) -> list[int]:
    from bs4 import BeautifulSoup

    lengths = []
    for html in sorted(site.rglob("index.html")):
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article")
        lengths.append(len(article.get_text(" ", strip=True)) if article else 0)
    return lengths


# A stock Material project: one Markdown page per page of ours, of the same text length, in words of ours.
def write_stock(dest: Path, lengths: list[int], words: list[str]) -> Path:
    rng = random.Random(6)
    docs = dest / "docs"
    for i, length in enumerate(lengths):
        path = docs / ("index.md" if i == 0 else f"part-{i // 10:02d}/page-{i:03d}.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        out = [f"# {' '.join(rng.choices(words, k=4)).capitalize()}\n"]
        size = 0
        while size < length:
            if size and rng.random() < 0.25:
                out.append(f"## {' '.join(rng.choices(words, k=5)).capitalize()}\n")
            para = " ".join(rng.choices(words, k=rng.randint(25, 60))).capitalize()
            para = para[: max(length - size, 20)].rsplit(" ", 1)[0] + ".\n"  # stop at the page's own length
            out.append(para)
            size += len(para)
        path.write_text("\n".join(out), encoding="utf-8")
    (dest / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    return dest / "mkdocs.yml"


def _words(site: Path) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    return sorted(set(re.findall(r"[A-Za-z][a-z]{2,}", re.sub(r"<[^>]+>", " ", text))))


# The real statement copied until it has n commitments (fresh IDs; related links stay inside each copy).
def synthetic(st: Statement, n: int) -> Statement:
    base = st.commitments
    sections: dict[str, list[Commitment]] = {s.id: [] for s in st.sections}
    for i in range(n):
        c = base[i % len(base)]
        k = i // len(base)
        if k == 0:
            sections[c.section].append(c)
            continue
        sections[c.section].append(dataclasses.replace(
            c, id=f"{c.id}-{k}", title=f"{c.title} ({k})", aliases=(), related=tuple(f"{r}-{k}" for r in c.related),
        ))
    made = {c.id for cs in sections.values() for c in cs}
    return dataclasses.replace(st, sections=tuple(
        Section(id=s.id, title=s.title, summary=s.summary, commitments=tuple(
            dataclasses.replace(c, related=tuple(r for r in c.related if r in made)) for c in sections[s.id]
        )) for s in st.sections
    ))


def best_of(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _file_for(site: Path, path: str) -> Path | None:
    f = site / path.lstrip("/")
    if f.is_dir():
        f = f / "index.html"
    return f if f.is_file() else None


# Every request of a cold home-page load (search worker and index included), sized raw and gzip-compressed.
# Network idle is awaited only once the search worker has its index: on a loaded machine the worker can start
# its requests after a quiet half-second, and the Japanese page once weighed 76 KiB instead of 121 without them.
def page_weight(browser: object, site: Path, base: str, path: str = "/") -> tuple[int, int, int, list[str]]:
    context = browser.new_context()  # type: ignore[attr-defined]
    local: list[str] = []
    foreign: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else (foreign.append(route.request.url), route.abort()))
    context.on("requestfinished", lambda r: local.append(urlsplit(r.url).path) if r.url.startswith(base) else None)
    page = context.new_page()
    page.add_init_script(INSTRUMENT)
    page.goto(base + path, wait_until="load")
    page.wait_for_function("() => window.__search && window.__search.ready", timeout=60_000)
    page.wait_for_load_state("networkidle")
    context.close()
    raw = packed = 0
    for path in local:
        f = _file_for(site, path)
        if f is None:
            continue
        data = f.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, compresslevel=6, mtime=0)) if f.suffix in GZIP_TYPES else len(data)
    return len(local), raw, packed, sorted(set(foreign))


# From the load event to the first result, typing key by key as a reader does (fresh browser context each run).
def search_ms(browser: object, base: str, runs: int, query: str = QUERY, path: str = "/") -> float:
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        start = time.perf_counter()
        page.keyboard.press("/")
        if query.isascii():
            page.locator(".md-search__input").press_sequentially(query)
        else:  # key-by-key typing sends no keyup for CJK text, which Material listens to: insert it, then End
            page.keyboard.insert_text(query)
            page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        times.append((time.perf_counter() - start) * 1000)
        context.close()
    return statistics.median(times)


# --- the Japanese and Korean editions (issue 15) ---
EDITION_QUERIES = {"ja": "韓国", "ko": "한국"}  # the same query as QUERY ("korea") in each language


def english_only_project(dest: Path) -> Path:
    """The project around a copy of statement/ without translations/: the site as it was before the editions."""
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "statement", dest / "statement", ignore=shutil.ignore_patterns("translations"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest / "mkdocs.yml"


# Three stock projects, one per edition, each with that edition's page count and lengths, built one after
# the other: a stock trilingual Material site is built the way ours is, one MkDocs build per language.
def write_stock_editions(dest: Path, ours: Path, words: list[str]) -> list[Path]:
    configs = []
    for lang in ("en", "ja", "ko"):
        site = ours if lang == "en" else ours / lang
        lengths = article_lengths(site) if lang != "en" else [n for n, p in zip(article_lengths(ours), sorted(ours.rglob("index.html")), strict=True)
                                                                if not p.relative_to(ours).as_posix().startswith(("ja/", "ko/"))]
        configs.append(write_stock(dest / lang, lengths, words))
    return configs


def edition_build_rows(tmp: Path, ours: Path, runs: int) -> list[Row]:
    english = english_only_project(tmp / "english-only")
    build_seconds(english, tmp / "e-warm")
    stock3 = write_stock_editions(tmp / "stock3", ours, _words(ours))
    for i, config in enumerate(stock3):
        build_seconds(config, tmp / f"s3-warm/{i}")
    t_three, t_en, t_stock3 = [], [], []
    for i in range(runs):  # interleaved
        t_three.append(build_seconds(ROOT / "mkdocs.yml", tmp / f"three{i}"))
        t_en.append(build_seconds(english, tmp / f"en{i}"))
        t_stock3.append(sum(build_seconds(config, tmp / f"stock3-{i}/{j}") for j, config in enumerate(stock3)))
    three, en, s3 = (statistics.median(x) for x in (t_three, t_en, t_stock3))
    pages = len(list(ours.rglob("index.html")))
    return [
        Row("`mkdocs build`, three editions vs English only (median)", f"{three:.2f} s (en, ja, ko)", f"{en:.2f} s (English only)",
            f"ratio {three / en:.2f} (target ≤ 3.3, linear)"),
        Row(f"`mkdocs build`, three editions vs stock in three builds ({pages} pages in all, median)", f"{three:.2f} s", f"{s3:.2f} s",
            f"ratio {three / s3:.2f} (target ≤ 1.15); stock: three `mkdocs build` runs, one per language, as Material documents it"),
    ]


def edition_page_rows(browser: object, ours: Path, base: str, english: tuple[int, int, int, list[str]], q_en: float, runs: int) -> list[Row]:
    rows = []
    for lang, query in EDITION_QUERIES.items():
        w = page_weight(browser, ours, base, f"/{lang}/")
        rows.append(Row(f"{lang} home page weight, gzip (all requests: {w[0]})", kb(w[2]), f"{kb(english[2])} (English home)",
                        f"{lang}/en {w[2] / english[2]:.2f} (target ≤ 1.15); raw {kb(w[1])} vs {kb(english[1])}; third-party: {len(w[3])}"))
        q = search_ms(browser, base, runs, query, f"/{lang}/")
        rows.append(Row(f"{lang} load → first search result ('{query}', median)", f"{q:,.0f} ms", f"{q_en:,.0f} ms (English, '{QUERY}')",
                        f"{lang}/en {q / q_en:.2f} (target ≤ 1.2)"))
    return rows


def disk(site: Path) -> tuple[int, int]:
    files = [f for f in site.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files), sum(f.stat().st_size for f in files if f.suffix == ".map")


def machine() -> str:
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        found = re.search(r"model name\s*:\s*(.+)", info.read_text())
        cpu = found.group(1).strip() if found else cpu
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


# --- input limits (issue 12, item 20): the checks grow linearly up to the limits, and beyond them fail fast ---

MINIMAL = ROOT / "tests" / "fixtures" / "pass" / "minimal" / "statement"


def write_statement(dest: Path, n: int, *, mismatched: bool = False, summary: int = 60, quotes: int = 3) -> Path:
    """A valid statement of n commitments (10 per section file) with `quotes` register quotes each.

    With mismatched=True every quote is cited with straight apostrophes where the register has curly
    ones: n × quotes "did you mean …?" lookups, the case that was quadratic (3,000 took 25 s).
    """
    root = dest / "statement"
    (root / "sections").mkdir(parents=True)
    paragraphs = min(n, 500)
    sections = [f"s{k:03d}" for k in range((n + 9) // 10)]
    text = (MINIMAL / "statement.yaml").read_text(encoding="utf-8")
    (root / "statement.yaml").write_text(text.replace("sections:\n  - alpha\n", "sections:\n" + "".join(f"  - {s}\n" for s in sections)), encoding="utf-8")
    shutil.copy(MINIMAL / "topics.yaml", root / "topics.yaml")
    register: dict[int, list[str]] = {p: [] for p in range(1, paragraphs + 1)}
    body: dict[str, list[str]] = {s: [] for s in sections}
    words = ("Japan welcomed the rain and the harbours stayed open for every ship. " * (summary // 70 + 1))[:summary].strip()
    for i in range(n):
        para = i % paragraphs + 1
        said = [f"the partners’ resolve number {i} part {j}" for j in range(quotes)]
        register[para] += said
        cited = [q.replace("’", "'") for q in said] if mismatched else said
        body[sections[i // 10]].append(
            f"  - id: c-{i}\n    title: Commitment {i}\n    kind: commitment\n    parties: [US, JP]\n    topics: [ports, rain]\n"
            f"    paragraphs: [{para}]\n    summary: {json.dumps(words)}\n    quotes: {json.dumps(cited, ensure_ascii=False)}\n    related: []\n")
    for s in sections:
        (root / "sections" / f"{s}.yaml").write_text(f"id: {s}\ntitle: Section {s}\nsummary: Synthetic.\ncommitments:\n" + "".join(body[s]), encoding="utf-8")
    (root / "source.yaml").write_text("paragraphs:\n" + "".join(
        f"  - number: {p}\n    covers: Paragraph {p}.\n    quotes:\n" + "".join(f"      - id: q-{p}-{j}\n        text: {json.dumps(q, ensure_ascii=False)}\n" for j, q in enumerate(qs))
        for p, qs in register.items()), encoding="utf-8")
    return root


def check_seconds(root: Path, runs: int = 3) -> tuple[float, int]:
    """Best-of wall time of load → validate → build (what `make check` and every build pay), and the problem count."""
    from scripts.source.problems import ContentError

    found = 0

    def once() -> None:
        nonlocal found
        try:
            load_statement(root)
            found = 0
        except ContentError as e:
            found = len(e.problems)

    return best_of(once, runs), found


def limit_rows(tmp: Path) -> list[Row]:
    rows = []
    for label, kw, unit in (
        ("mismatched quote marks", {"mismatched": True}, "quote"),
        ("valid statement", {}, "commitment"),
        ("long summaries (3,000 chars each)", {"summary": 3000, "quotes": 1}, "commitment"),
    ):
        per = []
        for n in (100, 1000):
            root = write_statement(tmp / f"{unit}-{len(rows)}-{n}", n, **kw)
            size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
            secs, problems = check_seconds(root)
            units = n * kw.get("quotes", 3) if unit == "quote" else n
            per.append(secs / units)
            rows.append(Row(f"check, {label}: {units:,} {unit}s ({size / 1024:,.0f} KiB)", f"{secs * 1000:,.0f} ms", "—",
                            f"{secs / units * 1e6:,.0f} µs per {unit}" + (f"; {problems:,} problems" if problems else "")
                            + (f"; ×{per[1] / per[0]:.2f} per {unit} from the size before (1.0 = linear)" if len(per) == 2 else "")))
    # Beyond the limits: refused before the expensive work.
    over = tmp / "over"
    root = write_statement(over, 10)
    big = root / "sections" / "s000.yaml"
    with big.open("a", encoding="utf-8") as f:
        f.write("# " + "x" * 50_000_000 + "\n")
    secs, problems = check_seconds(root, 1)
    rows.append(Row("over the limit: a 50 MB section file", f"{secs * 1000:,.0f} ms", "—", f"refused before parsing ({problems} problem)"))
    big.unlink()
    many = write_statement(tmp / "many", 10)
    for i in range(2000):
        shutil.copy(many / "sections" / "s000.yaml", many / "sections" / f"x{i:04d}.yaml")
    secs, problems = check_seconds(many, 1)
    rows.append(Row("over the limit: 2,000 section files", f"{secs * 1000:,.0f} ms", "—", f"refused before parsing ({problems} problems)"))
    label = write_statement(tmp / "label", 10)
    topics = label / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("label: Rain", "label: " + "Rain " * 200_000), encoding="utf-8")
    secs, problems = check_seconds(label, 1)
    rows.append(Row("over the limit: a 1 MB topic label", f"{secs * 1000:,.0f} ms", "—", f"refused by the schema ({problems} problem)"))
    # The worst case inside the limits, built for real: 1,000 commitments with 3,000-character summaries.
    worst = write_statement(tmp / "worst", 1000, summary=3000, quotes=1)
    size = sum(p.stat().st_size for p in worst.rglob("*.yaml"))
    project = tmp / "worst"
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    secs = build_seconds(project / "mkdocs.yml", tmp / "worst-site")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    site = sum(f.stat().st_size for f in (tmp / "worst-site").rglob("*") if f.is_file())
    rows.append(Row(f"`mkdocs build`, 1,000 commitments, 3,000-char summaries ({size / 1024 / 1024:,.1f} MiB of YAML)", f"{secs:,.1f} s", "—",
                    f"site {site / 1024 / 1024:,.0f} MiB; peak memory {max(peak, before) / 1024:,.0f} MiB (largest child so far)"))
    return rows


def print_table(rows: list[Row]) -> None:
    print("| measure | ours | stock Material | note |")
    print("| --- | ---: | ---: | --- |")
    for r in rows:
        print(f"| {r.metric} | {r.ours} | {r.stock} | {r.note} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="repeats for build and search timings (median/best)")
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--engines", action="store_true", help="only MkDocs vs Zensical on the same rendered site source")
    ap.add_argument("--limits", action="store_true", help="only the input-limits table")
    args = ap.parse_args()
    if args.limits:
        with tempfile.TemporaryDirectory(prefix="bench-limits-") as tmp_name:
            print(f"Input limits {dt.date.today().isoformat()} — {machine()}\n")
            print_table(limit_rows(Path(tmp_name)))
        return
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        rows += engine_rows(tmp, load_statement(ROOT / "statement"), args.runs)
        if args.engines:
            print(f"Benchmark {dt.date.today().isoformat()} — {machine()}\n")
            print("| measure | MkDocs | Zensical | note |\n| --- | ---: | ---: | --- |")
            print("\n".join(f"| {r.metric} | {r.ours} | {r.stock} | {r.note} |" for r in rows))
            return
        ours, stock = tmp / "ours", tmp / "stock"
        build_seconds(ROOT / "mkdocs.yml", ours)
        lengths = article_lengths(ours)
        stock_config = write_stock(tmp / "stock-src", lengths, _words(ours))
        build_seconds(stock_config, stock)
        t_ours, t_stock = [], []
        for i in range(args.runs):  # interleaved, so machine noise hits both alike
            t_ours.append(build_seconds(ROOT / "mkdocs.yml", tmp / f"o{i}"))
            t_stock.append(build_seconds(stock_config, tmp / f"s{i}"))
        mo, ms = statistics.median(t_ours), statistics.median(t_stock)
        rows.append(Row("`mkdocs build` wall time (median)", f"{mo:.2f} s", f"{ms:.2f} s", f"ratio {mo / ms:.2f} (target ≤ 1.15)"))
        # The same, as the first build of a fresh clone: the hook's Jinja cache (.cache/jinja) emptied first.
        t_cold, t_stock2 = [], []
        for i in range(args.runs):
            shutil.rmtree(ROOT / ".cache" / "jinja", ignore_errors=True)
            t_cold.append(build_seconds(ROOT / "mkdocs.yml", tmp / f"c{i}"))
            t_stock2.append(build_seconds(stock_config, tmp / f"t{i}"))
        mc, ms2 = statistics.median(t_cold), statistics.median(t_stock2)
        rows.append(Row("`mkdocs build`, Jinja cache emptied first (median)", f"{mc:.2f} s", f"{ms2:.2f} s",
                        f"ratio {mc / ms2:.2f}: a fresh clone's first build"))
        rows += edition_build_rows(tmp, ours, args.runs)
        n_stock = len(list(stock.rglob("index.html")))
        rows.append(Row("pages (article text, mean)", f"{len(lengths)} ({statistics.mean(lengths):,.0f} chars)",
                        f"{n_stock} ({statistics.mean(article_lengths(stock)):,.0f} chars)", "same count, similar length"))

        st = load_statement(ROOT / "statement")
        per: list[tuple[int, float]] = []
        for n in (len(st.commitments), 100, 1_000, 10_000):
            synth = st if n == len(st.commitments) else synthetic(st, n)
            secs = best_of(lambda s=synth: render(s), 3)
            per.append((n, secs))
            label = "the statement" if synth is st else f"synthetic, {n:,}"
            rows.append(Row(f"render time, {label} ({n:,} commitments)", f"{secs * 1000:,.1f} ms", "—",
                            f"{secs / n * 1e6:,.0f} µs per commitment" + (" (target < 2 s, linear)" if n == 10_000 else "")))

        from playwright.sync_api import sync_playwright

        with serve_gzip(ours) as u_ours, serve_gzip(stock) as u_stock:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                w_o, w_s = page_weight(browser, ours, u_ours), page_weight(browser, stock, u_stock)
                rows.append(Row("home page, all requests: count", str(w_o[0]), str(w_s[0]), "cold load, search index included"))
                rows.append(Row("home page weight, raw", kb(w_o[1]), kb(w_s[1]), f"ours/stock {w_o[1] / w_s[1]:.2f}"))
                rows.append(Row("home page weight, gzip", kb(w_o[2]), kb(w_s[2]), f"ours/stock {w_o[2] / w_s[2]:.2f}"))
                rows.append(Row("third-party requests attempted", str(len(w_o[3])), str(len(w_s[3])),
                                ", ".join(sorted({urlsplit(u).netloc for u in w_s[3]})) or "none"))
                q_o, q_s = search_ms(browser, u_ours, args.runs), search_ms(browser, u_stock, args.runs)
                rows.append(Row(f"load → first search result ('{QUERY}', typed, median)", f"{q_o:,.0f} ms", f"{q_s:,.0f} ms",
                                f"ours/stock {q_o / q_s:.2f}"))
                rows += edition_page_rows(browser, ours, u_ours, w_o, q_o, args.runs)
                browser.close()
            if not args.no_lighthouse and LIGHTHOUSE.is_file():
                for preset in ("mobile", "desktop"):
                    runs: list[list[float]] = [[], []]
                    for _ in range(args.runs):  # interleaved; the median of each, as scores swing with machine load
                        for i, (url, extra) in enumerate(((u_ours, ()), (u_stock, tuple(f"--blocked-url-patterns={g}" for g in GOOGLE_FONTS)))):
                            report = lighthouse(url + "/", tmp / "lh.json", ["performance"], preset, extra)
                            runs[i].append(report["categories"]["performance"]["score"])  # type: ignore[index]
                    target = "1.0" if preset == "desktop" else "≥ 0.95"
                    rows.append(Row(f"Lighthouse performance, {preset} (home, median of {args.runs})",
                                    f"{statistics.median(runs[0]):.2f}", f"{statistics.median(runs[1]):.2f}",
                                    f"target {target}; runs ours {min(runs[0]):.2f}–{max(runs[0]):.2f}, stock "
                                    f"{min(runs[1]):.2f}–{max(runs[1]):.2f}; stock's Google Fonts blocked (offline)"))
        (d_o, m_o), (d_s, m_s) = disk(ours), disk(stock)
        rows.append(Row("built site on disk", kb(d_o), kb(d_s), f"of which source maps: {kb(m_o)} ours, {kb(m_s)} stock"))
        rows += limit_rows(tmp / "limits")

    linear = per[-1][1] / per[-1][0] / (per[-2][1] / per[-2][0])
    print(f"Benchmark {dt.date.today().isoformat()} — {machine()}\n")
    print_table(rows)
    print(f"\nRender cost per commitment, 10,000 vs 1,000: ×{linear:.2f} (1.0 = linear).")


if __name__ == "__main__":
    main()
