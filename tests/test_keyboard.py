"""Keyboard only, in the real engine: every screen reached and every kind of button
worked with the arrow keys and Enter, and Enter does what the focused button says.

One engine process plays the sample story (its phone decision marked as replies)
from key presses alone (tests/engine_support/keyboard.rpy: no pointer event ever,
so the focus is only what the keys make it): the content note's Back, a red flag
on a feedback card, the journal, help, both ending buttons, reply choices,
Settings (the dyslexia-friendly font shows as selected), then facilitator mode:
a discussion card with its notes, a group vote and "See the other choice".
"""

from __future__ import annotations

import os
import shutil

import enginekit
import test_monkey
from tyg.engine.stage import private_display

KEYBOARD = os.path.join(enginekit.ROOT, "tests", "engine_support", "keyboard.rpy")

STEPS = [
    ("wait", "main_menu"),
    ("press", "1"), ("wait", "tyg_before_start"), ("note", "content note"),
    # Back, chosen with the arrows: Enter goes back, the story does not start.
    ("focus", "Back", "LEFT"), ("press", "RETURN"), ("note", "after Back"),
    ("press", "1"), ("wait", "tyg_before_start"), ("press", "RETURN"),
    ("until", "RETURN", "choice"), ("focus", "2.", "DOWN"), ("press", "RETURN"),
    ("wait", "tyg_feedback"), ("note", "feedback"),
    # A red flag: Enter opens or closes its explanation and the card stays.
    ("focus", "A stranger reaches out first", "UP"), ("note", "red flag focused"),
    ("state", "red flag before", "A stranger reaches out first"),
    ("press", "RETURN"), ("state", "red flag pressed", "A stranger reaches out first"),
    ("press", "j"), ("wait", "tyg_journal"), ("note", "journal"), ("press", "RETURN"), ("note", "journal closed"),
    ("press", "h"), ("wait", "tyg_help"), ("note", "help"), ("press", "RETURN"), ("note", "help closed"),
    ("focus", "Continue", "DOWN"), ("press", "RETURN"),
    ("until", "RETURN", "choice"), ("focus", "1.", "DOWN"), ("press", "RETURN"),
    ("wait", "tyg_feedback"), ("press", "RETURN"),
    ("until", "RETURN", "tyg_ending"), ("note", "ending"),
    ("focus", "Play again", "LEFT"), ("press", "RETURN"), ("note", "play again"),
    # Again, through the phone's reply choices, to the ending's main button.
    ("until", "RETURN", "choice"), ("focus", "1.", "DOWN"), ("press", "RETURN"),
    ("wait", "tyg_feedback"), ("press", "RETURN"),
    ("until", "RETURN", "choice"), ("note", "reply choices"), ("focus", "1.", "DOWN"), ("press", "RETURN"),
    ("wait", "tyg_feedback"), ("press", "RETURN"),
    ("until", "RETURN", "tyg_ending"), ("press", "RETURN"), ("wait", "main_menu"), ("note", "main menu again"),
    # Settings: the dyslexia-friendly font, a toggle that shows its state.
    ("focus", "Help", "DOWN LEFT"), ("focus", "Settings", "RIGHT"), ("press", "RETURN"), ("wait", "tyg_settings"),
    ("focus", "Dyslexia-friendly font", "UP LEFT"), ("state", "dyslexia off", "Dyslexia-friendly font"),
    ("press", "RETURN"), ("state", "dyslexia on", "Dyslexia-friendly font"),
    ("focus", "Dyslexia-friendly font", "UP LEFT"),
    ("press", "RETURN"), ("state", "dyslexia off again", "Dyslexia-friendly font"),
    ("focus", "Close", "DOWN"), ("press", "RETURN"), ("note", "settings closed"),
    # Facilitator mode, switched on from the main menu.
    ("focus", "Help", "DOWN LEFT"), ("focus", "Facilitator mode: off", "RIGHT"), ("press", "RETURN"), ("note", "facilitator on"),
    ("press", "1"), ("wait", "tyg_before_start"), ("press", "RETURN"),
    ("until", "RETURN", "tyg_discussion"), ("note", "discussion"), ("press", "n"), ("note", "notes"),
    ("press", "RETURN"), ("until", "RETURN", "choice"), ("note", "vote"),
    ("focus", "2", "DOWN"), ("press", "RETURN"), ("wait", "tyg_feedback"),
    ("focus", "See the other choice", "LEFT"), ("press", "RETURN"), ("wait", "choice"), ("note", "other choice"),
]


