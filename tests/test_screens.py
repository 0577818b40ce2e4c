"""Menus, settings, help, the feedback card, the journal and the ending summary, in the real engine.

One engine run (the ``screens`` fixture) plays the sample and reads back what each
screen says, and how the settings screen's text is drawn (``engine_support/drawn.rpy``):
the tests below each check one promise against that run.
"""

from __future__ import annotations

import os
import shutil

import pytest

import enginekit
from tyg.play import interpret
from tyg.compile import pipeline

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")
DRAWN = os.path.join(ROOT, "tests", "engine_support", "drawn.rpy")

#: A GB service added to the sample, so that Help has three countries to put in order.
GB_RESOURCE = """  - id: sample_uk
    name: Sample UK Line
    country: GB
    explain: A placeholder for the United Kingdom.
    phone: "0800 000 0000"
"""

TESTCASE = """
testcase screens:
    "Settings"
    pause 0.5
    $ tyg_trace_drawn("settings")
    "Dyslexia-friendly font"
    pause 0.5
    $ tyg_trace_drawn("dyslexic")
    "Dyslexia-friendly font"
    pause 0.5
    $ tyg_trace_drawn("dyslexic off")
    "High contrast text"
    pause 0.5
    $ tyg_trace_drawn("high contrast")
    "High contrast text"
    "Largest"
    pause 0.5
    $ tyg_trace_drawn("largest")
    "Normal"
    "Close"
    "Sample: The New"
    "Start the story"
    "Next line" until "Choice 1:"
    pause 0.3
    $ tyg_trace_screen("tyg_feedback")
    "A stranger reaches out first"
    pause 0.3
    $ tyg_trace_screen("tyg_feedback")
    "A stranger reaches out first"
    pause 0.3
    $ tyg_trace_screen("tyg_feedback")
    "Continue"
    "Journal"
    $ tyg_trace_screen("tyg_journal")
    "Close"
    type "h"
    $ tyg_trace_screen("tyg_help")
    type "h"
    $ tyg_country = "US"
    type "h"
    $ tyg_trace_screen("tyg_help")
    type "h"
    $ tyg_country = "GB"
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


@pytest.fixture(scope="module")
def screens(tmp_path_factory):
    """The engine run, with the school's country set to GB in trust-your-gut.ini."""
    tmp = tmp_path_factory.mktemp("screens")
    source = tmp / "sample"
    shutil.copytree(SAMPLE, source)
    cat = source / "catalogue.yaml"
    cat.write_text(cat.read_text(encoding="utf-8") + GB_RESOURCE, encoding="utf-8")
    story = source / "sample.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace(
        "resources: [sample_helpline, sample_phone]", "resources: [sample_helpline, sample_phone, sample_uk]"),
        encoding="utf-8")
    base = enginekit.stage_game(str(tmp / "game"), str(source))
    with open(os.path.join(base, "trust-your-gut.ini"), "w", encoding="utf-8") as fh:
        fh.write("[school]\ncountry = GB\n")
    shutil.copy(DRAWN, os.path.join(base, "game", "zz_drawn.rpy"))
    enginekit.add_script(base, "zz_screens.rpy", TESTCASE)
    run = enginekit.run_engine(base, "test", "screens", timeout=240)
    assert run.returncode == 0, run.output[-3000:]
    return run


def shown(run, name: str) -> list[list[str]]:
    """The texts of each time the screen was traced, in order."""
    return [e["texts"] for e in run.of("screen") if e["screen"] == name]


def drawn(run, what: str, text: str) -> dict:
    """How one text of the settings screen was drawn at one step."""
    snap = next(e["texts"] for e in run.of("drawn") if e["what"] == what)
    found = [t for t in snap if t["text"] == text]
    assert found, f"{text!r} was not drawn at {what!r}: {[t['text'] for t in snap]}"
    return found[0]


def test_journal_lists_the_missed_red_flags(screens):
    # Reply warmly (risky) first: its red flags are missed so far.
    journal = shown(screens, "tyg_journal")[0]
    assert "Red flags to watch for" in journal and "• A stranger reaches out first" in journal
    assert "Red flags you spotted" not in journal


