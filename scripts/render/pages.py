"""Stage 3: the statement as Markdown pages, ``{page path: Markdown}``; same input, same bytes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from markupsafe import Markup
from markupsafe import escape as nav_escape

from ..source.model import COMMITMENT_KINDS, KIND_LABELS, Commitment, Lang, Party, Section, Statement, Topic
from . import cite, data, feed, notcovered, previews, sources
from .markdown import block, front_matter, href, inline, rel, word
from .messages import EN, N_, UI

HOME = "index.md"
ALL = "commitments.md"  # the URL stays /commitments/ (published); the page is "All points"
READ = "read.md"
COMPARE = "compare/index.md"  # "Side by side" (render/compare.py), when the statement has translations
COMPARE_TITLE = N_("Side by side")
SOURCE = "source.md"
TOPICS = "topics/index.md"
PARTIES = "parties/index.md"
GLOSSARY = "glossary.md"
POINTS = "c/index.md"  # /c/ itself, the folder of the permanent pages: it forwards to the list of points
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


def paragraph_link(src: str, n: int, ui: UI = EN) -> str:
    return ui._("[paragraph {n}]({link})", n=n, link=rel(src, SOURCE, f"paragraph-{n}"))


# Separators of a plain list (no "and"): typography, as CLDR's list patterns are for "a, b and c".
_SEMI = {"en": "; ", "ja": "、", "ko": "; "}
_STOP = {"en": ".", "ja": "。", "ko": "."}
_SPACE = {"en": " ", "ja": "", "ko": " "}  # between sentences: Japanese sets none after 。


def space(ui: UI) -> str:
    return _SPACE[ui.lang]


@lru_cache(maxsize=4096)
def _joined(lang: Lang, items: tuple[str, ...]) -> str:
    return UI(lang).join(items)


def join(ui: UI, items: Iterable[str]) -> str:
    """``ui.join`` (CLDR: "a, b and c", "a、b、c"), kept: Babel parses its locale on every call, and the same
    party lists and kind counts recur on every page that lists points."""
    return _joined(ui.lang, tuple(items))


def comma(ui: UI) -> str:
    return ui.comma


def parties_text(st: Statement, c: Commitment, ui: UI = EN) -> str:
    return join(ui, [inline(st.party(code).name) for code in c.parties])


def person(name: str, office: str, ui: UI = EN) -> str:
    """A name with its office: "Marco Rubio, Secretary of State", 岩屋毅外務大臣, 조태열 외교부 장관."""
    return ui._("{name}, {office}", name=inline(name), office=inline(office))


def kind_label(st: Statement, kind: str) -> str:
    return inline(st.kind_label(kind))


def en(text: str, ui: UI, tag: str = "span") -> str:
    """Words left in English on a Japanese or Korean page, marked for screen readers (English pages: as is)."""
    return text if ui.lang == "en" else f'<{tag} lang="en">{text}</{tag}>'


@dataclass(frozen=True)
class English:
    """What a Japanese or Korean edition cites: the English edition (its statement, its address, the way there).

    ``site_url`` is the English edition's address (None: links relative through ``root``, the path from the
    edition's root to the English root, "../")."""

    st: Statement
    site_url: str | None
    root: str

    def url(self, cid: str | None) -> str:
        """The English permanent URL as cited: absolute, or relative to the English root."""
        if cid is None:
            return self.site_url or "./"
        return data.permalink(cid, self.site_url)

    def href(self, page: str, cid: str | None) -> str:
        """The English permanent URL as a link from ``page`` of this edition."""
        if self.site_url:
            return self.url(cid)
        return url_rel(page_url(page), "") + self.root + (f"c/{cid}/" if cid else "")


english_site_url = data.english_site_url


def render(
    st: Statement, site_url: str | None = None, *, changed: str | None = None, site_name: str | None = None,
    ui: UI = EN, english: Statement | None = None, root: str = "", cite_cache: Path | None = None,
) -> dict[str, str]:
    """Every page of one edition; ``site_url`` (the edition's own address, mkdocs.yml) makes permanent links
    absolute; ``changed`` is the day the content last changed, shown on the Data page; ``site_name`` names the
    edition in citations when statement.yaml's ``edition`` does not.

    Japanese and Korean: ``st`` is the localized statement (scripts/editions/localize.py), ``ui`` the edition's words,
    ``english`` the English statement (citations and their metadata are the English edition's), ``root`` the
    relative path from this edition's root to the English root ("../"); the English address is ``site_url``
    without its last "ja/" or "ko/" (``english_site_url``). ``cite_cache`` keeps formatted citations by content
    (scripts/render/cite.py; None: citeproc formats each build's anew)."""
    eng = None
    if ui.lang != "en":
        if english is None:
            raise ValueError(f"render({ui.lang!r}): the English statement is needed (its citations are the English edition's)")
        eng = English(english, english_site_url(site_url, ui.lang), root)
    pages = {
        HOME: home(st, site_url, site_name, ui=ui, eng=eng, cite_cache=cite_cache), ALL: all_commitments(st, ui), SOURCE: source(st, ui, english),
        TOPICS: topics_index(st, ui), PARTIES: parties_index(st, ui), READ: reading_edition(st, ui, site_url, root),
    }
    for s in st.sections:
        pages[section_page(s)] = section(st, s, site_url, site_name, ui=ui, eng=eng, cite_cache=cite_cache)
    for t in st.topics:
        pages[topic_page(t)] = topic(st, t, ui)
    for p in st.parties:
        pages[party_page(p)] = party(st, p, ui)
    for c in st.commitments:
        pages[permalink_page(c)] = permalink(st, c, site_url, site_name, ui=ui, eng=eng, cite_cache=cite_cache)
        for old in c.aliases:
            pages[permalink_page(old)] = moved(st, c, old, ui)
    pages[POINTS] = points_folder(st, ui)
    pages.update(data.page(st, site_url, changed, ui=ui, root=root, feed=feed.address(st, site_url)))
    pages.update(notcovered.page(st, ui))
    if st.glossary:
        pages[GLOSSARY] = glossary(st, ui)
    points = {permalink_page(i): c for c in st.commitments for i in (c.id, *c.aliases)}
    if eng is not None:
        en_points = {c.id: c for c in eng.st.commitments}
        return {
            path: with_citation_meta(eng.st, en_points.get(c.id) if (c := points.get(path)) else None, path, pages[path],
                                     site_url, eng=eng)
            for path in sorted(pages)
        }
    return {path: with_citation_meta(st, points.get(path), path, pages[path], site_url) for path in sorted(pages)}


