"""Stage 3: the statement as Markdown pages, ``{page path: Markdown}``; same input, same bytes."""

from __future__ import annotations

from html import escape

from markupsafe import Markup
from markupsafe import escape as nav_escape

from . import cite, data, notcovered
from .mdtext import block, front_matter, href, inline, long_date, rel
from .model import COMMITMENT_KINDS, KIND_LABELS, KIND_PLURALS, Commitment, Party, Section, Statement, Topic
from .ui import EN, UI

HOME = "index.md"
ALL = "commitments.md"  # the URL stays /commitments/ (published); the page is "All points"
READ = "read.md"
SOURCE = "source.md"
TOPICS = "topics/index.md"
PARTIES = "parties/index.md"
GLOSSARY = "glossary.md"
TITLE_ID = "_top"  # the section page's heading

# Search ranking (Material's per-page boost): a commitment is found in its section; pages that only
# list commitments (topics, parties, tables, glossary) rank below it for the same words.
BROWSE_BOOST = {"boost": 0.1}
PARTY_BOOST = {"boost": 1.2}
INDEX_BOOST = {"boost": 0.1}


def section_page(s: Section | str) -> str:
    return f"sections/{s if isinstance(s, str) else s.id}.md"


def topic_page(t: Topic | str) -> str:
    return f"topics/{t if isinstance(t, str) else t.id}.md"


def party_page(p: Party) -> str:
    return f"parties/{p.slug}.md"


def anchor(src: str, c: Commitment) -> str:
    """Link from page ``src`` to a commitment in its section."""
    return rel(src, section_page(c.section), c.id)


def paragraph_link(src: str, n: int) -> str:
    return f"[paragraph {n}]({rel(src, SOURCE, f'paragraph-{n}')})"


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def parties_text(st: Statement, c: Commitment) -> str:
    return _join([inline(st.party(code).name) for code in c.parties])


def render(st: Statement, site_url: str | None = None, *, changed: str | None = None, site_name: str | None = None, ui: UI = EN, english: Statement | None = None, root: str = "") -> dict[str, str]:
    """Every page of the site; ``site_url`` (mkdocs.yml) makes permanent links absolute; ``changed`` is the
    day the content last changed, shown on the Data page; ``site_name`` is the publisher of the edition in citations."""
    pages = {
        HOME: home(st, site_url, site_name), ALL: all_commitments(st), SOURCE: source(st), TOPICS: topics_index(st),
        PARTIES: parties_index(st), READ: reading_edition(st),
    }
    for s in st.sections:
        pages[section_page(s)] = section(st, s, site_url, site_name)
    for t in st.topics:
        pages[topic_page(t)] = topic(st, t)
    for p in st.parties:
        pages[party_page(p)] = party(st, p)
    for c in st.commitments:
        pages[permalink_page(c)] = permalink(st, c, site_url, site_name)
        for old in c.aliases:
            pages[permalink_page(old)] = moved(st, c, old)
    pages.update(data.page(st, site_url, changed))
    pages.update(notcovered.page(st))
    if st.glossary:
        pages[GLOSSARY] = glossary(st)
    points = {permalink_page(i): c for c in st.commitments for i in (c.id, *c.aliases)}
    return {path: with_citation_meta(st, points.get(path), path, pages[path], site_url, site_name) for path in sorted(pages)}


def with_citation_meta(st: Statement, c: Commitment | None, page: str, text: str, site_url: str | None, site_name: str | None) -> str:
    """Add the ``cite`` front matter main.html turns into citation metadata: a point on its permanent page
    (and an earlier ID's page), the statement everywhere else. URLs are absolute, or relative to the page."""
    target = f"c/{c.id}/" if c else ""
    url = data.permalink(c.id, site_url) if c and site_url else (site_url or url_rel(page_url(page), target))
    assert text.startswith("---\n")
    return "---\n" + cite.meta_line(st, c, url, site_name) + text[4:]


