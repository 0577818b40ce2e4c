"""Facilitator mode in the real engine: discussion cards with hidden notes, large
vote choices, "See the other choice", the projector text size, and the reset
for the next group. Screenshots of each screen go to the test's tmp folder.
"""

from __future__ import annotations

import os

import enginekit
from tyg.play import interpret
from tyg.compile import pipeline
from tyg.compile.nodes import Discuss

ROOT = enginekit.ROOT
SOURCE = os.path.join(ROOT, "scenarios")
SAMPLE = os.path.join(ROOT, "tests", "sample")
OVERFLOW = os.path.join(ROOT, "tests", "engine_support", "overflow.rpy")

STATE = (
    '$ tyg_trace("{}", flags=dict(tyg_flags), chosen=list(tyg_chosen), journal=dict(tyg_journal.flags),'
    " order=list(tyg_journal.order), chat=len(tyg_chat_log))"
)


def _shot(folder, name: str) -> str:
    return f"    $ renpy.screenshot({os.path.join(str(folder), name + '.png')!r})"


def _first_discussion(sc) -> Discuss:
    for scene in sc.scenes:
        for step in scene.steps:
            if isinstance(step, Discuss):
                return step
    raise AssertionError(f"{sc.id} has no discussion prompt")


def _png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _files(folder: str) -> list[str]:
    return sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, fs in os.walk(folder) for f in fs)


