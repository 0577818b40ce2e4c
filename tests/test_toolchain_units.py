"""Exact behaviour of the toolchain's small pure parts: the condition language, the
diagnostic report, reading-level counts and the teaching matrix.

These are the tests that kill the mutants ``bench/mutation.py`` found surviving: each
asserts what a part returns or says, not only that it runs.
"""

from __future__ import annotations

import json
import os

import pytest

from tyg.compile import pipeline
from tyg.compile.conditions import ConditionError, evaluate, flags_read, parse_condition, tokenize
from tyg.compile.diagnostics import CODES, Diagnostic, Loc, Report, Severity, _registry, Code
from tyg.compile.graph import StoryGraph
from tyg.teach import readability
from tyg.teach.readability import Counts, counts, scene_grade
from tyg.teach.teaching import matrix, render_matrix

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "sample")
LOC = Loc("story.yaml", 7, 11)


# ------------------------------------------------------------------ conditions


def parse(text: str):
    return parse_condition(text, LOC)


def show(cond) -> str:
    """A condition written back, fully bracketed."""
    name = type(cond).__name__
    if name == "FlagExpr":
        return cond.name
    if name == "NotExpr":
        return f"(not {show(cond.operand)})"
    return "(" + f" {cond.op} ".join(show(c) for c in cond.operands) + ")"


@pytest.mark.parametrize("text,tree", [
    ("a", "a"),
    ("not a", "(not a)"),
    ("not not a", "(not (not a))"),
    ("a and b", "(a and b)"),
    ("a or b and c", "(a or (b and c))"),
    ("a and b or c", "((a and b) or c)"),
    ("a and b and c", "(a and b and c)"),
    ("a or b or c", "(a or b or c)"),
    ("(a or b) and c", "((a or b) and c)"),
    ("not (a or b)", "(not (a or b))"),
    ("  told_adult   and\tnot chatted2 ", "(told_adult and (not chatted2))"),
])
def test_conditions_parse_with_the_usual_precedence(text, tree):
    assert show(parse(text)) == tree


def test_each_node_knows_its_column():
    cond = parse("x or not (y and zed)")
    assert (cond.loc.line, cond.loc.col) == (7, 11)  # the 'or' starts at the first operand
    x, notexpr = cond.operands
    assert x.loc.col == 11 and x.loc.end_line == 0 and x.loc.end_col == 0
    assert notexpr.loc.col == 11 + 5
    inner = notexpr.operand
    assert inner.op == "and" and inner.loc.col == 11 + 10
    assert [(f.name, f.loc.col) for f in flags_read(cond)] == [("x", 11), ("y", 21), ("zed", 27)]


@pytest.mark.parametrize("text,message,offset", [
    ("", "expected a flag name", 0),
    ("a and", "expected a flag name", 5),
    ("a b", "unexpected 'b'; join conditions with 'and' or 'or'", 2),
    ("(a or b", "missing ')'", 7),
    ("(a or b c", "missing ')'", 8),
    ("a and )", "expected a flag name, found ')'", 6),
    ("a and &", "expected a flag name, found '&'", 6),
    ("a & b", "unexpected '&'; join conditions with 'and' or 'or'", 2),
    ("true", "'true' is not a flag; conditions read flags set with 'set:' (there are no true/false values)", 0),
    ("a or No", "'No' is not a flag; conditions read flags set with 'set:' (there are no true/false values)", 5),
    ("Told", "flag name 'Told' must be lower_case letters, digits and single underscores", 0),
    ("a and b__c", "flag name 'b__c' must be lower_case letters, digits and single underscores", 6),
    ("_a", "flag name '_a' must be lower_case letters, digits and single underscores", 0),
    ("and", "expected a flag name, found 'and'", 0),
    ("not", "expected a flag name", 3),
])
def test_condition_errors_say_what_and_where(text, message, offset):
    with pytest.raises(ConditionError) as err:
        parse(text)
    assert (err.value.message, err.value.offset) == (message, offset)
    assert str(err.value) == message


def test_tokens_and_their_offsets():
    toks = tokenize(" ab( )#")
    assert [(t.kind, t.text, t.offset) for t in toks] == [
        ("word", "ab", 1), ("punct", "(", 3), ("punct", ")", 5), ("bad", "#", 6), ("end", "", 7)]
    assert [(t.kind, t.offset) for t in tokenize("   ")] == [("end", 3)]