def label(text: str) -> Markup:
    """A navigation label from the YAML. MkDocs treats page titles as HTML and Material prints them unescaped.

    Escaped once and marked safe (Jinja's Markup): the navigation, header and footer print it as it is,
    the footer's ``| e`` (its aria-label) leaves it alone, and ``| striptags`` (<title>) turns it back into text.
    """
    return nav_escape(text)


def nav(st: Statement, ui: UI = EN) -> list[dict[str, object]]:
    """The site navigation, in reading order, for mkdocs.yml's ``nav``."""
    return [
        {"Home": HOME},
        {"Read it all": READ},
        {"The statement": [{label(s.title): section_page(s)} for s in st.sections]},
        {"All points": ALL},
        {"Topics": [TOPICS] + [{label(t.label): topic_page(t)} for t in sorted(st.topics, key=lambda t: t.label.casefold())]},
        {"Parties": [PARTIES] + [{label(p.name): party_page(p)} for p in st.parties]},
        *([{"Glossary": GLOSSARY}] if st.glossary else []),
        *([{notcovered.TITLE: notcovered.PAGE}] if st.not_covered else []),
        {"Source and method": SOURCE},
        {"Data": data.PAGE},
    ]


def home(st: Statement, site_url: str | None = None, site_name: str | None = None) -> str:
    out = [front_matter(description=f"{st.short_title}, {st.place}, {long_date(st.date)}: the points a news summary of the statement reports, summarised and quoted, with permanent links.")]
    out.append(f"# {inline(st.title)}\n")
    out.append(f"{block(st.overview)}\n{{: .lead }}\n")
    out.append(coverage_notice(st, HOME))
    out.append("<dl class=\"statement-facts\" markdown>\n")
    out.append(f"<dt>When</dt>\n<dd markdown>{inline(long_date(st.date))}</dd>\n")
    out.append(f"<dt>Where</dt>\n<dd markdown>{inline(st.place)}</dd>\n")
    out.append(f"<dt>Occasion</dt>\n<dd markdown>{inline(st.occasion)}</dd>\n")
    who = "; ".join(
        f"{inline(p.name)}, {inline(p.office)}, [{inline(st.party(p.country).name)}]({rel(HOME, party_page(st.party(p.country)))})"
        for p in st.participants
    )
    out.append(f"<dt>Who</dt>\n<dd markdown>{who}</dd>\n")
    out.append("</dl>\n")
    out.append(tools(st, None, HOME, site_url, site_name))
    out.append("## The statement at a glance { #at-a-glance }\n")
    out.append(f"The points this edition records, grouped by section. To read them in the news summary's order, see [Read it all]({READ}).\n")
    for s in st.sections:
        out.append(f"### [{inline(s.title)}]({rel(HOME, section_page(s))}) {{ #section-{s.id} }}\n")
        out.append(f"{block(s.summary)}\n")
        for c in s.commitments:
            out.append(f"- [{inline(c.title)}]({anchor(HOME, c)}) — {KIND_LABELS[c.kind]}, {parties_text(st, c)}")
        out.append("")
    out.append("## About this edition { #about }\n")
    out.append(
        f"Summaries are written in our own words; the statement's own words appear only as marked quotations. "
        f"See [Source and method]({SOURCE}) for where every passage comes from, or browse "
        f"[all points]({ALL}), [by topic]({TOPICS}) or [by party]({PARTIES})."
        + (f" Matters public reports say the official statement also covers are listed under "
           f"[{notcovered.TITLE}]({notcovered.PAGE})." if st.not_covered else "")
        + "\n"
    )
    return "\n".join(out)


def coverage_notice(st: Statement, page: str) -> str:
    """One sentence on what the edition covers, with a link to the Source page (home and permanent pages)."""
    if not st.coverage:
        return ""
    return f"{inline(st.coverage)} [Source and method]({rel(page, SOURCE)})\n{{: .coverage-notice }}\n"


