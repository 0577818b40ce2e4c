"""A catalogue item is explained in full only the first time a play-through meets it, in the real engine.

One engine run on the sample, in facilitator mode: the first card explains everything it lists;
the next card shows an item met before by its name only, and selecting the name opens it; "See the
other choice" puts back what had been explained before the choice, so the other card explains
afresh. The interpreter says the same (``Transcript.cards``; ``build.py coverage`` compares the two
on every planned path).
"""

from __future__ import annotations

import os

import enginekit
from tyg.compile import pipeline
from tyg.play import interpret
from tyg.play.textplay import feedback_lines

SAMPLE = os.path.join(enginekit.ROOT, "tests", "sample")

TESTCASE = """
testcase feedback_once:
    run Start("tyg_s__sample")
    "Next line" until label tyg_discuss
    pause 0.5
    "Continue"
    pause 0.5
    type "1"
    pause 0.5
    $ tyg_trace_screen("tyg_feedback")
    "Continue"
    pause 0.5
    "Next line" until "Choice 2:"
    type "2"
    pause 0.5
    $ tyg_trace_screen("tyg_feedback")
    $ renpy.screenshot({shot!r})
    "Take time to think"
    pause 0.5
    $ tyg_trace_screen("tyg_feedback")
    "See the other choice"
    pause 0.5
    type "1"
    pause 0.5
    $ tyg_trace_screen("tyg_feedback")
    $ renpy.quit()
"""


def test_explained_the_first_time_then_by_name_openable_and_restored_by_see_the_other_choice(tmp_path):
    result = pipeline.check(SAMPLE)
    sample, cat = result.project.scenarios[0], result.project.catalogue
    explain = {(key, i.id): i.explain.value for key in ("red_flags", "safe_actions", "key_messages", "adult_actions") for i in cat.section(key)}
    t = interpret.play(sample, ["reply_warmly", "stall"])
    assert [[(k, i, full) for k, i, full in card] for card in t.cards] == [
        [("red_flags", "stranger_first", True), ("red_flags", "fast_flattery", True), ("safe_actions", "pause_and_think", True),
         ("key_messages", "not_your_fault", True)],
        [("red_flags", "pressure", True), ("safe_actions", "pause_and_think", False)],
    ]
    # Text play prints what the interpreter says: the second card names the item met before.
    stall = next(c for s in sample.scenes for c in s.choices if c.id == "stall")
    lines = feedback_lines(stall, cat, t.cards[1])
    assert "- Take time to think" in lines and f"- Pressure: {explain[('red_flags', 'pressure')]}" in lines

    base = enginekit.stage_game(str(tmp_path / "stage"), SAMPLE)
    with open(os.path.join(base, "trust-your-gut.ini"), "w", encoding="utf-8") as fh:
        fh.write("[school]\nfacilitator = yes\nlab_mode = yes\n")
    shot = str(tmp_path / "second_card.png")
    enginekit.add_script(base, "zz_feedback_once.rpy", TESTCASE.format(shot=shot))
    run = enginekit.run_engine(base, "test", "feedback_once", timeout=240)
    assert run.returncode == 0, run.output[-3000:]

    cards = [(e["choice"], e["explained"]) for e in run.of("feedback")]
    assert cards == [
        ("reply_warmly", ["red_flags:stranger_first", "red_flags:fast_flattery", "safe_actions:pause_and_think",
                          "key_messages:not_your_fault"]),
        ("stall", ["red_flags:pressure"]),
        # Going back restored what had been explained before 'stall': 'pressure' is new again,
        # 'not_your_fault' (explained on the first card, before the decision) is not.
        ("say_no", ["red_flags:pressure", "safe_actions:talk_to_adult", "safe_actions:report_block",
                    "adult_actions:stay_calm"]),
    ]
    first, second, opened, other = [e["texts"] for e in run.of("screen") if e["screen"] == "tyg_feedback"]
    think = explain[("safe_actions", "pause_and_think")]
    assert think in first
    assert "Take time to think" in second and think not in second, "met before: the name only"
    assert explain[("red_flags", "pressure")] in second
    assert think in opened, "selecting the name opens the explanation"
    for key in (("red_flags", "pressure"), ("adult_actions", "stay_calm")):
        assert explain[key] in other
    assert "It is not your fault" in other and explain[("key_messages", "not_your_fault")] not in other
    assert os.path.getsize(shot) > 0
