"""Stage 3: where each point rests, as readers see it: the sources line under a point ("Anewz, ¶7 ↗"), and the
register of every source on the Source and method page.

A link names the publisher and the paragraph (¶n, counted from the source's headline down) and goes to the
source's own address; the build never fetches it. A reprint of the released text gets its own line, "Read the
statement's words", so a reader can always reach the words behind our summary.
"""

from __future__ import annotations

from ..source.model import TEXT_KINDS, Commitment, Locator, Source, Statement
from .markdown import href, inline, rel
from .messages import EN, N_, UI

KIND_LABELS = {
    "news-summary": N_("News summary"),
    "released-text-reprint": N_("Reprint of the released text"),
    "korean-text-reprint": N_("Reprint of the Korean text"),
    "news-report": N_("News report"),
    "government-readout": N_("Government readout"),
}
LANGUAGES = {"en": N_("English"), "ja": N_("Japanese"), "ko": N_("Korean")}


def anchor(s: Source | str) -> str:
    return f"source-{s if isinstance(s, str) else s.id}"


def _foreign(text: str, lang: str, ui: UI) -> str:
    # A headline or heading in another language than the page's is marked, so a screen reader reads it right.
    return text if lang == ui.lang else f'<span lang="{lang}">{text}</span>'


def where(s: Source, loc: Locator, ui: UI = EN) -> str:
    """"Anewz, ¶7", and the heading the paragraph falls under where the register knows one."""
    paras = ui.comma.join(f"¶{n}" for n in loc.paragraphs)
    text = ui._("{publisher}, {paragraphs}", publisher=inline(s.publisher), paragraphs=paras)
    heading = s.heading_of(loc.paragraphs[0])
    if heading:
        text = ui._("{source}, under “{heading}”", source=text, heading=_foreign(inline(heading.text), s.language, ui))
    return text


def link(s: Source, loc: Locator, ui: UI = EN) -> str:
    """The locator as a link to the source's own address, marked as leaving the site."""
    leaving = ui._("(opens the source’s site)")
    return (f'<a href="{href(s.address)}" hreflang="{s.language}" rel="noopener">{where(s, loc, ui)}'
            f' <span aria-hidden="true">↗</span><span class="visually-hidden"> {leaving}</span></a>')


def point_sources(st: Statement, c: Commitment, ui: UI = EN) -> list[str]:
    """The lines under a point: the reprints of the released text first, then every other source."""
    if not c.sources:
        return []
    words = [loc for loc in c.sources if st.source(loc.source).kind in TEXT_KINDS]
    others = [loc for loc in c.sources if loc not in words]
    sep = " · "
    lines = []
    if words:
        lines.append(ui._("**Read the statement's words:** {sources}",
                          sources=sep.join(link(st.source(loc.source), loc, ui) for loc in words)))
    if others:
        lines.append(ui._("**Sources:** {sources}", sources=sep.join(link(st.source(loc.source), loc, ui) for loc in others)))
    return ["  \n".join(lines) + "\n{: .commitment-sources data-search-exclude }\n"]


def register(st: Statement, page: str, ui: UI = EN) -> list[str]:
    """The Source page's list of every source: what it is, where, how far it was read, and what rests on it."""
    if not st.register:
        return []
    out = ["## " + ui._("Every source of this edition") + " { #sources }\n"]
    out.append(ui._(
        "Each source was read as a stored public copy that ends after its first part. ¶ numbers count a source's "
        "blocks of text from its headline down, headline, byline and captions included; the number given for each "
        "source is how many of them the copy read holds. Copies of one newsroom's story count once under the entry rule.",
    ) + "\n")
    for s in st.register:
        # Reference, not a passage: out of the search index, so "APEC" (apec.einnews.com) or a source's headline never
        # outranks the point a reader looks for. A block with an anchor, not a heading (a heading makes a search entry
        # even inside an excluded block), and no block inside it (Material's parser ends the exclusion at the first
        # closing tag of the same name).
        out.append(f'<div class="source-entry" id="{anchor(s)}" data-search-exclude="" markdown>\n')
        out.append(f"**{inline(s.publisher)}**\n{{: .source-publisher }}\n")
        facts = [ui._(KIND_LABELS[s.kind]), ui._(LANGUAGES[s.language])]
        if s.date:
            facts.append(ui.date(s.date))
        facts.append(ui.n_("{n} ¶ read", "{n} ¶ read", s.paragraphs))
        out.append(ui.comma.join(facts) + "\n{: .source-facts }\n")
        headline = ui._("“{title}”", title=_foreign(inline(s.title), s.language, ui)) + " — " if s.title else ""
        out.append(f'{headline}<a href="{href(s.address)}" hreflang="{s.language}" rel="noopener">{inline(s.address)}</a>\n'
                   "{: .source-address }\n")
        out.append(f"{inline(s.about)}\n")
        drawn = [c for c in st.commitments if any(loc.source == s.id for loc in c.sources)]
        if drawn:
            out.append(ui._("**Points resting on it:** {points}", points=ui.comma.join(
                f"[{inline(c.title)}]({rel(page, f'c/{c.id}.md')})" for c in drawn)) + "\n")
        notes = [m for m in st.not_covered if m.locator.source == s.id]
        if notes:
            out.append(ui._("**Notes resting on it:** {notes}", notes=ui.comma.join(
                f"[{inline(m.title)}]({rel(page, 'not-covered.md', m.id)})" for m in notes)) + "\n")
        out.append("</div>\n")
    return out
