"""The advice is right on every path: checked by playing the shipped stories in the reference
interpreter, along the coverage planner's paths (every choice, every ending, every `if` branch
with lines) and a few thousand random play-throughs, with the flags as they stand when each
line or card is shown."""

from __future__ import annotations

import os
import random
import re
import statistics
from dataclasses import dataclass, field

import pytest

from tyg.compile import pipeline
from tyg.play import coverage
from tyg.play.interpret import _LINES, Run, Tables
from tyg.teach.safeguarding import findings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
TEENS = ("niko", "luis", "mateo")
RANDOM_RUNS = 1500

#: "if a copy ever reaches you, Take It Down can fingerprint that copy": Take It Down offered on a condition.
CONDITIONAL_COPY = re.compile(r"\bif\b[^.]*\bcopy\b", re.I)
TAKE_IT_DOWN = re.compile(r"Take It Down", re.I)
#: The first thing a path shows once the mask drops: a demand, a threat, or a friend telling of one.
THREAT = re.compile(r"gift cards|i saved ur pic|i recorded|i have ur pic|threatened|they'll send it", re.I)
SHE = re.compile(r"\b(?:she|her|hers|herself|she's|she'll|she'd)\b|\bthe (?:sweet )?girl\b", re.I)
#: Women in the stories who are not the offender: a line naming one may say "she" of her.
WOMEN = re.compile(r"\b(?:Ana|Mom|mom|Ms Okafor|Jade|sister|Mateo's mom|his mom)\b")
#: The last sentence of a risky card's "safer" gives a way back.
WAY_BACK = re.compile(
    r"not too late|never too late|you can still|can still|still (?:help|stop|tell)|help is there|things can get better",
    re.I,
)
ADULT_CRIMINALS = "usually run by adult criminals pretending to be a girl, often from other countries"


@dataclass
class Shown:
    """One thing a path showed, with the flags at that moment."""

    kind: str  # "line", "choice", "card", "ending"
    where: str  # scene or choice id
    text: str
    flags: dict
    teaches: dict = field(default_factory=dict)


class FlagRun(Run):
    """A Run that remembers the flags as they stood when each line was shown."""

    def __init__(self, sc, tables):
        super().__init__(sc, tables)
        self.line_flags: list[dict] = []

    def _steps(self, ops):
        for op in ops:
            if op[0] == _LINES:
                super()._steps((op,))
                self.line_flags.extend(dict(self.t.flags) for _ in op[1])
            else:
                super()._steps((op,))  # an `if` comes back here for its branch


def walk(sc, tables, path=None, rnd=None) -> list[Shown]:
    """Everything one play-through shows, in order: the given path, else random picks."""
    run = FlagRun(sc, tables)
    out: list[Shown] = []
    todo = list(path or [])
    seen_events = 0
    scene = ""
    while True:
        shown = run.advance()
        t = run.t
        while len(run.line_flags) < len(t.lines):  # a decision's prompt
            run.line_flags.append(dict(t.flags))
        for ev in t.events[seen_events:]:
            if ev[0] == "scene":
                scene = ev[1]
            elif ev[0] == "lines":
                out.extend(Shown("line", scene, t.lines[i][1], run.line_flags[i]) for i in range(ev[1], ev[2]))
        seen_events = len(t.events)
        if shown is None:
            ending = tables.endings[t.ending]
            out.append(Shown("ending", ending.id, f"{ending.title.value} {ending.summary.value}", dict(t.flags)))
            return out
        for c in shown:
            out.append(Shown("choice", c.id, c.text.value, dict(t.flags)))
        if todo:
            wanted = todo.pop(0)
            pick = next(c for c in shown if c.id == wanted)
        else:
            pick = shown[int(rnd() * len(shown))]
        run.choose(pick)
        fb = pick.feedback
        text = " ".join(x.value for x in (fb.title, fb.happened, fb.why, fb.safer) if x)
        teaches = {k: [r.id for r in v] for k, v in fb.teaches.items()}
        out.append(Shown("card", pick.id, text, dict(t.flags), teaches))


@pytest.fixture(scope="module")
def project():
    result = pipeline.check(SCENARIOS)
    assert result.project is not None and result.ok, result.report.render_text()
    return result.project


@pytest.fixture(scope="module")
def walks(project):
    """Per story: the planner's paths, then random play-throughs."""
    out = {}
    for sc in project.scenarios:
        tables = Tables(sc)
        plan = coverage.plan(sc)
        assert plan.paths, sc.id
        rnd = random.Random(0).random
        out[sc.id] = [walk(sc, tables, p) for p in plan.paths] + [walk(sc, tables, rnd=rnd) for _ in range(RANDOM_RUNS)]
    return out


