"""``build.py play --text`` and ``build.py transcript``, driven as a user drives them: a real process, real stdin.

What the terminal prints is compared with the reference interpreter and the
YAML itself: every line of the path, the full feedback (with the catalogue's
red-flag names and explanations), the ending's help resources and how to reach
them, and "It is not your fault".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tyg.play import interpret
from tyg.compile import pipeline
from tyg.play.textplay import NOT_YOUR_FAULT, shown_line

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "sample")
SCENARIOS = os.path.join(ROOT, "scenarios")


def build(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, os.path.join(ROOT, "build.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def project(source: str):
    result = pipeline.check(source)
    assert result.ok, result.report.render_text()
    return result.project


def scenario(source: str, sid: str):
    return next(sc for sc in project(source).scenarios if sc.id == sid)


def in_order(text: str, parts: list[str]) -> None:
    """Every part appears in ``text``, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"not found after position {at}: {part!r}\n--- output:\n{text}"
        at = found + len(part)


# ------------------------------------------------------------------ play --text


def test_play_text_sample_shows_lines_feedback_and_help_and_re_asks_on_bad_input():
    cat = project(SAMPLE).catalogue
    minutes = project(SAMPLE).scenarios[0].measured_minutes
    flags = {rf.id: rf for rf in cat.red_flags}
    # story 1; reply_warmly; Enter; a bad answer, an out-of-range one, then say_no; Enter; quit.
    run = build("play", "--text", "tests/sample", stdin="1\n1\n\nx\n9\n1\n\n3\n")
    out = run.stdout
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in out  # no colour codes or cursor movement
    in_order(
        out,
        [
            f"1. Sample: The New Follower. Play as Sam, 14, about {minutes} minutes.",  # measured by the build
            "It is Saturday morning. Sam's phone buzzes.",
            "jess_xo ✨ (message): hey!! saw ur post, ur cute 😊 [not a tag] {not a tag} 100% real",
            'Sam: I don\'t know any "Jess".',
            "What does Sam do?",
            "1. Reply with a compliment back",
            "3. Ignore it for now",
            "Feedback: Flattery can pull you in",
            "Sam felt good and kept chatting.",
            "Red flags:",
            f"- {flags['stranger_first'].name.value}: {flags['stranger_first'].explain.value}",
            f"- {flags['fast_flattery'].name.value}: {flags['fast_flattery'].explain.value}",
            "Why it matters: Compliments from a stranger are a common first move.",
            "The safer move: Pause and ask a friend you know offline who this is.",
            "Safe actions:",
            "- Take time to think: You never have to answer straight away. It is OK to say no.",
            "Remember:",
            "- It is not your fault: The blame lies with the person who pressures or threatens.",
            "Press Enter to go on",
            "jess_xo ✨ (message): send me a pic? just for me 😉",
            '2. Say "maybe later"',
            "Please type 1 or 2 and press Enter, or q to quit.",
            "Please type 1 or 2 and press Enter, or q to quit.",
            "Feedback: Saying no is always OK",
            "Remember:",
            "- It is not your fault\n",  # met on the first card: its name only
            "What helps, as an adult:",
            "- Stay calm: A calm adult makes it easier to keep talking.",
            "The end: You got support.",
            "Getting help",
            "Sam got drawn in, then asked for help. It is not his fault.",
            NOT_YOUR_FAULT,
            "Where to get help:",
            "- Sample Helpline: A placeholder resource used only by the test sample.",
            "  https://example.org/help",
            "- Sample Phone Line: Another placeholder, with a phone number instead of a link.",
            "  Call 555-0100",
            "What next?",
            "Goodbye.",
        ],
    )
    # The story waits only at decisions, after feedback and at the ending: nothing is read twice.
    assert out.count("It is Saturday morning.") == 1


def test_play_text_shipped_scenario_prints_exactly_what_the_interpreter_plays():
    sc = scenario(SCENARIOS, "mateo")
    cat = project(SCENARIOS).catalogue
    t = interpret.play(sc, [], lambda shown: shown[-1])  # always the last choice on screen
    answers = "".join(f"{len(shown)}\n\n" for shown in t.shown) + "3\n"
    run = build("play", "--text", "--scenario", "mateo", stdin=answers)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    choices = {c.id: c for s in sc.scenes for c in s.choices}
    ending = next(e for e in sc.endings if e.id == t.ending)
    expected = [sc.title.value, sc.content_note.value]
    decisions = iter(range(len(t.choices)))
    for ev in t.walk():
        if ev[0] == "line":
            expected.append(shown_line(*t.lines[ev[1]], t.kinds[ev[1]]))
        elif ev[0] == "decision":
            k = next(decisions)
            fb = choices[t.choices[k][0]].feedback
            expected += [f"Feedback: {fb.title.value}", fb.happened.value, f"Why it matters: {fb.why.value}"]
    resources = {r.id: r for r in cat.resources}
    expected += [ending.title.value, ending.summary.value, NOT_YOUR_FAULT, "Where to get help:"]
    for ref in ending.resources:
        r = resources[ref.id]
        expected.append(f"- {r.name.value}: {r.explain.value}")
        expected += [f"  Call {r.phone}"] * bool(r.phone) + [f"  {r.sms}"] * bool(r.sms) + [f"  {r.url}"] * bool(r.url)
    in_order(out, expected)
    assert "Stories:" not in out  # --scenario skips the first menu


def test_q_quits_at_a_decision_and_end_of_input_quits_cleanly():
    run = build("play", "--text", "tests/sample", stdin="1\nq\n")
    assert run.returncode == 0 and "What does Sam do?" in run.stdout and "Goodbye." in run.stdout
    assert "Feedback:" not in run.stdout
    for stdin in ("", "1\n", "1\n2\n"):  # EOF at the story menu, at a decision, after a feedback
        run = build("play", "--text", "tests/sample", stdin=stdin)
        assert run.returncode == 0, run.stderr
        assert "Goodbye." in run.stdout and run.stderr == "" and "Traceback" not in run.stdout


def test_after_the_ending_another_story_goes_back_to_the_menu():
    run = build("play", "--text", "tests/sample", stdin="1\n2\n\n1\n\n2\nq\n")
    assert run.returncode == 0, run.stderr
    in_order(run.stdout, ["Stories:", "The end: You stayed safe.", "What next?", "Stories:", "Goodbye."])


def test_unknown_scenario_exits_2_and_lists_the_known_ones():
    run = build("play", "--text", "--scenario", "nope")
    assert run.returncode == 2
    assert "unknown scenario 'nope'" in run.stderr
    for sid in ("niko", "luis", "mateo", "trusted_adult"):
        assert sid in run.stderr


def test_errors_in_the_yaml_are_printed_and_exit_1(tmp_path):
    for name in ("sample.yaml", "catalogue.yaml"):
        shutil.copy(os.path.join(SAMPLE, name), tmp_path / name)
    path = tmp_path / "sample.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.strip() == "goto: ava_chat")
    lines[broken] = lines[broken].replace("ava_chat", "ava_chatt")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = build("play", "--text", str(tmp_path), stdin="1\n")
    assert run.returncode == 1
    assert f"sample.yaml:{broken + 1}:" in run.stderr and "error[TYG012]" in run.stderr
    assert "Stories:" not in run.stdout


# ------------------------------------------------------------------ transcript


def test_transcript_text_lists_every_line_with_its_yaml_line():
    sc = scenario(SAMPLE, "sample")
    t = interpret.play(sc, ["reply_warmly", "say_no"])
    run = build("transcript", "sample", "tests/sample", "--path", "reply_warmly, say_no")
    assert run.returncode == 0, run.stderr
    expected = [f"{t.locs[i].line:>6}  {shown_line(*t.lines[i], t.kinds[i])}" for i in range(len(t.lines))]
    in_order(run.stdout, ["path: reply_warmly,say_no", *expected])
    in_order(run.stdout, ["1. Reply with a compliment back [reply_warmly]  <- chosen", "Feedback: Flattery can pull you in"])
    in_order(run.stdout, ["[ending helped_end, supported]", NOT_YOUR_FAULT, "Call 555-0100"])
    assert "[talk about it: sample_q1]" in run.stdout
    assert "Flags read before this path set them" not in run.stdout