def test_discussion_notes_vote_and_both_feedbacks_of_one_decision(tmp_path):
    """Switched on by the school's settings file (a lab computer): Niko's first discussion card and decision, both ways."""
    niko = next(sc for sc in pipeline.check(SOURCE).project.scenarios if sc.id == "niko")
    first = niko.scenes[0]
    by_id = {c.id: c for c in first.choices}
    shown = interpret.play(niko, [], interpret.prefer("safer")).shown[0]
    one, other = shown.index("reply_happy") + 1, shown.index("wait_a_bit") + 1
    assert by_id["reply_happy"].kind != "safer" and by_id["wait_a_bit"].kind == "safer"
    discussion = _first_discussion(niko)
    notes_line = discussion.notes.value.splitlines()[0]

    shots = tmp_path / "shots"
    shots.mkdir()
    lines = [
        "testcase facilitator_niko:",
        '    $ tyg_trace("mode", on=tyg_facilitating())',
        '    run Start("tyg_s__niko")',
        '    "Next line" until label tyg_discuss',
        "    pause 0.5",
        '    $ tyg_trace_screen("tyg_discussion")',
        _shot(shots, "1_discussion_notes_hidden"),
        '    type "n"',
        "    pause 0.5",
        '    $ tyg_trace_screen("tyg_discussion")',
        _shot(shots, "2_discussion_notes_shown"),
        '    "Hide notes"',
        "    pause 0.5",
        '    $ tyg_trace_screen("tyg_discussion")',
        '    "Continue"',
        "    pause 0.5",
        '    $ tyg_trace_screen("choice")',
        "    " + STATE.format("at_decision"),
        _shot(shots, "3_vote"),
        f'    "Choice {one}:"',
        "    pause 0.5",
        "    " + STATE.format("after_first"),
        '    $ tyg_trace_screen("tyg_feedback")',
        _shot(shots, "4_feedback_first"),
        '    "See the other choice"',
        "    pause 0.5",
        '    $ tyg_trace_screen("choice")',
        "    " + STATE.format("back_at_decision"),
        f'    type "{other}"',
        "    pause 0.5",
        "    " + STATE.format("after_other"),
        _shot(shots, "5_feedback_other"),
        '    "Continue"',
        "    pause 0.5",
        '    $ tyg_trace("moved_on", decision=tyg_decision[0])',
        "    run MainMenu(confirm=False)",
        "    pause 0.5",
        '    "Reset for the next group"',
        "    pause 0.5",
        '    $ tyg_trace("after_reset", menu=renpy.get_screen("main_menu") is not None, on=tyg_facilitating())',
        "    $ renpy.quit()",
    ]
    base = enginekit.stage_game(str(tmp_path / "stage"), SOURCE)
    with open(os.path.join(base, "trust-your-gut.ini"), "w", encoding="utf-8") as fh:
        fh.write("[school]\nfacilitator = yes\nlab_mode = yes\n")
    enginekit.add_script(base, "zz_facilitator.rpy", "\n".join(lines) + "\n")
    run = enginekit.run_engine(base, "test", "facilitator_niko", timeout=240)
    assert run.returncode == 0, run.output[-3000:]
    assert run.of("mode") == [{"event": "mode", "on": True}], "the settings file switches facilitator mode on"

    # The card: the question, notes hidden; N shows them; the button hides them again.
    assert [e["id"] for e in run.of("discussion_card")] == [discussion.id]
    cards = [e["texts"] for e in run.of("screen") if e["screen"] == "tyg_discussion"]
    assert len(cards) == 3
    hidden, shown_notes, hidden_again = cards
    question = discussion.question.value
    assert question in hidden and question in shown_notes
    assert not any(notes_line in t for t in hidden), "notes must be hidden until asked for"
    assert "The facilitator notes are hidden. Press N to show them." in hidden
    assert any(notes_line in t for t in shown_notes) and "Facilitator notes" in shown_notes
    assert hidden_again == hidden
    assert run.of("discussion_notes") == [
        {"event": "discussion_notes", "shown": True},
        {"event": "discussion_notes", "shown": False},
    ]

    # The vote: the question and every choice, large, numbered.
    votes = [e["texts"] for e in run.of("screen") if e["screen"] == "choice"]
    assert len(votes) == 2 and votes[0] == votes[1], "going back shows the same decision"
    assert "Group vote" in votes[0] and first.prompt.value in votes[0]
    for n, cid in enumerate(shown, 1):
        assert str(n) in votes[0] and by_id[cid].text.value in votes[0]

    # Both feedbacks of one decision, and the state put back in between.
    assert [(e["choice"], e["kind"]) for e in run.of("feedback")] == [
        ("reply_happy", by_id["reply_happy"].kind),
        ("wait_a_bit", "safer"),
    ]
    assert [e["label"] for e in run.of("other_choice")] == ["tyg_s__niko__first_message__choose"]
    states = {e["event"]: e for e in run.events if e["event"] in ("at_decision", "after_first", "back_at_decision", "after_other")}
    first_flags = [r.id for r in by_id["reply_happy"].feedback.teaches["red_flags"]]
    other_flags = [r.id for r in by_id["wait_a_bit"].feedback.teaches["red_flags"]]
    assert states["after_first"]["chosen"] == ["reply_happy"]
    assert states["after_first"]["journal"] == {rf: "missed" for rf in first_flags}
    for key in ("flags", "chosen", "journal", "order", "chat"):
        assert states["back_at_decision"][key] == states["at_decision"][key], key
    after = states["after_other"]
    assert after["chosen"] == ["wait_a_bit"]
    assert after["flags"] == {**states["at_decision"]["flags"], "waited": True}
    # Only the choice taken last counts: the first choice's red flags are not left behind as missed.
    assert after["journal"] == {rf: "spotted" for rf in other_flags}
    assert after["order"] == other_flags
    left_behind = [rf for rf in first_flags if rf not in other_flags]
    assert left_behind == ["knows_your_interests"], "the story's first decision changed: pick its flags again"
    assert not any(rf in after["journal"] for rf in left_behind)
    assert run.of("moved_on") == [{"event": "moved_on", "decision": "tyg_s__niko__first_message__choose"}]

    # The reset on a lab computer: back to the main menu, still a facilitator, nothing written to disk.
    assert run.of("reset") == [{"event": "reset"}]
    assert run.of("after_reset") == [{"event": "after_reset", "menu": True, "on": True}]
    assert _files(os.path.join(base, "home")) == []

    for name in ("1_discussion_notes_hidden", "2_discussion_notes_shown", "3_vote", "4_feedback_first", "5_feedback_other"):
        assert _png_size(str(shots / f"{name}.png")) == (1280, 720), name