@pytest.mark.parametrize("text,flags,want", [
    ("a", {}, False),
    ("a", {"a": True}, True),
    ("a", {"a": False}, False),
    ("not a", {}, True),
    ("a and b", {"a": True}, False),
    ("a and b", {"a": True, "b": True}, True),
    ("a or b", {"b": True}, True),
    ("a or b", {}, False),
    ("not (a or b)", {"a": True}, False),
])
def test_conditions_mean_what_they_say(text, flags, want):
    assert evaluate(parse(text), flags) is want


def test_no_condition_always_holds_and_reads_nothing():
    assert evaluate(None, {}) is True
    assert flags_read(None) == []


# ------------------------------------------------------------------ diagnostics


def test_a_diagnostic_renders_as_file_line_col_severity_code():
    d = Diagnostic("a.yaml", 3, 5, "TYG012", "oops", severity=Severity.WARNING)
    assert d.render() == "a.yaml:3:5: warning[TYG012]: oops"
    assert d.to_json() == {"file": "a.yaml", "line": 3, "column": 5, "end_line": 3, "end_column": 5,
                           "severity": "warning", "code": "TYG012", "message": "oops"}
    d = Diagnostic("a.yaml", 3, 5, "TYG012", "oops", end_line=4, end_col=9)
    assert (d.to_json()["end_line"], d.to_json()["end_column"], d.severity) == (4, 9, Severity.ERROR)


def test_the_report_takes_severity_from_the_registry_and_fills_the_range():
    r = Report()
    r.add("TYG042", Loc("b.yaml", 2, 3), "hard")
    r.add("TYG012", Loc("a.yaml", 9, 1, 10, 4), "unknown")
    r.add("TYG012", Loc("a.yaml", 1, 8), "first")
    warn, err1, err2 = r.items
    assert warn.severity is Severity.WARNING and (warn.end_line, warn.end_col) == (2, 3)
    assert err1.severity is Severity.ERROR and (err1.end_line, err1.end_col) == (10, 4)
    assert r.errors == [err1, err2] and r.warnings == [warn]
    assert r.sorted() == [err2, err1, warn]
    assert r.render_text().splitlines() == [
        "a.yaml:1:8: error[TYG012]: first",
        "a.yaml:9:1: error[TYG012]: unknown",
        "b.yaml:2:3: warning[TYG042]: hard",
        "2 errors, 1 warning",
    ]
    data = json.loads(r.render_json())
    assert (data["errors"], data["warnings"]) == (2, 1)
    assert [d["message"] for d in data["diagnostics"]] == ["first", "unknown", "hard"]


def test_counts_are_singular_for_one_and_absent_for_none():
    r = Report()
    assert r.render_text() == ""
    r.add("TYG012", LOC, "x")
    assert r.render_text().endswith("\n1 error, 0 warnings")
    r = Report()
    r.add("TYG042", LOC, "é")
    assert r.render_text().endswith("\n0 errors, 1 warning")
    assert '"é"' in r.render_json() and r.render_json().startswith('{\n  "diagnostics"')


def test_same_place_sorts_by_code_then_message():
    r = Report()
    r.add("TYG013", LOC, "b")
    r.add("TYG012", LOC, "z")
    r.add("TYG012", LOC, "a")
    assert [(d.code, d.message) for d in r.sorted()] == [("TYG012", "a"), ("TYG012", "z"), ("TYG013", "b")]


def test_an_unknown_code_is_a_programming_error_and_codes_are_unique():
    with pytest.raises(KeyError):
        Report().add("TYG999", LOC, "no such code")
    with pytest.raises(AssertionError):
        _registry(Code("TYG001", Severity.ERROR, "a"), Code("TYG001", Severity.ERROR, "b"))
    assert CODES["TYG042"].severity is Severity.WARNING and CODES["TYG012"].title == "unknown target"
    assert str(Loc("f.yaml", 2, 3)) == "f.yaml:2:3" and Loc("f.yaml") == ("f.yaml", 1, 1, 0, 0)


# ------------------------------------------------------------------ reading level


def test_counts_add_up_and_grade_follows_flesch_kincaid():
    a, b = Counts(10, 2, 14), Counts(5, 1, 9)
    assert a + b == Counts(15, 3, 23)
    assert (a + b).grade == pytest.approx(0.39 * 15 / 3 + 11.8 * 23 / 15 - 15.59)
    assert Counts().grade == 0.0 and Counts(3, 1, 0).grade == 0.0 and Counts(0, 0, 3).grade == 0.0
    assert Counts(4, 0, 4).grade == pytest.approx(0.39 * 4 + 11.8 - 15.59)  # at least one sentence


