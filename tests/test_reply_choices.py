"""Choices marked ``reply: true`` are taken in the phone: the conversation stays in view,
replies look like the player's own messages, other moves are plain buttons."""

from __future__ import annotations

import os

import enginekit
from tyg.compile import pipeline

ROOT = enginekit.ROOT
SOURCE = os.path.join(ROOT, "scenarios")

TESTCASE = """
testcase replies:
    run Start("tyg_s__niko")
    "Next line" until label tyg_s__niko__first_message__choose
    pause 0.5
    $ tyg_trace("layout", prompt=renpy.get_screen("tyg_reply_prompt") is not None, plain_prompt=renpy.get_screen("tyg_prompt") is not None)
    $ tyg_trace_screen("choice")
    $ tyg_trace_screen("tyg_reply_prompt")
    type "2"
    pause 0.5
    "Continue"
    $ renpy.quit()
"""


def test_reply_choices_show_beside_the_conversation(tmp_path):
    niko = next(sc for sc in pipeline.check(SOURCE).project.scenarios if sc.id == "niko")
    scene = next(s for s in niko.scenes if s.id == "first_message")
    replies = [c for c in scene.choices if c.reply]
    others = [c for c in scene.choices if not c.reply]
    assert replies and others, "the test needs a decision with both kinds"

    base = enginekit.stage_game(str(tmp_path), SOURCE)
    enginekit.add_script(base, "zz_replies.rpy", TESTCASE)
    run = enginekit.run_engine(base, "test", "replies", timeout=120)
    assert run.returncode == 0, run.output[-3000:]
    assert run.of("layout") == [{"event": "layout", "prompt": True, "plain_prompt": False}]
    screens = {e["screen"]: e["texts"] for e in run.of("screen")}
    shown = screens["choice"]
    for n, c in enumerate(scene.choices, 1):
        # A reply is its own text beside its number; another move is a numbered button.
        assert (c.text.value in shown) if c.reply else (f"{n}. {c.text.value}" in shown), c.id
    # The conversation so far is on screen with the choices: the last message before the decision.
    chats = [line for who, line in run_lines(run) if who == "madison_rae"]
    assert chats and chats[-1] in shown
    assert screens["tyg_reply_prompt"] == [scene.prompt.value]
    # Key 2 took the second choice, in the menu's order.
    assert [e["choice"] for e in run.of("choice")] == [scene.choices[1].id]
    assert len(run.of("feedback")) == 1


def run_lines(run):
    return [(e["who"], e["what"]) for e in run.of("line")]
