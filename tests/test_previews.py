"""Link previews (issue 14) and escaped titles and addresses (issue 12, items 6 and 7).

A pasted /c/<id>/ link must give a card that says what it is: og:title names the point and the
statement, og:description is the summary, og:image a 1200×630 PNG drawn at build time, the same
bytes every time, redrawn only when its text changes.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image, ImageFont

from conftest import ROOT, STATEMENT, make_project, mkdocs_build
from scripts.editions.localize import localize
from scripts.publish.addresses import site_url_problem
from scripts.render import cards, previews
from scripts.render import messages as uimod
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)
SITE_NAME = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["site_name"]
EDITIONS = {"en": "", "ja": "ja/", "ko": "ko/"}  # language → its folder in the built site


def _meta(html: Path) -> dict[str, str]:
    doc = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    out = {m.get("property") or m.get("name"): m["content"] for m in doc.find_all("meta") if m.get("content") is not None}
    out["<title>"] = doc.title.get_text()
    return out


@pytest.mark.parametrize("cid", [c.id for c in ST.commitments])
def test_a_point_page_previews_as_that_point(site: Path, cid: str) -> None:
    c = ST.commitment(cid)
    meta = _meta(site / "c" / cid / "index.html")
    assert meta["og:type"] == "article"
    assert meta["og:title"] == previews.title(ST, c)
    assert meta["og:description"].endswith(c.summary)  # the summary, not the title again
    assert meta["article:published_time"] == ST.date
    assert meta["twitter:card"] == "summary_large_image"
    card = (site / "c" / cid / meta["og:image"]).resolve()
    assert card == (site / cards.card_path(c)).resolve()
    with Image.open(card) as img:
        assert img.format == "PNG" and img.size == (1200, 630)


def _edition(lang: str) -> tuple[object, uimod.UI]:
    return (ST if lang == "en" else localize(ST, lang)), uimod.load(lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_point_preview_names_the_point_first_within_about_70_characters_and_says_whose_summary_it_is(site: Path, lang: str) -> None:
    # Issue 23, item 2: the English og:title ran 84 to 134 characters (the point, then the whole site name), cut
    # by chat apps; no point's description said the text is this edition's summary. Read from the built pages.
    st, ui = _edition(lang)
    caveat = previews.caveat(ui)
    assert caveat and (lang == "en" or caveat != previews.caveat(uimod.EN))  # in the edition's language
    pages = sorted((site / EDITIONS[lang] / "c").glob("*/index.html"))
    assert len(pages) >= len(st.commitments)  # every point, and the earlier IDs' forwarding pages
    lengths = []
    for page in pages:
        meta = _meta(page)
        c = st.commitment(Path(meta["og:image"]).stem)  # an earlier ID's page previews its successor
        for key in ("og:title", "twitter:title"):
            if key not in meta:
                continue
            title = meta[key]
            lengths.append(len(title))
            assert len(title) <= previews.TITLE_MAX, (page, title)
            # The point first: its whole title, or as much of it as fits, ending in "…" at a word.
            assert title.startswith(c.title) or (title.endswith("…") and c.title.startswith(title[:-1])), (page, title)
        assert meta["og:description"] == ui.text_(previews.DESCRIPTION, caveat=caveat, summary=c.summary), page
        assert meta["og:description"].startswith(caveat)  # first: a preview shows only the first line or two
    assert max(lengths) <= previews.TITLE_MAX and len(lengths) >= len(pages)


def test_a_preview_title_is_cut_after_a_whole_word_only_when_it_must_be() -> None:
    assert previews.shorten("short", 10) == "short"
    assert previews.shorten("Against changing the status quo by force", 30) == "Against changing the status…"
    assert previews.shorten("one two, three", 9) == "one two…"  # no comma before the ellipsis
    assert previews.shorten("日米韓外相共同声明", 5) == "日米韓外…"  # no spaces: between characters
    for c in ST.commitments:
        t = previews.title(ST, c)
        assert len(t) <= previews.TITLE_MAX and (t.startswith(c.title) or c.title.startswith(t[:-1]))


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_point_card_shows_the_site_name_and_the_caveat_in_its_language(site: Path, lang: str) -> None:
    # Issue 23, item 2: a point's card image had no site name and no hint that the text is this edition's summary.
    st, ui = _edition(lang)
    name = SITE_NAME if lang == "en" else previews.site_title(st, ui)  # as the edition's header shows it
    own = cards.cards(st, ui, SITE_NAME if lang == "en" else None)  # type: ignore[arg-type]
    doc = BeautifulSoup((site / EDITIONS[lang] / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert doc.select_one('meta[property="og:site_name"]')["content"] == name
    for c in st.commitments:  # type: ignore[attr-defined]
        card = own[cards.card_path(c)]
        assert (card.kicker, card.footer, card.lang) == (name, previews.caveat(ui), lang)
        assert c.title == card.title and c.id in card.detail
        fit = cards.fitted(card)
        for field in ("kicker", "footer"):  # drawn whole, on one line each
            assert fit[field][1] == [getattr(card, field)], (c.id, field, fit[field][1])
        # The built image is that card, pixel for pixel (drawing is deterministic).
        assert (site / EDITIONS[lang] / cards.card_path(c)).read_bytes() == cards.draw(card), c.id


def test_every_other_page_shows_the_site_card(site: Path) -> None:
    for page in ("index.html", "sections/security/index.html", "data/index.html"):
        meta = _meta(site / page)
        assert meta["og:type"] == "website"
        assert meta["twitter:card"] == "summary_large_image"
        assert (site / page).parent.joinpath(meta["og:image"]).resolve() == (site / cards.SITE_CARD).resolve()
    assert (site / cards.SITE_CARD).is_file()


def _glyph(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    img = Image.new("L", (80, 80))
    from PIL import ImageDraw

    ImageDraw.Draw(img).text((10, 10), ch, font=font, fill=255)
    return img.tobytes()


def test_the_shipped_font_has_the_dash_and_accents() -> None:
    # Pillow's built-in font draws "–" and "é" as nothing; DejaVu draws them, not its "missing glyph" box.
    for path in (cards.REGULAR, cards.BOLD):
        font = ImageFont.truetype(str(path), 40)
        missing = _glyph(font, "\ue000")
        for ch in "–éü’":
            assert _glyph(font, ch) != missing, (path.name, ch)
    assert (cards.FONTS / "LICENSE-DejaVu.txt").is_file()


def test_cards_are_the_same_bytes_every_time_and_redrawn_only_when_their_text_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[cards.Card] = []
    real = cards.draw
    monkeypatch.setattr(cards, "draw", lambda card: drawn.append(card) or real(card))
    first = cards.files(ST, tmp_path)
    assert len(drawn) == len(ST.commitments) + 1
    assert first == {path: real(card) for path, card in cards.cards(ST).items()}  # the cache gives what drawing gives
    drawn.clear()
    assert cards.files(ST, tmp_path) == first
    assert drawn == []  # nothing redrawn
    # One title changes: one card is redrawn, and it differs.
    import dataclasses

    c = ST.sections[0].commitments[0]
    changed = dataclasses.replace(c, title=c.title + " (edited)")
    sec = dataclasses.replace(ST.sections[0], commitments=(changed, *ST.sections[0].commitments[1:]))
    st2 = dataclasses.replace(ST, sections=(sec, *ST.sections[1:]))
    second = cards.files(st2, tmp_path)
    assert [d.title for d in drawn] == [changed.title]
    assert second[cards.card_path(c)] != first[cards.card_path(c)]
    assert {k: v for k, v in second.items() if k != cards.card_path(c)} == {k: v for k, v in first.items() if k != cards.card_path(c)}


def test_a_long_title_is_shortened_to_fit_not_drawn_off_the_card() -> None:
    card = cards.Card("Kicker", "word " * 200, "detail", "footer")
    with Image.open(io.BytesIO(cards.draw(card))) as img:
        assert img.size == (1200, 630)


def test_the_cache_folder_is_git_ignored() -> None:
    ignore = (STATEMENT.parent / ".gitignore").read_text(encoding="utf-8").split()
    assert "/.cache/" in ignore


# --- issue 12, items 6 and 7 -------------------------------------------------------------------

HOSTILE_TITLE = "The </1 meeting < b > c"


@pytest.mark.build
def test_titles_are_escaped_never_stripped(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    shutil.rmtree(tmp_path / "statement" / "translations")  # the English is edited here: its translations would be stale
    section = tmp_path / "statement" / "sections" / "security.yaml"
    text = section.read_text(encoding="utf-8")
    first = ST.section("security").commitments[0]
    text = text.replace(f"title: {ST.section('security').title}\n", f'title: "{HOSTILE_TITLE}"\n', 1)
    text = text.replace(f"title: {first.title}\n", f'title: "{HOSTILE_TITLE} (point)"\n', 1)
    section.write_text(text, encoding="utf-8")
    done = mkdocs_build(tmp_path / "site", config=config, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for page, shown in (("sections/security/index.html", HOSTILE_TITLE), (f"c/{first.id}/index.html", f"{HOSTILE_TITLE} (point)")):
        meta = _meta(tmp_path / "site" / page)
        assert meta["<title>"].startswith(shown + " - "), meta["<title>"]
        assert meta["og:title"].startswith(shown), meta["og:title"]


@pytest.mark.parametrize("url", [
    "javascript://host/", "javascript:alert(1)", "https://example.org/\"><script>alert(1)</script>",
    "https://example.org/a\nb/", "https://exa mple.org/", "https://example.org/'x/", "ftp://example.org/",
    "https://example.org/?q=1", "https:///path/",
])
def test_site_url_must_be_an_http_address(url: str) -> None:
    assert site_url_problem(url)


@pytest.mark.parametrize("url", ["https://example.org/", "http://127.0.0.1:8000/trilateral/", "https://x.example/a-b_c/~d/"])
def test_site_url_accepts_real_addresses(url: str) -> None:
    assert site_url_problem(url) is None


@pytest.mark.build
def test_a_bad_site_url_is_a_clean_error(tmp_path: Path) -> None:
    config = make_project(tmp_path, extra_config="\nsite_url: 'javascript://host/'\n")
    done = mkdocs_build(tmp_path / "site", config=config, cwd=tmp_path)
    assert done.returncode != 0
    assert "site_url" in done.stderr and "http" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.build
def test_template_values_are_escaped_in_the_404_page(tmp_path: Path) -> None:
    # The favicon link used `| url` alone: a quote in the theme's favicon setting ended the attribute.
    config = make_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  custom_dir: overrides\n", "  custom_dir: overrides\n  favicon: 'x\"><b id=injected>.png'\n", 1), encoding="utf-8")
    done = mkdocs_build(tmp_path / "site", config=config, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for page in ("404.html", "index.html"):
        doc = BeautifulSoup((tmp_path / "site" / page).read_text(encoding="utf-8"), "html.parser")
        assert doc.find(id="injected") is None, page
