"""Command line: check the statement, or write the rendered Markdown to a folder."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .pipeline import PUBLISHED, load_statement, read_published
from .problems import ContentError
from .render import render


def write_pages(pages: dict[str, str], out: Path) -> None:
    # Write into a temporary sibling and swap it in, so a failure leaves nothing half-written.
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for path, text in pages.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def build_site(out: Path) -> int:
    # mkdocs cleans its site_dir before it can fail; build beside it and swap, so a bad edit never costs the live site.
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(tmp)])
        if done.returncode != 0:
            print(f"build failed; {out} was left as it was", file=sys.stderr)
            return done.returncode
        old = out.with_name(f".{out.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
        print(f"built the site into {out}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


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
    r = sub.add_parser("render", help="write the rendered Markdown pages to a folder")
    r.add_argument("out", type=Path)
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
        pages = render(st)
        write_pages(pages, args.out)
        print(f"wrote {len(pages)} pages to {args.out}")
    else:
        print(f"{args.statement}: OK ({len(st.commitments)} commitments in {len(st.sections)} sections)")
    return 0
