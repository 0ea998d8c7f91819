"""Hashed word shingles of the sources this edition read, so a test can tell when our words copy theirs.

    .venv/bin/python tools/source_shingles.py TEXTS_DIR REGISTER.yaml   # writes statement/source-shingles.json

The house rule: every text the site shows is in our own words, with no run of eight or more words shared
with a source (the four quotations of the news summary aside, which are the statement's own words). The
sources' text is not kept in this project (it is the publishers'): only the SHA-256 (first 16 hex digits)
of each run of eight words of each source, in ``statement/source-shingles.json``, beside the source's
publisher and address from the register. ``tests/test_own_words.py`` shingles every text of ours the same
way and fails on any hash a source has.

Words are counted as a reader counts them: Unicode NFKC, case folded, curly apostrophes made straight,
then runs of letters and digits joined by an apostrophe, a full stop or a hyphen ("U.S.", "Indo-Pacific"
and "Korea's" are one word each). A name is one word too: each party's name in statement/statement.yaml
("the Republic of Korea") counts as one, so listing the three governments by name is not a run of words
taken from a source. Japanese has no spaces between words: a run of twenty characters (letters and
digits, nothing else) stands for it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.source import files  # noqa: E402

TARGET = ROOT / "statement" / "source-shingles.json"
WORDS = 8
CHARACTERS = 20  # for text without spaces between words (Japanese)
_WORD = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")
_KANA_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'")


@functools.cache
def names() -> tuple[tuple[str, str], ...]:
    """The parties' names as they are written and as one word ("republic of korea" → "republic-of-korea"), longest first."""
    import yaml

    parties = yaml.safe_load((ROOT / "statement" / "statement.yaml").read_text(encoding="utf-8"))["parties"]
    found = {_fold(p["name"]) for p in parties if " " in p["name"]}
    return tuple((n, n.replace(" ", "-")) for n in sorted(found, key=len, reverse=True))


def words(text: str) -> list[str]:
    text = _fold(text)
    for name, word in names():
        text = re.sub(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", word, text)
    return _WORD.findall(text)


def _digest(run: str) -> str:
    return hashlib.sha256(run.encode("utf-8")).hexdigest()[:16]


def runs(text: str) -> Iterator[tuple[str, str]]:
    """(hash, the run itself) for every run of eight words, and every run of twenty characters of Japanese."""
    ws = words(text)
    for i in range(len(ws) - WORDS + 1):
        run = " ".join(ws[i : i + WORDS])
        yield _digest(run), run
    if _KANA_KANJI.search(text):
        chars = "".join(ws)
        for i in range(len(chars) - CHARACTERS + 1):
            run = chars[i : i + CHARACTERS]
            if _KANA_KANJI.search(run):
                yield _digest(f"ja:{run}"), run


def shingles(text: str) -> set[str]:
    return {h for h, _ in runs(text)}


def build(texts: Path, register: dict[str, object], skip: Iterable[str] = ()) -> dict[str, object]:
    """{"sources": [{id, publisher, address, shingles}]} for every source of the register with a text file."""
    entries = {s["id"]: s for s in register["sources"]}  # type: ignore[index, union-attr]
    out = []
    for path in sorted(texts.glob("*.txt")):
        entry = entries.get(path.stem)
        if entry is None or path.stem in skip:
            continue
        out.append({
            "id": path.stem, "publisher": entry.get("publisher"), "address": entry.get("address") or entry.get("url"),
            "shingles": sorted(shingles(path.read_text(encoding="utf-8"))),
        })
    return {
        "about": "SHA-256 (16 hex digits) of every run of 8 words (20 characters of Japanese) of each source this edition read "
                 "(tools/source_shingles.py); the sources' text is not kept. tests/test_own_words.py checks our texts against them.",
        "sources": out,
    }


def main(argv: list[str]) -> int:
    import yaml

    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    texts, register = Path(argv[0]), yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    data = (json.dumps(build(texts, register), ensure_ascii=False, indent=1) + "\n").encode()
    files.write_atomically(TARGET, data, mode=0o644)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
