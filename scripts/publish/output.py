"""Where a command may write, and how it replaces what is there without losing anything.

Every command that writes a folder (``build-site``, ``render``, a direct ``mkdocs build``) goes through
here: ``check`` refuses the project, its parents, its sources and any folder that is not a previous
output; ``Staging`` fills a fresh folder beside the output and swaps it in only when complete.

    out = check(Path("site"), project=Path.cwd(), sources=sources(Path.cwd()))
    replace(out, fill)           # fill(tmp) -> bool writes into tmp; out is old or new, never half
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

# Written into every output; an existing folder is replaced only if it has this file (or is empty).
MARKER = ".statement-output"
MARKER_TEXT = "Written by this project's build (scripts/publish/output.py); the next build replaces this whole folder.\n"
# What the project itself holds: no output may be written in or over these (relative to the project).
SOURCES = (
    "statement", "docs", "overrides", "scripts", "tests", "benchmarks", "tools", ".git", ".ci",
    "mkdocs.yml", "pyproject.toml", "Makefile", "README.md", ".gitignore",
)
# The names beside the output while it is replaced (git-ignored by these patterns).
STAGING, REPLACED, LOCK = ".staging-", ".replaced-", ".output-lock"
SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class OutputError(Exception):
    """The output folder may not or cannot be written; the message says which folder and why."""


class Interrupted(KeyboardInterrupt):
    """SIGTERM, SIGHUP or Ctrl-C while an output was being replaced (raised after the handler ran).

    ``replaced``: the signal came during the final swap, which was finished first, so the new output is in place.
    """

    def __init__(self, signum: int, *, replaced: bool = False) -> None:
        super().__init__(signum)
        self.signum, self.replaced = signum, replaced

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    def report(self, out: object) -> str:
        """What happened to ``out``, truthfully: replaced by the new build, or left as it was."""
        if self.replaced:
            return f"stopped by {self.name} just after the new build was swapped in: {out} is the new site, complete"
        return f"stopped by {self.name}; nothing was replaced"


def sources(project: Path, *more: Path) -> list[Path]:
    """The project's source folders and files, and any others (the statement folder, docs_dir, custom_dir)."""
    return [project / name for name in SOURCES] + list(more)


def check(out: Path, *, project: Path, sources: Iterable[Path] = ()) -> Path:
    """The resolved output folder, or OutputError if no command may write there."""
    given = Path(os.path.abspath(out))
    real = given.resolve()
    home = project.resolve()
    shown = str(out)
    for path in {given, real}:
        if home == path:
            raise OutputError(f"{shown} is the project folder itself; choose a new folder such as site/")
        if home.is_relative_to(path):
            raise OutputError(f"{shown} contains the project ({home}); choose a new folder such as site/")
    for src in sources:
        s = src.resolve()
        if real == s or real.is_relative_to(s):
            where = "one of the project's sources" if real == s else f"inside {_rel(src, home)}, one of the project's sources"
            raise OutputError(f"{shown} is {where}; choose a new folder such as site/")
        if s.is_relative_to(real) and s.exists():
            raise OutputError(f"{shown} contains {_rel(src, home)}, one of the project's sources; choose a new folder such as site/")
    if os.path.lexists(real):
        if not real.is_dir():
            raise OutputError(f"{shown} is a file, not a folder; choose a new folder")
        if not is_previous_output(real):
            raise OutputError(
                f"{shown} exists and is not an earlier output of this build (it has no {MARKER} file); "
                "move it away or delete it yourself, or choose a new folder"
            )
    above = real.parent
    while not os.path.lexists(above):
        above = above.parent
    if not above.is_dir():
        raise OutputError(f"{shown} cannot be created: {_rel(above, home)} is a file, not a folder")
    if not os.access(above, os.W_OK | os.X_OK):
        raise OutputError(f"{shown} cannot be created: {_rel(above, home)} is not writable")
    return real


def is_previous_output(folder: Path) -> bool:
    """A folder this project wrote (it has the marker), or an empty one: nothing in it can be lost."""
    try:
        return (folder / MARKER).is_file() or next(folder.iterdir(), None) is None
    except OSError:
        return False


def _rel(path: Path, home: Path) -> str:
    try:
        return path.resolve().relative_to(home).as_posix() or "."
    except ValueError:
        return str(path)


