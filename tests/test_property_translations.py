"""Hostile text in every Japanese and Korean field, through a real build of all three editions (issue 19).

The same texts as tests/test_property.py gives the English fields, with the same markers: each translated
text and search word becomes ``<hostile text> ⟦n⟧ <its own translation>`` (so the consistency check still
finds the English's numbers, dates and parties), and every page of /ja/ and /ko/ is parsed as a browser
parses it: wherever a marker shows, in text or in an attribute, the text around it is the source text.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_property import HOSTILE, _check_dom, _norm

from conftest import FIXTURES, make_project, mkdocs_build
from scripts.source import translations

BASE = FIXTURES / "pass" / "translated" / "statement"
ROTATIONS = 3  # of len(HOSTILE) = 24; all 24 pass (set ROTATIONS = len(HOSTILE) to run them, 2 min): three keep the suite quick
SHOWN = ("statement.title", "sections.", "points.", "topics.", "parties.", "quotes.")  # families every edition shows


def _hostile(k: int) -> tuple[dict[str, dict[str, Any]], dict[int, str], dict[int, str]]:
    """Both translation files with hostile texts; (files, marker → expected text, marker → key)."""
    files = {lang: yaml.safe_load((BASE / "translations" / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in ("ja", "ko")}
    expected: dict[int, str] = {}
    keys: dict[int, str] = {}
    n = 0
    for lang, doc in files.items():
        for key, entry in doc["texts"].items():
            text = HOSTILE[(n + k) % len(HOSTILE)]
            if key in translations.SITE_TITLE_KEYS:  # refused there (tests/fixtures/fail/translation-site-title)
                text = "".join(ch for ch in text if ch not in translations.SITE_TITLE_REFUSED)
            if key.startswith("parties."):  # the other texts name the party by its old name: still one of its forms
                doc.setdefault("forms", {}).setdefault(key.split(".")[1], []).append(entry["text"])
            entry["text"] = expected[n] = f"{text} ⟦{n}⟧ {entry['text']}"
            keys[n] = f"{lang}:{key}"
            n += 1
        for key, words in doc.get("aliases", {}).items():
            for i in range(len(words)):
                words[i] = expected[n] = f"{HOSTILE[(n + k) % len(HOSTILE)]} ⟦{n}⟧"
                keys[n] = f"{lang}:aliases.{key}"
                n += 1
        # A name is one of its key's aliases: the first one, hostile text and all, shown as a name.
        doc["names"] = {key: doc["aliases"][key][:1] for key in doc.get("names", {})}
    return files, expected, keys


@pytest.mark.build
@pytest.mark.parametrize("k", range(ROTATIONS))
def test_hostile_text_in_every_translated_field_is_shown_literally(k: int, tmp_path: Path) -> None:
    files, expected, keys = _hostile(k)
    root = tmp_path / "statement"
    shutil.copytree(BASE, root)
    for lang, doc in files.items():
        (root / "translations" / f"{lang}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = make_project(tmp_path / "project", root)
    done = mkdocs_build(tmp_path / "site", config=config, cwd=config.parent)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    site = tmp_path / "site"
    seen: set[int] = set()
    for lang in ("ja", "ko"):
        pages = sorted((site / lang).rglob("*.html"))
        assert len(pages) > 10
        for page in pages:
            _check_dom(page.read_text(encoding="utf-8"), expected, page.relative_to(site).as_posix(), seen)
    wanted = {n for n, key in keys.items() if key.split(":", 1)[1].startswith(SHOWN)}
    assert wanted - seen == set(), f"never shown: {sorted(keys[n] for n in wanted - seen)}"
    # Navigation labels: literally in the navigation of each edition's home page.
    from bs4 import BeautifulSoup

    for lang in ("ja", "ko"):
        home = BeautifulSoup((site / lang / "index.html").read_text(encoding="utf-8"), "html5lib")
        nav = _norm(" ".join(a.get_text() for a in home.select("nav.md-nav--primary a.md-nav__link")))
        for n, key in keys.items():
            if key.startswith(f"{lang}:sections.") and key.endswith(".title"):
                assert _norm(expected[n]) in nav, f"{lang}: navigation label {expected[n]!r} not shown literally"
