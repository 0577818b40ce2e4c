#!/usr/bin/env python3
"""Authoring speed: the four figures of issue 14, side by side against their targets, in one run.

    python3 bench/authoring.py            # about a minute and a half on the 2-core machine
    python3 bench/authoring.py --runs 5   # more repeats of the short figures (medians)
    python3 bench/authoring.py --keep /tmp/tyg-authoring

1. **Warm rebuild**: a 10-file, 10,000-scene project (``build_scaling.generate_project``)
   is built once with a fresh build cache; then one file's text is changed and
   ``python3 build.py build`` runs again, a whole new process using the cache
   (wall time, process start to exit; the median of ``--warm-runs``, each after a
   change of its own). Its ``game/generated/`` must be byte for
   byte what a cold build (no cache) of the changed project writes. Target <= 1 s.
   Shown too: the same rebuild inside one process (as ``watch`` does it), and a
   second warm figure where each change adds a line to a scene half-way down the
   file, so that the 500 scenes after it move.
2. **Cold build**: ``pipeline.build`` of the 10,000 scenes, no cache (two processes
   when the machine has two cores), against PyYAML's libyaml ``compose`` alone
   (``yaml.compose(text, Loader=yaml.CSafeLoader)``) of the same files, timed in
   the same run, best of ``--cold-runs``. Target: at most 2x.
3. **check**: ``python3 build.py check`` on the shipped stories, whole process
   (median of ``--runs``), with the build cache as an author has it (primed by one
   run); the cold figure (``TYG_NO_CACHE=1``) is shown beside it. Target <= 0.4 s.
4. **watch**: ``python3 build.py watch`` on a copy of ``scenarios/``: from the
   moment a changed file is saved to the moment the rebuilt script in
   ``game/generated/`` has the new text (median of ``--runs`` saves). Target <= 0.5 s.

Processes run with Python's bytecode cache on, as on an author's machine
(``process_env``). Wall-clock figures: other work on the machine slows them. The load average is
printed before and after; CPU time (user + system) is printed beside the
whole-process figures, since it hardly moves with the load.
"""

from __future__ import annotations

import argparse
import glob
import os
import queue
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD_PY = os.path.join(ROOT, "build.py")
pipeline = Cache = generate_project = None  # imported from the snapshot by use_snapshot()


