#!/usr/bin/env python3
"""The real-engine coverage run: how long it takes, and with how many engine processes.

    python3 bench/coverage_run.py              # build.py coverage's own settings, on scenarios/ and tests/sample
    python3 bench/coverage_run.py --compare    # also 1 process, and the full-size window (several minutes more)
    python3 bench/coverage_run.py --source scenarios --processes 1

Each configuration runs ``coverage_run.run_coverage`` in this process, which
is exactly what ``python3 build.py coverage`` does (check and plan, stage the
game once, play the planned paths in Ren'Py under Xvfb, compare with the
reference interpreter, count). It prints, per source and configuration: wall
time and its split (planning, staging, engine, checking), planned paths,
engine processes and what each played (paths, lines, decisions, seconds),
and whether every choice and ending was covered with no difference.

Target: ``build.py coverage`` on scenarios/ within 3 minutes on this 2-core
machine (PASS/MISS; a miss is reported, not failed). The exit status is 0
unless something crashed or the coverage itself failed (a coverage that
fails is a broken story or engine, not a slow one).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))

from tyg.engine import coverage_run  # noqa: E402
from tyg.engine.locate import EngineNotFound, find_engine  # noqa: E402

TARGET_SECONDS = 180.0
FULL_SCREEN = "1920x1080x24"  # what the engine tests use: a 1280x720 window


def measure(source: str, processes: int, screen: str) -> tuple[coverage_run.Result, float]:
    start = time.monotonic()
    res = coverage_run.run_coverage(source, processes=processes, screen=screen)
    return res, time.monotonic() - start


def show(name: str, processes: int, screen: str, res: coverage_run.Result, wall: float) -> None:
    sec = res.seconds
    split = ", ".join(f"{k} {sec.get(k, 0.0):.1f}" for k in ("planning", "staging", "engine", "checking"))
    c, e = res.total("choices"), res.total("endings")
    print(f"  {name:<12} {processes} process(es), Xvfb {screen}: {wall:6.1f} s wall ({split})")
    print(f"  {'':<12} {res.paths} paths; choices {c.taken}/{c.total}, endings {e.taken}/{e.total}, "
          f"lines {res.total('lines').taken}/{res.total('lines').total}; differential {res.matched}/{res.paths}; "
          f"{'OK' if res.ok else 'FAILED'}")
    for i, r in enumerate(res.runs, 1):
        per = r["seconds"] / max(1, r["lines"] + 2 * r["decisions"])
        print(f"  {'':<12}   engine {i}: {r['paths']} paths, {r['lines']} lines, {r['decisions']} decisions, "
              f"{r['seconds']:.1f} s ({1000 * per:.0f} ms a click), exit {r['exit']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", action="append", help="scenario folder (default: scenarios and tests/sample); repeatable")
    ap.add_argument("--processes", type=int, default=coverage_run.PROCESSES, help="engine processes (default: %(default)s)")
    ap.add_argument("--screen", default=coverage_run.SCREEN, help="Xvfb screen (default: %(default)s)")
    ap.add_argument("--compare", action="store_true", help="also run with 1 process and with the full-size window")
    args = ap.parse_args()
    try:
        engine = find_engine()
    except EngineNotFound as exc:
        print(exc, file=sys.stderr)
        return 2
    sources = args.source or [os.path.join(ROOT, "scenarios"), os.path.join(ROOT, "tests", "sample")]
    configs = [(args.processes, args.screen)]
    if args.compare:
        configs += [(1, args.screen), (args.processes, FULL_SCREEN)]
    print(f"Engine: {engine.describe()}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f} (1 min)")
    failed = False
    main_wall: float | None = None
    for source in sources:
        name = os.path.relpath(source, ROOT)
        print(f"\n{name}:")
        for processes, screen in configs:
            res, wall = measure(source, processes, screen)
            show(name, processes, screen, res, wall)
            failed |= not res.ok
            if source == sources[0] and (processes, screen) == configs[0]:
                main_wall = wall
    print(f"\nload average {os.getloadavg()[0]:.2f} (1 min) at the end; engine runs are wall-clock time, "
          "so other work on the machine slows them")
    if main_wall is not None:
        verdict = "PASS" if main_wall <= TARGET_SECONDS else "MISS"
        print(f"Target: build.py coverage on {os.path.relpath(sources[0], ROOT)} in <= {TARGET_SECONDS:.0f} s: "
              f"{main_wall:.1f} s  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