def test_a_line_without_end_punctuation_is_a_sentence_of_its_own():
    assert counts("hey how are you") == counts("hey how are you.")
    assert counts("Go now please. Tell Mum today.").sentences == 2
    assert counts("Go. Tell Mum today.").sentences == 1  # fragments of two words or fewer do not count
    assert counts("Tell Mum").sentences == 0 and counts("Tell your Mum").sentences == 1
    assert counts("Tell your mum…").words == 3
    assert scene_grade(["", "  "]) == 0.0
    assert scene_grade(["Tell your mum today", "Block the account"]) == (counts("Tell your mum today")
                                                                           + counts("Block the account")).grade


def test_limits_are_the_documented_ones():
    assert readability.MAX_GRADE == 6.0 and readability.MIN_WORDS == 30


# ------------------------------------------------------------------ teaching matrix


def test_the_matrix_names_where_each_item_is_taught():
    project = pipeline.check(SAMPLE).project
    rows = {(r.section, r.id): r for r in matrix(project)}
    assert rows[("red_flags", "pressure")].name == "Pressure"
    assert rows[("red_flags", "stranger_first")].places[0].startswith("sample/")
    assert rows[("resources", "sample_helpline")].places == ["sample/safe_end", "sample/helped_end"]
    assert rows[("discussion_questions", "sample_feelings")].name == "How did Sam feel when the message arrived?"
    assert rows[("discussion_questions", "sample_feelings")].places == ["sample/morning"]
    # Each place once, even when several choices of a scene teach the item.
    for r in rows.values():
        assert len(r.places) == len(set(r.places)), r
    text = render_matrix(list(rows.values()))
    assert text.splitlines()[0] == "red flags (3/3 taught)"
    assert "help resources (2/2 taught)" in text and "discussion questions (1/1 taught)" in text
    assert "  sample_feelings  sample/morning" in text


def test_the_matrix_marks_what_is_not_taught():
    project = pipeline.check(SAMPLE).project
    rows = matrix(project)
    for r in rows:
        if r.id == "pressure":
            r.places = []
    text = render_matrix(rows)
    assert "red flags (2/3 taught)" in text
    line = next(ln for ln in text.splitlines() if ln.strip().startswith("pressure "))
    assert line.endswith("-- NOT TAUGHT --")
    assert render_matrix([]) == ""


# ------------------------------------------------------------------ graph


def test_graph_of_a_scenario_ignores_unknown_targets():
    sc = pipeline.check(SAMPLE).project.scenarios[0]
    g = StoryGraph.of(sc)
    assert g.start == "morning" and g.endings == {"safe_end", "helped_end", "learning_end"}
    assert set(g.edges["wrap_up"]) == {"safe_end", "helped_end", "learning_end"}
    assert all(g.edges[e] == [] for e in g.endings)
    assert g.reachable() == set(g.edges) and g.can_finish() == set(g.edges)


def test_graph_questions_on_a_small_hand_made_graph():
    g = StoryGraph("a", {"end"},
                   {"a": ["b", "c"], "b": ["end"], "c": ["c", "d"], "d": ["c"], "end": [], "x": ["end"]})
    assert g.reachable() == {"a", "b", "c", "d", "end"}
    assert g.can_finish() == {"a", "b", "end", "x"}
    assert sorted(sorted(c) for c in g.cycles()) == [["c", "d"]]
    assert g.count_paths() == 1  # a-b-end; the c/d loop never finishes
    g.edges["d"] = ["c", "end"]
    assert g.count_paths() is None  # a loop on a finishing path: unbounded
    assert StoryGraph(None, set(), {}).count_paths() == 0 and StoryGraph(None, set(), {}).reachable() == set()
    lone = StoryGraph("a", {"end"}, {"a": ["a"], "end": []})
    assert lone.cycles() == [["a"]] and lone.count_paths() == 0
    diamond = StoryGraph("a", {"e", "f"},
                         {"a": ["b", "c"], "b": ["e", "f"], "c": ["e", "f", "f"], "e": [], "f": []})
    assert diamond.count_paths() == 5


# ------------------------------------------------------------------ the check stage on its own

from tyg.compile.check import check_project  # noqa: E402
from tyg.teach.teaching import check_teaching  # noqa: E402
from test_diagnostics import FIXTURES, expected, fixture_dirs  # noqa: E402

#: Codes the check stage (compile/check.py) raises.
CHECK_CODES = {f"TYG{n:03d}" for n in (*range(11, 23), 25, 26, 31, 32, 33, 34)}
TEACH_CODES = {"TYG040", "TYG041", "TYG045"}


