"""At the largest text size, no text spills out of its box, on any screen of any story.

One engine process sets the largest text size through Settings, then plays
the safer and the riskier path of every shipped scenario (every line, chat,
choice, feedback and ending summary), and opens the help, the journal and the
content note on the way. ``engine_support/overflow.rpy`` checks every frame
the engine draws: each text's box must lie inside the boxes that hold it.
"""

from __future__ import annotations

import os

import enginekit
from tyg.play import interpret
from tyg.compile import pipeline

ROOT = enginekit.ROOT
SOURCE = os.path.join(ROOT, "scenarios")
SUPPORT = os.path.join(ROOT, "tests", "engine_support", "overflow.rpy")
PROBE_TEXT = "This sentence is much too long for the small box it has been given here."


def _testcase(transcripts, ui=lambda s: s) -> str:
    """``ui`` gives the buttons' words in the language the game is played in (tests/test_i18n_engine.py)."""
    w = lambda s: f'    "{ui(s)}"'
    out = [
        "testcase overflow:",
        w("Settings"),
        w("Largest"),
        "    pause 0.5",
        '    $ tyg_trace("text_size", size=_preferences.font_size)',
        w("Close"),
        # The check must see a real overflow: a box far too small for its text.
        '    run Show("tyg_overflow_probe")',
        "    pause 0.5",
        '    run Hide("tyg_overflow_probe")',
        '    $ tyg_trace("probe_done")',
        w("Help"),
        "    pause 0.3",
        w("Close"),
        '    type "1"',
        "    pause 0.3",
        w("Back"),
    ]
    for k, t in enumerate(transcripts):
        out.append(f'    run Start("tyg_s__{t.scenario}")')
        for i, (_, number) in enumerate(t.choices):
            # "until" clicks the choice itself once it shows; the feedback follows.
            out += [w("Next line") + f' until "{enginekit.choice_words(number, ui)}"', "    pause 0.3"]
            if k == 0 and i == 0:
                out += [w("Journal (J)").replace(" (J)", ""), "    pause 0.3", w("Close")]
            out.append(w("Continue"))
        out += [w("Next line") + f" until label tyg_s__{t.scenario}__{t.ending}", "    pause 0.5", w("Back to the main menu")]
    out.append("    $ renpy.quit()")
    return "\n".join(out) + "\n"


def test_no_text_overflows_at_the_largest_text_size(tmp_path):
    project = pipeline.check(SOURCE).project
    transcripts = [interpret.play(sc, [], interpret.prefer(kind)) for sc in project.scenarios for kind in ("safer", "risky")]
    base = enginekit.stage_game(str(tmp_path), SOURCE)
    with open(SUPPORT, encoding="utf-8") as fh:
        enginekit.add_script(base, "zz_overflow_check.rpy", fh.read())
    enginekit.add_script(base, "zz_overflow.rpy", _testcase(transcripts))
    run = enginekit.run_engine(base, "test", "overflow", timeout=420)
    assert run.returncode == 0, run.output[-3000:]
    assert run.of("text_size") == [{"event": "text_size", "size": 1.4}]
    assert len(run.of("ending")) == len(transcripts), "every path reached its ending summary"

    found = run.of("overflow")
    probe = [e for e in found if e["text"] == PROBE_TEXT]
    assert probe, "the check missed the deliberate overflow"
    real = [e for e in found if e["text"] != PROBE_TEXT]
    report = "\n".join(
        f"{e['screens']}: {e['text'][:70]!r} at {e['text_box']} spills out of {e['box']} {e['outer_box']}" for e in real
    )
    assert not real, "text overflows at the largest size:\n" + report