def with_citation_meta(
    st: Statement, c: Commitment | None, page: str, text: str, site_url: str | None, eng: English | None = None,
) -> str:
    """Add the ``cite`` front matter main.html turns into citation metadata: a point on its permanent page
    (and an earlier ID's page), the statement everywhere else. URLs are absolute, or relative to the page.
    A Japanese or Korean page carries the English edition's (``st`` is then the English statement)."""
    if eng is not None:
        url = eng.href(page, c.id if c else None)
    else:
        target = f"c/{c.id}/" if c else ""
        url = data.permalink(c.id, site_url) if c and site_url else (site_url or url_rel(page_url(page), target))
    assert text.startswith("---\n")
    return "---\n" + cite.meta_line(st, c, url) + text[4:]


def label(text: str) -> Markup:
    """A navigation label from the YAML. MkDocs treats page titles as HTML and Material prints them unescaped.

    Escaped once and marked safe (Jinja's Markup): the navigation, header and footer print it as it is,
    the footer's ``| e`` (its aria-label) leaves it alone, and ``| striptags`` (<title>) turns it back into text.
    """
    return nav_escape(text)


def nav(st: Statement, ui: UI = EN) -> list[dict[str, object]]:
    """The site navigation, in reading order, for mkdocs.yml's ``nav`` (labels in ``ui``'s language)."""
    return [
        {label(ui.text_("Home")): HOME},
        {label(ui.text_("Read it all")): READ},
        *([{label(ui.text_(COMPARE_TITLE)): COMPARE}] if st.editions else []),
        {label(ui.text_("The statement")): [{label(s.title): section_page(s)} for s in st.sections]},
        {label(ui.text_("All points")): ALL},
        {label(ui.text_("Topics")): [TOPICS] + [{label(t.label): topic_page(t)} for t in sorted(st.topics, key=lambda t: t.label.casefold())]},
        {label(ui.text_("Parties")): [PARTIES] + [{label(p.name): party_page(p)} for p in st.parties]},
        *([{label(ui.text_("Glossary")): GLOSSARY}] if st.glossary else []),
        *([{label(ui.text_(notcovered.TITLE)): notcovered.PAGE}] if st.not_covered else []),
        {label(ui.text_("Source and method")): SOURCE},
        {label(ui.text_("Data")): data.PAGE},
    ]


def home(st: Statement, site_url: str | None = None, site_name: str | None = None, *, ui: UI = EN, eng: English | None = None,
         cite_cache: Path | None = None) -> str:
    date = ui.date(st.date)
    out = [front_matter(description=ui.text_(
        "{short_title}, {place}, {date}: every point its sources establish, summarised in our words, with its sources and permanent links.",
        short_title=st.short_title, place=st.place, date=date))]
    out.append(f"# {inline(st.title)}\n")
    out.append(f"{block(st.overview)}\n{{: .lead }}\n")
    out.append(coverage_notice(st, HOME, ui))
    out.append("<dl class=\"statement-facts\" markdown>\n")
    out.append("<dt>" + ui._('When') + f"</dt>\n<dd markdown>{inline(date)}</dd>\n")
    out.append("<dt>" + ui._('Where') + f"</dt>\n<dd markdown>{inline(st.place)}</dd>\n")
    out.append("<dt>" + ui._('Occasion') + f"</dt>\n<dd markdown>{inline(st.occasion)}</dd>\n")
    who = _SEMI[ui.lang].join(
        ui._("{name}, {office}, {party}", name=inline(p.name), office=inline(p.office),
             party=f"[{inline(st.party(p.country).name)}]({rel(HOME, party_page(st.party(p.country)))})")
        for p in st.participants
    )
    out.append("<dt>" + ui._('Who') + f"</dt>\n<dd markdown>{who}</dd>\n")
    out.append("</dl>\n")
    out.append(tools(st, None, HOME, site_url, site_name, ui=ui, eng=eng, cite_cache=cite_cache))
    out.append("## " + ui._('The statement at a glance') + " { #at-a-glance }\n")
    out.append(ui._("The points this edition records, grouped by section. To read them in the statement's order, as far as the sources show it, see [Read it all]({link}).",
                    link=READ) + "\n")
    for s in st.sections:
        out.append(f"### [{inline(s.title)}]({rel(HOME, section_page(s))}) {{ #section-{s.id} }}\n")
        out.append(f"{block(s.summary)}\n")
        for c in s.commitments:
            out.append(f"- [{inline(c.title)}]({anchor(HOME, c)}) — {kind_label(st, c.kind)}{comma(ui)}{parties_text(st, c, ui)}")
        out.append("")
    out.append("## " + ui._('About this edition') + " { #about }\n")
    out.append(
        ui._("Summaries are written in our own words; the statement's own words appear only as marked quotations. "
             "See [Source and method]({source}) for where every passage comes from, or browse "
             "[all points]({all}), [by topic]({topics}) or [by party]({parties}).",
             source=SOURCE, all=ALL, topics=TOPICS, parties=PARTIES)
        + (space(ui) + ui._("What one newsroom alone reports, and what was said at the meeting, is listed under [{title}]({link}).",
                      title=ui._(notcovered.TITLE), link=notcovered.PAGE) if st.not_covered else "")
        + "\n"
    )
    return "\n".join(out)


