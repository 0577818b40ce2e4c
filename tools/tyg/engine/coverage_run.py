"""``build.py coverage``: play the planned paths in the real engine, compare, report.

1. **Plan** (``coverage.py``): a few paths per scenario that together take
   every choice and reach every ending; the reference interpreter
   (``interpret.play``) gives each path's transcript.
2. **Stage** the game once (``stage.stage_game``) in a private folder.
3. **Engine**: the paths are shared out between a few engine processes (two
   suit a 2-core machine), each playing its share in one Ren'Py testcase on
   one private Xvfb. The runtime's trace (``TYG_TRACE``) records every line
   shown, choice, feedback screen, scene label and ending, each with the
   generated .rpy statement it came from.
4. **Differential**: each path's trace must equal the interpreter's transcript
   line for line: the scenes, the lines (speaker and text), the choices, a
   feedback screen straight after every decision (with the catalogue items it
   lists and which of them it explains in full), the discussion prompts and
   the ending. The first difference is reported with the generated file:line
   and the YAML file:line it was compiled from (the ``## src:N`` comment above
   it). Coverage is counted from what the engine showed.

Exit codes: 0 every choice and ending covered and no difference; 1 otherwise
(or author errors); 2 no engine.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

from tyg.play import coverage, interpret
from tyg.compile import pipeline
from tyg.i18n.apply import ui
from tyg.i18n.command import use_language
from tyg.engine import stage
from tyg.compile.diagnostics import Diagnostic, Severity
from tyg.compile.emit import SOURCE_PREFIX
from tyg.engine.locate import EngineNotFound, find_engine
from tyg.compile.lower import Names
from tyg.compile.nodes import Chat, Narrate, Say, Scenario, walk_steps

#: Engine processes in parallel; this machine has two cores.
PROCESSES = 2
#: The Xvfb screen: Ren'Py opens a 512x288 window in it (the screen less 102 pixels each way), drawn
#: about three times faster than 1280x720 by software GL. Layout and text do not change: the game lays
#: out in its own 1280x720 pixels and scales.
SCREEN = "614x390x24"
#: One llvmpipe thread per engine process: two processes already fill two cores.
ENGINE_ENV = {"LP_NUM_THREADS": "1"}
TESTCASE = "tyg_coverage"
SRC_RE = re.compile(r"^\s*## src:(\d+)\s*$")


# ------------------------------------------------------------------ where things come from


@dataclass(frozen=True)
class Where:
    """A statement of a generated script, and the YAML line it was compiled from."""

    rpy: str
    rpy_line: int
    yaml: str | None = None
    yaml_line: int | None = None

    def __str__(self) -> str:
        if self.yaml is None:
            return f"{self.rpy}:{self.rpy_line}"
        return f"{self.rpy}:{self.rpy_line} (from {self.yaml}:{self.yaml_line})"

    def to_json(self) -> dict:
        return {"rpy": self.rpy, "rpy_line": self.rpy_line, "yaml": self.yaml, "yaml_line": self.yaml_line}


class SourceMap:
    """Generated script lines of a staged game, mapped back to the YAML by their ``## src:N`` comments."""

    def __init__(self, basedir: str) -> None:
        self.basedir = basedir
        self.files: dict[str, list[str]] = {}

    def lines(self, rpy: str) -> list[str]:
        if rpy not in self.files:
            try:
                with open(os.path.join(self.basedir, rpy), encoding="utf-8") as fh:
                    self.files[rpy] = fh.read().splitlines()
            except OSError:
                self.files[rpy] = []
        return self.files[rpy]

    def where(self, rpy: str | None, line: int | None) -> Where | None:
        if not rpy or not line:
            return None
        text = self.lines(rpy)
        source = next((t[len(SOURCE_PREFIX):] for t in text[:5] if t.startswith(SOURCE_PREFIX)), None)
        for i in range(min(line, len(text)) - 2, -1, -1):  # the comment above the statement
            m = SRC_RE.match(text[i])
            if m:
                return Where(rpy, line, source, int(m.group(1)))
        return Where(rpy, line)

    def of(self, event: dict) -> Where | None:
        return self.where(event.get("rpy"), event.get("rpy_line"))

    def jump(self, rpy: str, after: int, label: str) -> int | None:
        """The first ``jump label`` after line ``after`` in the same Ren'Py label block."""
        text = self.lines(rpy)
        for i in range(after, len(text)):
            line = text[i]
            if line.startswith("label "):
                return None
            if line.strip() == f"jump {label}":
                return i + 1
        return None


