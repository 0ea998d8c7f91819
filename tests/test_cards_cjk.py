"""Link-preview cards of the Japanese and Korean editions (issue 15): drawn in their language with the
shipped Noto Sans CJK subsets, never with empty boxes, and in English when the subset lacks a character."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import os
import sys
import time
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from conftest import ROOT, STATEMENT, under_ci
from scripts.editions.localize import localize
from scripts.render import cards
from scripts.render import messages as ui
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
LANGS = tuple(cards.CJK_FACES)


def _tool():  # tools/ is not a package: the subset tool loaded from its file
    spec = importlib.util.spec_from_file_location("subset_cjk_font", ROOT / "tools" / "subset_cjk_font.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("subset_cjk_font", module)
    spec.loader.exec_module(module)
    return module


def _localized(lang: str) -> tuple[object, ui.UI]:
    return localize(ST, lang), ui.load(lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
def test_every_character_of_every_card_is_in_the_shipped_subset(lang: str) -> None:
    st, u = _localized(lang)
    lacking = {path: cards.missing_characters(card) for path, card in cards.cards(st, u).items()}
    lacking = {path: s for path, s in lacking.items() if s}
    assert not lacking, (
        f"the {lang} cards need characters the font subset lacks: {lacking}; run `{cards.SUBSET_COMMAND}` and commit scripts/fonts/"
    )


def test_the_manifest_lists_exactly_the_characters_each_subset_font_has() -> None:
    # cards.py trusts the manifest (the build has no fontTools): it must be the fonts' own character maps.
    for lang, fonts in cards.CJK_FACES.items():
        for font in fonts:
            with TTFont(str(font)) as f:
                have = frozenset(chr(u) for u in f.getBestCmap())
                family = f["name"].getDebugName(1)
            assert cards.covered(font) == have, font.name
            assert family == {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}[lang]
            # The whole face is about 16 MB; the subsets hold Read it all's characters (the PDF) besides the cards'.
            assert font.stat().st_size < 200_000, f"{font.name} is {font.stat().st_size} bytes: not a subset any more?"
    licence = (cards.FONTS / "LICENSE-NotoSansCJK.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def _png(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


@pytest.mark.parametrize("lang", LANGS)
def test_a_site_card_and_a_point_card_are_drawn_in_the_language(lang: str) -> None:
    st, u = _localized(lang)
    english = cards.files(ST)
    drawn = cards.render(st, ui=u, english=ST)
    assert drawn.fallbacks == ()
    assert sorted(drawn.files) == sorted(english)
    c = ST.commitments[0]
    for path in (cards.SITE_CARD, cards.card_path(c)):
        img = _png(drawn.files[path])
        assert img.format == "PNG" and img.size == (1200, 630)
        assert drawn.files[path] != english[path]
    own = cards.cards(st, u)[cards.card_path(c)]
    assert own.title == st.commitment(c.id).title != c.title and own.lang == lang
    assert u.date(ST.date) in own.kicker and st.kind_label(c.kind) in own.detail  # the date in the edition's name


def _ink_outside(data: bytes) -> list[tuple[int, int]]:
    # Any pixel not paper-white right of the text column or under the footer (the accent bar is on top).
    img = _png(data).convert("RGB")
    paper = max(img.getcolors(1 << 16))[1]  # the palette's nearest to white
    right = [(x, y) for x in range(cards.WIDTH - cards._MARGIN + 2, cards.WIDTH) for y in range(20, cards.HEIGHT, 3)]
    bottom = [(x, y) for x in range(0, cards.WIDTH, 3) for y in range(cards.HEIGHT - 10, cards.HEIGHT)]
    return [p for p in right + bottom if img.getpixel(p) != paper]


@pytest.mark.parametrize("lang", LANGS)
def test_every_card_keeps_its_text_inside_the_card(lang: str) -> None:
    st, u = _localized(lang)
    for path, data in cards.render(st, ui=u, english=ST).files.items():
        assert not _ink_outside(data), path
    # The edition's longest texts, many times over and run together: shortened, still inside.
    own = cards.cards(st, u).values()
    longest = {field: max((getattr(c, field) for c in own), key=len) for field in ("kicker", "title", "detail", "footer")}
    card = cards.Card(*(longest[f] * 5 for f in ("kicker", "title", "detail", "footer")), lang)  # type: ignore[arg-type]
    assert not cards.missing_characters(card)
    assert not _ink_outside(cards.draw(card))


@pytest.mark.parametrize("lang", LANGS)
def test_every_title_and_label_is_shown_whole_on_its_card(lang: str) -> None:
    # Today's texts all fit: broken into lines where the language allows, none shortened with "…".
    st, u = _localized(lang)
    joiner = "" if lang == "ja" else " "
    for path, card in cards.cards(st, u).items():
        fit = cards.fitted(card)
        for field in ("kicker", "title", "detail", "footer"):
            lines = fit[field][1]
            assert not any(line.endswith("…") for line in lines), (path, field, lines)
            assert joiner.join(lines) == getattr(card, field) or " ".join(lines) == getattr(card, field), (path, field, lines)
    assert any(len(cards.fitted(card)["title"][1]) > 1 for card in cards.cards(st, u).values())  # some title did need a break


def _lines(text: str, lang: str, width: int = 700) -> list[str]:
    font = cards._font(cards.CJK_FACES[lang][1], 64)
    lines = cards._wrap_cjk(text, font, width, lang)
    assert all(font.getlength(line) <= width for line in lines), lines
    return lines


def test_japanese_breaks_between_characters_but_not_before_closing_marks() -> None:
    title = "米国、日本及び大韓民国の外相による共同声明"
    lines = _lines(title, "ja")
    assert len(lines) > 1 and "".join(lines) == title  # no space was needed to break, none added
    for line in lines[1:]:
        assert line[0] not in "、。・」）", lines
    assert _lines("NATOとインド太平洋のパートナーとの協力", "ja", 200)[0].startswith("NATO")  # a Latin word stays whole
    # A column exactly six characters wide: "、" would begin the second line, so "本" goes down with it.
    font = cards._font(cards.CJK_FACES["ja"][1], 64)
    assert cards._wrap_cjk("日本日本日本、日本", font, int(font.getlength("日本日本日本")) + 1, "ja") == ["日本日本日", "本、日本"]


def test_korean_keeps_its_words_and_spaces() -> None:
    title = "핵 위험 문제에 중국·러시아를 관여시키려는 미국의 노력 지지"
    lines = _lines(title, "ko")
    assert len(lines) > 1 and " ".join(lines) == title
    assert all(word in title.split() for line in lines for word in line.split())
    long_word = "관여시키려는" * 6  # wider than a line: broken between syllables rather than drawn off the card
    assert "".join(_lines(long_word, "ko")) == long_word


def test_a_character_outside_the_subset_gives_the_english_card_and_says_so(tmp_path: Path) -> None:
    st, u = _localized("ja")
    c = st.commitments[1]
    rare = "𠮷"  # U+20BB7, not in any card text: not in the subset
    assert rare not in cards.covered(cards.CJK_FACES["ja"][1])
    edited = dataclasses.replace(c, title=c.title + rare)
    sections = tuple(
        dataclasses.replace(s, commitments=tuple(edited if x.id == c.id else x for x in s.commitments)) for s in st.sections
    )
    st2 = dataclasses.replace(st, sections=sections)
    drawn = cards.render(st2, tmp_path, ui=u, english=ST)
    english = cards.files(ST)
    assert drawn.files[cards.card_path(c)] == english[cards.card_path(c)]  # the English card, not one with a box
    assert [(f.path, f.lang, f.missing) for f in drawn.fallbacks] == [(cards.card_path(c), "ja", rare)]
    message = drawn.fallbacks[0].message()
    assert f"point {c.id}" in message and rare in message and "U+20BB7" in message and cards.SUBSET_COMMAND in message
    others = [p for p in english if p != cards.card_path(c)]
    assert all(drawn.files[p] != english[p] for p in others)  # the rest stay Japanese
    with pytest.raises(ValueError, match="English statement"):
        cards.render(st2, ui=u)  # without the English there is nothing to fall back to


def test_the_cache_key_includes_language_and_font(tmp_path: Path) -> None:
    texts = ("Kicker", "Title 2025", "Detail", "Footer")
    drawn = {lang: cards.png(cards.Card(*texts, lang), tmp_path) for lang in ("en", "ja", "ko")}  # type: ignore[arg-type]
    assert len(list(tmp_path.glob("*.png"))) == 3  # one entry each, none served another language's card
    assert drawn["en"] != drawn["ja"]
    assert all(cards.png(cards.Card(*texts, lang), tmp_path) == data for lang, data in drawn.items())  # type: ignore[arg-type]
    assert cards._drawer_version(cards.CJK_FACES["ja"]) != cards._drawer_version(cards.CJK_FACES["ko"])


def _need_noto() -> None:
    sources = (*_tool().SOURCES.values(), _tool().LICENCE_SOURCE)
    if all(p.is_file() for p in sources):
        return
    message = "Debian's fonts-noto-cjk is not installed (the subset tool reads it)"
    if under_ci():
        pytest.fail(message)
    pytest.skip(message)


def test_the_subset_tool_gives_the_same_bytes_at_any_time(monkeypatch: pytest.MonkeyPatch) -> None:
    _need_noto()
    tool = _tool()
    chars = "日米韓외교 ID:0123…"
    first = tool.subset(tool.SOURCES["Bold"], tool.FACES["ja"], chars)
    monkeypatch.setattr(time, "time", lambda: 4_000_000_000.0)  # a later clock must not reach the file
    second = tool.subset(tool.SOURCES["Bold"], tool.FACES["ja"], chars)
    assert first == second
    assert set(chars) - {" "} <= set(first[1])


def test_the_shipped_subsets_hold_only_what_todays_cards_draw() -> None:
    # "Exactly the glyphs the cards need": a subset left with characters no card draws any more is stale too.
    tool = _tool()
    for font, chars in tool.needed(STATEMENT).items():
        assert "".join(sorted(cards.covered(font))) == chars, f"scripts/fonts/{font.name} is not cut for today's texts: run `{cards.SUBSET_COMMAND}`"


def test_the_subset_tool_writes_only_plain_files_in_scripts_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _tool()
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    fonts = tmp_path / "scripts" / "fonts"
    fonts.mkdir(parents=True)
    outside = tmp_path / "statement.yaml"
    outside.write_text("source\n", encoding="utf-8")
    (fonts / "linked.otf").symlink_to(outside)
    with pytest.raises(SystemExit, match="refusing"):
        tool.write_atomically(fonts, {"new.otf": b"x", "linked.otf": b"y"})
    assert outside.read_text(encoding="utf-8") == "source\n" and not (fonts / "new.otf").exists()  # checked before anything is written
    for name in ("../escape.otf", "sub/dir.otf"):
        with pytest.raises(SystemExit, match="refusing"):
            tool.write_atomically(fonts, {name: b"x"})
    with pytest.raises(SystemExit, match="refusing"):
        tool.write_atomically(tmp_path / "statement", {"a.otf": b"x"})
    tool.write_atomically(fonts, {"new.otf": b"x"})
    assert (fonts / "new.otf").read_bytes() == b"x" and sorted(os.listdir(fonts)) == ["linked.otf", "new.otf"]  # no temporary left
