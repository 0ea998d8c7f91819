"""The points as data files (/data/statement.json, commitments.csv, schema.json, datapackage.json) and the page that documents them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..source import changelog
from ..source.model import TRANSLATED, Commitment, Statement
from . import cite
from .markdown import front_matter, inline
from .messages import EN, N_, UI, long_date

SCHEMA = Path(__file__).parent.parent / "schemas" / "data.schema.json"
# Where data.schema.json lists the party codes: the published schema has the statement's own (statement.yaml).
PARTY_CODES = '["$party-codes"]'
PAGE = "data.md"
# "sources" came last in data version 1.3, so the columns earlier versions had keep their places.
CSV_FIELDS = ("id", "section", "title", "kind", "parties", "topics", "paragraphs", "summary", "quotes", "related", "aliases", "permalink", "url",
              "sources")
# List fields in the CSV: on one line, joined with "; " (IDs, codes and numbers never contain ";"): a
# spreadsheet shows one row per point at one line's height, where line breaks inside cells did not.
LIST_SEPARATOR = "; "
# What a spreadsheet reads as a formula at the start of a cell (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The PDFs' languages, as the data package (in English) names them.
LANGUAGE_NAMES = {"en": "English", "ja": "Japanese", "ko": "Korean"}
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International", "path": "https://creativecommons.org/licenses/by/4.0/"}
LICENSE_NOTE = N_(
    "Our own text and data (titles, summaries, IDs, topics, kinds and structure) are licensed under CC BY 4.0. "
    "The words quoted from the statement are the words of the governments that issued it, not ours; the licence does not cover them."
)


def schema_text(st: Statement) -> str:
    """The published data/schema.json: data.schema.json with the statement's party codes as the allowed values."""
    return SCHEMA.read_text(encoding="utf-8").replace(PARTY_CODES, json.dumps([p.code for p in st.parties], ensure_ascii=False))


def schema(st: Statement) -> dict[str, Any]:
    return json.loads(schema_text(st))


def site(path: str, site_url: str | None) -> str:
    """A site path as a URL: absolute under ``site_url``, else relative to the site root."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def permalink(cid: str, site_url: str | None) -> str:
    return site(f"c/{cid}/", site_url)


def commitment_record(c: Commitment, site_url: str | None) -> dict[str, Any]:
    return {
        "id": c.id, "section": c.section, "title": c.title, "kind": c.kind,
        "parties": list(c.parties), "topics": list(c.topics), "paragraphs": list(c.paragraphs),
        "summary": c.summary, "quotes": list(c.quotes), "related": list(c.related), "aliases": list(c.aliases),
        "permalink": permalink(c.id, site_url), "url": site(f"sections/{c.section}/#{c.id}", site_url),
        "sources": [{"source": loc.source, "paragraphs": list(loc.paragraphs)} for loc in c.sources],
    }


def sources_cell(c: Commitment) -> list[str]:
    """A point's sources in one CSV cell: "miragenews ¶7", "yonhap-en-einnews ¶7, ¶8"."""
    return [f"{loc.source} " + ", ".join(f"¶{n}" for n in loc.paragraphs) for loc in c.sources]


def statement_record(st: Statement, site_url: str | None) -> dict[str, Any]:
    return {
        "title": st.title, "short_title": st.short_title, "date": st.date, "place": st.place,
        "occasion": st.occasion, "overview": st.overview, "provenance": st.provenance, "site_url": site_url,
        "coverage": st.coverage,
        "source_publication": (
            {"publisher": st.publication.publisher, "headline": st.publication.headline,
             "address": st.publication.address, "story": st.publication.story} if st.publication else None
        ),
        "participants": [{"name": p.name, "office": p.office, "country": p.country} for p in st.participants],
        "parties": [{"code": p.code, "name": p.name, "aliases": list(p.aliases)} for p in st.parties],
        "topics": [{"id": t.id, "label": t.label, "description": t.description, "aliases": list(t.aliases)} for t in st.topics],
        "paragraphs": [
            {"number": p.number, "covers": p.covers, "quotes": [{"id": q.id, "text": q.text} for q in p.quotes]}
            for p in st.paragraphs
        ],
        "sections": [
            {"id": s.id, "title": s.title, "summary": s.summary, "url": site(f"sections/{s.id}/", site_url), "commitments": [c.id for c in s.commitments]}
            for s in st.sections
        ],
        "commitments": [commitment_record(c, site_url) for c in st.commitments],
        # publisher and url repeat the register's (the fields of data 1.2); report, 1.2's kind of source, is null since 1.3.
        "not_covered": [
            {"id": m.id, "list": m.group, "title": m.title, "note": m.note, "publisher": st.source(m.locator.source).publisher,
             "report": None, "url": st.source(m.locator.source).address, "source": m.locator.source,
             "paragraphs": list(m.locator.paragraphs), "aliases": list(m.aliases)}
            for m in st.not_covered
        ],
        "sources": [
            {"id": s.id, "publisher": s.publisher, "title": s.title, "address": s.address, "date": s.date, "language": s.language,
             "kind": s.kind, "newsroom": s.newsroom, "attributes_to": s.attributes_to, "paragraphs": s.paragraphs,
             "headings": [{"paragraph": h.paragraph, "text": h.text} for h in s.headings], "about": s.about}
            for s in st.register
        ],
    }


def cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: lists on one line, no formula, no line break."""
    text = LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else str(value)
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")  # one line per row
    # A leading apostrophe makes Excel, LibreOffice and Google Sheets show the rest as text.
    return "'" + text if text.startswith(FORMULA_START) else text


def commitments_csv(st: Statement, site_url: str | None) -> str:
    """One row per point: RFC 4180 (CRLF, quoted where needed), to be written as UTF-8 with a BOM."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for c in st.commitments:
        row = commitment_record(c, site_url) | {"sources": sources_cell(c)}
        writer.writerow({k: cell(v) for k, v in row.items()})
    return buf.getvalue()


def files(
    st: Statement, site_url: str | None, *, changed: str | None = None, site_name: str | None = None, feeds: dict[str, str] | None = None,
) -> dict[str, str | bytes]:
    """Non-Markdown files the build publishes under /data/; ``changed`` is the day the content last changed,
    ``site_name`` the name citation files give the edition when statement.yaml gives it none, ``feeds`` each
    edition's Atom feed by language (render/feed.py; only in a build with the site's address)."""
    urls: dict[str | None, str] = {None: site_url or "./", **{c.id: permalink(c.id, site_url) for c in st.commitments}}
    return {
        "data/statement.json": json.dumps(statement_record(st, site_url), ensure_ascii=False, indent=2) + "\n",
        # The byte-order mark is what makes Excel read UTF-8 ("NATO’s", not "NATOâ€™s").
        "data/commitments.csv": "\ufeff".encode() + commitments_csv(st, site_url).encode("utf-8"),
        "data/schema.json": schema_text(st),
        "data/datapackage.json": json.dumps(datapackage(st, site_url, changed, feeds), ensure_ascii=False, indent=2) + "\n",
        **cite.files(st, urls, site_name),
    }


def datapackage(st: Statement, site_url: str | None, changed: str | None, feeds: dict[str, str] | None = None) -> dict[str, Any]:
    """A Frictionless Data Package descriptor (v1 with the v2 "version") for the files under /data/, and each
    edition's Atom feed of its changes by its absolute address (the feeds live at each edition's root)."""
    props = schema(st)["$defs"]["commitment"]["properties"]
    published = f" (also published by {st.publication.publisher})" if st.publication else ""
    fields = []
    for name in CSV_FIELDS:
        spec = props[name]
        field: dict[str, Any] = {"name": name, "type": "string", "description": spec.get("description", "")}
        if spec.get("type") == "array":
            field["description"] += ' Several values are joined with "; ".'
        if name == "id":
            field["constraints"] = {"required": True, "unique": True}
        elif "enum" in spec:
            field["constraints"] = {"required": True, "enum": list(spec["enum"])}
        fields.append(field)
    out: dict[str, Any] = {
        "profile": "data-package",
        "name": st.data_package,
        "title": f"{st.short_title}, {st.place}, {long_date(st.date)}",
        "description": (
            f"The points of the {st.short_title} as data: our summaries, each with the sources it rests on, and the words "
            f"the statement is quoted as using in a news summary of it{published}. The sources show only parts of the "
            "released text, so the statement may say more. " + LICENSE_NOTE
        ),
        "licenses": [LICENSE],
        "sources": [{"title": s.title or s.publisher, "path": s.address} for s in st.register]
        or [{"title": f"News summary of the {st.genre}{published}"}],
        "resources": [
            {
                "name": "commitments", "path": "commitments.csv", "profile": "tabular-data-resource",
                "title": "Points, one row each", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "description": "One row per point, RFC 4180, UTF-8 with a byte-order mark. A cell that would start "
                               "with =, +, -, @, a tab or a carriage return starts with an apostrophe instead, so no "
                               "spreadsheet runs it as a formula.",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
                "schema": {"fields": fields, "primaryKey": ["id"]},
                "licenses": [LICENSE],
            },
            {
                "name": "statement", "path": "statement.json", "profile": "data-resource", "format": "json",
                "mediatype": "application/json", "encoding": "utf-8", "title": "The structured edition",
                "description": "Metadata, parties, topics, the source register, sections and every point, as JSON that follows schema.json.",
                # schema.json is named here, not listed as a resource: Frictionless takes any file whose name ends
                # in "schema.json" for a Table Schema and fails it.
                "jsonSchema": "schema.json",
                "licenses": [LICENSE],
            },
            *({
                "name": f"read-it-all-{lang}", "path": pdf_path(lang).removeprefix("data/"), "profile": "data-resource",
                "format": "pdf", "mediatype": "application/pdf", "title": f"Read it all, {LANGUAGE_NAMES.get(lang, lang)} edition (PDF)",
                "description": "Every point in the statement's order as far as the sources show it, with its permanent URL, the "
                               "coverage notice and the edition's version; A4, tagged (PDF/UA-1), fonts embedded."
                               + (" The translation is this site's own reference translation, not an official one; the quoted "
                                  "words stay in English." if lang != "en" else ""),
                "licenses": [LICENSE],
            } for lang in pdf_languages(st)),
        ],
    }
    out["resources"] += [
        {"name": f"changes-{lang}", "path": address, "profile": "data-resource", "format": "atom", "mediatype": "application/atom+xml",
         "encoding": "utf-8", "title": f"The {lang} edition's changes (Atom)",
         "description": f"An Atom feed (RFC 4287) in the edition's language ({lang}): one entry per version, with what changed "
                        "and a link to each point it added or changed.",
         "licenses": [LICENSE]}
        for lang, address in (feeds or {}).items()
    ]
    if version := changelog.version(st):
        out["version"] = version
    if changed:
        out["lastModified"] = changed  # from the repository (the content date), never the clock
    if site_url:
        out["homepage"] = site_url
    return out