def test_menu_switch_projector_size_and_reset_for_the_next_group(tmp_path):
    """Switched on from the main menu; the projector size; no text spills; one action resets."""
    sample = pipeline.check(SAMPLE).project.scenarios[0]
    t = interpret.play(sample, ["reply_warmly", "say_no"])
    shots = tmp_path / "shots"
    shots.mkdir()
    lines = [
        "testcase facilitator_menu:",
        '    $ tyg_trace("mode", on=tyg_facilitating())',
        '    "Facilitator mode: off"',
        "    pause 0.3",
        '    $ tyg_trace("mode", on=tyg_facilitating())',
        '    "Settings"',
        '    "Projector"',
        "    pause 0.5",
        '    $ tyg_trace("text_size", size=_preferences.font_size)',
        _shot(shots, "p1_settings"),
        '    "Close"',
        "    pause 0.5",
        _shot(shots, "p2_main_menu"),
        '    run Start("tyg_s__sample")',
        '    "Next line" until label tyg_discuss',
        '    "Show notes"',
        "    pause 0.5",
        _shot(shots, "p3_discussion_notes_shown"),
        '    "Continue"',
        "    pause 0.5",
        _shot(shots, "p4_vote"),
    ]
    for i, (_, number) in enumerate(t.choices):
        if i:
            lines.append(f'    "Next line" until "Choice {number}:"')
        else:
            lines.append(f'    "Choice {number}:"')
        lines += ["    pause 0.5", _shot(shots, f"p5_feedback_{i}"), '    "Continue"']
    lines += [
        f"    \"Next line\" until label tyg_s__sample__{t.ending}",
        "    pause 0.5",
        _shot(shots, "p6_ending"),
        '    $ tyg_trace("before_reset", chosen=list(tyg_chosen), marks=len(persistent._chosen))',
        '    "Reset for the next group"',
        "    pause 1.0",
        '    $ tyg_trace("after_reset", menu=renpy.get_screen("main_menu") is not None, chosen=list(tyg_chosen),'
        " journal=dict(tyg_journal.flags), decision=tyg_decision, marks=len(persistent._chosen),"
        " facilitating=tyg_facilitating(), size=_preferences.font_size)",
        '    "Facilitator mode: on"',
        "    pause 0.3",
        '    $ tyg_trace("switched_off", on=tyg_facilitating(), size=_preferences.font_size)',
        # A player on their own: no discussion card, the usual choices, no going back.
        '    run Start("tyg_s__sample")',
        f'    "Next line" until "Choice {t.choices[0][1]}:"',
        "    pause 0.5",
        '    $ tyg_trace_screen("tyg_feedback")',
        "    $ renpy.quit()",
    ]
    base = enginekit.stage_game(str(tmp_path / "stage"), SAMPLE)
    with open(OVERFLOW, encoding="utf-8") as fh:
        enginekit.add_script(base, "zz_overflow_check.rpy", fh.read())
    enginekit.add_script(base, "zz_facilitator.rpy", "\n".join(lines) + "\n")
    run = enginekit.run_engine(base, "test", "facilitator_menu", timeout=240)
    assert run.returncode == 0, run.output[-3000:]

    assert [e["on"] for e in run.of("mode")] == [False, True], "off by default, on from the main menu"
    assert run.of("text_size") == [{"event": "text_size", "size": 1.6}]
    assert [e["id"] for e in run.of("discussion_card")] == t.discussions, "a card in facilitator mode only"
    assert [e["id"] for e in run.of("discuss")] == t.discussions * 2
    assert [e["choice"] for e in run.of("feedback")] == t.path + t.path[:1]
    assert [e["id"] for e in run.of("ending")] == [t.ending]

    # At the projector size no text spills out of the facilitator's cards or the story's cards.
    ours = {"tyg_discussion", "choice", "tyg_feedback", "tyg_ending", "main_menu", "tyg_settings"}
    spills = [e for e in run.of("overflow") if ours & set(e["screens"])]
    assert not spills, "\n".join(f"{e['screens']}: {e['text'][:60]!r} {e['text_box']} in {e['outer_box']}" for e in spills)

    before = run.of("before_reset")[0]
    # Ren'Py's marks of the choices taken (their text) are never kept (tyg_privacy.rpy).
    assert before["chosen"] == t.path and before["marks"] == 0
    assert run.of("reset") == [{"event": "reset"}]
    assert run.of("after_reset") == [{
        "event": "after_reset", "menu": True, "chosen": [], "journal": {}, "decision": None, "marks": 0,
        "facilitating": True, "size": 1.6,
    }]
    # Not a lab computer: settings are kept (the lab-mode run above keeps nothing).
    assert "saves/persistent" in _files(os.path.join(base, "home"))
    # Leaving facilitator mode brings the text back to the largest player size.
    assert run.of("switched_off") == [{"event": "switched_off", "on": False, "size": 1.4}]
    feedbacks = [e["texts"] for e in run.of("screen") if e["screen"] == "tyg_feedback"]
    assert len(feedbacks) == 1 and "Continue" in feedbacks[0]
    assert not any("other choice" in text for text in feedbacks[0])
    for png in sorted(os.listdir(shots)):
        assert _png_size(str(shots / png)) == (1280, 720), png
