#!/usr/bin/env python3
"""What measuring the menu's minutes adds to every check (play/words.py, measure_scenario).

    python3 bench/measure_minutes.py                 # scenarios/, then generated 1,000 and 10,000 scenes
    python3 bench/measure_minutes.py --sizes 1000    # generated sizes only as listed (0: none)

For each project it loads every scenario once, then times ``measure_scenario`` alone (the
random play-throughs the build adds: 300 seeded runs, at most 5,000 decisions in all, at
least 9 runs), best of ``--runs`` in CPU seconds, and prints it beside a full
``pipeline.check`` in one process without the cache, so the share of the check is plain. Generated projects come from
``bench/build_scaling.py`` (the same stories its figures use).

Target: at most 0.5 s on the shipped stories (a check stays interactive).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "bench"))

from tyg.compile import pipeline  # noqa: E402
from tyg.compile.diagnostics import Report  # noqa: E402
from tyg.compile.load import CATALOGUE_NAME, load_catalogue, load_scenario, scenario_files  # noqa: E402
from tyg.play.words import measure_scenario  # noqa: E402

TARGET_SHIPPED = 0.5


def best(fn, runs: int) -> float:
    """Best CPU time of ``runs`` calls (process time: a shared, busy machine inflates the wall clock)."""
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def one(label: str, source: str, runs: int) -> float:
    report = Report()
    catalogue = load_catalogue(os.path.join(source, CATALOGUE_NAME), report)
    stories = [load_scenario(f, report) for f in scenario_files(source)]
    scenes = sum(len(sc.scenes) for sc in stories)
    measure = best(lambda: [measure_scenario(sc, catalogue, Report()) for sc in stories], runs)
    check = best(lambda: pipeline.check(source, processes=1), runs)  # no cache unless one is passed
    minutes = ", ".join(f"{sc.id} {sc.measured_minutes}" for sc in stories[:4]) + (" ..." if len(stories) > 4 else "")
    print(f"{label:>22}: {len(stories)} stories, {scenes:,} scenes; measuring {measure:.3f} s CPU, "
          f"whole check {check:.3f} s CPU ({measure / check:.0%}); minutes: {minutes}")
    return measure


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="generated project sizes in scenes, comma-separated (0: none)")
    ap.add_argument("--runs", type=int, default=3, help="timings per project, best taken (default 3)")
    args = ap.parse_args()
    shipped = one("scenarios/", os.path.join(ROOT, "scenarios"), args.runs)
    import build_scaling

    with tempfile.TemporaryDirectory(prefix="tyg-minutes-") as tmp:
        for size in (int(s) for s in args.sizes.split(",") if s.strip() and int(s) > 0):
            dest = os.path.join(tmp, str(size))
            build_scaling.generate_project(dest, size, 1000)
            one(f"generated {size:,} scenes", dest, 1 if size >= 10_000 else args.runs)
    verdict = "ok" if shipped <= TARGET_SHIPPED else "MISS"
    print(f"target: measuring the shipped stories in <= {TARGET_SHIPPED} s CPU: {shipped:.3f} s  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