def coverage_notice(st: Statement, page: str, ui: UI = EN) -> str:
    """One sentence on what the edition covers, with a link to the Source page (home and permanent pages)."""
    if not st.coverage:
        return ""
    return f"{inline(st.coverage)}{space(ui)}[" + ui._("Source and method") + f"]({rel(page, SOURCE)})\n{{: .coverage-notice }}\n"


def section(st: Statement, s: Section, site_url: str | None = None, site_name: str | None = None, *, ui: UI = EN,
            eng: English | None = None, cite_cache: Path | None = None) -> str:
    page = section_page(s)
    out = [front_matter(description=f"{s.title}: {s.summary}")]
    # An id no commitment ID or alias can take (IDs are slugs): an alias equal to the automatic id of the
    # title ("the-meeting") would otherwise land #the-meeting on the heading instead of the commitment.
    out.append(f"# {inline(s.title)} {{ #{TITLE_ID} }}\n")
    out.append(f"{block(s.summary)}\n{{: .lead }}\n")
    for c in s.commitments:
        out.append(commitment_block(st, c, page, site_url, site_name, ui=ui, eng=eng, cite_cache=cite_cache))
    return "\n".join(out)


def permanent_url(c: Commitment | str, site_url: str | None) -> str:
    """The URL a reader cites: absolute under ``site_url``, else relative to the site root."""
    return data.permalink(c if isinstance(c, str) else c.id, site_url)


NO_SITE_URL = N_(" (a link relative to this site: no site_url is configured)")


def tools(st: Statement, c: Commitment | None, page: str, site_url: str | None, site_name: str | None = None, *,
          ui: UI = EN, eng: English | None = None, cite_cache: Path | None = None) -> str:
    """Copy-link button and Cite block (scripts/render/cite.py) for a point, or the statement (``c`` None); raw HTML, every text escaped.

    Copy link copies this edition's own permanent link; a Japanese or Korean Cite block (``eng``) cites the
    English edition: its statement, its point of the same ID, its permanent URL."""
    target = f"c/{c.id}/" if c is not None else ""
    url = permanent_url(c, site_url) if c is not None else (site_url or "./")
    href = url if site_url else url_rel(page_url(page), target)
    # The accessible name starts with the visible text (WCAG 2.5.3, label in name).
    label = escape(ui.text_("Copy link to “{title}”", title=c.title) if c is not None else ui.text_("Copy link to the statement"))
    text = escape(ui.text_("Copy link"))
    button = f'<button type="button" class="copy-link md-button" data-permalink="{escape(href)}" aria-label="{label}">{text}</button>\n'
    if eng is None:
        note = "" if site_url else _NOTE
        block_html = cite.block(st, c, url, href, url_rel(page_url(page), ""), site_name, note, cache_dir=cite_cache)
    else:
        cid = c.id if c is not None else None
        note = "" if eng.site_url else ('<span class="citation-note">' + escape(ui.text_(NO_SITE_URL)) + '</span>')
        block_html = cite.block(
            eng.st, eng.st.commitment(cid) if cid else None, eng.url(cid), eng.href(page, cid),
            url_rel(page_url(page), "") + eng.root, site_name, note, ui=ui, cache_dir=cite_cache,
        )
    return '<div class="commitment-tools" data-search-exclude="">\n' + button + block_html + "</div>\n"


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


def quote_block(text: str, translation: str | None, ui: UI = EN, *, lead: str = "") -> tuple[str, str]:
    """One quotation of the statement, as the opening of its block and what goes beneath the quote: its words
    verbatim (English on every edition), and on a Japanese or Korean page this site's reference translation
    beneath them, labelled as ours (English: nothing beneath)."""
    q = f"<q>{inline(text)}</q>" if ui.lang == "en" else f'<q lang="en">{inline(text)}</q>'
    out = f'<blockquote class="statement-quote" markdown>\n{lead}{q}'
    if ui.lang == "en" or not translation:
        return out, ""
    label = ui._("This site’s reference translation (not an official one):")
    return out, f'\n\n<span class="label quote-translation-label">{label}</span> <span class="quote-translation">{inline(translation)}</span>'


def commitment_words(c: Commitment, ui: UI = EN) -> list[str]:
    """Our summary, then the statement's own words: what a reader comes for, first on every card."""
    lines = [('<span class="label">' + ui._("Our summary:") + f'</span> {inline(c.summary)}\n{{: .commitment-summary }}\n')]
    translations = c.quote_translations or (None,) * len(c.quotes)
    words = ui._("In the statement's words:")
    for q, tr in zip(c.quotes, translations, strict=False):
        head, beneath = quote_block(q, tr, ui, lead=f'<span class="label">{words}</span> ')
        lines.append(f"{head}{beneath}\n</blockquote>\n")
    return lines