def fixture_project(name: str):
    """A diagnostics fixture's project, loaded from its own folder (paths as the fixture shows them)."""
    cwd = os.getcwd()
    os.chdir(os.path.join(FIXTURES, name))
    try:
        return pipeline.check(".").project
    finally:
        os.chdir(cwd)


def stage_alone(name: str, stage, codes: set[str]):
    """What one stage reports on a fixture's loaded project, and what the fixture expects of it."""
    root = os.path.join(FIXTURES, name)
    project = fixture_project(name)
    report = Report()
    stage(project, report)
    got = {(d.file, d.line, d.code) for d in report.items if d.code in codes}
    want = {(f, line, code) for f, line, _, code, _ in expected(root) if code in codes}
    return got, want, report


@pytest.mark.parametrize("name", [d for d in fixture_dirs() if d.split("_")[0] in CHECK_CODES])
def test_check_stage_alone_reports_what_each_fixture_expects(name):
    got, want, _ = stage_alone(name, check_project, CHECK_CODES - {"TYG011"})
    assert got == {w for w in want if w[2] != "TYG011"}


@pytest.mark.parametrize("name", [d for d in fixture_dirs() if d.split("_")[0] in TEACH_CODES])
def test_teaching_stage_alone_reports_what_each_fixture_expects(name):
    got, want, _ = stage_alone(name, check_teaching, TEACH_CODES)
    assert got == want


def test_messages_suggest_the_nearest_name():
    _, _, report = stage_alone("TYG012_scene_goto", check_project, {"TYG012"})
    messages = sorted(d.message for d in report.items if d.code == "TYG012")
    assert messages == [
        "scene 'after' goes to unknown scene 'wrap_upp'",
        "scene 'later' goes to unknown scene 'done_safe'; did you mean 'done'?",
        "scene 'later' goes to unknown scene 'dun'",
        "start scene 'begining' is not a scene of scenario 'fx_start'",
    ]


# ------------------------------------------------------------------ the reference interpreter

from tyg.play import interpret  # noqa: E402
from tyg.play.interpret import PathError, Tables, prefer  # noqa: E402


@pytest.fixture(scope="module")
def sample():
    return pipeline.check(SAMPLE).project.scenarios[0]


def test_prefer_takes_the_first_choice_of_its_kind_else_the_first(sample):
    morning = next(s for s in sample.scenes if s.id == "morning")
    shown = list(morning.choices)
    kinds = [c.kind for c in shown]
    assert prefer("safer")(shown).kind == "safer"
    assert prefer("safer")(shown) is shown[kinds.index("safer")]
    assert prefer("no such kind")(shown) is shown[0]
    assert prefer("risky")(list(reversed(shown))).kind == "risky"


def test_a_path_that_goes_on_after_the_ending_names_the_ending(sample):
    t = interpret.play(sample, ["reply_warmly", "say_no"])
    with pytest.raises(PathError) as err:
        interpret.play(sample, ["reply_warmly", "say_no", "extra"])
    e = err.value
    assert e.scene == t.ending and e.loc == Tables(sample).loc_of(t.ending) and e.loc is not None
    assert e.message == f"the path goes on after ending '{t.ending}': ['extra']"
    assert e.located() == f"{e.loc}: {e.message}" and str(e) == e.message


def test_a_path_that_stops_at_a_decision_or_picks_a_hidden_choice(sample):
    with pytest.raises(PathError) as err:
        interpret.play(sample, [])
    e = err.value
    assert e.scene == "morning" and e.loc == next(s.loc for s in sample.scenes if s.id == "morning")
    assert e.message.startswith("the path ends at a decision in scene 'morning' (choices on screen: [")
    with pytest.raises(PathError) as err:
        interpret.play(sample, ["nope"])
    assert err.value.message.startswith("choice 'nope' is not on screen in scene 'morning' (shown: [")
    assert "its condition" not in err.value.message
    assert PathError("x").located() == "x" and PathError("x").scene is None


def test_loc_of_knows_scenes_and_endings_only(sample):
    tables = Tables(sample)
    assert tables.loc_of("wrap_up") == next(s.loc for s in sample.scenes if s.id == "wrap_up")
    assert tables.loc_of("safe_end") == next(e.loc for e in sample.endings if e.id == "safe_end")
    assert tables.loc_of("nowhere") is None