def notes(run: enginekit.EngineRun) -> dict[str, dict]:
    return {e["step"][1]: e for e in run.of("key_step") if e["step"][0] in ("note", "state")}


def test_keyboard_alone_reaches_every_screen_and_enter_obeys_the_focus(tmp_path):
    base = enginekit.stage_game(str(tmp_path / "game-folder"), test_monkey.monkey_source(str(tmp_path)))
    shutil.copy(KEYBOARD, os.path.join(base, "game"))
    enginekit.add_script(base, "zz_steps.rpy", f"init 999 python:\n    TYG_KEY_STEPS = {STEPS!r}\n")
    with private_display("400x400x24") as display:
        run = enginekit.run_engine(base, timeout=600, display=display, env={"TYG_KEYBOARD": "1"})
    assert run.returncode == 0, run.output[-3000:]
    done = run.of("key_done")
    steps = run.of("key_step")
    assert done and "failed" not in done[0], f"stuck at {done}; last steps: {steps[-4:]}"
    n = notes(run)
    begins = run.of("begin")

    # The content note: Start is focused first; Back, focused with an arrow, goes back.
    assert n["content note"]["focus"] == "Start the story"
    assert n["after Back"]["screens"] == ["main_menu"]
    assert len(begins) == 3, "Back started the story, or Enter on Start did not"
    # A red flag focused and pressed: the card stays; the flag opens or closes.
    flag, before, pressed = n["red flag focused"], n["red flag before"], n["red flag pressed"]
    assert flag["focus"] == before["button_text"]
    assert "tyg_feedback" in pressed["screens"]
    assert {before["button_text"][-1], pressed["button_text"][-1]} == {"▸", "▾"}, (before, pressed)
    # Journal and help: their Close has the focus above the card, so Enter closes them.
    assert n["journal"]["focus"] == "Close" and "tyg_journal" not in n["journal closed"]["screens"]
    assert n["help"]["focus"] == "Close" and "tyg_help" not in n["help closed"]["screens"]
    assert "tyg_feedback" in n["help closed"]["screens"]
    # The ending: "Back to the main menu" first; "Play again", focused, plays again.
    assert n["ending"]["focus"] == "Back to the main menu"
    assert "tyg_ending" not in n["play again"]["screens"]
    assert n["reply choices"]["screens"] == ["choice"]
    assert n["main menu again"]["screens"] == ["main_menu"]
    # The dyslexia-friendly font is a toggle that says whether it is on.
    assert (n["dyslexia off"]["button_selected"], n["dyslexia off"]["font_transform"]) == (False, None)
    assert (n["dyslexia on"]["button_selected"], n["dyslexia on"]["font_transform"]) == (True, "tyg_dyslexic")
    assert (n["dyslexia off again"]["button_selected"], n["dyslexia off again"]["font_transform"]) == (False, None)
    assert "tyg_settings" not in n["settings closed"]["screens"]
    # Facilitator mode: the discussion card, its notes, the vote, the other choice.
    assert n["facilitator on"]["facilitating"] is True
    assert n["discussion"]["focus"] == "Continue"
    assert n["vote"]["screens"] == ["choice", "tyg_prompt"]
    assert [e["event"] for e in run.events].count("other_choice") == 1
    assert "choice" in n["other choice"]["screens"]
