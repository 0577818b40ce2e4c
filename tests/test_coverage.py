"""Coverage planning, the real-engine coverage run and ``build.py coverage``.

Planning (tools/tyg/play/coverage.py) is pure Python and checked against the
reference interpreter. The engine tests play the planned paths in Ren'Py
(tools/tyg/engine/coverage_run.py) and must catch a broken story with its file and
line: a feedback dropped from the YAML or from the generated script, a choice
that leads into a loop with no way out, a generated jump sent elsewhere.
Broken generated scripts are made by editing the staged copy, never game/.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys

import pytest

from tyg.play import coverage, interpret
from tyg.engine import coverage_run
from tyg.compile import pipeline
from tyg.compile.diagnostics import Report
from tyg.compile.graph import StoryGraph
from tyg.compile.lower import Names
from tyg.compile.nodes import Chat, Narrate, Say

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
SAMPLE = os.path.join(ROOT, "tests", "sample")
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
TRAP = os.path.join(FIXTURES, "diagnostics", "TYG044_unwinnable_choice")
NEVER_ON_SCREEN = os.path.join(FIXTURES, "coverage", "never_on_screen")


def build_py(*args, env=None, timeout=900):
    proc = subprocess.run(
        [sys.executable, os.path.join(ROOT, "build.py"), *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=timeout,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-3000:]
    return proc


def scenarios(source):
    result = pipeline.check(source)
    assert result.ok, result.report.render_text()
    return result.project.scenarios


def line_of(path, text, start=1):
    """The 1-based number of the first line at or after ``start`` that contains ``text``."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    return next(i for i, line in enumerate(lines, 1) if i >= start and text in line)


# ------------------------------------------------------------------ planning, no engine


@pytest.mark.parametrize("source", [SCENARIOS, SAMPLE], ids=["scenarios", "sample"])
def test_plans_take_every_choice_and_reach_every_ending(source):
    for sc in scenarios(source):
        p = coverage.plan(sc)
        assert p.complete and p.findings.problems == [], sc.id
        taken = {c for path in p.paths for c in path}
        assert taken == {c.id for s in sc.scenes for c in s.choices}, sc.id
        assert set(p.endings) == {e.id for e in sc.endings}, sc.id
        for path, ending in zip(p.paths, p.endings):
            t = interpret.play(sc, path)  # raises PathError if a choice is not on screen
            assert t.ending == ending and [c for c, _ in t.choices] == path
        assert p.distinct_paths == StoryGraph.of(sc).count_paths()
        # A few paths, not one per ending of the graph.
        assert len(p.paths) <= len(sc.endings) + sum(len(s.choices) for s in sc.scenes) // 3


def test_planner_sees_every_choice_the_interpreter_can_take():
    """Random play-throughs never take a choice, or reach an ending, that the state search missed."""
    rng = random.Random(5)
    for sc in scenarios(SCENARIOS):
        f = coverage.examine(sc)
        for _ in range(300):
            t = interpret.play(sc, [], lambda shown: rng.choice(shown))
            assert {c for c, _ in t.choices} <= f.takeable, sc.id
            assert t.ending in f.endings and set(t.scenes) <= f.scenes


def test_never_on_screen_choice_and_its_ending_are_reported_with_file_and_line():
    (sc,) = scenarios(NEVER_ON_SCREEN)
    f = coverage.examine(sc)
    path = sc.file
    got = {(d.file, d.line, d.code) for d in f.problems}
    assert got == {
        (path, line_of(path, "- id: not_asked"), "TYG052"),
        (path, line_of(path, "- id: quiet_end"), "TYG026"),
    }
    assert "never on screen" in next(d.message for d in f.problems if d.code == "TYG052")
    # check_winnable stays quiet: it reports only traps, and this story has no loop
    # (build.py check reports the hidden choice with check_never_on_screen: tests/test_never_on_screen.py).
    report = Report()
    coverage.check_winnable(pipeline.check(NEVER_ON_SCREEN).project, report)
    assert report.items == []


def test_trap_is_reported_at_the_choice_that_leads_into_it():
    (sc,) = scenarios_unchecked(TRAP)
    problems = coverage.examine(sc).problems
    path = sc.file
    assert [(d.file, d.line, d.code) for d in problems] == [(path, line_of(path, "- id: just_think"), "TYG044")]
    assert "'think' and 'scroll'" in problems[0].message


