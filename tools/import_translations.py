"""Import a translator's draft (key → {en, text}, aliases.*, acronyms.*, forms.<party code>) into statement/translations/<lang>.yaml.

    .venv/bin/python tools/import_translations.py DRAFT_DIR [--statement statement] [--out statement/translations]

Each entry's fingerprint is that of the English the translator actually translated (the draft's `en`), so an
entry translated from older English is reported STALE by `make check`, as it should be. Acronyms of
abbreviations not in the glossary are left out (listed on stderr). ``forms.<code>`` lists the words that name
a party in running text besides its name and aliases (the press's short names of the meeting, 日米韓).
Refuses to overwrite an existing file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.source.statement import load_statement  # noqa: E402
from scripts.source.translations import LANGS, english_texts, fingerprint, normalise  # noqa: E402

NAMES = {"ja": "Japanese", "ko": "Korean"}


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def convert(lang: str, draft: dict, st) -> tuple[str, list[str]]:
    english = english_texts(st)
    glossary = {a.abbr for a in st.glossary}
    notes: list[str] = []
    lines = [
        "# yaml-language-server: $schema=../../scripts/schemas/translation.schema.json",
        f"# {NAMES[lang]} reference translation of this edition's English texts: the site's own, NOT an official translation.",
        "# Each entry: text, and the fingerprint of the English it translates (12 hex digits of its SHA-256).",
        "# `make translations` lists stale and missing entries; after checking one against the English, re-stamp it with",
        f"# `python -m scripts translations --stamp {lang} <key>`. Quotes stay verbatim in English on the site; quotes.<id>",
        "# is our reference translation shown beneath them.",
        f"language: {lang}",
        "official: false",
        "texts:",
    ]
    aliases: dict[str, list[str]] = {}
    acronyms: dict[str, list[str]] = {}
    forms: dict[str, list[str]] = {}
    for key, value in draft.items():
        if key.startswith("aliases."):
            aliases[key.removeprefix("aliases.")] = value
        elif key.startswith("forms."):
            forms[key.removeprefix("forms.")] = value
        elif key.startswith("acronyms."):
            abbr = key.removeprefix("acronyms.")
            if abbr in glossary:
                acronyms[abbr] = value
            else:
                notes.append(f"{lang}: acronyms.{abbr} left out (not in statement/glossary.yaml)")
        else:
            if key not in english:
                notes.append(f"{lang}: {key} has no English text now (kept: it will be reported ORPHANED)")
            elif normalise(value["en"]) != normalise(english[key]):
                if normalise(value["en"]).casefold() == normalise(english[key]).casefold():
                    value = {**value, "en": english[key]}  # the kind labels were given lower-case: the same words
                    notes.append(f"{lang}: {key} translated from {english[key]!r} in other letter case: stamped as current")
                else:
                    notes.append(f"{lang}: {key} was translated from other English (it will be reported STALE)")
            lines += [f"  {q(key)}:", f"    text: {q(value['text'])}", f"    fingerprint: {q(fingerprint(value['en']))}"]
    for title, mapping in (("aliases", aliases), ("acronyms", acronyms), ("forms", forms)):
        lines.append(f"{title}:")
        lines += [f"  {q(k)}: [{', '.join(q(w) for w in v)}]" for k, v in mapping.items()]
    return "\n".join(lines) + "\n", notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("draft", type=Path)
    parser.add_argument("--statement", type=Path, default=Path("statement"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    st = load_statement(args.statement, drift=lambda found: None)
    out = args.out or args.statement / "translations"
    out.mkdir(exist_ok=True)
    for lang in LANGS:
        draft = yaml.safe_load((args.draft / f"{lang}.yaml").read_text(encoding="utf-8"))
        text, notes = convert(lang, draft, st)
        target = out / f"{lang}.yaml"
        with target.open("x", encoding="utf-8", newline="\n") as f:  # never overwrites
            f.write(text)
        print("\n".join(notes), file=sys.stderr) if notes else None
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