def page(st: Statement, site_url: str | None = None, changed: str | None = None, *, ui: UI = EN, root: str = "", feed: str | None = None) -> dict[str, str]:
    """The Data page: the files, their licence, the edition's version and changelog, and every field;
    ``feed`` is the address of this edition's Atom feed of its changes (render/feed.py), when there is one.

    Japanese and Korean (``ui``): the prose translated; the files are published once, in the English tree,
    and linked with raw HTML through ``root`` (from the edition's root to the English root, "../"); the
    field descriptions are the schema's, in English."""
    props = schema(st)["$defs"]["commitment"]["properties"]
    out = [front_matter(description=ui.text_("Download the points of the {short_title} as JSON and CSV, with a JSON Schema and a Data Package descriptor.",
                                         short_title=st.short_title))]
    out.append("# " + ui._('Data') + "\n")
    out.append(ui._("This edition is published as data files, rebuilt with the site from the same YAML. Like the site, "
                    "they hold every point the edition's sources establish, each with those sources; the sources show only "
                    "parts of the released text (see [Source and method]({link})).", link="source.md") + "\n")
    if ui.lang != "en":
        out.append(ui._("The data files are in English: they are the English edition's, published once for all three editions.") + "\n")

    def link(name: str) -> str:
        # With a site address the reader sees (and copies) the absolute URL of each file.
        if ui.lang != "en":
            address = site(f"data/{name}", english_site_url(site_url, ui.lang)) if site_url else name
            return f'<a href="../{root}data/{name}" hreflang="en">{inline(address)}</a>'
        return f"[{inline(site(f'data/{name}', site_url)) if site_url else name}](data/{name})"

    out.append("- " + ui._("{file} — this edition as structured data: metadata (with a coverage "
                           "notice and the source publication), parties, topics, the source register, sections, each point with "
                           "its permanent URL, and the matters the summary leaves out.", file=link("statement.json")))
    out.append("- " + ui._("{file} — one row per point (RFC 4180, UTF-8 with a byte-order mark so "
                           "that Excel reads it correctly, CRLF line ends). List fields are on one line, joined with “; ”. "
                           "A cell that would start with =, +, -, @ or a tab starts with an apostrophe, so no spreadsheet runs it as a formula.",
                           file=link("commitments.csv")))
    out.append("- " + ui._("{file} — the JSON Schema (2020-12) that statement.json follows.", file=link("schema.json")))
    out.append("- " + ui._("{file} — a [Frictionless Data Package]({link}) descriptor: "
                           "the files, the CSV's columns, the licence and the version.", file=link("datapackage.json"),
                           link="https://datapackage.org/"))
    pdfs = comma(ui).join(pdf_link(lang, site_url, ui, root) for lang in pdf_languages(st))
    out.append("- " + ui._("{files} — Read it all as a PDF, one per edition: every point with its permanent URL, the coverage "
                           "notice and the edition's version, on A4, with its fonts embedded.", files=pdfs) + ("" if feed else "\n"))
    if feed:
        # The edition's own feed, beside this page's edition (feed.xml at its root), in its language.
        out.append("- " + ui._("{file} — this edition's changes as an Atom feed: one entry per version, with what "
                               "changed and a link to each point it added or changed.", file=f"[{inline(feed)}](feed.xml)") + "\n")
    out.append(ui._("There are {n} points. The file name and the JSON key {key} keep their "
                    "published names, but only a point whose {kind} is commitment or reaffirmation is a commitment. "
                    "Permanent URLs are absolute when the site's address is configured, otherwise relative to the site root.",
                    n=len(st.commitments), key="`commitments`", kind="`kind`") + "\n")
    out.append("## " + ui._('Licence') + " { #licence }\n")
    out.append(inline(ui.text_(LICENSE_NOTE)) + ("" if ui.lang == "ja" else " ") + ui._("Licence: [{title}]({link}).", title=inline(LICENSE["title"]), link=LICENSE["path"]) + "\n")
    facts = []
    if version := changelog.version(st):
        facts.append(ui._("Version {version}", version=inline(version)))
    if changed:
        facts.append(ui._("content last changed {date}", date=inline(ui.date(changed))))
    if facts or st.changes:
        out.append("## " + ui._('Edition') + " { #edition }\n")
    if facts:
        out.append(("; " if ui.lang == "en" else "、").join(facts) + ("." if ui.lang != "ja" else "。") + "\n")
    if st.changes:
        out.append(ui._("What changed in our summaries, points and IDs, newest first:") + "\n")
        out.extend(f"- **{inline(ch.version)}** ({inline(ui.date(ch.date))}): {inline(ch.summary)}" for ch in st.changes)
        out.append("")
    out.append("## " + ui._('Fields of each point') + " { #fields }\n")
    if ui.lang != "en":
        out.append(ui._("The field names, types and meanings are those of the JSON Schema, in English.") + "\n")
    out.append("| " + " | ".join(ui._(h) for h in (N_("Field"), N_("Type"), N_("Meaning"))) + " |")
    out.append("| --- | --- | --- |")
    for name in CSV_FIELDS:
        spec = props[name]
        kind = spec.get("type", "")
        if kind == "array":
            kind = f"list of {spec['items'].get('type', '')}"
        if "enum" in spec:
            kind += ": " + ", ".join(spec["enum"])
        elif spec.get("items", {}).get("enum"):
            kind += ": " + ", ".join(spec["items"]["enum"])
        if ui.lang == "en":
            out.append(f"| `{name}` | {inline(kind)} | {inline(spec.get('description', ''))} |")
        else:
            out.append(f'| `{name}` | <span lang="en">{inline(kind)}</span> | <span lang="en">{inline(spec.get("description", ""))}</span> |')
    out.append("")
    out += cite.listing(st, PAGE, ui, root)
    return {PAGE: "\n".join(out) + "\n"}


