"""Screenshots of the home page, a section page and a commitment's permanent page, as readers see them.

    .venv/bin/python benchmarks/screenshots.py [OUT]     (default: screenshots/, which is gitignored)

Desktop light, desktop dark, 390 px mobile, and page 1 of the printed PDF (Chromium's PDF, rasterised by
pdftoppm from Debian's poppler-utils, installed here as root when missing). The Japanese and Korean home and
permanent pages at 390 px in light and dark (ja-home-mobile-390-dark.png, …), and their section printed
(ja-section-print.png): they need a CJK font
(Debian's fonts-noto-cjk); without one the script stops rather than draw empty boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import CHROMIUM, CHROMIUM_ARGS, cjk_fonts, mkdocs_build, serve  # noqa: E402

PAGES = {"home": "/", "section": "/sections/security/", "commitment": "/c/us-defense-commitments/"}
VIEWS = {  # name: (viewport, colour scheme)
    "desktop-light": ({"width": 1280, "height": 900}, "light"),
    "desktop-dark": ({"width": 1280, "height": 900}, "dark"),
    "mobile-390": ({"width": 390, "height": 844}, "light"),
}
EDITION_PAGES = {f"{lang}-{name}": f"/{lang}{path}" for lang in ("ja", "ko") for name, path in PAGES.items() if name != "section"}
EDITION_VIEWS = {
    "mobile-390": ({"width": 390, "height": 844}, "light"),
    "mobile-390-dark": ({"width": 390, "height": 844}, "dark"),
}


# pdftoppm turns the printed PDF into a PNG we can look at; Debian has it in poppler-utils.
def ensure_pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null",
                       shell=True, check=True)
        return shutil.which("pdftoppm") or "pdftoppm"
    raise SystemExit("pdftoppm is missing: install Debian's poppler-utils")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    missing = [lang for lang in ("ja", "ko") if not cjk_fonts(lang)]
    if missing:
        raise SystemExit(f"no font for {', '.join(missing)}: install Debian's fonts-noto-cjk (scripts/ensure-browser.sh does)")
    out.mkdir(parents=True, exist_ok=True)
    pdftoppm = ensure_pdftoppm()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="shots-") as tmp_name:
        site = Path(tmp_name) / "site"
        done = mkdocs_build(site)
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        with serve(site) as base:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                shots = [(VIEWS, PAGES), (EDITION_VIEWS, EDITION_PAGES)]
                for views, pages in shots:
                    for view, (viewport, scheme) in views.items():
                        context = browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1)
                        page = context.new_page()
                        for name, path in pages.items():
                            page.goto(base + path, wait_until="networkidle")
                            page.screenshot(path=str(out / f"{name}-{view}.png"), full_page=True)
                        context.close()
                context = browser.new_context()
                page = context.new_page()
                printed = {**PAGES, **{f"{lang}-section": f"/{lang}{PAGES['section']}" for lang in ("ja", "ko")}}
                for name, path in printed.items():
                    page.goto(base + path, wait_until="networkidle")
                    pdf = Path(tmp_name) / f"{name}.pdf"
                    page.pdf(path=str(pdf), format="A4")
                    subprocess.run([pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out / f"{name}-print")], check=True)
                context.close()
                browser.close()
    for f in sorted(out.glob("*.png")):
        print(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f)


if __name__ == "__main__":
    main()
