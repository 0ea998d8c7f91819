"""Write the characters the shipped DejaVu Sans fonts have, for the English link-preview cards.

    .venv/bin/python tools/font_coverage.py            # writes scripts/fonts/DejaVuSans-coverage.json
    .venv/bin/python tools/font_coverage.py --check    # exit 1 if the file does not match the fonts

The build reads this file (it never needs fontTools) to tell when an English card would draw a character
as an empty box: an emoji or a CJK character in a title. Run it only when the fonts in scripts/fonts/ change;
``tests/test_cards_cjk.py`` fails when the file and the fonts disagree. Same fonts, same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.render import cards  # noqa: E402
from scripts.source import files  # noqa: E402


def ranges(codepoints: Iterable[int]) -> list[list[int]]:
    """Sorted code points as inclusive [first, last] runs: the file stays a few kilobytes."""
    out: list[list[int]] = []
    for cp in sorted(set(codepoints)):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def coverage() -> bytes:
    from fontTools.ttLib import TTFont

    fonts = {}
    for path in (cards.REGULAR, cards.BOLD):
        with TTFont(path, lazy=True) as font:
            fonts[path.name] = ranges(font.getBestCmap())
    doc = {"about": "Code points each shipped DejaVu Sans font has a glyph for, as [first, last] runs (tools/font_coverage.py).", "fonts": fonts}
    return (json.dumps(doc, indent=None, sort_keys=True, separators=(",", ":")) + "\n").encode()


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare the file with the fonts")
    args = parser.parse_args(list(argv) if argv is not None else None)
    data = coverage()
    target = cards.DEJAVU_COVERAGE
    if args.check:
        same = target.is_file() and target.read_bytes() == data
        print(f"{target.relative_to(ROOT)}: {'matches the fonts' if same else 'out of date: run tools/font_coverage.py'}")
        return 0 if same else 1
    files.write_atomically(target, data, mode=0o644)
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