# ------------------------------------------------------------------ the model's lines


@dataclass
class Model:
    """What one scenario holds, to count coverage against."""

    sc: Scenario
    choices: dict[str, object] = field(default_factory=dict)  # id -> Choice
    lines: dict[tuple, int] = field(default_factory=dict)  # (yaml line, who, text) -> line number in the model
    line_count: int = 0
    line_at: list[int] = field(default_factory=list)  # line number in the model -> its YAML line
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # Ren'Py label -> ("scene" | "ending", id)

    @classmethod
    def of(cls, sc: Scenario) -> "Model":
        m = cls(sc)
        names = {c.id: c.name.value for c in sc.characters}
        n = Names(sc.id)
        for s in sc.scenes:
            m.labels[n.node(s.id)] = ("scene", s.id)
            for st in walk_steps(s.steps):
                if isinstance(st, Narrate):
                    m._line(st.loc.line, None, st.text.value)
                elif isinstance(st, Say):
                    m._line(st.loc.line, names.get(st.who.id), st.text.value)
                elif isinstance(st, Chat):
                    m._line(st.loc.line, names.get(st.sender.id), st.text.value)
            if s.prompt is not None and s.choices:
                number = m._line(s.prompt.loc.line, None, s.prompt.value)
                # The prompt is said inside the menu statement, whose ## src comment is the scene's.
                m.lines.setdefault((s.loc.line, None, s.prompt.value), number)
            for c in s.choices:
                m.choices[c.id] = c
        for e in sc.endings:
            m.labels[n.node(e.id)] = ("ending", e.id)
        return m

    def _line(self, line: int, who: str | None, text: str) -> int:
        key = (line, who, text)
        if key not in self.lines:
            self.lines[key] = self.line_count
            self.line_at.append(line)
            self.line_count += 1
        return self.lines[key]


# ------------------------------------------------------------------ results


@dataclass
class Mismatch:
    """The first place where the engine and the reference interpreter disagree on one path."""

    scenario: str
    path: list[str]
    message: str
    where: Where | None = None

    def render(self) -> str:
        at = f"{self.where}: " if self.where else ""
        return f"{at}{self.scenario} [{', '.join(self.path) or 'no choices'}]: {self.message}"

    def to_json(self) -> dict:
        return {"scenario": self.scenario, "path": self.path, "message": self.message,
                "where": self.where.to_json() if self.where else None}


@dataclass
class Tally:
    taken: int
    total: int
    missing: list[str] = field(default_factory=list)  # "id (file:line)"

    @property
    def percent(self) -> float:
        """Rounded down to a tenth, so that only a full count shows 100."""
        return math.floor(1000.0 * self.taken / self.total) / 10 if self.total else 100.0

    def to_json(self) -> dict:
        return {"shown": self.taken, "total": self.total, "percent": round(self.percent, 1), "missing": self.missing}


@dataclass
class ScenarioReport:
    id: str
    file: str
    choices: Tally
    endings: Tally
    scenes: Tally
    lines: Tally
    distinct_paths: int | None
    planned_paths: int

    def to_json(self) -> dict:
        return {
            "id": self.id, "file": self.file,
            "choices": self.choices.to_json(), "endings": self.endings.to_json(),
            "scenes": self.scenes.to_json(), "lines": self.lines.to_json(),
            "distinct_paths": self.distinct_paths, "planned_paths": self.planned_paths,
        }


