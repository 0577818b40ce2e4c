"""Random play-throughs (``build.py randomtest``): the shipped stories keep every promise, and each broken promise is caught.

The broken stories under tests/fixtures/randomplay/ pass ``build.py check``
(conditions hide their bugs from the structural checks); the ones the checks
would refuse (a dropped feedback, an ending without help) are broken in the
loaded tree instead, after a clean check.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

from tyg.play import interpret
from tyg.compile import pipeline
from tyg.compile.conditions import evaluate, flags_read
from tyg.compile.nodes import If, walk_steps
from tyg.play.randomplay import ENDS, FEEDBACK, FLAGS, HELP, play_randomly, random_test

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
SAMPLE = os.path.join(ROOT, "tests", "sample")
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "randomplay")


def build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, os.path.join(ROOT, "build.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=300,
    )


def line_of(path: str, text: str) -> int:
    """The 1-based line of the first line of ``path`` that contains ``text``."""
    with open(path, encoding="utf-8") as fh:
        return next(n for n, line in enumerate(fh, 1) if text in line)


def test_the_shipped_stories_keep_every_promise():
    run = build("randomtest", "--runs", "500", "--format", "json")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr
    data = json.loads(run.stdout)
    assert data["ok"] and data["runs_per_scenario"] == 500
    assert {s["id"] for s in data["scenarios"]} == {"niko", "luis", "mateo", "trusted_adult"}
    for s in data["scenarios"]:
        assert s["failures"] == [] and s["failed_runs"] == 0
        assert s["runs"] == 500 and sum(s["endings"].values()) == 500
        assert s["endings_reached"] >= 2 and s["distinct_paths"] > 10
    text = build("randomtest", "--runs", "200")
    assert text.returncode == 0
    assert "every run ended, every decision showed its feedback, every ending showed help" in text.stdout


def test_same_seed_same_runs_other_seed_other_runs():
    project = pipeline.check(SCENARIOS).project

    def summary(seed):
        return [{k: v for k, v in r.to_json().items() if k != "seconds"} for r in random_test(project, 300, seed)]

    assert summary(7) == summary(7)
    assert summary(7) != summary(8)
    a = build("randomtest", "--runs", "300", "--seed", "7", "--format", "json")
    b = build("randomtest", "--runs", "300", "--seed", "7", "--format", "json")
    strip = lambda out: [{k: v for k, v in s.items() if k != "seconds"} for s in json.loads(out)["scenarios"]]  # noqa: E731
    assert strip(a.stdout) == strip(b.stdout) == summary(7)


def test_a_flag_read_before_it_is_set_is_caught_with_its_line_and_path():
    source = os.path.join(FIXTURES, "flag_before_set")
    assert pipeline.check(source).ok  # the checks cannot see it: 'blocked' is set somewhere
    story = os.path.join(source, "story.yaml")
    line = line_of(story, "- if: blocked")
    run = build("randomtest", source, "--runs", "300")
    assert run.returncode == 1
    assert f"story.yaml:{line}:" in run.stdout
    assert "flag 'blocked' is read in scene 'later' before this run sets it" in run.stdout
    assert "first path: wait)" in run.stdout  # only the 'wait' path reads it unset
    data = json.loads(build("randomtest", source, "--runs", "300", "--format", "json").stdout)
    (failure,) = data["scenarios"][0]["failures"]
    assert failure["invariant"] == FLAGS and failure["line"] == line and failure["path"] == ["wait"]
    assert 0 < failure["runs"] < 300  # the 'block' runs are fine


def test_a_loop_closed_by_a_condition_is_caught_with_its_scene_line():
    source = os.path.join(FIXTURES, "loop")
    project = pipeline.check(source).project  # the build may or may not see this loop; random play must
    (result,) = random_test(project, 200, 0)
    (failure,) = result.failures
    assert failure.invariant == ENDS and failure.runs == 200 and result.failed_runs == 200
    assert failure.loc.line == line_of(os.path.join(source, "story.yaml"), "- id: waiting")
    assert failure.path[:2] == ["ask", "check_again"] and "loops" in failure.message
    assert not result.endings
    run = build("randomtest", source, "--runs", "50")
    assert run.returncode == 1


def test_a_dropped_feedback_is_caught_with_the_choice_line():
    project = pipeline.check(SAMPLE).project
    sc = project.scenarios[0]
    choice = next(c for s in sc.scenes for c in s.choices if c.id == "ask_ava")
    choice.feedback = None  # the checks refuse this in YAML (TYG016); break the loaded tree instead
    result = play_randomly(sc, 300, 0, project.catalogue)
    feedback = [f for f in result.failures if f.invariant == FEEDBACK]
    assert len(feedback) == 1
    assert feedback[0].loc == choice.loc and "ask_ava" in feedback[0].message and feedback[0].path[0] == "ask_ava"


def test_the_build_refuses_a_dropped_feedback_before_any_run(tmp_path):
    text = open(os.path.join(SAMPLE, "sample.yaml"), encoding="utf-8").read()
    start = text.index("        feedback:\n          title: Taking time is fine")
    end = text.index("\n\n", start)
    (tmp_path / "sample.yaml").write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    (tmp_path / "catalogue.yaml").write_text(open(os.path.join(SAMPLE, "catalogue.yaml"), encoding="utf-8").read(), encoding="utf-8")
    run = build("randomtest", str(tmp_path), "--runs", "10")
    assert run.returncode == 1 and "error[TYG016]" in run.stderr and "sample.yaml:" in run.stderr


def test_an_ending_without_usable_help_is_caught_with_its_line():
    project = pipeline.check(SAMPLE).project
    sc = project.scenarios[0]
    ending = next(e for e in sc.endings if e.id == "safe_end")
    ending.resources = []  # refused in YAML (TYG020); break the loaded tree
    phone = next(r for r in project.catalogue.resources if r.id == "sample_phone")
    phone.phone = None  # refused in YAML (TYG027): a resource nobody can reach
    result = play_randomly(sc, 400, 0, project.catalogue)
    help_failures = {f.loc: f for f in result.failures if f.invariant == HELP}
    assert ending.loc in help_failures and "no help resources" in help_failures[ending.loc].message
    learning = next(e for e in sc.endings if e.id == "learning_end")  # lists only sample_phone
    assert learning.loc in help_failures and "sample_phone" in help_failures[learning.loc].message
    helped = next(e for e in sc.endings if e.id == "helped_end")  # still lists the reachable helpline
    assert helped.loc not in help_failures


def test_compiled_conditions_mean_what_evaluate_says():
    for source in (SCENARIOS, SAMPLE):
        for sc in pipeline.check(source).project.scenarios:
            conds = [c.cond for s in sc.scenes for c in s.choices if c.cond]
            conds += [b.cond for s in sc.scenes for b in s.goto if b.cond]
            conds += [st.cond for s in sc.scenes for st in walk_steps(s.steps) if isinstance(st, If)]
            assert conds
            for cond in conds:
                names = sorted({f.name for f in flags_read(cond)})
                test = interpret.compile_condition(cond)
                for values in itertools.product((None, False, True), repeat=len(names)):
                    flags = {n: v for n, v in zip(names, values) if v is not None}
                    assert test(flags) is evaluate(cond, flags), (sc.id, names, flags)


def test_the_sample_and_the_docs_example_keep_every_promise(tmp_path):
    from test_docs import example_files

    for name, body in example_files().items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    for source in (SAMPLE, str(tmp_path)):
        run = build("randomtest", source, "--runs", "300")
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr
