"""Search in the Japanese and Korean editions: each edition's own index, and Material's search in Chromium.

Each edition is its own MkDocs build with its own search index (scripts/editions/config.py sets ``lang``,
``separator`` and ``pipeline`` per language). The query tables are what readers of each language type:
topics, names, acronyms and compounds, each landing on the right point of that edition, as in English.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import pytest
from searchkit import INSTRUMENT, SETTLED, Hit, SearchPages, best, found, open_home, search

from conftest import STATEMENT
from scripts.editions.localize import localize
from scripts.render.messages import load as load_ui
from scripts.render.messages import template_strings
from scripts.source.statement import load_statement

Lang = Literal["ja", "ko"]
LANGS: tuple[Lang, ...] = ("ja", "ko")
ST = load_statement(STATEMENT)
LOCAL = {lang: localize(ST, lang) for lang in LANGS}
# Pages that only list points: never ranked above the point itself.
INDEX_LIKE = ("topics/", "commitments/", "glossary/", "parties/")
# Each edition's own script, to tell its words from English ones.
SCRIPT = {"ja": re.compile(r"[\u3040-\u30ff]"), "ko": re.compile(r"[\uac00-\ud7a3]")}


def index(site: Path, lang: str) -> dict[str, object]:
    return json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))


def docs(site: Path, lang: str) -> dict[str, dict[str, object]]:
    return {str(d["location"]): d for d in index(site, lang)["docs"]}  # type: ignore[attr-defined]


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def anchor(cid: str) -> str:
    return f"sections/{ST.commitment(cid).section}/#{cid}"


def split(separator: str, text: str) -> list[str]:
    """The words Material makes of ``text`` with this separator (it splits at zero-width matches too)."""
    return [w for w in re.split(separator, text) if w]


# --- the search indexes (no browser) -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_edition_indexes_in_its_own_language(site: Path, lang: Lang) -> None:
    # Left to the theme, the Korean index would say English (Material's ko strings set no search language and
    # fall back to en's); without ja, the worker loads no TinySegmenter and indexes each kanji run whole.
    assert index(site, lang)["config"]["lang"] == [lang]  # type: ignore[index]
    assert index(site, "")["config"]["lang"] == ["en"]  # type: ignore[index]


def test_japanese_words_split_where_scripts_meet(site: Path) -> None:
    """A query's kanji, hiragana and katakana runs become separate words, as the index's are, without the
    particles の, と and や that join two of them."""
    sep = str(index(site, "ja")["config"]["separator"])  # type: ignore[index]
    assert split(sep, "北朝鮮のサイバー") == ["北朝鮮", "サイバー"]  # の joins two words: a separator, not a word
    assert split(sep, "北朝鮮とロシアの軍事協力") == ["北朝鮮", "ロシア", "軍事協力"]
    assert split(sep, "その他の国") == ["その", "他", "国"]  # の after hiragana stays part of its word
    assert split(sep, "核リスク") == ["核", "リスク"]
    assert split(sep, "エネルギー安全保障") == ["エネルギー", "安全保障"]
    assert split(sep, "鉱物安全保障パートナーシップ（MSP）") == ["鉱物安全保障", "パートナーシップ", "MSP"]
    assert split(sep, "ユース・サミット、日米韓。") == ["ユース", "サミット", "日米韓"]


def test_korean_words_split_at_punctuation_and_keep_numbers(site: Path) -> None:
    config = index(site, "ko")["config"]
    sep = str(config["separator"])  # type: ignore[index]
    assert split(sep, "유엔해양법협약(UNCLOS)") == ["유엔해양법협약", "UNCLOS"]
    assert split(sep, "인도·태평양 파트너") == ["인도", "태평양", "파트너"]
    assert split(sep, "“complete denuclearization”") == ["complete", "denuclearization"]
    assert split(sep, "APEC 2025 U.S.") == ["APEC", "2025", "U.S."]
    # lunr's ko trimmer keeps Hangul and Latin letters only: it would index 2025 as nothing.
    assert "trimmer" not in config["pipeline"]  # type: ignore[index]


@pytest.mark.parametrize("lang", LANGS)
def test_every_point_is_a_result_on_its_section_page(site: Path, lang: Lang) -> None:
    entries = docs(site, lang)
    for c in LOCAL[lang].commitments:
        doc = entries.get(anchor(c.id))
        assert doc is not None, f"{lang}: {anchor(c.id)} is not in the search index"
        assert doc["title"] == c.title
        assert " ".join(c.summary.split()) in plain(str(doc["text"]))
    assert not [loc for loc in entries if loc.startswith("c/")], "permanent pages are search results"
    for loc, doc in entries.items():
        if loc.startswith(("topics/", "commitments/", "glossary/")):
            assert doc.get("boost", 1) < 1, f"{lang}: {loc} is not boosted down"


@pytest.mark.parametrize("lang", LANGS)
def test_every_alias_is_indexed_where_it_leads(site: Path, lang: Lang) -> None:
    """A topic's aliases on each of its points, a party's on its page, a note's on the note."""
    local, entries = LOCAL[lang], docs(site, lang)
    checked = 0
    for c in local.commitments:
        text = plain(str(entries[anchor(c.id)]["text"]))
        for t in c.topics:
            for alias in local.topic(t).aliases:
                assert alias in text, f"{lang}: alias {alias!r} of {t} is not indexed on {c.id}"
                checked += 1
    for p in local.parties:
        text = plain(str(entries[f"parties/{p.slug}/"]["text"]))
        for alias in p.aliases:
            assert alias in text, f"{lang}: alias {alias!r} is not indexed on the page of {p.code}"
            checked += 1
    for n in local.not_covered:
        text = plain(str(entries[f"not-covered/#{n.id}"]["text"]))
        for alias in n.aliases:
            assert alias in text, f"{lang}: alias {alias!r} is not indexed on the note {n.id}"
            checked += 1
    assert checked > 100