def scenarios_unchecked(source):
    return pipeline.check(source).project.scenarios


def test_search_stops_at_its_bound_and_then_reports_nothing():
    (sc,) = scenarios_unchecked(TRAP)
    f = coverage.examine(sc, max_states=2)
    assert not f.graph.complete and f.problems == []
    assert coverage.plan(sc, max_states=2).paths == []


def long_story(n: int) -> str:
    """A chain of ``n`` scenes; in every ten, nested ifs set a flag and a choice that needs it loops back."""
    out = [
        "format: 1",
        "scenario: {id: long, title: Long, player: {name: Sam, age: 14}, summary: A long story., content_note: Nothing explicit.}",
        "characters:",
        '  - {id: sam, name: Sam, role: player, colour: "#3a7bd5"}',
        "scenes:",
    ]
    for i in range(n):
        out += [f"  - id: s{i}", "    steps:", "      - narrate: Sam waits."]
        if i % 10 == 5:
            out += ["      - if: seen", "        then:", "          - if: not seen", "            then:",
                    "              - narrate: Never shown.", "        else:", "          - set: {seen: true}"]
        out += ["    choices:"]
        nxt = f"s{i + 1}" if i + 1 < n else "done"
        out += [f"      - {{id: c{i}, text: Go on, kind: safer, goto: {nxt}, feedback: {{title: OK, happened: Sam goes on., why: It helps.}}}}"]
        if i % 10 == 9:
            out += [f"      - {{id: back{i}, text: Go back, kind: neutral, if: seen, goto: s{i - 4}, "
                    "feedback: {title: Back, happened: Sam goes back., why: It is fine.}}"]
    out += ["endings:", "  - {id: done, kind: safe, title: Done, summary: Sam is done., resources: [helpline]}"]
    return "\n".join(out) + "\n"


def test_planning_is_iterative_on_a_long_story(tmp_path):
    """3,000 scenes, far past Python's recursion limit, with loops and nested ifs."""
    shutil.copy(os.path.join(TRAP, "catalogue.yaml"), tmp_path)
    (tmp_path / "long.yaml").write_text(long_story(3000), encoding="utf-8")
    (sc,) = scenarios_unchecked(str(tmp_path))
    p = coverage.plan(sc)
    assert p.complete and p.findings.problems == []
    assert p.distinct_paths is None  # the loops make the number of paths unbounded
    backs = {f"back{i}" for i in range(9, 3000, 10)}
    assert {c for path in p.paths for c in path} == {f"c{i}" for i in range(3000)} | backs
    for path in p.paths:
        assert interpret.play(sc, path).ending == "done"


# ------------------------------------------------------------------ build.py coverage, author errors first


