"""Any author text survives the trip YAML -> compiler -> Ren'Py and is shown literally.

Property tests with hypothesis: arbitrary Unicode strings (plus the known
traps: [x], {b}, 100%, backslashes, quotes, runs of spaces, newlines, emoji,
right-to-left scripts) are placed as dialogue, chat, narration, choice,
prompt, feedback, ending and character-name text. The emitted script must
pass Ren'Py's lint, and an engine run must show each string exactly.

Control characters (other than newline and tab) are refused by the loader
with TYG008, so they are not generated here; surrogates cannot be UTF-8.
"""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import enginekit
from tyg.engine.locate import find_engine, run_lint

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")

CHARS = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from(list("[]{}%\\\"' \n\t")),
)
TEXT = st.text(CHARS, min_size=1, max_size=24).filter(lambda s: s.strip())
SLOTS = 14
STRINGS = st.lists(TEXT, min_size=SLOTS, max_size=SLOTS)

TRICKY = [
    "[x]", "{b}bold{/b}", "100%", "back\\slash", 'say "hi"', "%(name)s and %s and %%",
    "[[double]]", "{{double}}", "a  b   c", "line one\nline two", "tab\there", "emoji 😊👍🏽",
    "مرحبا بالعالم", "שלום עולם", "\\n is not a newline", "{w}{p}{nw}", "[player_name!u]",
    "'single'", " leading space", "trailing space ", "no\u00a0break", "{i}", "]", "}",
    "50% off [sale] {now}", "\\\\", "%", "[",
]
# Rotations of the traps, so that each one lands in a say-statement slot (0-4:
# narration, dialogue, chat, prompt) and in a Python-literal slot at least once.
EXAMPLES = [[TRICKY[(i + off) % len(TRICKY)] for i in range(SLOTS)] for off in range(0, len(TRICKY), 5)]


def with_examples(test):
    for ex in reversed(EXAMPLES):
        test = example(ex)(test)
    return test


def scenario_with(s: list[str]) -> dict:
    """A small scenario with a string from ``s`` in every kind of player-visible slot."""
    fb = lambda a, b, c, d: {"title": a, "happened": b, "why": c, "safer": d, "red_flags": ["pressure"], "safe_actions": ["talk_to_adult"],
                             "key_messages": ["never_too_late"]}
    return {
        "format": 1,
        "scenario": {"id": "prop", "title": "Property", "player": {"name": "Sam", "age": 14},
                     "summary": "Strings.", "content_note": "None."},
        "characters": [
            {"id": "sam", "name": "Sam", "role": "player", "colour": "#3a7bd5"},
            {"id": "other", "name": s[13], "role": "offender", "colour": "#c2185b"},
        ],
        "scenes": [
            {
                "id": "one",
                "steps": [
                    {"narrate": s[0]},
                    {"say": "sam", "text": s[1]},
                    {"chat": "other", "text": s[2]},
                    {"chat": "sam", "text": s[3]},
                ],
                "prompt": s[4],
                "choices": [
                    {"id": "first", "text": s[5], "kind": "safer", "goto": "end", "feedback": fb(s[7], s[8], s[9], s[10])},
                    {"id": "second", "text": s[6], "kind": "risky", "goto": "end", "feedback": fb("t", "h", "w", "s")},
                ],
            }
        ],
        "endings": [{"id": "end", "kind": "safe", "title": s[11], "summary": s[12], "resources": ["sample_helpline"]}],
    }


CATALOGUE = """format: 1
red_flags:
  - {id: pressure, name: Pressure, explain: They keep asking.}
safe_actions:
  - {id: talk_to_adult, name: Talk to an adult, explain: An adult can help.}
key_messages:
  - {id: never_too_late, name: Never too late, explain: You can still get help., way_back: true}
resources:
  - {id: sample_helpline, name: Helpline, country: INT, explain: Help., url: example.org}
"""


def stage(tmp_path, strings: list[str]) -> str:
    src = tmp_path / "src"
    src.mkdir(parents=True)
    (src / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    (src / "prop.yaml").write_text(yaml.safe_dump(scenario_with(strings), allow_unicode=True, sort_keys=False), encoding="utf-8")
    base = tmp_path / "game-base"
    base.mkdir()
    return enginekit.stage_game(str(base), str(src))


PLAY = """
testcase prop_literal:
    run Start("tyg_s__prop")
    "Next line"
    "Next line"
    "Next line"
    $ tyg_trace_screen("tyg_chat")
    "Next line" until move (0.5, 0.5) pattern "Choice 1:"
    $ tyg_trace_screen("choice")
    "Choice 1:"
    move (0.5, 0.5) pattern "Continue"
    $ tyg_trace_screen("tyg_feedback")
    "Continue"
    move (0.5, 0.5) pattern "Back to the main menu"
    $ tyg_trace_screen("tyg_ending")
    $ renpy.quit()
"""

SLOW = dict(deadline=None, suppress_health_check=list(HealthCheck), database=None)


@settings(max_examples=4, derandomize=True, **SLOW)
@given(STRINGS)
@with_examples
def test_arbitrary_text_passes_renpy_lint(tmp_path_factory, strings):
    base = stage(tmp_path_factory.mktemp("lint"), strings)
    lint = run_lint(find_engine(), base, os.path.join(base, "home"))
    assert lint.returncode == 0 and lint.findings == [], lint.output


@settings(max_examples=1, derandomize=True, phases=[Phase.explicit, Phase.generate], **SLOW)
@given(STRINGS)
@with_examples
def test_engine_shows_arbitrary_text_literally(tmp_path_factory, strings):
    base = stage(tmp_path_factory.mktemp("play"), strings)
    enginekit.add_script(base, "zz_prop.rpy", PLAY)
    run = enginekit.run_engine(base, "test", "prop_literal")
    assert run.returncode == 0, run.output
    lines = [(e["who"], e["what"]) for e in run.of("line")]
    assert lines == [(None, strings[0]), ("Sam", strings[1]), (strings[13], strings[2]), ("Sam", strings[3]), (None, strings[4])]
    screens = {e["screen"]: e["texts"] for e in run.of("screen")}
    # The phone keeps the earlier message, shown exactly, above the newest one.
    assert strings[2] in screens["tyg_chat"] and strings[3] in screens["tyg_chat"]
    assert strings[13] in screens["tyg_chat"]
    assert f"1. {strings[5]}" in screens["choice"] and f"2. {strings[6]}" in screens["choice"]
    for i in (7, 8, 9, 10):
        assert strings[i] in screens["tyg_feedback"], (i, strings[i], screens["tyg_feedback"])
    assert strings[11] in screens["tyg_ending"] and strings[12] in screens["tyg_ending"]
