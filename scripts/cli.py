"""Command line: check the statement, write a complete site source, build the site, register IDs."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from .pipeline import PUBLISHED, load_statement, read_published
from .problems import ContentError
from .sitesource import CONFIG, site_source


def swap_in(out: Path, fill: Callable[[Path], bool]) -> bool:
    """Fill a temporary sibling of ``out`` and put it in place only if ``fill`` succeeds.

    mkdocs cleans its site_dir before it can fail, and a half-written folder is worse than an old
    one: whatever goes wrong, ``out`` is either the previous version or the complete new one.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    old = out.with_name(f".{out.name}-old")
    try:
        if not fill(tmp):
            return False
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        return True
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def write_pages(pages: Mapping[str, str | bytes], out: Path) -> None:
    def fill(tmp: Path) -> bool:
        for path, content in pages.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="\n")
        return True

    swap_in(out, fill)


def build_site(out: Path) -> int:
    def fill(tmp: Path) -> bool:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(tmp)]
        return subprocess.run(cmd).returncode == 0

    if not swap_in(out, fill):
        print(f"build failed; {out} was left as it was", file=sys.stderr)
        return 1
    print(f"built the site into {out.resolve()}")
    return 0


def publish_ids(root: Path, ids: list[str]) -> list[str]:
    # Append-only: a published ID stays in the register forever, so its permanent URL can never silently break.
    path = root / PUBLISHED
    known, _ = read_published(root)
    new = [i for i in ids if i not in (known or {})]
    if new or not path.exists():
        head = "" if path.exists() else (
            "# Every commitment ID ever published. Append-only: add IDs with `make publish-ids`;\n"
            "# a removed or renamed ID must stay resolvable through 'aliases' in its successor.\n"
        )
        with path.open("a", encoding="utf-8", newline="\n") as f:
            f.write(head + "".join(f"{i}\n" for i in new))
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    parser.add_argument("--statement", type=Path, default=Path("statement"), help="the statement folder (default: statement)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the statement and report every problem")
    r = sub.add_parser("render", help="write a complete site source (docs/, overrides/, mkdocs.yml) that MkDocs or Zensical builds without our code")
    r.add_argument("out", type=Path)
    r.add_argument("--project", type=Path, default=Path("."), help="the folder holding mkdocs.yml, docs/ and overrides/ (default: .)")
    sub.add_parser("publish-ids", help="add every current commitment ID to statement/published-ids.txt")
    b = sub.add_parser("build-site", help="mkdocs build --strict into a temporary folder, swapped in only on success")
    b.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build-site":
        return build_site(args.out)
    try:
        st = load_statement(args.statement)
    except ContentError as e:
        print(e.report(), file=sys.stderr)
        return 1
    if args.command == "publish-ids":
        added = publish_ids(args.statement, [c.id for c in st.commitments])
        print(f"{args.statement / PUBLISHED}: {len(added)} new ID(s) registered" + (f": {', '.join(added)}" if added else ""))
        return 0
    if args.command == "render":
        if not (args.project / CONFIG).is_file():
            print(f"{args.project / CONFIG}: not found (render needs the project's mkdocs.yml; see --project)", file=sys.stderr)
            return 1
        try:
            files = site_source(args.project, st, args.statement)
        except ContentError as e:
            print(e.report(), file=sys.stderr)
            return 1
        write_pages(files, args.out)
        pages = sum(1 for p in files if p.endswith(".md"))
        print(f"wrote a site source with {pages} pages to {args.out} (build it: cd {args.out} && SOURCE_DATE_EPOCH=$(cat SOURCE_DATE_EPOCH) mkdocs build)")
    else:
        print(f"{args.statement}: OK ({len(st.commitments)} commitments in {len(st.sections)} sections)")
    return 0