# ---------------------------------------------------------------- 1. Take It Down needs the file


def test_take_it_down_is_offered_only_to_someone_who_has_the_picture(walks):
    for sid, runs in walks.items():
        offered = 0
        for shown in runs:
            for s in shown:
                teaches = "take_it_down" in s.teaches.get("safe_actions", [])
                named = bool(TAKE_IT_DOWN.search(s.text))
                if not (teaches or named):
                    continue
                if s.flags.get("sent_pic"):
                    offered += 1
                    continue
                assert not teaches, f"{sid}/{s.where}: teaches Take It Down with no copy of the picture"
                assert CONDITIONAL_COPY.search(s.text), f"{sid}/{s.where}: Take It Down with no copy: {s.text!r}"
        assert offered, f"{sid}: no path offers Take It Down at all"


def test_without_a_copy_the_path_reports_to_the_cybertipline(walks):
    # Niko's camera path and Mateo's AI path: the recording or the fake is on their side.
    cam = [s for s in walks["niko"] if any(x.flags.get("went_on_cam") for x in s)]
    fake = [s for s in walks["mateo"] if any(x.where == "threat_fake" for x in s)]
    for sid, paths in (("niko", cam), ("mateo", fake)):
        no_copy = [s for s in paths if not any(x.flags.get("sent_pic") for x in s)]
        assert no_copy, sid
        for shown in no_copy:
            text = " ".join(x.text for x in shown)
            assert "CyberTipline" in text and CONDITIONAL_COPY.search(text), sid


def test_take_it_down_says_plainly_what_it_covers(project):
    item = next(i for i in project.catalogue.safe_actions if i.id == "take_it_down").explain.value
    for words in ("nude or partly nude", "under 18", "copy", "without sending it"):
        assert words in item, words


# ---------------------------------------------------------------- 2. the request itself is reported


def test_every_niko_path_reports_in_the_app_and_to_the_cybertipline(walks):
    for shown in walks["niko"]:
        text = " ".join(s.text for s in shown)
        assert "CyberTipline" in text, [s.where for s in shown if s.kind == "card"]
        assert re.search(r"report(?:ed)? (?:it|the account) in the app|in the app and to the CyberTipline", text)


# ---------------------------------------------------------------- 3. no overpromises


def test_the_wording_lint_catches_overpromises():
    assert [k for k, _, _ in findings("Police can often find the people who do this.")] == ["overpromise"]
    assert [k for k, _, _ in findings("Mateo's mom says the police will follow up.")] == ["overpromise"]
    assert findings("In many cases, they can be found and stopped.") == []


def test_name_alerts_only_promise_some_public_pages(project):
    item = next(i for i in project.catalogue.safe_actions if i.id == "name_alerts").explain.value
    assert "some public pages" in item and "private messages" in item


# ---------------------------------------------------------------- who the offender is


def test_the_offender_is_they_once_the_threats_start(walks):
    for sid, runs in walks.items():
        for shown in runs:
            start = next((i for i, s in enumerate(shown) if THREAT.search(s.text)), None)
            if start is None:
                continue
            for s in shown[start:]:
                if SHE.search(s.text) and not WOMEN.search(s.text):
                    raise AssertionError(f"{sid}/{s.where} after the threats: {s.text!r}")


def test_every_teen_path_with_threats_says_who_is_really_behind_it(walks):
    for sid in TEENS:
        for shown in walks[sid]:
            start = next((i for i, s in enumerate(shown) if THREAT.search(s.text)), None)
            if start is not None:
                assert any(ADULT_CRIMINALS in s.text for s in shown[start:]), (sid, [s.where for s in shown if s.kind == "card"])


# ---------------------------------------------------------------- hope after every risky choice


def test_every_risky_card_ends_with_a_way_back(project):
    way_back = {i.id for i in project.catalogue.key_messages if i.way_back}
    assert {"not_hopeless", "never_too_late", "tell_early"} <= way_back
    risky = [(sc.id, c) for sc in project.scenarios for s in sc.scenes for c in s.choices if c.kind == "risky"]
    assert len(risky) > 20
    for sid, c in risky:
        fb = c.feedback
        assert way_back & {r.id for r in fb.teaches["key_messages"]}, f"{sid}/{c.id}"
        last = re.split(r"(?<=[.!?])\s+", fb.safer.value.strip())[-1]
        assert WAY_BACK.search(last), f"{sid}/{c.id} ends on {last!r}"


