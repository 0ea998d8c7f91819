"""Stage 3: "Side by side", every point in Read it all's order with the English and its translations in columns.

Each edition has the same three pages (so the language switcher keeps the reader's place): ``compare/`` (the
English edition: English, Japanese and Korean; a translated one: English and its own language), ``compare/ja/``
and ``compare/ko/`` (English and that language). The choice of languages is the address, so a comparison is
shared by its link and needs no JavaScript; on a translated edition ``compare/<its language>/`` is ``compare/``
and forwards there. Each column is that edition's own text: its title links to that edition's permanent page,
its labels are in its language, the statement's quoted words stay English with our reference translation
labelled beneath them (``pages.commitment_words``), and the column carries ``lang`` for screen readers.
Out of the search index, like Read it all: a search finds the point on its section page.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..source.model import LANGS, Commitment, Lang, Statement
from . import data
from .markdown import block, front_matter, href, inline, rel
from .messages import EN, NAMES, UI
from .messages import load as load_ui
from .pages import (
    COMPARE,
    COMPARE_TITLE,
    READ,
    English,
    commitment_words,
    coverage_notice,
    page_url,
    permalink_page,
    reading_groups,
    url_rel,
    with_citation_meta,
)

INDEX = COMPARE
FOLDER = INDEX.removesuffix("/index.md")
TITLE = COMPARE_TITLE


def page_of(lang: Lang) -> str:
    """``compare/ja.md``: English and ``lang`` side by side (every edition has one per translated language)."""
    return f"{FOLDER}/{lang}.md"


def shown(edition: Lang, page: str, langs: tuple[Lang, ...]) -> tuple[Lang, ...]:
    """The languages a page of ``edition`` shows, English first: ``compare/`` shows every language on the English
    edition and English with the edition's own on a translated one."""
    if page == INDEX:
        return langs if edition == "en" else ("en", edition)
    return ("en", page.removeprefix(f"{FOLDER}/").removesuffix(".md"))  # type: ignore[return-value]


def pages(
    editions: Mapping[Lang, Statement], ui: UI = EN, site_url: str | None = None, root: str = "",
) -> dict[str, str]:
    """The side-by-side pages of the edition in ``ui.lang``; ``editions`` holds every edition's statement, localized
    (English included); ``site_url`` is this edition's address, ``root`` the path from its root to the English root.
    Nothing when the statement is published in English only: there is nothing to compare."""
    langs = tuple(lang for lang in LANGS if lang in editions)
    if len(langs) < 2:
        return {}
    edition = ui.lang
    st = editions[edition]
    english_url = site_url if edition == "en" else data.english_site_url(site_url, edition)
    eng = None if edition == "en" else English(editions["en"], english_url, root)
    out: dict[str, str] = {}
    for lang in langs[1:]:
        page = page_of(lang)
        if edition == lang:
            out[page] = _forward(st, page, ui)
        else:
            out[page] = _compare(editions, page, shown(edition, page, langs), langs, ui, english_url, root)
    out[INDEX] = _compare(editions, INDEX, shown(edition, INDEX, langs), langs, ui, english_url, root)
    cite_st = st if eng is None else eng.st
    return {path: with_citation_meta(cite_st, None, path, out[path], site_url, eng=eng) for path in sorted(out)}


def _title(langs: tuple[Lang, ...]) -> str:
    """The languages of a comparison, each in itself: "English · 日本語"."""
    return " · ".join(NAMES[lang] for lang in langs)


def _names(langs: tuple[Lang, ...], ui: UI) -> str:
    """The same as HTML, each name marked with its language where it is not the page's."""
    return " · ".join(NAMES[lang] if lang == ui.lang else f'<span lang="{lang}">{NAMES[lang]}</span>' for lang in langs)


def _edition_href(page: str, ui: UI, lang: Lang, path: str, english_url: str | None, root: str) -> str:
    """A link from ``page`` of this edition to ``path`` ("c/<id>/", "compare/") in the ``lang`` edition: absolute
    under the site's address, else relative (raw HTML: MkDocs does not rewrite a link into another build)."""
    target = ("" if lang == "en" else f"{lang}/") + path
    if english_url:
        return english_url + target
    return url_rel(page_url(page), "") + root + target


def _choice(page: str, here: tuple[Lang, ...], langs: tuple[Lang, ...], ui: UI, english_url: str | None, root: str) -> str:
    """The languages to show, as links (the choice is the address): this edition's pages, and on a translated
    edition the English edition's page of all three."""
    options: list[tuple[tuple[Lang, ...], str]] = []
    for target in [INDEX] + [page_of(lang) for lang in langs[1:] if lang != ui.lang]:
        options.append((shown(ui.lang, target, langs), url_rel(page_url(page), page_url(target))))
    if ui.lang != "en" and len(langs) > 2:
        options.append((langs, _edition_href(page, ui, "en", f"{FOLDER}/", english_url, root)))
    items = []
    for langs_shown, url in options:
        current = ' aria-current="page"' if langs_shown == here else ""
        items.append(f'<li><a href="{href(url)}"{current}>{_names(langs_shown, ui)}</a></li>')
    label = ui._("Languages shown")
    return (f'<nav class="compare-choice" aria-label="{label}" data-search-exclude="">\n<span class="label" aria-hidden="true">{label}</span>\n'
            f'<ul>\n' + "\n".join(items) + "\n</ul>\n</nav>\n")


