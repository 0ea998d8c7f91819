"""Our words are our own: no text the site shows shares a run of eight words with a source it read.

Exempt, as the house rules say: the statement's own words that the news summary quotes (carried verbatim,
only from it), and the source's headline shown as its title. Everything else — every English text of
statement/, every Japanese and Korean translation (our reference translations of the quotes included),
the interface messages of the code and their catalogs, and mkdocs.yml's description — is checked against
the hashed shingles of every source in statement/source-shingles.json (tools/source_shingles.py).
"""

from __future__ import annotations

import json
import sys

import pytest
import yaml
from babel.messages.pofile import read_po

from conftest import ROOT, STATEMENT
from scripts.source import translations
from scripts.source.statement import load_statement

sys.path.insert(0, str(ROOT / "tools"))
import source_shingles  # noqa: E402

sys.path.remove(str(ROOT / "tools"))

SHINGLES = json.loads((ROOT / "statement" / "source-shingles.json").read_text(encoding="utf-8"))
EXEMPT_KEYS = {"statement.source_publication.headline"}  # the source's own headline, shown as its title


def _ours() -> dict[str, str]:
    """Every text of ours the site shows, by where it comes from; quotes of the statement blanked out."""
    st = load_statement(STATEMENT)
    quotes = sorted({q.text for p in st.paragraphs for q in p.quotes}, key=len, reverse=True)

    def unquoted(text: str) -> str:
        for q in quotes:
            text = text.replace(q, " | ")  # a run may not cross where a quotation was
        return text

    out = {f"en:{k}": unquoted(v) for k, v in translations.english_texts(st).items() if not k.startswith("quotes.") and k not in EXEMPT_KEYS}
    for lang in ("ja", "ko"):
        doc = yaml.safe_load((STATEMENT / "translations" / f"{lang}.yaml").read_text(encoding="utf-8"))
        out.update((f"{lang}:{k}", v["text"]) for k, v in doc["texts"].items() if k not in EXEMPT_KEYS)
        with (ROOT / "scripts" / "locale" / f"{lang}.po").open("rb") as f:
            for m in read_po(f):
                if m.id:
                    for i, s in enumerate(m.id if isinstance(m.id, tuple) else (m.id,)):
                        out[f"message:{s[:40]}:{i}"] = s
                    for i, s in enumerate(m.string if isinstance(m.string, tuple) else (m.string,)):
                        out[f"{lang}.po:{(m.id if isinstance(m.id, str) else m.id[0])[:40]}:{i}"] = s or ""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    out["mkdocs.yml:site_description"] = config["site_description"]
    out["mkdocs.yml:site_name"] = config["site_name"]
    return out


def test_the_shingles_cover_the_sources_read() -> None:
    sources = SHINGLES["sources"]
    assert len(sources) >= 30 and all(s["address"].startswith("http") and len(s["shingles"]) > 20 for s in sources)
    assert {"globebanner", "miragenews", "mofa-readout-en", "dailian-fulltext"} <= {s["id"] for s in sources}


def test_the_check_finds_a_copied_run() -> None:
    # The seed's own sentence (outside its quotation marks) is caught; a paraphrase of it is not.
    seed = next(s for s in SHINGLES["sources"] if s["id"] == "globebanner")
    copied = "to respond swiftly to security developments in the Euro-Atlantic and Indo-Pacific regions"
    assert source_shingles.shingles(copied) & set(seed["shingles"])
    assert not source_shingles.shingles("to answer quickly when security changes in Europe and the Indo-Pacific") & set(seed["shingles"])


def test_no_text_of_ours_shares_eight_words_with_a_source() -> None:
    index: dict[str, list[str]] = {}
    for s in SHINGLES["sources"]:
        for h in s["shingles"]:
            index.setdefault(h, []).append(s["id"])
    found = []
    for where, text in sorted(_ours().items()):
        for h, run in source_shingles.runs(text):
            if h in index:
                found.append(f"{where}: {run!r} (in {', '.join(index[h])})")
    assert found == [], "copied runs:\n" + "\n".join(dict.fromkeys(found))


@pytest.mark.parametrize(("text", "n"), [
    ("U.S.–Japan–ROK", 3), ("the Indo-Pacific’s waters", 3), ("the United States, Japan and the Republic of Korea", 6),
    ("北朝鮮の完全な非核化", 1), ("한미일 외교장관", 2),
])
def test_words_are_counted_as_documented(text: str, n: int) -> None:
    assert len(source_shingles.words(text)) == n
