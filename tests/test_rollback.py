"""Rolling back never lets a player silently change an answer, in the real engine.

The mouse wheel (up) and Page Up roll back to re-read earlier lines. After a
choice, rolling back to its menu shows the menu again, but only the choice
made can be taken: the feedback the player saw stays true (renpy.fix_rollback
in tyg_chose). Facilitator mode's "See the other choice" is the open way back
(tests/test_facilitator.py).
"""

from __future__ import annotations

import os

import enginekit
from tyg.engine.stage import private_display

SAMPLE = os.path.join(enginekit.ROOT, "tests", "sample")

ROLL_BACK = """
init python:
    def tyg_menu_state():
        \"\"\"The choice menu on screen, if any: each choice's number and whether it can be taken.\"\"\"
        found = { }
        def visit(b):
            alt = getattr(b, "style", None) and b.style.alt
            if isinstance(b, renpy.display.behavior.Button) and alt and alt.startswith("Choice "):
                found[alt.split(":")[0]] = bool(b.is_sensitive())
        screen = renpy.get_screen("choice")
        if screen is not None:
            screen.visit_all(visit)
        return found

testcase roll_back:
    run Start("tyg_s__sample")
    "Next line" until "Choice 2:"
    "Continue"
    "Next line"
    run Rollback()
    pause 1.0
    $ tyg_trace("rolled_back", menu=tyg_menu_state())
    run Rollback()
    pause 1.0
    $ tyg_trace("rolled_back", menu=tyg_menu_state())
    run Rollback()
    pause 1.0
    $ tyg_trace("rolled_back", menu=tyg_menu_state())
    run Rollback()
    pause 1.0
    $ tyg_trace("rolled_back", menu=tyg_menu_state())
    $ renpy.quit()
"""


def test_rolling_back_to_a_choice_made_keeps_it(tmp_path):
    base = enginekit.stage_game(str(tmp_path), SAMPLE)
    enginekit.add_script(base, "zz_rollback.rpy", ROLL_BACK)
    with private_display("400x400x24") as display:
        run = enginekit.run_engine(base, "test", "roll_back", display=display, timeout=240)
    assert run.returncode == 0, run.output[-3000:]
    menus = [e["menu"] for e in run.of("rolled_back") if e["menu"]]
    assert menus, f"rolling back never reached the menu: {run.of('rolled_back')}"
    assert menus[0] == {"Choice 1": False, "Choice 2": True, "Choice 3": False}, menus