def test_transcript_says_where_a_flag_is_read_before_it_is_set(tmp_path):
    """The sample without its first step, which sets every flag: the transcript names the read."""
    for name in ("catalogue.yaml", "sample.yaml"):
        text = open(os.path.join(SAMPLE, name), encoding="utf-8").read()
        if name == "sample.yaml":
            first = "      - set: {replied: false, asked_friend: false, reported: false}\n"
            assert first in text
            text = text.replace(first, "")
        (tmp_path / name).write_text(text, encoding="utf-8")
    t = interpret.play(scenario(str(tmp_path), "sample"), ["reply_warmly", "say_no"])
    run = build("transcript", "sample", str(tmp_path), "--path", "reply_warmly,say_no")
    assert run.returncode == 0, run.stderr
    read = next(r for r in t.unset_reads if r.flag == "asked_friend")
    assert f"{read.loc}: 'asked_friend' in scene 'pressure'" in run.stdout


def test_transcript_json_of_a_shipped_path_matches_the_interpreter():
    sc = scenario(SCENARIOS, "niko")
    t = interpret.play(sc, [], interpret.prefer("safer"))
    run = build("transcript", "niko", "--path", ",".join(t.path), "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["scenario"] == "niko" and data["path"] == t.path and data["ending"] == t.ending
    lines = [e for e in data["events"] if e["type"] == "line"]
    assert [(e["who"], e["text"]) for e in lines] == t.lines
    assert [(e["file"], e["line"], e["column"]) for e in lines] == [(loc.file, loc.line, loc.col) for loc in t.locs]
    kinds = [e["type"] for e in data["events"] if e["type"] in ("menu", "choice", "feedback")]
    assert kinds == ["menu", "choice", "feedback"] * len(t.choices)
    menus = [e for e in data["events"] if e["type"] == "menu"]
    assert [[c["id"] for c in m["choices"]] for m in menus] == t.shown
    assert [(e["id"], e["number"]) for e in data["events"] if e["type"] == "choice"] == t.choices
    ending = data["events"][-1]
    assert ending["type"] == "ending" and ending["id"] == t.ending
    assert [r["id"] for r in ending["resources"]] == t.resources and t.resources
    assert all(r["phone"] or r["sms"] or r["url"] for r in ending["resources"])
    assert data["flag_reads"] and all(r["was_set"] for r in data["flag_reads"])


def _scene_line(sc, sid: str) -> int:
    return next(x.loc.line for x in [*sc.scenes, *sc.endings] if x.id == sid)


@pytest.mark.parametrize(
    "path, where, words",
    [
        ("ask_ava,keep_talking,stall", "pressure", ["'stall' is not on screen", "its condition (line "]),
        ("ask_ava", "ava_chat", ["the path ends at a decision in scene 'ava_chat'"]),
        ("", "morning", ["the path ends at a decision in scene 'morning'"]),
        ("ask_ava,no_such_choice", "ava_chat", ["'no_such_choice' is not on screen"]),
        ("reply_warmly,say_no,ignore", "helped_end", ["the path goes on after ending 'helped_end'"]),
    ],
)
def test_a_path_that_cannot_be_followed_exits_1_naming_the_scene_and_its_line(path, where, words):
    sc = scenario(SAMPLE, "sample")
    run = build("transcript", "sample", "tests/sample", "--path", path)
    assert run.returncode == 1
    assert run.stdout == ""
    assert f"{sc.file}:{_scene_line(sc, where)}:" in run.stderr
    for w in words:
        assert w in run.stderr


def test_transcript_of_an_unknown_scenario_exits_2():
    run = build("transcript", "nope", "tests/sample", "--path", "ask_ava")
    assert run.returncode == 2 and "known: sample" in run.stderr
