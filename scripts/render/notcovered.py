"""Stage 3: the page "What this edition does not cover", from statement/not-covered.yaml.

Each note names a matter public reports say the official statement covers and the news summary this
edition is built from leaves out. Notes are not points: no permanent page, no kind, no parties.
Their words (title, note, aliases) are in the search index, so a search for "Ukraine" finds this
page instead of "nothing"; the page ranks below the points for words both share.
"""

from __future__ import annotations

from ..source.model import NotCovered, Statement
from .markdown import block, front_matter, href, inline, word
from .messages import EN, N_, UI

PAGE = "not-covered.md"
TITLE = N_("What this edition does not cover")
BOOST = {"boost": 0.5}


def page(st: Statement, ui: UI = EN) -> dict[str, str]:
    """``{PAGE: Markdown}``, or nothing when the statement records no such matters."""
    if not st.not_covered:
        return {}
    out = [front_matter(
        description=ui.text_("Matters public reports say the official {short_title} also covers, which the news summary this edition is built from leaves out.",
                         short_title=st.short_title),
        search=BOOST,
    )]
    out.append("# " + ui._(TITLE) + "\n")
    out.append(ui._(
        "This edition is built from a news summary of the statement ([Source and method]({link})). "
        "The official statement is longer than that summary. Public reports say it also covers the matters "
        "below, which this edition does not. They are not points of this edition: they have no permanent page, "
        "no kind and no parties, and nothing here is quoted from the statement. Each note is in our words and "
        "names the public source it comes from; follow the address to read it (this site does not fetch it).",
        link="source.md",
    ) + "\n{: .lead }\n")
    for m in st.not_covered:
        out.append(matter(m, ui))
    out.append(ui._("For the points this edition does record, browse the [Topics]({link}).", link="topics/index.md") + "\n")
    return {PAGE: "\n".join(out)}


def matter(m: NotCovered, ui: UI = EN) -> str:
    """One note: heading, the attributed note, its source with the full address, and the words it is found by."""
    report = f", {inline(m.report)}" if m.report else ""
    lines = [
        f"## {inline(m.title)} {{ #{m.id} }}\n",
        f"{block(m.note)}\n{{: .not-covered-note }}\n",
        # The full https:// address as the visible text: readers see where the note comes from before following it.
        ui._("**Source:** {publisher}{report}: {address}", publisher=inline(m.publisher), report=report,
             address=f'<a href="{href(m.url)}" rel="noopener">{inline(m.url)}</a>') + "\n{: .not-covered-source }\n",
    ]
    if m.aliases:
        sep = "、" if ui.lang == "ja" else ", "
        lines.append(ui._("Search words: {words}.", words=sep.join(word(a, ui.lang) for a in m.aliases)) + "\n{: .aliases }\n")
    return "\n".join(lines)