def test_the_upstander_risk_line_ends_with_hope(project):
    item = next(i for i in project.catalogue.upstander_steps if i.id == "talk_about_risks").explain.value
    assert WAY_BACK.search(re.split(r"(?<=[.!?])\s+", item)[-1]) or "not too late" in item


def test_saying_no_still_counts_when_mateo_is_threatened_anyway(walks):
    for shown in walks["mateo"]:
        if any(s.where == "threat_fake" for s in shown if s.kind == "line"):
            assert any("Saying no was still right" in s.text for s in shown)
        assert not any(re.search(r"\bno proof\b", s.text) for s in shown)


# ---------------------------------------------------------------- wellbeing


def test_ana_asks_niko_how_he_is_and_gives_the_crisis_lines(walks):
    reached = 0
    for shown in walks["niko"]:
        if not any(s.where == "ana_helps" for s in shown):
            continue
        reached += 1
        lines = [s.text for s in shown if s.where == "ana_helps"]
        assert "How are you, really?" in lines
        crisis = next(t for t in lines if "988" in t)
        for words in ("hurting yourself", "call or text 988", "Childline on 0800 1111", "Samaritans on 116 123"):
            assert words in crisis, words
    assert reached


def test_the_adults_safety_plan_gives_same_day_help_and_a_safer_home(walks):
    reached = 0
    for shown in walks["trusted_adult"]:
        lines = " ".join(s.text for s in shown if s.where == "make_a_plan")
        if not lines:
            continue
        reached += 1
        for words in ("988", "0800 1111", "116 123", "SHOUT to 85258", "same day", "today", "Medicines", "locked", "firearms"):
            assert words in lines, words
        assert "this week" not in lines
    assert reached


def test_the_new_help_lines_match_the_checked_facts(project, seed_items):
    seed = seed_items
    r = {x.id: x for x in project.catalogue.resources}
    assert r["samaritans"].phone == "116 123" and r["samaritans"].country == "GB"
    assert r["shout"].sms == "Text SHOUT to 85258" and r["shout"].country == "GB"
    assert r["fbi_tips"].url == "tips.fbi.gov" and r["fbi_tips"].country == "US"
    assert "1-800-CALL-FBI" in r["fbi_tips"].phone and "1-800-225-5324" in r["fbi_tips"].phone
    for fact in ("116 123", "SHOUT to 85258", "tips.fbi.gov", "1-800-CALL-FBI (1-800-225-5324)"):
        assert fact in seed, fact


def test_the_writers_catalogue_entries_exist_and_are_taught(project):
    cat = project.catalogue
    assert "keep_it_secret" in {i.id for i in cat.red_flags}
    assert {"dont_forward_image", "dont_promise_secrecy"} <= {i.id for i in cat.adult_actions}
    taught = {(k, r.id) for sc in project.scenarios for s in sc.scenes for c in s.choices for k, v in c.feedback.teaches.items() for r in v}
    for key, id_ in (("red_flags", "keep_it_secret"), ("adult_actions", "dont_forward_image"), ("adult_actions", "dont_promise_secrecy")):
        assert (key, id_) in taught, id_
    shown = {r.id for sc in project.scenarios for e in sc.endings for r in e.resources}
    assert {"samaritans", "shout", "fbi_tips"} <= shown


# ---------------------------------------------------------------- realism


def test_threat_scenes_come_as_a_burst_and_the_chat_moves_app(walks):
    for sid in ("niko", "mateo"):
        for shown in walks[sid]:
            lines = [s for s in shown if s.kind == "line"]
            start = next((i for i, s in enumerate(lines) if THREAT.search(s.text)), None)
            if start is None:
                continue
            scene = lines[start].where
            burst = [s for s in lines[start:] if s.where == scene]
            assert len(burst) >= 4, (sid, scene)
            assert any("snap" in s.text for s in lines[:start]), f"{sid}: the move to another app"


# ---------------------------------------------------------------- one story per lesson


def test_the_median_teen_play_through_shows_at_most_1800_words(project):
    from tyg.play import words

    for sc in project.scenarios:
        m = words.measure(sc, project.catalogue, 400)
        if sc.id in TEENS:
            assert statistics.median(m.words) <= 1800, f"{sc.id}: {statistics.median(m.words)} words"
        exact = statistics.median(words.seconds(w, d) for w, d in zip(m.words, m.decisions)) / 60
        assert abs(sc.minutes - exact) <= 1, f"{sc.id}: minutes: {sc.minutes} in the YAML, measured {exact:.1f}"
