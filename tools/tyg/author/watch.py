"""build.py watch: re-check and rebuild on every save, for an author with the game open beside the editor.

    python3 build.py watch                  # scenarios/ -> game/generated/
    python3 build.py watch tests/sample --game /tmp/game

It builds once, then watches the source folder (and its translations
folder, when there is one) with ``watchfiles`` (inotify on Linux, FSEvents
on macOS, ReadDirectoryChangesW on Windows). After every save it checks and
rebuilds with the build cache, so only the saved file is read again, and
prints either the diagnostics, or ``ok`` with the files that changed and
what was written. A save with errors writes nothing: ``game/`` keeps the last
good build, and the game keeps running it.

In the running game (``python3 build.py play``), press Shift+R once: Ren'Py
reloads the story, and from then on reloads by itself whenever
``game/generated/`` changes (its autoreload, in developer mode, which a game
run from this folder is in). Ctrl+C stops watching.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

#: Milliseconds of quiet after a change before rebuilding: editors write a file in several steps.
DEBOUNCE_MS = 30
STEP_MS = 10


def _is_source(path: str) -> bool:
    name = os.path.basename(path)
    return name.endswith((".yaml", ".yml", ".po", "LINGUAS")) and not name.startswith((".", "#")) and not name.endswith("~")


def watched_folders(source: str) -> list[str]:
    folder = source if os.path.isdir(source) else (os.path.dirname(source) or ".")
    out = [folder]
    try:
        from tyg.i18n import po

        tl = po.translations_dir(source)
        inside = os.path.abspath(tl).startswith(os.path.abspath(folder) + os.sep)
        if os.path.isdir(tl) and not inside:  # one inside the folder is watched with it
            out.append(tl)
    except (ImportError, AttributeError):
        pass
    return out


def rebuild(source: str, game: str, cache, fmt: str, changed: list[str] | None) -> bool:
    """One check-and-build, reported on stdout (diagnostics on stderr, as build does). True when it built."""
    from tyg.cli import _print_report
    from tyg.compile import pipeline

    t0 = time.perf_counter()
    result = pipeline.build(source, game, cache=cache)
    took = time.perf_counter() - t0
    _print_report(result, fmt)
    saved = ", ".join(os.path.relpath(p) for p in changed) if changed else "first build"
    if not result.ok:
        print(f"not built ({saved}): {len(result.report.errors)} error(s); game/ keeps the last good build", flush=True)
        sys.stderr.flush()
        return False
    wrote = [os.path.relpath(p) for p in (*result.written, *result.removed)]
    what = f"wrote {', '.join(wrote)}" if wrote else "the game is unchanged"
    warnings = len(result.report.warnings)
    note = f", {warnings} warning(s)" if warnings else ""
    print(f"ok in {took:.2f} s ({saved}{note}): {what}", flush=True)
    return True


def cmd_watch(args: argparse.Namespace) -> int:
    from tyg.cli import ENV_ERROR, OK, _paths, build_cache

    try:
        from watchfiles import watch
    except ImportError:
        print("build.py watch needs the watchfiles package: python3 -m pip install watchfiles (or bash tools/setup.sh)", file=sys.stderr)
        return ENV_ERROR
    source, game = _paths(args)
    if not os.path.exists(source):
        print(f"no such file or folder: {source}", file=sys.stderr)
        return ENV_ERROR
    import signal

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # a terminal's Ctrl+C, or a test's or an editor task's terminate()
    cache = build_cache()
    rebuild(source, game, cache, args.format, None)
    folders = watched_folders(source)
    ready = False
    try:
        # yield_on_timeout: an empty batch once the watcher is in place, so "watching" is only said when it is true.
        for changes in watch(*folders, watch_filter=lambda _change, path: _is_source(path), debounce=DEBOUNCE_MS,
                             step=STEP_MS, rust_timeout=200, yield_on_timeout=True):
            if not ready:
                ready = True
                print(f"watching {', '.join(os.path.relpath(f) for f in folders)} "
                      "(Ctrl+C stops; in the game, Shift+R turns on reloading)", flush=True)
            if not changes:
                continue
            paths = sorted({p for _, p in changes})
            if os.path.isfile(source):
                paths = [p for p in paths if os.path.abspath(p) == os.path.abspath(source)
                         or os.path.basename(p).startswith("catalogue.") or not p.endswith((".yaml", ".yml"))]
                if not paths:
                    continue
            rebuild(source, game, cache, args.format, paths)
    except KeyboardInterrupt:
        pass
    print("stopped watching", flush=True)
    return OK
