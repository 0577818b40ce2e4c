"""The shared catalogue covers every item the source guides teach, and its help resources are accurate."""

from __future__ import annotations

import os
import re

import pytest

from tyg.compile.diagnostics import Report
from tyg.compile.load import load_catalogue

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def catalogue():
    report = Report()
    cat = load_catalogue(os.path.join(ROOT, "scenarios", "catalogue.yaml"), report)
    assert not report.items, report.render_text()
    return cat


def test_every_seed_item_has_a_catalogue_entry(catalogue, seed_items):
    wanted = set(re.findall(r"^- ((?:RF|SA|UP|KM|AD|Q)\d+) ", seed_items, flags=re.M))
    assert len(wanted) == 11 + 11 + 6 + 5 + 6 + 6
    sections = ("red_flags", "safe_actions", "upstander_steps", "key_messages", "adult_actions", "discussion_questions")
    covered = {s for key in sections for item in catalogue.section(key) for s in item.seed}
    assert sorted(wanted - covered) == []
    assert sorted(covered - wanted) == []


def test_help_resources_match_the_checked_facts(catalogue):
    r = {x.id: x for x in catalogue.resources}
    assert r["cybertipline"].country == "US" and "1-800-843-5678" in r["cybertipline"].phone
    assert "THE-LOST" in r["cybertipline"].phone and r["cybertipline"].url.lower() == "cybertipline.org"
    assert r["take_it_down"].url == "takeitdown.ncmec.org"
    assert r["lifeline_988"].country == "US" and r["lifeline_988"].phone == "988"
    assert r["crisis_text_line"].sms == "Text HOME to 741741"
    assert r["ceop"].country == "GB" and r["ceop"].url == "ceop.police.uk"
    assert r["childline"].country == "GB" and r["childline"].phone == "0800 1111"
    assert r["report_remove"].country == "GB" and "IWF" in r["report_remove"].name.value
    for res in catalogue.resources:
        assert res.country in {"US", "GB", "INT"}, res.id


def test_six_discussion_questions(catalogue):
    assert [q.seed for q in catalogue.discussion_questions] == [["Q1"], ["Q2"], ["Q3"], ["Q4"], ["Q5"], ["Q6"]]