def commitment_facts(st: Statement, c: Commitment, page: str, site_url: str | None, ui: UI = EN) -> list[str]:
    """Kind, parties, source and ID, permanent link, topics and related: after the words, on section and /c/ pages."""
    sep = comma(ui)
    parties = sep.join(f"[{inline(st.party(p).name)}]({rel(page, party_page(st.party(p)))})" for p in c.parties)
    # The news summary's paragraphs link to the register; a point only other sources establish says so.
    paras = sep.join(paragraph_link(page, n, ui) for n in c.paragraphs) or ui._("other sources (below)")
    lines = [
        f'<span class="kind kind-{c.kind}">{kind_label(st, c.kind)}</span> '
        + ui._("**Parties:** {parties} · **Source:** {source} · **ID:** {id}", parties=parties, source=paras, id=f"`{c.id}`")
        + "\n{: .commitment-meta data-search-exclude }\n",
    ]
    lines += sources.point_sources(st, c, ui)
    lines.append(
        ui._("**Permanent link:** {link}", link=f"[{inline(permanent_url(c, site_url))}]({rel(page, permalink_page(c))})")
        + "\n{: .commitment-permalink data-search-exclude }\n"
    )
    topics = sep.join(f"[{inline(st.topic(t).label)}]({rel(page, topic_page(t))})" for t in c.topics)
    links = ui._("**Topics:** {topics}", topics=topics)
    if c.related:
        related = sep.join(f"[{inline(st.commitment(r).title)}]({anchor(page, st.commitment(r))})" for r in c.related)
        links += "  \n" + ui._("**Related:** {related}", related=related)
    lines.append(f"{links}\n{{: .commitment-links }}\n")
    lines += search_words(st, c, ui)
    return lines


def search_words(st: Statement, c: Commitment, ui: UI = EN) -> list[str]:
    """The aliases of the point's topics, for search only ("DPRK" finds North Korea's points): in the page, so every
    engine indexes them, but hidden, since they are not all names of the topic (the topic's page lists them)."""
    # Topic by topic, as the card used to list them: a word of two of its topics (露朝) counts twice, as before.
    words = [a for t in c.topics for a in st.topic(t).aliases]
    if not words:
        return []
    return [ui._("Search words: {words}.", words=comma(ui).join(word(a, ui.lang) for a in words)) + '\n{: .search-words hidden="" }\n']


def also_known_as(names: tuple[str, ...], aliases: tuple[str, ...], ui: UI = EN) -> list[str]:
    """A topic's or party's other names, then its other search words, each list labelled for what it is."""
    out = []
    if names:
        out.append(ui._("Also known as: {aliases}.", aliases=comma(ui).join(word(a, ui.lang) for a in names)) + "\n{: .aliases }\n")
    if others := [a for a in aliases if a not in names]:
        out.append(ui._("Search words: {words}.", words=comma(ui).join(word(a, ui.lang) for a in others)) + "\n{: .aliases .search-words }\n")
    return out


def permalink_page(c: Commitment | str) -> str:
    return f"c/{c if isinstance(c, str) else c.id}.md"


def commitment_block(st: Statement, c: Commitment, page: str, site_url: str | None = None, site_name: str | None = None, *,
                     ui: UI = EN, eng: English | None = None, cite_cache: Path | None = None) -> str:
    """One point in its section: heading (id = point ID) linking to its permanent page, our summary and the
    statement's words, then the metadata line, links and the tools."""
    lines = ['<div class="commitment" markdown>\n']
    # Earlier IDs stay valid anchors: #old-id lands on (and highlights) this point.
    lines += [f'<span class="alias-anchor" id="{a}"></span>\n' for a in c.aliases]
    lines.append(f"## [{inline(c.title)}]({rel(page, permalink_page(c))}) {{ #{c.id} }}\n")
    lines += commitment_words(c, ui)
    lines += commitment_facts(st, c, page, site_url, ui)
    lines.append(tools(st, c, page, site_url, site_name, ui=ui, eng=eng, cite_cache=cite_cache))
    lines.append("</div>\n")
    return "\n".join(lines)


def _row(st: Statement, c: Commitment, page: str, ui: UI = EN) -> str:
    sep = comma(ui)
    topics = sep.join(f"[{inline(st.topic(t).label)}]({rel(page, topic_page(t))})" for t in c.topics)
    sec = st.section(c.section)
    return (
        f"| `{c.id}` | [{inline(c.title)}]({anchor(page, c)}) | {sep.join(c.parties)} | {kind_label(st, c.kind)} "
        f"| {topics} | [{inline(sec.title)}]({rel(page, section_page(sec))}) |"
    )


def points_description(st: Statement, ui: UI = EN) -> str:
    """The list of points' description, which its forwarding page (/c/) gives too: a link preview of /c/ is of the list."""
    return ui.ntext_("All {n} point of this edition of the {short_title}, with parties, kind, topics and section.",
                     "All {n} points of this edition of the {short_title}, with parties, kind, topics and section.",
                     len(st.commitments), short_title=st.short_title)


def all_commitments(st: Statement, ui: UI = EN) -> str:
    n = len(st.commitments)
    out = [front_matter(description=points_description(st, ui), search=INDEX_BOOST)]
    out.append("# " + ui._('All points') + "\n")
    out.append(ui.n_("{n} point in {sections} sections, grouped by section ({by_kind}). ",
                     "{n} points in {sections} sections, grouped by section ({by_kind}). ", n,
                     sections=len(st.sections), by_kind=_by_kind(st, st.commitments, ui))
               + ui._("For the statement's order, as far as the sources show it, see [Read it all]({link}). ", link=READ)
               + ui._("Parties: {codes}.", codes=comma(ui).join(f"{p.code} = {inline(p.name)}" for p in st.parties)) + "\n")
    out.append(_UNINDEXED)
    out.append("| " + " | ".join(ui._(h) for h in (N_("ID"), N_("Point"), N_("Parties"), N_("Kind"), N_("Topics"), N_("Section"))) + " |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    out.extend(_row(st, c, ALL, ui) for c in st.commitments)
    out.append(_END)
    return "\n".join(out) + "\n"


# Listings repeat what the points say: left out of the search index, so a search
# finds the point itself (its section), never a page that merely lists it.
_UNINDEXED = '<div class="commitment-list" data-search-exclude="" markdown>\n'
_END = "\n</div>\n"


def _listing(st: Statement, commitments: list[Commitment], page: str, ui: UI = EN) -> list[str]:
    sep = comma(ui)
    return [_UNINDEXED] + [
        f"- [{inline(c.title)}]({anchor(page, c)}) — {kind_label(st, c.kind)}{sep}{parties_text(st, c, ui)}"
        f"{sep + inline(c.role) if c.role else ''}{_STOP[ui.lang]} {inline(c.summary)}"
        for c in commitments
    ] + [_END]


def _count(n: int, ui: UI = EN) -> str:
    """Items are "points"; only a commitment or a reaffirmation is called a commitment."""
    return ui.n_("{n} point", "{n} points", n)


def _Nn(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural message for extraction (keyword ``_Nn:1,2``), looked up later with ``ui.n_``."""
    return singular, plural


# Counts by kind ("3 expressions of support").
KIND_COUNTS: dict[str, tuple[str, str]] = {
    "aim": _Nn("{n} aim", "{n} aims"),
    "announcement": _Nn("{n} announcement", "{n} announcements"),
    "call": _Nn("{n} call", "{n} calls"),
    "commitment": _Nn("{n} commitment", "{n} commitments"),
    "concern": _Nn("{n} concern", "{n} concerns"),
    "condolence": _Nn("{n} expression of condolence", "{n} expressions of condolence"),
    "emphasis": _Nn("{n} point of emphasis", "{n} points of emphasis"),
    "opposition": _Nn("{n} statement of opposition", "{n} statements of opposition"),
    "reaffirmation": _Nn("{n} reaffirmation", "{n} reaffirmations"),
    "support": _Nn("{n} expression of support", "{n} expressions of support"),
    "welcome": _Nn("{n} welcome", "{n} welcomes"),
}


def _kinds(n: int, kind: str, ui: UI = EN) -> str:
    one, many = KIND_COUNTS[kind]
    return ui.n_(one, many, n)


def _by_kind(st: Statement, items: list[Commitment] | tuple[Commitment, ...], ui: UI = EN) -> str:
    """"3 commitments, 2 reaffirmations and 1 concern": counts by kind, commitments first, then by number."""
    counts: dict[str, int] = {}
    for c in items:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    order = sorted(counts, key=lambda k: (k not in COMMITMENT_KINDS, -counts[k], k))
    return join(ui, [_kinds(counts[k], k, ui) for k in order])


def topic(st: Statement, t: Topic, ui: UI = EN) -> str:
    page = topic_page(t)
    items = [c for c in st.commitments if t.id in c.topics]
    out = [front_matter(description=ui.text_("{label}: {description} {count} in the {short_title}.", label=t.label,
                                         description=t.description, count=_count(len(items), ui), short_title=st.short_title),
                        search=BROWSE_BOOST)]
    out.append(f"# {inline(t.label)}\n")
    out.append(f"{block(t.description)}\n")
    out += also_known_as(t.names, t.aliases, ui)
    out.append(f"**{_count(len(items), ui)}**\n")
    out.extend(_listing(st, items, page, ui))
    return "\n".join(out) + "\n"


def topics_index(st: Statement, ui: UI = EN) -> str:
    out = [front_matter(description=ui.text_(
        "The {n} topics this edition groups the points of the {short_title} under, and how many points touch each.",
        n=len(st.topics), short_title=st.short_title), search=INDEX_BOOST)]
    out.append("# " + ui._('Topics') + "\n")
    out.append(ui._("The {n} topics are this edition's grouping, not the statement's.", n=len(st.topics)) + space(ui)
               + (ui._("For matters public reports say the official statement also covers, see [{title}]({link}).",
                       title=ui._(notcovered.TITLE), link=rel(TOPICS, notcovered.PAGE)) + "\n" if st.not_covered else "\n"))
    out.append(_UNINDEXED)
    out.append("| " + " | ".join(ui._(h) for h in (N_("Topic"), N_("Points"), N_("Also known as"))) + " |")
    out.append("| --- | ---: | --- |")
    for t in sorted(st.topics, key=lambda t: t.label.casefold()):
        n = sum(t.id in c.topics for c in st.commitments)
        out.append(f"| [{inline(t.label)}]({rel(TOPICS, topic_page(t))}) | {n} | {comma(ui).join(word(a, ui.lang) for a in t.names)} |")
    out.append(_END)
    return "\n".join(out) + "\n"


def party(st: Statement, p: Party, ui: UI = EN) -> str:
    """A party's points counted by kind, grouped by who else is part of them (with the party's role where the
    source gives one), and the points it is not part of."""
    page = party_page(p)
    everyone = {x.code for x in st.parties}
    items = [c for c in st.commitments if p.code in c.parties]
    alone = [c for c in items if c.parties == (p.code,)]
    some = [c for c in items if len(c.parties) > 1 and set(c.parties) != everyone]
    joint = [c for c in items if len(c.parties) > 1 and set(c.parties) == everyone]
    outside = [c for c in st.commitments if p.code not in c.parties]
    out = [front_matter(description=ui.text_("{party} in the {short_title}: {count} ({by_kind}).", party=p.name, short_title=st.short_title,
                                         count=_count(len(items), ui), by_kind=_by_kind(st, items, ui)), search=PARTY_BOOST)]
    out.append(f"# {inline(p.name)}\n")
    reps = [x for x in st.participants if x.country == p.code]
    if reps:
        out.append(ui._("Represented by {people}.", people=join(ui, [person(x.name, x.office, ui) for x in reps])) + "\n")
    out += also_known_as(p.names, p.aliases, ui)
    out.append(ui._("**Part of {n} of the {count}** in this edition: {by_kind}.", n=len(items), count=_count(len(st.commitments), ui),
                    by_kind=_by_kind(st, items, ui) or ui._("none"))
               + "\n{: .party-count }\n")
    out.append(ui._("Only the commitments and reaffirmations among them are commitments; each point is labelled with its kind.") + "\n")
    groups = [
        ("alone", ui._("{party} alone", party=inline(p.name)), alone),
        ("with-some", ui._("With some of the other parties"), some),
        ("joint", ui._("Jointly with the other parties"), joint),
        ("not-part", ui._("Not a party to these points"), outside),
    ]
    for anchor_id, heading, group in groups:
        if group:
            out.append(f"## {heading} {{ #{anchor_id} }}\n")
            out.append(ui._("{count}: {by_kind}.", count=_count(len(group), ui), by_kind=_by_kind(st, group, ui)) + "\n")
            out.extend(_listing(st, group, page, ui))
            out.append("")
    return "\n".join(out)


def parties_index(st: Statement, ui: UI = EN) -> str:
    out = [front_matter(description=ui.text_("The parties to the {short_title} and the points each is part of.", short_title=st.short_title),
                        search=INDEX_BOOST)]
    out.append("# " + ui._('Parties') + "\n")
    out.append(_UNINDEXED)
    out.append("| " + " | ".join(ui._(h) for h in (N_("Party"), N_("Code"), N_("Represented by"), N_("Points"))) + " |")
    out.append("| --- | --- | --- | ---: |")
    for p in st.parties:
        reps = _SEMI[ui.lang].join(person(x.name, x.office, ui) for x in st.participants if x.country == p.code)
        n = sum(p.code in c.parties for c in st.commitments)
        out.append(f"| [{inline(p.name)}]({rel(PARTIES, party_page(p))}) | {p.code} | {reps} | {n} |")
    out.append(_END)
    return "\n".join(out) + "\n"


def glossary(st: Statement, ui: UI = EN) -> str:
    """The abbreviations this edition uses; each is also a tooltip wherever it appears."""
    out = [front_matter(description=ui.text_("The abbreviations used on this site about the {short_title}, and what they stand for.",
                                         short_title=st.short_title), search=INDEX_BOOST)]
    out.append("# " + ui._('Glossary') + "\n")
    out.append(ui._(
        "The abbreviations used on this site, in our summaries, topics and search words (the news summary "
        "itself uses only some of them). Wherever one appears, its expansion is shown as a tooltip when you point at it."
    ) + "\n")
    out.append("| " + " | ".join(ui._(h) for h in (N_("Abbreviation"), N_("Stands for"), N_("On this site"))) + " |")
    out.append("| --- | --- | --- |")
    for a in st.glossary:
        if a.topic:
            see = ui._("{link} (topic)", link=f"[{inline(st.topic(a.topic).label)}]({rel(GLOSSARY, topic_page(a.topic))})")
        elif a.party:
            see = ui._("{link} (party)", link=f"[{inline(st.party(a.party).name)}]({rel(GLOSSARY, party_page(st.party(a.party)))})")
        else:
            see = ""
        out.append(f"| {word(a.abbr, ui.lang)} | {inline(a.expansion)} | {see} |")
    return "\n".join(out) + "\n"


def source(st: Statement, ui: UI = EN, english: Statement | None = None) -> str:
    out = [front_matter(description=ui.text_("Where every passage of the {short_title} edition comes from: the source register and the method.",
                                         short_title=st.short_title))]
    out.append("# " + ui._('Source and method') + "\n")
    if st.publication:
        pub = st.publication
        story = ui._(", story {story}", story=inline(pub.story)) if pub.story else ""
        out.append("## " + ui._('Where this edition began') + " { #the-source }\n")
        # The headline is the cited work's title: in English as published, with our translation after it.
        headline = inline(pub.headline)
        if ui.lang != "en" and english is not None and english.publication:
            headline = ui._("{headline} (our translation: {translation})",
                            headline=en(inline(english.publication.headline), ui), translation=headline)
        out.append(ui._(
            "This edition began from a news summary of the statement, published as a news story by {publisher}{story}, "
            "under the headline “{headline}”: {address}.",
            publisher=inline(pub.publisher), story=story, headline=headline,
            address=f'<a href="{href(pub.address)}">{inline(pub.address)}</a>',
        ) + "\n")
    out.append(f"{block(st.provenance)}\n")
    if st.not_covered:
        out.append(ui._("What one newsroom alone reports, and what was said at the meeting, is listed under [{title}]({link}).",
                        title=ui._(notcovered.TITLE), link=notcovered.PAGE) + "\n")
    out.append("## " + ui._('How to read this edition') + " { #method }\n")
    kinds = ", ".join(KIND_LABELS[k] for k in sorted(KIND_LABELS)) if ui.lang == "en" else comma(ui).join(
        inline(st.kind_label(k)) for k in sorted(KIND_LABELS))
    summary_label = ui._("Our summary:")
    quoted_words = ui._("Quoted words")
    out.append(
        "- " + ui._("{label} text marked like this is written in our own words and is not a quotation.",
                    label=f'<span class="label">{summary_label}</span>') + "\n"
        "- " + ui._("{quoted} in a marked quotation block are the statement's own words, carried over verbatim "
                    "(curly apostrophes included) and checked against the register below on every build.",
                    quoted=f"<q>{quoted_words}</q>") + "\n"
        + ("- " + ui._("On this edition they stay in English, as published, and beneath each one is this site's own reference "
                       "translation, which is not an official translation.") + "\n" if ui.lang != "en" else "")
        + "- " + ui._("Each point has a stable ID that never changes; its kind is one of: {kinds}. "
                      "Only a {commitment} or a {reaffirmation} is called a commitment.",
                      kinds=kinds, commitment=kind_label(st, "commitment"), reaffirmation=kind_label(st, "reaffirmation")) + "\n"
        "- " + ui._("Under each point, its sources: the publisher and the paragraph (¶), linked to the source's own page; "
                    "a reprint of the released text is marked “Read the statement's words”.") + "\n"
        "- " + ui._("Sections group the points by subject. [Read it all]({link}) follows the statement's order as far as "
                    "the sources show it, and says where the order is ours.", link=READ) + "\n"
    )
    out.append("## " + ui._('The news summary, paragraph by paragraph') + " { #register }\n")
    for p in st.paragraphs:
        out.append("### " + ui._('Paragraph {n}', n=p.number) + f" {{ #paragraph-{p.number} }}\n")
        out.append(ui._("**Covers:** {covers}", covers=inline(p.covers)) + "\n")
        for q in p.quotes:
            head, beneath = quote_block(q.text, q.translation, ui)
            out.append(f'{head} <span class="quote-id">({q.id})</span>{beneath}\n</blockquote>\n')
        used = [c for c in st.commitments if p.number in c.paragraphs]
        out.append(ui._("**Points drawn from it:** {points}",
                        points=comma(ui).join(f"[{inline(c.title)}]({anchor(SOURCE, c)})" for c in used)) + "\n")
    out += sources.register(st, SOURCE, ui)
    return "\n".join(out)


def permalink(st: Statement, c: Commitment, site_url: str | None, site_name: str | None = None, *, ui: UI = EN,
              eng: English | None = None, cite_cache: Path | None = None) -> str:
    """The permanent page /c/<id>/: the point on its own, pointing to it in context (not a search result)."""
    page = permalink_page(c)
    sec = st.section(c.section)
    # The description is the summary after the caveat that it is ours; preview_title is og:title (render/previews.py).
    # title_text is the title as text for <title> (MkDocs' own page.title from the heading is HTML).
    out = [front_matter(description=previews.description(c, ui), search={"exclude": True}, permalink=c.id, published=st.date,
                        title_text=c.title, preview_title=previews.title(st, c))]
    out.append(f"# {inline(c.title)}\n")
    out.append(
        ui._("One point of the [{short_title}]({home}), {place}, {date}.", short_title=inline(st.short_title), home=rel(page, HOME),
             place=inline(st.place), date=ui.date(st.date)) + "\n\n"
        + ui._("**Read it in context:** {link}", link=f"[{inline(sec.title)} › {inline(c.title)}]({anchor(page, c)})")
        + "\n{: .in-context }\n"
    )
    out.append(coverage_notice(st, page, ui))
    out += commitment_words(c, ui)
    out += commitment_facts(st, c, page, site_url, ui)
    out.append(tools(st, c, page, site_url, site_name, ui=ui, eng=eng, cite_cache=cite_cache))
    return "\n".join(out)


def moved(st: Statement, c: Commitment, old: str, ui: UI = EN) -> str:
    """An earlier ID's permanent page: it forwards to the successor, and says so for readers without redirects."""
    page = permalink_page(old)
    target = url_rel(page_url(page), page_url(permalink_page(c)))
    out = [front_matter(description=previews.description(c, ui), search={"exclude": True}, redirect=target, permalink=c.id,
                        published=st.date, title_text=c.title, preview_title=previews.title(st, c))]
    out.append(f"# {inline(c.title)}\n")
    out.append(ui._(
        "This point's ID changed from {old} to {new}. Its permanent page is now {link}; read it in context: {context}.",
        old=f"`{old}`", new=f"`{c.id}`", link=f"[{inline(permanent_url(c, None))}]({rel(page, permalink_page(c))})",
        context=f"[{inline(st.section(c.section).title)} › {inline(c.title)}]({anchor(page, c)})",
    ) + "\n")
    return "\n".join(out)


def points_folder(st: Statement, ui: UI = EN) -> str:
    """/c/, an address readers make by cutting a permanent link short: it forwards to the list of points (a
    static page, so every host and `make serve` forward it, without JavaScript), and links there for readers
    without redirects."""
    target = url_rel(page_url(POINTS), page_url(ALL))
    out = [front_matter(description=points_description(st, ui), search={"exclude": True}, redirect=target,
                        title_text=ui.text_("All points"))]
    out.append("# " + ui._("All points") + "\n")
    out.append(f"[{ui._('All points, with their IDs')}]({rel(POINTS, ALL)})\n")
    return "\n".join(out)


def reading_edition(st: Statement, ui: UI = EN, site_url: str | None = None, root: str = "") -> str:
    """"Read it all": every point in the statement's order as far as the sources show it (statement/order.yaml),
    passage by passage, each saying how sure that order is; without order.yaml, the news summary's order.

    Out of the search index (searches land on the section pages); printable: the first lines name the
    statement, date, place and this edition."""
    page = READ
    n = len(st.commitments)
    out = [front_matter(description=ui.ntext_(
        "Read it all: the {n} point of this edition of the {short_title} on one page, in the statement's order as far as the sources show it.",
        "Read it all: the {n} points of this edition of the {short_title} on one page, in the statement's order as far as the sources show it.",
        n, short_title=st.short_title), search={"exclude": True})]
    out.append("# " + ui._('Read it all') + "\n")
    out.append(
        ui._("{title}, {place}, {date}: the reading edition of this site, {count} on one page, in the statement's order as far "
             "as the sources show it, with our summaries and the statement's own words.",
             title=block(st.title), place=inline(st.place), date=ui.date(st.date), count=_count(n, ui))
        + "\n{: .edition-line }\n"
    )
    if st.coverage:
        out.append(coverage_notice(st, page, ui))
    if st.editions:
        out.append(ui._("To read the English and this site's translations in columns, see [{title}]({link}).",
                        title=ui._(COMPARE_TITLE), link=rel(page, COMPARE)) + "\n")
    out.append(ui._("This page as a PDF, to print or keep: {file}.", file=data.pdf_link(st.lang, site_url, ui, root)) + "\n{: .reading-pdf }\n")
    # Links made to the news summary's paragraphs (#paragraph-3) still land: on the first point each reported.
    first = {points[0].id: p.number for p, points in st.reading_groups}
    for g in reading_groups(st):
        out += g.opening(ui)
        for c in g.points:
            sec = st.section(c.section)
            out.append('<div class="reading-point" markdown>\n')
            if st.passages and c.id in first:
                out.append(f'<span class="alias-anchor" id="paragraph-{first[c.id]}"></span>\n')
            out.append(f"### [{inline(c.title)}]({rel(page, permalink_page(c))}) {{ #{c.id} }}\n")
            out += commitment_words(c, ui)
            # The kind starts the line: a translated label such as "1. …" must not open a list (block, not inline).
            out.append(f"{block(st.kind_label(c.kind))} · [{inline(sec.title)}]({anchor(page, c)})\n{{: .reading-meta }}\n")
            out.append("</div>\n")
    return "\n".join(out)


# How sure each passage's place is (statement/order.yaml).
ORDER_NOTES = {
    "known": N_("Order: as a reprint of the released text shows it."),
    "consistent": N_("Order: as the reports that follow the text agree."),
    "ours": N_("Order: partly or wholly ours, as said above; the sources do not show it."),
}


@dataclass(frozen=True)
class ReadingGroup:
    """One group of Read it all, in its order: a passage of the released text (order.yaml), or, for a statement
    without passages, a paragraph of the news summary. Read it all, Side by side and the PDF print the same groups."""

    number: int
    passage: bool
    anchor: str  # passage-<id> or paragraph-<n>
    covers: str
    note: str | None  # the passage's order note (an untranslated message)
    points: tuple[Commitment, ...]

    def opening(self, ui: UI) -> list[str]:
        """The group's Markdown before its points: heading with its anchor, what it covers, its order note."""
        lines = ["## " + self.heading(ui) + f" {{ #{self.anchor} }}\n", f"{block(self.covers)}\n{{: .paragraph-covers }}\n"]
        return lines + ([f"{ui._(self.note)}\n{{: .passage-order }}\n"] if self.note else [])

    def heading(self, ui: UI, plain: bool = False) -> str:
        """The group's heading in ``ui``'s language, for Markdown (escaped) or, ``plain``, as text."""
        if plain:
            return ui.text_("Passage {n}", n=self.number) if self.passage else ui.text_("Paragraph {n} of the summary", n=self.number)
        return ui._("Passage {n}", n=self.number) if self.passage else ui._("Paragraph {n} of the summary", n=self.number)


def reading_groups(st: Statement) -> list[ReadingGroup]:
    """Read it all's groups: the passages when order.yaml gives them, else the summary's paragraphs."""
    if st.passages:
        return [ReadingGroup(i, True, f"passage-{p.id}", p.covers, ORDER_NOTES[p.order], tuple(st.commitment(c) for c in p.points))
                for i, p in enumerate(st.passages, 1)]
    return [ReadingGroup(p.number, False, f"paragraph-{p.number}", p.covers, None, tuple(points)) for p, points in st.reading_groups]
