"""Quick exit and lab mode, in the real engine."""

from __future__ import annotations

import os
import time

import pytest

import enginekit

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")

PLAY_THEN_EXIT_BY_KEY = """
testcase exit_by_key:
    run Start("tyg_s__sample")
    "Next line" until "Choice 2:"
    "Continue"
    "Next line"
    $ tyg_trace("pressing_escape", at=__import__("time").time())
    type ESCAPE
    pause 5.0
    $ tyg_trace("still_running")
    $ renpy.quit()

testcase exit_by_button:
    run Start("tyg_s__sample")
    "Next line" until "Choice 1:"
    "Quick exit"
    pause 5.0
    $ tyg_trace("still_running")
    $ renpy.quit()

testcase play_a_path:
    run Start("tyg_s__sample")
    "Next line" until "Choice 2:"
    "Continue"
    "Next line" until "Choice 1:"
    "Continue"
    "Back to the main menu"
    $ renpy.quit()
"""


def staged(tmp_path, lab_mode: bool | None) -> str:
    base = enginekit.stage_game(str(tmp_path), SAMPLE)
    enginekit.add_script(base, "zz_privacy.rpy", PLAY_THEN_EXIT_BY_KEY)
    if lab_mode is not None:
        with open(os.path.join(base, "trust-your-gut.ini"), "w", encoding="utf-8") as fh:
            fh.write(f"[school]\nlab_mode = {'yes' if lab_mode else 'no'}\n")
    return base


def test_quick_exit_key_ends_the_game_within_a_second(tmp_path):
    base = staged(tmp_path, None)
    run = enginekit.run_engine(base, "test", "exit_by_key")
    ended = time.time()
    assert run.returncode == 0, run.output[-2000:]
    names = [e["event"] for e in run.events]
    assert "quick_exit" in names and "still_running" not in names
    pressed = next(e["at"] for e in run.events if e["event"] == "pressing_escape")
    # From the key press to the whole engine run returning (Xvfb teardown included).
    assert ended - pressed < 1.0, f"quick exit took {ended - pressed:.2f} s"


def test_quick_exit_button_ends_the_game(tmp_path):
    base = staged(tmp_path, None)
    run = enginekit.run_engine(base, "test", "exit_by_button")
    assert run.returncode == 0, run.output[-2000:]
    names = [e["event"] for e in run.events]
    assert "quick_exit" in names and "still_running" not in names


def saved_files(base: str) -> list[str]:
    found = []
    for root in (os.path.join(base, "home"), os.path.join(base, "game", "saves")):
        for dirpath, _, files in os.walk(root):
            found += [os.path.relpath(os.path.join(dirpath, f), base) for f in files]
    return sorted(found)


@pytest.mark.parametrize("lab_mode", [True, False])
def test_lab_mode_leaves_no_save_or_persistent_files(tmp_path, lab_mode):
    base = staged(tmp_path, lab_mode)
    before = saved_files(base)
    run = enginekit.run_engine(base, "test", "play_a_path")
    assert run.returncode == 0, run.output[-2000:]
    assert run.of("ending"), "the path did not reach its ending"
    after = saved_files(base)
    assert before == []
    if lab_mode:
        assert after == [], f"lab mode left files behind: {after}"
    else:
        assert after, "without lab mode the engine keeps its persistent data (this proves the listing works)"