class Staging:
    """A fresh folder beside ``out``; ``commit`` swaps it in complete, ``abort`` removes it.

    Builds of the same output wait for each other (a lock file beside it, removed when released); the swap
    is one atomic exchange of the two folders where the file system has it, else two renames, so ``out`` is
    never missing for longer than between those. Until ``commit`` or ``abort``, SIGTERM, SIGHUP and Ctrl-C
    raise ``Interrupted`` in the main thread, so whoever started it gets to ``abort`` (a ``with`` block,
    or the hook's on_shutdown, which MkDocs' command line runs however a build ends).
    """

    def __init__(self, out: Path, *, lock: bool = True) -> None:
        self.out = out
        self.path: Path | None = None
        self._lock_wanted = lock
        self._lock_fd: int | None = None
        self._lock_path = out
        self._handlers: dict[int, object] = {}

    def start(self) -> Path:
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            if self._lock_wanted:
                self._lock()
            self._handlers = trap_signals()
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.out.name}{STAGING}", dir=self.out.parent))
        except OSError as e:
            self.abort()
            raise OutputError(f"{self.out} cannot be written: {e.strerror or e}") from None
        return self.path

    def commit(self) -> None:
        assert self.path is not None, "start() first"
        try:
            (self.path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            world_readable(self.path)
            if os.path.lexists(self.out) and not (self.out.is_dir() and is_previous_output(self.out)):
                raise OutputError(f"{self.out} was replaced by something else during the build; it was left as it is")
        except OSError as e:
            self.abort()
            raise OutputError(f"{self.out} could not be written: {e.strerror or e}; it was left as it was") from None
        except BaseException:
            self.abort()
            raise
        # From the swap to the end of the clean-up no signal is taken: it would leave the old copy behind
        # or report "nothing was replaced" after the new output went in. One that came is handled after.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
        came: list[int] = []
        trapped = set(self._handlers)  # an ignored signal is not (trap_signals): unblocked, it is dropped
        try:
            self.path = _swap(self.path, self.out)  # abort() removes what was there before
        except OSError as e:
            raise OutputError(f"{self.out} could not be replaced: {e.strerror or e}; it was left as it was") from None
        finally:
            self.abort()
            came = _take_pending(trapped)  # while still blocked: the restored handlers would stop the process unheard
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        if came:
            raise Interrupted(came[0], replaced=True)

    def abort(self) -> None:
        """Remove the temporary (or replaced) folder, release the lock, restore the signal handlers. Idempotent."""
        restore_signals(self._handlers)
        self._handlers = {}
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None
        if self._lock_fd is not None:
            try:
                os.unlink(self._lock_path)  # while still held: nobody else can have it now
            except OSError:
                pass
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def __enter__(self) -> Path:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.abort()

    # Not filelock: on Unix it keeps the lock file after release (nothing may be left beside the output), and
    # removing it safely takes the inode check below. A waiter that then holds the lock on the removed file
    # notices (another inode at the path, or none) and takes the lock again on the current one.
    def _lock(self) -> None:
        path = self.out.parent / f".{self.out.name}{LOCK}"
        waited = False
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not waited:
                    print(f"waiting for another build of {self.out} to finish…", file=sys.stderr, flush=True)
                    waited = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                if os.stat(path).st_ino == os.fstat(fd).st_ino:
                    self._lock_fd, self._lock_path = fd, path
                    return
            except FileNotFoundError:
                pass
            os.close(fd)



def trap_signals() -> dict[int, object]:
    """From now on SIGTERM, SIGHUP and Ctrl-C raise ``Interrupted`` in the main thread; returns the handlers
    to restore. None in another thread: mkdocs serve's rebuilds run in one, and its own shutdown cleans up.
    A signal the process was started to ignore stays ignored (``nohup make build``: SIGHUP; a job started
    with ``&`` from a script: Ctrl-C), as the one who started it asked."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def interrupted(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    return {signum: signal.signal(signum, interrupted) for signum in SIGNALS if signal.getsignal(signum) != signal.SIG_IGN}


def _take_pending(signals: set[int]) -> list[int]:
    """The ones of ``signals`` that came while blocked, taken (so not delivered when unblocked), in order."""
    came = []
    while pending := signal.sigpending() & signals:
        info = signal.sigtimedwait(pending, 0)
        if info is None:
            break
        came.append(info.si_signo)
    return came


def restore_signals(handlers: dict[int, object]) -> None:
    for signum, handler in handlers.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]


@contextmanager
def interrupts() -> Iterator[None]:
    """SIGTERM, SIGHUP and Ctrl-C raise ``Interrupted`` inside the block (``trap_signals``)."""
    handlers = trap_signals()
    try:
        yield
    finally:
        restore_signals(handlers)


def replace(out: Path, fill: Callable[[Path], bool], *, lock: bool = True) -> bool:
    """Fill a staging folder and swap it in as ``out`` (already ``check``-ed) if ``fill`` returns True."""
    staging = Staging(out, lock=lock)
    with staging as tmp:
        if not fill(tmp):
            return False
        staging.commit()
    return True


def world_readable(root: Path) -> None:
    """0755 folders, 0644 files (mkdtemp makes 0700, and a web server running as another user would answer 403)."""
    os.chmod(root, 0o755)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755, follow_symlinks=False)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                mode = os.stat(path).st_mode
                os.chmod(path, 0o755 if mode & stat.S_IXUSR else 0o644)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
except (AttributeError, OSError):  # not glibc ≥ 2.28 on Linux
    _renameat2 = None


def _swap(new: Path, out: Path) -> Path:
    """Put ``new`` in place of ``out``; return where the previous ``out`` now is (to be removed)."""
    if not os.path.lexists(out):
        os.rename(new, out)
        return new  # nothing there any more; rmtree of a missing path is a no-op
    if _renameat2 is not None and _renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(out), _RENAME_EXCHANGE) == 0:
        return new  # one atomic step: the old output is now at `new`
    err = ctypes.get_errno() if _renameat2 is not None else errno.ENOSYS
    if err not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV, 0):
        raise OSError(err, os.strerror(err), str(out))
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}{REPLACED}", dir=out.parent))
    os.rename(out, old / "old")  # the window in which `out` is missing: between these two renames
    os.rename(new, out)
    return old