@dataclass
class Result:
    source: str
    engine: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)  # author errors (check) and what no path can do
    scenarios: list[ScenarioReport] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    paths: int = 0
    matched: int = 0
    processes: int = 0
    failures: list[str] = field(default_factory=list)  # engine processes that failed, planning that stopped
    runs: list[dict] = field(default_factory=list)  # per engine process: paths, lines, decisions, seconds, exit status
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def total(self, what: str) -> Tally:
        tallies = [getattr(s, what) for s in self.scenarios]
        return Tally(sum(t.taken for t in tallies), sum(t.total for t in tallies))

    @property
    def ok(self) -> bool:
        full = all(s.choices.taken == s.choices.total and s.endings.taken == s.endings.total for s in self.scenarios)
        return full and not self.errors and not self.mismatches and not self.failures

    def to_json(self) -> dict:
        paths = [s.distinct_paths for s in self.scenarios]
        return {
            "source": self.source,
            "engine": self.engine,
            "ok": self.ok,
            "scenarios": [s.to_json() for s in self.scenarios],
            "total": {
                **{k: self.total(k).to_json() | {"missing": None} for k in ("choices", "endings", "scenes", "lines")},
                "distinct_paths": None if None in paths else sum(paths),  # type: ignore[arg-type]
                "planned_paths": self.paths,
            },
            "differential": {"paths": self.paths, "matched": self.matched, "mismatches": [m.to_json() for m in self.mismatches]},
            "engine_processes": self.processes,
            "engine_runs": self.runs,
            "failures": self.failures,
            "diagnostics": [d.to_json() for d in sorted(self.diagnostics)],
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
        }


# ------------------------------------------------------------------ the differential


