"""Words on screen per play-through (``build.py words``) and the menu's measured minutes.

``tests/fixtures/words`` is a story small enough to count by hand: the counts below are
written out word by word, so a change to what counts as a word, to what the screen shows or
to "explained only the first time" breaks them.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys

import pytest

from tyg.compile import pipeline
from tyg.play import interpret, words
from tyg.play.randomplay import play_out, scene_limit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "words")
SAMPLE = os.path.join(ROOT, "tests", "sample")
SCENARIOS = os.path.join(ROOT, "scenarios")

STORY = (
    4  # "Sam gets a message."
    + 3  # "hey, reply now! 😊": the emoji is no word
    + 1  # "who?"
    + 4  # prompt "What does Sam do?"
    + 3  # "Later, another message."
    + 2  # prompt "Now what?"
)
CHOICES = 3 + 2 + 2  # "Wait a bit", "Reply fast" on screen together; then "Tell Mum"
NAMES = {"rushing": 2, "take_a_break": 3, "never_too_late": 3}  # "Rushing you", "Take a break", "Never too late"
EXPLAIN = {"rushing": 6, "take_a_break": 6, "never_too_late": 5}  # "They want an answer right now." ...
CARD_WAIT = 2 + 2 + 4 + 2 + NAMES["rushing"] + NAMES["take_a_break"]  # title, happened, why, safer, names
CARD_REPLY = 2 + 2 + 3 + 2 + NAMES["rushing"] + NAMES["never_too_late"]
CARD_TELL = 2 + 2 + 3 + 2 + NAMES["rushing"] + NAMES["take_a_break"] + NAMES["never_too_late"]
ENDING = (
    3  # "You stayed safe"
    + 2 + 3  # "All good", "Sam is fine."
    + 15  # "It is not your fault. The blame lies with the person who pressures or threatens."
    + NAMES["rushing"]  # spotted (named by a safer choice)
    + NAMES["take_a_break"]  # safe action taken
    + NAMES["never_too_late"] + EXPLAIN["never_too_late"]  # the one thing to remember, with its explanation
    + 2 + 3 + 1  # "Help Line", "People who listen.", the web address
)
BY_HAND = {
    # Each item explained the first time only: 'tell' explains only what is new to the run.
    ("wait", "tell"): dict(story=STORY, choices=CHOICES, feedback=CARD_WAIT + CARD_TELL, ending=ENDING,
                           explanations=EXPLAIN["rushing"] + EXPLAIN["take_a_break"] + EXPLAIN["never_too_late"]),
    ("reply", "tell"): dict(story=STORY, choices=CHOICES, feedback=CARD_REPLY + CARD_TELL, ending=ENDING,
                            explanations=EXPLAIN["rushing"] + EXPLAIN["never_too_late"] + EXPLAIN["take_a_break"]),
}


def checked(source: str):
    result = pipeline.check(source)
    assert result.ok, result.report.render_text()
    return result.project


def build_py(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, os.path.join(ROOT, "build.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("path", sorted(BY_HAND))
def test_words_of_each_path_counted_by_hand(path):
    project = checked(FIXTURE)
    sc = project.scenarios[0]
    t = interpret.play(sc, list(path))
    assert words.Counter(sc, project.catalogue).parts(t) == BY_HAND[path]


def test_words_command_gives_median_min_max_and_minutes_of_the_sample():
    totals = sorted(sum(parts.values()) for parts in BY_HAND.values())  # 114 and 115
    proc = build_py("words", FIXTURE, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    [story] = doc["scenarios"]
    assert story["id"] == "counted" and story["runs"] == 300 and doc["seed"] == 0
    assert (story["words"]["min"], story["words"]["max"]) == (totals[0], totals[1])
    assert story["words"]["median"] in totals
    # 115 words at 150 a minute and two decisions at 20 s: 86 s, about a minute.
    assert story["minutes"] == 1 and story["decisions"]["median"] == 2
    text = build_py("words", FIXTURE)
    assert text.returncode == 0, text.stderr
    row = next(line for line in text.stdout.splitlines() if line.strip().startswith("counted"))
    assert re.split(r"\s+", row.strip())[1:5] == [f"{story['words']['median']:g}", str(totals[0]), str(totals[1]), "1"]


@pytest.mark.parametrize("source", [FIXTURE, SAMPLE, SCENARIOS], ids=["fixture", "sample", "scenarios"])
def test_the_fast_counter_agrees_with_the_interpreter_run_for_run(source):
    """``Walker`` (what the build measures with) and interpreter transcripts counted by ``Counter``,
    from the same seed: the same choices, the same words, part by part."""
    project = checked(source)
    for sc in project.scenarios:
        walker = words.Walker(sc, project.catalogue)
        counter = words.Counter(sc, project.catalogue)
        fast, slow = random.Random(3).random, random.Random(3).random
        for _ in range(200):
            run = interpret.Run(sc, counter.tables, scene_limit(sc))
            play_out(run, slow)
            assert walker.play(fast) == (counter.parts(run.t), len(run.t.choices)), (sc.id, run.t.path)


def test_the_menu_shows_the_measured_minutes_and_a_far_off_written_one_is_flagged(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    path = src / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  minutes: 3\n", "  minutes: 12\n"), encoding="utf-8")
    project = pipeline.check(str(src)).project
    sc = project.scenarios[0]
    measured = words.measure(sc, project.catalogue, words.CHECK_RUNS, words.SEED, words.CHECK_BUDGET).minutes
    assert sc.minutes == 12 and measured not in (None, 12)
    result = pipeline.build(str(src), str(tmp_path / "game"))
    assert result.ok and [d.code for d in result.report.items] == ["TYG051"], result.report.render_text()
    assert f"the menu shows {measured}" in result.report.items[0].message
    generated = (tmp_path / "game" / "generated" / "scenario_sample.rpy").read_text(encoding="utf-8")
    assert re.search(rf"^\s*minutes={measured},$", generated, flags=re.M), "the generated scenario carries the measured minutes"
