"""Translations without the engine: extract and update round-trip, fuzzy marks, checks, Spanish play.

The engine side (Ren'Py's own translate command, Spanish coverage and
overflow) is in tests/test_i18n_engine.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from tyg.compile import pipeline
from tyg.compile.diagnostics import Report
from tyg.compile.rpytext import renpy_literal, say_literal
from tyg.i18n import languages
from tyg.i18n import po as pofile
from tyg.i18n.apply import Translation
from tyg.i18n.checks import check_spanish_reading, spanish_findings
from tyg.i18n.messages import all_msgs
from tyg.i18n.renpy_tl import tl_files
from tyg.teach.texts import catalogue_texts, scenario_texts

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "sample")
BUILD = [sys.executable, os.path.join(ROOT, "build.py")]


def sample_copy(tmp_path) -> str:
    dest = str(tmp_path / "sample")
    shutil.copytree(SAMPLE, dest)
    return dest


def po_of(folder: str):
    with open(os.path.join(folder, "translations", "es.po"), "rb") as fh:
        return read_po(fh)


def entries(cat) -> dict:
    return {(m.context, m.id): (m.string, "fuzzy" in m.flags) for m in cat if m.id}


def run(*args, cwd=ROOT):
    return subprocess.run([*BUILD, *args], cwd=cwd, capture_output=True, text=True)


def test_extract_lists_every_visible_string_with_a_stable_context_and_its_yaml_line(tmp_path):
    src = sample_copy(tmp_path)
    r = run("translations", "extract", src)
    assert r.returncode == 0, r.stderr
    with open(os.path.join(src, "translations", pofile.POT_NAME), "rb") as fh:
        pot = read_po(fh)
    project = pipeline.check(src).project
    texts = [t for sc in project.scenarios for t in scenario_texts(sc)] + list(catalogue_texts(project.catalogue))
    by_text = {}
    for m in pot:
        if m.id:
            by_text.setdefault(m.id, []).append(m)
    for t in texts:
        assert t.value in by_text, f"not extracted: {t.value!r}"
        assert any(ln == t.loc.line for m in by_text[t.value] for _f, ln in m.locations), t.value
    got = {m.context for m in pot if m.id}
    assert "sample/morning/reply_warmly/why" in got and "sample/morning/chat/stranger" in got
    assert "catalogue/red_flags/pressure/explain" in got and "catalogue/resources/sample_phone/phone" in got
    chat = next(m for m in pot if m.context == "sample/morning/chat/stranger")
    assert any("chat message from jess_xo" in c and "offender" in c for c in chat.auto_comments)
    button = next(m for m in pot if m.context == "ui" and m.id == "Continue")
    assert button.auto_comments == ["A button."]
    # The runtime's strings are whole sentences with named fields, flagged for PO editors to check.
    fields = next(m for m in pot if m.context == "ui" and m.id == "You play {name}, {age}.")
    assert "python-brace-format" in fields.flags
    # Deterministic: extracting again writes nothing.
    assert "unchanged" in run("translations", "extract", src).stdout


def test_update_round_trips_without_losing_a_translation(tmp_path):
    src = sample_copy(tmp_path)
    assert all(s and not fuzzy for s, fuzzy in entries(po_of(src)).values())
    assert run("translations", "update", src).returncode == 0  # up to date with the runtime first
    before = entries(po_of(src))
    for _ in range(2):
        r = run("translations", "update", src)
        assert r.returncode == 0, r.stderr
        now = entries(po_of(src))
        # Every translation is still there (the runtime may have gained strings since the PO was made).
        assert {k: now.get(k) for k in before} == before
    # An update with nothing new changes no byte.
    assert "nothing changed" in run("translations", "update", src).stdout


def test_a_yaml_edit_marks_exactly_the_changed_entries_fuzzy(tmp_path):
    src = sample_copy(tmp_path)
    assert run("translations", "update", src).returncode == 0  # up to date with the runtime first
    before = entries(po_of(src))
    path = os.path.join(src, "sample.yaml")
    text = open(path, encoding="utf-8").read()
    text = text.replace("text: who is this?", "text: who is this, really?")
    # A new line before others: their contexts must not move.
    text = text.replace(
        "      - narrate: It is Saturday morning. Sam's phone buzzes.",
        "      - narrate: Zebras.\n      - narrate: It is Saturday morning. Sam's phone buzzes.",
    )
    open(path, "w", encoding="utf-8").write(text)
    r = run("translations", "update", src)
    assert r.returncode == 0, r.stderr
    after = po_of(src)
    now = entries(after)
    changed = ("sample/morning/chat/sam", "who is this, really?")
    assert now[changed] == (before[("sample/morning/chat/sam", "who is this?")][0], True)
    po_text = open(os.path.join(src, "translations", "es.po"), encoding="utf-8").read()
    assert '#, fuzzy\n#| msgid "who is this?"\nmsgctxt "sample/morning/chat/sam"\nmsgid "who is this, really?"' in po_text
    assert now[("sample/morning/narrate", "Zebras.")] == ("", False)
    fuzzy = [k for k, (_s, f) in now.items() if f and not before.get(k, ("", False))[1]]
    assert fuzzy == [changed]
    for key, value in before.items():
        if key != ("sample/morning/chat/sam", "who is this?"):
            assert now[key] == value, key
    # The old English is kept as an obsolete entry, not lost.
    assert ("sample/morning/chat/sam", "who is this?") not in now
    report = Report()
    languages.check(pipeline.check(src, langs=[]).project, src, report, ["es"])
    flagged = {d.message.split("'")[1] for d in report.items if d.code == "TYG046"}
    assert {"sample/morning/chat/sam", "sample/morning/narrate"} <= flagged  # the fuzzy one and the new one


def test_the_sample_checks_clean_in_spanish_even_strictly():
    r = run("check", "tests/sample", "--lang", "es", "--strict")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""


def test_per_language_checks_find_each_mistake(tmp_path):
    src = sample_copy(tmp_path)
    path = os.path.join(src, "translations", "es.po")
    text = open(path, encoding="utf-8").read()
    text = text.replace('msgstr "Llama al {phone}"', 'msgstr "Llama al número"')  # a placeholder lost
    text = text.replace('msgstr "Otro ejemplo, con un número de teléfono en vez de un enlace."', 'msgstr ""')
    text = text.replace('msgstr "Sam dejó el celular."', 'msgstr "Sam dejó el celular y sexting."')
    open(path, "w", encoding="utf-8").write(text)
    strict = run("check", src, "--lang", "es", "--strict")
    assert strict.returncode == 1
    found = strict.stderr
    assert re.search(r"es\.po:\d+:1: error\[TYG047\]: 'ui': .*missing '\{phone\}'", found)
    assert re.search(r"es\.po:\d+:1: error\[TYG046\]: 'catalogue/resources/sample_phone/explain' .* is not translated", found)
    assert re.search(r"sample\.yaml:\d+:1: warning\[TYG043\]: in Spanish .*sexting", found)
    relaxed = run("check", src, "--lang", "es")
    assert "warning[TYG046]" in relaxed.stderr and relaxed.returncode == 1  # TYG047 is an error either way
    # Without --lang, a language not listed in LINGUAS is not checked: English stays clean.
    assert run("check", src).returncode == 0


def test_spanish_wording_lint():
    assert spanish_findings("No es tu culpa. La culpa es de quien amenaza.") == []
    assert [k for k, *_ in spanish_findings("Fue tu culpa por mandarla.")] == ["victim-blaming"]
    assert [k for k, *_ in spanish_findings("Lo que se sube a internet se queda ahí.")] == ["fatalism"]
    assert [k for k, *_ in spanish_findings("Hablemos del sexting.")] == ["wording"]
    assert [k for k, *_ in spanish_findings("Me pidió porno.")] == ["explicit"]
    assert spanish_findings("Compartir desnudos tiene riesgos, y siempre hay ayuda.") == []


def test_spanish_reading_level_uses_szigriszt_pazos_with_a_grade_6_limit(tmp_path):
    src = sample_copy(tmp_path)
    project = pipeline.check(src, langs=[]).project
    tr = Translation("es", po_of(src))
    from tyg.i18n.apply import translate_project

    spanish = translate_project(project, tr)
    report = Report()
    check_spanish_reading(spanish, report)
    assert report.items == []
    # The same story told in long, learned sentences goes over the limit.
    hard = "La comunicación interpersonal mediante plataformas tecnológicas contemporáneas presenta numerosas vulnerabilidades, especialmente considerando la manipulación psicológica sistemática ejercida por individuos malintencionados que aprovechan la ingenuidad característica de determinados adolescentes."
    for sc in spanish.scenarios:
        for scene in sc.scenes:
            for c in scene.choices:
                c.feedback.why.value = hard
    check_spanish_reading(spanish, report)
    assert {d.code for d in report.items} == {"TYG042"}
    assert any("Szigriszt-Pazos" in d.message and "sample" in d.message for d in report.items)


def test_ren_py_translations_are_escaped_like_the_english(tmp_path):
    src = sample_copy(tmp_path)
    project = pipeline.check(src, langs=[]).project
    msgs = all_msgs(project, languages.RUNTIME_ROOT)
    cat = po_of(src)
    tricky = 'Dijo "hola" [no es] {etiqueta} 100%  dos  espacios \\ fin'
    for m in cat:
        if m.context in ("sample/morning/chat/sam", "sample/morning/ignore/text"):
            m.string = tricky
    from tyg.compile.lower import lower_project

    files = tl_files("spanish", lower_project(project, "catalogue.yaml"), msgs, Translation("es", cat), "es.po")
    say = files["tl/spanish/scenario_sample.rpy"]
    assert f"    tyg_m__sample__sam {say_literal(tricky)}\n" in say
    assert "nointeract" in say  # the menu's question shows with its choices
    strings = files["tl/spanish/strings.rpy"]
    # Menu captions and data: the English and the translation as the game holds them, [ and { doubled.
    assert f'    old "Ignore it for now"\n    new {renpy_literal(tricky.replace("[", "[[").replace("{", "{{"))}\n' in strings
    # The runtime's strings keep their fields as written.
    assert '    old "Call {phone}"\n    new "Llama al {phone}"\n' in strings


def test_screens_translate_whole_sentences_never_glued_pieces():
    glued = re.compile(r'__?\("[^"]*"\)\s*\+|\+\s*__?\(|"[•✓] "\s*\+|\.name\s*\+\s*"')
    for name in sorted(os.listdir(os.path.join(ROOT, "game"))):
        if name.endswith(".rpy"):
            for n, line in enumerate(open(os.path.join(ROOT, "game", name), encoding="utf-8"), 1):
                assert not glued.search(line), f"game/{name}:{n} glues translated pieces: {line.strip()}"


def test_transcript_and_text_play_in_spanish():
    r = run("transcript", "sample", "tests/sample", "--path", "ask_ava,block_report", "--lang", "es")
    assert r.returncode == 0, r.stderr
    assert "Es sábado en la mañana. Suena el celular de Sam." in r.stdout
    assert "Por qué importa: Los amigos que conoces en persona" in r.stdout
    assert "No es tu culpa. La culpa es de la persona que presiona o amenaza." in r.stdout
    play = subprocess.run(
        [*BUILD, "play", "--text", "tests/sample", "--scenario", "sample", "--lang", "es"],
        cwd=ROOT, input="2\n\n1\n\n\n3\n", capture_output=True, text=True,
    )
    assert play.returncode == 0, play.stderr
    assert "Juegas como Sam, 14 años." in play.stdout and "Elegiste: Preguntarle a Ava si conoce esta cuenta" in play.stdout
    assert "Adiós." in play.stdout
    missing = run("transcript", "sample", "tests/sample", "--lang", "xx")
    assert missing.returncode == 2 and "translations update --lang xx" in missing.stderr


def test_the_guide_in_spanish_carries_the_translated_story(tmp_path):
    out = str(tmp_path / "guide")
    r = run("guide", "tests/sample", "--out", out, "--lang", "es")
    assert r.returncode == 0, r.stderr
    html = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    assert "Ejemplo: El nuevo seguidor" in html and "¿Cómo se sintió Sam cuando llegó el mensaje?" in html


@pytest.mark.parametrize("po", ["translations/es.po", "tests/sample/translations/es.po"])
def test_po_headers_ask_for_a_native_safeguarding_review(po):
    head = open(os.path.join(ROOT, po), encoding="utf-8").read(1500)
    assert "native speaker with safeguarding experience" in head


def test_export_and_import_let_translators_work_on_one_story_each(tmp_path):
    src = sample_copy(tmp_path)
    part = str(tmp_path / "part.po")
    r = run("translations", "export", src, "--lang", "es", "--context", "sample/pressure/", "--file", part)
    assert r.returncode == 0, r.stderr
    with open(part, "rb") as fh:
        got = read_po(fh)
    assert {m.context for m in got if m.id} == {
        "sample/pressure/chat/stranger", *(f"sample/pressure/{c}/{f}" for c in ("say_no", "stall") for f in ("text", "title", "happened", "why"))
    }
    before = entries(po_of(src))
    for m in got:
        if m.context == "sample/pressure/stall/title":
            m.string = "Dar largas no cierra la puerta"
        if m.context == "sample/pressure/say_no/title":
            m.string, m.flags = "Sin revisar", {"fuzzy"}  # not copied: a fuzzy entry is not a translation yet
    with open(part, "wb") as fh:
        from babel.messages.pofile import write_po

        write_po(fh, got)
    r = run("translations", "import", src, "--lang", "es", "--file", part)
    assert r.returncode == 0, r.stderr
    now = entries(po_of(src))
    changed = {k for k in now if now[k] != before.get(k)}
    assert changed == {("sample/pressure/stall/title", "Stalling keeps the door open")}
    assert now[("sample/pressure/stall/title", "Stalling keeps the door open")] == ("Dar largas no cierra la puerta", False)