class _Diff:
    """Walks one path's engine trace against the interpreter's transcript; stops at the first difference."""

    def __init__(self, model: Model, t: interpret.Transcript, smap: SourceMap) -> None:
        self.model, self.t, self.smap = model, t, smap
        self.scenes = deque(t.scenes)
        self.lines = deque(t.lines)
        self.choices = deque(c for c, _ in t.choices)
        self.discussions = deque(t.discussions)
        self.cards = deque(t.cards)
        self.ending = t.ending
        self.last: dict | None = None  # the last event that named its statement
        self.last_choice: dict | None = None  # the choice that led into the current scene
        self.handlers = {"label": self._label, "line": self._line, "choice": self._choice,
                         "feedback": self._feedback, "discuss": self._discuss, "ending": self._ending}

    def fail(self, message: str, where: Where | None) -> Mismatch:
        return Mismatch(self.t.scenario, [c for c, _ in self.t.choices], message, where)

    def run(self, events: list[dict]) -> Mismatch | None:
        if not events:
            return self.fail("the engine did not play this path (its process stopped before it)", None)
        waiting: dict | None = None  # a choice whose feedback screen has not shown yet
        for e in events:
            kind = e["event"]
            if waiting is not None and kind != "feedback":
                return self.fail(
                    f"no feedback screen after choice '{waiting['choice']}': the engine went on to {self.describe(e)}",
                    self.smap.of(waiting),
                )
            handler = self.handlers.get(kind)
            problem = handler(e) if handler else None
            if problem is not None:
                return problem
            if kind == "choice":
                waiting = e
            elif kind == "feedback":
                waiting = None
            if "rpy" in e:
                self.last = e
        if waiting is not None:
            return self.fail(f"no feedback screen after choice '{waiting['choice']}'", self.smap.of(waiting))
        return self._leftovers()

    def _label(self, e: dict) -> Mismatch | None:
        kind, node = self.model.labels.get(e["name"], ("", ""))
        if kind != "scene":
            return None
        want = self.scenes.popleft() if self.scenes else None
        if node == want:
            self.last_choice = None
            return None
        where = self.smap.of(e)
        if self.last is not None:
            jump = self.smap.jump(self.last["rpy"], self.last["rpy_line"], e["name"])
            came = self.smap.of(self.last_choice or self.last)
            if jump is not None:
                where = Where(self.last["rpy"], jump, came.yaml if came else None, came.yaml_line if came else None)
        after = f"after choice '{self.last_choice['choice']}' " if self.last_choice else ""
        expected = f"scene '{want}'" if want else "no further scene (the path has reached its ending)"
        return self.fail(f"{after}the engine went to scene '{node}'; the reference interpreter goes to {expected}", where)

    def _line(self, e: dict) -> Mismatch | None:
        got = (e.get("who"), e.get("what"))
        if not self.lines:
            return self.fail(f"the engine showed a line the reference interpreter does not: {_quote(got)}", self.smap.of(e))
        want = self.lines.popleft()
        if tuple(want) != got:
            return self.fail(f"the engine showed {_quote(got)}; the reference interpreter shows {_quote(want)}", self.smap.of(e))
        return None

    def _choice(self, e: dict) -> Mismatch | None:
        want = self.choices.popleft() if self.choices else None
        self.last_choice = e
        if e.get("choice") != want:
            return self.fail(f"the engine took choice '{e.get('choice')}'; the path takes '{want}'", self.smap.of(e))
        return None

    def _feedback(self, e: dict) -> Mismatch | None:
        if self.last_choice is None or e.get("choice") != self.last_choice.get("choice"):
            return self.fail(f"a feedback screen for '{e.get('choice')}' without that choice just before it", self.smap.of(e))
        card = self.cards.popleft() if self.cards else ()
        items = [f"{key}:{id_}" for key, id_, _ in card]
        explained = [f"{key}:{id_}" for key, id_, full in card if full]
        if e.get("items") != items:
            return self.fail(f"the feedback card for '{e.get('choice')}' lists {e.get('items')}; the reference interpreter lists {items}",
                             self.smap.of(self.last_choice))
        if e.get("explained") != explained:
            return self.fail(
                f"the feedback card for '{e.get('choice')}' explains {e.get('explained')} in full; the reference interpreter "
                f"explains {explained} (an item is explained the first time a play-through meets it)",
                self.smap.of(self.last_choice),
            )
        return None

    def _discuss(self, e: dict) -> Mismatch | None:
        want = self.discussions.popleft() if self.discussions else None
        if e.get("id") != want:
            return self.fail(f"the engine reached discussion prompt '{e.get('id')}'; the reference interpreter reaches '{want}'",
                             self.smap.of(self.last) if self.last else None)
        return None

    def _ending(self, e: dict) -> Mismatch | None:
        if e.get("id") != self.ending:
            return self.fail(f"the engine showed ending '{e.get('id')}'; the reference interpreter reaches '{self.ending}'",
                             self.smap.of(self.last) if self.last else None)
        self.ending = None
        return None

    def describe(self, e: dict) -> str:
        kind = e["event"]
        if kind == "line":
            return "the line " + _quote((e.get("who"), e.get("what", "")))
        if kind == "label":
            node_kind, node = self.model.labels.get(e["name"], ("label", e["name"]))
            return f"{node_kind} '{node}'"
        if kind in ("choice", "feedback"):
            return f"{kind} '{e.get('choice')}'"
        if kind == "ending":
            return f"ending '{e.get('id')}'"
        return kind

    def _leftovers(self) -> Mismatch | None:
        where = self.smap.of(self.last) if self.last else None
        stop = f"the engine's play-through stopped after {self.describe(self.last)}" if self.last else "the engine showed nothing"
        if self.scenes:
            return self.fail(f"{stop}; the reference interpreter goes on to scene '{self.scenes[0]}'", where)
        if self.lines:
            return self.fail(f"{stop}; the reference interpreter goes on to show {_quote(self.lines[0])}", where)
        if self.choices:
            return self.fail(f"{stop}; the path goes on with choice '{self.choices[0]}'", where)
        if self.ending is not None:
            return self.fail(f"{stop}; the reference interpreter ends at '{self.ending}', the engine showed no ending", where)
        return None


