#!/usr/bin/env python3
"""Startup time and peak memory of our game, against a blank Ren'Py project.

    python3 bench/startup_memory.py              # 5 runs of each game
    python3 bench/startup_memory.py --runs 11
    python3 bench/startup_memory.py --keep /tmp/tyg-startup   # keep both staged games, e.g. to profile

Two games are staged in a temporary folder and measured in the same run,
under the same conditions:

* **ours**: the hand-written runtime (game/*.rpy) with the real story
  (scenarios/) built fresh into it, as the engine tests stage it
  (``enginekit.stage_game``);
* **blank**: a new project from Debian's Ren'Py template
  (/usr/share/games/renpy/gui; with an SDK, the SDK's gui/), made the way the launcher's "Create New
  Project" makes one (English, 1280x720, the first dark accent colour): the
  launcher's generator (gui7.generate_gui) writes script.rpy, options.rpy,
  gui.rpy and screens.rpy and draws the coloured gui/ images, then Ren'Py's
  ``gui_images`` command draws the other gui/ images (buttons, bars, sliders,
  scrollbars), for the phone and for the desktop. The launcher itself is not
  run (Debian's needs python3-requests); its last step, a tl/None/common.rpym
  of the engine's interface strings, is left out, so the baseline is the
  smallest working project. The template cannot be copied as it is: its .rpy
  files call gui.scale(), which the generator replaces with numbers, and
  Debian ships none of its gui/ images.

Both get the same one-statement testcase, which runs at the first frame of
the first interaction (the main menu; the testcase checks that the main_menu
screen is showing) and writes ``time.monotonic()`` to a file, then quits.
Both are pre-compiled once (``renpy <basedir> compile``) and started once
more untimed (warm-up: Ren'Py writes its bytecode and screen-analysis caches
and the persistent file on a first start). With an engine that writes .rpyc
files the timed starts then compile no .rpy. Debian's renpy 8.0.3 writes none
(nor has any for its own common/*.rpy): every start parses every .rpy again
and recompiles their python blocks ($, python, define, default: Ren'Py keys
their cached bytecode by the time they were parsed, which only an .rpyc
keeps), for both games alike. The benchmark says which case it measured, and
which compiled files and caches the timed starts rewrote.

Each timed run is ``timeout -k 5 T /usr/bin/time -f %M python3 /usr/games/renpy
--savedir ... <basedir> test tyg_bench_startup`` with a private HOME, on a
private Xvfb display started once for the whole benchmark (so Xvfb's own
startup is in neither figure), SDL_VIDEODRIVER=x11, SDL_AUDIODRIVER=dummy.

* startup = launch of that command (time.monotonic() just before it is
  started) to the testcase's timestamp at the main menu; CLOCK_MONOTONIC is
  system-wide, so the two clocks agree;
* peak memory = maximum resident set size of the engine's Python process
  (/usr/bin/time's %M, in kilobytes; without /usr/bin/time, wait4()'s
  ru_maxrss of the timeout process, which is the largest of it and its
  descendants, i.e. the engine).

The games are run in turn (ours, blank; then blank, ours; ...), N runs each;
median and best are reported, and ours/blank ratios of the medians beside
the goal: at most 1.2x for both. Misses are reported, not failed: the exit
status is 0 unless something crashed (a build, compile or engine run that
fails).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tests"))

import enginekit  # noqa: E402
from tyg.engine.locate import HEADLESS_ENV, EngineNotFound, find_engine  # noqa: E402
from tyg.engine.stage import private_display  # noqa: E402

STORY = os.path.join(ROOT, "scenarios")
DEBIAN_TEMPLATE_GAME = "/usr/share/games/renpy/gui/game"
TEMPLATE_FILES = ("script.rpy", "options.rpy", "gui.rpy", "screens.rpy")
GNU_TIME = "/usr/bin/time"
SCREEN = "1280x720x24"

TESTCASE_NAME = "tyg_bench_startup"
TESTCASE_FILE = "zz_bench_startup.rpy"
GOAL_RATIO = 1.2
WAIT_WARNING = 0.2  # seconds of startup not spent on the CPU (median) beyond which the machine was busy
SPREAD_WARNING = 0.25  # slowest minus fastest start, as a part of the median, beyond which it was busy

MB = 1024 * 1024


class Crash(Exception):
    pass


# ------------------------------------------------------------------ staging


def testcase_script(stamp: str) -> str:
    """The startup testcase: at the first frame of the main menu, record the clock and CPU time, then quit."""
    code = (
        f"__import__('pathlib').Path({stamp!r}).write_text("
        "repr((__import__('time').monotonic(), __import__('time').process_time(), "
        "renpy.get_screen('main_menu') is not None)))"
    )
    return f"testcase {TESTCASE_NAME}:\n    $ {code}\n    $ renpy.quit()\n"


def stage_ours(dest: str) -> str:
    """The runtime with the real story built fresh into it (as the engine tests stage a game)."""
    return enginekit.stage_game(dest, STORY)


MAKER_SCRIPT = """\
## Draws a new project the way the launcher's "Create New Project" does (new GUI,
## English, 1280x720, the first dark accent colour): gui7.generate_gui.
define gui.asian = False
init 100 python:
    import os, sys
    sys.path.insert(0, os.path.join(config.renpy_base, "launcher", "game"))
    from gui7.parameters import GuiParameters
    from gui7 import generate_gui
    generate_gui(GuiParameters({prefix!r}, {template!r}, 1280, 720, "#0099cc", "#000000", False, None, True, True, True, "blank"))
