"""build.py graph: the story as DOT, SVG (Graphviz's real ``dot``) and Mermaid, and the maps in the guide.

The SVG is rendered to PNG by Chromium (as a browser shows it) and its pixels
are looked at: the choice colours, the ending colours and the dark red of
what no player gets through must be on the picture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tyg.author import drawing
from tyg.compile import pipeline

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "sample")
GATE = os.path.join(ROOT, "tests", "fixtures", "coverage", "never_on_screen")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed (tools/setup.sh)")


def scenario(source: str):
    return pipeline.check(source).project.scenarios[0]


def run_graph(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, os.path.join(ROOT, "build.py"), "graph", *args], capture_output=True, text=True, cwd=ROOT)


def edge_lines(dot: str, src: str, dst: str) -> list[str]:
    return [line for line in dot.splitlines() if line.strip().startswith(f'"{src}" -> "{dst}"')]


def test_dot_colours_choices_by_kind_and_shows_conditions_endings_and_prompts():
    dot = drawing.to_dot(scenario(SAMPLE))
    assert dot.startswith("// sample: made by build.py graph")
    (warm,) = edge_lines(dot, "morning", "pressure")  # reply_warmly, risky
    assert 'color="#c62828"' in warm and "style=dashed" in warm and "reply_warmly" in warm and "set replied=true" in warm
    (ask,) = edge_lines(dot, "morning", "ava_chat")[:1]
    assert 'color="#1b7f3b"' in ask and "style=solid" in ask
    (stall,) = [e for e in edge_lines(dot, "pressure", "wrap_up") if "stall" in e]
    assert 'color="#5f6b7a"' in stall and "if not asked_friend" in stall
    branch = edge_lines(dot, "wrap_up", "safe_end")[0]
    assert "if reported and not replied" in branch
    for ending, fill in (("safe_end", "#c8e6c9"), ("helped_end", "#bbdefb"), ("learning_end", "#ffe0b2")):
        node = next(line for line in dot.splitlines() if line.strip().startswith(f'"{ending}" ['))
        assert f'fillcolor="{fill}"' in node and "peripheries=2" in node
    note = next(line for line in dot.splitlines() if line.strip().startswith('"talk__'))
    assert "shape=note" in note and "Talk about it" in note
    assert "UNREACHABLE" not in dot and "never on screen" not in dot
    assert drawing.to_dot(scenario(SAMPLE)) == dot, "the same story gives the same bytes"


def test_what_no_player_gets_through_stands_out():
    sc = scenario(GATE)
    problems = drawing.Problems.of(sc)
    assert problems.never_shown == {"not_asked"} and "quiet_end" in problems.unreachable
    dot = drawing.to_dot(sc, problems)
    (hidden,) = edge_lines(dot, "intro", "quiet_end")
    assert 'color="#8b0000"' in hidden and "never on screen" in hidden and "style=dotted" in hidden
    quiet = next(line for line in dot.splitlines() if line.strip().startswith('"quiet_end" ['))
    assert "UNREACHABLE" in quiet and 'fillcolor="#ffcdd2"' in quiet
    mermaid = drawing.to_mermaid(sc, problems)
    assert "class n_quiet_end problem" in mermaid and "never on screen" in mermaid


def test_a_trap_choice_is_marked(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(os.path.join(ROOT, "tests", "fixtures", "diagnostics", "TYG044_unwinnable_choice"), src)
    sc = pipeline.check(str(src)).project.scenarios[0]
    problems = drawing.Problems.of(sc)
    assert problems.trap_choices == {"just_think"}
    dot = drawing.to_dot(sc, problems)
    (line,) = [e for e in dot.splitlines() if "just_think" in e]
    assert "⚠ trap" in line and 'color="#8b0000"' in line


def test_mermaid_is_a_flowchart_with_styled_links():
    text = drawing.to_mermaid(scenario(SAMPLE))
    lines = text.splitlines()
    assert lines[1] == "flowchart TD"
    assert any(line.strip().startswith("n_morning -.->|") and "reply_warmly" in line for line in lines)
    styles = [line for line in lines if line.strip().startswith("linkStyle")]
    choices = sum(len(s.choices) for s in scenario(SAMPLE).scenes)
    assert len(styles) == choices and any("stroke:#c62828" in line and "stroke-dasharray" in line for line in styles)
    assert "class n_safe_end end_safe" in text and "class n_talk__" in text


@needs_dot
def test_build_py_graph_writes_dot_svg_and_mermaid(tmp_path):
    proc = run_graph("sample", SAMPLE, "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert sorted(os.listdir(tmp_path)) == ["sample.dot", "sample.mmd", "sample.svg"]
    svg = ET.parse(tmp_path / "sample.svg").getroot()
    assert svg.tag.endswith("svg")
    texts = " ".join(t.text or "" for t in svg.iter() if t.tag.endswith("text"))
    for word in ("morning", "reply_warmly", "if not asked_friend", "END safe_end", "Talk about it:", "Key"):
        assert word in texts, word
    assert run_graph("sample", SAMPLE, "--to", "mermaid").stdout == open(tmp_path / "sample.mmd", encoding="utf-8").read()
    missing = run_graph("nobody", SAMPLE, "--out", str(tmp_path))
    assert missing.returncode == 2 and "there are: sample" in missing.stderr


def colours_in(png: str) -> set[tuple[int, int, int]]:
    from PIL import Image

    return {c for _, c in Image.open(png).convert("RGB").getcolors(maxcolors=1 << 24)}


def near(colours: set[tuple[int, int, int]], hex_colour: str, tol: int = 12) -> bool:
    want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return any(all(abs(c[i] - want[i]) <= tol for i in range(3)) for c in colours)


@needs_dot
@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium to render the SVG")
def test_the_svg_as_a_browser_draws_it(tmp_path):
    proc = run_graph("gate", GATE, "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    png = tmp_path / "gate.png"
    subprocess.run(
        ["timeout", "-k", "5", "60", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=500,700", f"--screenshot={png}", f"file://{tmp_path / 'gate.svg'}"],
        capture_output=True, check=False,
    )
    assert png.exists()
    colours = colours_in(str(png))
    assert near(colours, "#1b7f3b"), "a safer choice is drawn in green"
    assert near(colours, "#8b0000"), "what no player gets through is dark red"
    assert near(colours, "#ffcdd2") and near(colours, "#c8e6c9"), "the unreachable ending is pink, the safe one green"


@needs_dot
def test_the_guide_shows_each_story_map_next_to_its_decision_tables(tmp_path):
    from tyg.teach.guide import render_guide

    page = render_guide(pipeline.check(SAMPLE).project)
    at = page.index('<figure class="story-map">')
    assert page.index("<h3>Map of the decisions</h3>") < at < page.index('<div class="card decision"')
    assert page.count("<svg") == 1 and "reply_warmly" in page[at:page.index("</figure>")]