def pdf_path(lang: str) -> str:
    """Where an edition's PDF of Read it all is published (scripts/render/pdf.py): with the data files, once for
    all editions, /data/statement.ja.pdf."""
    return f"data/statement.{lang}.pdf"


def pdf_languages(st: Statement) -> tuple[str, ...]:
    """The editions that have a PDF: English, and each translation the statement has."""
    have = {e.lang for e in st.editions}
    return ("en", *(lang for lang in TRANSLATED if lang in have))


def comma(ui: UI) -> str:
    return ui.comma


def pdf_link(lang: str, site_url: str | None, ui: UI = EN, root: str = "") -> str:
    """A link to the PDF of edition ``lang`` (published once, under the English /data/) from a page one folder deep
    (/data/, /read/, /ja/data/ …) of ``ui``'s edition; ``root`` leads from that edition's root to the English one.

    Raw HTML: the file's language is said (``hreflang``), and a Japanese or Korean page reaches the English tree."""
    name = pdf_path(lang)
    english = english_site_url(site_url, ui.lang)
    shown = site(name, english) if english else name.removeprefix("data/")
    return f'<a href="../{root}{name}" hreflang="{lang}" type="application/pdf">{inline(shown)}</a>'


def english_site_url(site_url: str | None, lang: str) -> str | None:
    """The English edition's address from a Japanese or Korean edition's (https://x/ja/ → https://x/)."""
    if site_url is None or lang == "en":
        return site_url
    return site_url.removesuffix("/").removesuffix(f"/{lang}") + "/"
