"""The Japanese and Korean page text: the catalogs match the code, keep every placeholder and link, and
the rendered ja/ko pages carry no English sentence of ours, our reference translation beneath every quote,
the English edition's citations, and the same pages as English (issue 15)."""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from conftest import ROOT, STATEMENT
from scripts.editions.localize import localize
from scripts.render import messages as uimod
from scripts.render.pages import POINTS, nav, render
from scripts.source.model import Statement
from scripts.source.statement import load_statement

LANGS = ("ja", "ko")
SITE = "https://example.org/trilateral/"


def _tool():  # tools/ is not a package: load extract_messages.py as a module
    spec = importlib.util.spec_from_file_location("extract_messages", ROOT / "tools" / "extract_messages.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def catalog(lang: str) -> Catalog:
    with uimod.catalog_path(lang).open("rb") as f:  # type: ignore[arg-type]
        return read_po(f, locale=lang)


def key(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


@cache
def english() -> Statement:
    return load_statement(STATEMENT)


@cache
def pages(lang: str, site_url: str | None = None) -> tuple[dict[str, str], frozenset[str]]:
    """The pages of one edition, and the messages its UI lacked."""
    st = english()
    if lang == "en":
        return render(st, site_url, changed="2025-05-01", site_name="Example"), frozenset()
    ui = uimod.load(lang)  # type: ignore[arg-type]
    local = localize(st, lang)
    out = render(local, site_url + f"{lang}/" if site_url else None, changed="2025-05-01", site_name="Example",
                 ui=ui, english=st, root="../")
    nav(local, ui)
    return out, frozenset(ui.missing)


# --- the catalogs against the code ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_catalog_holds_exactly_the_messages_the_code_asks_for(lang: str) -> None:
    code = {key(m.id) for m in _tool().template() if m.id}
    cat = catalog(lang)
    ids = {key(m.id) for m in cat if m.id}
    assert code - ids == set(), "messages missing from the catalog (run tools/extract_messages.py, then translate)"
    assert ids - code == set(), "obsolete messages in the catalog (run tools/extract_messages.py)"
    assert not cat.obsolete
    assert set(uimod.TEMPLATE_MESSAGES.values()) <= ids  # the templates' words too
    assert cat.plural_forms == "nplurals=1; plural=0;"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_and_none_fuzzy(lang: str) -> None:
    for m in catalog(lang):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert not m.fuzzy, f"{lang}: fuzzy: {m.id!r}"
        assert all(s.strip() for s in strings), f"{lang}: not translated: {m.id!r}"


def test_the_catalogs_are_what_the_extraction_command_writes() -> None:
    assert _tool().main(["--check"]) == 0, "run: .venv/bin/python tools/extract_messages.py"


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _shape(text: str) -> tuple[list[str], list[str], list[str], int]:
    return (sorted(_PLACEHOLDER.findall(text)), sorted(_LINK_TARGET.findall(text)), sorted(_TAG.findall(text)), text.count("**"))


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_placeholders_links_tags_and_bold(lang: str) -> None:
    for m in catalog(lang):
        if not m.id:
            continue
        msgid = key(m.id)
        for s in m.string if isinstance(m.string, tuple) else (m.string,):
            assert _shape(s) == _shape(msgid), f"{lang}: {msgid!r} → {s!r}"


# Words the honest-edition rules keep out of every language: no claim that the edition is the whole statement.
COMPLETE = {"ja": ("全文", "声明のすべて", "声明全体"), "ko": ("전문", "성명 전체", "성명의 모든")}


@pytest.mark.parametrize("lang", LANGS)
def test_no_completeness_claim(lang: str) -> None:
    for m in catalog(lang):
        for s in m.string if isinstance(m.string, tuple) else (m.string,):
            for word in COMPLETE[lang]:
                assert word not in (s or ""), f"{lang}: {word} in {s!r}"


# A point is called what it is: our words call something a commitment only where the English does.
COMMITMENT_WORDS = {"ja": ("約束", "コミットメント"), "ko": ("약속", "공약")}


@pytest.mark.parametrize("lang", LANGS)
def test_commitment_words_only_where_the_english_says_commitment(lang: str) -> None:
    for m in catalog(lang):
        if not m.id:
            continue
        english_text = " ".join((m.id,) if isinstance(m.id, str) else m.id).casefold()
        for s in m.string if isinstance(m.string, tuple) else (m.string,):
            if any(w in s for w in COMMITMENT_WORDS[lang]):
                assert "commitment" in english_text, f"{lang}: {s!r} calls something a commitment; the English: {m.id!r}"


# --- the rendered Japanese and Korean pages ----------------------------------------------------------

_ENGLISH_RUN = re.compile(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', re.S)
_CITATIONS = re.compile(r'<dl class="citations">.*?</dl>', re.S)


def ours(text: str) -> str:
    """A page without what stays English on purpose: the citation front matter, runs marked lang="en",
    the English citations, link targets, attributes and the data field table's schema words."""
    body = "\n".join(line for line in text.split("\n") if not line.startswith("cite: "))
    body = _CITATIONS.sub("", body)
    body = _ENGLISH_RUN.sub("", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    return re.sub(r"<[^>]+>", "", body)


def english_fragments() -> list[tuple[str, str]]:
    """(fragment, msgid): each run of English words of our messages (placeholders, links and markup cut out)."""
    out = []
    for m in _tool().template():
        if not m.id:
            continue
        for msgid in (m.id,) if isinstance(m.id, str) else m.id:
            for frag in re.split(r"\{[^{}]*\}|\*\*|\]\([^)]*\)|[\[\]“”()]", msgid):
                frag = frag.strip(" .,:;—-")
                if len(re.findall(r"[A-Za-z]{2,}", frag)) >= 2 and len(frag) >= 8:
                    out.append((frag, key(m.id)))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_found_when_rendering(lang: str) -> None:
    assert pages(lang)[1] == frozenset()
    assert pages(lang, SITE)[1] == frozenset()


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_sentence_of_ours_on_ja_ko_pages(lang: str) -> None:
    cat = {key(m.id): m.string for m in catalog(lang) if m.id}
    # A fragment the translation keeps on purpose (a name: "Frictionless Data Package") is not looked for.
    frags = [(f, mid) for f, mid in english_fragments()
             if not any(f in s for s in (cat[mid] if isinstance(cat[mid], tuple) else (cat[mid],)))]
    assert len(frags) > 100
    named = ("Our summary", "In the statement", "Copy link", "Permanent link", "Source and method", "Read it all",
             "All points", "Cite this", "For a reference manager", "Read it in context", "What this edition does not cover")
    for site_url in (None, SITE):
        for path, text in pages(lang, site_url)[0].items():
            mine = ours(text)
            for word in named:
                assert word not in mine, f"{lang} {path}: {word!r}"
            for frag, msgid in frags:
                assert frag not in mine, f"{lang} {path}: English {frag!r} (from {msgid!r})"


@pytest.mark.parametrize("lang", LANGS)
def test_quotes_stay_english_with_our_reference_translation_beneath(lang: str) -> None:
    label = uimod.load(lang)._("This site’s reference translation (not an official one):")  # type: ignore[arg-type]
    en_pages = pages("en")[0]
    total = 0
    for path, text in pages(lang)[0].items():
        blocks = re.findall(r'<blockquote class="statement-quote" markdown>\n(.*?)</blockquote>', text, re.S)
        assert len(blocks) == en_pages[path].count('<blockquote class="statement-quote"'), path
        for b in blocks:
            quote = re.search(r'<q lang="en">(.*?)</q>', b)
            assert quote, f"{path}: a quote not marked English: {b!r}"
            assert quote.group(1) in en_pages[path], f"{path}: the quote is not the English words"
            after = b[quote.end():]
            assert label in after and re.search(r'<span class="quote-translation">[^<]+</span>', after), f"{path}: {b!r}"
            total += 1
    assert total >= 10
    for text in en_pages.values():  # English pages: no translation, no label
        assert "quote-translation" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_same_pages_as_english(lang: str) -> None:
    assert set(pages(lang)[0]) == set(pages("en")[0])
    assert set(pages(lang, SITE)[0]) == set(pages("en", SITE)[0])


_ALIASES = re.compile(r"^(?:別名|다른 이름|検索語|검색어)\s*(?:[：:]|&#58;)\s*(.*)[。.]\n\{: \.aliases \}$", re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_english_search_words_are_marked_english(lang: str) -> None:
    """Aliases in Latin script ("Trilateral cooperation", "DPRK") are in lang="en" spans on ja/ko pages."""
    seen = 0
    for path, text in pages(lang)[0].items():
        for line in _ALIASES.findall(text):
            seen += line.count('<span lang="en">')
            rest = re.sub(r'<span lang="en">[^<]*</span>', "", line)
            for alias in re.split(r"、|, ", rest):
                assert not alias or not re.fullmatch(r"[\x00-\u024f\u2010-\u206f]+", alias), f"{path}: {alias!r} not marked English"
    assert seen > 20


def _citations(text: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", d) for d in re.findall(r'<dd class="citation"[^>]*>(.*?)</dd>', text, re.S)]


@pytest.mark.parametrize("lang", LANGS)
def test_ja_ko_pages_cite_the_english_edition(lang: str) -> None:
    en, local = pages("en", SITE)[0], pages(lang, SITE)[0]
    for path in [p for p in en if p.startswith("c/") and p != POINTS] + ["index.md"]:  # /c/ itself forwards, citing nothing
        assert _citations(local[path]) == _citations(en[path]) != [], path
        cite_line = next(line for line in en[path].split("\n") if line.startswith("cite: "))
        assert cite_line in local[path].split("\n"), f"{path}: citation metadata differs from the English page's"
        assert all('lang="en"' in d for d in re.findall(r'<dd class="citation"[^>]*>', local[path]))
    # Copy link copies the edition's own permanent link; the Cite block names the English one.
    page = local["c/us-defense-commitments.md"]
    assert f'data-permalink="{SITE}{lang}/c/us-defense-commitments/"' in page.split("<details")[0]
    assert f'data-permalink="{SITE}c/us-defense-commitments/"' in page.split("<details")[1]


@pytest.mark.parametrize("lang", LANGS)
def test_relative_ja_ko_links_reach_the_english_tree(lang: str) -> None:
    """Without a site address, the Cite block's URL, its downloads and the Data page's files are relative links
    from /<lang>/… to the English tree: resolved, they are the English addresses."""
    en, local = pages("en")[0], pages(lang)[0]
    base = f"https://host/{lang}/c/us-defense-commitments/"
    hrefs = re.findall(r'href="([^"]+)" download', local["c/us-defense-commitments.md"])
    assert {urljoin(base, h) for h in hrefs} == {f"https://host/data/cite/c/us-defense-commitments.{x}" for x in ("json", "bib", "ris")}
    cited = re.search(r'class="citation-url" lang="en" data-permalink="([^"]+)"', local["c/us-defense-commitments.md"])
    assert cited and urljoin(base, cited.group(1)) == "https://host/c/us-defense-commitments/"
    data = local["data.md"]
    files = re.findall(r'<a href="([^"]+)" hreflang="en">', data)
    resolved = {urljoin(f"https://host/{lang}/data/", h) for h in files}
    for name in ("statement.json", "commitments.csv", "schema.json", "datapackage.json", "cite/statement.bib"):
        assert f"https://host/data/{name}" in resolved, name
    assert "](data/" not in data  # no Markdown link outside the edition (MkDocs would reject it)
    assert "](data/statement.json)" in en["data.md"]


def test_english_pages_take_the_english_ui_by_default() -> None:
    st = english()
    assert render(st, SITE, changed="2025-05-01", site_name="Example") == render(
        st, SITE, changed="2025-05-01", site_name="Example", ui=uimod.EN)


def test_names_with_offices_follow_each_language() -> None:
    ja, ko = pages("ja")[0]["index.md"], pages("ko")[0]["index.md"]
    assert "岩屋毅外務大臣" in ja and "趙兌烈（チョ・テヨル）外交部長官" in ja and "マルコ・ルビオ国務長官" in ja
    assert "조태열 외교부 장관" in ko and "이와야 다케시 외무상" in ko and "마르코 루비오 국무장관" in ko
    assert "2025年4月3日" in ja and "2025년 4월 3일" in ko


def test_source_headline_quotes_hold_only_the_english_headline() -> None:
    """The Source page quotes the cited headline as published; our translation of it follows the closing
    quotation mark (quotation marks on this site mean the source's words), and the story number is bracketed
    after the publisher, not set as a second subject."""
    pub = english().publication
    assert pub and pub.story
    for lang, quoted, story in (("ja", f"「{pub.headline}」（", f"{pub.publisher}（記事番号{pub.story}）が"),
                                ("ko", f'"{pub.headline}"(', f"{pub.publisher}(기사 번호 {pub.story})가")):
        line = next(ln for ln in pages(lang)[0]["source.md"].split("\n") if pub.publisher in ln)
        text = re.sub(r"<[^>]+>", "", line)
        assert quoted in text, f"{lang}: {text!r}"
        assert story in text, f"{lang}: {text!r}"


def test_catalog_files_are_packaged() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"scripts.locale" = ["*.po"]' in text and '"scripts.locale"' in text.split("[tool.setuptools]")[1].split("\n")[1]
    assert all(Path(uimod.catalog_path(lang)).is_file() for lang in LANGS)  # type: ignore[arg-type]