def test_walk_opens_up_line_ranges_in_order(sample):
    t = interpret.play(sample, ["reply_warmly", "say_no"])
    walked = list(t.walk())
    assert [i for kind, *rest in walked if kind == "line" for i in rest] == list(range(len(t.lines)))
    assert [ev for ev in walked if ev[0] != "line"] == [ev for ev in t.events if ev[0] != "lines"]
    assert walked[0] == ("scene", "morning") and walked[-1] == ("ending", t.ending)
    assert [ev[1] for ev in walked if ev[0] == "decision"] == list(range(len(t.choices)))


def test_play_with_the_same_tables_gives_the_same_transcript(sample):
    tables = Tables(sample)
    a = interpret.play(sample, ["reply_warmly", "say_no"], tables=tables)
    b = interpret.play(sample, ["reply_warmly", "say_no"])
    assert (a.lines, a.choices, a.feedback, a.ending, a.resources) == (b.lines, b.choices, b.feedback, b.ending, b.resources)


# ------------------------------------------------------------------ more of the report and the matrix


def test_same_place_code_and_message_keep_the_order_found():
    r = Report()
    r.add("TYG012", Loc("a.yaml", 1, 1, 9, 9), "same")
    r.add("TYG012", Loc("a.yaml", 1, 1, 2, 2), "same")
    assert [d.end_line for d in r.sorted()] == [9, 2]


def test_the_matrix_renders_each_section_even_after_an_empty_one():
    from tyg.teach.teaching import Row

    rows = [Row("red_flags", "a", "A", ["s/one", "s/two"]), Row("resources", "helpline", "H", [])]
    assert render_matrix(rows).splitlines() == [
        "red flags (1/1 taught)",
        "  a  s/one, s/two",
        "help resources (0/1 taught)",
        "  helpline  -- NOT TAUGHT --",
    ]


def all_runs(sc, depth: int = 8):
    """Every play-through of a small story, by trying each choice on screen in turn."""
    from tyg.play.interpret import Run

    todo, done = [[]], []
    while todo:
        path = todo.pop()
        run = Run(sc)
        for cid in path:
            run.choose(next(c for c in run.advance() if c.id == cid))
        shown = run.advance()
        if shown is None:
            done.append(run.t)
        elif len(path) < depth:
            todo.extend(path + [c.id] for c in shown)
    return done


def test_each_decision_records_the_number_shown_and_what_was_on_screen(sample):
    runs = all_runs(sample)
    assert len(runs) >= 5
    for t in runs:
        assert t.scenario == "sample"
        assert len(t.shown) == len(t.choices) == len(t.feedback)
        for (cid, number), shown in zip(t.choices, t.shown):
            assert shown[number - 1] == cid and number >= 1
    morning = [c.id for c in next(s for s in sample.scenes if s.id == "morning").choices]
    t = interpret.play(sample, [morning[1], *interpret.play(sample, [morning[1]], prefer("safer")).path[1:]])
    assert t.choices[0] == (morning[1], 2) and t.shown[0] == morning


def test_an_item_is_explained_only_the_first_time_a_run_meets_it(sample):
    repeats = 0
    for t in all_runs(sample):
        seen = set()
        for cid, card in zip(t.feedback, t.cards):
            for key, id_, explained in card:
                assert explained == ((key, id_) not in seen), (t.path, cid, key, id_)
                repeats += (key, id_) in seen
            seen |= {(k, i) for k, i, _ in card}
    assert repeats > 0, "no path meets an item twice: the test would prove nothing"


def test_a_hidden_choice_names_its_false_condition(sample):
    with pytest.raises(PathError) as err:
        interpret.play(sample, ["ask_ava", "keep_talking", "stall"])
    e = err.value
    stall = next(c for s in sample.scenes for c in s.choices if c.id == "stall")
    assert e.message == ("choice 'stall' is not on screen in scene 'pressure' (shown: ['say_no'])"
                         f"; its condition (line {stall.cond.loc.line}) is false on this path")
    assert e.scene == "pressure" and e.loc == Tables(sample).loc_of("pressure")


def test_choosing_what_is_not_on_screen_is_refused(sample):
    from tyg.play.interpret import Run

    run = Run(sample)
    run.advance()
    stall = next(c for s in sample.scenes for c in s.choices if c.id == "stall")
    with pytest.raises(PathError) as err:
        run.choose(stall)
    e = err.value
    assert (e.message, e.scene, e.loc) == ("choice 'stall' is not on screen", "morning", Tables(sample).loc_of("morning"))


def test_the_chooser_sees_the_choices_on_screen(sample):
    seen = []

    def last(shown):
        seen.append([c.id for c in shown])
        return shown[-1]

    t = interpret.play(sample, [], last)
    assert seen == t.shown and [c for c, _ in t.choices] == [s[-1] for s in seen]


