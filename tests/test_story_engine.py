"""Full play-throughs of every shipped scenario in the real engine, checked line for line.

For each scenario, the reference interpreter plans two complete paths (always
the safer choice, and always the riskier one). One engine process plays them
all; the engine's trace must equal the interpreter's transcript: every line,
every choice, a feedback screen after each decision, and the ending.
"""

from __future__ import annotations

import os

import pytest

import enginekit
from tyg import interpret, pipeline

ROOT = enginekit.ROOT
SOURCES = [os.path.join(ROOT, "scenarios"), os.path.join(ROOT, "tests", "sample")]


def plans(source):
    result = pipeline.check(source)
    assert result.ok, result.report.render_text()
    out = []
    for sc in result.project.scenarios:
        for kind in ("safer", "risky"):
            out.append(interpret.play(sc, [], interpret.prefer(kind)))
    return out


@pytest.mark.parametrize("source", SOURCES, ids=["scenarios", "sample"])
def test_engine_plays_full_paths_exactly_as_the_interpreter_says(source, tmp_path):
    transcripts = plans(source)
    if not transcripts:
        pytest.skip(f"no scenarios in {source} yet")
    base = enginekit.stage_game(str(tmp_path), source)
    enginekit.add_script(base, "zz_paths.rpy", enginekit.path_testcase("story_paths", transcripts))
    run = enginekit.run_engine(base, "test", "story_paths", timeout=240)
    assert run.returncode == 0, run.output[-3000:]
    runs = enginekit.split_runs(run.events)
    assert len(runs) == len(transcripts)
    for t, events in zip(transcripts, runs):
        assert events[0] == {"event": "begin", "scenario": t.scenario}
        shown = [(e["who"], e["what"]) for e in events if e["event"] == "line"]
        assert shown == t.lines, f"{t.scenario}: the engine showed other lines than the interpreter"
        assert [e["choice"] for e in events if e["event"] == "choice"] == [c for c, _ in t.choices]
        kinds = [e["event"] for e in events if e["event"] in ("choice", "feedback")]
        assert kinds == ["choice", "feedback"] * len(t.choices), "a decision without its feedback screen"
        assert [e["id"] for e in events if e["event"] == "ending"] == [t.ending]
