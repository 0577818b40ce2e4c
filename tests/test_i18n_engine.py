"""The game in Spanish, in the real engine.

* Ren'Py's own ``translate spanish`` command, run over the built game, finds
  no dialogue and no string of ours left to translate (only Ren'Py's own
  engine strings, which the SDK's launcher translates, are left aside), and
  it does count what a PO file leaves out (the test breaks one of each kind
  on purpose).
* ``build.py coverage --lang es``: the engine, started in Spanish by the
  school's ini, plays every choice and ending of the sample and shows
  exactly what the interpreter says in Spanish.
* At the largest text size, no Spanish text spills out of its box
  (tests/test_overflow.py's check, with the Spanish words on the buttons).

The shipped story's test runs once ``translations/LINGUAS`` lists ``es``
(the lead adds it when the translation is complete); until then the sample
proves the path.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from babel.messages.pofile import read_po, write_po

import enginekit
from tyg.compile import pipeline
from tyg.engine.coverage_run import run_coverage
from tyg.i18n import languages
from tyg.i18n.apply import Translation, activate, ENGLISH, ui
from tyg.i18n.command import use_language
from tyg.play import interpret

ROOT = enginekit.ROOT
SAMPLE = os.path.join(ROOT, "tests", "sample")
SCENARIOS = os.path.join(ROOT, "scenarios")
COUNT = re.compile(r"spanish: (\d+) missing dialogue translations, (\d+) missing string translations")


def _sources():
    shipped = "es" in languages.shipped(SCENARIOS)
    return [SAMPLE, pytest.param(SCENARIOS, marks=pytest.mark.skipif(not shipped, reason="translations/LINGUAS does not list es yet"))]


def _count(base: str) -> tuple[int, int]:
    run = enginekit.run_engine(base, "translate", "spanish", "--count", timeout=120)
    m = COUNT.search(run.output)
    assert m, run.output[-2000:]
    return int(m.group(1)), int(m.group(2))


@pytest.mark.parametrize("source", _sources())
def test_renpy_translate_finds_nothing_of_ours_untranslated(source, tmp_path):
    base = enginekit.stage_game(str(tmp_path / "game"), source)
    run = enginekit.run_engine(base, "translate", "spanish", timeout=120)
    assert run.returncode == 0, run.output[-2000:]
    written = sorted(os.listdir(os.path.join(base, "game", "tl", "spanish")))
    # Everything Ren'Py would still ask a translator for is the engine's own (common.rpy).
    ours = {n: open(os.path.join(base, "game", "tl", "spanish", n), encoding="utf-8-sig").read()[:1500] for n in written if n != "common.rpy"}
    assert not ours, f"Ren'Py finds strings of ours untranslated (add them to the PO file): {ours}"
    dialogue, _strings = _count(base)
    assert dialogue == 0


def test_renpy_translate_counts_what_a_po_file_leaves_out(tmp_path):
    """The check above can fail: one line and one string left out are both counted."""
    src = str(tmp_path / "sample")
    shutil.copytree(SAMPLE, src)
    complete = _count(enginekit.stage_game(str(tmp_path / "complete"), src))
    path = os.path.join(src, "translations", "es.po")
    with open(path, "rb") as fh:
        cat = read_po(fh)
    for m in cat:
        if m.context in ("sample/morning/chat/sam", "catalogue/red_flags/pressure/explain"):
            m.string = ""
    with open(path, "wb") as fh:
        write_po(fh, cat)
    broken = _count(enginekit.stage_game(str(tmp_path / "broken"), src))
    assert broken == (complete[0] + 1, complete[1] + 1)


def test_the_engine_in_spanish_shows_exactly_what_the_interpreter_says():
    res = run_coverage(SAMPLE, lang="es")
    activate(ENGLISH)
    assert res.ok, "\n".join(res.failures + [m.message for m in res.mismatches if hasattr(m, "message")])
    assert res.matched == res.paths > 0
    sc = res.scenarios[0]
    assert sc.choices.taken == sc.choices.total and sc.endings.taken == sc.endings.total and sc.lines.taken == sc.lines.total


def test_no_spanish_text_overflows_at_the_largest_size(tmp_path):
    import test_overflow

    result = pipeline.check(SCENARIOS)
    if not result.ok:
        pytest.skip("the shipped story does not check clean right now:\n" + result.report.render_text()[-1500:])
    assert use_language(result, SCENARIOS, "es") is None
    try:
        project = result.project
        # The safer path of each story: every screen, at half the time of both paths (the English test plays both).
        transcripts = [interpret.play(sc, [], interpret.prefer("safer")) for sc in project.scenarios]
        testcase = test_overflow._testcase(transcripts, ui).replace(
            "testcase overflow:\n", 'testcase overflow:\n    $ tyg_trace("language", language=_preferences.language)\n', 1
        )
    finally:
        activate(ENGLISH)
    base = enginekit.stage_game(str(tmp_path), SCENARIOS)
    enginekit.set_language(base, "es")
    with open(test_overflow.SUPPORT, encoding="utf-8") as fh:
        enginekit.add_script(base, "zz_overflow_check.rpy", fh.read())
    enginekit.add_script(base, "zz_overflow.rpy", testcase)
    run = enginekit.run_engine(base, "test", "overflow", timeout=420)
    assert run.returncode == 0, run.output[-3000:]
    assert run.of("text_size") == [{"event": "text_size", "size": 1.4}]
    assert len(run.of("ending")) == len(transcripts)
    assert run.of("language") == [{"event": "language", "language": "spanish"}]
    found = [e for e in run.of("overflow") if e["text"] != test_overflow.PROBE_TEXT]
    assert any(e["text"] == test_overflow.PROBE_TEXT for e in run.of("overflow")), "the check missed the deliberate overflow"
    report = "\n".join(f"{e['screens']}: {e['text'][:70]!r} at {e['text_box']} spills out of {e['box']}" for e in found)
    assert not found, "Spanish text overflows at the largest size:\n" + report


def test_translation_table_ignores_fuzzy_entries():
    from babel.messages.catalog import Catalog

    cat = Catalog(locale="es")
    cat.add("Continue", "Seguir", context="ui")
    cat.add("Back", "Atrás", context="ui", flags={"fuzzy"})
    tr = Translation("es", cat)
    assert tr.get("Continue", "ui") == "Seguir" and tr.get("Back", "ui") == "Back"


def test_read_aloud_speaks_spanish_with_a_latin_american_voice_and_english_again_after(tmp_path):
    base = enginekit.stage_game(str(tmp_path), SAMPLE)
    enginekit.set_language(base, "es")
    trace = '    $ tyg_trace("voice", voice=config.tts_voice, language=_preferences.language)\n'
    enginekit.add_script(base, "zz_voice.rpy", "testcase voice:\n" + trace + '    "Ajustes"\n    "English"\n    pause 0.3\n' + trace + "    $ renpy.quit()\n")
    run = enginekit.run_engine(base, "test", "voice", timeout=120)
    assert run.returncode == 0, run.output[-2000:]
    assert [(e["language"], e["voice"]) for e in run.of("voice")] == [("spanish", "es-419"), (None, None)]