def test_untaught_items_are_judged_only_on_a_whole_folder_with_stories():
    from tyg.compile.nodes import Project

    got, want, _ = stage_alone("TYG040_taught_nowhere", check_teaching, {"TYG040"})
    assert got == want and got
    p = fixture_project("TYG040_taught_nowhere")
    for project in (Project(p.root, p.catalogue, p.scenarios, whole=False),  # one file: no verdict
                    Project(p.root, p.catalogue, [], whole=True),  # no stories: nothing to judge
                    Project(p.root, None, p.scenarios, whole=True)):  # no catalogue: TYG023 says so
        report = Report()
        check_teaching(project, report)
        assert [d for d in report.items if d.code in ("TYG040", "TYG041")] == []


def test_the_prompt_is_a_line_of_its_own_before_the_choices(sample):
    t = interpret.play(sample, ["reply_warmly", "say_no"])
    prompts = [(line, loc) for line, loc, kind in zip(t.lines, t.locs, t.kinds) if kind == "prompt"]
    asked = [s for s in sample.scenes if s.id in t.scenes and s.choices and s.prompt]
    assert [line for line, _ in prompts] == [(None, s.prompt.value) for s in asked]
    assert [loc for _, loc in prompts] == [s.prompt.loc for s in asked]


def test_duplicate_ids_across_the_project_point_back_to_the_first():
    project = pipeline.check(SAMPLE).project
    cat = project.catalogue
    flag, res, q = cat.red_flags[0], cat.resources[0], cat.discussion_questions[0]
    cat.red_flags.append(flag)
    cat.resources.append(res)
    cat.discussion_questions.append(q)
    project.scenarios.append(project.scenarios[0])
    report = Report()
    check_project(project, report)
    dup = sorted(d.message for d in report.items if d.code == "TYG011")
    sc = project.scenarios[0]
    assert f"duplicate red flag id '{flag.id}' (first defined at {flag.loc})" in dup
    assert f"duplicate resource id '{res.id}' (first defined at {res.loc})" in dup
    assert f"duplicate discussion question id '{q.id}' (first defined at {q.loc})" in dup
    assert f"duplicate scenario id '{sc.id}' (first defined at {sc.loc})" in dup
    prompts = [m for m in dup if m.startswith("duplicate discussion prompt id")]
    assert prompts, dup  # the same scenario twice repeats its discuss steps too


def test_the_registry_keeps_every_code_once():
    a, b = Code("TYG900", Severity.ERROR, "a"), Code("TYG901", Severity.WARNING, "b")
    assert _registry(a, b) == {"TYG900": a, "TYG901": b}


def test_a_condition_node_is_a_point_whatever_range_its_yaml_had():
    cond = parse_condition("a or b", Loc("s.yaml", 7, 11, 7, 30))
    assert [(x.loc.line, x.loc.col, x.loc.end_line, x.loc.end_col) for x in (cond, *cond.operands)] == [
        (7, 11, 0, 0), (7, 11, 0, 0), (7, 16, 0, 0)]


def test_a_transcript_is_the_story_as_written(sample):
    """Two paths through the sample, line by line, against tests/sample/sample.yaml."""
    t = interpret.play(sample, ["ask_ava", "block_report"])
    assert list(zip(t.kinds, [loc.line for loc in t.locs], t.lines)) == [
        ("narrate", 36, (None, "It is Saturday morning. Sam's phone buzzes.")),
        ("chat", 37, ("jess_xo ✨", "hey!! saw ur post, ur cute 😊 [not a tag] {not a tag} 100% real")),
        ("chat", 39, ("Sam", "who is this?")),
        ("say", 41, ("Sam", 'I don\'t know any "Jess".')),
        ("prompt", 50, (None, "What does Sam do?")),
        ("say", 89, ("Ava", "Never heard of her. Her account is one day old.")),
        ("say", 93, ("Sam", "Good thing I asked.")),  # the 'if: asked_friend' branch
    ]
    assert t.events == [("scene", "morning"), ("lines", 0, 4), ("discuss", "sample_q1"), ("lines", 4, 5),
                        ("decision", 0), ("scene", "ava_chat"), ("lines", 5, 6), ("lines", 6, 7),
                        ("decision", 1), ("scene", "wrap_up"), ("ending", "safe_end")]
    assert t.flags == {"replied": False, "asked_friend": True, "reported": True}
    assert t.discussions == ["sample_q1"] and (t.ending, t.resources) == ("safe_end", ["sample_helpline"])
    assert [(r.flag, r.loc.line, r.scene, r.was_set) for r in t.reads] == [
        ("asked_friend", 91, "ava_chat", True), ("reported", 151, "wrap_up", True), ("replied", 151, "wrap_up", True)]
    assert t.unset_reads == []
    # The other branch of the same 'if', and a goto branch further down.
    t = interpret.play(sample, ["ignore", "block_report"])
    assert t.lines[5:7] == [("Ava", "Never heard of her. Her account is one day old."),
                            (None, "Sam mentions the message to Ava later.")]
    assert t.flags["asked_friend"] is False and t.ending == "safe_end"