def use_snapshot(work: str) -> None:
    """Run everything from a copy of build.py and tools/ taken now.

    The build cache is keyed by a hash of the toolchain's source, so an edit to
    tools/ in the middle of a run (a shared checkout) would make every warm
    figure a cold one. The copy keeps the run to one toolchain.
    """
    global BUILD_PY, pipeline, Cache, generate_project
    snap = os.path.join(work, "toolchain")
    shutil.copytree(os.path.join(ROOT, "tools"), os.path.join(snap, "tools"),
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    shutil.copy(os.path.join(ROOT, "build.py"), snap)
    BUILD_PY = os.path.join(snap, "build.py")
    sys.path.insert(0, os.path.join(snap, "tools"))
    from tyg.compile import pipeline as p
    from tyg.compile.cache import Cache as C

    sys.path.insert(1, os.path.join(ROOT, "bench"))
    from build_scaling import generate_project as g  # its own tools/ path comes after: tyg is already the snapshot's

    pipeline, Cache, generate_project = p, C, g
    assert p.__file__.startswith(snap), p.__file__
TARGETS = {"warm": 1.0, "cold_ratio": 2.0, "check": 0.4, "watch": 0.5}


def generated(game: str) -> dict[str, bytes]:
    from tyg.compile.output import _generated_names

    gen = os.path.join(game, "generated")
    return {name: open(os.path.join(gen, name), "rb").read() for name in _generated_names(gen)}


def process_env(cache_dir: str, **extra: str) -> dict[str, str]:
    """The environment of a measured ``build.py`` process: an author's. Python keeps its compiled
    bytecode (in the snapshot's ``__pycache__``), as it does unless told not to: a machine that sets
    PYTHONDONTWRITEBYTECODE (this sandbox does) would otherwise compile the toolchain in every run."""
    env = dict(os.environ, TYG_CACHE_DIR=cache_dir, **extra)
    for name in ("TYG_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def timed_process(cmd: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (user + system of the child) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def compose_seconds(files: list[str]) -> float:
    t0 = time.perf_counter()
    for path in files:
        with open(path, "rb") as fh:
            yaml.compose(fh.read().decode("utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - t0


def toolchain_now() -> str:
    from tyg.compile import cache

    cache._TOOLCHAIN = None
    return cache.toolchain_hash()


def add_a_line(src: str, n: int = 0) -> str:
    """In the same file, change a scene half-way down and add a line to it: the scenes after it move."""
    path = os.path.join(src, "bench_004.yaml")
    text = open(path, encoding="utf-8").read()
    at = text.index(f"\n  - id: s{500 + n}\n") + 1
    end = text.index("\n    steps:\n", at) + len("\n    steps:\n")
    new = text[:end] + '      - narrate: "A line added while writing."\n' + text[end:]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(new)
    return path


def change_one_file(src: str, n: int = 0) -> str:
    """Change the text of one line in one scenario file (so that its generated script changes)."""
    path = os.path.join(src, "bench_004.yaml")
    text = open(path, encoding="utf-8").read()
    new = text.replace('title: "Benchmark: bench_004', f'title: "Benchmark: bench_004 (edited {n})', 1)
    assert new != text
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(new)
    return path


def figure_build(work: str, cold_runs: int, warm_runs: int) -> dict:
    src = os.path.join(work, "src10k")
    info = generate_project(src, 10_000, 1_000)
    files = sorted(glob.glob(os.path.join(src, "*.yaml")))
    env = process_env(os.path.join(work, "cache"))

    # 2. cold build against compose, best of cold_runs, alternating
    best_build = best_compose = float("inf")
    for r in range(cold_runs):
        best_compose = min(best_compose, compose_seconds(files))
        game = os.path.join(work, f"cold-{r}")
        os.makedirs(game)
        t0 = time.perf_counter()
        result = pipeline.build(src, game)
        best_build = min(best_build, time.perf_counter() - t0)
        assert result.ok and not result.report.items, result.report.render_text()[:2000]
        shutil.rmtree(game)

    # 1. warm rebuild, a new process, after changing one file (median of warm_runs, each after
    # a change of its own). Other work on the toolchain's source (a shared checkout)
    # invalidates the cache: then the runs are repeated.
    game = os.path.join(work, "game-cached")
    os.makedirs(game)
    cmd = [sys.executable, BUILD_PY, "build", src, "--game", game]
    for attempt in range(3):
        before = toolchain_now()
        wall_first, _, proc = timed_process(cmd, env)
        assert proc.returncode == 0, proc.stderr
        warm, moved = [], []
        for n in range(warm_runs):
            change_one_file(src, attempt * warm_runs + n)
            wall, cpu, proc = timed_process(cmd, env)
            assert proc.returncode == 0, proc.stderr
            warm.append((wall, cpu))
        for n in range(warm_runs):
            add_a_line(src, attempt * warm_runs + n)
            wall, _, proc = timed_process(cmd, env)
            assert proc.returncode == 0, proc.stderr
            moved.append(wall)
        if toolchain_now() == before:
            break
        print("the toolchain's source changed during the warm rebuilds: measuring again", file=sys.stderr)
    # For scale: a Python process that does nothing, in the same environment.
    python_start = statistics.median(timed_process([sys.executable, "-c", "pass"], env)[0] for _ in range(5))
    wall_warm = statistics.median(w for w, _ in warm)
    cpu_warm = statistics.median(c for _, c in warm)
    slowest_warm = max(w for w, _ in warm)
    reference = os.path.join(work, "game-reference")
    os.makedirs(reference)
    cold = pipeline.build(src, reference)
    assert cold.ok
    identical = generated(game) == generated(reference)
    # ... and inside one process, as watch does it (its cache in memory is the same files on disk)
    path = os.path.join(src, "bench_004.yaml")
    text = open(path, encoding="utf-8").read()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text.replace("(edited", "(edited again", 1))
    toolchain_now()
    cache = Cache(env["TYG_CACHE_DIR"])
    t0 = time.perf_counter()
    again = pipeline.build(src, game, cache=cache)
    in_process = time.perf_counter() - t0
    assert again.ok
    if [os.path.basename(p) for p in again.changed] != ["bench_004.yaml"]:
        print(f"in-process rebuild read {len(again.changed)} files again (the toolchain changed?)", file=sys.stderr)
    return {
        "bytes": info["bytes"], "files": len(files), "compose": best_compose, "cold": best_build,
        "first": wall_first, "warm": wall_warm, "warm_cpu": cpu_warm, "warm_max": slowest_warm, "warm_runs": warm_runs,
        "python_start": python_start, "moved": statistics.median(moved),
        "identical": identical,
        "in_process": in_process, "written": [os.path.basename(p) for p in again.written],
    }


def figure_check(work: str, runs: int) -> dict:
    env = process_env(os.path.join(work, "check-cache"))
    cmd = [sys.executable, BUILD_PY, "check", "scenarios"]  # the shipped stories (cwd is the checkout)
    first = timed_process(cmd, env)
    assert first[2].returncode == 0, first[2].stdout + first[2].stderr
    warm = [timed_process(cmd, env) for _ in range(runs)]
    cold = [timed_process(cmd, dict(env, TYG_NO_CACHE="1")) for _ in range(max(1, runs // 2))]
    return {
        "warm": statistics.median(w for w, _, _ in warm), "warm_cpu": statistics.median(c for _, c, _ in warm),
        "cold": statistics.median(w for w, _, _ in cold), "cold_cpu": statistics.median(c for _, c, _ in cold),
        "first": first[0],
    }


def figure_watch(work: str, runs: int) -> dict:
    src = os.path.join(work, "watch-src")
    shutil.copytree(os.path.join(ROOT, "scenarios"), src)
    game = os.path.join(work, "watch-game")
    os.makedirs(game)
    env = process_env(os.path.join(work, "watch-cache"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, BUILD_PY, "watch", src, "--game", game], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()  # type: ignore[union-attr]

    def wait_for(prefix: str, timeout: float = 120) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                continue
            if line.startswith(prefix):
                return line
        raise RuntimeError(f"watch said no {prefix!r} in {timeout} s")

    latencies = []
    try:
        wait_for("watching ")
        story = os.path.join(src, "niko.yaml")
        script = os.path.join(game, "generated", "scenario_niko.rpy")
        original = open(story, encoding="utf-8").read()
        title_line = next(line for line in original.splitlines() if line.strip().startswith("title:"))
        for i in range(runs):
            marker = f"Draft {i}"
            changed = original.replace(title_line, title_line.rstrip() + f" ({marker})", 1)
            if changed.count(f"({marker})") != 1 or ":" not in title_line:
                raise RuntimeError("cannot find the story's title line to edit")
            with open(story, "w", encoding="utf-8") as fh:
                fh.write(changed)
            t0 = time.perf_counter()
            while marker not in open(script, encoding="utf-8").read():
                if time.perf_counter() - t0 > 30:
                    raise RuntimeError("watch did not rebuild within 30 s")
                time.sleep(0.002)
            latencies.append(time.perf_counter() - t0)
            wait_for("ok in ")
            time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return {"median": statistics.median(latencies), "max": max(latencies), "runs": len(latencies)}


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5, help="repeats of the check and watch figures (median; default 5)")
    p.add_argument("--cold-runs", type=int, default=2, help="cold builds and composes of 10,000 scenes (best; default 2)")
    p.add_argument("--warm-runs", type=int, default=3, help="warm rebuilds, each after a change of its own (median; default 3)")
    p.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = p.parse_args(argv)
    work = args.keep or tempfile.mkdtemp(prefix="tyg-authoring-")
    os.makedirs(work, exist_ok=True)
    use_snapshot(work)
    load_before = os.getloadavg()[0]
    try:
        b = figure_build(work, args.cold_runs, args.warm_runs)
        c = figure_check(work, args.runs)
        w = figure_watch(work, args.runs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()[0]
    ratio = b["cold"] / b["compose"]
    rows = [
        ("warm rebuild, 1 of 10 files changed (10,000 scenes; new process)", f"{b['warm']:.2f} s",
         f"<= {TARGETS['warm']:g} s", verdict(b["warm"] <= TARGETS["warm"] and b["identical"]),
         f"median of {b['warm_runs']}, slowest {b['warm_max']:.2f} s; cpu {b['warm_cpu']:.2f} s; "
         f"python3 -c pass alone {b['python_start']:.2f} s; output {'byte-identical to' if b['identical'] else 'DIFFERS from'} a cold build; "
         f"in one process {b['in_process']:.2f} s"),
        ("warm rebuild, a line added half-way down that file (new process)", f"{b['moved']:.2f} s",
         f"<= {TARGETS['warm']:g} s", verdict(b["moved"] <= TARGETS["warm"] and b["identical"]),
         f"median of {b['warm_runs']}: one scene changed, the 500 after it moved down a line"),
        ("cold build, 10,000 scenes / libyaml compose alone", f"{ratio:.2f}x", f"<= {TARGETS['cold_ratio']:g}x",
         verdict(ratio <= TARGETS["cold_ratio"]), f"build {b['cold']:.2f} s, compose {b['compose']:.2f} s, "
         f"{b['files']} files, {b['bytes'] / 1e6:.1f} MB"),
        ("python3 build.py check, shipped stories (whole process)", f"{c['warm']:.2f} s", f"<= {TARGETS['check']:g} s",
         verdict(c["warm"] <= TARGETS["check"]), f"cpu {c['warm_cpu']:.2f} s; without the cache {c['cold']:.2f} s "
         f"(cpu {c['cold_cpu']:.2f} s)"),
        ("watch: save -> rebuilt game/generated/ (shipped stories)", f"{w['median']:.2f} s", f"<= {TARGETS['watch']:g} s",
         verdict(w["median"] <= TARGETS["watch"]), f"median of {w['runs']} saves, slowest {w['max']:.2f} s"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'measured':>8}  {'target':>8}  verdict  notes")
    for name, got, target, ok, notes in rows:
        print(f"{name:<{width}}  {got:>8}  {target:>8}  {ok:<7}  {notes}")
    print(f"load average (1 min): {load_before:.2f} before, {load_after:.2f} after; {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
