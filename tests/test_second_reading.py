"""What the second reading of the Japanese and Korean texts asked to fix (issue 22, item 7): one test per fix,
each written to fail on the texts as they were before it. The choices are explained in TRANSLATION-DECISIONS.md."""

from __future__ import annotations

import re

import yaml
from babel.messages.pofile import read_po
from test_ui_catalogs import english, pages

from conftest import ROOT, STATEMENT
from scripts.editions.localize import localize
from scripts.render import messages
from scripts.source import translations

LANGS = ("ja", "ko")
DOCS = {lang: yaml.safe_load((STATEMENT / "translations" / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in LANGS}


def text(lang: str, key: str) -> str:
    return DOCS[lang]["texts"][key]["text"]


def test_the_denuclearization_quote_names_north_korea_as_each_government_does() -> None:
    """Japan's and the ROK's own texts on this line write 北朝鮮 / 북한, never the DPRK's self-designation."""
    ja, ko = text("ja", "quotes.denuclearization"), text("ko", "quotes.denuclearization")
    assert "北朝鮮" in ja and "朝鮮民主主義人民共和国" not in ja, ja
    assert "북한" in ko and "조선민주주의인민공화국" not in ko, ko


def test_japanese_condolences_go_to_the_dead_and_sympathy_to_the_damage() -> None:
    """弔意 is expressed for lives lost, never for damage: where a text speaks of both, the damage takes お見舞い."""
    for key, entry in DOCS["ja"]["texts"].items():
        words = entry["text"]
        if "弔意" in words and "被害" in words:
            assert "お見舞い" in words, f"{key}: {words}"
            assert "被害への弔意" not in words and not re.search(r"被害[^。]*に対(?:し|して)[^。]*弔意", words), f"{key}: {words}"


def test_the_1_1_changelog_says_what_the_points_were_called_before() -> None:
    """"Items are called points": in 1.0 every item was called a commitment, and item and point are one word in
    Japanese and Korean (項目 / 항목). The entry says that change, not a renaming of 項目 to 項目."""
    ja, ko = text("ja", "changes.1.1.summary"), text("ko", "changes.1.1.summary")
    assert "「約束」と呼ぶのをやめて「項目」と呼び" in ja, ja
    assert "'약속'이라 부르던 것을 '항목'으로 바꾸고" in ko, ko
    assert "呼び方を「項目」" not in ja and "명칭을 '항목'" not in ko  # the old wording: 項目 renamed 項目


def test_the_japanese_edition_gives_the_reading_of_cho_tae_yul_where_his_name_is_shown() -> None:
    """Japanese readers are given the Korean reading of a Korean name in kanji on its first mention, as Japan's
    Foreign Ministry and papers write it: 趙兌烈（チョ・テヨル）. Each page that names him names him once."""
    ja = pages("ja")[0]
    shown = {path: page for path, page in ja.items() if "趙兌烈" in page}
    assert {"index.md", "parties/index.md", "parties/republic-of-korea.md"} <= set(shown), sorted(shown)
    for path, page in shown.items():
        first = page.index("趙兌烈")
        assert page[first:].startswith("趙兌烈（チョ・テヨル）"), f"{path}: {page[first:first + 30]!r}"


def test_ro_cho_finds_north_korea_and_russia_like_cho_ro() -> None:
    """Japanese papers write North Korea–Russia both ways, 朝露 and 露朝: both are search words of the two topics,
    so both are shown (and indexed) with the point on their military cooperation."""
    aliases = DOCS["ja"]["aliases"]
    for topic in ("topics.north-korea", "topics.russia"):
        assert {"朝露", "露朝"} <= set(aliases[topic]), topic
    local = localize(english(), "ja")
    point = next(c for c in local.commitments if c.id == "dprk-russia-military-cooperation")
    assert all("露朝" in local.topic(t).aliases for t in point.topics)


SYSTEM_WORDS = {"ja": ("体制", "システム", "制度"), "ko": ("체제", "시스템", "제도")}
ORDER_WORD = {"ja": "秩序", "ko": "질서"}


def test_the_economic_order_is_an_order_in_both_languages() -> None:
    """The source speaks of a free and fair economic order. Where the English says "economic system" or "economic
    order" (the point free-fair-economic-order, its topic, its section, paragraph 5), ja/ko say 秩序 / 질서, never
    体制 / 체제 or a like word for "system". (Already so before the fix: this pins it.)"""
    # A changelog entry may name the word it replaced ("order (not system)"): the texts themselves are held here.
    keys = [k for k, v in translations.english_texts(english()).items()
            if re.search(r"economic (?:system|order)", v, re.I) and not k.startswith("changes.")]
    assert {"points.free-fair-economic-order.title", "points.free-fair-economic-order.summary",
            "topics.economic-order.description"} <= set(keys), keys
    for lang in LANGS:
        for key in keys:
            if key not in DOCS[lang]["texts"]:
                continue  # not translated yet: `python -m scripts translations` reports it, not this test
            words = text(lang, key)
            assert ORDER_WORD[lang] in words, f"{lang} {key}: {words}"
            assert not any(w in words for w in SYSTEM_WORDS[lang]), f"{lang} {key}: {words}"


# The messages the interface addresses to the reader: the 404 page, the copy button's notices, and search's
# "no match". They take the polite forms interfaces use (です・ます; 합니다체 and 해요체 as the 404 page has them);
# page prose keeps である調 / 한다체.
TO_THE_READER = ("not_found_title", "not_found_text", "not_found_closest", "copied", "copy_blocked", "search_none")
POLITE_END = {"ja": re.compile(r"(?:です|ます|ません|ました|ください)か?$"), "ko": re.compile(r"(?:니다|세요|나요|까)$")}


def test_messages_to_the_reader_are_polite_like_the_404_page() -> None:

    for lang in LANGS:
        words = messages.template_strings(messages.load(lang))  # type: ignore[arg-type]
        for name in TO_THE_READER:
            for sentence in filter(None, (s.strip() for s in re.split(r"[。？?]|\.(?:\s|$)", words[name]))):
                assert POLITE_END[lang].search(sentence), f"{lang} {name}: {sentence!r} (in {words[name]!r})"


# Korean particles that change with the word before them: (with a final consonant, without one).
PARTICLES = {"이라는": "라는", "을": "를", "은": "는", "이": "가", "과": "와", "으로": "로"}
_ALTERNATIVES = "|".join(sorted([*PARTICLES, *PARTICLES.values()], key=len, reverse=True))
_END = r"(?=[\s.,:;!?)]|$)"
# A bracket's particle agrees with the word before the bracket (the bracket only adds to it): 요약(…)을, 출처(…)를.
_AFTER_BRACKET = re.compile(rf"([가-힣])\([^()\n]*\)({_ALTERNATIVES}){_END}")
# After quotation marks or a link's text, with their last syllable: "링크 복사"로, [한 페이지로 읽기]를.
_AFTER_QUOTE = re.compile(rf"([가-힣])[\]\"'”’」]+({_ALTERNATIVES}){_END}")


def _agrees(syllable: str, particle: str) -> bool:
    final = (ord(syllable) - 0xAC00) % 28  # 0: none, 8: ㄹ (which takes 로, not 으로)
    with_consonant = particle in PARTICLES
    if particle in ("으로", "로"):
        return with_consonant == (final not in (0, 8))
    return with_consonant == (final != 0)


def _particle_errors(words: str) -> list[str]:
    return [words[max(0, m.start() - 15):m.end()] for rx in (_AFTER_BRACKET, _AFTER_QUOTE) for m in rx.finditer(words)
            if not _agrees(m.group(1), m.group(2))]


def test_the_check_finds_the_particle_errors_it_is_for() -> None:
    assert _particle_errors("뉴스 요약(Globe Banner에도 게재)을 바탕으로 '항목'으로 \"링크 복사\"로") == []
    assert _particle_errors("[출처와 방법]를 참조") and _particle_errors("데이터(제목, 요약)은 ") and _particle_errors("'약속'로 ")


def test_korean_particles_after_brackets_and_quotes_agree_on_every_page() -> None:

    for path, page in pages("ko")[0].items():
        words = re.sub(r"<[^>]+>", "", re.sub(r"\]\([^)]*\)", "]", page))  # a link is its text
        assert _particle_errors(words) == [], path


def test_korean_source_page_reads_right_around_the_headline_and_the_edition() -> None:
    """The headline sentence: "…"(이 사이트의 번역: …초점)이라는 제목의 — the English headline ends in a consonant
    ("cooperation") and so does our translation (초점), which the particle agrees with when it stands alone.
    The page's description is 이 사이트판 한미일 외교장관 공동성명…, not the garbled 공동성명 이 사이트 판의."""
    page = pages("ko")[0]["source.md"]
    words = re.sub(r"<[^>]+>", "", page)
    assert "초점)이라는 제목의" in words and ")라는" not in words
    assert "이 사이트판 한미일 외교장관 공동성명에 실린 각 서술의 출처" in page and "공동성명 이 사이트" not in page


def test_no_korean_particle_follows_a_quoted_symbol() -> None:
    """"; "로 reads 세미콜론로 (or 쌍반점로): a quoted symbol gets a noun to carry the particle ("; " 기호로)."""
    with (ROOT / "scripts" / "locale" / "ko.po").open("rb") as f:
        catalog = read_po(f)
    for m in catalog:
        for s in m.string if isinstance(m.string, tuple) else (m.string,):
            assert not re.search(rf"\"[^가-힣A-Za-z0-9\"]+\"(?:{_ALTERNATIVES}){_END}", s or ""), s


# One form per name in each language: the one the foreign ministry of that language's country writes
# (TRANSLATION-DECISIONS.md, "Names, offices, countries").
NAMES = {
    "ja": ("マルコ・ルビオ", "岩屋毅", "趙兌烈（チョ・テヨル）"),  # Japan's Foreign Ministry
    "ko": ("마르코 루비오", "이와야 다케시", "조태열"),  # the ROK's Ministry of Foreign Affairs (not the press's 마코)
}
OTHER_FORMS = {"ja": ("マーコ", "ルビオ・マルコ", "岩屋 毅"), "ko": ("마코 ", "다케시 이와야", "조 태열")}


def test_each_minister_has_one_name_per_language_the_one_its_foreign_ministry_writes() -> None:

    for lang in LANGS:
        assert tuple(text(lang, f"participants.{i}.name") for i in range(3)) == NAMES[lang]
        for path, page in pages(lang)[0].items():
            assert not any(form in page for form in OTHER_FORMS[lang]), f"{lang} {path}"