def test_a_story_that_loops_stops_at_the_limit_naming_the_scenes():
    from tyg.play.interpret import Run

    sc = pipeline.check(os.path.join(ROOT, "tests", "fixtures", "randomplay", "loop")).project.scenarios[0]
    run = Run(sc, limit=12)
    with pytest.raises(PathError) as err:
        while (shown := run.advance()) is not None:
            run.choose(next((c for c in shown if c.id == "check_again"), shown[0]))
    e = err.value
    assert e.message == "no ending after 12 scenes: the story loops (it kept going round 'waiting', 'message')"
    assert e.scene == "waiting" and e.loc == Tables(sc).loc_of("waiting") and len(run.t.scenes) == 12


def test_what_nothing_teaches_is_named_with_its_own_code_and_words():
    from tyg.teach.teaching import report_untaught

    project = pipeline.check(SAMPLE).project
    rows = matrix(project)
    for r in rows:
        if r.id in ("pressure", "sample_phone", "sample_feelings", "support_friend"):
            r.places = []
    report = Report()
    report_untaught(project.catalogue, rows, report)
    cat = project.catalogue
    assert [(d.code, d.line, d.message) for d in report.items] == [
        ("TYG040", next(i.loc.line for i in cat.red_flags if i.id == "pressure"),
         "red flag 'pressure' is taught by no choice's feedback"),
        ("TYG040", next(i.loc.line for i in cat.upstander_steps if i.id == "support_friend"),
         "upstander step 'support_friend' is taught by no choice's feedback"),
        ("TYG040", next(i.loc.line for i in cat.resources if i.id == "sample_phone"),
         "help resource 'sample_phone' is shown by no ending"),
        ("TYG041", next(i.loc.line for i in cat.discussion_questions if i.id == "sample_feelings"),
         "discussion question 'sample_feelings' is asked by no discuss step (add 'asks: sample_feelings')"),
    ]


def test_reading_level_messages_say_the_grade_and_the_limit():
    from tyg.teach.readability import check_reading_level

    _, _, report = stage_alone("TYG042_boundary", check_reading_level, {"TYG042"})
    messages = sorted(d.message for d in report.items)
    assert messages == [
        "scenario 'fx_over' as a whole reads at US grade 6.1; teen text must be at most 6",
        "scene 'hard_30' reads at US grade 14.3; teen text must be at most 6. Use shorter sentences and shorter words",
        "scene 'just_over' reads at US grade 6.3; teen text must be at most 6. Use shorter sentences and shorter words",
    ]


def test_syllables_are_looked_up_once_and_right():
    import textstat

    readability.KNOWN.clear()
    c = counts("Extraordinary communication")
    assert c.syllables == textstat.syllable_count("extraordinary") + textstat.syllable_count("communication")
    assert readability.KNOWN["extraordinary"] == textstat.syllable_count("extraordinary")
    assert counts("Extraordinary communication") == c


def test_only_teen_stories_are_held_to_the_reading_level():
    from tyg.compile.nodes import Project
    from tyg.teach.readability import check_reading_level

    p = fixture_project("TYG042_boundary")
    adult = p.scenarios[0]
    adult_copy = type(adult)(**{**adult.__dict__, "audience": "adult"}) if hasattr(adult, "__dict__") else adult
    for order in ([adult_copy, *p.scenarios], [*p.scenarios, adult_copy]):
        report = Report()
        check_reading_level(Project(p.root, p.catalogue, order, whole=True), report)
        assert len(report.items) == 3, [d.message for d in report.items]  # the adult story is never judged


def test_wording_is_checked_in_the_story_and_the_catalogue_together():
    from tyg.teach.safeguarding import check_wording

    for name in ("TYG043_wording", "TYG043_catalogue"):
        got, want, report = stage_alone(name, check_wording, {"TYG043"})
        assert got == want and got
        assert all(": '" in d.message and d.message.split(":")[0] in ("fatalism", "wording", "victim-blaming")
                   for d in report.items), [d.message for d in report.items]


