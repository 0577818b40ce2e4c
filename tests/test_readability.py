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


def test_a_word_looked_up_in_the_kept_lexicon_counts_as_textstat_counts_it(monkeypatch):
    """The build keeps textstat's pronouncing dictionary as a table of syllables; a word looked
    up there (or, when it is missing, hyphenated as textstat does) gets textstat's own count."""
    from textstat.backend.selections import list_words

    from tyg.compile.load import load_project
    from tyg.compile.diagnostics import Report
    from tyg.teach import readability
    from tyg.teach.texts import scenario_texts

    table = readability.lexicon()
    assert len(table) > 100_000
    monkeypatch.setattr(readability, "LEXICON", lambda: table)
    project = load_project(os.path.join(ROOT, "scenarios"), Report())
    words = {w for sc in project.scenarios for t in scenario_texts(sc) for w in list_words(t.value, lowercase=True)}
    words |= {"jess_xo", "madison_rae", "don't", "e-mail", "15", "café", "naïve", "okafor", "sextortion", "✨", "", "ok?"}
    # Capitals, and more than one word at once, as textstat takes any text.
    words |= {"Everything", "Beautiful", "Mateo", "Okafor", "Gallery", "ANYONE", "Hello there", "never too late"}
    missing = [w for w in words if w and w not in table]
    assert len(words) > 500 and missing  # names and slang are hyphenated instead
    for w in sorted(words):
        assert readability._syllables(w) == textstat.syllable_count(w), w


def test_a_new_word_in_a_warm_build_does_not_load_the_dictionary(tmp_path, monkeypatch):
    import shutil

    from textstat.backend.utils import get_cmudict

    from tyg.compile.cache import Cache
    from tyg.teach import readability

    monkeypatch.setattr(readability, "KNOWN", {})
    monkeypatch.setattr(readability, "LEXICON", None)
    src = tmp_path / "src"
    shutil.copytree(os.path.join(ROOT, "tests", "sample"), src)
    folder = str(tmp_path / "cache")
    assert pipeline.check(str(src), cache=Cache(folder)).ok  # the first build makes the table and keeps it
    get_cmudict.cache_clear()
    readability.KNOWN.clear()
    readability.KNOWN.update(Cache(folder).get(Cache(folder).key("syllables")))
    assert "meanwhile" not in readability.KNOWN
    story = src / "sample.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("narrate: ", "narrate: Meanwhile, ", 1), encoding="utf-8")
    warm = pipeline.check(str(src), cache=Cache(folder))
    assert warm.ok and "meanwhile" in readability.KNOWN
    assert get_cmudict.cache_info().misses == 0  # the word came from the kept table
