"""Random damage to the real statement never produces a traceback: a clean error list, or a site that renders."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import STATEMENT
from scripts.pipeline import load_statement
from scripts.problems import ContentError
from scripts.render import nav, render

FILES = sorted(p.relative_to(STATEMENT).as_posix() for p in STATEMENT.rglob("*.yaml"))
LINE = re.compile(r"^[^:\n]+:\d+:\d+: \S[^\n]*$")
EXAMPLES = 200

# Values of the wrong kind, and text an editor might paste.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10**12), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["NO", "on", "2025-04-03", "2025-13-45", "1.0", "<b>x</b>", "&amp;", "--8<-- \"/etc/passwd\"", "", " ", "US", "nato"]),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.sampled_from(["id", "title", "x"]), scalars, max_size=2))


def _paths(data: Any, key: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [key]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*key, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*key, i))
    return out


def _get(data: Any, key: tuple[Any, ...]) -> Any:
    for k in key:
        data = data[k]
    return data


def _set(data: Any, key: tuple[Any, ...], value: Any) -> Any:
    if not key:
        return value
    _get(data, key[:-1])[key[-1]] = value
    return data


@st.composite
def damage(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the statement, damaged in one of several ways; returns (file, new bytes)."""
    name = draw(st.sampled_from(FILES))
    text = (STATEMENT / name).read_text(encoding="utf-8")
    how = draw(st.sampled_from(["delete", "retype", "swap", "unicode", "raw-text", "raw-bytes"]))
    if how in ("raw-text", "raw-bytes"):
        at = draw(st.integers(0, len(text)))
        raw = text.encode("utf-8")
        if how == "raw-bytes":
            return name, raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
        return name, (text[:at] + draw(st.text(min_size=1, max_size=8)) + text[at:]).encode("utf-8")
    data = yaml.safe_load(text)
    paths = _paths(data)[1:]
    key = draw(st.sampled_from(paths))
    if how == "delete":
        parent = _get(data, key[:-1])
        del parent[key[-1]]
    elif how == "retype":
        data = _set(data, key, draw(values))
    elif how == "swap":
        other = draw(st.sampled_from(paths))
        a, b = _get(data, key), _get(data, other)
        if not (key[: len(other)] == other or other[: len(key)] == key):  # not an ancestor of the other
            data = _set(data, key, b)
            data = _set(data, other, a)
    else:
        old = _get(data, key)
        data = _set(data, key, f"{old}{draw(st.text(min_size=1, max_size=20))}" if isinstance(old, str) else draw(st.text(max_size=20)))
    return name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage())
def test_damaged_statement_gives_clean_errors_or_a_valid_site(change: tuple[str, bytes]) -> None:
    name, content = change
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "statement"
        shutil.copytree(STATEMENT, root)
        (root / name).write_bytes(content)
        try:
            statement = load_statement(root)
        except ContentError as e:
            lines = e.report().splitlines()
            assert len(lines) == len(e.problems) + 1 and e.problems
            for line in lines[:-1]:
                assert LINE.match(line), line
            return
        pages = render(statement)
        assert nav(statement) and pages
        assert all(isinstance(text, str) and text for text in pages.values())
