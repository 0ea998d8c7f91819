"""Stage 3: the page "What this edition does not cover", from statement/not-covered.yaml.

Two lists: matters only one newsroom attributes to the statement (the edition's entry rule asks for two, or a
reprint of the released text), and things said at the meeting but not in the statement. Notes are not points: no
permanent page, no kind, no parties. Their words (title, note, aliases) are in the search index, so a search for
"coast guard" finds this page instead of "nothing"; the page ranks below the points for words both share.
Anchors of matters that have since become points stay on the page and lead to those points.
"""

from __future__ import annotations

from ..source.model import NotCovered, Statement
from .markdown import block, front_matter, inline, rel, word
from .messages import EN, N_, UI
from .sources import link

PAGE = "not-covered.md"
TITLE = N_("What this edition does not cover")
BOOST = {"boost": 0.5}
LISTS = (
    ("one-report", "one-report", N_("Reported by one newsroom only"),
     N_("One newsroom each attributes these to the statement; no second one we read does, and no reprint of the released "
        "text we could read shows them. Under the edition's entry rule they are notes, not points.")),
    ("meeting", "at-the-meeting", N_("Said at the meeting, not in the statement"),
     N_("These were said at the meeting, according to the source named; they are not in the statement as far as its sources show.")),
)


def page(st: Statement, ui: UI = EN) -> dict[str, str]:
    """``{PAGE: Markdown}``, or nothing when the statement records no such matters."""
    if not st.not_covered:
        return {}
    out = [front_matter(
        description=ui.text_("What the sources of the {short_title} edition report beyond its points: matters one newsroom alone "
                             "attributes to the statement, and what was said at the meeting.", short_title=st.short_title),
        search=BOOST,
    )]
    out.append("# " + ui._(TITLE) + "\n")
    out.append(ui._(
        "This edition records every point its sources establish ([Source and method]({link})). What follows is not a point: "
        "it has no permanent page, no kind and no parties, and nothing here is quoted from the statement. Each note is in "
        "our words and names the source it rests on; follow the link to read it (this site does not fetch it).",
        link="source.md",
    ) + "\n{: .lead }\n")
    for group, anchor, title, lead in LISTS:
        matters = [m for m in st.not_covered if m.group == group]
        if matters:
            out.append(f"## {ui._(title)} {{ #{anchor} }}\n")
            out.append(ui._(lead) + "\n")
            out.extend(matter(st, m, ui) for m in matters)
    if st.moved_notes:
        out.append("## " + ui._("Now points of this edition") + " { #now-points }\n")
        out.append(ui._("Earlier editions listed these matters here; their sources now establish them as points.") + "\n")
        for old, points in st.moved_notes:
            out.append(f'<span class="alias-anchor" id="{old}"></span>\n')
            out.append("- " + ", ".join(f"[{inline(st.commitment(c).title)}]({rel(PAGE, f'c/{c}.md')})" for c in points) + "\n")
    out.append(ui._("For the points this edition does record, browse the [Topics]({link}).", link="topics/index.md") + "\n")
    return {PAGE: "\n".join(out)}


def matter(st: Statement, m: NotCovered, ui: UI = EN) -> str:
    """One note: heading, the attributed note, its source as a link, and the words it is found by."""
    lines = [
        f"### {inline(m.title)} {{ #{m.id} }}\n",
        f"{block(m.note)}\n{{: .not-covered-note }}\n",
    ]
    lines.append(ui._("**Source:** {source}", source=link(st.source(m.locator.source), m.locator, ui))
                 + "\n{: .not-covered-source data-search-exclude }\n")
    if m.aliases:
        lines.append(ui._("Search words: {words}.", words=ui.comma.join(word(a, ui.lang) for a in m.aliases)) + "\n{: .aliases }\n")
    return "\n".join(lines)
