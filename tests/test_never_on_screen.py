"""TYG052 from build.py check: a choice that is never on screen, found without playing the story.

The check is a linear pass over the story with each flag known false, true or
either; the full search of the flag states in play/coverage.py is the judge.
It must never report a choice that some path shows (no false alarm), and it
must find the hidden choices of the fixtures and of generated stories.
"""

from __future__ import annotations

import glob
import os
import re
import sys

import pytest

from tyg.compile import pipeline
from tyg.compile.diagnostics import Report
from tyg.play import coverage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))


def shown_by_search(sc) -> set[str] | None:
    f = coverage.examine(sc)
    if not f.graph.complete:
        return None
    return {c.id for out in f.graph.edges for c, _ in out if c is not None}


def reported(project) -> dict[str, str]:
    report = Report()
    coverage.check_never_on_screen(project, report)
    assert all(d.code == "TYG052" and d.severity.value == "warning" for d in report.items)
    return {d.message.split("'")[1]: d.message for d in report.items}


def sources() -> list[str]:
    out = [os.path.join(ROOT, "scenarios"), os.path.join(ROOT, "tests", "sample")]
    out += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "coverage", "*")))
    out += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "diagnostics", "TYG0[2-5]*")))
    return out


@pytest.mark.parametrize("source", sources(), ids=lambda p: os.path.relpath(p, ROOT))
def test_no_false_alarm_on_real_stories(source):
    result = pipeline.check(source)
    if result.project is None or any(d.code < "TYG012" for d in result.report.errors):
        pytest.skip("does not load")
    for sc in result.project.scenarios:
        hidden = reported(type(result.project)(result.project.root, result.project.catalogue, [sc]))
        shown = shown_by_search(sc)
        if shown is not None:
            assert not (set(hidden) & shown), f"{sc.id}: reported but a path shows them: {set(hidden) & shown}"


def test_the_fixture_is_found_by_check_with_the_message_coverage_gives():
    source = os.path.join(ROOT, "tests", "fixtures", "coverage", "never_on_screen")
    result = pipeline.check(source)
    assert result.ok
    (d,) = [d for d in result.report.items if d.code == "TYG052"]
    assert "choice 'not_asked' is never on screen" in d.message and "when scene 'intro' is shown" in d.message
    (sc,) = result.project.scenarios
    assert d in coverage.examine(sc).problems, "the same diagnostic as build.py coverage's"


def test_generated_stories_with_hidden_choices(tmp_path):
    """The benchmark generator's stories, with conditions that really hide choices: every choice the
    check reports is hidden in the full search, and it finds most of the hidden ones."""
    from build_scaling import generate_project

    found = hidden_total = 0
    for seed in (1, 2, 3, 4, 5):
        src = str(tmp_path / f"src{seed}")
        generate_project(src, 120, 120, seed=seed)
        path = os.path.join(src, "bench_000.yaml")
        text = open(path, encoding="utf-8").read()
        # "not X or X" never hides a choice; "not X" hides it once X is surely set.
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(re.sub(r"if: not (\w+) or \1\n", r"if: not \1\n", text))
        result = pipeline.check(src)
        (sc,) = result.project.scenarios
        hidden = reported(result.project)
        shown = shown_by_search(sc)
        assert shown is not None
        truly = {c.id for s in sc.scenes for c in s.choices} - shown
        assert set(hidden) <= truly, f"seed {seed}: false alarms {set(hidden) - truly}"
        assert sorted(hidden) == sorted(d.message.split("'")[1] for d in result.report.items if d.code == "TYG052")
        found += len(hidden)
        hidden_total += len(truly)
    assert hidden_total >= 3, "the generated stories hide some choices"
    assert found >= hidden_total // 2, (found, hidden_total)
