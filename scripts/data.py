"""The statement as data files (/data/statement.json, commitments.csv, schema.json) and the page that documents them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .mdtext import front_matter, inline
from .model import Commitment, Statement

SCHEMA = Path(__file__).parent / "schemas" / "data.schema.json"
PAGE = "data.md"
CSV_FIELDS = ("id", "section", "title", "kind", "parties", "topics", "paragraphs", "summary", "quotes", "related", "aliases", "permalink", "url")
# List fields in the CSV: one value per line inside the cell (RFC 4180 allows line breaks in quoted fields).
LIST_SEPARATOR = "\n"


def permalink(cid: str, site_url: str | None) -> str:
    return f"{site_url.rstrip('/')}/c/{cid}/" if site_url else f"c/{cid}/"


def commitment_record(c: Commitment, site_url: str | None) -> dict[str, Any]:
    return {
        "id": c.id, "section": c.section, "title": c.title, "kind": c.kind,
        "parties": list(c.parties), "topics": list(c.topics), "paragraphs": list(c.paragraphs),
        "summary": c.summary, "quotes": list(c.quotes), "related": list(c.related), "aliases": list(c.aliases),
        "permalink": permalink(c.id, site_url), "url": f"sections/{c.section}/#{c.id}",
    }


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
            {"id": s.id, "title": s.title, "summary": s.summary, "url": f"sections/{s.id}/", "commitments": [c.id for c in s.commitments]}
            for s in st.sections
        ],
        "commitments": [commitment_record(c, site_url) for c in st.commitments],
        "not_covered": [
            {"id": m.id, "title": m.title, "note": m.note, "publisher": m.publisher, "report": m.report, "url": m.url, "aliases": list(m.aliases)}
            for m in st.not_covered
        ],
    }


def commitments_csv(st: Statement, site_url: str | None) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for c in st.commitments:
        rec = commitment_record(c, site_url)
        writer.writerow({k: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list) else v for k, v in rec.items()})
    return buf.getvalue()


def files(st: Statement, site_url: str | None) -> dict[str, str]:
    """Non-Markdown files the build publishes under /data/."""
    return {
        "data/statement.json": json.dumps(statement_record(st, site_url), ensure_ascii=False, indent=2) + "\n",
        "data/commitments.csv": commitments_csv(st, site_url),
        "data/schema.json": SCHEMA.read_text(encoding="utf-8"),
    }


def page(st: Statement) -> dict[str, str]:
    """The Data page: what the files are, and every commitment field, documented from the schema."""
    props = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]["commitment"]["properties"]
    out = [front_matter(description=f"Download the {st.short_title} as JSON and CSV, with a JSON Schema for the data.")]
    out.append("# Data\n")
    out.append("This edition is published as data files, rebuilt with the site from the same YAML. Like the site, "
               "they hold what a news summary of the statement reports, not the official statement itself "
               "(see [Source and method](source.md)).\n")
    out.append("- [statement.json](data/statement.json) — this edition as structured data: metadata (with a coverage "
               "notice and the source publication), parties, topics, the source register, sections, each point with "
               "its permanent URL, and the matters the summary leaves out.")
    out.append("- [commitments.csv](data/commitments.csv) — one row per point (RFC 4180, UTF-8, CRLF line ends). "
               "List fields hold one value per line inside the quoted cell.")
    out.append("- [schema.json](data/schema.json) — the JSON Schema (2020-12) that statement.json follows.\n")
    out.append(f"There are {len(st.commitments)} points. The file name and the JSON key `commitments` keep their "
               "published names, but only a point whose `kind` is commitment or reaffirmation is a commitment. "
               "Permanent URLs are absolute when the site's address is configured, otherwise relative to the site root.\n")
    out.append("## Point fields { #fields }\n")
    out.append("| Field | Type | Meaning |")
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
        out.append(f"| `{name}` | {inline(kind)} | {inline(spec.get('description', ''))} |")
    return {PAGE: "\n".join(out) + "\n"}
