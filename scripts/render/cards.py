"""Link-preview cards: a 1200×630 PNG per point and one for the site, ``{path: bytes}``.

Drawn with Pillow in DejaVu Sans (shipped in scripts/fonts/ with its licence; Pillow's own font has no
"–" or "é", and Material's social plugin downloads its fonts). Same text, same bytes: no clock, no
metadata. Each card is kept in a cache folder under a hash of everything that draws it (its text and
language, this module, its fonts, Pillow's version), so a build redraws only the cards whose text changed.

A point's card names the site (the edition's name) above the point and carries, at its foot, the same caveat
as the page's link preview (previews.py): the text is this edition's summary, not the statement's.

The Japanese and Korean cards are drawn in Noto Sans CJK (JP and KR faces), cut down by
tools/subset_cjk_font.py to the characters those cards use (listed in CJK_MANIFEST). A card whose
text has a character the subset lacks (a translation edited since) is drawn in English instead, never
with empty boxes, and reported as a ``Fallback`` naming the point and the command that fixes it.
"""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from ..source.files import cache_file
from ..source.model import Commitment, Statement
from . import messages as uimod
from . import previews

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent.parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
SITE_CARD = "assets/cards/site.png"
# Written by tools/font_coverage.py: the code points DejaVu Sans has, so an English card that would draw an
# empty box (an emoji or CJK character in a title) is reported (the build never needs fontTools).
DEJAVU_COVERAGE = FONTS / "DejaVuSans-coverage.json"
# Written by tools/subset_cjk_font.py: for each subset font, the characters it has.
CJK_MANIFEST = FONTS / "NotoSansCJK-subset.json"
CJK_FACES: dict[str, tuple[Path, Path]] = {  # lang → (regular, bold)
    "ja": (FONTS / "NotoSansCJKjp-subset-Regular.otf", FONTS / "NotoSansCJKjp-subset-Bold.otf"),
    "ko": (FONTS / "NotoSansCJKkr-subset-Regular.otf", FONTS / "NotoSansCJKkr-subset-Bold.otf"),
}
SUBSET_COMMAND = ".venv/bin/python tools/subset_cjk_font.py"

_INK = (33, 33, 33)
_MUTED = (90, 90, 90)
_ACCENT = (64, 81, 181)  # the theme's indigo (#4051b5)
_PAPER = (255, 255, 255)
_MARGIN = 72
_DEJAVU_ASCENT = 1901 / 2048  # DejaVu Sans's ascender, in ems


@dataclass(frozen=True)
class Card:
    kicker: str
    title: str
    detail: str
    footer: str
    lang: uimod.Lang = "en"  # picks the fonts and the line breaking

    def fonts(self) -> tuple[Path, Path]:
        """(regular, bold): DejaVu for English, the CJK subset of the card's language otherwise."""
        return CJK_FACES.get(self.lang, (REGULAR, BOLD))

    def texts(self) -> dict[Path, str]:
        """Every character the card draws, by the font that draws it ("…" ends a shortened line)."""
        regular, bold = self.fonts()
        return {regular: f"{self.kicker}{self.detail}{self.footer}…", bold: f"{self.title}…"}


@dataclass(frozen=True)
class Fallback:
    """A card with characters its font lacks: a Japanese or Korean one is drawn in English instead (``lang`` ja, ko);
    an English one has nothing to fall back to and is drawn as it is, with empty boxes (``lang`` en)."""

    path: str
    lang: str
    missing: str  # the characters, sorted

    def message(self) -> str:
        what = "the site card" if self.path == SITE_CARD else f"point {Path(self.path).stem}"
        chars = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in self.missing)
        if self.lang == "en":
            return (f"{self.path}: the link-preview card for {what} draws {chars} as empty boxes: DejaVu Sans has no glyph for "
                    "them (the page shows the text as written; write the title without them for a clean card)")
        return (
            f"{self.path}: the {self.lang} link-preview card for {what} is drawn in English: the CJK font subset lacks {chars}; "
            f"run `{SUBSET_COMMAND}` and commit scripts/fonts/"
        )


@dataclass(frozen=True)
class Drawn:
    files: dict[str, bytes]
    fallbacks: tuple[Fallback, ...]


def card_path(c: Commitment | str) -> str:
    return f"assets/cards/{c if isinstance(c, str) else c.id}.png"


def cards(st: Statement, ui: uimod.UI | None = None, site_name: str | None = None) -> dict[str, Card]:
    """What each card says, in ``st.lang``: a point's card its title, kind, parties and ID under the site's name
    (``site_name``: the English one is mkdocs.yml's; an edition's is made as its config makes it), and the caveat."""
    ui = ui or uimod.load(st.lang)
    when = f"{st.place} · {ui.date(st.date)}"
    lang = st.lang
    name = site_name or previews.site_title(st, ui)
    caveat = previews.caveat(ui)
    out = {SITE_CARD: Card(st.short_title, st.title, ui.text_("Each point summarised in our own words, with the sources it rests on"), when, lang)}
    for c in st.commitments:
        parties = ui.join(st.party(p).name for p in c.parties)
        ident = ui.text_("ID: {id}", id=c.id)  # not inside the f-string: Babel on Python 3.11 cannot see calls there
        out[card_path(c)] = Card(name, c.title, f"{st.kind_label(c.kind)} · {parties} · {ident}", caveat, lang)
    return out


