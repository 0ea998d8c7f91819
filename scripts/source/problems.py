"""One shape for every content error: ``path:line:column: field: message``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import groupby

# One file can hold thousands of problems of one kind (a long translation that drops every number): the
# first lines say what to fix, the rest are counted, so the report stays readable and quick to print.
MAX_LINES_PER_FILE = 100


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return one_line(f"{self.path}:{self.line}:{self.column}: {field}{self.message}")


class ContentError(Exception):
    """Raised once, carrying every problem found, so editors see them all together."""

    def __init__(self, problems: list[Problem], where: str = "statement/") -> None:
        self.problems = sorted(set(problems))
        self.where = where  # what the summary line names (scripts/locale/ for the interface catalogs)
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        lines: list[str] = []
        for path, found in groupby(self.problems, key=lambda p: p.path):
            found = list(found)
            lines += [str(p) for p in found[:MAX_LINES_PER_FILE]]
            if len(found) > MAX_LINES_PER_FILE:
                first = found[MAX_LINES_PER_FILE]
                rest = len(found) - MAX_LINES_PER_FILE
                lines.append(f"{path}:{first.line}:{first.column}: and {rest} more problem{'s' if rest != 1 else ''} in this file from here on, "
                             "not shown (fix those above and check again)")
        lines.append(f"{n} problem{'s' if n != 1 else ''} found in {self.where}; nothing was written.")
        return "\n".join(lines)


def field_path(parts: tuple[str | int, ...]) -> str:
    # commitments[3].topics[1] — the notation editors read in the error lines.
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# Line breaks, control characters and lone surrogates from the YAML would split or break an error line.
_UNSAFE = {"Cc", "Cs", "Zl", "Zp"}


def one_line(text: str) -> str:
    """Show invisible and line-breaking characters as escapes, so one problem is always one printable line."""
    if all(unicodedata.category(ch) not in _UNSAFE for ch in text):
        return text
    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in _UNSAFE else ch for ch in text)
