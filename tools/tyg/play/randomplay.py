"""Random play-throughs in the reference interpreter (``build.py randomtest``).

Each scenario is played many times (10,000 by default), each run taking a
choice uniformly at random among those on screen, from a fixed seed, so the
same seed always plays the same runs. Every run must keep four promises:

* **it ends**: an ending within ``scene_limit`` scenes (a loop is a failure);
* **every decision showed its feedback**;
* **every ending showed help**: at least one help resource that exists and
  says how to reach it;
* **no flag is read before it is set**: a condition may only read a flag this
  run has already set, to true or false.

The build's checks cannot see the last one, nor loops that conditions close
(they assume every condition can hold); random play finds them, each with
the run's path and the file:line to fix.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from tyg.compile import pipeline
from tyg.compile.diagnostics import Loc
from tyg.play.interpret import PathError, Run, Tables
from tyg.compile.nodes import Catalogue, Scenario

ENDS, FEEDBACK, HELP, FLAGS = "ends", "feedback", "help", "flag-read"
INVARIANTS = {
    ENDS: "every run ends",
    FEEDBACK: "every decision shows its feedback",
    HELP: "every ending shows help",
    FLAGS: "no flag is read before it is set",
}


def scene_limit(sc: Scenario) -> int:
    """Scenes a run may visit before it counts as a loop: generous for stories that loop back on purpose."""
    return 100 + 20 * len(sc.scenes)


@dataclass
class Failure:
    invariant: str  # a key of INVARIANTS
    message: str
    loc: Loc | None
    runs: int  # how many runs broke it in this same place
    path: list[str]  # the choices of the first such run

    def render(self, scenario: str) -> str:
        where = f"{self.loc.file}:{self.loc.line}:{self.loc.col}: " if self.loc else ""
        path = ",".join(self.path) or "(none)"
        if len(self.path) > 20:  # a loop: its start says enough
            path = ",".join(self.path[:12]) + f",... ({len(self.path)} choices)"
        return f"{where}{scenario}: {self.message} ({self.runs} run{'s' * (self.runs != 1)}; first path: {path})"

    def to_json(self) -> dict:
        return {
            "invariant": self.invariant,
            "message": self.message,
            "file": self.loc.file if self.loc else None,
            "line": self.loc.line if self.loc else None,
            "column": self.loc.col if self.loc else None,
            "runs": self.runs,
            "path": self.path,
        }


@dataclass
class ScenarioResult:
    id: str
    file: str
    runs: int
    endings: Counter = field(default_factory=Counter)  # ending id -> runs that reached it
    all_endings: list[str] = field(default_factory=list)
    paths: int = 0  # distinct paths seen (sequences of choice ids)
    failures: list[Failure] = field(default_factory=list)
    failed_runs: int = 0  # runs that broke at least one invariant
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "file": self.file,
            "runs": self.runs,
            "failed_runs": self.failed_runs,
            "endings_reached": len(self.endings),
            "endings_total": len(self.all_endings),
            "endings": {e: self.endings.get(e, 0) for e in self.all_endings},
            "distinct_paths": self.paths,
            "failures": [f.to_json() for f in self.failures],
            "seconds": round(self.seconds, 3),
        }


def _reachable_resources(catalogue: Catalogue | None) -> set[str] | None:
    """Resource ids a player can actually use (known, with a phone, text or web address); None without a catalogue."""
    if catalogue is None:
        return None
    return {r.id for r in catalogue.resources if r.url or r.phone or r.sms}


def play_out(run: Run, rnd) -> None:
    """Play ``run`` to its ending, each decision a uniform pick (``rnd()`` in [0, 1)) among the choices on screen."""
    while True:
        shown = run.advance()
        if shown is None:
            return
        run.choose(shown[int(rnd() * len(shown))])


def play_randomly(sc: Scenario, runs: int, seed: int, catalogue: Catalogue | None = None) -> ScenarioResult:
    """``runs`` random play-throughs of ``sc`` from ``random.Random(seed)``, every invariant checked on each."""
    started = time.perf_counter()
    tables = Tables(sc)
    limit = scene_limit(sc)
    usable = _reachable_resources(catalogue)
    result = ScenarioResult(sc.id, sc.file, runs, all_endings=[e.id for e in sc.endings])
    found: dict[tuple, Failure] = {}
    paths: set[tuple[str, ...]] = set()
    rnd = random.Random(seed).random
    failed = 0

    def fail(key: tuple, invariant: str, message: str, loc: Loc | None, path: list[str]) -> None:
        f = found.get(key)
        if f is None:
            found[key] = Failure(invariant, message, loc, 1, path)
        else:
            f.runs += 1

    for _ in range(runs):
        run = Run(sc, tables, limit)
        t = run.t
        bad = False
        try:
            play_out(run, rnd)
        except PathError as exc:
            bad = True
            fail((ENDS, exc.scene), ENDS, exc.message, exc.loc, t.path)
        if len(t.feedback) != len(t.choices):
            bad = True
            shown_fb = set(t.feedback)
            for cid, _ in t.choices:
                if cid not in shown_fb:
                    c = tables.choices[cid]
                    fail((FEEDBACK, cid), FEEDBACK, f"choice '{cid}' showed no feedback", c.loc, t.path)
        if t.ending is not None:
            result.endings[t.ending] += 1
            helpful = [r for r in t.resources if usable is None or r in usable]
            if not helpful:
                bad = True
                ending = tables.endings[t.ending]
                what = "no help resources" if not t.resources else f"no help resource a player can reach ({', '.join(t.resources)})"
                fail((HELP, t.ending), HELP, f"ending '{t.ending}' shows {what}", ending.loc, t.path)
        for spec, was_set in t.read_log:
            if not was_set:
                bad = True
                name, loc, scene = spec
                fail(
                    (FLAGS, name, loc),
                    FLAGS,
                    f"flag '{name}' is read in scene '{scene}' before this run sets it",
                    loc,
                    t.path,
                )
        failed += bad
        paths.add(tuple(c for c, _ in t.choices))
    result.paths = len(paths)
    result.failed_runs = failed
    result.failures = sorted(found.values(), key=lambda f: (f.loc or Loc(""), f.invariant, f.message))
    result.seconds = time.perf_counter() - started
    return result


def random_test(project, runs: int = 10_000, seed: int = 0) -> list[ScenarioResult]:
    """Every scenario of a checked project, each from its own ``random.Random(seed)``."""
    return [play_randomly(sc, runs, seed, project.catalogue) for sc in project.scenarios]


def render_text(results: list[ScenarioResult], runs: int, seed: int, seconds: float) -> str:
    out = [f"randomtest: {runs} random play-throughs per scenario, seed {seed}"]
    width = max((len(r.id) for r in results), default=0)
    for r in results:
        status = "ok" if not r.failures else f"{r.failed_runs} failed run{'s' * (r.failed_runs != 1)}"
        out.append(
            f"  {r.id:<{width}}  {r.runs} runs  {len(r.endings)} of {len(r.all_endings)} endings  "
            f"{r.paths} distinct paths  {status}"
        )
        unreached = [e for e in r.all_endings if e not in r.endings]
        if unreached:
            out.append(f"  {'':<{width}}  endings not reached: {', '.join(unreached)}")
    failures = [(r.id, f) for r in results for f in r.failures]
    for sid, f in failures:
        out.append(f.render(sid))
    total = sum(r.runs for r in results)
    if failures:
        broken = sorted({INVARIANTS[f.invariant] for _, f in failures})
        out.append(f"FAILED: {len(failures)} problem(s) in {total} runs ({seconds:.1f} s); broken: {'; '.join(broken)}")
    else:
        out.append(
            f"{total} runs in {seconds:.1f} s: every run ended, every decision showed its feedback, "
            "every ending showed help, no flag was read before it was set"
        )
    return "\n".join(out)


def cmd_randomtest(args: argparse.Namespace) -> int:
    from tyg.cli import _paths, _print_report

    if args.runs < 1:
        print("--runs must be at least 1", file=sys.stderr)
        return 2
    source, _ = _paths(args)
    checked = pipeline.check(source)
    if not checked.ok or checked.project is None:
        _print_report(checked, args.format)
        return 1
    started = time.perf_counter()
    results = random_test(checked.project, args.runs, args.seed)
    seconds = time.perf_counter() - started
    failed = any(r.failures for r in results)
    if args.format == "json":
        total = sum(r.runs for r in results)
        print(
            json.dumps(
                {
                    "seed": args.seed,
                    "runs_per_scenario": args.runs,
                    "runs": total,
                    "seconds": round(seconds, 3),
                    "ok": not failed,
                    "invariants": INVARIANTS,
                    "scenarios": [r.to_json() for r in results],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(render_text(results, args.runs, args.seed, seconds))
    return 1 if failed else 0