def test_dropped_feedback_in_yaml_fails_coverage_with_file_and_line(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    story = src / "sample.yaml"
    text = story.read_text(encoding="utf-8")
    fb = text.index("        feedback:\n", text.index("      - id: ignore\n"))
    story.write_text(text[:fb] + text[text.index("  - id: ava_chat\n", fb):], encoding="utf-8")  # its scene's last choice
    proc = build_py("coverage", str(src))
    assert proc.returncode == 1
    line = line_of(str(story), "- id: ignore")
    assert f"sample.yaml:{line}:" in proc.stderr and "error[TYG016]" in proc.stderr, proc.stderr


def test_trap_fails_coverage_with_file_and_line():
    proc = build_py("coverage", TRAP, "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    (d,) = [d for d in data["diagnostics"] if d["code"] == "TYG044"]
    assert d["file"].endswith("fixture.yaml") and d["line"] == line_of(os.path.join(TRAP, "fixture.yaml"), "- id: just_think")
    assert not data["ok"] and data["scenarios"] == []


def test_without_an_engine_coverage_exits_2(tmp_path):
    proc = build_py("coverage", SAMPLE, env={"RENPY_SDK": str(tmp_path)})
    assert proc.returncode == 2 and "not a Ren'Py SDK" in proc.stderr


# ------------------------------------------------------------------ the real engine


@pytest.mark.parametrize("source", [SCENARIOS, SAMPLE], ids=["scenarios", "sample"])
def test_coverage_plays_every_choice_and_ending_in_the_engine(source, tmp_path):
    out = tmp_path / "coverage.json"
    proc = build_py("coverage", source, "--format", "json", "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:] + proc.stdout[-3000:]
    data = json.loads(proc.stdout)
    assert json.loads(out.read_text(encoding="utf-8")) == data
    assert data["ok"] and data["differential"]["mismatches"] == [] and data["failures"] == []
    assert data["differential"]["matched"] == data["differential"]["paths"] == data["total"]["planned_paths"]
    assert data["engine_processes"] == min(2, data["total"]["planned_paths"])
    by_id = {sc.id: sc for sc in scenarios(source)}
    for s in data["scenarios"]:
        for what in ("choices", "endings", "scenes"):
            assert s[what]["shown"] == s[what]["total"] > 0, (s["id"], what)
        # Every scene was shown, so a line not shown can only be one inside an if.
        sc = by_id[s["id"]]
        top = {f"{sc.file}:{st.loc.line}" for scene in sc.scenes for st in scene.steps if isinstance(st, (Narrate, Say, Chat))}
        top |= {f"{sc.file}:{scene.prompt.loc.line}" for scene in sc.scenes if scene.prompt}
        assert not top & set(s["lines"]["missing"]), s["id"]
        assert s["lines"]["shown"] + len(s["lines"]["missing"]) == s["lines"]["total"]
        assert s["distinct_paths"] >= s["endings"]["total"]
    if source == SAMPLE:  # every line of the sample is reachable, and each mapped back to its YAML line
        assert data["total"]["lines"]["shown"] == data["total"]["lines"]["total"]


def staged_script(base):
    return os.path.join(base, "game", "generated", "scenario_sample.rpy")


def test_feedback_dropped_from_the_generated_script_is_caught_with_file_and_line():
    n = Names("sample")
    seen = {}

    def drop_feedback(base):
        path = staged_script(base)
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        seen["chose"] = lines.index(f"            $ tyg_chose({n.feedback('ask_ava')})") + 1
        lines.remove(f"            call screen tyg_feedback({n.feedback('ask_ava')})")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))

    res = coverage_run.run_coverage(SAMPLE, tamper=drop_feedback)
    assert not res.ok
    (m,) = res.mismatches
    (sc,) = scenarios(SAMPLE)
    choice = next(c for s in sc.scenes for c in s.choices if c.id == "ask_ava")
    assert (m.where.rpy, m.where.rpy_line) == ("game/generated/scenario_sample.rpy", seen["chose"])
    assert (m.where.yaml, m.where.yaml_line) == (sc.file, choice.loc.line)
    assert "no feedback screen after choice 'ask_ava'" in m.message
    assert f"game/generated/scenario_sample.rpy:{seen['chose']} (from {sc.file}:{choice.loc.line})" in coverage_run.render_problems(res)


def test_generated_jump_sent_elsewhere_is_caught_with_file_and_line():
    n = Names("sample")
    seen = {}

    def jump_elsewhere(base):
        path = staged_script(base)
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        start = lines.index(f"            $ tyg_chose({n.feedback('ask_ava')})")
        i = lines.index(f"            jump {n.node('ava_chat')}", start)
        lines[i] = f"            jump {n.node('pressure')}"
        seen["jump"] = i + 1
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))

    res = coverage_run.run_coverage(SAMPLE, tamper=jump_elsewhere)
    assert not res.ok
    (sc,) = scenarios(SAMPLE)
    choice = next(c for s in sc.scenes for c in s.choices if c.id == "ask_ava")
    (m,) = res.mismatches  # only the path through ask_ava differs
    assert m.path[0] == "ask_ava"
    assert (m.where.rpy, m.where.rpy_line) == ("game/generated/scenario_sample.rpy", seen["jump"])
    assert (m.where.yaml, m.where.yaml_line) == (sc.file, choice.loc.line)
    assert "went to scene 'pressure'" in m.message and "goes to scene 'ava_chat'" in m.message


def test_hidden_choice_and_ending_fail_coverage_in_the_engine():
    proc = build_py("coverage", NEVER_ON_SCREEN)
    assert proc.returncode == 1
    path = os.path.join(NEVER_ON_SCREEN, "gate.yaml")
    assert f"gate.yaml:{line_of(path, '- id: not_asked')}:9: warning[TYG052]" in proc.stderr
    assert f"gate.yaml:{line_of(path, '- id: quiet_end')}:5: warning[TYG026]" in proc.stderr
    assert "gate                   1/2  50.0%     1/2  50.0%" in proc.stdout, proc.stdout