@pytest.fixture(scope="module")
def reads_story():
    """A story made for the interpreter's bookkeeping (it does not pass the checks: it loops)."""
    from tyg.compile.load import load_scenario

    report = Report()
    sc = load_scenario(os.path.join(ROOT, "tests", "fixtures", "interpret", "reads.yaml"), report)
    assert sc is not None and not report.items, report.render_text()
    return sc


def test_play_starts_at_the_start_scene_not_the_first_one(reads_story):
    assert reads_story.scenes[0].id == "round_1" and reads_story.start.id == "hello"
    t = interpret.play(reads_story, ["check"])
    assert t.scenes == ["hello", "sort"] and t.ending == "done"
    assert Tables(reads_story).start == "hello"


def test_every_flag_read_is_logged_with_its_scene_and_whether_the_path_had_set_it(reads_story):
    t = interpret.play(reads_story, ["check"])
    reads = [(r.flag, r.scene, r.was_set) for r in t.reads]
    # hello: the if (set just before), the if nested in its then-arm (never set), the if nested
    # in its else-arm is not reached; the choice 'check' (set); sort: its branches in order.
    assert reads == [
        ("waved", "hello", True), ("blocked", "hello", False),
        ("waved", "hello", True),
        ("muted", "sort", False), ("checked", "sort", True),
    ]
    line = lambda flag, scene: next(r.loc.line for r in t.reads if (r.flag, r.scene) == (flag, scene))  # noqa: E731
    text = open(os.path.join(ROOT, "tests", "fixtures", "interpret", "reads.yaml"), encoding="utf-8").read().splitlines()
    assert "blocked" in text[line("blocked", "hello") - 1] and "muted" in text[line("muted", "sort") - 1]
    assert [(r.flag, r.scene) for r in t.unset_reads] == [("blocked", "hello"), ("muted", "sort")]


def test_reads_in_the_else_arm_of_an_if_name_their_scene(reads_story):
    import copy

    sc = copy.deepcopy(reads_story)
    hello = next(s for s in sc.scenes if s.id == "hello")
    hello.steps = [st for st in hello.steps if type(st).__name__ != "SetFlags"]  # 'waved' stays unset
    run = interpret.Run(sc)
    assert [c.id for c in run.advance()] == ["circle"]  # 'check' needs 'waved'
    assert [(r.flag, r.scene, r.was_set) for r in run.t.reads] == [
        ("waved", "hello", False), ("muted", "hello", False), ("waved", "hello", False)]


def test_a_long_loop_names_the_six_scenes_seen_last(reads_story):
    from tyg.play.interpret import Run

    run = Run(reads_story, limit=30)
    with pytest.raises(PathError) as err:
        while (shown := run.advance()) is not None:
            run.choose(next(c for c in shown if c.id == "circle"))
    e = err.value
    assert e.message == ("no ending after 30 scenes: the story loops (it kept going round "
                         "'round_5', 'round_4', 'round_3', 'round_2', 'round_1', 'round_8')")
    assert e.scene == "round_6" and e.loc == Tables(reads_story).loc_of("round_6")


def test_a_scene_whose_goto_branches_all_fail_stops_with_its_place(reads_story):
    """The checks make the last goto branch unconditional (TYG015); a tree built another way
    that breaks the rule stops play with a PathError at the scene, never a crash or a wrong turn."""
    import copy

    sc = copy.deepcopy(reads_story)
    sort = next(s for s in sc.scenes if s.id == "sort")
    for branch in sort.goto:
        branch.cond = copy.deepcopy(sort.goto[0].cond)  # "if: muted", never set
    with pytest.raises(PathError) as err:
        interpret.play(sc, ["check"])
    e = err.value
    assert (e.message, e.scene, e.loc) == ("no goto branch of scene 'sort' holds", "sort", sort.loc)


def test_a_choice_that_is_not_in_the_scene_at_all_has_no_condition_to_name(sample):
    with pytest.raises(PathError) as err:
        interpret.play(sample, ["nope"])
    shown = [c.id for c in next(s for s in sample.scenes if s.id == "morning").choices if c.cond is None]
    assert err.value.message == f"choice 'nope' is not on screen in scene 'morning' (shown: {shown})"


def test_tables_of_a_scenario_without_scenes_can_be_made(reads_story):
    """TYG015 stops such a story before play; the tables a tool makes of it still build."""
    import copy

    sc = copy.deepcopy(reads_story)
    sc.scenes, sc.start = [], None
    tables = Tables(sc)
    assert tables.scenes == {} and tables.start not in tables.endings
