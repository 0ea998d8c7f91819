"""Which files of statement/ are sources, reading one safely (limits, file types, symlinks), and writing a
file whole or not at all (a re-stamped translation, the build's caches).

Editor and OS droppings (Emacs's ``.#x.yaml`` lock links, macOS's ``._x.yaml``, backups ``x.yaml~``,
Vim's ``.x.yaml.swp``) are not sources and are skipped. A source must be a regular file inside the
project: a folder named ``x.yaml``, a FIFO (which would block the build forever) or a symlink that
leads outside the project (its content would be published) is a located problem, never a traceback.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .problems import Problem

# The line breaks YAML (and so libyaml's marks) counts: not str.splitlines(), which also breaks at \x0c, \x1c …
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Documented limits (README "Limits"): far above any real statement, low enough to fail in a second.
MAX_FILE_BYTES = 1024 * 1024  # one YAML file, or published-ids.txt
MAX_TOTAL_BYTES = 4 * 1024 * 1024  # all of statement/
MAX_SECTION_FILES = 100


def is_dropping(name: str) -> bool:
    """Files editors and operating systems leave beside the ones being edited."""
    return name.startswith((".", "#", "~")) or name.endswith(("~", "#", ".swp", ".swo", ".tmp", ".bak"))


def section_files(folder: Path, shown: str) -> tuple[list[Path], list[Problem]]:
    """The section files, sorted; a problem if there are more than the limit (then none of them is read)."""
    if not folder.is_dir():
        return [], []
    found = sorted(p for p in folder.glob("*.yaml") if not is_dropping(p.name))
    if len(found) > MAX_SECTION_FILES:
        return found, [Problem(shown, 1, 1, "", f"{len(found)} section files; the limit is {MAX_SECTION_FILES} (split the statement, or raise MAX_SECTION_FILES in scripts/source/files.py)")]
    return found, []


def kind(path: Path) -> str | None:
    """What a path is, when it is not something a source can be read from (None for a regular file)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return "a broken symbolic link" if path.is_symlink() else "missing"
    except OSError as e:
        return f"unreadable ({e.strerror})"
    if stat.S_ISDIR(st.st_mode):
        return "a folder, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a FIFO, socket or device would block or leak the build)"
    return None


def outside(path: Path, project: Path) -> Path | None:
    """Where a symlink leads when that is outside the project, else None."""
    real = path.resolve()
    return None if real.is_relative_to(project.resolve()) else real


def read_text(path: Path, shown: str, project: Path) -> tuple[str | None, list[Problem]]:
    """The file's text (UTF-8, BOM removed), or the located problem that stops it being read."""
    what = kind(path)
    if what is not None:
        return None, [Problem(shown, 1, 1, "", "file is missing" if what == "missing" else f"is {what}")]
    if (away := outside(path, project)) is not None:
        return None, [Problem(shown, 1, 1, "", f"is a symbolic link to {away}, outside the project (copy the file into statement/ instead)")]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(shown, 1, 1, "", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (1 MiB)")]
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # the file may grow between stat and read
    except OSError as e:
        return None, [Problem(shown, 1, 1, "", f"cannot read file ({e.strerror})")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(shown, 1, 1, "", f"file is over {MAX_FILE_BYTES:,} bytes, the limit (1 MiB)")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        *before, last = LINE_BREAK.split(raw[: e.start].decode("utf-8"))  # the bytes before the bad one are valid
        line, column = len(before) + 1, len(last.encode("utf-8")) + 1  # the column counts bytes, as the message does
        return None, [Problem(shown, line, column, "", f"byte 0x{raw[e.start]:02x} is not valid UTF-8 (save the file as UTF-8)")]
    return text.removeprefix("\ufeff"), []


def total_size(root: Path, shown: str, files: list[Path]) -> list[Problem]:
    """All sources together stay under MAX_TOTAL_BYTES (each file alone may be up to MAX_FILE_BYTES)."""
    total = 0
    for p in files:
        try:
            if kind(p) is None:
                total += os.stat(p).st_size
        except OSError:
            pass
    if total > MAX_TOTAL_BYTES:
        return [Problem(shown, 1, 1, "", f"the statement's files are {total:,} bytes together; the limit is {MAX_TOTAL_BYTES:,} (4 MiB)")]
    return []


def write_atomically(path: Path, data: bytes, *, mode: int | None = None, durable: bool = False,
                     before: Callable[[], None] | None = None) -> None:
    """``data`` written beside ``path`` and renamed over it: a reader finds the old file or the new one, never
    half of one. ``mode`` sets the new file's permissions, ``durable`` puts it on disk before the rename, and
    ``before`` runs just before the rename (raising keeps the old file). No temporary file is left behind."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if before is not None:
            before()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cache_file(path: Path, data: bytes) -> None:
    """Keep ``data`` in a cache folder, whole or not at all; a cache that cannot be written (a read-only
    checkout) only costs the work again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError:
        pass