def _quote(line) -> str:
    who, what = line
    text = what if len(what) <= 70 else what[:67] + "..."
    return f"{who}: \"{text}\"" if who else f"\"{text}\""


def play_throughs(events: list[dict]) -> list[list[dict]]:
    """The trace cut at each 'begin' (a scenario starting); the scenario's own entry label is dropped."""
    return [run[1:] for run in stage.split_runs(events)]


# ------------------------------------------------------------------ the run


@dataclass
class Work:
    """One path to play: its scenario's model and the interpreter's transcript."""

    model: Model
    transcript: interpret.Transcript

    @property
    def cost(self) -> int:
        """Roughly, the clicks it takes in the engine."""
        return 10 + len(self.transcript.lines) + 3 * len(self.transcript.choices)


def share_out(work: list[Work], processes: int) -> list[list[Work]]:
    """Longest first, each to the least loaded process; each process keeps the plan's order."""
    shares: list[list[Work]] = [[] for _ in range(max(1, min(processes, len(work))))]
    loads = [0] * len(shares)
    for w in sorted(work, key=lambda w: -w.cost):
        i = loads.index(min(loads))
        shares[i].append(w)
        loads[i] += w.cost
    order = {id(w): k for k, w in enumerate(work)}
    return [sorted(s, key=lambda w: order[id(w)]) for s in shares]


def _engine_failure(run: stage.EngineRun) -> str:
    lines = [ln.strip() for ln in run.output.splitlines() if ln.strip()]
    why = next((ln for ln in reversed(lines) if "Exception" in ln or "Error" in ln), lines[-1] if lines else "no output")
    if run.returncode == 124:
        why = f"timed out after {run.seconds:.0f} s"
    return f"engine exited with status {run.returncode}: {why}"


def run_coverage(
    source: str,
    processes: int = PROCESSES,
    workdir: str | None = None,
    tamper: Callable[[str], None] | None = None,
    screen: str = SCREEN,
    lang: str | None = None,
) -> Result:
    """Check, plan, stage, play in the engine, compare and count. ``tamper(basedir)`` may edit the staged game.

    With ``lang`` (e.g. "es") the interpreter plays the translated story and the
    engine starts in that language (``language = es`` in the staged game's ini).
    """
    res = Result(source)
    clock = time.monotonic()
    checked = pipeline.check(source)
    res.diagnostics += checked.report.items
    if not checked.ok or checked.project is None:
        return res
    problem = use_language(checked, source, lang)
    if problem:
        res.failures.append(problem)
        return res
    engine = find_engine()  # EngineNotFound before any work
    res.engine = engine.describe()

    # Planning: paths, and the interpreter's transcript of each.
    work: list[Work] = []
    plans = []
    models: dict[str, Model] = {}
    for sc in checked.project.scenarios:
        p = coverage.plan(sc)
        plans.append(p)
        res.diagnostics += [d for d in p.findings.problems if d not in res.diagnostics]  # check found some already
        if not p.complete:
            res.failures.append(
                f"{sc.loc}: planning stopped: scenario '{sc.id}' has more than {coverage.MAX_STATES:,} states (scene and flag values)"
            )
        model = models[sc.id] = Model.of(sc)
        for path, ending in zip(p.paths, p.endings):
            # The planner and the interpreter disagreeing would be a bug in one of them: said, not played.
            try:
                t = interpret.play(sc, path)
            except interpret.PathError as exc:
                res.failures.append(f"{sc.loc}: the interpreter cannot follow planned path {path}: {exc}")
                continue
            if t.ending != ending:
                res.failures.append(f"{sc.loc}: planned path {path} ends at '{t.ending}' in the interpreter, not '{ending}'")
            work.append(Work(model, t))
    res.paths = len(work)
    res.seconds["planning"] = time.monotonic() - clock

    own = workdir is None
    base = workdir or tempfile.mkdtemp(prefix="tyg-coverage-")
    try:
        clock = time.monotonic()
        staged = stage.stage_game(os.path.join(base, "stage"), source)
        stage.set_language(staged, lang)
        if tamper is not None:
            tamper(staged)
        shares = share_out(work, processes)
        dirs = []
        for i, share in enumerate(shares):
            d = os.path.join(base, f"engine{i + 1}")
            shutil.copytree(staged, d)
            stage.add_script(d, "zz_tyg_coverage.rpy", stage.path_testcase(TESTCASE, [w.transcript for w in share], ui))
            dirs.append(d)
        res.processes = len(shares) if work else 0
        res.seconds["staging"] = time.monotonic() - clock

        clock = time.monotonic()
        runs: list[stage.EngineRun] = []
        if work:
            with ThreadPoolExecutor(len(dirs)) as pool:
                runs = list(pool.map(lambda d, share: _play(d, share, screen), dirs, shares))
        res.seconds["engine"] = time.monotonic() - clock

        clock = time.monotonic()
        smap = SourceMap(staged)
        shown: dict[str, dict[str, set]] = {
            sc.id: {"choices": set(), "endings": set(), "scenes": set(), "lines": set()} for sc in checked.project.scenarios
        }
        for share, run in zip(shares, runs):
            res.runs.append({
                "paths": len(share),
                "lines": sum(len(w.transcript.lines) for w in share),
                "decisions": sum(len(w.transcript.choices) for w in share),
                "seconds": round(run.seconds, 2),
                "exit": run.returncode,
            })
            if run.returncode != 0:
                res.failures.append(_engine_failure(run))
            throughs = play_throughs(run.events)
            for k, w in enumerate(share):
                events = throughs[k] if k < len(throughs) else []
                _count(w.model, events, smap, shown[w.model.sc.id])
                problem = _Diff(w.model, w.transcript, smap).run(events)
                if problem is None:
                    res.matched += 1
                else:
                    res.mismatches.append(problem)
        for sc, p in zip(checked.project.scenarios, plans):
            res.scenarios.append(_report(models[sc.id], p, shown[sc.id]))
        res.seconds["checking"] = time.monotonic() - clock
    finally:
        if own:
            shutil.rmtree(base, ignore_errors=True)
    return res


