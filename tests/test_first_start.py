"""On first start the game explains the quick exit before the main menu.

At home it is shown once (remembered in persistent data); in lab mode
nothing is remembered, so every start shows it again.
"""

from __future__ import annotations

import os

import enginekit

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")

FIRST = """
testcase first_start:
    pause 0.5
    $ tyg_trace("at_start", intro=renpy.get_screen("tyg_first_start") is not None, menu=renpy.get_screen("main_menu") is not None)
    ## Enter from the keyboard alone (Ren'Py's "type" would also move the pointer,
    ## which takes the focus off the default button).
    $ renpy.test.testkey.down(None, "RETURN"); renpy.test.testkey.up(None, "RETURN")
    pause 0.5
    $ tyg_trace("after_enter", intro=renpy.get_screen("tyg_first_start") is not None, menu=renpy.get_screen("main_menu") is not None)
    $ renpy.quit()
"""

AGAIN = """
testcase start_again:
    pause 0.5
    $ tyg_trace("at_start", intro=renpy.get_screen("tyg_first_start") is not None, menu=renpy.get_screen("main_menu") is not None)
    $ renpy.quit()
"""


def _stage(tmp_path, lab: bool) -> str:
    base = enginekit.stage_game(str(tmp_path), SAMPLE)
    if lab:
        with open(os.path.join(base, "trust-your-gut.ini"), "w", encoding="utf-8") as fh:
            fh.write("[school]\nlab_mode = yes\n")
    enginekit.add_script(base, "zz_first.rpy", FIRST + AGAIN)
    return base


def _starts(base):
    first = enginekit.run_engine(base, "test", "first_start", splash=True)
    assert first.returncode == 0, first.output[-3000:]
    again = enginekit.run_engine(base, "test", "start_again", splash=True)
    assert again.returncode == 0, again.output[-3000:]
    return first, again


def test_first_start_explains_the_quick_exit_once_at_home(tmp_path):
    first, again = _starts(_stage(tmp_path, lab=False))
    assert first.of("at_start")[0] == {"event": "at_start", "intro": True, "menu": False}
    texts = " ".join(first.of("screen")[0]["texts"])
    assert "press Esc" in texts and "Quick exit (Esc)" in texts and "closes straight away" in texts
    assert "never goes online" in texts
    # Enter leaves it for the main menu.
    assert first.of("after_enter")[0] == {"event": "after_enter", "intro": False, "menu": True}
    # The next start goes straight to the main menu.
    assert again.of("at_start")[0] == {"event": "at_start", "intro": False, "menu": True}


def test_lab_mode_explains_it_at_every_start(tmp_path):
    first, again = _starts(_stage(tmp_path, lab=True))
    texts = " ".join(first.of("screen")[0]["texts"])
    assert "nothing is kept" in texts and "The next person starts fresh" in texts
    assert again.of("at_start")[0]["intro"] is True