"""


def template_game(engine) -> str:
    """The new-project template's game folder: Debian's, or the SDK's own gui/game."""
    if engine.kind == "sdk":
        return os.path.join(os.path.dirname(os.path.abspath(engine.location)), "gui", "game")
    return DEBIAN_TEMPLATE_GAME


def stage_blank(dest: str, maker: str, engine, display: str, timeout: int) -> str:
    """A new project from Debian's template, made the way the launcher's "Create New Project" makes it.

    The launcher itself cannot run here (it needs python3-requests), so its two
    steps are run directly: a throwaway game calls the launcher's generator
    (gui7.generate_gui: the template's .rpy files with gui.scale() replaced by
    numbers, and the coloured gui/ images), then Ren'Py's own ``gui_images``
    command draws the remaining gui/ images (buttons, bars, sliders, scrollbars),
    once for the phone variant and once for the desktop, as the launcher does.
    The launcher's last step, a tl/None/common.rpym of the engine's interface
    strings, is left out: the baseline stays the smallest working project.
    """
    game = os.path.join(dest, "game")
    os.makedirs(game)
    os.makedirs(os.path.join(maker, "game"))
    with open(os.path.join(maker, "game", "make.rpy"), "w", encoding="utf-8") as fh:
        fh.write(MAKER_SCRIPT.format(prefix=game, template=template_game(engine)))
    compile_game(engine, maker, display, timeout)
    missing = [f for f in TEMPLATE_FILES if not os.path.isfile(os.path.join(game, f))]
    if missing:
        raise Crash(f"the launcher's generator made no {', '.join(missing)} in {game}")
    run_command(engine, dest, ["gui_images"], display, timeout, env={"RENPY_VARIANT": "small phone"})
    run_command(engine, dest, ["gui_images"], display, timeout)
    for name in ("cache", "saves"):
        shutil.rmtree(os.path.join(game, name), ignore_errors=True)
    shutil.rmtree(os.path.join(dest, "home"), ignore_errors=True)
    for name in ("log.txt",):
        if os.path.exists(os.path.join(dest, name)):
            os.unlink(os.path.join(dest, name))
    for needed in ("gui/main_menu.png", "gui/overlay/main_menu.png", "gui/button/idle_background.png"):
        if not os.path.isfile(os.path.join(game, needed)):
            raise Crash(f"the new blank project has no {needed}")
    return dest


