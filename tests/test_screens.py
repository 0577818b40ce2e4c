"""Menus, help, the journal and the ending summary, in the real engine."""

from __future__ import annotations

import os

import enginekit
from tyg.play import interpret
from tyg.compile import pipeline

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")

TESTCASE = """
testcase screens:
    "Sample: The New"
    "Start the story"
    "Next line" until "Choice 1:"
    "Continue"
    "Journal"
    $ tyg_trace_screen("tyg_journal")
    "Close"
    type "h"
    $ tyg_trace_screen("tyg_help")
    type "h"
    "Next line" until "Choice 1:"
    "Continue"
    "Next line" until move (0.5, 0.5) pattern "Back to the main menu"
    $ tyg_trace_screen("tyg_ending")
    $ tyg_trace("journal_state", flags=tyg_journal.flags, taken=tyg_journal.actions_taken)
    "Play again"
    "Next line" until "Choice 1:"
    $ tyg_trace("replayed", chosen=list(tyg_chosen))
    $ renpy.quit()
"""


def test_menu_journal_help_and_ending_summary(tmp_path):
    base = enginekit.stage_game(str(tmp_path), SAMPLE)
    with open(os.path.join(base, "trust-your-gut.ini"), "w", encoding="utf-8") as fh:
        fh.write("[school]\ncountry = GB\n")
    enginekit.add_script(base, "zz_screens.rpy", TESTCASE)
    run = enginekit.run_engine(base, "test", "screens")
    assert run.returncode == 0, run.output[-3000:]
    screens = {e["screen"]: e["texts"] for e in run.of("screen")}

    # Reply warmly (risky) first: its red flags are missed so far.
    journal = screens["tyg_journal"]
    assert "Red flags to watch for" in journal and "• A stranger reaches out first" in journal
    assert "Red flags you spotted" not in journal

    help_texts = screens["tyg_help"]
    assert "What is a trusted adult?" in help_texts
    # The school's country (GB) has no sample resource, so "Anywhere" (INT) comes before the US.
    assert help_texts.index("Anywhere") < help_texts.index("United States")

    ending = screens["tyg_ending"]
    assert "It is not your fault. The blame lies with the person who pressures or threatens." in ending
    assert "Three things to remember" in ending and "Red flags to watch for next time" in ending
    state = run.of("journal_state")[0]
    sample = pipeline.check(SAMPLE).project.scenarios[0]
    t = interpret.play(sample, ["reply_warmly", "say_no"])
    assert t.ending == "helped_end" and [e["id"] for e in run.of("ending")] == ["helped_end"]
    # say_no (safer) names 'pressure': spotted. reply_warmly (risky) named the other two: missed.
    assert state["flags"] == {"stranger_first": "missed", "fast_flattery": "missed", "pressure": "spotted"}
    assert state["taken"] == ["talk_to_adult", "report_block"]

    # "Play again" starts the same story afresh: only the choice just made (Choice 1) is remembered.
    assert run.of("replayed")[0]["chosen"] == ["reply_warmly"]
    assert [e["scenario"] for e in run.of("begin")] == ["sample", "sample"]


def test_keyboard_only_run_reaches_an_ending(tmp_path):
    """Keys only: 1 opens the first story, Enter starts it and moves on, digits choose."""
    source = os.path.join(ROOT, "scenarios")
    niko = next(sc for sc in pipeline.check(source).project.scenarios if sc.id == "niko")
    t = interpret.play(niko, [], interpret.prefer("safer"))
    decisions = [s for s in t.scenes if any(sc.id == s and sc.choices for sc in niko.scenes)]
    lines = [
        "testcase keyboard_only:",
        "    move (0.02, 0.98)",  # park the pointer where nothing can be clicked; no clicks follow
        '    type "1"',
        "    type RETURN",
    ]
    for scene, (_, number) in zip(decisions, t.choices):
        lines.append(f"    type RETURN until label tyg_s__niko__{scene}__choose")
        lines.append(f'    type "{number}"')
        lines.append("    type RETURN")
    lines += [
        f"    type RETURN until label tyg_s__niko__{t.ending}",
        "    pause 0.5",
        "    type RETURN",
        "    pause 0.5",
        "    $ tyg_trace('back_at_menu', menu=renpy.get_screen('main_menu') is not None)",
        "    $ renpy.quit()",
    ]
    base = enginekit.stage_game(str(tmp_path), source)
    enginekit.add_script(base, "zz_keys.rpy", "\n".join(lines) + "\n")
    run = enginekit.run_engine(base, "test", "keyboard_only", timeout=180)
    assert run.returncode == 0, run.output[-3000:]
    assert [e["choice"] for e in run.of("choice")] == [c for c, _ in t.choices]
    assert len(run.of("feedback")) == len(t.choices)
    assert [e["id"] for e in run.of("ending")] == [t.ending]
    assert run.of("back_at_menu") == [{"event": "back_at_menu", "menu": True}]