@cache
def _manifest(mtime_ns: int) -> dict[str, frozenset[str]]:
    data = json.loads(CJK_MANIFEST.read_text(encoding="utf-8"))
    return {name: frozenset(entry["characters"]) for name, entry in data["fonts"].items()}


def covered(font: Path) -> frozenset[str]:
    """The characters a shipped CJK subset font has (none when the subset is absent)."""
    try:
        return _manifest(CJK_MANIFEST.stat().st_mtime_ns).get(font.name, frozenset()) if font.is_file() else frozenset()
    except FileNotFoundError:
        return frozenset()


@cache
def _dejavu(mtime_ns: int) -> dict[str, frozenset[str]]:
    """The characters each DejaVu face has (a set, read once per change of the file: a card asks for each character)."""
    data = json.loads(DEJAVU_COVERAGE.read_text(encoding="utf-8"))
    return {name: frozenset(chr(cp) for a, b in runs for cp in range(a, b + 1)) for name, runs in data["fonts"].items()}


def characters(font: Path) -> frozenset[str]:
    """The characters a shipped font has: a DejaVu face from its coverage file, a CJK subset from its manifest."""
    if font.name in (REGULAR.name, BOLD.name):
        return _dejavu(DEJAVU_COVERAGE.stat().st_mtime_ns).get(font.name, frozenset())
    return covered(font)


