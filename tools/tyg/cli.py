"""The command line behind build.py (and the ``tyg`` console script).

Exit codes: 0 success, 1 author errors (diagnostics or lint findings),
2 usage or environment errors (argparse uses 2 too).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

from tyg.compile import pipeline
from tyg.engine.locate import EngineNotFound, find_engine, run_lint

OK, AUTHOR_ERROR, ENV_ERROR = 0, 1, 2
_CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
#: The project folder: this checkout (build.py, or an editable install), else the working directory.
ROOT = _CHECKOUT if os.path.isfile(os.path.join(_CHECKOUT, "build.py")) else os.getcwd()
DEFAULT_SOURCE = "scenarios"
DEFAULT_GAME = "game"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Check Trust Your Gut scenarios and compile them into the Ren'Py game.",
    )
    p.add_argument("--renpy", metavar="PATH", help="an official Ren'Py SDK (folder or renpy.sh); default: RENPY_SDK, then Debian's renpy")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def with_source(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("source", nargs="?", default=None, help=f"scenario folder or file (default: {DEFAULT_SOURCE}/)")
        sp.add_argument("--format", choices=("text", "json"), default="text", help="how to print diagnostics")
        return sp

    def with_game(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--game", default=None, help=f"the Ren'Py game folder to compile into (default: {DEFAULT_GAME}/)")
        return sp

    with_game(with_source(sub.add_parser("build", help="check and compile (the default)")))
    chk = with_source(sub.add_parser("check", help="validate only; writes nothing"))
    chk.add_argument("--lang", action="append", default=None, metavar="CODE", help="also check this translation (e.g. es); repeatable (default: those translations/LINGUAS lists)")
    chk.add_argument("--strict", action="store_true", help="untranslated or fuzzy entries are errors, not warnings")
    tl = sub.add_parser("translations", help="extract: write the POT file; update: merge it into translations/<lang>.po; export/import: part of a PO file")
    tl.add_argument("action", choices=("extract", "update", "export", "import"), help="extract the strings; update the PO files from them; export some entries to a file; import a file's translations")
    with_source(tl)
    tl.add_argument("--lang", action="append", default=None, metavar="CODE", help="the language (made if missing by update); repeatable for update (default: every PO file)")
    tl.add_argument("--context", default="", metavar="PREFIX", help="with export: the entries whose context starts with this (e.g. niko/)")
    tl.add_argument("--file", default=None, metavar="PO", help="with export: the file to write; with import: the file to read")
    with_source(sub.add_parser("matrix", help="print what each catalogue item is taught by (item -> scenes)"))
    with_game(with_source(sub.add_parser("lint", help="build, then run Ren'Py's own lint; any finding fails")))
    play = with_game(with_source(sub.add_parser("play", help="build, then launch the game (or, with --text, play in the terminal)")))
    play.add_argument("--text", action="store_true", help="play in the terminal with the reference interpreter: numbered choices, no engine")
    play.add_argument("--scenario", default=None, help="with --text: the scenario to play (default: ask)")
    play.add_argument("--lang", default=None, metavar="CODE", help="with --text: the language to play in, e.g. es (default: English)")
    tr = sub.add_parser("transcript", help="print what one path through a scenario shows")
    tr.add_argument("scenario", help="the scenario id")  # before the optional source: transcript SCENARIO [source]
    with_source(tr)
    tr.add_argument("--path", default="", help="the choice ids taken, comma-separated")
    tr.add_argument("--lang", default=None, metavar="CODE", help="the language to show, e.g. es (from translations/<lang>.po; default: English)")
    rt = with_source(sub.add_parser("randomtest", help="random play-throughs in the reference interpreter, checking invariants"))
    rt.add_argument("--runs", type=int, default=10_000, help="play-throughs per scenario (default: 10000)")
    rt.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    wd = with_source(sub.add_parser("words", help="words on screen per random play-through (median, min, max) and minutes, per story"))
    wd.add_argument("--runs", type=int, default=None, help="play-throughs per scenario (default: 300, as the build measures the menu's minutes)")
    wd.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    cov = with_source(sub.add_parser("coverage", help="plan paths that take every choice and ending, play them in the real engine, report coverage"))
    cov.add_argument("--out", default=None, help="also write the JSON report to this file")
    cov.add_argument("--processes", type=int, default=2, help="engine processes run in parallel (default: 2)")
    cov.add_argument("--lang", default=None, metavar="CODE", help="play the game in this language (e.g. es) and compare with the interpreter in it")
    guide = with_source(sub.add_parser("guide", help="write the printable facilitator guide (HTML)"))
    guide.add_argument("--out", default=None, help="output folder (default: out/guide/)")
    guide.add_argument("--lang", default=None, metavar="CODE", help="the guide's language, e.g. es (default: English)")
    dist = sub.add_parser("dist", help="make the Windows, macOS and Linux builds with an official Ren'Py SDK")
    dist.add_argument("--out", default=None, help="folder for the zips (default: dist/)")
    dist.add_argument("--lab", action="store_true", help="a lab build: lab mode on by default")
    dist.add_argument("--package", action="append", choices=("pc", "mac", "win", "linux"), help="a Ren'Py package to build; repeatable (default: pc and mac)")
    web = with_source(sub.add_parser("web", help="write the web edition: one offline HTML file (out/web/index.html)"))
    web.add_argument("--game", default=None, help=f"the game folder whose fonts and art it takes (default: {DEFAULT_GAME}/)")
    web.add_argument("--out", default=None, help="output folder (default: out/web/)")
    web.add_argument("--zip", action="store_true", help="also write TrustYourGut-web-<version>.zip beside it")
    web.add_argument("--lab", action="store_true", help="lab mode baked in: nothing is ever stored")
    web.add_argument("--exit-url", default=None, help="the page the quick exit opens (default: BBC Weather, as GOV.UK does)")
    web.add_argument("--country", default=None, help="the country whose help resources come first (default: US)")
    shots = with_source(sub.add_parser("screenshots", help="play the game headless and save screenshots for review"))
    shots.add_argument("--out", default=None, help="folder for the PNG files (default: out/screenshots/)")
    shots.add_argument("--scenario", default=None, help="the story to walk through (default: the first in the menu)")
    shots.add_argument("--lang", default=None, metavar="CODE", help="the game's language, e.g. es (default: English)")
    sch = sub.add_parser("schema", help="write the JSON Schemas for editors into docs/ (made from the loader's key table)")
    sch.add_argument("--check", action="store_true", help="only say whether docs/*.schema.json are up to date (exit 1 if not)")
    gr = sub.add_parser("graph", help="draw a story's branching: Graphviz DOT, SVG and Mermaid")
    gr.add_argument("scenario", help="the scenario id")
    with_source(gr)
    gr.add_argument("--out", default=None, help="output folder (default: out/graph/)")
    gr.add_argument("--to", choices=("files", "dot", "mermaid"), default="files", help="files: write .dot, .svg and .mmd; dot or mermaid: print that text")
    with_game(with_source(sub.add_parser("watch", help="re-check and rebuild game/generated/ on every save")))
    t = sub.add_parser("test", help="run the whole test suite")
    t.add_argument("pytest_args", nargs=argparse.REMAINDER, help="extra arguments for pytest")
    return p


def build_cache():
    """The build cache in .tyg-cache/ (gitignored, safe to delete; TYG_CACHE_DIR puts it elsewhere); none when TYG_NO_CACHE is set."""
    if os.environ.get("TYG_NO_CACHE"):
        return None
    from tyg.compile.cache import Cache

    return Cache(os.environ.get("TYG_CACHE_DIR") or os.path.join(ROOT, ".tyg-cache"))


def _paths(args: argparse.Namespace) -> tuple[str, str]:
    source = args.source or os.path.join(ROOT, DEFAULT_SOURCE)
    game = getattr(args, "game", None) or os.path.join(ROOT, DEFAULT_GAME)
    return source, game


def _print_report(result: pipeline.Result, fmt: str) -> None:
    if fmt == "json":
        print(result.report.render_json())
    elif result.report.items:
        print(result.report.render_text(), file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    source, _ = _paths(args)
    try:
        result = pipeline.check(source, args.lang, args.strict, cache=build_cache())
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return ENV_ERROR
    _print_report(result, args.format)
    if result.ok and args.format == "text":
        n = result.scenario_count
        print(f"checked {n} scenario{'s' * (n != 1)}: no errors")
    return OK if result.ok else AUTHOR_ERROR


def cmd_matrix(args: argparse.Namespace) -> int:
    from tyg.teach.teaching import matrix, render_matrix

    source, _ = _paths(args)
    result = pipeline.check(source)
    if result.project is None or result.project.catalogue is None:
        _print_report(result, args.format)
        return AUTHOR_ERROR
    rows = matrix(result.project)
    if args.format == "json":
        print(json.dumps([{"section": r.section, "id": r.id, "name": r.name, "taught_in": r.places} for r in rows], indent=2))
    else:
        print(render_matrix(rows))
    untaught = [r for r in rows if not r.places]
    if untaught and args.format == "text":
        print(f"\n{len(untaught)} item(s) taught nowhere", file=sys.stderr)
    return AUTHOR_ERROR if untaught or not result.ok else OK


def _build(args: argparse.Namespace, quiet: bool = False) -> pipeline.Result:
    source, game = _paths(args)
    result = pipeline.build(source, game, cache=build_cache())
    _print_report(result, args.format)
    if result.ok and args.format == "text" and not quiet:
        n = result.scenario_count
        print(
            f"built {n} scenario{'s' * (n != 1)} into {os.path.relpath(os.path.join(game, 'generated'))}/: "
            f"{len(result.written)} written, {len(result.files) - len(result.written)} unchanged, {len(result.removed)} removed"
        )
    return result


def cmd_build(args: argparse.Namespace) -> int:
    return OK if _build(args).ok else AUTHOR_ERROR


def _engine(args: argparse.Namespace):
    """The engine to run, or None after saying how to get one."""
    try:
        return find_engine(args.renpy)
    except EngineNotFound as exc:
        print(exc, file=sys.stderr)
        return None


def cmd_lint(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if engine is None:
        return ENV_ERROR
    result = _build(args)
    if not result.ok:
        return AUTHOR_ERROR
    _, game = _paths(args)
    with tempfile.TemporaryDirectory(prefix="tyg-lint-") as home:
        lint = run_lint(engine, os.path.dirname(os.path.abspath(game)), home)
    if lint.findings or lint.returncode != 0:
        print(lint.output, file=sys.stderr)
        print(f"Ren'Py lint: {len(lint.findings)} finding(s), exit {lint.returncode}", file=sys.stderr)
        return AUTHOR_ERROR
    print(f"Ren'Py lint ({engine.describe()}): no findings")
    return OK


def cmd_play(args: argparse.Namespace) -> int:
    if args.text:
        from tyg.play.textplay import play_text

        return play_text(args)
    engine = _engine(args)
    if engine is None:
        return ENV_ERROR
    if not _build(args).ok:
        return AUTHOR_ERROR
    _, game = _paths(args)
    env = engine.environ()
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        print("No display to show the game on (DISPLAY is not set).", file=sys.stderr)
        return ENV_ERROR
    return subprocess.call(engine.command(os.path.dirname(os.path.abspath(game))), env=env)


def cmd_screenshots(args: argparse.Namespace) -> int:
    from tyg.engine.screenshots import SHOTS, take

    if _engine(args) is None:
        return ENV_ERROR
    source, _ = _paths(args)
    out = args.out or os.path.join(ROOT, "out", "screenshots")
    try:
        run, files = take(source, out, args.scenario, args.lang)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return AUTHOR_ERROR
    for (name, what), path in zip(SHOTS, files):
        print(f"{os.path.relpath(path)}  {what}")
    if run.returncode != 0 or len(files) != len(SHOTS):
        print(run.output[-3000:], file=sys.stderr)
        print(f"{len(files)} of {len(SHOTS)} screenshots taken", file=sys.stderr)
        return AUTHOR_ERROR
    return OK


def cmd_test(args: argparse.Namespace) -> int:
    extra = [a for a in args.pytest_args if a != "--"]
    return subprocess.call([sys.executable, "-m", "pytest", os.path.join(ROOT, "tests"), *extra], cwd=ROOT)


def _lazy(module: str, function: str):
    """A handler that lives in its own module, imported only when used."""

    def handler(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(f".{module}", __package__), function)(args)

    return handler


#: Commands that end by leaving the process at once (``main(quick_exit=True)``, as build.py asks):
#: they register nothing to clean up, and a big story freed object by object at exit costs
#: more than a tenth of a second (bench/authoring.py).
QUICK_EXIT = ("build", "check")


def main(argv: list[str] | None = None, quick_exit: bool = False) -> int:
    """Run one command; ``quick_exit``: for build and check, flush the output and end the
    process here, without Python's teardown (only for a process of its own, never in tests)."""
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, "build"])
    handler = {
        "build": cmd_build,
        "check": cmd_check,
        "matrix": cmd_matrix,
        "lint": cmd_lint,
        "play": cmd_play,
        "screenshots": cmd_screenshots,
        "test": cmd_test,
        "transcript": _lazy("play.textplay", "cmd_transcript"),
        "randomtest": _lazy("play.randomplay", "cmd_randomtest"),
        "translations": _lazy("i18n.command", "cmd_translations"),
        "words": _lazy("play.words", "cmd_words"),
        "coverage": _lazy("engine.coverage_run", "cmd_coverage"),
        "guide": _lazy("teach.guide", "cmd_guide"),
        "dist": _lazy("engine.dist", "cmd_dist"),
        "schema": _lazy("author.schema", "cmd_schema"),
        "graph": _lazy("author.drawing", "cmd_graph"),
        "watch": _lazy("author.watch", "cmd_watch"),
        "web": _lazy("web.page", "cmd_web"),
    }[args.command]
    quick = quick_exit and args.command in QUICK_EXIT
    if quick:  # nothing is freed before the end: the cycle collector would only walk the story again
        import gc

        gc.disable()
    code = handler(args)
    if quick:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
