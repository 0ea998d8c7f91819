"""What a link preview says about a point: its title (``og:title``), its description (``og:description``) and
the caveat its card image carries (cards.py), in the edition's language.

A chat app shows the title cut at about 70 characters and the description's first line or two, often without
the site's name: so the title names the point first (the statement after it only where both fit), and the
description begins with the caveat that the text is this edition's summary, not the statement's words.
"""

from __future__ import annotations

from ..source.model import Commitment, Statement
from .messages import N_, UI

TITLE_MAX = 72
"""Characters a preview title may take: chat apps cut longer ones (X at about 70); two more keep today's
71-character titles whole rather than cut their last word."""

_DASH = " — "

# An edition's name (its site_name; the English one is mkdocs.yml's): its short title, place and date.
SITE_TITLE = N_("{title}, {place}, {date}")

# The caveat a point's preview carries, in its description and on its card. A translated edition says also
# that the translation is ours: a reader of the Japanese or Korean preview could take it for an official text.
CAVEAT = N_("This edition's summary, not the statement's text")
CAVEAT_TRANSLATED = N_("This edition's summary, translated by this site: not the statement's text, not an official translation")
DESCRIPTION = N_("{caveat}. {summary}")


def site_title(st: Statement, ui: UI) -> str:
    """A translated edition's name as plain text (its config escapes it for Material)."""
    return ui.text_(SITE_TITLE, title=st.short_title, place=st.place, date=ui.date(st.date))


def caveat(ui: UI) -> str:
    msgid = CAVEAT if ui.lang == "en" else CAVEAT_TRANSLATED  # a variable: the extractor takes each from its N_
    return ui.text_(msgid)


def title(st: Statement, c: Commitment) -> str:
    """The point's title, then the statement's short title if both fit in ``TITLE_MAX``; a title longer than
    that alone is cut at a word (Korean and English) and ends in "…", so the app does not cut it elsewhere."""
    both = f"{c.title}{_DASH}{st.short_title}"
    if len(both) <= TITLE_MAX:
        return both
    return shorten(c.title, TITLE_MAX)


def shorten(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its longest start that does with "…", cut after a whole
    word where the text has spaces (never inside one), else between characters (Japanese)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head and text[limit - 1] != " ":
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:、，") + "…"


def description(c: Commitment, ui: UI) -> str:
    """The caveat, then the summary: a preview shows the first words, so the caveat comes first."""
    return ui.text_(DESCRIPTION, caveat=caveat(ui), summary=c.summary)
