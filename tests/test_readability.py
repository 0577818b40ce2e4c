"""Reading level: our additive counting gives textstat's Flesch-Kincaid grade."""

from __future__ import annotations

import os

import pytest
import textstat

from tyg.compile import pipeline
from tyg.teach.readability import _END, scene_grade
from tyg.teach.texts import scene_texts

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def textstat_grade(texts):
    joined = " ".join(t.strip() if _END.search(t) else t.strip() + "." for t in texts if t.strip())
    return textstat.flesch_kincaid_grade(joined)


@pytest.mark.parametrize("source", ["scenarios", "tests/sample"])
def test_scene_grades_match_textstat(source):
    result = pipeline.check(os.path.join(ROOT, source))
    compared = 0
    for sc in result.project.scenarios:
        for scene in sc.scenes:
            texts = [t.value for t in scene_texts(scene)]
            if sum(len(t.split()) for t in texts) < 30:
                continue
            assert scene_grade(texts) == pytest.approx(textstat_grade(texts), abs=0.05), (sc.id, scene.id)
            compared += 1
    assert compared > 0


def test_hard_text_grades_high_and_easy_text_low():
    assert scene_grade(["Consequently, institutional accountability necessitates unprecedented deliberation."]) > 12
    assert scene_grade(["It is OK to say no.", "Tell an adult you trust."]) < 3
