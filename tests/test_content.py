"""The real statement: it validates, and its quotes, paragraphs and IDs hold together."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import STATEMENT
from scripts.source.statement import load_statement


def raw(name: str) -> dict:
    return yaml.safe_load((STATEMENT / name).read_text(encoding="utf-8"))


def sections() -> list[dict]:
    order = raw("statement.yaml")["sections"]
    return [raw(f"sections/{sid}.yaml") for sid in order]


def commitments() -> list[dict]:
    return [c for s in sections() for c in s["commitments"]]


def register() -> dict[str, int]:
    return {q["text"]: p["number"] for p in raw("source.yaml")["paragraphs"] for q in p["quotes"]}


def test_real_statement_validates() -> None:
    st = load_statement(STATEMENT)
    assert [s.id for s in st.sections] == ["meeting", "security", "north-korea", "economic-security", "follow-ups"]
    assert {p.code for p in st.parties} == {"US", "JP", "KR"}
    assert [p.name for p in st.participants] == ["Marco Rubio", "Iwaya Takeshi", "Cho Tae-yul"]
    assert st.date == "2025-04-03" and "Brussels" in st.place


def test_every_section_file_is_in_the_order() -> None:
    files = sorted(p.stem for p in (STATEMENT / "sections").glob("*.yaml"))
    assert files == sorted(raw("statement.yaml")["sections"])


def test_ids_are_unique_lowercase_slugs() -> None:
    ids = [c["id"] for c in commitments()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_every_quote_is_in_the_register_word_for_word() -> None:
    reg = register()
    for c in commitments():
        for q in c["quotes"]:
            assert q in reg, f"{c['id']}: {q!r} is not in source.yaml"
            assert reg[q] in c["paragraphs"], f"{c['id']}: quote from paragraph {reg[q]} not in its paragraphs"


def test_every_register_quote_is_used() -> None:
    used = {q for c in commitments() for q in c["quotes"]}
    assert set(register()) == used


def test_every_paragraph_is_covered_and_every_commitment_names_a_source() -> None:
    numbers = {p["number"] for p in raw("source.yaml")["paragraphs"]}
    assert numbers == set(range(1, len(numbers) + 1))
    covered = set()
    for c in commitments():
        # The news summary's paragraphs, or (for a point only other sources establish) at least one of those.
        assert c["paragraphs"] or c.get("sources"), f"{c['id']} names no source"
        assert set(c["paragraphs"]) <= numbers
        covered.update(c["paragraphs"])
    assert covered == numbers


def test_parties_follow_the_statement() -> None:
    by_id = {c["id"]: c for c in commitments()}
    assert by_id["us-defense-commitments"]["parties"] == ["US"]
    assert by_id["nuclear-risk-china-russia"]["parties"] == ["JP", "KR"]


def test_quotes_keep_the_statement_typography() -> None:
    # The statement uses a typographic apostrophe; a straight one would be a silent misquote.
    assert "emphasized the importance of NATO’s cooperation with Indo-Pacific Partners" in register()
    assert all("'" not in q for q in register())


@pytest.mark.parametrize("field", ["summary", "title"])
def test_summaries_do_not_reuse_quoted_words_unmarked(field: str) -> None:
    # Quoted words belong in quotes; a summary that repeats a whole quote would blur the line.
    for c in commitments():
        for q in register():
            assert q not in c[field], f"{c['id']}.{field} repeats the quote {q!r} unmarked"


def test_related_ids_exist_and_are_not_self() -> None:
    ids = {c["id"] for c in commitments()}
    for c in commitments():
        assert c["id"] not in c["related"]
        assert set(c["related"]) <= ids


def test_topics_are_from_the_vocabulary_and_all_used() -> None:
    vocab = {t["id"] for t in raw("topics.yaml")["topics"]}
    used = {t for c in commitments() for t in c["topics"]}
    assert used == vocab
