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
from bs4 import BeautifulSoup
from PIL import Image, ImageFont

from conftest import STATEMENT, make_project, mkdocs_build
from scripts.publish.addresses import site_url_problem
from scripts.render import cards
from scripts.source.statement import load_statement

ST = load_statement(STATEMENT)


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
    assert c.title in meta["og:title"] and "Joint Statement" in meta["og:title"]
    assert meta["og:description"] == c.summary  # the summary, not the title again
    assert meta["article:published_time"] == ST.date
    assert meta["twitter:card"] == "summary_large_image"
    card = (site / "c" / cid / meta["og:image"]).resolve()
    assert card == (site / cards.card_path(c)).resolve()
    with Image.open(card) as img:
        assert img.format == "PNG" and img.size == (1200, 630)


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
