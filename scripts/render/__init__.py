"""Stage 2, rendering: the statement as pages and files, same input, same bytes.

Enters: a ``source.model.Statement`` (English, or localized by editions/), a ``messages.UI`` (the site's
own words in one language), the site's address and name.
Leaves: ``{path: Markdown}`` for the pages, ``{path: str | bytes}`` for the data files, the citation
downloads, the link-preview cards, the Atom feed and the PDFs; plain values, nothing written to disk but the caches.

    markdown.py    text from the YAML made inert for Markdown and HTML; relative links; front matter
    messages.py    the site's own words: scripts/locale/ catalogs checked, compiled in memory, read by gettext; CLDR dates, lists
    pages.py       every page of one edition, and the navigation
    notcovered.py  the page "What this edition does not cover"
    compare.py     "Side by side": every edition's statement (``Mapping[Lang, Statement]``, localized by editions/) in columns
    sources.py     the sources under each point ("Anewz, ¶7 ↗") and the register on the Source page
    cite.py        citations (Chicago, APA by citeproc-py), the Cite block (template cite.html), the downloads, page metadata
    data.py        the data files (JSON, CSV, JSON Schema, Data Package) and the Data page
    cards.py       the link-preview images (Pillow)
    feed.py        the edition's changes as an Atom feed (lxml), in a build with the site's address
    previews.py    what a point's link preview says: its title, its description, the caveat on its card
    printed.py     Read it all as a printed document: HTML from our print template (printed.html, printed.css)
    pdf.py         that document as a PDF per edition (WeasyPrint), cached by content
"""
