"""Extract the site's messages from scripts/ and update the Japanese and Korean catalogs (scripts/locale/*.po).

    .venv/bin/python tools/extract_messages.py           # update ja.po and ko.po: new messages added empty, obsolete ones dropped
    .venv/bin/python tools/extract_messages.py --check   # exit 1 when a catalog is out of date (nothing written)

Babel's own extractor and ``Catalog.update`` do the work: a translation whose English is unchanged is
kept; a message whose English changed slightly comes back fuzzy (shown in English and reported until a
person checks it and removes the flag). Keywords: ``_``, ``n_`` (singular, plural), their plain-text forms ``text_`` and ``ntext_``, ``N_`` (marked for a
later lookup) and ``_Nn`` (a plural marked for a later ``ui.n_``). A message ID is a literal string, never
an f-string, and never a call inside an f-string (Python 3.11's tokenizer hides those from the extractor).
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.source.model import TRANSLATED as LANGS  # noqa: E402

SCRIPTS = ROOT / "scripts"
LOCALE = SCRIPTS / "locale"
KEYWORDS = {"_": None, "n_": (1, 2), "text_": None, "ntext_": (1, 2), "N_": None, "_Nn": (1, 2)}
HEADER = "Plural-Forms: nplurals=1; plural=0;"


def template() -> Catalog:
    """Every message the code asks for, from scripts/**/*.py (sorted by file, then line)."""
    cat = Catalog(project="trilateral-statement", charset="utf-8", fuzzy=False)
    for path in sorted(SCRIPTS.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        # Babel warns of every f-string among a call's arguments; ours are placeholder values (link=f"[…](…)"),
        # never message IDs: a message written as an f-string would be missing, which the build reports.
        with contextlib.redirect_stderr(io.StringIO()):
            found = list(extract_from_file("python", path, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)))
        for lineno, msgid, comments, context in found:
            cat.add(msgid, None, [(rel, lineno)], auto_comments=comments, context=context)
    return cat


def updated(lang: str, tmpl: Catalog) -> bytes:
    """``lang``'s catalog brought up to date with ``tmpl``, as PO bytes (obsolete messages dropped)."""
    path = LOCALE / f"{lang}.po"
    if path.exists():
        with path.open("rb") as f:
            cat = read_po(f, locale=lang)
    else:
        cat = Catalog(locale=lang, project="trilateral-statement", charset="utf-8", fuzzy=False)
    cat.update(tmpl, update_header_comment=False, no_fuzzy_matching=False)
    cat.obsolete.clear()
    cat.fuzzy = False
    cat.revision_date = cat.creation_date = tmpl.creation_date.replace(year=2025, month=4, day=3, hour=0, minute=0, second=0, microsecond=0)
    cat.language_team = cat.last_translator = "trilateral-statement (this site's own reference translation)"
    cat.msgid_bugs_address = ""
    buf = io.BytesIO()
    # File names without line numbers: an edit elsewhere in a file leaves the catalogs as they are.
    write_po(buf, cat, width=0, omit_header=False, sort_output=False, include_previous=True, sort_by_file=False, include_lineno=False)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    tmpl = template()
    stale = []
    for lang in LANGS:
        path = LOCALE / f"{lang}.po"
        new = updated(lang, tmpl)
        old = path.read_bytes() if path.exists() else b""
        if new != old:
            stale.append(path.relative_to(ROOT).as_posix())
            if not check:
                LOCALE.mkdir(exist_ok=True)
                path.write_bytes(new)
    if check and stale:
        print(f"out of date: {', '.join(stale)} (run: .venv/bin/python tools/extract_messages.py)", file=sys.stderr)
        return 1
    print(f"{len(tmpl)} messages; " + (f"updated {', '.join(stale)}" if stale and not check else "catalogs up to date"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
