"""Stage 1: read statement/ into located documents and check each against its JSON Schema."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from . import files
from .model import TRANSLATED
from .problems import Problem
from .yamldoc import Document, load

SCHEMAS = Path(__file__).parent.parent / "schemas"
SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
FILES = ("statement.yaml", "topics.yaml", "source.yaml", "glossary.yaml", "changes.yaml", "not-covered.yaml", "register.yaml", "order.yaml",
         "published-ids.txt")
HTTPS = "^https://[^\\s]+$"
NOT_COVERED = "not-covered.yaml"


@dataclass(frozen=True)
class Sources:
    """Every file of a statement directory, parsed; ``None`` where a file was unusable."""

    root: Path
    statement: Document | None
    topics: Document | None
    source: Document | None
    sections: dict[str, Document | None]
    glossary: Document | None = None  # statement/glossary.yaml is optional
    changes: Document | None = None  # statement/changes.yaml (the edition's changelog) is optional
    not_covered: Document | None = None  # statement/not-covered.yaml is optional
    register: Document | None = None  # statement/register.yaml (every source but the news summary's paragraphs) is optional
    order: Document | None = None  # statement/order.yaml (the statement's order, for Read it all) is optional


@cache
def schema(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def display(path: Path) -> str:
    # Paths relative to where the command runs, so editors can click them.
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def read_sources(root: Path) -> tuple[Sources, list[Problem]]:
    problems: list[Problem] = []

    project = root.resolve().parent

    def one(path: Path, kind: str) -> Document | None:
        doc, found = load(path, display(path), project)
        found = found or schema_problems(doc, kind)
        problems.extend(found)
        return None if found else doc

    section_files, problems = files.section_files(root / "sections", display(root / "sections"))
    # Over the limit, no section is read: each is then an unusable file, so the sections listed in statement.yaml
    # and the published IDs are not also reported as missing (they are there, unread).
    unread = bool(problems)
    glossary, changes, not_covered = root / "glossary.yaml", root / "changes.yaml", root / NOT_COVERED
    register, order = root / "register.yaml", root / "order.yaml"
    translated = [root / "translations" / f"{lang}.yaml" for lang in TRANSLATED]  # the reference translations count too
    problems += files.total_size(root, display(root), [root / n for n in FILES] + section_files + translated)
    sources = Sources(
        root=root,
        statement=one(root / "statement.yaml", "statement"),
        topics=one(root / "topics.yaml", "topics"),
        source=one(root / "source.yaml", "source"),
        sections={p.stem: None if unread else one(p, "section") for p in section_files},
        glossary=one(glossary, "glossary") if os.path.lexists(glossary) else None,  # optional, but if there it must be usable
        changes=one(changes, "changes") if os.path.lexists(changes) else None,  # optional, likewise
        not_covered=one(not_covered, "not-covered") if os.path.lexists(not_covered) else None,  # optional, likewise
        register=one(register, "register") if os.path.lexists(register) else None,  # optional, likewise
        order=one(order, "order") if os.path.lexists(order) else None,  # optional, likewise
    )
    return sources, problems


# JSON Schema counts 1.0 as an integer; a paragraph "1.0" would make a broken link, so whole numbers must be ints.
_WHOLE = "x-whole-number"


class _WholeNumber:
    def __init__(self, parent_schema: dict[str, Any], value: object, schema_path: object) -> None:
        pass

    def validate(self, instance: object) -> None:
        if isinstance(instance, float) and instance.is_integer():  # 1.5 already fails "type"
            raise ValueError(f"{instance!r} is not an integer")


def _with_whole_numbers(node: Any) -> Any:
    # Every "type": "integer" also gets the check above (under its own keyword, so the schemas stay standard).
    if isinstance(node, dict):
        out = {k: _with_whole_numbers(v) for k, v in node.items()}
        return {**out, _WHOLE: True} if out.get("type") == "integer" else out
    if isinstance(node, list):
        return [_with_whole_numbers(v) for v in node]
    return node


@cache
def _validator(kind: str) -> jsonschema_rs.Draft202012Validator:
    # jsonschema-rs (Rust) imports in milliseconds where the Python jsonschema takes a tenth of a second,
    # which every build and every `mkdocs serve` rebuild would pay; validate_formats makes "format": "date"
    # a real check ("2025-13-45" is no date).
    return jsonschema_rs.Draft202012Validator(
        _with_whole_numbers(schema(kind)), validate_formats=True, keywords={_WHOLE: _WholeNumber},
    )


def schema_problems(doc: Document, kind: str) -> list[Problem]:
    out: list[Problem] = []
    for err in _validator(kind).iter_errors(_as_json(doc.data)):
        out.extend(_explain(doc, schema(kind), err))
    return out


# YAML can also give dates and bytes, which are not JSON; as null they fail any "type" check, and the
# message shows the original value (looked up by its path), e.g. "got a date (2024-01-09)".
def _as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value if value is None or isinstance(value, (str, int, float)) else None


def _at(data: Any, key: tuple[str | int, ...]) -> Any:
    for step in key:
        data = data[step]
    return data


def _explain(doc: Document, root: dict[str, Any], err: jsonschema_rs.ValidationError) -> list[Problem]:
    key = tuple(err.instance_path)
    *where, kind = err.schema_path
    sub = _at(root, tuple(where))  # the (sub)schema that holds the failing keyword
    value = _at(doc.data, key)
    if kind == _WHOLE:
        kind, expected = "type", "integer"
    else:
        expected = sub[kind]
    if kind == "required":
        return [doc.problem((*key, name), "missing required field") for name in expected if name not in value]
    if kind == "additionalProperties":
        known = sorted(sub.get("properties", {}))
        return [
            doc.problem((*key, name), f"unknown field '{name}' (expected one of: {', '.join(known)})")
            for name in sorted(set(value) - set(known))
        ]
    if kind == "type":
        hint = doc.scalar_hint(key) if expected == "string" else ""  # quoting only helps where text is expected
        msg = f"expected {_TYPE_NAMES.get(expected, expected)}, got {_describe(value)}{hint}"
    elif kind == "enum":
        msg = f"{_shown(value, repr)} is not allowed (expected one of: {', '.join(_shown(v, str) for v in expected)})"
    elif kind == "pattern":
        if expected == SLUG:
            msg = f"{value!r} is not a lowercase slug (expected letters a-z, digits and single hyphens)"
        elif expected == HTTPS:
            msg = f"{value!r} is not a full address (expected https://… with no spaces)"
        elif sub.get("format") == "date":
            msg = f"{value!r} is not in the expected form (expected a date in quotes, \"YYYY-MM-DD\")"
        else:  # the field's description says what form it takes
            msg = f"{value!r} is not in the expected form: {sub.get('description', expected)}"
    elif kind == "format":
        if not re.search(sub.get("pattern", ""), value):
            return []  # the pattern error already says what form is expected
        msg = f"{value!r} is not a real {expected} (expected a {expected} in quotes, \"YYYY-MM-DD\")"
    elif kind == "minLength":
        msg = "must not be empty"
    elif kind == "maxLength":
        msg = f"is {len(value):,} characters long; the limit is {expected:,}"
    elif kind in ("maxItems", "maxProperties"):
        msg = f"has {len(value):,} entries; the limit is {expected:,}"
    elif kind == "minItems":
        msg = f"needs at least {expected} entr{'y' if expected == 1 else 'ies'}"
    elif kind == "uniqueItems":
        msg = "lists the same entry twice"
    elif kind == "minimum":
        msg = f"must be at least {expected}, got {value!r}"
    else:  # pragma: no cover - every keyword the schemas use is explained above
        msg = err.message
    return [doc.problem(key, msg)]


def _shown(value: Any, show: Any) -> str:
    # A boolean as YAML spells it (the translations' `official: false`), anything else as before.
    return str(value).lower() if isinstance(value, bool) else show(value)


_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping", "integer": "a whole number"}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} ({value})"
