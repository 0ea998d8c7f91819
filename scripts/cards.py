"""Link-preview cards: a 1200×630 PNG per point and one for the site, ``{path: bytes}``.

Drawn with Pillow in DejaVu Sans (shipped in scripts/fonts/ with its licence; Pillow's own font has no
"–" or "é", and Material's social plugin downloads its fonts). Same text, same bytes: no clock, no
metadata. Each card is kept in a cache folder under a hash of everything that draws it (its text,
this module, the fonts, Pillow's version), so a build redraws only the cards whose text changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from .mdtext import long_date
from .model import KIND_LABELS, Commitment, Statement

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
SITE_CARD = "assets/cards/site.png"

_INK = (33, 33, 33)
_MUTED = (90, 90, 90)
_ACCENT = (64, 81, 181)  # the theme's indigo (#4051b5)
_PAPER = (255, 255, 255)
_MARGIN = 72


@dataclass(frozen=True)
class Card:
    kicker: str
    title: str
    detail: str
    footer: str


def card_path(c: Commitment | str) -> str:
    return f"assets/cards/{c if isinstance(c, str) else c.id}.png"


def _parties(st: Statement, c: Commitment) -> str:
    names = [st.party(p).name for p in c.parties]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def cards(st: Statement) -> dict[str, Card]:
    """What each card says: the point's title, kind and parties under the statement's short title."""
    when = f"{st.place} · {long_date(st.date)}"
    out = {SITE_CARD: Card(st.short_title, st.title, "Each point summarised in our own words, with the words the news summary quotes", when)}
    for c in st.commitments:
        out[card_path(c)] = Card(st.short_title, c.title, f"{KIND_LABELS[c.kind]} · {_parties(st, c)}", f"{when} · ID: {c.id}")
    return out


def files(st: Statement, cache_dir: Path | None = None) -> dict[str, bytes]:
    """Every card as PNG bytes; drawn only when ``cache_dir`` has no card for the same input."""
    return {path: png(card, cache_dir) for path, card in sorted(cards(st).items())}


def png(card: Card, cache_dir: Path | None = None) -> bytes:
    if cache_dir is None:
        return draw(card)
    key = hashlib.sha256(json.dumps([_drawer_version(), asdict(card)], ensure_ascii=False).encode()).hexdigest()
    cached = cache_dir / f"{key}.png"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = draw(card)
    _store(cached, data)
    return data


def _store(path: Path, data: bytes) -> None:
    # Written beside its final name and renamed: a build that reads the cache never sees half a card.
    # A cache that cannot be written (read-only checkout) only costs the drawing next time.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".card-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        return


@cache
def _drawer_version() -> str:
    from PIL import __version__ as pillow

    h = hashlib.sha256(pillow.encode())
    for path in (Path(__file__), REGULAR, BOLD):
        h.update(path.read_bytes())
    return h.hexdigest()


@cache
def _font(path: Path, size: int) -> object:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def _wrap(text: str, font: object, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:  # type: ignore[attr-defined]
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _fit(text: str, path: Path, sizes: tuple[int, ...], width: int, max_lines: int) -> tuple[object, list[str]]:
    # The largest size at which the text fits; at the smallest, the last line ends in "…".
    for size in sizes:
        font = _font(path, size)
        lines = _wrap(text, font, width)
        if len(lines) <= max_lines and all(font.getlength(line) <= width for line in lines):  # type: ignore[attr-defined]
            return font, lines
    lines = lines[:max_lines]
    while lines[-1] and font.getlength(lines[-1] + "…") > width:  # type: ignore[attr-defined]
        lines[-1] = lines[-1][:-1]
    lines[-1] = lines[-1].rstrip() + "…"
    return font, lines


def draw(card: Card) -> bytes:
    """The card as PNG bytes (a 16-colour palette: anti-aliased text at a fraction of the RGB size)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (WIDTH, HEIGHT), _PAPER)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, WIDTH, 16), fill=_ACCENT)
    inner = WIDTH - 2 * _MARGIN
    kicker_font, kicker = _fit(card.kicker, REGULAR, (30, 26), inner, 1)
    d.text((_MARGIN, 64), kicker[0], font=kicker_font, fill=_ACCENT)
    title_font, title = _fit(card.title, BOLD, (64, 56, 48, 42), inner, 4)
    size = title_font.size  # type: ignore[attr-defined]
    y = 130
    for line in title:
        d.text((_MARGIN, y), line, font=title_font, fill=_INK)
        y += int(size * 1.22)
    detail_font, detail = _fit(card.detail, REGULAR, (28, 24), inner, 2)
    y = max(y + 24, 400)
    for line in detail:
        d.text((_MARGIN, y), line, font=detail_font, fill=_MUTED)
        y += 38
    d.line((_MARGIN, HEIGHT - 92, WIDTH - _MARGIN, HEIGHT - 92), fill=(210, 210, 210), width=2)
    footer_font, footer = _fit(card.footer, REGULAR, (26, 22), inner, 1)
    d.text((_MARGIN, HEIGHT - 72), footer[0], font=footer_font, fill=_MUTED)
    out = io.BytesIO()
    img.quantize(colors=16, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, "PNG", compress_level=6)
    return out.getvalue()
