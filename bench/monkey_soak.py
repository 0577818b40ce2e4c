#!/usr/bin/env python3
"""A longer monkey run than CI's: many seeds, more inputs each, in the real engine.

    python3 bench/monkey_soak.py                      # 5 random seeds x 20,000 inputs
    python3 bench/monkey_soak.py --seeds 3 --inputs 50000
    python3 bench/monkey_soak.py --seed 20261203      # replay one seed

The same monkey as tests/test_monkey.py (tests/engine_support/monkey.rpy): random
keys, clicks and wheel on every screen, failing on any engine exception and on
Enter doing anything but the focused button's action. Prints, per seed: wall
time, inputs per second, problems found (with the inputs that led there) and
screens reached; then the seeds that failed, to replay. The exit status is 1 if
any seed found a problem.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tests"))

import test_monkey  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=5, help="how many random seeds")
    ap.add_argument("--seed", type=int, action="append", help="a seed to run (repeatable)")
    ap.add_argument("--inputs", type=int, default=20000, help="inputs per seed")
    args = ap.parse_args()
    seeds = args.seed or [random.randrange(1, 10**9) for _ in range(args.seeds)]
    failed = []
    for seed in seeds:
        with tempfile.TemporaryDirectory(prefix="tyg-monkey-") as tmp:
            run, done = test_monkey.run_monkey(tmp, seed, args.inputs, timeout=max(1200, args.inputs // 4))
        found = test_monkey.problems(run)
        missing = sorted(test_monkey.SCREENS - set(done.get("screens", [])))
        sent = done.get("inputs", 0)
        print(f"seed {seed}: {run.seconds:.0f} s, {sent} inputs ({sent / max(run.seconds, 1):.0f}/s), "
              f"{len(found)} problems, exit {run.returncode}, screens not reached: {missing or 'none'}")
        for p in found[:5]:
            print("   ", p.replace("\n", "\n    "))
        if found or run.returncode != 0 or sent != args.inputs:
            failed.append(seed)
    print("failed seeds (replay with --seed N):", failed or "none")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