# --- Material's search, in Chromium ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    lang: Lang
    query: str
    lands: tuple[str, ...]  # the right landing places (path and anchor, in the edition); most have one
    why: str = ""

    @property
    def is_point(self) -> bool:
        return self.lands[0].startswith("sections/") and "#" in self.lands[0]

    def heading(self, landed: str) -> str:
        """What the heading the reader lands on says, in the edition's language."""
        local = LOCAL[self.lang]
        if landed.startswith("sections/") and "#" in landed:
            return local.commitment(landed.split("#")[1]).title
        if landed.startswith("sections/"):
            return local.section(landed.split("/")[1]).title
        if landed.startswith("parties/"):
            return next(p.name for p in local.parties if landed == f"parties/{p.slug}/")
        if landed.startswith("not-covered/#"):
            return next(n.title for n in local.not_covered if landed.endswith(f"#{n.id}"))
        raise AssertionError(landed)


def point(lang: Lang, query: str, *cids: str, why: str = "") -> Case:
    return Case(lang, query, tuple(anchor(c) for c in cids), why)


def topic(lang: Lang, query: str, tid: str, why: str = "") -> Case:
    """A query for a whole topic: any point on that topic is the right first result."""
    return Case(lang, query, tuple(anchor(c.id) for c in ST.commitments if tid in c.topics), why)


def party(lang: Lang, query: str, code: str) -> Case:
    return Case(lang, query, (f"parties/{ST.party(code).slug}/",))


def section(lang: Lang, query: str, sid: str) -> Case:
    return Case(lang, query, (f"sections/{sid}/",))


def note(lang: Lang, query: str, nid: str) -> Case:
    return Case(lang, query, (f"not-covered/#{nid}",))


