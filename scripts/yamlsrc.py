"""Strict YAML reading that remembers where every value came from.

PyYAML silently keeps the last of two duplicate keys, reads unquoted ``NO`` as
false and ``2025-04-03`` as a date, and expands aliases; here each of those is
a located problem instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, field_path

Key = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_KIND = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclass(frozen=True)
class Scalar:
    tag: str
    raw: str
    quoted: bool


@dataclass
class Document:
    """A parsed YAML file: its data, and the line/column of every field path."""

    path: str
    data: Any = None
    positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Key, Scalar] = field(default_factory=dict)

    def where(self, key: Key) -> tuple[int, int]:
        # The nearest located ancestor: a missing field is reported at its parent.
        for end in range(len(key), -1, -1):
            if key[:end] in self.positions:
                return self.positions[key[:end]]
        return (1, 1)

    def problem(self, key: Key, message: str) -> Problem:
        line, column = self.where(key)
        return Problem(self.path, line, column, field_path(key), message)

    def scalar_hint(self, key: Key) -> str:
        # Explains YAML 1.1 surprises: NO → false, 2025-04-03 → date, 1.10 → 1.1.
        s = self.scalars.get(key)
        if s is None or s.quoted or s.tag == _STR:
            return ""
        return f"; unquoted {s.raw!r} is read as {_KIND.get(s.tag, 'non-text')}, put it in quotes"


def load(path: Path, display: str) -> tuple[Document, list[Problem]]:
    doc = Document(display)
    try:
        raw = path.read_bytes()
    except OSError as e:
        return doc, [Problem(display, 1, 1, "", f"cannot read file ({e.strerror})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        return doc, [Problem(display, line, column, "", f"byte 0x{raw[e.start]:02x} is not valid UTF-8 (save the file as UTF-8)")]
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return doc, [Problem(display, 1, 1, "", "file is empty (expected a YAML mapping)")]

    problems: list[Problem] = []
    for n, line in enumerate(text.splitlines(), 1):
        if "\t" in line:
            problems.append(Problem(display, n, line.index("\t") + 1, "", "tab character (YAML needs spaces)"))
    if problems:
        return doc, problems

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                m = event.start_mark
                problems.append(Problem(display, m.line + 1, m.column + 1, "", "YAML anchors and aliases are not allowed (write the value out)"))
        if problems:
            return doc, problems
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark or e.context_mark
        line, column = (m.line + 1, m.column + 1) if m else (1, 1)
        what = e.problem or "invalid YAML"
        if e.context:
            what = f"{e.context}, {what}"
        return doc, [Problem(display, line, column, "", f"YAML syntax error: {what}")]
    except yaml.YAMLError as e:
        return doc, [Problem(display, 1, 1, "", f"YAML syntax error: {e}")]
    if node is None:
        return doc, [Problem(display, 1, 1, "", "file is empty (expected a YAML mapping)")]

    constructor = yaml.SafeLoader("")
    doc.data = _convert(node, (), doc, constructor, problems)
    return doc, problems


def _convert(node: yaml.Node, key: Key, doc: Document, c: yaml.SafeLoader, problems: list[Problem]) -> Any:
    doc.positions.setdefault(key, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for k_node, v_node in node.value:
            if not isinstance(k_node, yaml.ScalarNode):
                problems.append(doc.problem(key, "mapping keys must be plain names"))
                continue
            name = k_node.value
            sub = (*key, name)
            line = k_node.start_mark.line + 1
            if name in first:
                problems.append(Problem(doc.path, line, k_node.start_mark.column + 1, field_path(sub), f"duplicate key '{name}' (first at line {first[name]})"))
                continue
            first[name] = line
            doc.positions[sub] = (line, k_node.start_mark.column + 1)
            out[name] = _convert(v_node, sub, doc, c, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*key, i), doc, c, problems) for i, item in enumerate(node.value)]
    doc.scalars[key] = Scalar(node.tag, node.value, node.style in ("'", '"', "|", ">"))
    if node.tag == _STR:
        return node.value
    try:
        return c.construct_object(node)
    except (yaml.YAMLError, ValueError):
        return node.value
