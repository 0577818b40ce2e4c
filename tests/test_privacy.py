"""Quick exit and lab mode, in the real engine."""

from __future__ import annotations

import os
import re
import time
import zlib

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
    ## Closing the window mid-story asks first (config.quit_action is Quit());
    ## Ren'Py autosaves while it asks, unless autosave on quit is off.
    run Quit()
    pause 1.0
    "No"
    "Next line" until "Choice 1:"
    ## Ren'Py's autosave after a choice runs in a thread whose screenshot fails
    ## under Xvfb; here the same autosave runs on the main thread, as it would
    ## succeed on a player's computer.
    python:
        renpy.loadsave.force_autosave(True, block=True)
        tyg_trace("autosave", has_autosave=config.has_autosave, on_choice=config.autosave_on_choice,
                  on_input=config.autosave_on_input, on_quit=config.autosave_on_quit,
                  on_mobile_background=config.save_on_mobile_background)
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


def story_texts() -> list[str]:
    """What the sample story shows: its lines, choices and titles (long enough to be telling)."""
    with open(os.path.join(SAMPLE, "sample.yaml"), encoding="utf-8") as fh:
        found = re.findall(r"^\s*(?:- )?(?:text|title|happened|narrate): \"?(.+?)\"?$", fh.read(), re.M)
    return [t for t in found if len(t) >= 12]


def persistent_text(path: str) -> str:
    """A persistent file's contents as text (it is a zlib-compressed pickle; strings are UTF-8)."""
    with open(path, "rb") as fh:
        return zlib.decompress(fh.read()).decode("utf-8", errors="replace")


@pytest.mark.parametrize("lab_mode", [True, False])
def test_a_play_through_keeps_settings_only_and_lab_mode_nothing(tmp_path, lab_mode):
    base = staged(tmp_path, lab_mode)
    before = saved_files(base)
    run = enginekit.run_engine(base, "test", "play_a_path")
    assert run.returncode == 0, run.output[-2000:]
    assert run.of("ending"), "the path did not reach its ending"
    after = saved_files(base)
    assert before == []
    if lab_mode:
        assert after == [], f"lab mode left files behind: {after}"
        return
    # Outside lab mode: the persistent data (settings) and nothing else; no save of any kind.
    assert after, "without lab mode the engine keeps its persistent data (this proves the listing works)"
    assert [f for f in after if os.path.basename(f) != "persistent"] == [], f"more than settings kept: {after}"
    # And the persistent data holds none of the story: no line, choice or title
    # (Ren'Py would keep the text of every menu choice taken, to mark it).
    texts = story_texts()
    assert "Ask Ava if she knows this account" in texts and len(texts) > 15
    for f in after:
        kept = persistent_text(os.path.join(base, f))
        assert "font_size" in kept, "not a persistent file?"
        assert [t for t in texts if t in kept] == [], f"{f} keeps story text"
    # Every way Ren'Py would save by itself is off.
    assert run.of("autosave") == [{"event": "autosave", "has_autosave": False, "on_choice": False, "on_input": False,
                                    "on_quit": False, "on_mobile_background": False}]
