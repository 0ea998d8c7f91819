"""Cut Noto Sans CJK down to the characters the Japanese and Korean link-preview cards and PDFs draw.

    .venv/bin/python tools/subset_cjk_font.py            # writes scripts/fonts/NotoSansCJK{jp,kr}-subset-*.otf
    .venv/bin/python tools/subset_cjk_font.py --check    # exit 1 if the shipped subsets lack a character

Run it after a Japanese or Korean text changes (any text of Read it all, which the PDF of each edition
prints, and a card label in scripts/locale/), then commit scripts/fonts/. The build never needs fontTools:
it reads the committed subsets with Pillow and WeasyPrint, and ``tests/test_cards_cjk.py`` and
``tests/test_pdf.py`` fail, naming the characters and this command, when a card or a PDF needs a character they lack.

Source: Debian's fonts-noto-cjk (``apt-get install fonts-noto-cjk``), the JP face for Japanese and the KR
face for Korean, Regular and Bold, under the SIL Open Font License 1.1 (copied beside the subsets from
Debian's copyright file). Each subset holds the characters its cards and PDF draw in that weight, printable ASCII
(IDs, digits, punctuation) and a few typographic marks; no layout tables (Pillow's basic layout reads none).
Same input, same bytes: no timestamps. Writes only inside scripts/fonts/, each file atomically.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.editions.localize import localize  # noqa: E402
from scripts.render import cards, printed  # noqa: E402
from scripts.render import messages as ui  # noqa: E402
from scripts.source.problems import ContentError  # noqa: E402
from scripts.source.statement import load_statement  # noqa: E402

NOTO = Path("/usr/share/fonts/opentype/noto")
SOURCES = {"Regular": NOTO / "NotoSansCJK-Regular.ttc", "Bold": NOTO / "NotoSansCJK-Bold.ttc"}
FACES = {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}  # family name (name ID 1) in the collection
LICENCE_SOURCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")
LICENCE = "LICENSE-NotoSansCJK.txt"
# Always present, whatever the texts: IDs, numbers and punctuation a new text may bring without a new subset.
BASE = "".join(chr(c) for c in range(0x20, 0x7F)) + "·–—‘’“”…、。・「」（）"


def needed(st_root: Path) -> dict[Path, str]:
    """Each subset font → the characters its language's cards and PDF draw with it (with BASE), sorted."""
    st = load_statement(st_root)
    out: dict[Path, set[str]] = {}
    for lang in cards.CJK_FACES:
        local = localize(st, lang)  # type: ignore[arg-type]
        for card in cards.cards(local, ui.load(lang)).values():  # type: ignore[arg-type]
            for font, text in card.texts().items():
                out.setdefault(font, set(BASE)).update(ch for ch in text if ch != "\n")
        # The PDF without a site address (its paths are ASCII, like any address) and with the statement's date as
        # the content date (its digits are ASCII): every other character is the build's.
        doc = printed.document(local, None, st.date, ui.load(lang))  # type: ignore[arg-type]
        for weight, text in printed.characters(doc).items():
            out.setdefault(printed.fonts(lang)[weight][0], set(BASE)).update(text)
    return {font: "".join(sorted(chars)) for font, chars in out.items()}


def _face(source: Path, family: str) -> int:
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(source), lazy=True)
    names = [f["name"].getDebugName(1) for f in collection.fonts]
    collection.close()
    if family not in names:
        raise SystemExit(f"{source}: no face named {family!r} (faces: {', '.join(map(str, names))})")
    return names.index(family)


def subset(source: Path, family: str, chars: str) -> tuple[bytes, str]:
    """(OTF bytes, the characters it has): ``family`` of ``source`` cut to ``chars``."""
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=_face(source, family), recalcTimestamp=False, recalcBBoxes=True)
    options = ftsubset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # names, copyright and the licence with its address
    options.notdef_outline = True
    sub = ftsubset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    have = "".join(sorted(chr(u) for u in font.getBestCmap()))
    out = io.BytesIO()
    font.save(out)
    font.close()
    return out.getvalue(), have


def _target(fonts: Path, name: str) -> Path:
    # Only a plain file directly in scripts/fonts/ of this checkout: never a link, never anywhere else.
    target = fonts / name
    if fonts.is_symlink() or fonts.resolve() != (ROOT / "scripts" / "fonts").resolve() or not fonts.resolve().is_relative_to(ROOT):
        raise SystemExit(f"{fonts}: refusing to write outside scripts/fonts/ of {ROOT}")
    if target.is_symlink() or (target.exists() and not target.is_file()) or target.resolve().parent != fonts.resolve():
        raise SystemExit(f"{target}: refusing to write: not a plain file in scripts/fonts/")
    return target


def write_atomically(fonts: Path, files: dict[str, bytes]) -> None:
    """Every file checked first, then each written beside its name and renamed over it."""
    targets = {_target(fonts, name): data for name, data in files.items()}
    for target, data in targets.items():
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def build(chars: dict[Path, str]) -> dict[str, bytes]:
    """Every file the tool writes, by name in scripts/fonts/: the four subsets, their manifest, the licence."""
    out: dict[str, bytes] = {}
    manifest: dict[str, object] = {}
    for lang, (regular, bold) in cards.CJK_FACES.items():
        for weight, font in (("Regular", regular), ("Bold", bold)):
            data, have = subset(SOURCES[weight], FACES[lang], chars[font])
            lacking = sorted(set(chars[font]) - set(have) - {" "})
            if lacking:
                print(f"{font.name}: {SOURCES[weight].name} has no glyph for {' '.join(lacking)}", file=sys.stderr)
            out[font.name] = data
            manifest[font.name] = {"face": FACES[lang], "weight": weight, "source": f"{SOURCES[weight]} (Debian fonts-noto-cjk)", "characters": have}
    doc = {
        "about": "Written by tools/subset_cjk_font.py: the characters each CJK subset font has (scripts/render/cards.py draws a card in "
        "English when its text needs one that is not here). Licence: " + LICENCE,
        "fonts": manifest,
    }
    out[cards.CJK_MANIFEST.name] = (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    out[LICENCE] = LICENCE_SOURCE.read_bytes()
    return out


def lacking(chars: dict[Path, str]) -> dict[Path, str]:
    """Characters each shipped subset lacks, of those the cards and PDFs need now (empty: nothing to do)."""
    out = {font: "".join(c for c in want if c not in cards.covered(font) and not c.isspace()) for font, want in chars.items()}
    return {font: s for font, s in out.items() if s}


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the shipped subsets have every character the cards and PDFs need")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        chars = needed(ROOT / "statement")
    except ContentError as e:
        print(e, file=sys.stderr)
        return 1
    if args.check:
        missing = lacking(chars)
        for font, s in missing.items():
            print(f"scripts/fonts/{font.name}: lacks {s}", file=sys.stderr)
        if missing:
            print(f"run: {cards.SUBSET_COMMAND}", file=sys.stderr)
        return 1 if missing else 0
    missing_sources = [p for p in (*SOURCES.values(), LICENCE_SOURCE) if not p.is_file()]
    if missing_sources:
        print(f"missing {', '.join(map(str, missing_sources))}: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 1
    files = build(chars)
    write_atomically(ROOT / "scripts" / "fonts", files)
    for name, data in sorted(files.items()):
        print(f"scripts/fonts/{name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