def _play(basedir: str, share: list[Work], screen: str) -> stage.EngineRun:
    """One engine process, on its own Xvfb: two games on one X screen steal each other's mouse pointer."""
    with stage.private_display(screen) as display:
        return stage.run_engine(basedir, "test", TESTCASE, timeout=_timeout(share), env=ENGINE_ENV, display=display)


def _timeout(share: list[Work]) -> int:
    """Generous: a second a click and two minutes to start, some twenty times what an idle 2-core machine needs."""
    return 120 + sum(w.cost for w in share)


def _count(model: Model, events: list[dict], smap: SourceMap, shown: dict[str, set]) -> None:
    """What the engine showed on one play-through, in the model's terms."""
    for e in events:
        kind = e["event"]
        if kind == "choice" and e.get("choice") in model.choices:
            shown["choices"].add(e["choice"])
        elif kind == "ending":
            shown["endings"].add(e.get("id"))
        elif kind == "label":
            node = model.labels.get(e["name"])
            if node and node[0] == "scene":
                shown["scenes"].add(node[1])
        elif kind == "line":
            where = smap.of(e)
            if where is not None and where.yaml_line is not None:
                number = model.lines.get((where.yaml_line, e.get("who"), e.get("what")))
                if number is not None:
                    shown["lines"].add(number)


def _report(model: Model, p: coverage.Plan, shown: dict[str, set]) -> ScenarioReport:
    sc = model.sc

    def tally(items: list[tuple[str, object]], got: set) -> Tally:
        return Tally(sum(1 for i, _ in items if i in got), len(items),
                     [f"{i} ({loc.file}:{loc.line})" for i, loc in items if i not in got])  # type: ignore[attr-defined]

    lines_missing = [n for n in range(model.line_count) if n not in shown["lines"]]
    return ScenarioReport(
        sc.id,
        sc.file,
        tally([(c.id, c.loc) for s in sc.scenes for c in s.choices], shown["choices"]),
        tally([(e.id, e.loc) for e in sc.endings], shown["endings"]),
        tally([(s.id, s.loc) for s in sc.scenes], shown["scenes"]),
        Tally(model.line_count - len(lines_missing), model.line_count, [f"{sc.file}:{model.line_at[n]}" for n in lines_missing]),
        p.distinct_paths,
        len(p.paths),
    )


