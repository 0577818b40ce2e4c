"""The wording lint: catches what the tone guide forbids, and leaves the messages we want alone."""

from __future__ import annotations

import pytest

from tyg.teach.safeguarding import findings

FLAGGED = [
    ("It was your fault for sending it.", "victim-blaming"),
    ("You should have known better.", "victim-blaming"),
    ("Why did you send that?", "victim-blaming"),
    ("What goes online stays online.", "fatalism"),
    ("You can never get it back.", "fatalism"),
    ("It will be out there forever.", "fatalism"),
    ("Stop sexting.", "wording"),
    ("she sent porn", "explicit"),
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