def _compare(
    editions: Mapping[Lang, Statement], page: str, here: tuple[Lang, ...], langs: tuple[Lang, ...], ui: UI,
    english_url: str | None, root: str,
) -> str:
    st = editions[ui.lang]
    out = [front_matter(
        description=_description(st, here, ui),
        search={"exclude": True}, hide=["toc"], title_text=ui.text_("{title}: {languages}", title=ui.text_(TITLE), languages=_title(here)),
    )]
    out.append("# " + ui._("{title}: {languages}", title=ui._(TITLE), languages=_names(here, ui)) + " { #_top }\n")
    out.append(ui._("{title}, {place}, {date}: every point of this edition in English and in this site's own translation, in "
                    "columns, in the order of [Read it all]({link}). In each column, the point's title links to its permanent page "
                    "in that language. The statement's own words stay in English in every column; beneath them is this site's "
                    "reference translation, which is not an official one.",
                    title=block(st.title), place=inline(st.place), date=ui.date(st.date), link=rel(page, READ)) + "\n{: .edition-line }\n")
    out.append(coverage_notice(st, page, ui))
    out.append(_choice(page, here, langs, ui, english_url, root))
    uis = {lang: ui if lang == ui.lang else (EN if lang == "en" else load_ui(lang)) for lang in here}
    out.append(f'<div class="compare compare-{len(here)}" markdown>\n')
    for g in reading_groups(st):
        out += g.opening(ui)
        for c in g.points:
            out.append(_row(editions, c.id, page, here, uis, ui, english_url, root))
    out.append("</div>\n")
    return "\n".join(out)


def _row(
    editions: Mapping[Lang, Statement], cid: str, page: str, here: tuple[Lang, ...], uis: Mapping[Lang, UI], ui: UI,
    english_url: str | None, root: str,
) -> str:
    """One point: an article named by its title in the page's language, one column per language, each marked with
    its language (its quotations, English, are marked lang="en" inside a Japanese or Korean column)."""
    lines = [f'<article class="compare-point" aria-labelledby="{cid}" markdown>\n']
    for lang in here:
        c: Commitment = editions[lang].commitment(cid)
        col = uis[lang]
        lines.append(f'<div class="compare-col" lang="{lang}" markdown>\n')
        lines.append(f"{NAMES[lang]}\n{{: .compare-lang }}\n")
        # One heading per point, in the page's language: the other columns give the same point's title in their
        # language, as its link, not as headings of their own (no ¶ anchor, no table-of-contents entry: a page
        # of 36 points in three columns had 350 in-page links, each one a fetch of the page for a link checker).
        if lang == ui.lang:
            lines.append(f"### [{inline(c.title)}]({rel(page, permalink_page(c))}) {{ #{cid} .compare-title }}\n")
        else:
            url = _edition_href(page, ui, lang, f"c/{cid}/", english_url, root)
            lines.append(f'<a href="{href(url)}">{inline(c.title)}</a>\n{{: .compare-title }}\n')
        lines += commitment_words(c, col)
        lines.append(f"{block(editions[lang].kind_label(c.kind))}\n{{: .reading-meta }}\n")
        lines.append("</div>\n")
    lines.append("</article>\n")
    return "\n".join(lines)


def _description(st: Statement, here: tuple[Lang, ...], ui: UI) -> str:
    """A comparison's description, which a page forwarding to it gives too (a link preview does not follow the forward)."""
    return ui.ntext_("{languages}: the {n} point of this edition of the {short_title} side by side, in the statement's order "
                     "as far as the sources show it.",
                     "{languages}: the {n} points of this edition of the {short_title} side by side, in the statement's order "
                     "as far as the sources show it.", len(st.commitments), languages=_title(here), short_title=st.short_title)


def _forward(st: Statement, page: str, ui: UI) -> str:
    """``compare/<lang>/`` on the ``lang`` edition: the same comparison as ``compare/``, so it forwards there."""
    target = url_rel(page_url(page), page_url(INDEX))
    out = [front_matter(description=_description(st, ("en", ui.lang), ui), search={"exclude": True}, redirect=target,
                        title_text=ui.text_("{title}: {languages}", title=ui.text_(TITLE), languages=_title(("en", ui.lang))))]
    out.append("# " + ui._(TITLE) + "\n")
    out.append(ui._("English and this edition's language side by side are on [{title}]({link}).",
                    title=ui._(TITLE), link=rel(page, INDEX)) + "\n")
    return "\n".join(out)