SEP = "split where kanji, hiragana and katakana meet (the ja separator)"
ALIAS = "an alias written without spaces (statement/translations/ko.yaml)"
JA = [
    topic("ja", "台湾", "taiwan"),
    section("ja", "北朝鮮", "north-korea"),
    point("ja", "非核化", "dprk-complete-denuclearization"),
    point("ja", "完全な非核化", "dprk-complete-denuclearization"),
    point("ja", "鉱物", "supply-chains-msp"),
    point("ja", "MSP", "supply-chains-msp"),
    topic("ja", "サイバー", "cyber"),
    topic("ja", "北朝鮮のサイバー", "cyber", why=SEP),
    point("ja", "核リスク", "nuclear-risk-china-russia", why=SEP),
    # A near tie, like 北朝鮮とロシア below: the section's own entry lists energy security first and wins or loses
    # by the lengths of other pages (BM25 normalises by the index's average length); it went to the section when
    # the 1.2 rewording made some pages longer. Either lands on the page that holds the passage.
    Case("ja", "エネルギー安全保障", ("sections/economic-security/#energy-security", "sections/economic-security/"), SEP),
    point("ja", "北朝鮮とロシアの軍事協力", "dprk-russia-military-cooperation", why=SEP),
    # 露朝, as some papers write North Korea–Russia (朝露 the other way round): an alias of both topics of the point.
    point("ja", "露朝", "dprk-russia-military-cooperation"),
    # The two names alone: the North Korea section (its title and its summary, which names the military
    # cooperation with Russia) ranks a little above the point (2,670 against 2,594 in Material's scores).
    Case("ja", "北朝鮮とロシア", ("sections/north-korea/", "sections/north-korea/#dprk-russia-military-cooperation"), SEP),
    point("ja", "中国", "nuclear-risk-china-russia"),
    point("ja", "APEC", "apec-2025-korea"),
    point("ja", "山火事", "wildfire-condolences"),
    point("ja", "ユース・サミット", "youth-summit-japan"),
    point("ja", "国際機関", "taiwan-international-organizations"),
    point("ja", "不法な主張", "unlawful-maritime-claims"),
    point("ja", "揺るぎない", "us-defense-commitments"),
    party("ja", "岩屋", "JP"),
    party("ja", "ルビオ", "US"),
    party("ja", "趙兌烈", "KR"),
    point("ja", "南シナ海", "indo-pacific-status-quo"),
    point("ja", "拡大抑止", "us-extended-deterrence"),
    point("ja", "台湾周辺の軍事演習", "taiwan-drills-concern", why=SEP),
    point("ja", "停戦", "ukraine-ceasefire-progress"),
    point("ja", "暗号資産", "dprk-crypto-theft"),
    point("ja", "制裁", "dprk-sanctions"),
    point("ja", "LNG", "us-lng-energy-cooperation"),
    point("ja", "原子炉", "civil-nuclear-reactors"),
    point("ja", "造船", "shipbuilding-maritime-security"),
    note("ja", "航行の自由", "freedom-of-navigation"),
]
KO = [
    section("ko", "북한", "north-korea"),
    point("ko", "비핵화", "dprk-complete-denuclearization"),
    point("ko", "북한비핵화", "dprk-complete-denuclearization", why=ALIAS),
    point("ko", "핵심광물", "supply-chains-msp"),
    point("ko", "핵심 광물", "supply-chains-msp"),
    point("ko", "MSP", "supply-chains-msp"),
    topic("ko", "사이버", "cyber"),
    topic("ko", "북한의 사이버", "cyber"),
    topic("ko", "대만", "taiwan"),
    # Two points name the Strait in their titles since issue 22: either is the passage the query means.
    point("ko", "대만해협", "taiwan-strait-stability", "taiwan-strait-peace-stability"),
    topic("ko", "한미일협력", "trilateral-cooperation", why=ALIAS),
    point("ko", "태평양", "nato-indo-pacific-partners", "free-open-indo-pacific-unclos",
          why="인도·태평양 in both headings, split at the middle dot (the ko separator)"),
    point("ko", "APEC", "apec-2025-korea"),
    point("ko", "산불", "wildfire-condolences"),
    point("ko", "청년서밋", "youth-summit-japan", why=ALIAS),
    point("ko", "경제질서", "free-fair-economic-order", why=ALIAS),
    point("ko", "중국", "nuclear-risk-china-russia"),
    point("ko", "나토", "nato-indo-pacific-partners"),
    point("ko", "철통같은", "us-defense-commitments"),
    party("ko", "조태열", "KR"),
    party("ko", "루비오", "US"),
    party("ko", "이와야 다케시", "JP"),
    point("ko", "남중국해", "indo-pacific-status-quo"),
    point("ko", "확장억제", "us-extended-deterrence"),
    point("ko", "군사훈련", "taiwan-drills-concern"),
    point("ko", "휴전", "ukraine-ceasefire-progress"),
    point("ko", "암호화폐", "dprk-crypto-theft"),
    point("ko", "제재", "dprk-sanctions"),
    point("ko", "LNG", "us-lng-energy-cooperation"),
    point("ko", "원자로", "civil-nuclear-reactors"),
    point("ko", "조선업", "shipbuilding-maritime-security"),
    note("ko", "항행의 자유", "freedom-of-navigation"),
]
# Known not to land: Material 9.8's query segmenter (search/query/segment, in the worker) cuts a query's kanji run
# into words of the index, but its inner loop stops one character short (``j < query.length``), so no word ending
# at the run's last character is ever looked up: 重要鉱物 is searched as 重要, 共同抑制 as 共同, 台湾海峡 as 台湾 +
# 海 (海峡's first character is a word) and 日米韓 as 日 + 米. Only a run none of whose beginnings is a word of the
# index is searched whole. Nothing in the index or the configuration reaches that loop (see README, Search).
# Strict: when Material fixes it, these pass and the marker must go.
KNOWN_MISSES = [
    point("ja", "重要鉱物", "supply-chains-msp"),
    point("ja", "台湾海峡", "taiwan-strait-stability", "taiwan-strait-peace-stability"),  # since issue 22: 台湾 + 海 finds 海域
    topic("ja", "日米韓", "trilateral-cooperation"),  # an alias of the topic; 日 + 米 lands on the home page
    # The point's earlier title (北朝鮮のサイバー活動の共同抑制, TRANSLATION-DECISIONS.md); 共同 alone lands on the home page.
    point("ja", "共同抑制", "dprk-cyber-countermeasures"),
]
CASES = [
    *JA,
    *KO,
    *(pytest.param(c, marks=pytest.mark.xfail(strict=True, reason="Material's kanji query segmentation")) for c in KNOWN_MISSES),
]


