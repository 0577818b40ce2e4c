"""The sample, compiled and played in the real Ren'Py engine under Xvfb."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import enginekit

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")

PATH_TESTCASE = """
testcase sample_safe_path:
    run Start("tyg_s__sample")
    "Next line" until "Choice 2:"
    "Continue"
    "Next line" until "Choice 1:"
    "Continue"
    "Back to the main menu"
    $ renpy.quit()

testcase sample_stuck:
    run Start("tyg_s__sample")
    "A button that does not exist"
    $ renpy.quit()

testcase sample_engine_error:
    run Start("tyg_s__sample")
    $ tyg_flag_that_does_not_exist()
    $ renpy.quit()
"""


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    base = str(tmp_path_factory.mktemp("sample-game"))
    enginekit.stage_game(base, SAMPLE)
    enginekit.add_script(base, "zz_testcases.rpy", PATH_TESTCASE)
    return base


def test_sample_plays_to_an_ending_with_feedback_after_each_choice(staged):
    run = enginekit.run_engine(staged, "test", "sample_safe_path")
    assert run.returncode == 0, run.output
    assert [e["choice"] for e in run.of("choice")] == ["ask_ava", "block_report"]
    assert [e["choice"] for e in run.of("feedback")] == ["ask_ava", "block_report"]
    events = [e["event"] for e in run.events]
    # Each feedback screen appeared right after its choice, before anything else was shown.
    for i, name in enumerate(events):
        if name == "choice":
            assert events[i + 1] == "feedback"
    assert run.of("ending") == [{"event": "ending", "id": "safe_end", "kind": "safe"}]
    lines = [e["what"] for e in run.of("line")]
    assert lines[0] == "It is Saturday morning. Sam's phone buzzes."
    assert "hey!! saw ur post, ur cute 😊 [not a tag] {not a tag} 100% real" in lines
    assert 'I don\'t know any "Jess".' in lines
    assert "Good thing I asked." in lines  # the if-branch taken, since asked_friend was set
    assert "Sam mentions the message to Ava later." not in lines
    assert run.seconds < 60


def test_a_stuck_step_fails_the_run(staged):
    run = enginekit.run_engine(staged, "test", "sample_stuck", timeout=60)
    assert run.returncode != 0
    assert run.of("ending") == []


def test_an_engine_error_fails_the_run(staged):
    run = enginekit.run_engine(staged, "test", "sample_engine_error", timeout=60)
    assert run.returncode != 0
    assert "tyg_flag_that_does_not_exist" in run.output


def test_build_py_lint_passes_on_the_sample(tmp_path):
    base = enginekit.stage_game(str(tmp_path), SAMPLE)
    proc = subprocess.run(
        [sys.executable, os.path.join(ROOT, "build.py"), "lint", SAMPLE, "--game", os.path.join(base, "game")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no findings" in proc.stdout


def test_lint_fails_on_a_broken_script(tmp_path):
    base = enginekit.stage_game(str(tmp_path), SAMPLE)
    enginekit.add_script(base, "zz_broken.rpy", "label tyg_broken:\n    jump tyg_nowhere\n")
    proc = subprocess.run(
        [sys.executable, os.path.join(ROOT, "build.py"), "lint", SAMPLE, "--game", os.path.join(base, "game")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "tyg_nowhere" in proc.stderr