def section(st: Statement, s: Section, site_url: str | None = None, site_name: str | None = None) -> str:
    page = section_page(s)
    out = [front_matter(description=f"{s.title}: {s.summary}")]
    # An id no commitment ID or alias can take (IDs are slugs): an alias equal to the automatic id of the
    # title ("the-meeting") would otherwise land #the-meeting on the heading instead of the commitment.
    out.append(f"# {inline(s.title)} {{ #{TITLE_ID} }}\n")
    out.append(f"{block(s.summary)}\n{{: .lead }}\n")
    for c in s.commitments:
        out.append(commitment_block(st, c, page, site_url, site_name))
    return "\n".join(out)


def permanent_url(c: Commitment | str, site_url: str | None) -> str:
    """The URL a reader cites: absolute under ``site_url``, else relative to the site root."""
    return data.permalink(c if isinstance(c, str) else c.id, site_url)


NO_SITE_URL = " (a link relative to this site: no site_url is configured)"


def tools(st: Statement, c: Commitment | None, page: str, site_url: str | None, site_name: str | None = None) -> str:
    """Copy-link button and Cite block (scripts/cite.py) for a point, or the statement (``c`` None); raw HTML, every text escaped."""
    target = f"c/{c.id}/" if c is not None else ""
    url = permanent_url(c, site_url) if c is not None else (site_url or "./")
    href = url if site_url else url_rel(page_url(page), target)
    # The accessible name starts with the visible text (WCAG 2.5.3, label in name).
    label = escape(f"Copy link to “{c.title}”" if c is not None else "Copy link to the statement")
    note = "" if site_url else _NOTE
    return (
        '<div class="commitment-tools" data-search-exclude="">\n'
        f'<button type="button" class="copy-link md-button" data-permalink="{escape(href)}" aria-label="{label}">Copy link</button>\n'
        + cite.block(st, c, url, href, url_rel(page_url(page), ""), site_name, note)
        + "</div>\n"
    )


_NOTE = f'<span class="citation-note">{escape(NO_SITE_URL)}</span>'


def url_rel(src_url: str, dst_url: str) -> str:
    """Relative URL between two directory URLs, for raw HTML that MkDocs does not rewrite."""
    return rel(src_url + "index.html", dst_url) or "./"


def page_url(page: str) -> str:
    # MkDocs' directory URLs: sections/security.md → sections/security/, index.md → "".
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def commitment_words(c: Commitment) -> list[str]:
    """Our summary, then the statement's own words: what a reader comes for, first on every card."""
    lines = [f'<span class="label">Our summary:</span> {inline(c.summary)}\n{{: .commitment-summary }}\n']
    for q in c.quotes:
        lines.append(f'<blockquote class="statement-quote" markdown>\n<span class="label">In the statement\'s words:</span> <q>{inline(q)}</q>\n</blockquote>\n')
    return lines


def commitment_facts(st: Statement, c: Commitment, page: str, site_url: str | None) -> list[str]:
    """Kind, parties, source and ID, permanent link, topics and related: after the words, on section and /c/ pages."""
    parties = ", ".join(f"[{inline(st.party(p).name)}]({rel(page, party_page(st.party(p)))})" for p in c.parties)
    paras = ", ".join(paragraph_link(page, n) for n in c.paragraphs)
    lines = [
        f'<span class="kind kind-{c.kind}">{KIND_LABELS[c.kind]}</span> '
        f"**Parties:** {parties} · **Source:** {paras} · **ID:** `{c.id}`\n{{: .commitment-meta data-search-exclude }}\n",
    ]
    lines.append(
        f"**Permanent link:** [{inline(permanent_url(c, site_url))}]({rel(page, permalink_page(c))})\n{{: .commitment-permalink data-search-exclude }}\n"
    )
    topics = ", ".join(f"[{inline(st.topic(t).label)}]({rel(page, topic_page(t))}){also_known_as(st.topic(t))}" for t in c.topics)
    links = f"**Topics:** {topics}"
    if c.related:
        related = ", ".join(f"[{inline(st.commitment(r).title)}]({anchor(page, st.commitment(r))})" for r in c.related)
        links += f"  \n**Related:** {related}"
    lines.append(f"{links}\n{{: .commitment-links }}\n")
    return lines