def invisible(ch: str) -> bool:
    """Drawn as nothing in any font: a space or a format character (a zero-width joiner)."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def missing_characters(card: Card) -> str:
    """The characters ``card`` draws that its font lacks (its CJK subset, or DejaVu Sans for English), sorted."""
    out: set[str] = set()
    dejavu = _dejavu(DEJAVU_COVERAGE.stat().st_mtime_ns) if card.lang not in CJK_FACES else {}
    for font, text in card.texts().items():
        if card.lang in CJK_FACES:
            have = covered(font)
            out |= {ch for ch in text if not ch.isspace() and ch not in have}
        else:
            have = dejavu.get(font.name, frozenset())
            out |= {ch for ch in set(text) if ch not in have and not ch.isspace() and unicodedata.category(ch) != "Cf"}
    return "".join(sorted(out))


def render(st: Statement, cache_dir: Path | None = None, *, ui: uimod.UI | None = None, english: Statement | None = None,
           site_name: str | None = None) -> Drawn:
    """Every card of ``st``'s edition as PNG bytes, and the cards drawn in English for want of glyphs.

    ``english`` (the unlocalized statement) is needed for a Japanese or Korean edition: a card that would
    draw a character the font subset lacks is that point's English card instead.
    """
    own = cards(st, ui, site_name)
    fallbacks: list[Fallback] = []
    if st.lang == "en":  # nothing to fall back to: said, and drawn as it is
        fallbacks += [Fallback(path, "en", missing) for path, card in own.items() if (missing := missing_characters(card))]
    else:
        if english is None or english.lang != "en":
            raise ValueError("cards.render: a Japanese or Korean edition needs the English statement (english=) for its fallback cards")
        en_cards = cards(english, uimod.EN)
        for path, card in own.items():
            missing = missing_characters(card)
            if missing:
                fallbacks.append(Fallback(path, st.lang, missing))
                own[path] = en_cards[path]
                if lacking := missing_characters(own[path]):
                    fallbacks.append(Fallback(path, "en", lacking))
    return Drawn({path: png(card, cache_dir) for path, card in sorted(own.items())}, tuple(sorted(fallbacks, key=lambda f: f.path)))


def files(st: Statement, cache_dir: Path | None = None, *, ui: uimod.UI | None = None, english: Statement | None = None,
          site_name: str | None = None) -> dict[str, bytes]:
    """Every card as PNG bytes; drawn only when ``cache_dir`` has no card for the same input (``render`` also says which fell back)."""
    return render(st, cache_dir, ui=ui, english=english, site_name=site_name).files


def png(card: Card, cache_dir: Path | None = None) -> bytes:
    if cache_dir is None:
        return draw(card)
    key = hashlib.sha256(json.dumps([_drawer_version(card.fonts()), asdict(card)], ensure_ascii=False).encode()).hexdigest()
    cached = cache_dir / f"{key}.png"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = draw(card)
    cache_file(cached, data)  # whole or not at all: a build that reads the cache never sees half a card
    return data


@cache
def _drawer_version(fonts: tuple[Path, Path]) -> str:
    from PIL import __version__ as pillow

    h = hashlib.sha256(pillow.encode())
    for path in (Path(__file__), *fonts):
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


# Japanese line-breaking rules (kinsoku), in short: these never begin a line, those never end one.
_NO_START = frozenset("、。，．,.:;!?！？：；)]}）］｝〕〉》」』】〙〗・ー…‥ゝゞ々ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ%％”’")
_NO_END = frozenset("([{（［｛〔〈《「『【〘〖“‘")


def _wide(ch: str) -> bool:
    # Kana, kanji, Hangul and full-width forms: a line may break before or after each.
    return unicodedata.east_asian_width(ch) in "WF"


def _units(text: str, lang: str) -> list[tuple[bool, str]]:
    """(space before?, unit): the pieces a CJK line may break between.

    Japanese breaks between any two characters except inside a run of Latin letters or digits; Korean
    keeps its words whole (its spaces are kept as they are) unless one word is wider than a line.
    """
    out: list[tuple[bool, str]] = []
    space = False
    for ch in text:
        if ch.isspace():
            space = True
            continue
        glue = bool(out) and not space and (
            ch in _NO_START or out[-1][1][-1] in _NO_END or (lang == "ko" or not (_wide(ch) or _wide(out[-1][1][-1])))
        )
        if glue:
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((space, ch))
        space = False
    return out


def _wrap_cjk(text: str, font: object, width: int, lang: str) -> list[str]:
    fits: Callable[[str], bool] = lambda s: font.getlength(s) <= width  # type: ignore[attr-defined]  # noqa: E731
    lines: list[str] = []
    for space, unit in _units(text, lang):
        if not fits(unit):  # wider than a line on its own: its characters become the units
            pieces = [(space, unit[0]), *((False, ch) for ch in unit[1:])]
        else:
            pieces = [(space, unit)]
        for sp, piece in pieces:
            joined = f"{lines[-1]}{' ' if sp else ''}{piece}" if lines else piece
            if lines and fits(joined):
                lines[-1] = joined
            else:
                lines.append(piece)
    return lines


def _fit(text: str, path: Path, sizes: tuple[int, ...], width: int, max_lines: int, lang: str = "en") -> tuple[object, list[str]]:
    # The largest size at which the text fits; at the smallest, the last line ends in "…".
    for size in sizes:
        font = _font(path, size)
        lines = _wrap(text, font, width) if lang == "en" else _wrap_cjk(text, font, width, lang)
        if len(lines) <= max_lines and all(font.getlength(line) <= width for line in lines):  # type: ignore[attr-defined]
            return font, lines
    lines = lines[:max_lines]
    while lines[-1] and font.getlength(lines[-1] + "…") > width:  # type: ignore[attr-defined]
        lines[-1] = lines[-1][:-1]
    lines[-1] = lines[-1].rstrip() + "…"
    return font, lines


def fitted(card: Card) -> dict[str, tuple[object, list[str]]]:
    """Each text of the card → (the font it is drawn in, its lines), each line within the text column."""
    regular, bold = card.fonts()
    inner = WIDTH - 2 * _MARGIN
    return {
        "kicker": _fit(card.kicker, regular, (30, 26, 22), inner, 1, card.lang),
        "title": _fit(card.title, bold, (64, 56, 48, 42), inner, 4, card.lang),
        "detail": _fit(card.detail, regular, (28, 24), inner, 2, card.lang),
        "footer": _fit(card.footer, regular, (26, 22), inner, 1, card.lang),
    }


def draw(card: Card) -> bytes:
    """The card as PNG bytes (a 16-colour palette: anti-aliased text at a fraction of the RGB size)."""
    from PIL import Image, ImageDraw

    lang = card.lang
    fit = fitted(card)
    img = Image.new("RGB", (WIDTH, HEIGHT), _PAPER)
    d = ImageDraw.Draw(img)

    def text(xy: tuple[int, int], line: str, font: object, fill: tuple[int, int, int]) -> None:
        if lang == "en":
            d.text(xy, line, font=font, fill=fill)
        else:  # Noto CJK's ascender is taller than DejaVu's: set its baseline where DejaVu's falls, so the layout holds
            d.text((xy[0], xy[1] + round(font.size * _DEJAVU_ASCENT)), line, font=font, fill=fill, anchor="ls")  # type: ignore[attr-defined]

    d.rectangle((0, 0, WIDTH, 16), fill=_ACCENT)
    kicker_font, kicker = fit["kicker"]
    text((_MARGIN, 64), kicker[0], kicker_font, _ACCENT)
    title_font, title = fit["title"]
    size = title_font.size  # type: ignore[attr-defined]
    y = 130
    for line in title:
        text((_MARGIN, y), line, title_font, _INK)
        y += int(size * 1.22)
    detail_font, detail = fit["detail"]
    y = max(y + 24, 400)
    for line in detail:
        text((_MARGIN, y), line, detail_font, _MUTED)
        y += 38
    d.line((_MARGIN, HEIGHT - 92, WIDTH - _MARGIN, HEIGHT - 92), fill=(210, 210, 210), width=2)
    footer_font, footer = fit["footer"]
    text((_MARGIN, HEIGHT - 72), footer[0], footer_font, _MUTED)
    out = io.BytesIO()
    img.quantize(colors=16, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, "PNG", compress_level=6)
    return out.getvalue()