# ------------------------------------------------------------------ output


def render_problems(res: Result) -> str:
    """Diagnostics, differences and failures, one a line, each after its file:line."""
    out = [d.render() for d in sorted(res.diagnostics)]
    out += ["differential: " + m.render() for m in res.mismatches]
    return "\n".join(out + res.failures)


def render_text(res: Result) -> str:
    """The coverage table (empty when nothing was played)."""
    out: list[str] = []
    if not res.scenarios:
        return "" if res.diagnostics else f"no scenarios in {res.source}: nothing to cover"
    head = f"{'scenario':<16}{'choices':>17}{'endings':>15}{'scenes':>15}{'lines':>17}{'paths in graph':>16}{'planned':>9}"
    out += [f"coverage in the real engine ({res.engine})", head]

    def row(name: str, c: Tally, e: Tally, s: Tally, ln: Tally, distinct: int | None, planned: int) -> str:
        def cell(t: Tally, width: int) -> str:
            return f"{t.taken}/{t.total} {t.percent:5.1f}%".rjust(width)

        paths = "unbounded" if distinct is None else f"{distinct:,}"
        return f"{name:<16}{cell(c, 17)}{cell(e, 15)}{cell(s, 15)}{cell(ln, 17)}{paths:>16}{planned:>9}"

    for s in res.scenarios:
        out.append(row(s.id, s.choices, s.endings, s.scenes, s.lines, s.distinct_paths, s.planned_paths))
        for what in ("choices", "endings", "scenes", "lines"):
            missing = getattr(s, what).missing
            if missing:
                out.append(f"    not shown ({what}): {', '.join(missing)}")
    distinct = [s.distinct_paths for s in res.scenarios]
    out.append(row("total", res.total("choices"), res.total("endings"), res.total("scenes"), res.total("lines"),
                   None if None in distinct else sum(distinct), res.paths))  # type: ignore[arg-type]
    sec = res.seconds
    out.append(
        f"{res.paths} planned paths in {res.processes} engine process{'es' * (res.processes != 1)}; "
        f"differential: {res.matched} of {res.paths} match the reference interpreter"
    )
    out.append(
        "seconds: " + ", ".join(f"{k} {sec.get(k, 0.0):.1f}" for k in ("planning", "staging", "engine", "checking"))
        + f", total {sum(sec.values()):.1f}"
    )
    out.append("coverage: OK" if res.ok else "coverage: FAILED (every choice and ending must be played, with no difference)")
    return "\n".join(out)


def cmd_coverage(args: argparse.Namespace) -> int:
    from tyg.cli import AUTHOR_ERROR, DEFAULT_SOURCE, ENV_ERROR, OK, ROOT

    source = args.source or os.path.join(ROOT, DEFAULT_SOURCE)
    processes = getattr(args, "processes", None) or PROCESSES
    if processes < 1:
        print("--processes must be 1 or more", file=sys.stderr)
        return ENV_ERROR
    try:
        find_engine(getattr(args, "renpy", None))
        if getattr(args, "renpy", None):
            os.environ["RENPY_SDK"] = args.renpy  # the staged runs find the same engine through it
        res = run_coverage(source, processes=processes, lang=getattr(args, "lang", None))
    except EngineNotFound as exc:
        print(exc, file=sys.stderr)
        return ENV_ERROR
    data = res.to_json()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        problems, table = render_problems(res), render_text(res)
        if problems:
            print(problems, file=sys.stderr)
        if table:
            print(table)
    return OK if res.ok else AUTHOR_ERROR