def engine_env(engine, basedir: str, display: str) -> dict[str, str]:
    home = os.path.join(basedir, "home")
    os.makedirs(home, exist_ok=True)
    # Ours shows a first-start screen before the main menu once; a returning player doesn't see it.
    env = engine.environ({"HOME": home, **HEADLESS_ENV, "DISPLAY": display, "RENPY_SKIP_SPLASHSCREEN": "1"})
    env.pop("XAUTHORITY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def savedir(basedir: str) -> str:
    return os.path.join(basedir, "home", "saves")


def failure_detail(basedir: str, output: str) -> str:
    detail = output
    for name in ("traceback.txt", "errors.txt"):
        path = os.path.join(basedir, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as fh:
                detail += f"\n--- {name}\n" + fh.read()
    return detail[-6000:]


def clear_failure_files(basedir: str) -> None:
    for name in ("traceback.txt", "errors.txt"):
        path = os.path.join(basedir, name)
        if os.path.exists(path):
            os.unlink(path)


def run_command(engine, basedir: str, args: list[str], display: str, timeout: int, env: dict | None = None) -> float:
    """A Ren'Py command (compile, gui_images, ...) on basedir; returns its wall time, raises Crash on failure."""
    clear_failure_files(basedir)
    cmd = ["timeout", "-k", "5", str(timeout), *engine.command(basedir, *args, savedir=savedir(basedir))]
    t0 = time.monotonic()
    proc = subprocess.run(
        cmd, env={**engine_env(engine, basedir, display), **(env or {})}, capture_output=True, text=True, errors="replace"
    )
    wall = time.monotonic() - t0
    if proc.returncode != 0 or os.path.exists(os.path.join(basedir, "traceback.txt")):
        raise Crash(
            f"Ren'Py {' '.join(args)} failed (exit {proc.returncode}) in {basedir}:\n"
            + failure_detail(basedir, proc.stdout + proc.stderr)
        )
    return wall


def compile_game(engine, basedir: str, display: str, timeout: int) -> float:
    """Ren'Py's compile command (.rpy -> .rpyc, and game/cache); returns its wall time."""
    return run_command(engine, basedir, ["compile"], display, timeout)


def compiled_state(basedir: str) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every compiled script and cache file, to see what timed runs rewrite."""
    game = os.path.join(basedir, "game")
    out = {}
    for dirpath, dirnames, files in os.walk(game):
        dirnames[:] = [d for d in dirnames if d != "saves"]
        for f in files:
            if f.endswith((".rpyc", ".rpymc", ".rpyb")):
                st = os.stat(os.path.join(dirpath, f))
                out[os.path.relpath(os.path.join(dirpath, f), game)] = (st.st_mtime_ns, st.st_size)
    return out


def sources(basedir: str) -> dict:
    """Sizes of what the game loads: scripts, compiled scripts, images."""
    game = os.path.join(basedir, "game")
    info = {"rpy": 0, "rpy_bytes": 0, "rpy_lines": 0, "rpyc_bytes": 0, "images": 0, "image_bytes": 0}
    for dirpath, dirnames, files in os.walk(game):
        dirnames[:] = [d for d in dirnames if d not in ("cache", "saves")]
        for f in files:
            path = os.path.join(dirpath, f)
            if f.endswith(".rpy"):
                info["rpy"] += 1
                info["rpy_bytes"] += os.path.getsize(path)
                with open(path, "rb") as fh:
                    info["rpy_lines"] += fh.read().count(b"\n")
            elif f.endswith(".rpyc"):
                info["rpyc_bytes"] += os.path.getsize(path)
            elif f.lower().endswith((".png", ".jpg", ".jpeg", ".webp")):
                info["images"] += 1
                info["image_bytes"] += os.path.getsize(path)
    return info


# ------------------------------------------------------------------ one timed start


def start_once(engine, basedir: str, display: str, timeout: int) -> dict:
    """Launch the game's startup testcase: seconds to the main menu, CPU seconds the engine used
    until then (user + system, all its threads), seconds to exit, and peak RSS (KB)."""
    stamp = os.path.join(basedir, "startup.stamp")
    rss_file = os.path.join(basedir, "maxrss.txt")
    out_file = os.path.join(basedir, "run-output.txt")
    for path in (stamp, rss_file):
        if os.path.exists(path):
            os.unlink(path)
    clear_failure_files(basedir)
    env = engine_env(engine, basedir, display)
    engine_cmd = engine.command(basedir, "test", TESTCASE_NAME, savedir=savedir(basedir))
    use_time = os.access(GNU_TIME, os.X_OK)
    wrap = [GNU_TIME, "-f", "%M", "-o", rss_file] if use_time else []
    cmd = ["timeout", "-k", "5", str(timeout), *wrap, *engine_cmd]
    with open(out_file, "w", encoding="utf-8") as out:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        t_exit = time.monotonic()
        proc.returncode = os.waitstatus_to_exitcode(status)
    with open(out_file, encoding="utf-8", errors="replace") as fh:
        output = fh.read()
    if proc.returncode != 0 or not os.path.exists(stamp):
        raise Crash(
            f"the startup run failed (exit {proc.returncode}{', timed out' if proc.returncode in (124, 137) else ''}) "
            f"in {basedir}:\n" + failure_detail(basedir, output)
        )
    with open(stamp, encoding="utf-8") as fh:
        t_menu, cpu, at_main_menu = ast.literal_eval(fh.read())  # (float, float, bool), written by our testcase
    if not at_main_menu:
        raise Crash(f"the startup testcase ran before the main menu was shown in {basedir}")
    if use_time:
        with open(rss_file, encoding="utf-8") as fh:
            lines = [ln.strip() for ln in fh if ln.strip()]
        maxrss_kb = int(lines[-1])
    else:
        maxrss_kb = usage.ru_maxrss  # kilobytes on Linux: the largest of timeout and its descendants
    return {"startup": t_menu - t0, "cpu": cpu, "exit": t_exit - t0, "maxrss_kb": maxrss_kb, "log": log_timings(basedir)}


# ------------------------------------------------------------------ Ren'Py's log


TOOK = re.compile(r"^(.*?) took ([0-9.]+)\s*s\b")


def log_timings(basedir: str) -> list[tuple[str, float]]:
    """Ren'Py's own startup timings ("X took 0.12s" lines) from the last run's log.txt."""
    path = os.path.join(basedir, "log.txt")
    if not os.path.exists(path):
        return []
    out = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            m = TOOK.match(line.strip())
            if m:
                out.append((m.group(1).rstrip(". "), float(m.group(2))))
    return out


def renpy_version(basedir: str) -> str:
    path = os.path.join(basedir, "log.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("Ren'Py "):
                    return line.strip()
    return "Ren'Py (version unknown)"


# ------------------------------------------------------------------ report


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def summarize(runs: list[dict]) -> dict:
    s = [r["startup"] for r in runs]
    m = [r["maxrss_kb"] for r in runs]
    e = [r["exit"] for r in runs]
    c = [r["cpu"] for r in runs]
    return {
        "cpu_median": statistics.median(c),
        "wait_median": statistics.median(r["startup"] - r["cpu"] for r in runs),
        "spread": (max(s) - min(s)) / statistics.median(s),
        "startup_median": statistics.median(s),
        "startup_best": min(s),
        "rss_median": statistics.median(m) * 1024 / MB,
        "rss_best": min(m) * 1024 / MB,
        "exit_median": statistics.median(e),
    }


def print_log_comparison(results: dict[str, list[dict]]) -> None:
    """Ren'Py's logged startup steps, median over the timed starts of each game, side by side."""
    labels = list(results)
    per_step: dict[str, dict[str, list[float]]] = {}
    for label in labels:
        for run in results[label]:
            seen: dict[str, float] = {}
            for step, sec in run["log"]:
                seen[step] = seen.get(step, 0.0) + sec
            for step, sec in seen.items():
                per_step.setdefault(step, {}).setdefault(label, []).append(sec)
    if not per_step:
        print("(no log.txt timings found)")
        return
    print(f"{'step (log.txt; median of the timed starts)':<44}" + "".join(f"{label:>9}" for label in labels) + f"{'diff':>9}")
    totals = dict.fromkeys(labels, 0.0)
    for step, by_label in per_step.items():
        vals = [statistics.median(by_label[label]) if label in by_label else None for label in labels]
        for label, v in zip(labels, vals):
            totals[label] += v or 0.0
        diff = vals[0] - vals[1] if None not in vals else None
        print(
            f"{step[:43]:<44}"
            + "".join(f"{('-' if v is None else f'{v:.2f}s'):>9}" for v in vals)
            + f"{('' if diff is None else f'{diff:+.2f}s'):>9}"
        )
    print(f"{'sum of the medians':<44}" + "".join(f"{totals[label]:>8.2f}s" for label in labels)
          + f"{totals[labels[0]] - totals[labels[1]]:>+8.2f}s")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5, help="timed starts of each game (default 5)")
    p.add_argument("--timeout", type=int, default=120, help="seconds before an engine run is killed (default 120)")
    p.add_argument("--renpy", metavar="PATH", help="an official Ren'Py SDK (default: RENPY_SDK, then Debian's renpy)")
    p.add_argument("--keep", metavar="DIR", help="stage the games in DIR and keep them (default: a temporary folder)")
    args = p.parse_args(argv)
    if args.runs < 1:
        p.error("--runs must be at least 1")

    engine = find_engine(args.renpy)
    if not os.path.isdir(template_game(engine)):
        raise Crash(f"Ren'Py's new-project template is missing: {template_game(engine)}")
    if args.keep:
        if os.path.exists(args.keep) and os.listdir(args.keep):
            p.error(f"--keep {args.keep}: the folder must be new or empty")
        os.makedirs(args.keep, exist_ok=True)
    load_start = os.getloadavg()[0]
    work = args.keep or tempfile.mkdtemp(prefix="tyg-startup-")
    screen = contextlib.ExitStack()
    display = screen.enter_context(private_display(SCREEN))
    try:
        ours = os.path.join(work, "ours")
        blank = os.path.join(work, "blank")
        games = [("ours", ours), ("blank", blank)]

        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; work folder {work}")
        print(f"Engine: {engine.describe()}; private Xvfb {display} ({SCREEN}), SDL_VIDEODRIVER=x11, SDL_AUDIODRIVER=dummy")
        mem_how = (
            f"{GNU_TIME} -f %M around the engine's python process"
            if os.access(GNU_TIME, os.X_OK)
            else "wait4() ru_maxrss of the timeout process (largest of it and its descendants: the engine)"
        )
        print(f"Peak memory: max RSS of the engine process, by {mem_how}")

        t0 = time.monotonic()
        stage_ours(ours)
        print(f"\nours:  staged the runtime and built the story from scenarios/ ({time.monotonic() - t0:.2f} s)")
        t0 = time.monotonic()
        stage_blank(blank, os.path.join(work, "blank-maker"), engine, display, args.timeout)
        print(f"blank: new project from {os.path.dirname(template_game(engine))} as the launcher makes one (gui7.generate_gui: "
              f"{', '.join(TEMPLATE_FILES)} and gui/ images; then `gui_images`) ({time.monotonic() - t0:.2f} s)")

        before = {}
        rpyc_written = True
        for label, base in games:
            enginekit.add_script(base, TESTCASE_FILE, testcase_script(os.path.join(base, "startup.stamp")))
            secs = compile_game(engine, base, display, args.timeout)
            warm = start_once(engine, base, display, args.timeout)
            before[label] = compiled_state(base)
            info = sources(base)
            rpyc_written = rpyc_written and info["rpyc_bytes"] > 0
            print(
                f"{label:<6} pre-compiled once ({secs:.2f} s) and started once untimed ({warm['startup']:.2f} s to the menu): "
                f"{info['rpy']} .rpy files, {info['rpy_lines']:,} lines, {info['rpy_bytes'] / 1024:.0f} KB "
                f"(.rpyc {info['rpyc_bytes'] / 1024:.0f} KB); {info['images']} images, {info['image_bytes'] / 1024:.0f} KB"
            )
        print(f"{'':<6} (both include the {TESTCASE_FILE} testcase)")
        if rpyc_written:
            print("Pre-compiled: the timed starts load .rpyc files and do not compile .rpy.")
        else:
            print(
                "NOTE: this engine wrote no .rpyc files (Debian's renpy 8.0.3 has no code that writes them, and has\n"
                "none for its own common/*.rpy), so every start, timed or not, parses every .rpy again and recompiles\n"
                "its python blocks ($, python, define, default; their cached bytecode is keyed by parse time), for\n"
                "both games alike: 'Loading script' below. Pre-compiling only filled game/cache (expression bytecode,\n"
                "screen and Python analysis). A game built with the Ren'Py SDK ships .rpyc files and skips both."
            )

        results: dict[str, list[dict]] = {label: [] for label, _ in games}
        print(f"\nTimed starts, {args.runs} of each, in turn:", flush=True)
        for i in range(args.runs):
            order = games if i % 2 == 0 else games[::-1]
            for label, base in order:
                r = start_once(engine, base, display, args.timeout)
                results[label].append(r)
                print(
                    f"  run {i + 1:>2} {label:<6} startup {r['startup']:.3f} s (CPU {r['cpu']:.3f} s), exit {r['exit']:.3f} s, "
                    f"peak RSS {r['maxrss_kb'] * 1024 / MB:.1f} MB",
                    flush=True,
                )
        for label, base in games:
            after = compiled_state(base)
            changed = sorted(k for k in set(after) | set(before[label]) if after.get(k) != before[label].get(k))
            print(f"  {label}: compiled scripts and caches rewritten during the timed runs: {', '.join(changed) or 'none'}")

        s = {label: summarize(results[label]) for label, _ in games}
        o, b = s["ours"], s["blank"]
        t_ratio = o["startup_median"] / b["startup_median"]
        t_best_ratio = o["startup_best"] / b["startup_best"]
        m_ratio = o["rss_median"] / b["rss_median"]
        c_ratio = o["cpu_median"] / b["cpu_median"]

        print(f"\nStartup (launch -> first frame of the main menu) and peak memory, {args.runs} runs each; {renpy_version(ours)}")
        print(
            f"{'game':<25}{'startup median':>15}{'best':>9}{'peak RSS median':>17}{'best':>10}"
            f"{'(CPU median)':>14}{'(exit median)':>15}"
        )
        names = {"ours": "ours (Trust Your Gut)", "blank": "blank (Ren'Py template)"}
        for label, _ in games:
            x = s[label]
            print(
                f"{names[label]:<25}{x['startup_median']:>13.3f} s{x['startup_best']:>7.3f} s"
                f"{x['rss_median']:>14.1f} MB{x['rss_best']:>7.1f} MB{x['cpu_median']:>12.3f} s{x['exit_median']:>13.3f} s"
            )
        print(
            f"{'ours / blank':<25}{t_ratio:>14.2f}x{t_best_ratio:>8.2f}x{m_ratio:>16.2f}x"
            f"{o['rss_best'] / b['rss_best']:>9.2f}x{c_ratio:>13.2f}x"
        )
        print(f"\nGoal: at most {GOAL_RATIO}x the blank project for both (medians)")
        print(f"  startup     {t_ratio:.2f}x  {verdict(t_ratio <= GOAL_RATIO)}")
        print(f"  peak memory {m_ratio:.2f}x  {verdict(m_ratio <= GOAL_RATIO)}")
        print(
            "MB = 1,048,576 bytes. Not part of the goal: CPU = user + system CPU seconds of the engine process until\n"
            "the main menu (all its threads; other processes change it less than startup), and\n"
            "exit = launch to process exit (includes quitting)."
        )
        load_end = os.getloadavg()[0]
        print(
            f"Steadiness: startup minus CPU, median: ours {o['wait_median']:+.2f} s, blank {b['wait_median']:+.2f} s "
            f"(about 0 when idle); slowest minus fastest start: ours {o['spread']:.0%}, blank {b['spread']:.0%} "
            f"of the median.\nLoad average (1 min): {load_start:.2f} before the benchmark, {load_end:.2f} after "
            "(the benchmark adds about 1)."
        )
        if max(o["wait_median"], b["wait_median"]) > WAIT_WARNING or max(o["spread"], b["spread"]) > SPREAD_WARNING:
            print(
                "WARNING: the starts waited for a CPU or varied a lot, so the machine was busy (other processes, or\n"
                "a slower virtual CPU) and not equally for both games: the startup ratio is unreliable. Compare the\n"
                "CPU column, or run again on an idle machine, with more --runs."
            )

        print("\nRen'Py's own startup steps, from each game's log.txt:")
        print_log_comparison(results)
        return 0
    finally:
        screen.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (Crash, EngineNotFound) as exc:
        print(f"\nstartup_memory: {exc}", file=sys.stderr)
        sys.exit(1)
    except Exception:
        traceback.print_exc()
        sys.exit(1)
