"""The shipped story meets its brief: size, feedback, endings, discussion questions, tone, reading level."""

from __future__ import annotations

import os
import re

import pytest

from tyg.play import interpret
from tyg.compile import pipeline
from tyg.compile.nodes import Chat, Say, walk_steps
from tyg.teach.teaching import matrix
from tyg.teach.texts import scenario_texts

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
TEENS = {"niko": 16, "luis": 15, "mateo": 12}
WORDS_PER_MINUTE = 150  # an unhurried reader on a screen
SECONDS_PER_DECISION = 20  # reading the options and thinking


@pytest.fixture(scope="module")
def story():
    result = pipeline.check(SCENARIOS)
    return result


def by_id(story):
    return {sc.id: sc for sc in story.project.scenarios}


def main_path(sc):
    return interpret.play(sc, [], interpret.prefer("safer"))


def path_words(sc, t) -> int:
    scenes = {s.id: s for s in sc.scenes}
    feedback = {c.id: c.feedback for s in sc.scenes for c in s.choices}
    words = sum(len(text.split()) for _, text in t.lines)
    for cid in t.feedback:
        fb = feedback[cid]
        words += sum(len(x.value.split()) for x in (fb.title, fb.happened, fb.why, fb.safer) if x)
    for sid, (cid, _) in zip([s for s in t.scenes if scenes[s].choices], t.choices):
        words += sum(len(c.text.value.split()) for c in scenes[sid].choices)
    return words


def test_the_story_checks_clean_with_zero_warnings(story):
    assert story.report.items == [], story.report.render_text()


def test_four_scenarios_three_teens_and_a_trusted_adult(story):
    scs = by_id(story)
    assert set(scs) == {"niko", "luis", "mateo", "trusted_adult"}
    for sid, age in TEENS.items():
        assert scs[sid].player_age == age and scs[sid].audience == "teen"
    assert scs["trusted_adult"].audience == "adult"


@pytest.mark.parametrize("sid", sorted(TEENS) + ["trusted_adult"])
def test_size_decisions_and_endings(story, sid):
    sc = by_id(story)[sid]
    t = main_path(sc)
    decisions = len(t.choices)
    assert decisions >= (5 if sid == "trusted_adult" else 6), f"{sid}: {decisions} decisions on the main path"
    assert len(sc.endings) >= 3
    minutes = path_words(sc, t) / WORDS_PER_MINUTE + decisions * SECONDS_PER_DECISION / 60
    if sid in TEENS:
        # One story per lesson: a full story, yet it fits a 15-minute slot with room to talk
        # (the median random play-through's words are held to 1,800 in test_story_facts.py).
        assert 7 <= minutes <= 15, f"{sid}: about {minutes:.1f} minutes along the main path"
        assert sc.minutes is not None and 10 <= sc.minutes <= 20


@pytest.mark.parametrize("sid", sorted(TEENS) + ["trusted_adult"])
def test_every_path_ends_in_help(story, sid):
    sc = by_id(story)[sid]
    endings = set()
    for kind in ("safer", "risky", "neutral"):
        t = interpret.play(sc, [], interpret.prefer(kind))
        endings.add(t.ending)
    assert all(e.resources for e in sc.endings)
    assert len(endings) >= 2, f"{sid}: safer and riskier play should end differently"


@pytest.mark.parametrize("sid", sorted(TEENS) + ["trusted_adult"])
def test_every_choice_has_full_feedback(story, sid):
    sc = by_id(story)[sid]
    for scene in sc.scenes:
        for c in scene.choices:
            fb = c.feedback
            assert fb.safer is not None, f"{sid}/{c.id}: no safer move"
            if sid in TEENS:
                assert fb.teaches["red_flags"], f"{sid}/{c.id}: no red flag named"


@pytest.mark.parametrize("sid", sorted(TEENS) + ["trusted_adult"])
def test_says_it_is_not_their_fault(story, sid):
    text = " ".join(t.value for t in scenario_texts(by_id(story)[sid]))
    assert re.search(r"\bnot (?:your|his|her|their|my) fault\b", text, re.I)


def test_every_catalogue_item_is_taught_and_every_question_placed(story):
    rows = matrix(story.project)
    assert rows and all(r.places for r in rows), [r.id for r in rows if not r.places]
    questions = [r for r in rows if r.section == "discussion_questions"]
    assert len(questions) == 6


def test_offender_messages_hint_and_never_describe(story):
    # The safeguarding lint runs over everything (see the zero-warnings test); here the offender's
    # messages in particular must stay short hints.
    for sc in story.project.scenarios:
        offenders = {c.id for c in sc.characters if c.role == "offender"}
        for scene in sc.scenes:
            for st in walk_steps(scene.steps):
                who = st.sender.id if isinstance(st, Chat) else st.who.id if isinstance(st, Say) else None
                if who in offenders:
                    assert not re.search(r"\b(naked|nude|body|bodies|undress|sex|sexy)\b", st.text.value, re.I), st.text.value
