"""Stage: the statement in Japanese or Korean, for that edition's pages.

``localize(st, lang)`` is the same Statement, IDs and structure unchanged, with every translatable text
replaced by its entry in statement/translations/<lang>.yaml (the keys of ``translations.english_texts``).
The statement's own quoted words stay verbatim in English; our reference translation of each rides
along (``Quote.translation``, ``Commitment.quote_translations``) to be shown beneath them. Search words
are the language's aliases, then the English name and aliases, so an English query finds the point too; only
the language's own names among them (``names:``) are shown as the topic's or party's other names.

A text with no entry stays English: ``translations.check`` has already reported it (an error, or in
``mkdocs serve`` a warning).
"""

from __future__ import annotations

from dataclasses import replace

from ..source.model import KIND_LABELS, Statement


def _unique(words: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for w in words:
        if w.casefold() not in seen:
            seen.add(w.casefold())
            out.append(w)
    return tuple(out)


def localize(st: Statement, lang: str) -> Statement:
    """The statement with its texts in ``lang`` (``st`` itself for English)."""
    if lang == "en":
        return st
    edition = next((e for e in st.editions if e.lang == lang), None)
    texts = {t.key: t.text for t in edition.texts} if edition else {}
    aliases = dict(edition.aliases) if edition else {}
    # Only names in the language are shown as names: its wider terms and the English words stay search words.
    names = dict(edition.names) if edition else {}

    def t(key: str, english: str) -> str:
        return texts.get(key) or english

    def t_opt(key: str, english: str | None) -> str | None:
        return None if english is None else t(key, english)

    def words(key: str, own: str, name: str, english: tuple[str, ...]) -> tuple[str, ...]:
        # Not the edition's own name again ("also known as: 北朝鮮" on the page 北朝鮮).
        return tuple(w for w in _unique([*aliases.get(key, ()), name, *english]) if w.casefold() != own.casefold())

    quote_ids = {q.text: q.id for p in st.paragraphs for q in p.quotes}

    def quote_translation(text: str) -> str | None:
        qid = quote_ids.get(text)
        return texts.get(f"quotes.{qid}") if qid else None

    sections = tuple(
        replace(
            s, title=t(f"sections.{s.id}.title", s.title), summary=t(f"sections.{s.id}.summary", s.summary),
            commitments=tuple(
                replace(
                    c, title=t(f"points.{c.id}.title", c.title), summary=t(f"points.{c.id}.summary", c.summary),
                    role=t_opt(f"points.{c.id}.role", c.role), quote_translations=tuple(quote_translation(q) for q in c.quotes),
                )
                for c in s.commitments
            ),
        )
        for s in st.sections
    )
    return replace(
        st,
        lang=lang,  # type: ignore[arg-type]
        title=t("statement.title", st.title), short_title=t("statement.short_title", st.short_title),
        place=t("statement.place", st.place), occasion=t("statement.occasion", st.occasion),
        overview=t("statement.overview", st.overview), provenance=t("statement.provenance", st.provenance),
        coverage=t_opt("statement.coverage", st.coverage),
        publication=replace(st.publication, headline=t("statement.source_publication.headline", st.publication.headline)) if st.publication else None,
        participants=tuple(
            replace(p, name=t(f"participants.{i}.name", p.name), office=t(f"participants.{i}.office", p.office))
            for i, p in enumerate(st.participants)
        ),
        parties=tuple(
            replace(p, name=t(f"parties.{p.code}.name", p.name), aliases=words(f"parties.{p.code}", t(f"parties.{p.code}.name", p.name), p.name, p.aliases),
                    names=names.get(f"parties.{p.code}", ()))
            for p in st.parties
        ),
        sections=sections,
        topics=tuple(
            replace(
                x, label=t(f"topics.{x.id}.label", x.label), description=t(f"topics.{x.id}.description", x.description),
                aliases=words(f"topics.{x.id}", t(f"topics.{x.id}.label", x.label), x.label, x.aliases),
                names=names.get(f"topics.{x.id}", ()),
            )
            for x in st.topics
        ),
        paragraphs=tuple(
            replace(
                p, covers=t(f"paragraphs.{p.number}.covers", p.covers),
                quotes=tuple(replace(q, translation=texts.get(f"quotes.{q.id}")) for q in p.quotes),
            )
            for p in st.paragraphs
        ),
        not_covered=tuple(
            replace(
                m, title=t(f"not-covered.{m.id}.title", m.title), note=t(f"not-covered.{m.id}.note", m.note),
                aliases=_unique([*aliases.get(f"not-covered.{m.id}", ()), *m.aliases]),
            )
            for m in st.not_covered
        ),
        register=tuple(replace(r, about=t(f"register.{r.id}.about", r.about)) for r in st.register),
        passages=tuple(replace(p, covers=t(f"passages.{p.id}.covers", p.covers)) for p in st.passages),
        glossary=tuple(replace(a, expansion=t(f"glossary.{a.abbr}.expansion", a.expansion)) for a in st.glossary),
        changes=tuple(replace(c, summary=t(f"changes.{c.version}.summary", c.summary)) for c in st.changes),
        kind_labels=tuple((k, t(f"kinds.{k}", label)) for k, label in KIND_LABELS.items()),
    )