def _id(c: Case | object) -> str:
    case = c.values[0] if hasattr(c, "values") else c  # type: ignore[attr-defined]
    return f"{case.lang}-{case.query}"  # type: ignore[union-attr]


def test_the_tables_are_long_enough() -> None:
    assert len(JA) >= 12 and len(KO) >= 12
    assert all(c.lang == "ja" for c in JA) and all(c.lang == "ko" for c in KO)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_first_result_lands_on_the_passage(search_pages: SearchPages, case: Case) -> None:
    page = search_pages.home(case.lang)
    groups = search(page, case.query)
    got, first = _first(case, groups)
    _lands_on_the_heading(search_pages.follow(page, first), case, got, first)


def _first(case: Case, groups: list[list[Hit]]) -> tuple[str, Hit]:
    prefix = f"{case.lang}/"
    first = best(groups)
    assert first.path.startswith(prefix), f"{case.query!r} left the edition: {first.path}"
    got = first.path.removeprefix(prefix)
    assert got in case.lands, f"{case.query!r} → {got} ({first.title}); wanted {' or '.join(case.lands)}"
    if case.is_point:
        listings = [h for g in groups for h in g if h.path.removeprefix(prefix).startswith(INDEX_LIKE)]
        assert all(h.score < first.score for h in listings)
    return got, first


def _lands_on_the_heading(page: object, case: Case, got: str, first: Hit) -> None:
    url = urlsplit(page.url)  # type: ignore[attr-defined]
    landed = url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else "")
    assert landed == first.path
    target = page.locator(f"[id='{url.fragment}']") if url.fragment else page.locator("article h1")  # type: ignore[attr-defined]
    assert case.heading(got) in target.first.inner_text()


# Clicked for real, in a page of its own, once per edition: the result link itself leads to the passage.
@pytest.mark.parametrize("case", [JA[2], KO[1]], ids=_id)
def test_clicking_the_first_result_lands_on_the_passage(page: object, base_url: str, case: Case) -> None:
    open_home(page, f"{base_url}/{case.lang}")
    got, first = _first(case, search(page, case.query))
    page.locator("a.md-search-result__link", has=page.locator(f'[data-md-score="{first.score:.2f}"]')).first.click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    _lands_on_the_heading(page, case, got, first)


NOTHING = {"ja": "ミサイル発射", "ko": "미사일 발사"}  # not in the summary, so in no edition


@pytest.mark.parametrize("lang", LANGS)
def test_a_query_with_no_match_says_so_in_the_editions_language(search_pages: SearchPages, lang: Lang) -> None:
    page = search_pages.home(lang)
    assert search(page, NOTHING[lang]) == []
    shown = " ".join(page.locator(".md-search-result__meta").inner_text().split())  # type: ignore[attr-defined]
    assert shown == " ".join(template_strings(load_ui(lang))["search_none"].split())
    assert SCRIPT[lang].search(shown), f"{lang}: the no-match message is not in the edition's language: {shown!r}"


def test_a_particle_between_words_adds_no_results(search_pages: SearchPages) -> None:
    """北朝鮮のサイバー finds what 北朝鮮 サイバー finds: の joins the two words, it is not a third one that every
    Japanese passage matches (before, it listed 21 more pages than 北朝鮮 サイバー, each matched on の alone)."""
    page = search_pages.home("ja")
    search(page, "北朝鮮 サイバー")
    words = found(page)
    search(page, "北朝鮮のサイバー")
    assert words
    assert found(page) == words


# Material's search box reads its value on keyup (and focus) only: text pasted from the context menu or dropped
# in, an ``input`` event without a key, is not searched until a key is pressed. Making it search would take
# script that drives Material's box from outside (a synthetic keyup), which this project does not do.
# Not strict: under load Material's focus handler (it reads the value too) can run after the fill, and then the
# query is searched (a clean-clone CI run, 1 in 5 runs at this stop): a pass says nothing about Material. An
# XPASS in the summary is the sign to look at a new Material release.
@pytest.mark.xfail(strict=False, reason="Material's search box reads its value on keyup (and focus) only")
def test_a_query_put_in_without_a_key_press_is_searched(page: object, base_url: str) -> None:
    page.add_init_script(INSTRUMENT)  # type: ignore[attr-defined]
    page.goto(f"{base_url}/ja/")  # type: ignore[attr-defined]
    page.wait_for_function("() => window.__search && window.__search.ready")  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.fill("台湾")  # one input event, no key: what a paste from the context menu sends
    page.wait_for_function(SETTLED, timeout=3_000)  # type: ignore[attr-defined]
    assert found(page)
