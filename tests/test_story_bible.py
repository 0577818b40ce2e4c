"""The four stories tell one timeline: docs/story-bible.md's days, amounts, deadlines and
who-knows-what, read from its tables, are what every story that repeats them says."""

from __future__ import annotations

import os
import re

import pytest

from tyg.compile import pipeline
from tyg.compile.nodes import Chat, Narrate, Say, walk_steps
from tyg.teach.texts import scenario_texts

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
BIBLE = os.path.join(ROOT, "docs", "story-bible.md")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The stories that show Mateo's threats (his own, his friend's, the adult he tells).
MATEO_STORIES = ("mateo", "luis", "trusted_adult")


@pytest.fixture(scope="module")
def stories():
    result = pipeline.check(SCENARIOS)
    assert result.project is not None, result.report.render_text()
    return {sc.id: sc for sc in result.project.scenarios}


def table(heading: str) -> list[list[str]]:
    """The rows of the first markdown table under ``heading`` in the bible (header row left out)."""
    text = open(BIBLE, encoding="utf-8").read()
    start = text.index(heading)
    rows = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not set(line) <= set("|-: "):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    assert rows, f"no table under {heading!r} in the bible"
    return rows[1:]


def scene_lines(sc, scene_id: str) -> list[tuple[str | None, str]]:
    """(speaker id, text) of every line a scene can show, both sides of every if."""
    scene = next(s for s in sc.scenes if s.id == scene_id)
    out = []
    for st in walk_steps(scene.steps):
        if isinstance(st, Narrate):
            out.append((None, st.text.value))
        elif isinstance(st, Say):
            out.append((st.who.id, st.text.value))
        elif isinstance(st, Chat):
            out.append((st.sender.id, st.text.value))
    return out


def all_text(sc) -> str:
    return "\n".join(t.value for t in scenario_texts(sc))


def test_each_scene_names_the_day_the_bible_gives_it(stories):
    rows = table("### Days the stories name")
    assert len(rows) >= 10
    for where, day in rows:
        story, scene = where.split("/")
        text = " ".join(t for _, t in scene_lines(stories[story], scene))
        assert day in WEEKDAYS, where
        assert re.search(rf"\b{day}\b", text), f"{where} should say it is {day}: {text[:200]!r}"
        others = [d for d in WEEKDAYS if d != day and re.search(rf"\b{d}\b", text)]
        assert not others, f"{where} is on {day} in the bible but names {others}"


def _value(rows: list[list[str]], fact: str) -> str:
    return next(r[1] for r in rows if r[0] == fact)


def test_amounts_and_deadlines_agree_across_the_stories(stories):
    rows = table("## Amounts and deadlines")
    mateo_first = re.search(r"\$\d+", _value(rows, "Mateo's first demand")).group()
    mateo_second = re.search(r"\$\d+", _value(rows, "Mateo's second demand, if he pays")).group()
    mateo_hour = re.match(r"(\d+) tonight", _value(rows, "Mateo's deadline")).group(1)
    niko_amounts = {re.search(r"\$\d+", _value(rows, f)).group() for f in ("Niko's first demand (risky path)", "Niko's second demand, if he pays")}
    for sid in MATEO_STORIES:
        text = all_text(stories[sid])
        amounts = set(re.findall(r"\$\d+", text))
        assert mateo_first in amounts, f"{sid} never states Mateo's first demand ({mateo_first})"
        assert amounts <= {mateo_first, mateo_second}, f"{sid} names amounts the bible does not: {amounts}"
        assert re.search(rf"{re.escape(mateo_first)} in gift cards by {mateo_hour} tonight\b", text), sid
        deadlines = set(re.findall(r"\bby\s+(\d{1,2})\s*(?:tonight|pm|p\.m\.)", text, re.I))
        assert deadlines == {mateo_hour}, f"{sid}: deadlines {deadlines}, the bible says {mateo_hour} tonight"
        assert not re.search(r"\$\d+ (?:of )?birthday money", text), f"{sid}: the birthday money has no amount"
    niko = all_text(stories["niko"])
    assert set(re.findall(r"\$\d+", niko)) == niko_amounts


def test_the_threats_come_on_sunday_in_every_story_that_shows_them(stories):
    # The adults' story once said Tuesday, $200 and 10pm: the day it starts is the day Mateo tells.
    for sid in MATEO_STORIES:
        assert "Tuesday" not in all_text(stories[sid]), sid


def test_niko_hides_it_at_friday_lunch_in_both_stories(stories):
    for story, scene in (("niko", "lunch_secret"), ("luis", "lunch")):
        said = [t for who, t in scene_lines(stories[story], scene) if who == "niko"]
        assert said and all("Nobody" in t or "game thing" in t for t in said), (story, said)
        assert not any(re.search(r"\bpic|picture|photo", t, re.I) for t in said), (story, said)


def test_niko_hears_about_mateo_once_from_luis_on_monday(stories):
    # In Luis's story Niko's texts never mention Mateo; in Niko's story Luis tells him on Monday.
    luis = stories["luis"]
    for scene in luis.scenes:
        for who, text in scene_lines(luis, scene.id):
            if who == "niko":
                assert "mateo" not in text.lower(), f"luis/{scene.id}: Niko already knows about Mateo: {text!r}"
    told = " ".join(t for who, t in scene_lines(stories["niko"], "luis_talk") if who == "luis")
    assert "Mateo" in told and re.search(r"threaten", told)


def test_mateo_never_calls_the_account_nice_after_the_threats(stories):
    # By Monday of week 3, when Niko texts him, Mateo has been threatened and has told his mom.
    said = [t for who, t in scene_lines(stories["niko"], "warn_mateo") if who == "mateo"]
    assert said and not any(re.search(r"\bnice\b", t, re.I) for t in said), said
    assert any("mom" in t for t in said), "Mateo says his mom knows"