def also_known_as(t: Topic) -> str:
    """A topic's aliases, shown after its name: visible words that let "DPRK" find North Korea's points."""
    return f" (also: {', '.join(inline(a) for a in t.aliases)})" if t.aliases else ""


def permalink_page(c: Commitment | str) -> str:
    return f"c/{c if isinstance(c, str) else c.id}.md"


def commitment_block(st: Statement, c: Commitment, page: str, site_url: str | None = None, site_name: str | None = None) -> str:
    """One point in its section: heading (id = point ID) linking to its permanent page, our summary and the
    statement's words, then the metadata line, links and the tools."""
    lines = ['<div class="commitment" markdown>\n']
    # Earlier IDs stay valid anchors: #old-id lands on (and highlights) this point.
    lines += [f'<span class="alias-anchor" id="{a}"></span>\n' for a in c.aliases]
    lines.append(f"## [{inline(c.title)}]({rel(page, permalink_page(c))}) {{ #{c.id} }}\n")
    lines += commitment_words(c)
    lines += commitment_facts(st, c, page, site_url)
    lines.append(tools(st, c, page, site_url, site_name))
    lines.append("</div>\n")
    return "\n".join(lines)


def _row(st: Statement, c: Commitment, page: str) -> str:
    topics = ", ".join(f"[{inline(st.topic(t).label)}]({rel(page, topic_page(t))})" for t in c.topics)
    sec = st.section(c.section)
    return (
        f"| `{c.id}` | [{inline(c.title)}]({anchor(page, c)}) | {', '.join(c.parties)} | {KIND_LABELS[c.kind]} "
        f"| {topics} | [{inline(sec.title)}]({rel(page, section_page(sec))}) |"
    )


