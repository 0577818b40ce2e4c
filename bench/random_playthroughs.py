#!/usr/bin/env python3
"""How fast random play-throughs run in the reference interpreter (``build.py randomtest``).

    python3 bench/random_playthroughs.py               # 10,000 runs of each shipped scenario, best of 3
    python3 bench/random_playthroughs.py --repeat 1    # one pass
    python3 bench/random_playthroughs.py --runs 2000 --source tests/sample

It checks the project once (not timed), then times ``randomplay.random_test``
(every scenario, each run choosing at random among the choices on screen,
every invariant checked on every run), best of --repeat passes with the same
seed. For each scenario it prints runs, seconds, runs per second and the
microseconds a run takes, then the total beside the target: 10,000 runs of
every shipped scenario in under 10 s (wall clock). CPU seconds are printed
beside the wall time, with the load average: on a busy machine the wall time
grows and the CPU time does not.

Misses are reported, not failed: the exit status is 0 unless something
crashed (a project that does not check clean counts as a crash). Runs that
break an invariant are counted and printed; they are the story's problem,
not the benchmark's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))

from tyg.compile import pipeline  # noqa: E402
from tyg.play.randomplay import random_test  # noqa: E402

TARGET_SECONDS = 10.0
TARGET_RUNS = 10_000


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", default=os.path.join(ROOT, "scenarios"), help="scenario folder (default: scenarios/)")
    p.add_argument("--runs", type=int, default=TARGET_RUNS, help=f"runs per scenario (default {TARGET_RUNS:,})")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--repeat", type=int, default=3, help="timed passes, best taken (default 3)")
    args = p.parse_args(argv)
    if args.runs < 1 or args.repeat < 1:
        p.error("--runs and --repeat must be at least 1")

    checked = pipeline.check(args.source)
    if not checked.ok or checked.project is None:
        raise SystemExit(f"{args.source} does not check clean:\n{checked.report.render_text()}")
    project = checked.project
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(f"{len(project.scenarios)} scenarios from {os.path.relpath(args.source, ROOT)}, {args.runs:,} runs each, seed {args.seed}\n")

    best = None
    for _ in range(args.repeat):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        results = random_test(project, args.runs, args.seed)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        if best is None or wall < best[0]:
            best = (wall, cpu, results)
    wall, cpu, results = best

    print(f"{'scenario':<16} {'runs':>8} {'seconds':>8} {'runs/s':>9} {'us/run':>8} {'endings':>8} {'paths':>7} {'failed':>7}")
    for r in results:
        rate = r.runs / r.seconds if r.seconds else float("inf")
        print(
            f"{r.id:<16} {r.runs:>8,} {r.seconds:>8.2f} {rate:>9,.0f} {r.seconds / r.runs * 1e6:>8.0f} "
            f"{len(r.endings):>3}/{len(r.all_endings):<4} {r.paths:>7,} {r.failed_runs:>7,}"
        )
    total = sum(r.runs for r in results)
    print(f"{'total':<16} {total:>8,} {wall:>8.2f} {total / wall:>9,.0f} {wall / total * 1e6:>8.0f}")
    print(f"\nCPU {cpu:.2f} s for {wall:.2f} s wall (best of {args.repeat}); load average now {os.getloadavg()[0]:.2f}")
    shipped = args.runs >= TARGET_RUNS
    note = "" if shipped else f" (scaled: only {args.runs:,} runs per scenario were timed)"
    projected = wall * TARGET_RUNS / args.runs
    print(
        f"target: {TARGET_RUNS:,} runs of every scenario in under {TARGET_SECONDS:.0f} s: "
        f"{projected:.2f} s{note}  {verdict(projected < TARGET_SECONDS)}"
    )
    broken = sum(len(r.failures) for r in results)
    if broken:
        print(f"note: {broken} invariant problem(s) found; run build.py randomtest for details")
    return 0


if __name__ == "__main__":
    sys.exit(main())