def test_a_red_flag_opens_to_its_explanation(screens):
    """Selecting a red flag on the feedback card opens its explanation under it; selecting it
    again closes it. (A card may show an item open the first time it is met, so the test
    checks that each selection switches it, and what the open state says.)"""
    before, once, twice = shown(screens, "tyg_feedback")
    name = "A stranger reaches out first"
    explain = "Someone you have never met starts the chat and seems very keen on you."
    other = "Lots of compliments, and the talk turns personal very quickly."

    def is_open(texts):
        at = texts.index(name)
        assert texts[at + 1] in ("▸", "▾"), texts
        if texts[at + 1] == "▾":
            assert texts[at + 2] == explain, texts  # the explanation, right under its flag
            return True
        assert explain not in texts, texts
        return False

    assert is_open(once) != is_open(before)
    assert is_open(twice) == is_open(before)
    assert explain in (before + once)
    # Only the flag that was selected changes.
    assert (other in before) == (other in once) == (other in twice)


def test_help_lists_the_schools_country_first(screens):
    """GB from trust-your-gut.ini, then (the same run) the US: each puts its own country first."""
    gb, us = shown(screens, "tyg_help")
    for texts in (gb, us):
        assert "What is a trusted adult?" in texts
    order = lambda texts: [c for c in texts if c in ("United Kingdom", "Anywhere", "United States")]
    assert order(gb) == ["United Kingdom", "Anywhere", "United States"]
    assert order(us) == ["United States", "Anywhere", "United Kingdom"]
    # Each heading is followed by its own services.
    assert gb.index("United Kingdom") < gb.index("Sample UK Line") < gb.index("Anywhere")
    assert us.index("United States") < us.index("Sample Phone Line") < us.index("Anywhere")


def test_the_ending_says_where_to_get_help(screens):
    ending = shown(screens, "tyg_ending")[0]
    sample = pipeline.check(SAMPLE).project.scenarios[0]
    t = interpret.play(sample, ["reply_warmly", "say_no"])
    assert t.ending == "helped_end" and [e["id"] for e in screens.of("ending")] == ["helped_end"]
    assert "It is not your fault. The blame lies with the person who pressures or threatens." in ending
    assert "Three things to remember" in ending and "Red flags to watch for next time" in ending
    assert "Where to get help" in ending
    after = ending[ending.index("Where to get help"):]
    for name, how in [("Sample Helpline", "https://example.org/help"), ("Sample Phone Line", "555-0100"),
                      ("Sample UK Line", "0800 000 0000")]:
        assert name in after, name
        assert any(how in text for text in after), how


def test_the_ending_summary_counts_spotted_and_missed(screens):
    state = screens.of("journal_state")[0]
    # say_no (safer) names 'pressure': spotted. reply_warmly (risky) named the other two: missed.
    assert state["flags"] == {"stranger_first": "missed", "fast_flattery": "missed", "pressure": "spotted"}
    assert state["taken"] == ["talk_to_adult", "report_block"]


def test_play_again_starts_the_same_story_afresh(screens):
    # "Play again" starts the same story afresh: only the choice just made (Choice 1) is remembered.
    assert screens.of("replayed")[0]["chosen"] == ["reply_warmly"]
    assert [e["scenario"] for e in screens.of("begin")] == ["sample", "sample"]


def test_dyslexia_friendly_font_changes_the_font_drawn(screens):
    plain = drawn(screens, "settings", "Settings")
    dyslexic = drawn(screens, "dyslexic", "Settings")
    off = drawn(screens, "dyslexic off", "Settings")
    assert not any("OpenDyslexic" in f for f in plain["fonts"]), plain
    assert any("OpenDyslexic" in f for f in dyslexic["fonts"]), dyslexic
    assert not any("DejaVu" in f for f in dyslexic["fonts"]), dyslexic  # every letter of the title
    assert off["fonts"] == plain["fonts"]
    # Body text too, not only headings.
    body = "Text size"
    assert any("OpenDyslexic" in f for f in drawn(screens, "dyslexic", body)["fonts"])


def test_high_contrast_text_changes_how_text_is_drawn(screens):
    plain = drawn(screens, "settings", "Text size")
    contrast = drawn(screens, "high contrast", "Text size")
    assert contrast["outlines"] != plain["outlines"]
    assert [2, [0, 0, 0, 255]] in contrast["outlines"]  # a black outline round white text


def test_largest_text_size_draws_larger_text(screens):
    plain = drawn(screens, "settings", "Text size")
    largest = drawn(screens, "largest", "Text size")
    # "Largest" is 1.4 times the designed size: the text's box grows as much, both ways.
    (w0, h0), (w1, h1) = plain["box"], largest["box"]
    assert w1 >= w0 * 1.3 and h1 >= h0 * 1.3, (plain["box"], largest["box"])


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
