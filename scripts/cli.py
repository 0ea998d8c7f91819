"""Command line: check the statement, or write the rendered Markdown to a folder."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from .editions import pages as editions
from .publish import output
from .publish.sitesource import CONFIG, site_source
from .source import translations
from .source.problems import ContentError, Problem
from .source.published import PUBLISHED, publish_ids
from .source.statement import load_parts, load_statement


def write_pages(pages: Mapping[str, str | bytes], out: Path) -> None:
    """Write ``{path: text or bytes}`` into ``out`` (already checked), swapped in complete."""
    def fill(tmp: Path) -> bool:
        for path, content in pages.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="\n")
        return True

    output.replace(out, fill)


def build_site(out: Path) -> int:
    """``mkdocs build --strict`` into ``out`` (already checked). The hook (scripts/publish/hook.py) builds into a
    staging folder beside it, and swaps it in only when the build succeeds; this only runs MkDocs' own command
    line (its messages, Material's notices) and stops it on a signal."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)]
    # Its own session: Ctrl-C in a terminal reaches only this process, which stops the build; the hook in
    # it removes its staging folder (MkDocs' command line ends every build with on_shutdown).
    before = _identity(out)
    proc = subprocess.Popen(cmd, start_new_session=True)
    try:
        with output.interrupts():
            code = proc.wait()
    except BaseException as e:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        # The build may have been swapping its site in when the signal came: it finishes the swap first.
        if isinstance(e, output.Interrupted) and _identity(out) != before:
            raise output.Interrupted(e.signum, replaced=True) from None
        raise
    if code != 0:
        print(f"build failed; {out} was left as it was", file=sys.stderr)
        return 1
    print(f"built the site into {out}")
    return 0


def _identity(folder: Path) -> tuple[int, int] | None:
    """Which folder is at ``folder`` now: a swap puts another one there."""
    try:
        st = folder.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    parser.add_argument("--statement", type=Path, default=Path("statement"), help="the statement folder (default: statement)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the statement and report every problem")
    r = sub.add_parser("render", help="write a complete site source (docs/, overrides/, mkdocs.yml) that MkDocs or Zensical builds without our code")
    r.add_argument("out", type=Path)
    r.add_argument("--project", type=Path, default=Path("."), help="the folder holding mkdocs.yml, docs/ and overrides/ (default: .)")
    sub.add_parser("publish-ids", help="add every current commitment ID to statement/published-ids.txt")
    t = sub.add_parser("translations", help="list stale, missing and orphaned translations (with the current English); --stamp re-stamps a checked one")
    t.add_argument("--stamp", nargs=2, metavar=("LANG", "KEY"), help="after checking the translation of KEY against the current English, record that English's fingerprint")
    b = sub.add_parser("build-site", help="mkdocs build --strict into a temporary folder, swapped in only on success")
    b.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except output.OutputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except output.Interrupted as e:
        print(e.report(getattr(args, "out", "the output")), file=sys.stderr)
        return 128 + e.signum
    except KeyboardInterrupt:
        print("stopped by Ctrl-C", file=sys.stderr)
        return 130


def _translations(args: argparse.Namespace, st: object, drift: list[Problem]) -> int:
    if args.stamp:
        lang, key = args.stamp
        english = translations.english_texts(st)  # type: ignore[arg-type]
        if key not in english:
            print(f"error: {key!r} is not the key of an English text (make translations lists the keys that need work)", file=sys.stderr)
            return 2
        try:
            old, new = translations.stamp(args.statement, lang, key, english[key])
        except translations.StampError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        print(f"{translations.path(args.statement, lang)}: {key}: fingerprint {old} → {new}" + (" (already current)" if old == new else ""))
        return 0
    lines = translations.listing(st, drift, args.statement)  # type: ignore[arg-type]
    interface = editions.interface_problems(st)  # type: ignore[arg-type]
    if not lines and not interface:
        print("scripts/locale: every interface message is translated")
        print(f"{args.statement / translations.FOLDER}: every translation is current")
        return 0
    print("\n".join([*lines, *map(str, interface)]))
    print(f"{len(drift) + len(interface)} translation problem{'s' if len(drift) + len(interface) != 1 else ''}: check each against the English "
          "(then re-stamp a stale one), add the missing, remove the orphaned; translate the interface messages in scripts/locale/<lang>.po.")
    return 1


def _run(args: argparse.Namespace) -> int:
    out = None
    if args.command in ("build-site", "render"):
        # Refused before anything is read or written: never the project, a parent of it, or a source.
        project = getattr(args, "project", Path("."))
        out = output.check(args.out, project=project, sources=output.sources(project, args.statement))
    if args.command == "build-site":
        return build_site(out)
    try:
        if args.command == "translations":  # lists (and stamps) despite translation problems, never despite others
            st, found = load_parts(args.statement)
            return _translations(args, st, sorted(found.errors + found.drift))
        st = load_statement(args.statement)
    except ContentError as e:
        print(e.report(), file=sys.stderr)
        return 1
    if args.command == "publish-ids":
        try:
            added = publish_ids(args.statement, [c.id for c in st.commitments])
        except OSError as e:  # a read-only register or folder: opened for appending fails before a byte is written
            print(f"error: {args.statement / PUBLISHED}: cannot write ({e.strerror}); nothing was registered", file=sys.stderr)
            return 2
        print(f"{args.statement / PUBLISHED}: {len(added)} new ID(s) registered" + (f": {', '.join(added)}" if added else ""))
        return 0
    if args.command == "render":
        if not (args.project / CONFIG).is_file():
            print(f"{args.project / CONFIG}: not found (render needs the project's mkdocs.yml; see --project)", file=sys.stderr)
            return 1
        try:
            files = site_source(args.project, st, args.statement, warn=lambda note: print(f"warning: {note}", file=sys.stderr))
        except ContentError as e:
            print(e.report(), file=sys.stderr)
            return 1
        write_pages(files, out)
        pages = sum(1 for p in files if p.endswith(".md"))
        langs = sorted(p.removeprefix("mkdocs.").removesuffix(".yml") for p in files if p.startswith("mkdocs.") and p.count(".") == 2)
        then = "".join(f" && mkdocs build -f mkdocs.{lang}.yml" for lang in langs)  # each edition after the English one: it cleans site/
        print(f"wrote a site source with {pages} pages to {args.out} (build it: cd {args.out} && export SOURCE_DATE_EPOCH=$(cat SOURCE_DATE_EPOCH) && mkdocs build{then})")
    else:
        catalogs = editions.catalog_problems(st)
        if catalogs:
            print(ContentError(catalogs, editions.CATALOGS).report(), file=sys.stderr)
            return 1
        print(f"{args.statement}: OK ({len(st.commitments)} commitments in {len(st.sections)} sections)")
    return 0
