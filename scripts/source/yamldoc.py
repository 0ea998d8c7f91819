"""Strict YAML reading that remembers where every value came from.

PyYAML silently keeps the last of two duplicate keys, reads unquoted ``NO`` as
false and ``2025-04-03`` as a date, and expands aliases; here each of those is
a located problem instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import files
from .problems import Problem, field_path

Key = tuple[str | int, ...]
# Far deeper than any statement file; stops a pathological file before it exhausts the recursion limit.
MAX_DEPTH = 20

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
# What to write instead of a tag. Written tags are refused: SafeLoader turns !evil into text, !!set and !!omap into
# other shapes, and stops with a traceback at !!int abc; the resolver's own tags (text, numbers, lists…) are fine.
_TAG_FIX = {
    "tag:yaml.org,2002:set": "write a list instead",
    "tag:yaml.org,2002:omap": "write a mapping or a list instead",
    "tag:yaml.org,2002:pairs": "write a mapping or a list instead",
    "tag:yaml.org,2002:binary": "write the text itself",
}
# A whole number as JSON writes it; YAML 1.1 also reads 010 (octal 8), 0b10, 0x1F, 1_000 and 1:20 (80) as integers.
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
# Where libyaml starts a new line (its marks count these), so our own positions agree with the parser's.
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
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


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _Loader(yaml.composer.Composer, yaml.cyaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """One parse that refuses what PyYAML would silently expand: anchors, aliases and runaway nesting.

    libyaml (CParser) scans and parses, about six times faster than PyYAML's pure-Python parser;
    composing stays in Python so that compose_node below sees every node.
    """

    def __init__(self, text: str) -> None:
        yaml.cyaml.CParser.__init__(self, text)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.refs: list[yaml.Mark] = []
        self.depth = 0

    # An alias becomes an empty placeholder and an anchor is dropped, so nothing is ever expanded.
    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            self.refs.append(event.start_mark)
            return yaml.ScalarNode(_STR, "", event.start_mark, event.end_mark)
        if event.anchor is not None:
            self.refs.append(event.start_mark)
            event.anchor = None
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        # A tag written in the file (not one the resolver inferred), other than !!str on text: see _convert.
        node.written_tag = event.tag not in (None, "!") and not (isinstance(node, yaml.ScalarNode) and node.tag == _STR)
        return node


def load(path: Path, display: str, project: Path) -> tuple[Document, list[Problem]]:
    # Reading (file type, symlinks inside `project` only, size, UTF-8, BOM) is files.py's job.
    text, problems = files.read_text(path, display, project)
    if text is None:
        return Document(display), problems
    return parse(text, display)


def parse(text: str, display: str) -> tuple[Document, list[Problem]]:
    doc = Document(display)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return doc, [Problem(display, 1, 1, "", "file is empty (expected a YAML mapping)")]

    problems: list[Problem] = []
    for n, line in enumerate(files.LINE_BREAK.split(text), 1):  # not splitlines(): it also breaks at \x0c, \x1c and others
        if "\t" in line:
            problems.append(Problem(display, n, line.index("\t") + 1, "", "tab character (YAML needs spaces)"))
        # Checked here, not left to the parser: libyaml reports these at a byte offset, not a line.
        if bad := _NON_PRINTABLE.search(line):
            problems.append(Problem(display, n, bad.start() + 1, "", f"character U+{ord(bad.group()):04X} is not allowed in YAML (remove it; text must be printable)"))
    if problems:
        return doc, problems

    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if loader.refs:
            # One line per file: a "billion laughs" file would otherwise bury every other problem.
            first, more = loader.refs[0], len(loader.refs) - 1
            extra = f"; {more} more in this file" if more else ""
            return doc, [Problem(display, first.line + 1, first.column + 1, "", f"YAML anchors and aliases are not allowed (write the value out{extra})")]
    except _TooDeep as e:
        return doc, [Problem(display, e.mark.line + 1, e.mark.column + 1, "", f"nested more than {MAX_DEPTH} levels deep (expected the shape in the schema)")]
    except yaml.reader.ReaderError as e:  # not reached: non-printable characters are refused above
        return doc, [Problem(display, 1, 1, "", f"character U+{e.character:04X} is not allowed in YAML (remove it; text must be printable)")]
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark or e.context_mark
        line, column = (m.line + 1, m.column + 1) if m else (1, 1)
        what = e.problem or "invalid YAML"
        if e.context:
            cm = e.context_mark
            started = f" (started at line {cm.line + 1}, column {cm.column + 1})" if cm and m and (cm.line, cm.column) != (m.line, m.column) else ""
            what = f"{e.context}{started}, {what}"
        return doc, [Problem(display, line, column, "", f"YAML syntax error: {what}")]
    except yaml.YAMLError as e:
        return doc, [Problem(display, 1, 1, "", f"YAML syntax error: {e}")]
    if node is None:
        return doc, [Problem(display, 1, 1, "", "file is empty (expected a YAML mapping)")]

    doc.data = _convert(node, (), doc, loader, problems)  # the loader is also the (safe) constructor
    return doc, problems


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _convert(node: yaml.Node, key: Key, doc: Document, c: yaml.constructor.SafeConstructor, problems: list[Problem]) -> Any:
    doc.positions.setdefault(key, (node.start_mark.line + 1, node.start_mark.column + 1))
    if getattr(node, "written_tag", False):  # set in compose_node (not on alias placeholders, which stop the load)
        fix = _TAG_FIX.get(node.tag, "remove it; statement files hold only text, numbers, lists and mappings")
        problems.append(doc.problem(key, f"the YAML tag '{_tag(node.tag)}' is not allowed ({fix})"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for k_node, v_node in node.value:
            if not isinstance(k_node, yaml.ScalarNode) or getattr(k_node, "written_tag", False):
                # Located at the key itself (its parent may start many lines earlier).
                what = "a list" if isinstance(k_node, yaml.SequenceNode) else "a mapping" if isinstance(k_node, yaml.MappingNode) else f"tagged {_tag(k_node.tag)}"
                problems.append(Problem(doc.path, k_node.start_mark.line + 1, k_node.start_mark.column + 1, field_path(key), f"mapping keys must be plain names, not {what}"))
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
    if node.tag == _INT and not _DECIMAL.fullmatch(node.value):
        problems.append(doc.problem(key, _odd_integer(node.value, c.construct_object(node))))
        return None
    try:
        return c.construct_object(node)
    except (yaml.YAMLError, ValueError):
        return node.value


def _odd_integer(raw: str, value: int) -> str:
    # 010 is 8 and 0b10 is 2 in YAML 1.1; JSON and every reader of the data would disagree.
    body = raw.lstrip("+-").lower()
    why = ("a colon means base 60" if ":" in body else "0b means binary" if body.startswith("0b") else "0x means hexadecimal"
           if body.startswith("0x") else "a leading 0 means octal" if body.startswith("0") else "_ is ignored")
    digits = body.replace("_", "")
    meant = (digits.lstrip("0") or "0") if digits.isdigit() else str(value)
    return f"unquoted {raw!r} is read as the number {value} in YAML 1.1 ({why}): write {meant} in plain digits, or put text in quotes"


def strings(value: Any, key: Key = ()) -> Iterator[tuple[Key, str]]:
    """Every text in a parsed document, with its field path."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, (*key, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, (*key, i))
