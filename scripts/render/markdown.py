"""Text from the YAML is text: escape it so Markdown, HTML and extensions never see markup."""

from __future__ import annotations

import json
import re
from functools import lru_cache

# Characters that start inline markup in Python-Markdown or the enabled extensions
# (attr_list braces, abbr/footnote brackets, tables' pipes, snippets' "8<").
_INLINE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#|!~^=$:"}
_INLINE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Characters that only matter at the start of a line (lists, quotes, headings, definitions, pymdownx blocks "///").
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+*?%/;])")
# Every character Python-Markdown or YAML treats as a line break: text must stay on its own line.
_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# What a YAML reader refuses or folds inside a double-quoted scalar, though JSON leaves it as is.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


_INLINE_TABLE = str.maketrans(_INLINE)


@lru_cache(maxsize=65536)  # the same titles, names and labels are escaped once per link to them
def inline(text: str) -> str:
    """Escape text for use inside a Markdown line (headings, links, table cells)."""
    # str.translate maps each character once (no double escaping) and is the fastest way to do it.
    return _BREAKS.sub(" ", text).translate(_INLINE_TABLE)


# Python-Markdown runs its inline patterns over raw inline HTML too, attributes included: "[x](y)" in an
# href became a second link and "*a*" emphasis. Percent-encoding these characters keeps the address the
# same (RFC 3986: an encoded character means the same in a path) and leaves Markdown nothing to match.
_HREF_TABLE = str.maketrans({c: f"%{ord(c):02X}" for c in "[]()*_`\\!<>\"'{}|^ "} | {"&": "&amp;"})


def href(url: str) -> str:
    """A URL for an href attribute of raw HTML inside Markdown (escaped for the attribute, inert to Markdown)."""
    return url.translate(_HREF_TABLE)


def block(text: str) -> str:
    """Escape text that starts a Markdown line (a paragraph of its own)."""
    out = inline(text).lstrip(" \t")  # four leading spaces would make a code block
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};" if m.group(1) else f"&#{ord(m.group(3))};", out)


def front_matter(**fields: object) -> str:
    # JSON scalars are valid YAML and cannot be mistaken for YAML syntax; the few characters YAML reads
    # differently from JSON are written as \\u escapes. Values stay raw text: templates must escape them.
    lines = ["---"]
    for name, value in fields.items():
        lines.append(f"{name}: {yaml_json(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def yaml_json(value: object) -> str:
    """A value as front matter writes it: JSON, with the characters YAML reads differently as \\u escapes."""
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(value, ensure_ascii=False))


def rel(src: str, dst: str, anchor: str = "") -> str:
    """Relative link from one page to another (.md paths), as MkDocs validates them."""
    path = _rel(src.rpartition("/")[0], dst)
    return f"{path}#{anchor}" if anchor else path


@lru_cache(maxsize=65536)  # pages in one folder share their links to the same targets
def _rel(folder: str, dst: str) -> str:
    # Both are clean site paths, so plain segment arithmetic does what posixpath.relpath does
    # without its getcwd() calls, which made rendering 10,000 commitments take seconds.
    here = folder.split("/") if folder else []
    there = dst.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


# Latin script only (with its punctuation): a word a Japanese or Korean page shows in English.
_LATIN = re.compile(r"[\x00-\u024f\u2010-\u206f]+")


def word(text: str, lang: str) -> str:
    """A name or search word inside a Markdown line; on a Japanese or Korean page an English one
    ("Trilateral cooperation", "DPRK") is marked ``lang="en"``, so a screen reader says it in English."""
    out = inline(text)
    if lang == "en" or not _LATIN.fullmatch(text) or not any(c.isalpha() for c in text):
        return out
    return f'<span lang="en">{out}</span>'


# The markup a message may carry (Markdown links, bold, HTML tags, {placeholders}): what its msgid has.
_MARKUP = re.compile(r"\{[^{}]*\}|\]\([^()\s]*\)|\*\*|</?[A-Za-z][^<>]*>|\[")


@lru_cache(maxsize=4096)  # every message once per edition
def message(msgid: str, msgstr: str) -> str:
    """A translation as Markdown: the markup its msgid carries, as many times; everything else is text, escaped.

    A catalog is text, as the YAML is: ``要約：<img src=x onerror=…>`` is shown, never run; ``**`` or a link the
    English has stays markup."""
    allowed: dict[str, int] = {}
    for token in _MARKUP.findall(msgid):
        allowed[token] = allowed.get(token, 0) + 1
    out: list[str] = []
    start = 0
    for m in _MARKUP.finditer(msgstr):
        out.append(inline(msgstr[start:m.start()]))
        token = m.group(0)
        if allowed.get(token, 0) > 0:
            allowed[token] -= 1
            out.append(token)
        else:
            out.append(inline(token))
        start = m.end()
    out.append(inline(msgstr[start:]))
    # A message may start a line: its text must not start a list, a quote or a code block there.
    first = out[0] if msgid[:1] in (" ", "\t") else out[0].lstrip(" \t")
    out[0] = _BLOCK_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};" if m.group(1) else f"&#{ord(m.group(3))};", first)
    return "".join(out)
