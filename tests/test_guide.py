"""build.py guide: the printable facilitator guide, checked as HTML and as the PDF Chromium prints."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys

import pytest

from tyg.compile import pipeline
from tyg.teach.guide import StoryMap, prose
from tyg.compile.lower import Names, lower_index
from tyg.compile.nodes import LEARNING_SECTIONS, Discuss, walk_steps

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
SAMPLE = os.path.join(ROOT, "tests", "sample")
CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (bash tools/setup.sh --test)")

#: The shipped guide prints on 45 pages today (4 scenarios). Far fewer would mean
#: whole parts are missing; far more, that something overflows or repeats.
PAGES = range(25, 81)


def build_guide(source: str, out: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, os.path.join(ROOT, "build.py"), "guide", source, "--out", out],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def print_to_pdf(page: str, pdf: str, profile: str) -> None:
    """Headless Chromium prints the page as a facilitator's browser would, with nothing from the network."""
    cmd = [
        "timeout", "-k", "5", "240",
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", f"file://{page}",
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0 and os.path.getsize(pdf) > 0, proc.stderr[-2000:]


def pdf_text(pdf: str) -> str:
    assert shutil.which("pdftotext"), "pdftotext is missing: install poppler-utils (bash tools/setup.sh --test)"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return squash(text)


def pdf_info(pdf: str) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def squash(text: str) -> str:
    """Whitespace as one space, and typographic quotes as plain ones, for comparing wrapped text."""
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def shipped():
    return pipeline.check(SCENARIOS).project


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    out = tmp_path_factory.mktemp("guide")
    proc = build_guide(SCENARIOS, str(out))
    assert proc.returncode == 0, proc.stderr
    assert os.listdir(out) == ["index.html"], "the guide is one self-contained file"
    return str(out / "index.html")


def read(path: str) -> str:
    return open(path, encoding="utf-8").read()


# ---------------------------------------------------------------- the HTML


def test_guide_holds_every_question_and_catalogue_item(guide, shipped):
    page = read(guide)
    cat = shipped.catalogue
    assert len(cat.discussion_questions) == 6
    for q in cat.discussion_questions:
        assert html.escape(q.question.value) in page, q.id
    for sec in LEARNING_SECTIONS:
        for item in cat.section(sec.key):
            assert html.escape(item.name.value) in page, (sec.key, item.id)
            assert html.escape(item.explain.value) in page, (sec.key, item.id)
    for r in cat.resources:
        for value in (r.name.value, r.phone, r.sms, r.url):
            if value:
                assert html.escape(value) in page, r.id


def card(page: str, anchor: str) -> str:
    """The HTML of the card with this id, up to its own closing tag (cards nest no cards)."""
    m = re.search(r'<div class="card[^"]*" id="' + re.escape(anchor) + r'">(.*?)(?=<div class="card|</section>)', page, re.S)
    assert m, f"no card #{anchor}"
    return m.group(1)


def test_each_question_card_holds_its_own_question(guide, shipped):
    """The back matter's card for each of the six questions, and each story's card for each of its
    discussion prompts, show that question (the same words also appear elsewhere in the guide)."""
    page = read(guide)
    for n, q in enumerate(shipped.catalogue.discussion_questions, 1):
        assert f'<p class="question">{n}. {html.escape(q.question.value)}</p>' in card(page, f"q-{q.id}"), q.id
    for sc in shipped.scenarios:
        m = StoryMap.of(sc)
        for p in m.discussions:
            body = card(page, m.question_anchor(p.number))
            assert f'<p class="question">{html.escape(p.step.question.value)}</p>' in body, (sc.id, p.number)
            assert html.escape(" ".join(p.step.notes.value.split()[:6])) in body, (sc.id, p.number)


def test_guide_holds_every_decision_discussion_and_ending(guide, shipped):
    page = read(guide)
    for sc in shipped.scenarios:
        for text in (sc.title, sc.summary, sc.content_note):
            assert html.escape(text.value) in page, sc.id
        for scene in sc.scenes:
            if scene.prompt:
                assert html.escape(scene.prompt.value) in page, scene.id
            for c in scene.choices:
                assert html.escape(c.text.value) in page, c.id
            for st in walk_steps(scene.steps):
                if isinstance(st, Discuss):
                    assert html.escape(st.question.value) in page, st.id
                    first_words = " ".join(st.notes.value.split()[:6])
                    assert html.escape(first_words) in page, st.id
        for e in sc.endings:
            assert html.escape(e.title.value) in page and html.escape(e.summary.value) in page, e.id


def test_scenarios_come_in_menu_order(guide, shipped):
    by_name = {Names(sc.id).scenario: sc.id for sc in shipped.scenarios}
    menu = [by_name[v.name] for _, values in lower_index(shipped, "scenarios").defines[0].args for v in values]
    page = read(guide)
    starts = [page.index(f'<section class="part scenario" id="s-{sid}">') for sid in menu]
    assert len(menu) == len(shipped.scenarios) and starts == sorted(starts)


def test_guide_is_self_contained_and_printable(guide):
    page = read(guide)
    assert "<script" not in page.lower() and "<link" not in page.lower() and "<img" not in page.lower()
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', page)), "only links inside the guide"
    ids = re.findall(r'id="([^"]*)"', page)
    assert len(ids) == len(set(ids)), "anchors are unique"
    assert {h[1:] for h in re.findall(r'href="([^"]*)"', page)} <= set(ids), "every link has a target"
    assert "@page" in page and "break-inside: avoid" in page and "break-before: page" in page


def test_same_yaml_gives_the_same_bytes(guide, tmp_path):
    proc = build_guide(SCENARIOS, str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert open(tmp_path / "index.html", "rb").read() == open(guide, "rb").read()


def escaped_title_project(tmp_path) -> str:
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    yaml_file = src / "sample.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    evil = "title: \"<script>alert('x')</script> & <b>bold</b>\""
    yaml_file.write_text(text.replace('title: "Sample: The New Follower"', evil, 1), encoding="utf-8")
    return str(src)


def test_author_strings_are_escaped(tmp_path):
    proc = build_guide(escaped_title_project(tmp_path), str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    page = read(str(tmp_path / "out" / "index.html"))
    assert "<script" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page


def test_author_error_exits_1_and_writes_nothing(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    yaml_file = src / "sample.yaml"
    broken = yaml_file.read_text(encoding="utf-8").replace("goto: wrap_up", "goto: wrap_upp", 1)
    yaml_file.write_text(broken, encoding="utf-8")
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "wrap_upp" in text)
    col = broken.splitlines()[line - 1].index("wrap_upp") + 1
    fresh = tmp_path / "fresh"
    proc = build_guide(str(src), str(fresh))
    assert proc.returncode == 1
    assert f"sample.yaml:{line}:{col}: error[TYG012]" in proc.stderr, proc.stderr
    assert not fresh.exists()
    # An older guide in the folder is left exactly as it was.
    old = tmp_path / "old"
    old.mkdir()
    (old / "index.html").write_text("an older guide", encoding="utf-8")
    assert build_guide(str(src), str(old)).returncode == 1
    assert os.listdir(old) == ["index.html"] and (old / "index.html").read_text(encoding="utf-8") == "an older guide"


# ---------------------------------------------------------------- the map and the notes


def test_map_follows_passages_to_decisions_and_endings():
    sc = pipeline.check(SAMPLE).project.scenarios[0]
    m = StoryMap.of(sc)
    assert m.number == {"morning": 1, "ava_chat": 2, "pressure": 3}
    # wrap_up has no choices: its flag-driven goto decides between three endings.
    assert m.follow("wrap_up") == (["wrap_up"], ["safe_end", "helped_end", "learning_end"], True)
    assert m.follow("pressure") == ([], ["pressure"], False)
    assert m.comes_after["ava_chat"] == [1] and m.comes_after["pressure"] == [1, 2]
    assert m.comes_after["safe_end"] == [2, 3] and m.comes_after["morning"] == [0]
    assert [(p.number, p.scene.id) for p in m.discussions] == [(1, "morning")]
    assert "At " in m.where(sc.scenes[0]) and "Decision 1" in m.where(sc.scenes[0])


def test_notes_keep_their_lists_and_paragraphs():
    notes = (
        "Likely answers: excited,\nhappy.\nPoints to stress:\n- one <b>\n  continued & more\n- two\n"
        "Then:\n3. third\n   still third\n4. fourth\n\nLast line."
    )
    assert prose(notes) == (
        "<p>Likely answers: excited, happy.</p><p>Points to stress:</p>"
        "<ul><li>one &lt;b&gt; continued &amp; more</li><li>two</li></ul>"
        '<p>Then:</p><ol start="3"><li>third still third</li><li>fourth</li></ol><p>Last line.</p>'
    )


# ---------------------------------------------------------------- the printed pages


@needs_chromium
def test_pdf_prints_every_question_on_a_sensible_number_of_pages(guide, shipped, tmp_path):
    pdf = str(tmp_path / "guide.pdf")
    print_to_pdf(guide, pdf, str(tmp_path / "profile"))
    info = pdf_info(pdf)
    assert int(info["Pages"]) in PAGES, info["Pages"]
    # A4's width and Letter's height, so it prints at 100% on either.
    w, h = (float(x) for x in re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"]).groups())
    assert abs(w - 595.3) < 1.5 and abs(h - 792.0) < 1.5, info["Page size"]
    text = pdf_text(pdf)
    for q in shipped.catalogue.discussion_questions:
        assert squash(q.question.value) in text, q.id
    for sc in shipped.scenarios:
        for scene in sc.scenes:
            for st in walk_steps(scene.steps):
                if isinstance(st, Discuss):
                    assert squash(st.question.value) in text, st.id
    assert "If a young person discloses" in text and "It is not your fault" in text


@needs_chromium
def test_pdf_shows_an_escaped_title_as_text(tmp_path):
    out = tmp_path / "out"
    assert build_guide(escaped_title_project(tmp_path), str(out)).returncode == 0
    pdf = str(tmp_path / "sample.pdf")
    print_to_pdf(str(out / "index.html"), pdf, str(tmp_path / "profile"))
    assert "<script>alert('x')</script> & <b>bold</b>" in pdf_text(pdf)
