"""``build.py translations extract|update``, and ``--lang`` for the players and the guide."""

from __future__ import annotations

import argparse
import os
import sys

from tyg.compile import pipeline
from tyg.compile.diagnostics import Report
from tyg.i18n import languages

#: Codes up to this one are the loader's: the file, its YAML or its keys.
LAST_LOAD_CODE = "TYG011"


def cmd_translations(args: argparse.Namespace) -> int:
    from tyg.cli import AUTHOR_ERROR, OK, _paths, _print_report

    source, _ = _paths(args)
    result = pipeline.check(source, langs=[])
    # A file that could not be read would look deleted, and its translations obsolete: stop.
    # Other errors (a wrong reference, say) do not change which strings there are.
    unreadable = [d for d in result.report.errors if d.code <= LAST_LOAD_CODE]
    if unreadable or result.project is None:
        _print_report(result, args.format)
        print("fix the errors above first: every file must load before its strings are extracted", file=sys.stderr)
        return AUTHOR_ERROR
    if args.action == "extract":
        path, changed = languages.extract(result.project, source)
        print(f"{os.path.relpath(path)}: {'written' if changed else 'unchanged'}")
        return OK
    report = Report()
    if args.action in ("export", "import"):
        return _part(args, source, report)
    written = languages.update(result.project, source, args.lang or [], report)
    if report.items:
        print(report.render_text(), file=sys.stderr)
    for path in written:
        print(f"{os.path.relpath(path)}: written")
    if not written:
        print("nothing changed")
    return AUTHOR_ERROR if report.errors else OK


def _part(args: argparse.Namespace, source: str, report: Report) -> int:
    from tyg.cli import AUTHOR_ERROR, ENV_ERROR, OK

    if not args.file or not args.lang or len(args.lang) != 1:
        print(f"translations {args.action} needs --lang CODE and --file PO", file=sys.stderr)
        return ENV_ERROR
    lang = args.lang[0]
    if args.action == "export":
        n = languages.export(source, lang, args.context, args.file, report)
        said = f"{args.file}: {n} entries" + (f" whose context starts with {args.context}" if args.context else "")
    else:
        copied, missing = languages.import_(source, lang, args.file, report)
        said = f"{copied} translations copied into {lang}.po" + (f"; {missing} entries not found there (run translations update)" if missing else "")
    if report.items:
        print(report.render_text(), file=sys.stderr)
    print(said)
    return AUTHOR_ERROR if report.errors else OK


def use_language(result: pipeline.Result, source: str, lang: str | None) -> str | None:
    """Put ``result.project`` in ``lang`` (English: as it is); the terminal player's own strings follow.

    Returns why it cannot be done (no such PO file, a PO syntax error), or None.
    """
    from tyg.i18n.apply import activate, load, translate_project

    if not lang or lang == "en" or result.project is None:
        return None
    report = Report()
    try:
        tr = load(source, lang, report)
    except LookupError as exc:
        return exc.args[0]
    if tr is None:
        return report.render_text()
    activate(tr)
    result.project = translate_project(result.project, tr)
    return None
