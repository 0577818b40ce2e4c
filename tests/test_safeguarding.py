"""The wording lint: catches what the tone guide forbids, and leaves the messages we want alone."""

from __future__ import annotations

import pytest

from tyg.teach.safeguarding import findings

#: At least one example of its own for every rule in RULES (test_every_rule_has_an_example_of_its_own).
FLAGGED = [
    ("It was your fault for sending it.", "victim-blaming"),
    ("It is partly her own fault.", "victim-blaming"),
    ("You should have known better.", "victim-blaming"),
    ("Why did you send that?", "victim-blaming"),
    ("Why would you trust him?", "victim-blaming"),
    ("What were you thinking?", "victim-blaming"),
    ("Some will say she asked for it.", "victim-blaming"),
    ("What goes online stays online.", "fatalism"),
    ("You can never get it back.", "fatalism"),
    ("You will never take it back now.", "fatalism"),
    ("It will be out there forever.", "fatalism"),
    ("The photo is online forever.", "fatalism"),
    ("My life is over.", "fatalism"),
    ("Everything is ruined now.", "fatalism"),
    ("There is nothing you can do.", "fatalism"),
    ("Nothing can be done about it.", "fatalism"),
    ("Stop sexting.", "wording"),
    ("They sexted all night.", "wording"),
    ("The police will always find them.", "overpromise"),
    ("Offenders can usually be traced.", "overpromise"),
    ("The app will follow up with you.", "overpromise"),
    ("she sent porn", "explicit"),
    ("a cyber  sex chat", "explicit"),
]
CLEAN = [
    "It is not your fault.",
    "It isn't your fault, and it never was.",
    "None of this was his fault.",
    "It was never her fault.",
    "Sharing nudes can go wrong. Help exists, and images can be taken down.",
    "Sextortion is a crime.",
    "She asked for a picture.",
]


@pytest.mark.parametrize("text,kind", FLAGGED)
def test_flags_forbidden_wording(text, kind):
    assert kind in [k for k, _, _ in findings(text)]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_the_wanted_messages_alone(text):
    assert findings(text) == []


def test_every_rule_has_an_example_of_its_own():
    """Deleting or breaking any one rule makes at least one FLAGGED example pass unflagged."""
    from tyg.teach.safeguarding import RULES

    for kind, rx, _ in RULES:
        own = [text for text, k in FLAGGED if k == kind and rx.search(text)]
        others = [r for r in RULES if r[1] is not rx]
        assert own, f"no example for the {kind} rule {rx.pattern!r}"
        # ... and one that no other rule would catch, so the rule is not merely redundant.
        assert any(not any(r[1].search(text) for r in others) for text in own), rx.pattern


def test_the_finding_names_the_words_and_gives_advice():
    [(kind, words, advice)] = findings("Honestly, your life is over now.")
    assert (kind, words) == ("fatalism", "life is over") and advice == "this removes hope"
    [(kind, words, advice)] = findings("Stop SEXTING.")
    assert (kind, words) == ("wording", "SEXTING") and "sharing nudes" in advice


def test_one_finding_per_rule_and_one_per_broken_rule():
    found = findings("Your fault. Your fault again. What goes online stays online.")
    assert [k for k, _, _ in found] == ["victim-blaming", "fatalism"]


def test_a_negation_too_far_back_does_not_excuse_blame():
    # "not" more than 30 characters before "your fault", in the same sentence, is another thought.
    assert [k for k, _, _ in findings("It is not that I think it was, in the end, all your fault.")] == ["victim-blaming"]
    assert findings("It is not, in the end, your fault.") == []
    # A negation in an earlier sentence does not excuse the next one.
    assert [k for k, _, _ in findings("No. Your fault.")] == ["victim-blaming"]


def test_a_blaming_sentence_after_a_reassuring_one_is_still_caught():
    assert [k for k, _, _ in findings("It is not his fault. But it was your fault too.")] == ["victim-blaming"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tyg.teach.safeguarding import EXPLICIT, _rule_findings  # noqa: E402

PHRASES = ["your fault", "not", "should have known", "why did you", "What were you thinking", "asked for it",
           "what goes online stays online", "can never get it back", "online forever", "life is over",
           "nothing can be done", "sexting", "Sexted", "fine", "OK", ".", "no one", "never", *EXPLICIT]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(PHRASES) | st.text(max_size=6), max_size=8).map(" ".join))
def test_the_quick_prefilter_never_hides_a_finding(text):
    assert findings(text) == _rule_findings(text)


def test_check_wording_reports_every_text_of_every_scenario_in_order():
    """Findings in two scenarios, in each one's head, in several scenes, in an ending and in the
    catalogue: all of them, each at its text's place, in the order the texts come."""
    import copy
    import os

    from tyg.compile.diagnostics import Report
    from tyg.compile.load import load_project
    from tyg.teach.safeguarding import check_wording

    root = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "sample")
    project = load_project(root, Report())
    second = copy.deepcopy(project.scenarios[0])
    second.id = "again"
    project.scenarios.append(second)
    bad = "Stop sexting."
    places = []
    for sc in project.scenarios:
        lines = [st.text for scene in sc.scenes for st in scene.steps if hasattr(st, "text")]
        choices = [c for scene in sc.scenes for c in scene.choices]
        texts = [sc.title, lines[0], lines[3], choices[0].text, choices[-1].feedback.why, sc.endings[0].summary]
        for t in texts:
            t.value = bad
            places.append((t.loc.line, t.loc.col))
    project.catalogue.red_flags[0].explain.value = bad
    places.append((project.catalogue.red_flags[0].explain.loc.line, project.catalogue.red_flags[0].explain.loc.col))
    report = Report()
    check_wording(project, report)
    assert [(d.line, d.col) for d in report.items] == places
    assert all(d.code == "TYG043" and "sexting" in d.message for d in report.items)