def all_commitments(st: Statement) -> str:
    out = [front_matter(description=f"All {_count(len(st.commitments))} of this edition of the {st.short_title}, with parties, kind, topics and section.", search=INDEX_BOOST)]
    out.append("# All points\n")
    out.append(f"{_count(len(st.commitments))} in {len(st.sections)} sections, grouped by section ({_by_kind(st.commitments)}). "
               f"For the news summary's own order, see [Read it all]({READ}). "
               f"Parties: {', '.join(f'{p.code} = {inline(p.name)}' for p in st.parties)}.\n")
    out.append(_UNINDEXED)
    out.append("| ID | Point | Parties | Kind | Topics | Section |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    out.extend(_row(st, c, ALL) for c in st.commitments)
    out.append(_END)
    return "\n".join(out) + "\n"


# Listings repeat what the points say: left out of the search index, so a search
# finds the point itself (its section), never a page that merely lists it.
_UNINDEXED = '<div class="commitment-list" data-search-exclude="" markdown>\n'
_END = "\n</div>\n"


def _listing(st: Statement, commitments: list[Commitment], page: str) -> list[str]:
    return [_UNINDEXED] + [
        f"- [{inline(c.title)}]({anchor(page, c)}) — {KIND_LABELS[c.kind]}, {parties_text(st, c)}"
        f"{', ' + inline(c.role) if c.role else ''}. {inline(c.summary)}"
        for c in commitments
    ] + [_END]


def _count(n: int) -> str:
    """Items are "points"; only a commitment or a reaffirmation is called a commitment."""
    return f"{n} point{'s' if n != 1 else ''}"


def _kinds(n: int, kind: str) -> str:
    one, many = KIND_PLURALS[kind]
    return f"{n} {one if n == 1 else many}"


def _by_kind(items: list[Commitment] | tuple[Commitment, ...]) -> str:
    """"3 commitments, 2 reaffirmations and 1 concern": counts by kind, commitments first, then by number."""
    counts: dict[str, int] = {}
    for c in items:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    order = sorted(counts, key=lambda k: (k not in COMMITMENT_KINDS, -counts[k], k))
    return _join([_kinds(counts[k], k) for k in order])


def topic(st: Statement, t: Topic) -> str:
    page = topic_page(t)
    items = [c for c in st.commitments if t.id in c.topics]
    out = [front_matter(description=f"{t.label}: {t.description} {_count(len(items))} in the {st.short_title}.", search=BROWSE_BOOST)]
    out.append(f"# {inline(t.label)}\n")
    out.append(f"{block(t.description)}\n")
    if t.aliases:
        out.append(f"Also known as: {', '.join(inline(a) for a in t.aliases)}.\n{{: .aliases }}\n")
    out.append(f"**{_count(len(items))}**\n")
    out.extend(_listing(st, items, page))
    return "\n".join(out) + "\n"


def topics_index(st: Statement) -> str:
    out = [front_matter(description=f"The {len(st.topics)} topics this edition groups the points of the {st.short_title} under, and how many points touch each.", search=INDEX_BOOST)]
    out.append("# Topics\n")
    out.append(f"The {len(st.topics)} topics are this edition's grouping, not the statement's. "
               + (f"For matters public reports say the official statement also covers, see [{notcovered.TITLE}]({rel(TOPICS, notcovered.PAGE)}).\n" if st.not_covered else "\n"))
    out.append(_UNINDEXED)
    out.append("| Topic | Points | Also known as |")
    out.append("| --- | ---: | --- |")
    for t in sorted(st.topics, key=lambda t: t.label.casefold()):
        n = sum(t.id in c.topics for c in st.commitments)
        out.append(f"| [{inline(t.label)}]({rel(TOPICS, topic_page(t))}) | {n} | {', '.join(inline(a) for a in t.aliases)} |")
    out.append(_END)
    return "\n".join(out) + "\n"


def party(st: Statement, p: Party) -> str:
    """A party's points counted by kind, grouped by who else is part of them (with the party's role where the
    source gives one), and the points it is not part of."""
    page = party_page(p)
    everyone = {x.code for x in st.parties}
    items = [c for c in st.commitments if p.code in c.parties]
    alone = [c for c in items if c.parties == (p.code,)]
    some = [c for c in items if len(c.parties) > 1 and set(c.parties) != everyone]
    joint = [c for c in items if len(c.parties) > 1 and set(c.parties) == everyone]
    outside = [c for c in st.commitments if p.code not in c.parties]
    out = [front_matter(description=f"{p.name} in the {st.short_title}: {_count(len(items))} ({_by_kind(items)}).", search=PARTY_BOOST)]
    out.append(f"# {inline(p.name)}\n")
    reps = [x for x in st.participants if x.country == p.code]
    if reps:
        out.append("Represented by " + _join([f"{inline(x.name)}, {inline(x.office)}" for x in reps]) + ".\n")
    if p.aliases:
        out.append(f"Also known as: {', '.join(inline(a) for a in p.aliases)}.\n{{: .aliases }}\n")
    out.append(f"**Part of {len(items)} of the {_count(len(st.commitments))}** in this edition: "
               f"{_by_kind(items) or 'none'}.\n{{: .party-count }}\n")
    out.append("Only the commitments and reaffirmations among them are commitments; each point is labelled with its kind.\n")
    groups = [
        ("alone", f"{inline(p.name)} alone", alone),
        ("with-some", "With some of the other parties", some),
        ("joint", "Jointly with the other parties", joint),
        ("not-part", "Not a party to these points", outside),
    ]
    for anchor_id, heading, group in groups:
        if group:
            out.append(f"## {heading} {{ #{anchor_id} }}\n")
            out.append(f"{_count(len(group))}: {_by_kind(group)}.\n")
            out.extend(_listing(st, group, page))
            out.append("")
    return "\n".join(out)


def parties_index(st: Statement) -> str:
    out = [front_matter(description=f"The parties to the {st.short_title} and the points each is part of.", search=INDEX_BOOST)]
    out.append("# Parties\n")
    out.append(_UNINDEXED)
    out.append("| Party | Code | Represented by | Points |")
    out.append("| --- | --- | --- | ---: |")
    for p in st.parties:
        reps = "; ".join(f"{inline(x.name)}, {inline(x.office)}" for x in st.participants if x.country == p.code)
        n = sum(p.code in c.parties for c in st.commitments)
        out.append(f"| [{inline(p.name)}]({rel(PARTIES, party_page(p))}) | {p.code} | {reps} | {n} |")
    out.append(_END)
    return "\n".join(out) + "\n"


def glossary(st: Statement) -> str:
    """The abbreviations this edition uses; each is also a tooltip wherever it appears."""
    out = [front_matter(description=f"The abbreviations used on this site about the {st.short_title}, and what they stand for.", search=INDEX_BOOST)]
    out.append("# Glossary\n")
    out.append(
        "The abbreviations used on this site, in our summaries, topics and search words (the news summary "
        "itself uses only some of them). Wherever one appears, its expansion is shown as a tooltip when you point at it.\n"
    )
    out.append("| Abbreviation | Stands for | On this site |")
    out.append("| --- | --- | --- |")
    for a in st.glossary:
        if a.topic:
            see = f"[{inline(st.topic(a.topic).label)}]({rel(GLOSSARY, topic_page(a.topic))}) (topic)"
        elif a.party:
            see = f"[{inline(st.party(a.party).name)}]({rel(GLOSSARY, party_page(st.party(a.party)))}) (party)"
        else:
            see = ""
        out.append(f"| {inline(a.abbr)} | {inline(a.expansion)} | {see} |")
    return "\n".join(out) + "\n"


def source(st: Statement) -> str:
    out = [front_matter(description=f"Where every passage of the {st.short_title} edition comes from: the source register and the method.")]
    out.append("# Source and method\n")
    if st.publication:
        pub = st.publication
        story = f", story {inline(pub.story)}" if pub.story else ""
        out.append("## The source { #the-source }\n")
        out.append(
            f"The source is a news summary of the statement, published as a news story by {inline(pub.publisher)}{story}, "
            f"under the headline “{inline(pub.headline)}”: "
            f'<a href="{href(pub.address)}">{inline(pub.address)}</a>.\n'
        )
    out.append(f"{block(st.provenance)}\n")
    if st.not_covered:
        out.append(f"What public reports say the official statement also covers is listed under [{notcovered.TITLE}]({notcovered.PAGE}).\n")
    out.append("## How to read this edition { #method }\n")
    out.append(
        '- <span class="label">Our summary:</span> text marked like this is written in our own words and is not a quotation.\n'
        "- <q>Quoted words</q> in a marked quotation block are the statement's own words, carried over verbatim "
        "(curly apostrophes included) and checked against the register below on every build.\n"
        "- Each point has a stable ID that never changes; its kind is one of: "
        + ", ".join(KIND_LABELS[k] for k in sorted(KIND_LABELS)) + ". Only a Commitment or a Reaffirmation is called a commitment.\n"
        "- Sections group the points by subject; they do not follow the summary's order. "
        f"[Read it all]({READ}) follows it.\n"
    )
    out.append("## Source register { #register }\n")
    for p in st.paragraphs:
        out.append(f"### Paragraph {p.number} {{ #paragraph-{p.number} }}\n")
        out.append(f"**Covers:** {inline(p.covers)}\n")
        for q in p.quotes:
            out.append(f'<blockquote class="statement-quote" markdown>\n<q>{inline(q.text)}</q> <span class="quote-id">({q.id})</span>\n</blockquote>\n')
        used = [c for c in st.commitments if p.number in c.paragraphs]
        out.append("**Points drawn from it:** " + ", ".join(f"[{inline(c.title)}]({anchor(SOURCE, c)})" for c in used) + "\n")
    return "\n".join(out)


def permalink(st: Statement, c: Commitment, site_url: str | None, site_name: str | None = None) -> str:
    """The permanent page /c/<id>/: the point on its own, pointing to it in context (not a search result)."""
    page = permalink_page(c)
    sec = st.section(c.section)
    # The description is the summary alone: link previews show it under the title (partials/preview.html).
    # title_text is the title as text for <title> and og:title (MkDocs' own page.title from the heading is HTML).
    out = [front_matter(description=c.summary, search={"exclude": True}, permalink=c.id, published=st.date, title_text=c.title)]
    out.append(f"# {inline(c.title)}\n")
    out.append(
        f"One point of the [{inline(st.short_title)}]({rel(page, HOME)}), {inline(st.place)}, {long_date(st.date)}.\n\n"
        f"**Read it in context:** [{inline(sec.title)} › {inline(c.title)}]({anchor(page, c)})\n{{: .in-context }}\n"
    )
    out.append(coverage_notice(st, page))
    out += commitment_words(c)
    out += commitment_facts(st, c, page, site_url)
    out.append(tools(st, c, page, site_url, site_name))
    return "\n".join(out)


def moved(st: Statement, c: Commitment, old: str) -> str:
    """An earlier ID's permanent page: it forwards to the successor, and says so for readers without redirects."""
    page = permalink_page(old)
    target = url_rel(page_url(page), page_url(permalink_page(c)))
    out = [front_matter(description=c.summary, search={"exclude": True}, redirect=target, permalink=c.id, published=st.date, title_text=c.title)]
    out.append(f"# {inline(c.title)}\n")
    out.append(
        f"This point's ID changed from `{old}` to `{c.id}`. Its permanent page is now "
        f"[{inline(permanent_url(c, None))}]({rel(page, permalink_page(c))}); read it in context: "
        f"[{inline(st.section(c.section).title)} › {inline(c.title)}]({anchor(page, c)}).\n"
    )
    return "\n".join(out)


def reading_edition(st: Statement) -> str:
    """"Read it all": every point in the news summary's order under its paragraph, summaries and quotes only.

    Out of the search index (searches land on the section pages); printable: the first lines name the
    statement, date, place and this edition."""
    page = READ
    out = [front_matter(description=f"Read it all: the {_count(len(st.commitments))} of this edition of the {st.short_title} on one page, in the news summary's order.", search={"exclude": True})]
    out.append("# Read it all\n")
    out.append(
        f"{block(st.title)}, {inline(st.place)}, {long_date(st.date)}: the reading edition of this site, "
        f"{_count(len(st.commitments))} on one page, in the order the news summary reports them, "
        "with our summaries and the statement's own words.\n{: .edition-line }\n"
    )
    if st.coverage:
        out.append(f"{inline(st.coverage)} [Source and method]({rel(page, SOURCE)})\n{{: .coverage-notice }}\n")
    shown: set[str] = set()
    by_id = {c.id: c for c in st.reading_order}
    for p in st.paragraphs:
        ids = [cid for cid in (p.points or [c.id for c in st.commitments if p.number in c.paragraphs]) if cid not in shown]
        if not ids:
            continue
        out.append(f"## Paragraph {p.number} of the summary {{ #paragraph-{p.number} }}\n")
        out.append(f"{block(p.covers)}\n{{: .paragraph-covers }}\n")
        for cid in ids:
            shown.add(cid)
            c = by_id[cid]
            sec = st.section(c.section)
            out.append('<div class="reading-point" markdown>\n')
            out.append(f"### [{inline(c.title)}]({rel(page, permalink_page(c))}) {{ #{c.id} }}\n")
            out += commitment_words(c)
            out.append(f"{KIND_LABELS[c.kind]} · [{inline(sec.title)}]({anchor(page, c)})\n{{: .reading-meta }}\n")
            out.append("</div>\n")
    return "\n".join(out)
